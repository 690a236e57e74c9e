"""Load on ``glossary serve``: batched reconciliation requests from concurrent clients on loopback.

    python bench/serve_load.py [--glossary FILE] [--queries TSV] [--clients 16] [--batch 10]
                               [--seconds 10] [--runs 3] [--memory-requests 100000] [--memory-seconds 240]
                               [--own-names]

Starts the real command (``python -m glossary --glossary FILE serve --port 0``) in its own
process, then, from this process, keeps ``--clients`` keep-alive HTTP/1.1 connections busy
(asyncio, raw sockets: the client must cost little next to the server on the same 2 cores),
each POSTing OpenRefine's request: a form field ``queries=`` holding ``--batch`` queries. The
batches walk through the query file in order (the external set by default: 1,404 real
spellings of 242 entities from GeoNames, OFAC and UN lists, and negatives), so consecutive
batches differ; the server keeps no answer between requests.

Printed, per run and as the median of ``--runs``:

* requests/s (each ``--batch`` queries), latency p50/p99 (send to full answer), errors (any
  status but 200, or a body that is not the batch's result);
* the baseline in the same run: the same batches through the Python API in this process
  (`Service.reconcile`, which is `Glossary.resolve` per query plus the answer's shape, with the
  index in memory as the server has it), batches/s on one core; the server's share of it says
  what HTTP costs;
* with ``--own-names``, the glossary's own names are the queries: exact spellings, answered by
  the resolver's fast path, so the figures are mostly what HTTP costs;
* memory: the server's RSS over ``--memory-requests`` requests (or as many as
  ``--memory-seconds`` allow: the count is printed), sampled every 5%; flat means no leak.

Bounded in count and time, loopback only; the server is stopped with SIGTERM at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from _common import load_glossary, load_queries  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "resolve"


def glossary_file(path: Path, folder: Path) -> Path:
    """A glossary file the command can load: YAML as it is; an entities TSV written as YAML
    (JSON is YAML: one document ``{"entities": [...]}``)."""
    if path.suffix in (".yaml", ".yml"):
        return path
    out = folder / (path.stem + ".yaml")
    out.write_text(json.dumps({"entities": [e.to_dict() for e in load_glossary(path)]}, ensure_ascii=False),
                   encoding="utf-8")
    return out


def batches(queries: list[str], size: int) -> list[list[str]]:
    """Batches of ``size`` consecutive queries, starting at every query (so as many as queries)."""
    n = len(queries)
    return [[queries[(i * size + k) % n] for k in range(size)] for i in range(n)]


def start(glossary: Path) -> tuple[subprocess.Popen[str], str, int]:
    proc = subprocess.Popen([sys.executable, "-m", "glossary", "--glossary", str(glossary), "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert proc.stdout is not None
    first = proc.stdout.readline()
    if " at http://" not in first:
        proc.kill()
        raise SystemExit(f"the server did not start: {first!r} {proc.communicate()[1]}")
    url = urlsplit(first.rsplit(" at ", 1)[1].strip())
    return proc, url.hostname or "127.0.0.1", url.port or 80


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Load:
    """Concurrent clients on keep-alive connections; each request's latency and outcome."""

    def __init__(self, host: str, port: int, bodies: list[bytes], keys: int) -> None:
        self.host, self.port, self.bodies = host, port, bodies
        self.expect = b'{"q0":' if keys else b"{"
        self.latencies: list[float] = []
        self.errors = 0
        self.sent = 0

    async def _client(self, n: int, stop_at: float, max_requests: int | None) -> None:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        i = n
        try:
            while time.perf_counter() < stop_at and (max_requests is None or self.sent < max_requests):
                body = self.bodies[i % len(self.bodies)]
                i += 7919  # another batch next time, not the neighbour's
                self.sent += 1
                head = (f"POST /reconcile HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                        "Content-Type: application/x-www-form-urlencoded\r\n"
                        f"Content-Length: {len(body)}\r\n\r\n").encode()
                t = time.perf_counter()
                writer.write(head + body)
                status_line = await reader.readline()
                length = 0
                while True:
                    line = await reader.readline()
                    if line in (b"\r\n", b""):
                        break
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                payload = await reader.readexactly(length)
                self.latencies.append(time.perf_counter() - t)
                if not status_line.startswith(b"HTTP/1.1 200") or not payload.startswith(self.expect):
                    self.errors += 1
        finally:
            writer.close()

    async def run(self, clients: int, seconds: float, max_requests: int | None = None) -> float:
        """Run for ``seconds`` (or ``max_requests``); wall time taken."""
        t = time.perf_counter()
        await asyncio.gather(*(self._client(n, t + seconds, max_requests) for n in range(clients)))
        return time.perf_counter() - t


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(p / 100 * len(s)))] if s else float("nan")


