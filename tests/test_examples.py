"""The bundled examples are what the README's first command produces: the redline of the two national
reports in ``examples/`` (HTML, and Word from the same command with ``--format docx``).  When a change
alters the output, regenerate them with that command; this test says so instead of letting them drift."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from click.testing import CliRunner

from annotate.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
OLD, NEW = EXAMPLES / "national-2023-gov-work-report.txt", EXAMPLES / "national-2024-gov-work-report.txt"
REGENERATE = ("annotate redline examples/national-2023-gov-work-report.txt examples/national-2024-gov-work-report.txt "
              "-o examples/redline-national-2023-2024.html (and --format docx -o ….docx)")


def _redline(tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    res = CliRunner().invoke(main, ["redline", str(OLD), str(NEW), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


def _html(text: str) -> str:
    # the page's script nonce is new on every run, and the files are named as the command was given them
    text = re.sub(r"nonce-[A-Za-z0-9_-]+|nonce=\"[A-Za-z0-9_-]+\"", "NONCE", text)
    return re.sub(r"[^<>\"]*(examples/national-20\d\d-gov-work-report\.txt)", r"\1", text)


def test_the_bundled_html_redline_is_what_the_readme_command_writes(tmp_path):
    made = _html(_redline(tmp_path, "r.html").read_text(encoding="utf-8"))
    bundled = _html((EXAMPLES / "redline-national-2023-2024.html").read_text(encoding="utf-8"))
    assert made == bundled, f"the bundled redline is out of date: regenerate it with {REGENERATE}"


def test_the_bundled_word_redline_is_what_the_readme_command_writes(tmp_path):
    def body(path: Path) -> str:
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        return _html(re.sub(r'w:date="[^"]+"', "", xml))  # a tracked change is dated when it is made

    made = body(_redline(tmp_path, "r.docx"))
    assert made == body(EXAMPLES / "redline-national-2023-2024.docx"), \
        f"the bundled Word redline is out of date: regenerate it with {REGENERATE}"
