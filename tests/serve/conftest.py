"""The session's server: ``glossary serve`` on the shipped glossary, started once, stopped with
SIGTERM at the end (which must stop it cleanly: exit 0, no traceback)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._http import Client, Server, start_server


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    s = start_server()
    yield s
    code, out, err = s.stop()
    assert code == 0 and "stopped" in out and "Traceback" not in err, (code, out, err)


@pytest.fixture(scope="session")
def client(server: Server) -> Client:
    return server.client
