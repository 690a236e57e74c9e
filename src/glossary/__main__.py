"""`python -m glossary` runs the command line."""

from .cli import main

main()
