"""Offer a vocalized form for each entity of a glossary that has none, for a person to review.

    python tools/propose_vocalized.py [GLOSSARY.yaml] [--json]

For every entity with an ``arabic`` name and no ``vocalized`` form, the name is romanized word by
word as `glossary.Glossary.transliterate` does (the glossary's own vocalized names, then the
LoC word lexicon, then the learned vocalizer) and the vocalized words are joined into a proposal.
Printed per entity: the proposal, the ALA-LC romanization it gives, each word's source and
confidence, and checks that call for care:

* ``model``: a word was guessed by the vocalizer, or in part (``stem``: a known stem with a
  suffix the vocalizer completes; held-out word accuracy about 44% and 51%, see
  ``bench/translit_eval.py``), not found in the lexicon or the glossary;
* ``differs``: the proposal's romanization in the ``simple`` scheme, folded, is not the
  entity's own ``romanized`` name folded (``glossary.names.keys``): one of the two says other
  vowels;
* ``clitic``: a word begins with a proclitic (و ف ب ل ك) on a stem without the article: a
  vocalized form would romanize it as one word (Linuṣrat), where the lexicon path splits it
  (li-Nuṣrat), so such a proposal is better left out;
* ``spelling``: the proposal's letters are not those of the entity's Arabic name: a word the
  lexicon lacks as written was read as the lexicon's spelling of it (محافظه as مُحَافَظَة: another
  hamza seat or final letter), or a part that is no Arabic word (the 24 of فرانس 24) was left out.

Nothing is written: a reviewer adds each proposal they confirm with
``glossary --glossary FILE edit ID --set vocalized=…`` (printed for each), which keeps the file's
comments and order and checks the entity first. A proposal for a name of another language
written in Arabic letters (Reuters, Sochi) guesses vowels Arabic does not fix: leave it out.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
from collections.abc import Sequence
from typing import Any

from glossary import load
from glossary.names import keys
from glossary.translit import transliterate
from glossary.translit.engine import clean
from glossary.translit.labels import strip

BARE_PROCLITIC = re.compile(r"(?i)(wa|fa|bi|li|ka)-(?!al-)")
"""An ALA-LC word that the lexicon path split as a proclitic before a stem without the article."""


def _letters(text: str) -> str:
    """A name's letters: cleaned, marks stripped, words joined by one space."""
    return " ".join(strip(clean(text)).split())


def proposals(path: str | None) -> list[dict[str, Any]]:
    """One proposal per entity with an Arabic name and no vocalized form, in file order."""
    g = load(path)
    out = []
    for e in g:
        if not e.arabic or e.vocalized:
            continue
        t = g.transliterate(e.arabic, "ala-lc")
        words = [w for w in t.words if w.vocalized or w.arabic]
        vocalized = " ".join(w.vocalized or w.arabic for w in words)
        checks = []
        if any(w.source in ("model", "stem") for w in words):  # guessed, at least in part
            checks.append("model")
        simple = transliterate(vocalized, "simple").text
        if e.romanized and keys(simple).folded != keys(e.romanized).folded:
            checks.append("differs")
        if any(BARE_PROCLITIC.match(w.text) for w in words):
            checks.append("clitic")
        if _letters(vocalized) != _letters(e.arabic):
            checks.append("spelling")
        command = ["glossary"] + (["--glossary", path] if path else []) + ["edit", e.id, "--set", f"vocalized={vocalized}"]
        out.append({"id": e.id, "arabic": e.arabic, "romanized": e.romanized, "proposal": vocalized,
                    "ala-lc": transliterate(vocalized, "ala-lc").text, "simple": simple,
                    "words": [{"arabic": w.arabic, "vocalized": w.vocalized, "source": w.source,
                               "confidence": round(w.confidence, 2)} for w in words],
                    "checks": checks, "command": shlex.join(command)})
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("glossary", nargs="?", help="glossary file (default: the shipped one)")
    ap.add_argument("--json", action="store_true", help="one JSON object per line")
    args = ap.parse_args(argv)
    rows = proposals(args.glossary)
    for r in rows:
        if args.json:
            print(json.dumps(r, ensure_ascii=False))
            continue
        print(f"{r['id']}: {r['arabic']} -> {r['proposal']}")
        print(f"  ala-lc {r['ala-lc']}   (romanized: {r['romanized']})")
        print("  words  " + "  ".join(f"{w['vocalized'] or w['arabic']} {w['source']} {w['confidence']}" for w in r["words"]))
        if r["checks"]:
            print("  check  " + ", ".join(r["checks"]))
        print(f"  {r['command']}")
    print(f"{len(rows)} entities without a vocalized form", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
