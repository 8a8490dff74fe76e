"""Bad input through the CLI: exit 1, one line naming the file and the problem, no output file."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from click.testing import CliRunner

from annotate.cli import main
from annotate.errors import AnnotateError
from annotate.reading.ingest import MAX_BYTES, load

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


NO_REPORT_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>北京市人民政府</title></head>
<body><nav>首页 政务公开 办事服务 互动交流</nav><div class="main"><h1>页面不存在</h1>
<p>您访问的页面不存在或已被删除。</p><a href="/">返回首页</a></div>
<footer>主办：北京市人民政府办公厅</footer><script>var a = "政府工作报告".repeat(100);</script></body></html>"""

# (file name, bytes, words the message must hold)
CASES = [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", " \n\t\r\n\u3000\u3000\n".encode("utf-8"), "only white space"),
    ("bom-only.md", b"\xef\xbb\xbf", "only white space"),
    ("image.txt", PNG, "PNG image"),
    ("image.png", PNG, "PNG image"),
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF"),
    ("noise.txt", bytes(range(256)) * 40, "binary file"),
    ("nul-heavy.md", b"\x00\x01\x02\x00" * 500 + "政府工作报告".encode() * 10, "binary file"),
    ("fake.docx", "这不是一个Word文档".encode("utf-8"), "not a zip archive"),
    ("archive.docx", _zip({"readme.txt": b"hello"}), "no word/document.xml"),
    ("archive.txt", _zip({"data.csv": b"a,b\n1,2\n"}), "no word/document.xml"),
    ("broken.docx", b"PK\x03\x04" + os.urandom(200), "damaged"),
    ("notfound.html", NO_REPORT_PAGE.encode("utf-8"), "HTML page with no report"),
    ("note.txt", "会议通知：请各位代表于明天上午九点准时到会。".encode("gb18030"), "does not look like a report"),
    ("english.txt", b"This is an English document about nothing in particular.\n" * 100, "does not look like a report"),
]


def _run(args: list[str], stdin: bytes | None = None):
    return CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)


def _assert_one_clear_line(result, file_name: str, words: str) -> None:
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    err = result.stderr
    assert err.endswith("\n") and err.count("\n") == 1, err  # exactly one line
    assert file_name in err and words in err, err
    assert "Traceback" not in err + result.stdout and "internal error" not in err, err


@pytest.mark.parametrize("name,data,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_fails_cleanly_through_the_cli(tmp_path, name, data, words):
    bad = tmp_path / name
    bad.write_bytes(data)
    out = tmp_path / "out.xml"
    result = _run(["tag", str(bad), "-o", str(out)])
    _assert_one_clear_line(result, str(bad), words)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temp file left behind either


def test_a_50_mb_file_is_refused_before_decoding(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:  # sparse: instant, takes no disk space
        fh.seek(50 * 2**20 - 1)
        fh.write(b"\n")
    out = tmp_path / "out.xml"
    result = _run(["tag", str(big), "-o", str(out)])
    _assert_one_clear_line(result, str(big), "too large for a report (50.0 MB; the limit is 10 MB)")
    assert not out.exists()
    with pytest.raises(AnnotateError, match="too large"):
        load(str(big))  # without the bytes: refused by its size, before reading


def test_limit_is_generous_for_real_reports(corpus):
    biggest = max(p.stat().st_size for p in corpus.iterdir())
    assert biggest * 20 < MAX_BYTES


def test_missing_file(tmp_path):
    out = tmp_path / "out.xml"
    result = _run(["tag", str(tmp_path / "nope.txt"), "-o", str(out)])
    _assert_one_clear_line(result, "nope.txt", "no such file")
    assert not out.exists()


def test_empty_stdin(tmp_path):
    out = tmp_path / "out.xml"
    result = _run(["tag", "-", "-o", str(out)], stdin=b"")
    _assert_one_clear_line(result, "<stdin>", "is empty")
    assert not out.exists()


def test_binary_stdin(tmp_path):
    result = _run(["tag", "-", "-o", str(tmp_path / "out.xml")], stdin=PNG)
    _assert_one_clear_line(result, "<stdin>", "PNG image")


def test_bad_utf16_bom():
    with pytest.raises(AnnotateError, match="UTF-16 byte-order mark but is not valid UTF-16"):
        load("odd.txt", b"\xff\xfe" + "政府工作报告".encode("utf-16-le") + b"\x00")
