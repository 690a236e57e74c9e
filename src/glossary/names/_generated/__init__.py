"""Modules generated from ``glossary/names/tables/*.yaml`` by ``python -m glossary.names._gentables``."""
