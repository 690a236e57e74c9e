"""Real HTTP for the tests: `start_server` runs ``python -m glossary serve --port 0`` in a subprocess
on loopback and reads the address it prints; `Client` speaks plain HTTP/1.1 (``http.client``) to
it, so every request is a real request over a socket.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO.parent / "shared" / "data" / "reconcile"
"""The specification's schemas and examples (``../shared/data/reconcile`` beside the clone)."""


@dataclass
class Reply:
    """One HTTP answer."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        assert self.headers.get("content-type", "").startswith("application/json"), self.headers
        return json.loads(self.body)


class Client:
    """Requests to one server (a new connection each, as clients do between batches)."""

    def __init__(self, base: str) -> None:
        self.base = base
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: Mapping[str, str] | None = None) -> Reply:
        con = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            con.request(method, path, body=body, headers=dict(headers or {}))
            r = con.getresponse()
            return Reply(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        finally:
            con.close()

    def get(self, path: str, params: Mapping[str, str] | None = None, headers: Mapping[str, str] | None = None) -> Reply:
        return self.request("GET", path + ("?" + urlencode(params) if params else ""), headers=headers)

    def post_form(self, path: str, fields: Mapping[str, str]) -> Reply:
        """A form POST, as OpenRefine sends a batch (``queries=<JSON>``, UTF-8, percent-encoded)."""
        return self.request("POST", path, urlencode(fields).encode("ascii"),
                            {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})

    def post_json(self, path: str, data: Any) -> Reply:
        return self.request("POST", path, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                            {"Content-Type": "application/json"})


@dataclass
class Server:
    """A running ``glossary serve`` subprocess."""

    process: subprocess.Popen[str]
    client: Client
    banner: str

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, str, str]:
        """Send ``sig`` and wait; the exit code, the rest of stdout, and stderr."""
        self.process.send_signal(sig)
        out, err = self.process.communicate(timeout=30)
        return self.process.returncode, out, err


def same_code() -> dict[str, str]:
    """The environment for a subprocess that must run the very `glossary` this process imported
    (not whichever one an editable install points at when it starts)."""
    import glossary

    src = str(Path(glossary.__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join([src, *filter(None, [os.environ.get("PYTHONPATH")])])}


def start_server(*args: str, env: Mapping[str, str] | None = None) -> Server:
    """``python -m glossary [args…] serve --port 0``; waits for its banner (the address it listens on)."""
    cmd = [sys.executable, "-m", "glossary", *args, "serve", "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            env={**same_code(), **(env or {})}, cwd=REPO)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    if " at http://" not in first:
        proc.kill()
        _, err = proc.communicate(timeout=30)
        raise AssertionError(f"the server did not start: {first!r} {err}")
    banner = first + "".join(proc.stdout.readline() for _ in range(4))
    return Server(proc, Client(first.rsplit(" at ", 1)[1].strip()), banner)
