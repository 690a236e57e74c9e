"""Romanize Arabic by the published standards, from tables in ``schemes/*.yaml``.

Schemes: ``ala-lc`` (library catalogues), ``din31635`` (German scholarship), ``iso233``
(strict, reversible), ``bgn-pcgn`` (maps and government), ``buckwalter`` and
``safe-buckwalter`` (corpora; reversible) and ``simple`` (ASCII for the press).

Word by word. Most Arabic is written without its short vowels. `transliterate` romanizes
each word (or each multi-word name the glossary knows) from the first source that has its
vocalization (`glossary.translit.words`): the text's own marks (``vocalized``), the
glossary (``glossary``), the vocalized LoC word lexicon with proclitics and the article
split off (``lexicon``, `glossary.translit.lexicon`), a known stem and a suffix, or the stem
of another lexicon word, completed by the vocalizer (``stem``), the learned vocalizer (``model``,
`glossary.translit.vocalizer`), and only then the consonants and long vowels as written
(``rule``). Every result says, for the text and for each word, its source, whether it is
exact (vocalized as written or by the glossary) and a confidence.

The glossary's look-up, ``known``. A plain ``Callable[[str], str | None]``: it is called
with a span of one to ``span`` words as written (cleaned: NFKC, no tatweel or bidi
controls; words joined by one space), longest spans first, left to right, and answers the
span's vocalized form or None. A span never crosses punctuation or Latin text and is not
asked when every word of it is already vocalized. So for مدينة حلب it is asked
``"مدينة حلب"`` first, then ``"مدينة"`` and ``"حلب"``; a card can pass the glossary's
exact-name look-up, and a caller that knows only whole names can ignore spans of more
than one word by answering None. ``transliterate_all`` asks each span once for all the
schemes.

The letter-for-letter schemes (Buckwalter, Safe Buckwalter, ISO 233) transliterate what
is written, vowels or not, so they are always exact; they ignore ``known``, the lexicon
and the model so that `reverse` gives back the input. Text without any Arabic letter
(already Latin, digits, empty) is returned unchanged with ``exact=True``.

No function here raises on any input string; an unknown scheme name is a `SchemeError`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from glossary.errors import SchemeError
from glossary.translit import engine, words
from glossary.translit.words import Word

if TYPE_CHECKING:
    from glossary.translit.lexicon import Lexicon
    from glossary.translit.vocalizer import Model

__all__ = [
    "SCHEMES",
    "SchemeError",
    "SchemeInfo",
    "Transliteration",
    "Word",
    "describe_schemes",
    "mishkal_vocalizer",
    "reverse",
    "transliterate",
    "transliterate_all",
]

Source = words.Source
Known = Callable[[str], "str | None"]
Vocalizer = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Transliteration:
    """A romanization and how far to trust it.

    Attributes:
        text: The romanized text.
        exact: True when every word was vocalized as written or by the glossary.
        scheme: The scheme name, e.g. ``ala-lc``.
        source: The weakest source among the words: ``vocalized`` (as written),
            ``glossary``, ``lexicon``, ``stem``, ``model`` or ``rule`` (see the module docstring).
        confidence: 0-1, the product of the words' confidences; 1.0 when exact.
        words: One `Word` per Arabic word (or multi-word name the glossary knows), in
            order: its text, source, confidence and the vocalized form romanized.

    Example:
        >>> transliterate("حَلَب").to_dict()
        {'text': 'Ḥalab', 'exact': True, 'scheme': 'ala-lc', 'source': 'vocalized', 'confidence': 1.0, \
'words': [{'arabic': 'حَلَب', 'text': 'Ḥalab', 'source': 'vocalized', 'confidence': 1.0, 'vocalized': 'حَلَب'}]}
    """

    text: str
    exact: bool
    scheme: str
    source: Source
    confidence: float = 1.0
    words: tuple[Word, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The JSON shape, shared by the API, ``--json`` and JSON Lines."""
        return {"text": self.text, "exact": self.exact, "scheme": self.scheme, "source": self.source,
                "confidence": round(self.confidence, 4), "words": [w.to_dict() for w in self.words]}


@dataclass(frozen=True, slots=True)
class SchemeInfo:
    """What `SCHEMES` says about one scheme (read from its table's header)."""

    name: str
    title: str
    standard: str
    description: str
    example: str
    reversible: bool


