"""Romanize one labelled word (letters + `glossary.translit.labels`) in a transcription scheme.

The engine reads the vocalized word as a name in pause; what the labels add around it:

* proclitics labelled ``w``/``b`` (``wa-``, ``bi-``, ``la-``, ``sa-`` not directly before
  the article) are written apart: the scheme's letter and short vowel, then its prefix
  separator (ALA-LC ``wa-taḥqīq``, BGN/PCGN ``wa taḥqīq``); a proclitic before the
  article stays inside the word, where the engine writes it (``wa-al-``, ``lil-``);
* a vowel label on the last letter is pronounced (``bayna``, ``ʻalayhi``): the scheme's
  short vowel is written after the pausal reading; ``F`` before a final alif writes
  ``-an`` in a scheme whose table drops tanwīn in names (ALA-LC, BGN/PCGN, simple);
* `case` applies the word's capitalization (a proper name or not) in the schemes that
  capitalize by the word (``capitalize: true``); BGN/PCGN names places, so every word
  there keeps the engine's capitals.

Example:
    >>> from glossary.translit import engine
    >>> ala = engine.compiled("ala-lc")
    >>> render("وتحقيق", "waoi..", ala)
    ('wa-Taḥqīq', True)
    >>> render("بين", "ao.a", ala)
    ('Bayna', True)
    >>> case(render("والتوزيع", "a..Aoi..", ala)[0], 0)
    'wa-al-tawzīʻ'
    >>> render("و", "w", ala)
    ('wa', True)
"""

from __future__ import annotations

from glossary.translit import engine, labels
from glossary.translit.letters import ALIF, DAMMA, FATHA, FATHATAN, KASRA

__all__ = ["case", "proclitics", "render"]

_VOWEL = {"a": FATHA, "A": FATHA, "u": DAMMA, "U": DAMMA, "i": KASRA, "I": KASRA, "w": FATHA, "b": KASRA}


def proclitics(marks: str) -> int:
    """How many leading letters are proclitics written apart (labels ``w``/``b``)."""
    k = 0
    while k < len(marks) and marks[k] in labels.PROCLITIC:
        k += 1
    return k


def render(word: str, marks: str, mapper: engine.Transcriber, *, first: bool = False,
           pausal: bool = True, vocalized: str | None = None) -> tuple[str, bool]:
    """The romanization of a labelled word and whether the engine found it fully vocalized.

    Args:
        word: Arabic letters, no marks.
        marks: One label per letter.
        mapper: A compiled transcription scheme (`engine.compiled`).
        first: The word begins the name (BGN/PCGN capitalizes an initial article).
        pausal: False when a final ة is in construct (another word of the name follows).
        vocalized: ``labels.apply(word, marks)`` when the caller has it already.
    """
    k = proclitics(marks)
    head = "".join(mapper.letters.get(c, c) + mapper.v[_VOWEL[m]] + mapper.prefix_sep for c, m in zip(word, marks[:k]))
    stem, labs = word[k:], marks[k:]
    if not stem:  # proclitics alone: a conjunction typed apart (دمشق و حلب) is the word itself, "wa"
        return head.removesuffix(mapper.prefix_sep) if mapper.prefix_sep else head, True
    tail = ""
    last = labs[-1]
    if last in labels.VOWELS and len(stem) > 1:
        tail = mapper.v[_VOWEL[last]]
    elif len(stem) > 1 and labs[-2] == "F" and stem[-1] == ALIF and not mapper.v[FATHATAN]:
        tail = mapper.v[FATHA] + mapper.letters.get("ن", "n")
    # a proclitic is one letter and one mark in the vocalized word
    latin, exact = mapper.cached_word(vocalized[2 * k:] if vocalized is not None else labels.apply(stem, labs),
                                      first and not k, pausal)
    return head + latin + tail, exact


def case(latin: str, bits: int) -> str:
    """Apply capitalization bits to a romanized word: 1 the stem is capitalized (a proper
    name: the engine's own output), 2 the first letter is (a title's first word);
    0 lowercase.

    Example:
        >>> case("wa-Yalīhi", 2), case("al-ʻArabī", 1), case("Bin-ʻAbd", 3)
        ('Wa-yalīhi', 'al-ʻArabī', 'Bin-ʻAbd')
    """
    if bits & 1:
        return engine._cap(latin) if bits & 2 else latin
    low = latin.lower()
    return engine._cap(low) if bits & 2 else low
