"""resolve_names: the same answers in worker processes as in this one, each spelling group resolved once."""

from __future__ import annotations

import random
from typing import Any

import pytest

from glossary.dedupe import answers as dedupe_answers
from glossary.dedupe.answers import Answer, resolve_names, resolve_options
from glossary.dedupe.spellings import _SPLIT, split_name


def _names(n: int) -> dict[str, int]:
    rng = random.Random(3)
    stems = ["Jaish al-Izzah", "Jaysh al-Izza", "Hamah", "Hama", "Liwa al-Haqq", "Kafr Nabl", "Kafranbel",
             "جيش العزة", "حماه", "لواء الحق", "Saraya Ansar", "Katibat Abu Amara"]
    out: dict[str, int] = {}
    while len(out) < n:
        s = list(rng.choice(stems))
        for _ in range(rng.randint(0, 2)):
            k = rng.randrange(len(s))
            s[k:k + 1] = rng.choice(["", "a", "e", "y", "h", s[k] * 2])
        name = "".join(s).strip()
        if name:
            out[name] = out.get(name, 0) + rng.randint(1, 9)
    return out


def _plain(glossary: Any, texts: list[str], counts: dict[str, int], options: dict[str, Any]) -> dict[str, Answer]:
    """The rule without workers or chunks: a group shares its representative's 'none', else each resolves."""
    from glossary.dedupe.spellings import unit_key

    glossary = dedupe_answers._in_memory(glossary)  # the index resolve_names uses
    groups: dict[tuple[str, str], list[str]] = {}
    for t in texts:
        groups.setdefault(unit_key(t), []).append(t)
    out = {}
    for members in groups.values():
        rep = min(members, key=lambda t: (-counts[t], t))
        first = dedupe_answers._answer(glossary.resolve(rep, **options))
        for m in members:
            out[m] = first if first.status == "none" or m == rep else \
                dedupe_answers._answer(glossary.resolve(m, **options))
    return out


def _rounded(answers: dict[str, Answer]) -> dict[str, Any]:
    """Scores to 9 places: the resolver's last bit depends on what the process resolved before."""
    def r(m: Any) -> Any:
        return m and (m[0], m[1], round(m[2], 9))

    return {k: (a.status, r(a.match), tuple(r(c) for c in a.candidates)) for k, a in answers.items()}


@pytest.mark.parametrize("fork", [True, False])
def test_workers_give_the_plain_answers(small: Any, monkeypatch: pytest.MonkeyPatch, fork: bool) -> None:
    counts = _names(2 * dedupe_answers._MIN_FORK)
    texts = sorted(counts)
    if not fork:
        monkeypatch.setattr(dedupe_answers, "_MIN_FORK", len(texts) + 1)
    seen: list[int] = []
    got = resolve_names(small, texts, counts, options=resolve_options(), progress=lambda s, d, t: seen.append(d))
    assert _rounded(got) == _rounded(_plain(small, texts, counts, resolve_options()))
    assert {a.status for a in got.values()} >= {"match", "none"}
    assert seen[-1] == len(texts) and seen == sorted(seen)


def test_words_split_in_workers_are_remembered(small: Any) -> None:
    counts = _names(dedupe_answers._MIN_FORK)
    _SPLIT.clear()
    resolve_names(small, sorted(counts), counts)
    assert all(_SPLIT[t] == split_name(t) for t in counts)
