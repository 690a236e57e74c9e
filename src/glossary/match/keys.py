"""The lookup keys of a name: each key level of `glossary.names`, acronyms, pairs of words.

A key is a string prefixed by its level (``=`` exact, ``~`` folded, ``%`` folded words in any
order, ``#`` skeleton, ``^`` acronym, ``&`` two words' skeletons, ``3`` a run of three letters of
the name's folded words joined, `gram_keys`), so that one table holds them all. The index keys
every name of the glossary this way (`glossary.match.memory`); the
resolver keys the query the same way and looks its keys up.

Example:
    >>> query_keys("Deir ez-Zor")
    ['=deir ez zor', '~dayrzur', '%dayr zur', '#trsr']
    >>> describe_keys(query_keys("Deir ez-Zor"))["folded"]
    'dayrzur'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from glossary.names import arabic, exact, tokens

from .profile import main_part

_ACRONYM_VOWELS = str.maketrans("oe", "ui")


_ARABIC = re.compile("[\u0600-\u06ff]")


def query_keys(text: str) -> list[str]:
    """The lookup keys of a name, prefixed by level (``=`` exact, ``~`` folded, ``%`` folded words
    in any order, ``#`` skeleton), for the whole name and for it without parenthesized parts.

    Example:
        >>> query_keys("Deir ez-Zor")
        ['=deir ez zor', '~dayrzur', '%dayr zur', '#trsr']
    """
    out: dict[str, None] = {}
    ex = exact(text)
    if ex:
        out["=" + ex] = None
    main = main_part(text)
    for part in (text, main) if main is not text else (text,):
        toks = [t for t in tokens(part) if not t.article]
        forms = [t.form for t in toks]
        folded = "".join(forms)
        if folded:
            out["~" + folded] = None
        if not part.isascii() and _ARABIC.search(part):
            every = tokens(part)
            ar = "".join(t.form for t in every) if all(_ARABIC.match(t.form) for t in every) else arabic(part)
            if ar:
                out["~" + ar] = None  # the Arabic key keeps articles glued inside words (ديرالزور)
        if len(forms) > 1:
            out["%" + " ".join(sorted(forms))] = None  # the same words in another order (AL-ASSAD, Bashar)
        if toks:
            sk = "".join(t.skel for t in toks)
            if sk:
                out["#" + sk] = None
            alt = "".join(t.alt or t.skel for t in toks)
            if alt:
                out["#" + alt] = None
    return list(out)


def acronym(text: str, ignore: Callable[[str], bool]) -> str:
    """The initials of a Latin name's significant words ("" unless there are 2 to 7).

    Example:
        >>> acronym("Hay'at Tahrir al-Sham", lambda f: False), acronym("Free Syrian Army", lambda f: False)
        ('hts', 'fsa')
    """
    return acronyms(text, ignore)[0]


def acronyms(text: str, ignore: Callable[[str], bool]) -> list[str]:
    """`acronym`, and when the name begins with the article, its initials with the article's
    a too, as English writes the acronyms of al-Qaida's branches (AQAP, AQIM) and al-Nusra
    Front's (ANF). ``[""]`` for a name with none.

    Example:
        >>> acronyms("al-Qaida in the Arabian Peninsula", lambda f: f in {"in", "the"})
        ['qap', 'aqap']
    """
    return acronyms_of(acronym_words(text), ignore)


def acronym_words(text: str) -> str:
    """What `acronyms` reads of a name: the forms of its words that may give an initial (not an
    article, opening with a letter), space-separated, after ``"+"`` when the name opens with the
    article; "" for a name in Arabic script or without such a word. (The index's workers hand this
    back, so that the acronyms, which wait for the word weights of the whole glossary, need no
    second tokenizing.)

    Example:
        >>> acronym_words("al-Qaida in the Arabian Peninsula"), acronym_words("A B"), acronym_words("حلب")
        ('+qayda in arabian pininsula', 'a b', '')
    """
    if any("\u0600" <= c <= "\u06ff" for c in text):
        return ""
    toks = tokens(text)
    forms = " ".join(t.form for t in toks if not t.article and t.form and t.form[0].isalpha())
    return ("+" + forms if toks[0].article else forms) if forms else ""


def acronyms_of(words: str, ignore: Callable[[str], bool]) -> list[str]:
    """`acronyms` from a name's `acronym_words`."""
    article = words.startswith("+")
    initials = [f[0] for f in (words[1:] if article else words).split() if not ignore(f)]
    if not 2 <= len(initials) <= 7:
        return [""]
    out = ["".join(initials).translate(_ACRONYM_VOWELS)]
    if article and len(initials) < 7:
        out.append("a" + out[0])
    return out


def query_acronym(text: str) -> str:
    """The acronym key of a query that looks like one (HTS, SOHR: one word of 2-7 capitals), else ""."""
    s = text.strip().replace(".", "")
    if 2 <= len(s) <= 7 and s.isascii() and s.isalpha() and sum(c.isupper() for c in s) >= 2:
        return s.lower().translate(_ACRONYM_VOWELS)
    return ""


def pair_keys(words: Sequence[tuple[str, str]], limit: int = 6) -> list[str]:
    """Keys for every two words of a name (skeletons, either reading): names sharing two words
    with a query are found in one lookup, however common each word is alone.

    Example:
        >>> pair_keys([("ħlt", ""), ("sbt", ""), ("bsm", "")])
        ['&sbt ħlt', '&bsm ħlt', '&bsm sbt']
    """
    out: dict[str, None] = {}
    ws = [tuple(dict.fromkeys(x for x in w if x)) for w in words[:limit]]
    for i in range(len(ws)):
        for j in range(i + 1, len(ws)):
            for a in ws[i]:
                for b in ws[j]:
                    out["&" + " ".join(sorted((a, b)))] = None
    return list(out)


def deletions(s: str) -> list[str]:
    """``s`` with each letter left out in turn (the deletion neighbourhood of a skeleton)."""
    return [s[:i] + s[i + 1 :] for i in range(len(s))]


_KEY_LEVELS = {"=": "exact", "~": "folded", "#": "skeleton", "%": "words"}


def describe_keys(keys: list[str]) -> dict[str, Any]:
    """Keys by the name of their level (a second key of one level as ``<level>_alt``), for
    ``explain``."""
    out: dict[str, Any] = {}
    for k in keys:
        name = _KEY_LEVELS.get(k[0], "other")
        if name in out:
            out[name + "_alt"] = k[1:]
        else:
            out[name] = k[1:]
    return out


def gram_keys(forms: str) -> list[str]:
    """The letter trigrams of a name's folded words joined (with ``^`` and ``$`` at its ends), as
    keys: what the letter n-gram level of `glossary.match.candidates` looks up.

    Example:
        >>> gram_keys("hama")
        ['3^ha', '3ham', '3ama', '3ma$']
    """
    s = f"^{forms}$"
    return list(dict.fromkeys("3" + s[i:i + 3] for i in range(len(s) - 2))) if forms else []
