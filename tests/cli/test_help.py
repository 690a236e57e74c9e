"""Every command has help with an example, and is documented in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from glossary.cli import cli

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
COMMANDS = cli.list_commands(click.Context(cli))  # the lazily registered ones (dedupe, apply) too


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_example(name: str) -> None:
    r = CliRunner().invoke(cli, [name, "--help"])
    assert r.exit_code == 0 and "Example:" in r.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_command_in_readme(name: str) -> None:
    assert f"glossary {name}" in README


def test_lazy_commands_are_listed() -> None:
    assert {"dedupe", "apply", "lookup"} <= set(COMMANDS)
    r = CliRunner().invoke(cli, ["--help"])
    assert r.exit_code == 0 and "dedupe" in r.stdout and "apply" in r.stdout
