"""The HTTP application (Starlette): routes, request bodies, errors, CORS.

Routes (``{id}`` an entity id; every JSON route also answers ``OPTIONS`` for CORS):

=============================================  ==============================================================
``GET /reconcile``                             0.2 manifest (OpenRefine's service URL); ``?callback=`` JSONP
``GET|POST /reconcile`` ``queries=``           0.2 batch (form field, query string, or a JSON body)
``POST /reconcile`` ``extend=``                0.2 data extension
``GET /reconcile/suggest/{entity|type|property}``  0.2 suggest (``prefix``, ``cursor``, ``type``)
``GET /reconcile/flyout/{entity|type|property}``   0.2 flyout (``id``)
``GET /reconcile/propose_properties``          0.2 property proposals (``type``, ``limit``)
``GET /``                                      1.0-draft manifest (an HTML home page for a browser)
``POST /match``                                1.0-draft batch (``{"queries": [...]}``)
``GET /suggest/{entity|type|property}``        1.0-draft suggest
``GET /extend/propose`` ``POST /extend``       1.0-draft property proposals and data extension
``GET /preview?id=``                           the preview card (both versions)
``GET /entity/{id}``                           the card page (``locale=en|ar``; ``format=json``)
``GET /search?q=``                             search (JSON; HTML for a browser or ``format=html``)
=============================================  ==============================================================

Bodies are read up to `MAX_BODY` (413 beyond); text must be UTF-8 and JSON well formed (400
saying where it is not); every other refusal is a `RequestError`. An unknown route is a 404
and a wrong method a 405, both as JSON; an unexpected exception is logged and answered 500
without a traceback. The `Service` runs in one worker thread, one request at a time (it is
not thread-safe, and the work is CPU-bound: more threads would only share one interpreter),
so the event loop stays free to read and refuse requests meanwhile.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from html import escape
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..model import ENTITY_TYPES
from . import pages, shapes
from .errors import MAX_BODY, MAX_LIMIT, MAX_TEXT, RequestError, bad
from .queries import batch_02, batch_10
from .service import TYPE_NAMES, Service

T = TypeVar("T")
_log = logging.getLogger("glossary.serve")
_CALLBACK = re.compile(r"[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*")
_DRAIN = 64 * MAX_BODY
"""Bytes of a too-large body still read (and dropped) so the client can read the 413 answer."""


class App:
    """The routes over one `Service` (see the module docstring); `starlette` is the ASGI application."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="glossary-serve")
        routes = [
            Route("/", self.root, methods=["GET"]),
            Route("/reconcile", self.reconcile_02, methods=["GET", "POST"]),
            Route("/reconcile/suggest/{kind}", self.suggest_02, methods=["GET"]),
            Route("/reconcile/flyout/{kind}", self.flyout, methods=["GET"]),
            Route("/reconcile/propose_properties", self.propose_02, methods=["GET"]),
            Route("/match", self.match_10, methods=["POST"]),
            Route("/suggest/{kind}", self.suggest_10, methods=["GET"]),
            Route("/extend/propose", self.propose_10, methods=["GET"]),
            Route("/extend", self.extend_10, methods=["POST"]),
            Route("/preview", self.preview, methods=["GET"]),
            Route("/entity/{id}", self.entity_page, methods=["GET"]),
            Route("/search", self.search, methods=["GET"]),
        ]
        self.starlette = Starlette(
            routes=routes,
            middleware=[Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                                   allow_headers=["*"], max_age=86400)],
            exception_handlers={RequestError: self._refused, HTTPException: self._http_error, Exception: self._crashed},
        )

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.starlette(scope, receive, send)

    def close(self) -> None:
        """Stop the worker thread (after the server has stopped)."""
        self._worker.shutdown(wait=True, cancel_futures=True)

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in the service's thread."""
        return await asyncio.get_running_loop().run_in_executor(self._worker, fn, *args)

    # -- errors ----------------------------------------------------------------
    async def _refused(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestError)
        return JSONResponse({"error": exc.message, "status": exc.status}, status_code=exc.status)

    async def _http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = {404: f"no such route: {request.url.path}", 405: f"method {request.method} not allowed here"}.get(
            exc.status_code, exc.detail)
        return JSONResponse({"error": message, "status": exc.status_code}, status_code=exc.status_code,
                            headers=exc.headers)

    async def _crashed(self, request: Request, exc: Exception) -> Response:
        _log.exception("error while answering %s %s", request.method, request.url.path)
        return JSONResponse({"error": "internal error (logged by the server)", "status": 500}, status_code=500)

    # -- reading requests --------------------------------------------------------
    async def _body(self, request: Request) -> bytes:
        """The request body, at most `MAX_BODY` bytes (413 beyond)."""
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > _DRAIN:
            raise RequestError(413, f"request body of {int(declared):,} bytes is too large (at most {MAX_BODY:,})")
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > _DRAIN:
                break
            if size <= MAX_BODY:
                chunks.append(chunk)
        if size > MAX_BODY:
            raise RequestError(413, f"request body of {size:,}{'+' if size > _DRAIN else ''} bytes is too large "
                                    f"(at most {MAX_BODY:,})")
        return b"".join(chunks)

    async def _params(self, request: Request, *, form: bool = False) -> dict[str, str]:
        """The query string's parameters, and the form body's for a POST (form fields win)."""
        params = _decode_params(request.scope.get("query_string", b""), "the query string")
        if form and request.method == "POST":
            body = await self._body(request)
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/json":
                params["queries"] = _utf8(body, "the request body")
            elif ctype in ("", "application/x-www-form-urlencoded"):
                params.update(_decode_params(body, "the form body"))
            else:
                raise RequestError(415, f"unsupported content type {ctype!r} (send application/x-www-form-urlencoded "
                                        "or application/json)")
        return params

    async def _json_body(self, request: Request) -> Any:
        """A 1.0 request's JSON body (or its form field ``queries`` / ``extend``)."""
        body = await self._body(request)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/x-www-form-urlencoded":
            fields = _decode_params(body, "the form body")
            key = "queries" if "queries" in fields else "extend"
            if key not in fields:
                raise bad("the form body needs a field 'queries' (or 'extend')")
            return _parse_json(fields[key], f"the form field {key!r}")
        return _parse_json(_utf8(body, "the request body"), "the request body")

    # -- 0.2 ---------------------------------------------------------------------
    async def reconcile_02(self, request: Request) -> Response:
        params = await self._params(request, form=True)
        base = _base(request)
        if "queries" in params:
            batch = _parse_json(params["queries"], "'queries'")
            answer = await self._run(self._batch_02, batch)
        elif "extend" in params:
            answer = await self._run(self._extend, _parse_json(params["extend"], "'extend'"), "0.2")
        elif "query" in params:
            raise bad("single queries ('query=', API 0.1) are not served: send a batch as 'queries='")
        else:
            answer = shapes.manifest_02(base, self.service.title)
        return _json(answer, params.get("callback") if request.method == "GET" else None)

    def _batch_02(self, batch: object) -> dict[str, Any]:
        s = self.service
        queries = batch_02(batch, types=ENTITY_TYPES, properties=s.properties)
        return shapes.results_02([k for k, _ in queries], s.reconcile([q for _, q in queries]))

    def _extend(self, request: object, version: str) -> dict[str, Any]:
        if not isinstance(request, dict) or not isinstance(request.get("ids"), list) \
                or not isinstance(request.get("properties"), list):
            raise bad("a data extension request is {\"ids\": [...], \"properties\": [{\"id\": ...}]}")
        ids = request["ids"]
        if not all(isinstance(i, str) for i in ids):
            raise bad("'ids' must be a list of strings")
        pids = []
        for p in request["properties"]:
            if not isinstance(p, dict) or not isinstance(p.get("id"), str):
                raise bad("each of 'properties' must be an object with an 'id' (a string)")
            if "settings" in p and not isinstance(p["settings"], dict):
                raise bad(f"the 'settings' of property {p['id']!r} must be an object")
            pids.append(p["id"])
        rows = self.service.extend(ids, pids, with_lang=version != "0.2")
        return shapes.extended(rows, [self.service.properties[p] for p in pids], version=version)

    async def suggest_02(self, request: Request) -> Response:
        params = await self._params(request)
        return _json(await self._run(self._suggest, request.path_params["kind"], params, "0.2"), params.get("callback"))

    def _suggest(self, kind: str, params: dict[str, str], version: str) -> dict[str, Any]:
        prefix = _short(params.get("prefix", ""), "prefix")
        s = self.service
        if kind == "entity":
            return shapes.suggested_entities(
                s.suggest_entities(prefix, type=params.get("type") or None, cursor=_int(params, "cursor", 0, 0),
                                   limit=min(_int(params, "limit", 10, 1), MAX_LIMIT)), version=version)
        if kind == "type":
            return shapes.suggested_types(s.suggest_types(prefix))
        if kind == "property":
            return shapes.suggested_properties(s.suggest_properties(prefix))
        raise RequestError(404, f"no suggest service for {kind!r} (expected entity, type or property)")

    async def flyout(self, request: Request) -> Response:
        params = await self._params(request)
        kind, ident = request.path_params["kind"], params.get("id", "")
        if not ident:
            raise bad("give the id to show: ?id=...")

        def html() -> str:
            if kind == "entity":
                return pages.flyout(self.service, self.service.entity(ident))
            if kind == "type" and ident in ENTITY_TYPES:
                return f"<p>{TYPE_NAMES[ident]}</p>"
            if kind == "property" and ident in self.service.properties:
                return f"<p>{escape(self.service.properties[ident].description)}</p>"
            raise RequestError(404, f"unknown {kind} id {ident!r}")

        return _json({"id": ident, "html": await self._run(html)}, params.get("callback"))

    async def propose_02(self, request: Request) -> Response:
        params = await self._params(request)
        return _json(self._propose(params), params.get("callback"))

    def _propose(self, params: dict[str, str]) -> dict[str, Any]:
        type_ = params.get("type") or None
        limit = _int(params, "limit", 0, 1) if params.get("limit") else None
        return shapes.proposed(self.service.propose(type_, limit), type_, limit)

    # -- 1.0-draft -----------------------------------------------------------------
    async def root(self, request: Request) -> Response:
        base = _base(request)
        accept = request.headers.get("accept", "")
        if "text/html" in accept and "application/json" not in accept:
            return HTMLResponse(pages.home(self.service, base))
        return _json(shapes.manifest_10(base, self.service.title))

    async def match_10(self, request: Request) -> Response:
        batch = await self._json_body(request)

        def answer() -> dict[str, Any]:
            s = self.service
            return shapes.results_10(s.reconcile(batch_10(batch, types=ENTITY_TYPES, properties=s.properties)))

        return _json(await self._run(answer))

    async def suggest_10(self, request: Request) -> Response:
        params = await self._params(request)
        return _json(await self._run(self._suggest, request.path_params["kind"], params, "1.0"))

    async def propose_10(self, request: Request) -> Response:
        return _json(self._propose(await self._params(request)))

    async def extend_10(self, request: Request) -> Response:
        return _json(await self._run(self._extend, await self._json_body(request), "1.0"))

    # -- pages -----------------------------------------------------------------------
    async def preview(self, request: Request) -> Response:
        params = await self._params(request)
        ident = params.get("id", "")
        if not ident:
            raise bad("give the id to preview: /preview?id=...")
        code = _locale(params)
        return HTMLResponse(await self._run(lambda: pages.card(self.service, self.service.entity(ident), code=code,
                                                                compact=True)))

    async def entity_page(self, request: Request) -> Response:
        params = await self._params(request)
        ident, code = request.path_params["id"], _locale(params)
        fmt = params.get("format", "html")
        if fmt == "json":
            def data() -> dict[str, Any]:
                e = self.service.entity(ident)
                return {**e.to_dict(), "romanizations": {s: {"text": t, "exact": x}
                                                         for s, t, x in self.service.romanizations(e)}}

            return _json(await self._run(data))
        if fmt != "html":
            raise bad(f"unknown format {fmt!r} (expected html or json)")
        return HTMLResponse(await self._run(lambda: pages.card(self.service, self.service.entity(ident), code=code)))

    async def search(self, request: Request) -> Response:
        params = await self._params(request)
        query = _short(params.get("q", ""), "q")
        type_ = params.get("type") or None
        limit = min(_int(params, "limit", 20, 1), MAX_LIMIT)
        accept = request.headers.get("accept", "")
        fmt = params.get("format") or ("html" if "text/html" in accept and "application/json" not in accept else "json")
        if fmt not in ("json", "html"):
            raise bad(f"unknown format {fmt!r} (expected json or html)")
        hits = await self._run(lambda: self.service.search(query, type=type_, limit=limit) if query.strip() else [])
        if fmt == "html":
            return HTMLResponse(await self._run(pages.search_page, self.service, query, type_, hits))
        return _json({"query": query, "result": [h.to_dict() for h in hits]})


