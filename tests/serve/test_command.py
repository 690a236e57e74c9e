"""``glossary serve`` as a command: registered lazily (a lookup never imports the web stack),
refuses what it cannot do with exit 2, and stops cleanly on SIGINT and SIGTERM."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli

from ._http import REPO, same_code, start_server


def test_help() -> None:
    r = CliRunner().invoke(cli, ["serve", "--help"])
    assert r.exit_code == 0 and "/reconcile" in r.stdout and "--port" in r.stdout


def test_lookup_does_not_import_the_web_stack() -> None:
    code = ("import sys; from glossary.cli import main; sys.argv = ['glossary', 'lookup', 'Kafranbel']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'anyio')"
            " or m.startswith('glossary.serve')))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60, check=False,
                       env=same_code())
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_stops_cleanly_on_signal(sig: signal.Signals) -> None:
    s = start_server()
    assert s.client.get("/reconcile").status == 200
    code, out, err = s.stop(sig)
    assert (code, "Traceback" in err, out.strip()) == (0, False, "glossary serve: stopped")


def test_port_in_use_and_bad_glossary(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        r = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert r.exit_code == 2 and f"cannot listen on 127.0.0.1:{port}" in r.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - id: x\n    type: grop\n    romanized: X\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["--glossary", str(bad), "serve", "--port", "0"])
    assert r.exit_code == 2 and "unknown type 'grop'" in r.output


def test_serves_another_glossary(tmp_path: Path) -> None:
    f = tmp_path / "mine.yaml"
    f.write_text("entities:\n  - id: tall-rifat\n    type: place\n    romanized: Tall Rifat\n    arabic: تل رفعت\n",
                 encoding="utf-8")
    s = start_server("--glossary", str(f))
    try:
        out = s.client.post_json("/reconcile", {"q": {"query": "Tal Refaat"}}).json()
        assert [(c["id"], c["match"]) for c in out["q"]["result"]] == [("tall-rifat", True)]
        assert "1 entities" in s.banner
    finally:
        assert s.stop()[0] == 0
