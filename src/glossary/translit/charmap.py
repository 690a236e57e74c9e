"""Letter-for-letter schemes (Buckwalter, Safe Buckwalter, ISO 233): a `str.translate` table
forward, a token regex in reverse (see `glossary.translit.engine`)."""

from __future__ import annotations

import functools
import re
import unicodedata

from glossary.errors import Problem, SchemeError
from glossary.translit._schema import Scheme
from glossary.translit.letters import (
    _REMOVE,
    _SHORT,
    DAGGER,
    DAMMA,
    DAMMATAN,
    FATHA,
    FATHATAN,
    KASRA,
    KASRATAN,
    SHADDA,
    VARIANTS,
    rebuild,
)


class Charmap:
    """A letter-for-letter scheme: `str.translate` forward, token regex in reverse."""

    def __init__(self, scheme: Scheme) -> None:
        table = {**scheme.letters, **scheme.vowels}
        self.double = scheme.context.get("shadda") == "double"
        if self.double:
            table[SHADDA] = ""  # doubling is done by _double; a shadda on no letter is dropped
        # the letters no scheme has a column for are read as letters it has (letters.VARIANTS: ک as ك, ڪ as ك …)
        variants = {c: "".join(table.get(t, t) for t in target) for c, target in VARIANTS.items() if c not in table}
        self.table = str.maketrans({**{c: None for c in _REMOVE if c not in table}, **variants, **table})
        self.letter_set = frozenset(c for c in scheme.letters if len(c) == 1)
        self.double_word = functools.lru_cache(maxsize=1 << 16)(self._double)
        prefer: dict[str, str] = scheme.context.get("reverse-prefer") or {}
        inverse: dict[str, str] = {}
        problems = []
        for arabic, latin in {**scheme.letters, **scheme.vowels}.items():
            if not latin or (self.double and arabic == SHADDA):
                continue
            if latin in inverse and prefer.get(latin) not in (arabic, inverse[latin]):
                problems.append(Problem(scheme.path, 1, 1, f"reverse: {latin!r} stands for both {inverse[latin]!r} "
                                        f"and {arabic!r}; add it to context.reverse-prefer"))
            if latin not in inverse or prefer.get(latin) == arabic:
                inverse[latin] = arabic
        if problems:
            raise SchemeError(problems)
        self.inverse = inverse
        self.vowel_latin = {scheme.vowels[v] for v in (FATHA, DAMMA, KASRA, FATHATAN, DAMMATAN, KASRATAN, DAGGER)
                            if scheme.vowels.get(v)}
        self.initial_only = scheme.context.get("reverse-initial-only") or ""
        self.simple_reverse = all(len(k) == 1 for k in inverse) and not self.double and not self.initial_only
        self.reverse_table = str.maketrans(inverse) if self.simple_reverse else {}

    @functools.cached_property
    def token_re(self) -> re.Pattern[str]:
        """The reverse tokenizer, longest Latin sign first. Built on first use: only `reverse` needs
        it, and a card, which romanizes forward with all three letter-for-letter tables, would
        compile it (about 0.4 ms a table) for nothing."""
        alternatives = []
        for latin in sorted(self.inverse, key=len, reverse=True):
            escaped = re.escape(latin)
            alternatives.append(f"(?<!\\S){escaped}" if self.inverse[latin] in self.initial_only else escaped)
        return re.compile("|".join(alternatives) + "|.", re.DOTALL)

    def forward(self, text: str) -> str:
        """Transliterate cleaned or raw text (cleaning is folded into the table)."""
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        if self.double and SHADDA in text:
            # word by word, cached: names repeat their words far more than whole names
            text = " ".join([self.double_word(w) if SHADDA in w else w for w in text.split(" ")])
        return text.translate(self.table)

    def _double(self, text: str) -> str:
        """Write each letter under shadda twice, before its vowel marks (zz + a)."""
        parts = text.split(SHADDA)
        for i in range(len(parts) - 1):
            part = parts[i]
            stem = part.rstrip(_SHORT)
            if stem and stem[-1] in self.letter_set:
                parts[i] = stem + stem[-1] + part[len(stem):]
        return "".join(parts)

    def reverse(self, text: str) -> str:
        """Latin back to Arabic (NFC); characters outside the scheme pass through."""
        if self.simple_reverse:
            return text.translate(self.reverse_table)
        tokens = [self.inverse.get(t, t) for t in self.token_re.findall(text)]
        vocalized = any(t in self.vowel_latin for t in self.token_re.findall(text))
        return unicodedata.normalize("NFC", rebuild(tokens, vocalized=vocalized, double=self.double))