def api_baseline(glossary: Path, groups: list[list[str]], seconds: float) -> float:
    """Batches/s through the Python API (`Service.reconcile`), one core, index in memory."""
    from glossary.serve import Query, load_service

    service = load_service([str(glossary)])
    for g in groups[:50]:
        service.reconcile([Query(q) for q in g])
    done, t = 0, time.perf_counter()
    while time.perf_counter() - t < seconds:
        service.reconcile([Query(q) for q in groups[done % len(groups)]])
        done += 1
    return done / (time.perf_counter() - t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--glossary", type=Path, default=SHARED / "external" / "entities.tsv")
    ap.add_argument("--queries", type=Path, default=SHARED / "external" / "queries.tsv")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--batch", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=10.0, help="length of each measured run")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--memory-requests", type=int, default=100_000)
    ap.add_argument("--memory-seconds", type=float, default=240.0)
    ap.add_argument("--own-names", action="store_true",
                    help="query the glossary's own names (exact spellings: the resolver's fast path, so what "
                         "is measured is mostly HTTP) instead of --queries")
    args = ap.parse_args(argv)

    if args.own_names:
        queries = [n for e in load_glossary(args.glossary) for n in (e.romanized, e.arabic) if n]
    else:
        queries = [q.text for q in load_queries(args.queries)]
    groups = batches(queries, args.batch)
    bodies = [urlencode({"queries": json.dumps({f"q{k}": {"query": q} for k, q in enumerate(g)}, ensure_ascii=False)})
              .encode("ascii") for g in groups]
    with tempfile.TemporaryDirectory() as folder:
        gfile = glossary_file(args.glossary, Path(folder))
        proc, host, port = start(gfile)
        try:
            print(f"glossary {args.glossary.name}, {len(queries):,} queries in {len(groups):,} batches of {args.batch}; "
                  f"{args.clients} clients; server pid {proc.pid}, {os.cpu_count()} cores, load average "
                  f"{os.getloadavg()[0]:.1f}")
            asyncio.run(Load(host, port, bodies, 1).run(args.clients, 2.0))  # warm-up
            rates, p50s, p99s, apis, errors = [], [], [], [], 0
            for run in range(args.runs):
                load = Load(host, port, bodies, 1)
                wall = asyncio.run(load.run(args.clients, args.seconds))
                rate = len(load.latencies) / wall
                api = api_baseline(gfile, groups, min(args.seconds, 5.0))
                rates.append(rate)
                p50s.append(pct(load.latencies, 50) * 1000)
                p99s.append(pct(load.latencies, 99) * 1000)
                apis.append(api)
                errors += load.errors
                print(f"run {run + 1}: {rate:,.0f} requests/s ({rate * args.batch:,.0f} queries/s), "
                      f"p50 {p50s[-1]:.1f} ms, p99 {p99s[-1]:.1f} ms, errors {load.errors} of {len(load.latencies):,}; "
                      f"API {api:,.0f} batches/s")
            print(f"median of {args.runs}: {statistics.median(rates):,.0f} requests/s, p50 {statistics.median(p50s):.1f} ms,"
                  f" p99 {statistics.median(p99s):.1f} ms, errors {errors}; API {statistics.median(apis):,.0f} batches/s "
                  f"(server at {statistics.median(rates) / statistics.median(apis):.0%} of it)")

            load = Load(host, port, bodies, 1)
            samples = [(0, rss_mb(proc.pid))]
            step = max(1, args.memory_requests // 20)
            t0 = time.perf_counter()

            async def soak() -> None:
                while load.sent < args.memory_requests and time.perf_counter() - t0 < args.memory_seconds:
                    await load.run(args.clients, args.memory_seconds - (time.perf_counter() - t0),
                                   max_requests=min(args.memory_requests, load.sent + step))
                    samples.append((len(load.latencies), rss_mb(proc.pid)))

            asyncio.run(soak())
            print(f"memory over {len(load.latencies):,} requests ({time.perf_counter() - t0:.0f} s, errors "
                  f"{load.errors}): RSS " + ", ".join(f"{mb:.1f}" for _, mb in samples[::4]) +
                  f" MB (start {samples[0][1]:.1f}, after 10% {samples[min(2, len(samples) - 1)][1]:.1f}, "
                  f"end {samples[-1][1]:.1f})")
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
