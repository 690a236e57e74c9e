"""``glossary serve``: a W3C Entity Reconciliation service over a loaded glossary.

OpenRefine (API 0.2, at ``/reconcile``) and other clients (API 1.0-draft, at ``/``) send names
and get the glossary's entities back, scored 0-100 by the resolver, with suggest, preview, data
extension, and an HTML card and search page for people. The package is the top floor: it uses
the `glossary.Glossary` facade, its result types, `glossary.translit`, `glossary.i18n`, the
model and the card rows of `glossary.card`; nothing imports it but the ``serve`` command.

* `service`: the answers, without HTTP (`Service`); `queries`: requests read and checked;
  `properties`: what a query may name and data extension fetches; `errors`: refusals and limits.
* `shapes`: answers as each API version's JSON; `pages`: the HTML.
* `app`: the Starlette routes; `server`: loading once and running uvicorn.

Example:
    >>> service = load_service()
    >>> [c.entity.id for c in service.reconcile([Query("Jaish al-Izzah", limit=1)])[0]]
    ['jaysh-al-izza']
"""

from .app import App
from .errors import MAX_BODY, MAX_IDS, MAX_LIMIT, MAX_QUERIES, MAX_TEXT, RequestError
from .queries import Query
from .server import bind, load_service, run, url_of
from .service import Candidate, Service

__all__ = [
    "MAX_BODY",
    "MAX_IDS",
    "MAX_LIMIT",
    "MAX_QUERIES",
    "MAX_TEXT",
    "App",
    "Candidate",
    "Query",
    "RequestError",
    "Service",
    "bind",
    "load_service",
    "run",
    "url_of",
]