class _Registry(Mapping[str, SchemeInfo]):
    """Scheme name -> `SchemeInfo`; a table is parsed only when its entry is read."""

    def __getitem__(self, name: str) -> SchemeInfo:
        if name not in engine.scheme_names():
            raise KeyError(name)
        s = engine.load(name)
        return SchemeInfo(s.name, s.title, f"{s.standard} ({s.edition})", s.description, s.example, s.reversible)

    def __iter__(self) -> Iterator[str]:
        return iter(engine.scheme_names())

    def __len__(self) -> int:
        return len(engine.scheme_names())

    def __repr__(self) -> str:
        return f"SCHEMES({', '.join(self)})"


SCHEMES: Mapping[str, SchemeInfo] = _Registry()
"""Every shipped scheme, by name.

Example:
    >>> list(SCHEMES)
    ['ala-lc', 'bgn-pcgn', 'buckwalter', 'din31635', 'iso233', 'safe-buckwalter', 'simple']
    >>> SCHEMES["iso233"].reversible
    True
"""


def transliterate(
    text: str,
    scheme: str = "ala-lc",
    *,
    known: Known | None = None,
    span: int = 4,
    lexicon: Lexicon | bool = True,
    model: Model | bool = True,
    vocalizer: Vocalizer | None = None,
) -> Transliteration:
    """Romanize Arabic text in one scheme, word by word.

    Args:
        text: Arabic (vocalized or not; presentation forms, tatweel, bidi controls and
            Persian letters are handled). Any other text is kept as it is.
        scheme: A name from `SCHEMES`; default ``ala-lc``.
        known: Optional look-up of a span's vocalized form (the glossary supplies it; see
            the module docstring for the contract). Its exceptions are not caught.
        span: The longest span, in words, that ``known`` is asked about.
        lexicon: The word lexicon: the shipped one (True), none (False), or a `Lexicon`.
        model: The learned vocalizer: the shipped one (True), none (False), or a `Model`.
        vocalizer: Optional function adding vowel marks to a word (for instance
            `mishkal_vocalizer()`), used instead of ``model``.

    Returns:
        The `Transliteration`: text, exactness, source, confidence and the words.

    Raises:
        SchemeError: ``scheme`` is not a known scheme.

    Example:
        >>> transliterate("جَبْهَة النُّصْرَة").text
        'Jabhat al-Nuṣrah'
        >>> transliterate("جَيْش العِزَّة", "din31635").text
        'Ǧayš al-ʿIzza'
        >>> r = transliterate("مدينة حلب")
        >>> r.text, r.exact, r.source, [w.source for w in r.words]
        ('Madīnat Ḥalab', False, 'lexicon', ['lexicon', 'lexicon'])
        >>> transliterate("جيش العزة", "simple", known={"جيش العزة": "جَيْش العِزَّة"}.get).text
        'Jaysh al-Izza'
        >>> transliterate("جيش العزة", "simple", lexicon=False, model=False).text
        'Jish al-Za'
    """
    return _transliterate_all(text, (scheme,), known=known, span=span, lexicon=lexicon, model=model,
                              vocalizer=vocalizer)[scheme]


def transliterate_all(
    text: str,
    *,
    known: Known | None = None,
    span: int = 4,
    lexicon: Lexicon | bool = True,
    model: Model | bool = True,
    vocalizer: Vocalizer | None = None,
) -> dict[str, Transliteration]:
    """Romanize text in every scheme (the text is read once: ``known`` is asked each span once).

    Example:
        >>> {k: v.text for k, v in transliterate_all("حَمَاة").items()}["bgn-pcgn"]
        'Ḩamāh'
    """
    return _transliterate_all(text, tuple(SCHEMES), known=known, span=span, lexicon=lexicon, model=model,
                              vocalizer=vocalizer)


def _transliterate_all(text: str, schemes: tuple[str, ...], *, known: Known | None, span: int,
                       lexicon: Lexicon | bool, model: Model | bool,
                       vocalizer: Vocalizer | None) -> dict[str, Transliteration]:
    mappers = {name: engine.compiled(name) for name in schemes}
    if text.isascii() or not engine.has_arabic(text):
        return {name: Transliteration(text, True, name, "vocalized") for name in schemes}
    out: dict[str, Transliteration] = {}
    segments: list[words.Segment] | None = None
    for name, mapper in mappers.items():
        if isinstance(mapper, engine.Charmap):  # the table does its own cleaning (Buckwalter keeps tatweel)
            out[name] = Transliteration(mapper.forward(text), True, name, "vocalized")
            continue
        if segments is None:
            segments = words.analyze(engine.clean(text), known=known, span=span, lexicon=_lexicon(lexicon),
                                     model=_model(model) if vocalizer is None else None, vocalizer=vocalizer)
        latin, found = words.render(segments, name)
        source: Source = min((w.source for w in found), key=words.RANK.__getitem__, default="vocalized")
        confidence = 1.0
        for w in found:
            confidence *= w.confidence
        out[name] = Transliteration(latin, all(w.exact for w in found), name, source, confidence, tuple(found))
    return out


