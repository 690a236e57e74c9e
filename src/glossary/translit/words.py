"""Word by word: which source romanizes each word of a text, and the result it makes.

`analyze` reads a text once, for every scheme: each Arabic word (or multi-word span) gets
its vocalization from the first source that has one, in this order:

1. ``vocalized``: the word is fully vocalized as written;
2. ``glossary``: ``known`` (the glossary's look-up) knows the span's vocalized form. It is
   asked for spans of up to ``span`` words, longest first, left to right, then for the
   single word (never for a span whose every word is vocalized; a span never crosses
   punctuation or Latin text). It gets the span as written (cleaned, words joined by one
   space) and answers its vocalized form, or None;
3. ``lexicon``: the word, or its stem with proclitics and the article split off, is in the
   vocalized LoC lexicon (`glossary.translit.lexicon`); else another spelling of its hamza or
   final letter is (`Lexicon.variant`); else it is two lexicon words written without the space
   that a letter which never joins the next hides (`Lexicon.joined`: عبدالرحمن, two units);
4. ``stem``: the word is a known stem and a suffix (`glossary.translit.lexicon.Lexicon.partial_key`:
   مكتباتهم, خلالها), or a lexicon word has its stem with another ending (`Lexicon.sibling_key`:
   سلسل from سلسلة): the stem's labels are kept, and the learned vocalizer chooses the others
   (the stem's last letter and the suffix) around them; the word's case is the lexicon's stem
   case model's (`Lexicon.stem_case`), which weighs the vocalizer's capitalization with what the
   lexicon knows of the stem;
5. ``model``: the learned vocalizer (`glossary.translit.vocalizer`) guesses the vowels, or
   an external ``vocalizer`` function (mishkal) does;
6. ``rule``: the consonants and long vowels as written.

Marks written on a word that is only partly vocalized are kept, and say what they say and
no more: a shadda written alone (محمّد) keeps the vowel the lexicon or the model gives it
(the model chooses among the shadda labels there), a vowel written alone keeps a shadda. A
lexicon reading that a written mark contradicts (حَسني against the lexicon's Ḥusnī) is not
taken: the model reads the word around the written marks, which it keeps as fixed labels.

`render` writes the analysis in one transcription scheme: the engine romanizes each word
with its context (the first word of the name, a tāʾ marbūṭa in construct before the next
word, unless the word ends a name the glossary knows: a proper name is no construct head);
ALA-LC, DIN 31635 and simple write lexicon and model words with the word's own
case (a proper name capitalized, a common word not; the first word of a sentence
capitalized), BGN/PCGN and words from the other sources name-case every word.

Exactness and confidence. A word is exact when it was vocalized as written or by the
glossary. A lexicon hit is the most frequent catalogue romanization of that spelling, not
certain for this text (homographs: حسني is Ḥusnī or Ḥasanī), so it is not exact; its
confidence is the held-out accuracy measured by ``bench/translit_eval.py``. The model's
confidence is its own probability for the whole word (for a ``stem`` word, for the letters
it chose, through its own calibration); a rule word gets the measured
accuracy of the rule path. The text is exact when every word is, its source is the weakest
of its words' and its confidence the product of theirs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from glossary.translit import engine, labels
from glossary.translit import render as _render
from glossary.translit.letters import _PUNCT, _WORD, clean

if TYPE_CHECKING:
    from glossary.translit.lexicon import Hit, Lexicon
    from glossary.translit.vocalizer import Model

__all__ = ["CONFIDENCE", "RANK", "Source", "Unit", "Word", "analyze", "render"]

Source = Literal["vocalized", "glossary", "lexicon", "stem", "model", "rule"]
Pending = tuple[str, str, "Hit | None", int]
"""A word left to the model (`_read`): its key, written marks, a known stem's hit, `_as_name`'s flag."""
Known = Callable[[str], "str | None"]
Vocalizer = Callable[[str], str]

RANK: dict[str, int] = {"rule": 0, "model": 1, "stem": 2, "lexicon": 3, "glossary": 4, "vocalized": 5}
"""Sources from the weakest to the strongest: a text's source is its weakest word's."""

CONFIDENCE: dict[str, float] = {
    "word": 0.9,      # a spelling the lexicon holds: its most frequent catalogue romanization
    "clitics": 0.85,  # bench/translit_eval.py: held-out words found through their stem (85.3%)
    "variant": 0.71,  # bench/translit_eval.py: held-out words read as another spelling of a lexicon word (70.6%)
    "joined": 0.33,   # bench/translit_eval.py: held-out words read as two lexicon words written as one (5 of 15)
    "external": 0.5,  # an external vocalizer (mishkal): not measured by us, uncalibrated
    "rule": 0.1,      # bench/translit_eval.py: held-out words romanized by rule (9.3-10.1%, case ignored)
}
"""Confidence of the sources that do not give their own (see the module docstring)."""


class _Joiner(str):
    """The type of `JOINED_SEPARATOR`, told apart from any separator a text holds by identity."""

    __slots__ = ()


JOINED_SEPARATOR = _Joiner("\u2060")
"""The separator `analyze` puts between two words written as one (`Lexicon.joined`; U+2060 WORD
JOINER, this one object: a text's own U+2060 is no such separator), which `render` writes as the
scheme writes a proclitic's separator: ʻAbd-al-Raḥmān, as the catalogue writes such forms, in
ALA-LC; ‘Abd ar Raḩmān in BGN/PCGN, which writes li Ḩalab."""

LEXICAL_CASE = frozenset(("ala-lc", "din31635", "simple"))
"""Schemes that capitalize a lexicon or model word only when it is a proper name."""

_SENTENCE_END = frozenset(".!?؟\n")
_FATHA, _KASRA = "\u064E", "\u0650"
_MARKED = re.compile("[\u064B-\u0652\u0670]")
_NOT_LETTER = re.compile("[^\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u06D5\u06FA-\u06FF]")
_MEDIAL_MAQSURA = re.compile("ى(?=[\u0621-\u064A])")
_TAA = re.compile("ة[\u064B-\u0652]*$")


@dataclass(frozen=True, slots=True)
class Word:
    """One romanized word (or a multi-word name the glossary knows) and where it came from.

    Attributes:
        arabic: The word as written (cleaned).
        text: Its romanization in the scheme.
        source: ``vocalized``, ``glossary``, ``lexicon``, ``stem``, ``model`` or ``rule``.
        confidence: 0-1; 1.0 when exact.
        vocalized: The vocalized form romanized (the letters as written for ``rule``).
    """

    arabic: str
    text: str
    source: Source
    confidence: float
    vocalized: str

    @property
    def exact(self) -> bool:
        """Vocalized as written or by the glossary."""
        return self.source in ("vocalized", "glossary")

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of one word."""
        return {"arabic": self.arabic, "text": self.text, "source": self.source,
                "confidence": round(self.confidence, 4), "vocalized": self.vocalized}


@dataclass(frozen=True, slots=True)
class Unit:
    """A word (or span) of the analysis, before any scheme: its source and vocalization.

    Either ``vocalized`` is set (vocalized, glossary, rule, external vocalizer), or
    ``key`` and ``marks`` are (lexicon, stem, model: letters and `glossary.translit.labels`).
    ``case`` is 1 for a proper name, 0 for a common word, -1 for name case throughout.
    """

    arabic: str
    source: Source
    confidence: float
    vocalized: str = ""
    key: str = ""
    marks: str = ""
    case: int = -1
    prefix: str = ""  # proclitics written apart before ``vocalized`` (a known name after li-, bi-)
    name_end: bool = False
    """The last word of a name the glossary knows: a proper name, definite by itself, is never the
    first term of a construct (ريف حماة الشمالي: Rīf Ḥamāh al-Shamālī, not Ḥamāt)."""


Segment = str | Unit


def analyze(text: str, *, known: Known | None = None, span: int = 4, lexicon: Lexicon | None = None,
            model: Model | None = None, vocalizer: Vocalizer | None = None) -> list[Segment]:
    """Read a cleaned text into separators (str) and `Unit` s (see the module docstring)."""
    parts = _WORD.split(text)
    out: list[Segment] = []
    answers: dict[str, str | None] = {}
    ala = engine.compiled("ala-lc")
    assert isinstance(ala, engine.Transcriber)

    def ask(name: str) -> str | None:
        if known is None:
            return None
        if name not in answers:
            answers[name] = known(name)
        return answers[name]

    def vocalized(word: str) -> bool:
        # a word without any mark is not "vocalized as written", even where the engine could
        # read it (دار, ما): the lexicon knows such words better
        return _MARKED.search(word) is not None and ala.cached_word(word, False, True)[1]

    pending: list[tuple[int, str, str, str, Hit | None, int]] = []  # (place in out, word, key, written marks,
    # a known stem's hit, `_as_name`'s flag: 1 a word of a name the glossary knows without its vowels, 2 its last)
    ask_word = ask if known is not None else _no_glossary

    def put(unit: Unit | list[Segment] | Pending, word: str) -> None:
        if isinstance(unit, Unit):
            out.append(unit)
        elif isinstance(unit, list):
            out.extend(unit)
        else:
            pending.append((len(out), word, *unit))
            out.append(word)  # a place held for the model's answer

    k = 1
    while k < len(parts):
        out.append(parts[k - 1])
        if known is not None:
            # the run of words from k joined by plain spaces: the spans the glossary may know
            run = [parts[k]]
            while len(run) < span and k + 2 * len(run) < len(parts) and _space(parts[k + 2 * len(run) - 1]):
                run.append(parts[k + 2 * len(run)])
            spanned: list[Unit] | None = None
            unvocalized = 0  # the words of the longest span the glossary knows without its vowels
            for size in range(min(span, len(run)), 1, -1):
                words = run[:size]
                if all(vocalized(w) for w in words):
                    continue
                spanned = _known_span(words, ask, True)
                if spanned is not None:
                    break
                if not unvocalized and ask(" ".join(words)) == "":
                    unvocalized = size
            if spanned is not None:
                for j, u in enumerate(spanned):
                    if j:
                        out.append(parts[k + 2 * j - 1])
                    out.append(u)
                k += 2 * len(words)
                continue
            if unvocalized:  # a name of several words the glossary knows without its vowels
                for j in range(unvocalized):
                    if j:
                        out.append(parts[k + 2 * j - 1])
                    word = parts[k + 2 * j]
                    put(_as_name(_word(word, ask, vocalized, lexicon, model is not None, vocalizer),
                                 j == unvocalized - 1), word)
                k += 2 * unvocalized
                continue
        word = parts[k]
        put(_word(word, ask_word, vocalized, lexicon, model is not None, vocalizer), word)
        k += 2
    out.append(parts[-1])
    if pending and model is not None:
        fixed = [_fixed(stem.labels if stem is not None else "", written) for _, _, _, written, stem, _ in pending]
        guesses = model.predict_many([key for _, _, key, _, _, _ in pending], fixed if any(fixed) else None, raw=True)
        for (i, word, key, written, stem, name), (marks, raw) in zip(pending, guesses):
            source: Source = "stem" if stem is not None else "model"
            if name:
                case = 1
            elif stem is not None and lexicon is not None:  # the stem case model weighs the vocalizer's reading
                case = lexicon.stem_case(stem, model.capitalized(key))
            else:
                case = int(model.capitalized(key) >= 0.5)
            out[i] = Unit(word, source, model.confidence(raw, source), key=key, marks=_merge(marks, written, key),
                          case=case, name_end=name == 2)
    return out


def _no_glossary(name: str) -> None:
    """The look-up when there is no glossary."""
    return None


def _space(separator: str) -> bool:
    """Whether two words are joined: only spaces between them (no punctuation, no new line)."""
    return bool(separator) and not separator.strip() and "\n" not in separator


def _known_span(words: list[str], ask: Callable[[str], str | None], whole: bool) -> list[Unit] | None:
    """The units of a span the glossary knows: as written (when ``whole``: a single word as
    written is asked later, after its own marks), else with proclitics split off its first
    word (لجيش العزة: li- + جيش العزة; للعزة: li- + العزة), or None."""
    if whole:
        answer = ask(" ".join(words))
        if answer:
            return _glossary(words, answer)
    first = words[0]
    for chain, rest in _proclitic_readings(first):
        answer = ask(" ".join([rest, *words[1:]]))
        if answer:
            units = _glossary([rest, *words[1:]], answer)
            head = units[0]
            prefix, vocalized = _attach(chain, head.vocalized)
            units[0] = Unit(first if len(units) > 1 else " ".join(words), "glossary", 1.0, vocalized=vocalized,
                            prefix=prefix, name_end=len(units) == 1)
            return units
    return None


def _proclitic_readings(word: str) -> list[tuple[str, str]]:
    """(proclitics, the rest) readings of a word's start, fewest letters first, the article
    first among equals; لل is li- and the article, whose alif it drops (للعزة: li- + العزة)."""
    from glossary.translit.lexicon import _CHAINS

    out = []
    for chain in _CHAINS[1:]:
        if not word.startswith(chain):
            continue
        rest = word[len(chain):]
        if len(rest) >= 2:
            out.append((chain, rest))
        if chain[-1] != "ل" and rest.startswith("لل") and len(rest) >= 4:
            out.append((chain + "ل", "ا" + rest[1:]))
    if word.startswith("لل") and len(word) >= 4:
        out.append(("ل", "ا" + word[1:]))
    out.sort(key=lambda x: (len(x[0]), not x[1].startswith("ال")))
    return out


def _attach(chain: str, vocalized: str) -> tuple[str, str]:
    """Proclitics before a vocalized name: those the engine reads itself (و ف ب ك before the
    article: wa-al-; ل with the article: لل, lil-) join the word; the others stay apart."""
    letters = labels.strip(vocalized)
    if letters[:2] in ("ال", "ٱل") and chain:
        last = chain[-1]
        if last in "وفبك":
            return chain[:-1], last + (_KASRA if last == "ب" else _FATHA) + vocalized
        if last == "ل":  # li- + the article is written لل: the article's alif goes
            start = 1
            while start < len(vocalized) and _MARKED.match(vocalized[start]):
                start += 1
            return chain[:-1], "ل" + _KASRA + vocalized[start:]
    return chain, vocalized


def _glossary(words: list[str], answer: str) -> list[Unit]:
    """Units of a span the glossary knows: one per word when its vocalized form has as many."""
    forms = clean(answer).split()
    if len(forms) == len(words):
        return [Unit(w, "glossary", 1.0, vocalized=v, name_end=k == len(words) - 1)
                for k, (w, v) in enumerate(zip(words, forms))]
    return [Unit(" ".join(words), "glossary", 1.0, vocalized=clean(answer), name_end=True)]


def _word(word: str, ask: Callable[[str], str | None], vocalized: Callable[[str], bool], lexicon: Lexicon | None,
          model: bool, vocalizer: Vocalizer | None) -> Unit | list[Segment] | Pending:
    """The unit of one word; two units and `JOINED_SEPARATOR` between them for two lexicon words
    written as one (`glossary.translit.lexicon.Lexicon.joined`: عبدالرحمن); or a `Pending` (key,
    written marks, a known stem's hit or None, `_as_name`'s flag) when it is left to the model. A name the glossary knows without a vocalized form (``known`` answers
    ``""``, for the word or for it behind proclitics) is read by the lexicon or the model as any
    word, and written as a proper name: capitalized, and never the first term of a construct."""
    marked = _MARKED.search(word) is not None
    if marked and vocalized(word):
        return Unit(word, "vocalized", 1.0, vocalized=word)
    answer = ask(word)
    if answer:
        return Unit(word, "glossary", 1.0, vocalized=clean(answer), name_end=True)
    if answer is None and ask is not _no_glossary:
        found = _known_span([word], ask, False)
        if found is not None:
            return found[0]
    # a name the glossary knows without its vowels ("", itself or behind proclitics: asked already)
    name = answer == "" or (answer is None and ask is not _no_glossary
                            and any(ask(rest) == "" for _, rest in _proclitic_readings(word)))
    unit = _read(word, marked, lexicon, model, vocalizer)
    return _as_name(unit, True) if name else unit


def _as_name(unit: Unit | list[Segment] | Pending, end: bool,
             ) -> Unit | list[Segment] | Pending:
    """``unit`` (`_read`'s) as a word of a proper name the glossary knows without its vowels:
    capitalized and, when it ends the name (``end``), never the first term of a construct. A rule
    word stays as it is (the rule name-cases every word); the model's place carries the flag."""
    if isinstance(unit, Unit):
        return replace(unit, case=1, name_end=end) if unit.source != "rule" else unit
    if isinstance(unit, list):  # two words written as one: the second ends the name
        last = max(j for j, u in enumerate(unit) if isinstance(u, Unit))
        return [_as_name(u, end and j == last) if isinstance(u, Unit) else u  # type: ignore[misc]
                for j, u in enumerate(unit)]
    return (*unit[:3], 2 if end else 1)


def _read(word: str, marked: bool, lexicon: Lexicon | None, model: bool,
          vocalizer: Vocalizer | None) -> Unit | list[Segment] | Pending:
    """`_word` past the glossary: the lexicon (as written, another spelling, two words written as
    one), the external vocalizer, else the model's place (key, written marks, a known stem's
    hit, the flag `_as_name` sets: 0), else the rule."""
    if not marked:
        key, written = (_MEDIAL_MAQSURA.sub("ي", word) if "ى" in word[:-1] else word), ""
    else:
        key, written = labels.read(word)
    if not key or _NOT_LETTER.search(key):
        return Unit(word, "rule", CONFIDENCE["rule"], vocalized=word)
    if lexicon is not None:
        hit, read_as = lexicon.lookup_key(key), key
        if hit is None:  # the lexicon's word of another spelling of its hamza or final letter
            variant = lexicon.variant(key)
            if variant is not None:
                read_as, hit = variant
        # marks written against the lexicon's reading are the model's to read around, if there is one
        if hit is not None and (not written or not (model or vocalizer) or _agrees(hit.labels, written, read_as)):
            return Unit(word, "lexicon", CONFIDENCE[hit.via], key=read_as,
                        marks=_merge(hit.labels, written, read_as), case=hit.case)
        parts = lexicon.joined(key) if hit is None and not written else None
        if parts is not None:  # two words written without the space a non-joining letter hides
            (head, first), (rest, second) = parts
            each = CONFIDENCE["joined"] ** 0.5  # the reading's confidence is the product of its two words'
            return [Unit(head, "lexicon", each, key=head, marks=first.labels, case=first.case), JOINED_SEPARATOR,
                    Unit(rest, "lexicon", each, key=rest, marks=second.labels, case=second.case)]
    if vocalizer is not None:
        return Unit(word, "model", CONFIDENCE["external"], vocalized=clean(vocalizer(word)))
    if model:  # analyze asks the model for all the text's words at once
        return key, written, lexicon.partial_key(key) if lexicon is not None else None, 0
    return Unit(word, "rule", CONFIDENCE["rule"], vocalized=word)


def _merge(predicted: str, written: str, key: str) -> str:
    """The predicted labels, except where the text wrote a mark (``?`` where it did not).

    A written mark says what it says and no more: a shadda alone (محمّد, the commonest way of
    marking a word in part) keeps a predicted vowel, and a vowel alone keeps a predicted
    shadda; a written vowel or sukūn replaces the predicted one where `_same` does not find
    them alike."""
    if not written or written.count("?") == len(written):
        return predicted
    out = []
    for p, w, letter in zip(predicted, written, key):
        if w == "?" or _same(p, w, letter):
            out.append(p)
        elif w == "~":
            out.append(p.upper() if p in "aui" else w)
        elif w in "aui" and p in "AUI":
            out.append(w.upper())
        else:
            out.append(w)
    return "".join(out)


def _same(label: str, mark: str, letter: str) -> bool:
    """Whether a written mark says nothing against a label: the same vowel (a proclitic's
    ``w`` is a fatḥa, ``b`` a kasra; a vowel alone does not deny a shadda), a shadda alone on
    a shadda label, a fatḥa on an ا the label leaves unmarked (the article's اَل, a long ā),
    a sukūn on a consonant left unmarked (the article's lām before a sun letter)."""
    if mark == label or mark == "?":
        return True
    if mark == "~":
        return label in "AUI"
    if mark in "aui":
        return label == mark.upper() or (label, mark) in (("w", "a"), ("b", "i")) or (
            label == "." and mark == "a" and letter == "ا")
    return mark == "o" and label == "." and letter not in "اويى"


def _agrees(predicted: str, written: str, key: str) -> bool:
    """Whether the lexicon's labels agree with every mark written on the word (`_same`): marks
    that disagree say the writer means another word of those letters (حُسني, not Ḥasanī), and
    the model reads it around them."""
    return all(_same(p, w, letter) for p, w, letter in zip(predicted, written, key))


def _fixed(stem: str, written: str) -> str | None:
    """The labels the model must keep, or None: the marks written on the word (a shadda
    written alone as `labels.ANY_SHADDA`: the model chooses its vowel), else a known stem's."""
    if not written or written.count("?") == len(written):
        return stem or None
    return "".join(labels.ANY_SHADDA if w == "~" else w if w != "?" else stem[k] if stem else "?"
                   for k, w in enumerate(written))


def render(segments: list[Segment], scheme: str) -> tuple[str, list[Word]]:
    """The text of an analysis in one transcription scheme, and its words."""
    mapper = engine.compiled(scheme)
    assert isinstance(mapper, engine.Transcriber)
    lexical = scheme in LEXICAL_CASE and mapper.capitalize
    units = [(i, s) for i, s in enumerate(segments) if isinstance(s, Unit)]
    out: list[str] = []
    words: list[Word] = []
    sentence_start = True
    n = 0
    for i, seg in enumerate(segments):
        if not isinstance(seg, Unit):
            out.append(mapper.prefix_sep if seg is JOINED_SEPARATOR else seg.translate(_PUNCT))
            if not _SENTENCE_END.isdisjoint(seg):
                sentence_start = True
            continue
        nxt = units[n + 1][1] if n + 1 < len(units) else None
        pausal = True
        if nxt is not None and _TAA.search(seg.vocalized or seg.key):  # only a final ة has a construct state
            between = segments[i + 1] if i + 1 < len(segments) else ""
            joined = units[n + 1][0] == i + 2 and isinstance(between, str) and _space(between)
            pausal = not joined or seg.name_end or _proclitic(nxt) \
                or engine.pausal_before(nxt.vocalized or labels.apply(nxt.key, nxt.marks))
        first = n == 0
        if seg.marks:
            voc = labels.apply(seg.key, seg.marks)
            latin = _render.render(seg.key, seg.marks, mapper, first=first, pausal=pausal, vocalized=voc)[0]
            if lexical:  # a common word is lowercase but at the start of a sentence; a name keeps its stem's capital
                latin = _render.case(latin, seg.case or (_opening(seg.key, seg.marks) if sentence_start else 0))
        elif " " in seg.vocalized:
            latin = mapper(seg.vocalized)[0]
            voc = seg.vocalized
        else:
            latin = mapper.cached_word(seg.vocalized, first and not seg.prefix, pausal)[0]
            voc = seg.vocalized
        if seg.prefix:
            head = "".join(mapper.letters.get(c, c) + mapper.v[_KASRA if c in "بل" else _FATHA] + mapper.prefix_sep
                           for c in seg.prefix)
            latin = head + latin
            voc = "".join(c + (_KASRA if c in "بل" else _FATHA) for c in seg.prefix) + voc
        out.append(latin)
        words.append(Word(seg.arabic, latin, seg.source, seg.confidence, voc))
        sentence_start = False
        n += 1
    return "".join(out), words


_ARTICLE_AFTER_PROCLITIC = re.compile("^[وفبكل][\u064E\u0650]\u0627?ل")


def _proclitic(unit: Unit) -> bool:
    """Whether a word begins with a proclitic (wa-, fa-, bi-, li-, ka-, sa-): such a word is never
    the second term of a construct, so a tāʾ marbūṭa before it stays in pause (majmūʻah kāmilah
    li-…, al-Thaqāfah wa-al-Irshād). Read from the analysis (the lexicon's or the model's
    proclitic label, a glossary name's prefix or its article after a proclitic), never from a
    first letter alone: و ب ل begin many words (وزارة, بلدة)."""
    if unit.prefix:
        return True
    if unit.marks:
        from glossary.translit.lexicon import core_of

        return core_of(unit.key, unit.marks)[0] not in ("", "ال", "ٱل")
    return _ARTICLE_AFTER_PROCLITIC.match(unit.vocalized) is not None


def _opening(key: str, marks: str) -> int:
    """The case bits of a common word opening a sentence: after the article its stem is
    capitalized (al-Muqāwamah, as LoC opens a title), else its first letter (Wa-yalīhi)."""
    from glossary.translit.lexicon import core_of

    head = core_of(key, marks)[0]
    return 1 if head.endswith(("ال", "ٱل", "لل")) else 2


def units(segments: list[Segment]) -> Iterator[Unit]:
    """The units of an analysis, in order."""
    return (s for s in segments if isinstance(s, Unit))