def _base(request: Request) -> str:
    """The service's URL as the client reached it (``http://127.0.0.1:8000``)."""
    return str(request.base_url).rstrip("/")


def _json(data: Any, callback: str | None = None) -> Response:
    """A JSON answer, or JSONP when a (well-formed) callback name is given."""
    if callback is None:
        return JSONResponse(data)
    if len(callback) > 100 or not _CALLBACK.fullmatch(callback):
        raise bad(f"invalid callback name {callback[:100]!r} (a JavaScript identifier, dots allowed)")
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(f"/**/{callback}({body});", media_type="application/javascript")


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise bad(f"{what} is not UTF-8: byte 0x{data[e.start]:02x} at offset {e.start}") from None


def _decode_params(data: bytes, what: str) -> dict[str, str]:
    """URL-encoded ``name=value`` pairs, UTF-8 before and after percent-decoding (400 otherwise)."""
    text = _utf8(data, what)
    try:
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=1000)
    except UnicodeDecodeError as e:
        raise bad(f"{what} is not UTF-8 once percent-decoded: byte 0x{e.object[e.start]:02x}") from None
    except ValueError as e:  # more than max_num_fields
        raise bad(f"{what}: {e}") from None
    return dict(pairs)


def _parse_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise bad(f"{what} is not valid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    except RecursionError:
        raise bad(f"{what} is nested too deeply") from None


def _short(value: str, name: str) -> str:
    if len(value) > MAX_TEXT:
        raise bad(f"'{name}' is {len(value):,} characters long (at most {MAX_TEXT:,})")
    return value


def _int(params: dict[str, str], name: str, default: int, least: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad(f"'{name}' must be a whole number, not {raw[:50]!r}") from None
    if value < least:
        raise bad(f"'{name}' must be at least {least}, not {value}")
    return value


def _locale(params: dict[str, str]) -> str:
    code = params.get("locale", "en")
    if code not in ("en", "ar"):
        raise bad(f"unknown locale {code[:20]!r} (expected en or ar)")
    return code
