"""The interface language on every command (``--locale``, or the environment), ``NO_COLOR`` byte for
byte, and bidi isolation of Arabic cells on a terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli
from glossary.cli.layout import cells

SMALL = Path(__file__).parents[1] / "data" / "valid" / "small.yaml"
INVALID = Path(__file__).parents[1] / "data" / "invalid"
SGR = re.compile(r"\x1b\[[0-9;]*m")
ISOLATES = re.compile("[\u2068\u2069]")


def _review(tmp_path: Path) -> tuple[Path, Path]:
    g = tmp_path / "g.yaml"
    g.write_bytes(SMALL.read_bytes())
    csv = tmp_path / "events.csv"
    csv.write_text("id,actor\n1,Liwa al-Haqq\n2,Liwaa al-Haq\n", encoding="utf-8")
    review = tmp_path / "review.yaml"
    r = CliRunner().invoke(cli, ["--glossary", str(g), "dedupe", str(csv), "-c", "actor", "-o",
                                 str(tmp_path / "out.csv"), "--review-file", str(review)])
    assert r.exit_code == 0, r.output
    review.write_text(review.read_text(encoding="utf-8").replace("accept: false", "accept: true"), encoding="utf-8")
    return g, review


# (command line, exit code, what the Arabic interface must say)
CASES = [
    (["lookup", "Jaish al-Izzah", "--full"], 0, ["النوع", "سبتمبر", "٢٠١٥"]),
    (["lookup", "Jaish al-Izzah", "--short"], 0, ["المعرّف", "حقول أخرى"]),
    (["lookup", "Xyzzy Qwerty"], 1, ["لا نتيجة لـ"]),
    (["show", "homs"], 0, ["المعرّف", "مكان"]),
    (["show", "no-such-id"], 1, ["لا كيان بالمعرّف"]),
    (["search", "Jaysh"], 0, ["المعرّف", "العربية", "جماعة"]),
    (["search", "zzzzqqqxxx"], 1, ["لا كيان يطابق"]),
    (["list", "--type", "media"], 0, ["المعرّف", "وسيلة إعلام"]),
    (["resolve", "Homs"], 0, ["الاستعلام", "مطابقة"]),
    (["validate", str(SMALL)], 0, ["سليم: ٨ كيانات في ملف واحد"]),
    (["validate", str(INVALID / "dangling-ref.yaml")], 2, ["مشكلتان في ملف واحد"]),
    (["translit", "--all", "حَمَاة"], 0, ["النظام"]),
    (["translit", "مدينة جديدة"], 0, ["تقريبي"]),
    (["schemes"], 0, ["النظام", "المعيار", "مثال"]),
]


@pytest.mark.parametrize(("args", "code", "said"), CASES, ids=[" ".join(c[0][:2]) for c in CASES])
@pytest.mark.parametrize("where", ["command", "group", "environment"])
def test_every_command_speaks_arabic(args: list[str], code: int, said: list[str], where: str) -> None:
    if where == "command":
        argv, env = ["--glossary", str(SMALL), *args, "--locale", "ar"], {}
    elif where == "group":
        argv, env = ["--glossary", str(SMALL), "--locale", "ar", *args], {}
    else:
        argv, env = ["--glossary", str(SMALL), *args], {"LANG": "ar_SY.UTF-8"}
    r = CliRunner().invoke(cli, argv, env=env)
    assert r.exit_code == code, r.output
    for text in said:
        assert text in r.output, (text, r.output)


def test_dedupe_and_apply_speak_arabic(tmp_path: Path) -> None:
    g, review = _review(tmp_path)
    csv = tmp_path / "events.csv"
    r = CliRunner().invoke(cli, ["--glossary", str(g), "--locale", "ar", "dedupe", str(csv), "-c", "actor"])
    assert r.exit_code == 0 and "أسماء مختلفة" in r.stderr and "الخرج القياسي" in r.stderr
    r = CliRunner().invoke(cli, ["--glossary", str(g), "apply", str(review), "--locale", "ar"])
    assert r.exit_code == 0 and "كيان جديد" in r.stdout and "أضيف" in r.stdout


def test_the_environment_as_posix_orders_it() -> None:
    def says(env: dict[str, str]) -> str:
        return CliRunner().invoke(cli, ["--glossary", str(SMALL), "list", "--type", "media"], env=env).stdout.split()[0]

    assert says({"LANG": "ar_EG.UTF-8"}) == "المعرّف"
    assert says({"LANG": "ar_EG.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}) == "id"
    assert says({"LC_MESSAGES": "en_GB.UTF-8", "LC_ALL": "ar"}) == "المعرّف"
    assert says({"LANG": "fr_FR.UTF-8"}) == "id"  # a language the tool does not speak: English
    r = CliRunner().invoke(cli, ["--glossary", str(SMALL), "list", "--locale", "fr"])
    assert r.exit_code == 2 and "unsupported locale 'fr' (expected one of: en, ar)" in r.stderr


def test_the_arabic_card_is_right_aligned() -> None:
    r = CliRunner().invoke(cli, ["--glossary", str(SMALL), "show", "homs", "--locale", "ar", "--full"],
                           env={"COLUMNS": "60"})
    lines = r.stdout.splitlines()
    assert lines[0] == " " * (60 - len("Hims  حمص")) + "Hims  حمص"
    assert lines[1].startswith(" ") and lines[1].endswith("المعرّف") and cells(lines[1]) == 60
    assert lines[1].split() == ["homs", "المعرّف"]


COMMANDS = [["lookup", "Jaish al-Izzah"], ["lookup", "Jaish al-Izzah", "--full"], ["lookup", "Xyzzy Qwerty"],
            ["search", "Jaysh"], ["list"], ["resolve", "Homs", "جيش العزة"], ["translit", "--all", "حَمَاة"],
            ["translit", "مدينة"], ["schemes"], ["validate", str(SMALL)], ["show", "homs", "--locale", "ar"]]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:2]) for a in COMMANDS])
def test_no_color_means_not_one_escape_byte(args: list[str]) -> None:
    terminal = {"FORCE_COLOR": "1", "COLUMNS": "80"}
    styled = CliRunner().invoke(cli, ["--glossary", str(SMALL), *args], env=terminal)
    plain = CliRunner().invoke(cli, ["--glossary", str(SMALL), *args], env={**terminal, "NO_COLOR": "1"})
    assert plain.exit_code == styled.exit_code
    assert "\x1b" not in plain.stdout and "\x1b" not in plain.stderr
    assert plain.stdout_bytes == SGR.sub("", styled.stdout).encode()  # the same bytes, less the styles
    if args[0] in ("lookup", "search", "list", "show") and styled.exit_code == 0:
        assert "\x1b[1m" in styled.stdout


def test_arabic_cells_are_isolated_on_a_terminal_only() -> None:
    args = ["--glossary", str(SMALL), "search", "Jaysh"]
    term = CliRunner().invoke(cli, args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    piped = CliRunner().invoke(cli, args).stdout
    asked = CliRunner().invoke(cli, ["--bidi", *args]).stdout
    refused = CliRunner().invoke(cli, ["--no-bidi", *args], env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\u2068جيش العزة\u2069" in term and ISOLATES.sub("", term) == piped
    assert "\u2068" not in piped and asked == term and refused == piped
    for line in term.splitlines():  # an isolate holds one cell: it never spans two columns
        for cell in re.findall("\u2068(.*?)\u2069", line):
            assert "  " not in cell
