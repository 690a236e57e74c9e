"""Running the service: the glossary loaded once, uvicorn on a socket we bind, a clean stop.

`load_service` loads the glossary files and builds their index in memory (from the files, in a
private temporary cache folder, so that every lookup is answered from memory, not from the
on-disk cache's SQLite file: three times faster per query), once for the life of the server.
`run` binds the socket itself (port 0 picks a free one, and the real address is printed), then
runs uvicorn on it until SIGINT or SIGTERM: the server stops accepting, lets the requests in
flight finish (at most `GRACE` seconds), stops the worker thread and returns.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from .app import App
from .service import Service

if TYPE_CHECKING:
    import uvicorn

GRACE = 10
"""Seconds the requests in flight get to finish after SIGINT or SIGTERM."""
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def load_service(paths: Sequence[str] | None = None, *, title: str = "glossary") -> Service:
    """A `Service` over the glossary files ``paths`` (default: ``$GLOSSARY_PATH``, else the
    shipped glossary), its index built in memory. Raises `GlossaryError` for invalid files."""
    from ..glossary import load

    with tempfile.TemporaryDirectory(prefix="glossary-serve-") as folder:
        g = load(list(paths) if paths else None, cache_dir=folder)
        g.index  # noqa: B018  (built now, in memory, while the folder exists)
        return Service(g, title=title)


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port`` (IPv6 when the host is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    """The base URL of a bound socket."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def run(service: Service, sock: socket.socket, *, access_log: bool = False, out: TextIO = sys.stdout) -> None:
    """Serve ``service`` on ``sock`` until SIGINT or SIGTERM (see the module docstring)."""
    import uvicorn

    app = App(service)
    base = url_of(sock)
    config = uvicorn.Config(app, log_level="info" if access_log else "warning", access_log=access_log,
                            lifespan="off", timeout_graceful_shutdown=GRACE, server_header=False)
    server = _server(config)
    print(f"glossary serve: {len(service.entities):,} entities at {base}\n"
          f"  OpenRefine (API 0.2): {base}/reconcile\n"
          f"  API 1.0-draft:        {base}/\n"
          f"  search and cards:     {base}/search\n"
          "Press Ctrl+C to stop.", file=out, flush=True)
    try:
        server.run(sockets=[sock])
    finally:
        app.close()
        sock.close()
    print("glossary serve: stopped", file=out, flush=True)


def _server(config: uvicorn.Config) -> uvicorn.Server:
    """A uvicorn server that stops on SIGINT or SIGTERM and then returns: uvicorn's own raises the
    signal again once stopped, which ends the process by the signal (or, for SIGINT, with
    KeyboardInterrupt) before our clean-up runs, and is not an exit status of 0."""
    import uvicorn

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            if threading.current_thread() is not threading.main_thread():
                yield  # signals reach the main thread only: whoever runs us there stops us
                return
            previous = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

    return Server(config)
