"""The ``serve`` command: a thin client of `glossary.serve`.

The command group imports this module only when ``serve`` is asked for (``COMMANDS``), so a
lookup never imports the web stack.
"""

from __future__ import annotations

import click

from .state import State, pass_state


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; the service has no authentication).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port; the address is printed).")
@click.option("--title", default="glossary", show_default=True, help="The service's name in OpenRefine.")
@click.option("--access-log", is_flag=True, help="Log every request on stderr.")
@pass_state
def serve(state: State, host: str, port: int, title: str, access_log: bool) -> None:
    """Run a W3C reconciliation service for OpenRefine (API 0.2) and API 1.0-draft clients,
    with suggest, preview, data extension, HTML cards and search, until Ctrl+C (or SIGTERM).

    The glossary is loaded once and its index kept in memory. In OpenRefine: Reconcile →
    Start reconciling → Add standard service → http://127.0.0.1:8000/reconcile

    Example: glossary --glossary my-glossary.yaml serve --port 8000
    """
    from ..serve import bind, load_service, run

    service = load_service(state.paths, title=title)
    try:
        sock = bind(host, port)
    except OSError as e:  # in use, not an address of this machine, a name that does not resolve
        raise click.UsageError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    except (OverflowError, UnicodeError) as e:  # an address that cannot be one
        raise click.UsageError(f"cannot listen on {host}:{port}: {e}") from None
    if host not in ("127.0.0.1", "::1", "localhost"):
        click.echo(f"warning: listening on {host}, not loopback: anyone who can reach it can use the service",
                   err=True)
    run(service, sock, access_log=access_log)


COMMANDS = [serve]
