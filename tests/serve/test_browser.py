"""The card page in a real browser: headless Chromium renders the Arabic title right-to-left.

Chromium takes a screenshot of ``/entity/jaysh-al-izza`` (white page, dark text); the test finds
the first two bands of rows that hold dark pixels, the Latin title and the Arabic title, and
checks where their ink sits: the Latin title starts at the left margin, the Arabic one ends at
the right margin and starts well right of the left one (a right-to-left block). It also reads
the DOM Chromium built (``--dump-dom``) for the ``dir="rtl"`` of the title. Skipped, with the
reason, where Chromium is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from ._http import Client

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
WIDTH, HEIGHT = 900, 500


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage", f"--user-data-dir={tmp / 'profile'}", "--hide-scrollbars",
             f"--window-size={WIDTH},{HEIGHT}"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120, check=False)


def _rows(png: bytes, height: int) -> list[bytes]:
    """The first ``height`` rows of an 8-bit RGB or RGBA PNG, unfiltered, as bytes per row."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, ihdr = 8, b"", b""
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        chunk = png[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = chunk
        elif kind == b"IDAT":
            data += chunk
        pos += 12 + n
    w, h, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
    assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(data)
    stride = w * bpp
    out: list[bytes] = []
    prev = bytearray(stride)
    for y in range(min(height, h)):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out.append(bytes(line[k] for k in range(stride) if k % bpp < 3))  # RGB only
        prev = line
    return out


def _ink(row: bytes) -> list[int]:
    """The x of each dark pixel of an RGB row."""
    return [i // 3 for i in range(0, len(row), 3) if row[i] + row[i + 1] + row[i + 2] < 3 * 110]


def test_card_title_is_right_to_left_in_chromium(client: Client, tmp_path: Path) -> None:
    url = client.base + "/entity/jaysh-al-izza"
    shot = tmp_path / "card.png"
    r = _chromium(tmp_path, f"--screenshot={shot}", url)
    assert shot.exists(), r.stderr[-2000:]
    rows = _rows(shot.read_bytes(), 200)
    bands: list[tuple[int, int]] = []  # (first, last) row of each run of rows with ink
    for y, row in enumerate(rows):
        if _ink(row):
            if bands and bands[-1][1] == y - 1:
                bands[-1] = (bands[-1][0], y)
            else:
                bands.append((y, y))
    bands = [b for b in bands if b[1] - b[0] >= 8]  # lines of title text, not specks
    assert len(bands) >= 2, bands
    (latin, arabic) = bands[:2]
    lx = [x for y in range(latin[0], latin[1] + 1) for x in _ink(rows[y])]
    ax = [x for y in range(arabic[0], arabic[1] + 1) for x in _ink(rows[y])]
    width = len(rows[0]) // 3
    # the Latin title hugs the left margin, the Arabic title the right one
    assert min(lx) < 0.1 * width and max(lx) < 0.6 * width, (min(lx), max(lx), width)
    assert max(ax) > 0.9 * width and min(ax) > 0.5 * width, (min(ax), max(ax), width)


def test_card_dom_in_chromium(client: Client, tmp_path: Path) -> None:
    r = _chromium(tmp_path, "--dump-dom", client.base + "/entity/jaysh-al-izza")
    assert r.returncode == 0, r.stderr[-2000:]
    assert '<h1 class="title-ar" lang="ar" dir="rtl">جيش العزة</h1>' in r.stdout
    assert "Ǧayš al-ʿIzza" in r.stdout
