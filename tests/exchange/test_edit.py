"""`glossary add` and `glossary edit`: validated, comments kept, atomic, locked, dry-run diffs."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli

TEXT = """\
# my glossary (a comment that must stay)
entities:
  - id: hama   # the city
    type: place
    romanized: "Hama"
    arabic: حماة
    variants:
      - Hamah
      - {text: Ḥamāh, scheme: ala-lc}
    located_in: [syria]
  # places below
  - id: syria
    type: place
    romanized: 'Suriya'
    english: Syria
"""


@pytest.fixture()
def g(tmp_path: Path) -> Path:
    f = tmp_path / "g.yaml"
    f.write_text(TEXT, encoding="utf-8")
    return f


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_edit_keeps_comments_order_and_quoting(g: Path) -> None:
    code, out, err = run("--glossary", str(g), "edit", "hama", "--set", "romanized=Hamah", "--set", "english=Hama",
                         "--add-variant", "Hamat", "--remove-variant", "Hamah")
    assert (code, out, err) == (0, f"{g}: hama saved\n", "")
    assert g.read_text(encoding="utf-8") == TEXT.replace('romanized: "Hama"', 'romanized: "Hamah"').replace(
        "    arabic: حماة\n", "    arabic: حماة\n    english: Hama\n").replace(
        "      - Hamah\n      - {text: Ḥamāh, scheme: ala-lc}\n", "      - {text: Ḥamāh, scheme: ala-lc}\n      - Hamat\n")


def test_dry_run_prints_the_diff_and_writes_nothing(g: Path) -> None:
    code, out, err = run("--glossary", str(g), "edit", "syria", "--set", "arabic=سوريا", "--add-variant",
                         "Sūriyā", "--scheme", "ala-lc", "--dry-run")
    assert code == 0 and err == ""
    assert out == textwrap.dedent(f"""\
        --- {g}
        +++ {g} (edited)
        @@ -12,4 +12,7 @@
           - id: syria
             type: place
             romanized: 'Suriya'
        +    arabic: سوريا
             english: Syria
        +    variants:
        +      - {{text: Sūriyā, scheme: ala-lc}}
        """)
    assert g.read_text(encoding="utf-8") == TEXT


def test_every_problem_at_once_each_at_a_line_that_exists(g: Path) -> None:
    code, out, err = run("--glossary", str(g), "edit", "hama", "--set", "type=grop", "--set", "arabic=Hama",
                         "--set", "located_in=[nowhere, {id: syria, until: '2019-13'}]", "--remove-variant", "Hama",
                         "--set", "variants=[unclosed")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"{g}:4:5: --set type=grop: unknown type 'grop' (expected one of: group, place, person, media, event, other)",
        f"{g}:6:5: --set arabic=Hama: 'arabic' must be Arabic script, found Latin letters in 'Hama'",
        f"{g}:7:5: --remove-variant Hama: entity 'hama' has no variant 'Hama' (its variants: 'Hamah', 'Ḥamāh')",
        f"{g}:7:5: --set variants=[unclosed: not a YAML value for 'variants': expected ',' or ']', but got '<stream end>'",
        f"{g}:10:5: --set located_in=[nowhere, {{id: syria, until: '2019-13'}}]: 'located_in.until' must be a date "
        "YYYY, YYYY-MM or YYYY-MM-DD, found '2019-13'",
    ]
    assert g.read_text(encoding="utf-8") == TEXT


def test_edit_refuses_an_id_change_and_an_unknown_entity(g: Path) -> None:
    code, _, err = run("--glossary", str(g), "edit", "hama", "--set", "id=hamah")
    assert code == 2 and "--set id=hamah: an id cannot be changed by an edit" in err
    code, _, err = run("--glossary", str(g), "edit", "homs", "--set", "english=Homs")
    assert (code, err) == (2, f"{g}:1:1: no entity with id 'homs' in {g}\n")


def test_add_appends_a_valid_entity(g: Path) -> None:
    code, out, err = run("--glossary", str(g), "add", "--type", "place", "--romanized", "Hims", "--arabic", "حمص",
                         "--english", "Homs", "--variant", "Homs", "--set", "located_in=[syria]")
    assert (code, out, err) == (0, f"{g}: hims saved\n", "")
    assert g.read_text(encoding="utf-8") == TEXT + (
        "  - id: hims\n    type: place\n    romanized: Hims\n    arabic: حمص\n    english: Homs\n"
        "    variants:\n      - Homs\n    located_in: [syria]\n")


def test_add_refuses_an_id_collision_and_a_bad_slug(g: Path, tmp_path: Path) -> None:
    code, _, err = run("--glossary", str(g), "add", "--type", "place", "--romanized", "Hama")
    assert (code, err) == (2, f"{g}:1:1: id 'hama' is taken (defined at {g}:3:5): give another with --id\n")
    other = tmp_path / "other.yaml"
    other.write_text("entities:\n  - {id: homs, type: place, romanized: Hims}\n", encoding="utf-8")
    code, _, err = run("--glossary", str(g), "--glossary", str(other), "add", "--to", str(g), "--id", "homs",
                       "--type", "place", "--romanized", "Homs")
    assert (code, err) == (2, f"{g}:1:1: id 'homs' is taken (defined at {other}:2): choose another id\n")
    code, _, err = run("--glossary", str(g), "add", "--id", "Homs City", "--type", "place", "--romanized", "Homs")
    assert code == 2 and "id 'Homs City' is not a slug" in err
    assert g.read_text(encoding="utf-8") == TEXT


def test_add_may_refer_to_an_entity_of_another_loaded_file(g: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("entities:\n  - {id: homs, type: place, romanized: Hims}\n", encoding="utf-8")
    code, _, err = run("--glossary", str(g), "--glossary", str(other), "add", "--to", str(g), "--type", "group",
                       "--romanized", "Liwa Hims al-Adiya", "--set", "located_in=[homs]")
    assert code == 0, err


def test_bad_yaml_is_reported_and_left_alone(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("entities:\n  - id: a\n    type: [place\n", encoding="utf-8")
    code, _, err = run("--glossary", str(f), "edit", "a", "--set", "english=A")
    assert code == 2 and err.startswith(f"{f}:1:1: YAML syntax error") and f.read_text() == "entities:\n  - id: a\n    type: [place\n"


def test_full_disk_leaves_the_file_and_no_temporary(g: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("glossary.store.write.os.fsync", full)
    code, _, err = run("--glossary", str(g), "edit", "hama", "--set", "english=Hama")
    assert (code, err) == (2, f"{g}:1:1: cannot write the file (No space left on device); it is unchanged\n")
    assert g.read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in g.parent.iterdir()) == ["g.yaml"]


HOLD = """\
import sys, time
from glossary.store.edit import locked
with locked(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_locked_file_is_not_written(g: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(g), "30"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        monkeypatch.setenv("GLOSSARY_LOCK_TIMEOUT", "0.3")
        code, _, err = run("--glossary", str(g), "edit", "hama", "--set", "english=Hama")
        assert code == 2
        assert err == (f"{g}:1:1: locked by another writer (process {holder.pid}, lock file .g.yaml.lock); "
                       "nothing written: try again when it is done\n")
        assert g.read_text(encoding="utf-8") == TEXT
    finally:
        holder.kill()
        holder.wait()
    code, _, err = run("--glossary", str(g), "edit", "hama", "--set", "english=Hama")  # a dead holder locks nothing
    assert code == 0, err


WRITER = """\
import sys
from glossary.cli import main
for i in range(int(sys.argv[3])):
    try:
        main(["--glossary", sys.argv[1], "edit", "hama", "--add-variant", f"{sys.argv[2]}-{i}"])
    except SystemExit as e:
        assert e.code in (0, None), e.code
"""


def test_two_writers_never_lose_an_edit(g: Path) -> None:
    n = 15
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(g), w, str(n)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for w in ("a", "b")]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    text = g.read_text(encoding="utf-8")
    for w in ("a", "b"):
        for i in range(n):
            assert f"      - {w}-{i}\n" in text
    assert text.startswith("# my glossary (a comment that must stay)\n") and "  # places below\n" in text


def test_edit_through_a_symbolic_link_writes_its_target_and_keeps_the_link(g: Path, tmp_path: Path) -> None:
    # the shipped glossary is such a link (src/glossary/data/glossary.yaml -> glossary.yaml): the atomic
    # rename once replaced the link by a copy, and the file it pointed at kept the old text
    link = tmp_path / "sub" / "link.yaml"
    link.parent.mkdir()
    link.symlink_to(os.path.relpath(g, link.parent))
    code, _out, err = run("--glossary", str(link), "edit", "hama", "--set", "english=Hama")
    assert (code, err) == (0, "")
    assert link.is_symlink() and link.resolve() == g.resolve()
    assert "    english: Hama\n" in g.read_text(encoding="utf-8")
    assert not list(link.parent.glob(".*"))  # neither a temporary file nor a lock left beside the link
