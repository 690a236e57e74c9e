"""Streams and exit codes, run as a user runs the command (a subprocess): no traceback on any stream.

Exit status: 0 ok, 1 no result only, 2 usage, input or stream error (one line on stderr),
141 quietly when the reader of standard output went away (see `glossary.cli.main`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from glossary.cli import cli
from glossary.errors import EXIT_BROKEN_PIPE

SMALL = Path(__file__).parents[1] / "data" / "valid" / "small.yaml"
CMD = [sys.executable, "-m", "glossary", "--glossary", str(SMALL)]
CSV = "id,actor\n" + "".join(f"{i},Jaish al-Izzah\n" for i in range(2000))


def run(args: list[str], *, shell_redirect: str = "", stdin: str | None = None, stdout: Any = subprocess.PIPE,
        cwd: Path | None = None) -> tuple[int, str, str]:
    """The command with ``args``; ``shell_redirect`` (``<&-``, ``>&-``, ``>/dev/full``) applied by a shell."""
    argv = [*CMD, *args]
    if shell_redirect:
        argv = ["sh", "-c", f'exec "$@" {shell_redirect}', "sh", *argv]
    r = subprocess.run(argv, input=stdin, stdout=stdout, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                       timeout=120, check=False, cwd=cwd)
    return r.returncode, r.stdout or "", r.stderr


@pytest.mark.parametrize("args", [["resolve", "-"], ["translit", "-"], ["dedupe", "-", "-c", "actor"]])
def test_closed_stdin_is_one_line_and_exit_2(args: list[str]) -> None:
    code, out, err = run(args, shell_redirect="<&-")
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and err.startswith("standard input is closed: give "), err


@pytest.mark.parametrize("args", [["lookup", "Jaish al-Izzah"], ["list"], ["lookup", "Idlib"], ["schemes"]])
def test_closed_stdout_is_one_line_and_exit_2(args: list[str]) -> None:
    code, _, err = run(args, shell_redirect=">&-", stdout=None)
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines() == ["glossary: cannot write to standard output: it is closed"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["lookup", "Jaish al-Izzah"], ["list"], ["dedupe", "-", "-c", "actor"],
                                  ["resolve", "-"]])
def test_full_disk_is_one_line_and_exit_2(args: list[str]) -> None:
    code, _, err = run(args, shell_redirect=">/dev/full", stdin=CSV, stdout=None)
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines()[-1] == "glossary: cannot write to standard output: No space left on device"


def _into_closed_pipe(args: list[str], stdin: str | None = None) -> tuple[int, str]:
    """The command writing into a pipe whose reader is already gone (as ``| head -1`` leaves it)."""
    read, write = os.pipe()
    os.close(read)
    try:
        r = subprocess.run([*CMD, *args], input=stdin, stdout=write, stderr=subprocess.PIPE, text=True,
                           encoding="utf-8", timeout=120, check=False)
    finally:
        os.close(write)
    return r.returncode, r.stderr


@pytest.mark.parametrize("args", [["schemes"], ["list"], ["lookup", "Jaish al-Izzah"], ["resolve", "-"],
                                  ["dedupe", "-", "-c", "actor", "--no-progress"]])
def test_broken_pipe_is_quiet_and_exits_141(args: list[str]) -> None:
    code, err = _into_closed_pipe(args, stdin=CSV)
    assert (code, err) == (EXIT_BROKEN_PIPE, "")


def test_head_of_a_pipeline() -> None:
    r = subprocess.run(["sh", "-c", '"$@" | head -1; exit "${PIPESTATUS:-0}"', "sh", *CMD, "list"],
                       capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert r.stdout.startswith("id") and len(r.stdout.splitlines()) == 1 and r.stderr == ""


@pytest.mark.parametrize("args", [["lookup", ""], ["lookup", "   "], ["search", ""], ["resolve", "Homs", ""],
                                  ["show", ""], ["lookup", "Homs", "--locale", "fr"], ["lookup", "Homs", "--scheme", "x"],
                                  ["resolve", "-", "--encoding", "no-such-codec"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    r = CliRunner().invoke(cli, ["--glossary", str(SMALL), *args], input="Homs\n")
    assert r.exit_code == 2 and r.stdout == "" and "Error:" in r.stderr, (args, r.output)


def test_exit_1_only_for_no_result() -> None:
    def code(*args: str) -> int:
        return CliRunner().invoke(cli, ["--glossary", str(SMALL), *args]).exit_code

    assert code("lookup", "Xyzzy Qwerty") == 1
    assert code("show", "no-such-id") == 1
    assert code("search", "zzzzqqqxxx") == 1
    assert code("resolve", "Xyzzy Qwerty") == 1
    assert code("lookup", "Jaish al-Izzah") == 0
    assert code("resolve", "-") == 0  # a batch: a miss is "match": null


def test_ambiguous_lookup_lists_the_fits_then_the_first_card(monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary.glossary import Glossary
    from glossary.match import Match, Resolution

    city = Match(id="idlib", label="Idlib", type="place", score=0.86, name="Idlib", level="exact")
    province = Match(id="idlib-governorate", label="Idlib", type="place", score=0.86, name="Idlib", level="exact")
    monkeypatch.setattr(Glossary, "resolve", lambda self, name, **kw: Resolution(name, "ambiguous", None,
                                                                               (city, province)))
    r = CliRunner().invoke(cli, ["--glossary", str(SMALL), "lookup", "Idlib", "--full"])
    assert r.exit_code == 0 and r.stderr == ""
    head, _, card = r.stdout.partition("\n\n")
    assert head.startswith("ambiguous: several entities fit: “Idlib”") and "idlib-governorate" in head
    assert card.splitlines()[1].split() == ["id", "idlib"] and "إِدْلِب" in card
    r = CliRunner().invoke(cli, ["--glossary", str(SMALL), "lookup", "Idlib", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["status"] == "ambiguous"


def test_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary.glossary import Glossary

    def interrupted(self: Glossary, name: str, **kw: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Glossary, "resolve", interrupted)
    assert CliRunner().invoke(cli, ["--glossary", str(SMALL), "lookup", "Homs"]).exit_code == 130


def test_output_is_utf8_whatever_the_locale() -> None:
    env = {**os.environ, "LC_ALL": "C", "PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0"}
    r = subprocess.run([*CMD, "show", "jaysh-al-izza", "--full"], capture_output=True, env=env, timeout=120, check=False)
    assert r.returncode == 0 and "جيش العزة".encode() in r.stdout and r.stderr == b""
    # an argument typed in UTF-8 reads as UTF-8 though the C locale decoded it as ASCII
    r = subprocess.run([*CMD, "lookup", "جيش العزة", "--json"], capture_output=True, env=env, timeout=120, check=False)
    assert r.returncode == 0 and json.loads(r.stdout)["query"] == "جيش العزة"
