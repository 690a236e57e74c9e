"""Text encodings of the files researchers meet, read into the UTF-8 the rest of the tool works in.

A byte-order mark decides when no encoding is given: UTF-8 (kept as it is), UTF-16 or UTF-32
(either byte order; Excel's "Unicode text" is UTF-16). Anything else is read as UTF-8 unless
``--encoding`` names its codec (``cp1256``: Arabic exported from Windows; ``iso-8859-6``...). A file
in another encoding is transcoded to a UTF-8 copy first (`transcode`), so that both passes of
`dedupe` and its fast reader see UTF-8, and what is written is always UTF-8. Bytes the encoding
cannot read stay as they were, and the row holding them is passed through as a bad row; when
most rows are such, the encoding is wrong, and `check_decoded` says so loudly with a guess at
the right one (`guess`) instead of producing half a result.

Example:
    >>> sniff(b"\\xff\\xfea\\x00", None), sniff(b"\\xef\\xbb\\xbfa", None), sniff(b"abc", "CP1256")
    ('utf-16', 'utf-8-sig', 'cp1256')
    >>> guess("جيش العزة".encode("cp1256"))
    'cp1256'
"""

from __future__ import annotations

import codecs
import io
import unicodedata
from collections.abc import Iterator
from typing import IO

from ..errors import GlossaryError, Problem

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
"""Byte-order marks and the codec that reads past them (UTF-32's first: it starts like UTF-16's)."""
_SAMPLE = 1 << 16
"""Bytes of a file looked at to guess its encoding."""


def codec_name(encoding: str) -> str:
    """The codec's canonical name (``UTF8`` -> ``utf-8``). Raises LookupError for an unknown one."""
    return codecs.lookup(encoding).name


def sniff(head: bytes, encoding: str | None) -> str:
    """The codec to read a file with: ``encoding`` when given, else what its byte-order mark says, else UTF-8."""
    if encoding:
        return codec_name(encoding)
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return "utf-8"


def is_utf8(codec: str) -> bool:
    return codec_name(codec) in ("utf-8", "utf-8-sig")


def ascii_compatible(codec: str) -> bool:
    """Whether the codec writes ASCII as ASCII (lines can then be split on their bytes)."""
    try:
        return b"a,\t\n\r\"".decode(codec) == "a,\t\n\r\"" and "\n".encode(codec) == b"\n"
    except (UnicodeError, LookupError):
        return False


def guess(sample: bytes) -> str:
    """The likeliest encoding of bytes that are not UTF-8: UTF-16 when a third of them are NUL,
    Windows Arabic (cp1256) when they read as Arabic letters there, else Windows Latin (cp1252)."""
    if sample.count(0) * 3 >= len(sample) > 0:
        return "utf-16"
    text = sample.decode("cp1256", errors="replace")
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "ARABIC" in unicodedata.name(c, ""))
    return "cp1256" if letters and arabic * 5 >= len(letters) else "cp1252"


def check_decoded(path: str, bad: int, total: int, codec: str, sample: bytes) -> None:
    """A loud error when most of ``total`` rows (at least one) had bytes the codec cannot read.

    Raises:
        GlossaryError: ``path:1:1: most rows (981 of 1000) are not valid utf-8: ... try --encoding cp1256``.
    """
    if bad == 0 or bad * 2 <= total:
        return
    likely = guess(sample)
    hint = f"try --encoding {likely}" if likely != codec_name(codec) else "try --encoding with the file's encoding"
    raise GlossaryError([Problem(path, 1, 1, f"most rows ({bad:,} of {total:,}) are not valid {codec_name(codec)}: "
                                             f"the file is in another encoding; {hint} (e.g. cp1256 for Arabic "
                                             "from Windows, utf-16 for Excel's Unicode text)")])


def _lines(stream: IO[bytes], codec: str) -> Iterator[tuple[str, bool]]:
    """Each line of a byte stream decoded, its line break kept, and whether it had bytes the codec
    cannot read (kept as lone surrogates when they can be, as U+FFFD otherwise)."""
    if not ascii_compatible(codec):  # UTF-16, UTF-32: decoded as a stream, lines split after
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        tail = ""
        while True:
            block = stream.read(1 << 20)
            text = tail + decoder.decode(block, final=not block)
            lines = [line + "\n" for line in text.split("\n")]  # (on line feeds only, as the bytes are split)
            last = lines.pop()[:-1]
            if block:
                tail = last
            elif last:
                lines.append(last)
            for line in lines:
                yield line, "\ufffd" in line
            if not block:
                return
    for raw in stream:
        try:
            yield raw.decode(codec), False
        except UnicodeDecodeError:
            try:
                yield raw.decode(codec, errors="surrogateescape"), True
            except UnicodeDecodeError:
                yield raw.decode(codec, errors="replace"), True


def decoded_lines(stream: IO[bytes], encoding: str | None, path: str = "<stdin>") -> list[str]:
    """The lines of a byte stream (standard input) as text, without their line breaks; a byte the
    encoding cannot read becomes U+FFFD (a batch never stops on one bad line), unless most lines
    have one (`check_decoded`).

    Raises:
        LookupError: an unknown encoding.
        GlossaryError: most lines cannot be read in the encoding.
    """
    if not hasattr(stream, "peek"):  # (one that cannot be peeked at: read whole, as the names are kept anyway)
        stream = io.BufferedReader(io.BytesIO(stream.read()))
    codec = sniff(stream.peek(4)[:4], encoding)
    out, bad = [], 0
    sample = bytearray()
    for line, undecodable in _lines(stream, codec):
        bad += undecodable
        if undecodable and len(sample) < _SAMPLE:
            sample += line.encode("utf-8", errors="surrogateescape") if ascii_compatible(codec) else b""
        out.append(line.rstrip("\r\n").encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace"))
    check_decoded(path, bad, len(out), codec, bytes(sample))
    if out:
        out[0] = out[0].removeprefix("\ufeff")
    return out


def transcode(src: IO[bytes], dst: IO[bytes], codec: str) -> None:
    """Copy a file in ``codec`` to ``dst`` in UTF-8 (a byte-order mark for one it had); bytes the codec
    cannot read are copied as they are when they can be (their rows then show as bad)."""
    head = src.read(4)
    src.seek(0)
    if any(head.startswith(bom) for bom, _ in _BOMS):  # (a codec that reads past its BOM drops it)
        dst.write(codecs.BOM_UTF8)
    for n, (line, _bad) in enumerate(_lines(src, codec)):
        dst.write((line[1:] if n == 0 and line.startswith("\ufeff") else line).encode("utf-8", errors="surrogateescape"))