def _lexicon(choice: Lexicon | bool) -> Lexicon | None:
    if choice is True:
        return cast("Lexicon", _Deferred(_default_lexicon))
    return choice or None


def _model(choice: Model | bool) -> Model | None:
    if choice is True:
        return cast("Model", _Deferred(_default_model))
    return choice or None


def _default_lexicon() -> Lexicon:
    from glossary.translit import lexicon

    return lexicon.default()


def _default_model() -> Model:
    from glossary.translit import vocalizer  # (numpy: imported only when a word needs the model)

    return vocalizer.default()


class _Deferred:
    """The shipped lexicon or model, read when a word first needs it: a text whose words are all
    vocalized or known to the glossary (a card of a vocalized entity) reads neither.

    Example:
        >>> calls = []
        >>> d = _Deferred(lambda: calls.append(1) or "read")
        >>> len(calls)
        0
        >>> d.upper(), d.upper(), len(calls)
        ('READ', 'READ', 1)
    """

    __slots__ = ("_load", "_loaded")

    def __init__(self, load: Callable[[], Any]) -> None:
        self._load = load
        self._loaded: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._loaded is None:
            self._loaded = self._load()
        return getattr(self._loaded, name)


def reverse(text: str, scheme: str) -> str:
    """Turn a reversible scheme's Latin back into Arabic.

    Args:
        text: Latin text in the scheme; characters outside it are kept.
        scheme: ``buckwalter``, ``safe-buckwalter`` or ``iso233``.

    Returns:
        Arabic text (NFC).

    Raises:
        SchemeError: The scheme is unknown or not reversible.

    Example:
        >>> reverse("jayo$ AlEiza~p", "buckwalter")
        'جَيْش العِزَّة'
        >>> reverse("maʿarraẗ ʾlnnuʿmaʾn", "iso233")
        'مَعَرَّة النُّعْمَان'
    """
    mapper = engine.compiled(scheme)
    if not isinstance(mapper, engine.Charmap) or not engine.load(scheme).reversible:
        reversible = ", ".join(n for n in SCHEMES if SCHEMES[n].reversible)
        raise SchemeError(f"scheme {scheme!r} is not reversible (reversible: {reversible})")
    return mapper.reverse(text)


def describe_schemes() -> list[dict[str, object]]:
    """One row per scheme for ``glossary schemes``: name, title, standard, description,
    reversible, and an example (Arabic in, romanization out).

    Example:
        >>> row = describe_schemes()[0]
        >>> row["name"], row["example_input"], row["example_output"]
        ('ala-lc', 'جَيْش العِزَّة', 'Jaysh al-ʻIzzah')
    """
    rows: list[dict[str, object]] = []
    for name, info in SCHEMES.items():
        rows.append({
            "name": name, "title": info.title, "standard": info.standard, "description": info.description,
            "reversible": info.reversible, "example_input": info.example,
            "example_output": transliterate(info.example, name).text,
        })
    return rows


@functools.cache
def mishkal_vocalizer() -> Vocalizer:
    """Mishkal's diacritizer as a ``vocalizer`` (the optional extra ``glossary[vocalize]``).

    Measured on the shared vectors with their vowel marks stripped, it lifts exact
    ALA-LC romanizations from 1 in 40 names (consonants and long vowels by rule) to 23
    in 40, and cuts the character error rate from 20.7% to 8.5%; it still guesses,
    so results stay ``exact=False``. Loading it takes a few seconds.

    Raises:
        ImportError: mishkal is not installed.
    """
    try:
        import mishkal.tashkeel  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError as exc:
        raise ImportError("the vocalizer needs mishkal: pip install 'glossary[vocalize]'") from exc
    diacritizer = mishkal.tashkeel.TashkeelClass()

    def vocalize(text: str) -> str:
        return str(diacritizer.tashkeel(text)).strip()

    return vocalize
