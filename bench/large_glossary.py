"""A large glossary checked and indexed: wall time and peak memory of the real commands.

    python bench/large_glossary.py [--entities 100000 300000] [--seed 7] [--workdir DIR] [--baseline]

For each size, writes a synthetic glossary as a person would (block YAML, one field a line: the
entities of ``bench/resolve_speed.py``, real name parts in both scripts, many with a variant,
then persons with four-part names; about 14 MB per 100,000 entities), then runs, each in a
fresh process with a fresh cache:

* ``glossary validate FILE``: the file checked (composed one entity at a time);
* ``glossary --glossary FILE lookup NAME``: the first lookup, which checks the file, builds the
  index from the file as it is read (`glossary.store.stream_entities`) and writes the cache;
* the same lookup again: warm, the index cache in place.

Each line gives the wall time and the process's peak resident memory (the operating system's
``ru_maxrss`` of that child). ``--baseline`` adds, in the same run, what composing the file
whole cost (``ruamel.yaml``'s ``compose``, as ``validate`` did before the file was read an
entity at a time): the memory that streaming saves.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from resolve_speed import FAMILY, GIVEN, synthetic  # noqa: E402  (the resolver benchmark's names)

from glossary.model import Entity  # noqa: E402

_SYNTHETIC = 80_000
"""Entities taken from `resolve_speed.synthetic` (whose name space runs out near 100,000); the rest
are persons named as the sources often name them, with a grandfather's name too."""


def entities(n: int, seed: int) -> list[Entity]:
    """``n`` distinct entities: the resolver benchmark's, then four-part names of persons."""
    rng = random.Random(seed)
    out = synthetic(min(n, _SYNTHETIC), rng)
    seen = {e.romanized for e in out}
    while len(out) < n:
        (g, ga), (f, fa), (gf, gfa), (s, sa) = rng.choice(GIVEN), rng.choice(GIVEN), rng.choice(GIVEN), rng.choice(FAMILY)
        rom = f"{g} {f} {gf} {s}"
        if g == f or rom in seen:
            continue
        seen.add(rom)
        out.append(Entity(id=f"p{len(out)}", type="person", romanized=rom, arabic=f"{ga} {fa} {gfa} {sa}"))
    return out

_BASELINE = """
import sys, gc
from ruamel.yaml import YAML
text = open(sys.argv[1], encoding="utf-8").read()
root = YAML(typ="safe", pure=False).compose(text)
print(len(root.value[1][1].value))
"""


def write_glossary(path: Path, n: int, seed: int) -> int:
    """A block-YAML glossary of ``n`` synthetic entities at ``path``; its size in bytes."""
    ents = entities(n, seed)
    with path.open("w", encoding="utf-8") as f:
        f.write("schema: 1\nentities:\n")
        for e in ents:
            lead = "  - "
            for key, value in e.to_dict().items():
                if value in (None, "", [], {}):
                    continue
                if isinstance(value, list):
                    f.write(f"{lead}{key}:\n")
                    for v in value:
                        text = v if isinstance(v, str) else v["text"]
                        f.write(f"      - {json.dumps(text, ensure_ascii=False)}\n")
                else:
                    f.write(f"{lead}{key}: {json.dumps(value, ensure_ascii=False)}\n")
                lead = "    "
    return path.stat().st_size


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit status of one command, in its own process."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if proc.stderr is not None:
        proc.stderr.close()
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", type=int, nargs="+", default=[100_000, 300_000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workdir", type=Path, help="keep the glossaries here (default: a temporary directory)")
    ap.add_argument("--baseline", action="store_true", help="also compose each file whole, as validate did before")
    args = ap.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="glossary-large-"))
    work.mkdir(parents=True, exist_ok=True)
    # this checkout's code (not whatever is installed), with bytecode kept as an install keeps it
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    glossary = [sys.executable, "-m", "glossary"]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; wall seconds and peak resident memory per command")
    for n in args.entities:
        path = work / f"large-{n}-{args.seed}.yaml"
        if not path.exists():
            t = time.perf_counter()
            size = write_glossary(path, n, args.seed)
            print(f"{n:,} entities: {size / 1e6:.1f} MB of YAML written in {time.perf_counter() - t:.1f} s")
        cache = work / f"cache-{n}"
        env_n = {**env, "GLOSSARY_CACHE_DIR": str(cache)}
        if cache.exists():  # (a kept workdir: each size starts from no cache, its subfolders too)
            shutil.rmtree(cache)
        rows = [("validate", [*glossary, "validate", str(path)]),
                ("first lookup (check, build, cache)", [*glossary, "--glossary", str(path), "lookup", "Kafr Nabl"]),
                ("warm lookup", [*glossary, "--glossary", str(path), "lookup", "Kafr Nabl"])]
        if args.baseline:
            rows.insert(0, ("compose whole (the old validate's YAML)", [sys.executable, "-c", _BASELINE, str(path)]))
        for what, cmd in rows:
            wall, peak, code = run(cmd, env_n)
            note = "" if code in (0, 1) else f"  (exit {code})"
            print(f"  {n:>7,}  {what:<40} {wall:7.1f} s  {peak:7.0f} MB{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
