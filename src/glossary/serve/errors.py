"""What the service refuses, and its limits.

Bad input is the client's error, never the server's: every check raises `RequestError`
(an HTTP status of 4xx and a message that says what was found and what was expected), which
the application turns into ``{"error": message, "status": status}``. A 5xx answer would be a
bug.

The limits are part of the service's contract (the README lists them):

* `MAX_BODY`: a request body of at most 1 MiB (413 beyond);
* `MAX_QUERIES`: at most 1,000 queries in one batch (413 beyond; OpenRefine sends 10);
* `MAX_LIMIT`: at most 100 candidates per query (a larger ``limit`` is lowered to it);
* `MAX_TEXT`: at most 1,000 characters in a query, a property value or a suggest prefix;
* `MAX_IDS`: at most 1,000 ids in one data extension request.
"""

from __future__ import annotations

MAX_BODY = 1 << 20
"""Bytes a request body may have."""
MAX_QUERIES = 1000
"""Queries in one reconciliation batch."""
MAX_LIMIT = 100
"""Candidates per query (and suggestions per page)."""
MAX_TEXT = 1000
"""Characters in a query string, a property value or a prefix."""
MAX_IDS = 1000
"""Entity ids in one data extension request."""


class RequestError(Exception):
    """A request the service cannot answer: its HTTP status (4xx) and a message for the client.

    Example:
        >>> str(RequestError(404, "unknown entity id 'x'")), RequestError(404, "").status
        ("unknown entity id 'x'", 404)
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def bad(message: str) -> RequestError:
    """A 400 Bad Request with ``message``."""
    return RequestError(400, message)
