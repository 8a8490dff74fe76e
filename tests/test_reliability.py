"""Nothing lost, nothing spoofed, nothing runs away: limits that hold for every format, names and
text that lie, outputs that never overwrite inputs.  Resource cases use small files and lowered
limits so the suite stays fast."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import annotate.reading.ingest as ingest
from annotate.cli import main
from annotate.errors import AnnotateError
from annotate.reading.ingest import load
from annotate.model import restore_source
from annotate.reading.normalize import normalize
from annotate.pipeline import read_report, tag

PARA = "各位代表：现在，我代表市人民政府向大会报告工作。过去一年，全市地区生产总值增长5.5%，城镇新增就业12万人。"
REPORT = "2025年某市政府工作报告\n" + "\n".join(f"{k}、工作{k}\n" + PARA * 4 for k in "一二三四") + "\n"


def _docx(text: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.split("\n"))
    doc = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", doc)
    return buf.getvalue()


def test_docx_whose_zip_header_lies_is_never_inflated_whole(monkeypatch):
    import annotate.reading.ingest.readers as readers

    data = bytearray(_docx(REPORT * 40))
    # the central directory says word/document.xml is 100 bytes: inflate no more than the limit
    cd = data.rfind(b"PK\x01\x02")
    while cd != -1:
        name_len = int.from_bytes(data[cd + 28:cd + 30], "little")
        if data[cd + 46:cd + 46 + name_len] == b"word/document.xml":
            data[cd + 24:cd + 28] = (100).to_bytes(4, "little")
        cd = data.rfind(b"PK\x01\x02", 0, cd)
    monkeypatch.setattr(readers, "MAX_DOCUMENT_XML", 50_000)
    with pytest.raises(AnnotateError, match="r.docx"):
        load("r.docx", bytes(data))


def test_small_docx_holding_too_much_text_is_refused_after_extraction(monkeypatch):
    data = _docx(REPORT * 60)  # compresses to a few KB, extracts to ~60 KB of text
    monkeypatch.setattr(ingest, "MAX_BYTES", 40_000)
    assert len(data) < 40_000
    with pytest.raises(AnnotateError, match="characters of text.*--max-mb"):
        load("r.docx", data)


def test_annotated_xml_of_a_report_at_the_limit_reads_back(tmp_path, monkeypatch):
    src = tmp_path / "big.txt"
    src.write_text(REPORT * 30, encoding="utf-8")
    monkeypatch.setattr(ingest, "MAX_BYTES", src.stat().st_size + 100)
    out = tmp_path / "big.xml"
    assert CliRunner().invoke(main, ["tag", str(src), "-o", str(out)]).exit_code == 0
    assert out.stat().st_size > ingest.MAX_BYTES  # what the tool writes is larger than its input …
    assert tag(str(out)).text == tag(str(src)).text  # … and it reads it back
    res = CliRunner().invoke(main, ["validate", str(out)])
    assert res.exit_code == 0


def test_max_mb_names_the_limit_and_raises_it(tmp_path):
    src = tmp_path / "huge.txt"
    src.write_text(REPORT * 800, encoding="utf-8")  # ~1.1 MB
    res = CliRunner().invoke(main, ["--max-mb", "1", "tag", str(src)])
    assert res.exit_code == 1 and "--max-mb" in res.output and "Traceback" not in res.output
    os.environ.pop("ANNOTATE_MAX_MB", None)
    ingest.set_max_mb(10)
    os.environ.pop("ANNOTATE_MAX_MB", None)


def test_output_naming_an_input_is_refused(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(REPORT, encoding="utf-8")
    before = src.read_bytes()
    for args in (["tag", str(src), "-o", str(src)], ["diff", str(src), str(src), "-o", str(src)],
                 ["targets", str(src), "-o", str(src)], ["redline", str(src), str(src), "-o", str(src)]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 1 and "overwrite" in res.output, args
        assert src.read_bytes() == before


def test_the_output_file_suffix_chooses_the_format(tmp_path):
    """``-o x.docx`` writes Word, ``-o d.xml`` XML, ``-o t.csv`` CSV when --format is not given."""
    src = tmp_path / "r.txt"
    src.write_text(REPORT, encoding="utf-8")
    runs = {"d.xml": ["diff", str(src), str(src)], "r.docx": ["redline", str(src), str(src)],
            "t.csv": ["targets", str(src)], "a.json": ["tag", str(src)], "d.txt": ["diff", str(src), str(src)]}
    for name, args in runs.items():
        res = CliRunner().invoke(main, [*args, "-o", str(tmp_path / name)])
        assert res.exit_code == 0, (name, res.output)
    assert (tmp_path / "d.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert zipfile.is_zipfile(tmp_path / "r.docx")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").startswith("file,")
    assert (tmp_path / "a.json").read_text(encoding="utf-8").lstrip().startswith("{")
    assert not (tmp_path / "d.txt").read_text(encoding="utf-8").lstrip().startswith("{")  # the text summary


def test_a_format_the_output_suffix_contradicts_is_refused(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(REPORT, encoding="utf-8")
    res = CliRunner().invoke(main, ["redline", str(src), str(src), "--format", "html", "-o", str(tmp_path / "r.docx")])
    assert res.exit_code == 2 and "names a .docx file but --format is html" in res.output
    assert not (tmp_path / "r.docx").exists()


def test_file_names_that_are_not_text_are_escaped_everywhere(tmp_path):
    name = os.fsdecode(b"bad\xff\x1b[31m\xe2\x80\xae.txt")
    path = os.path.join(os.fsdecode(bytes(tmp_path)), name)
    Path(path).write_text(REPORT, encoding="utf-8")
    for args in (["targets", path, "--format", "csv"], ["timeline", path, "--format", "csv"],
                 ["diff", path, path, "--format", "xml"], ["diff", path, path, "--format", "text"],
                 ["tag", path, "--format", "json"]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 0, (args, res.output)
        assert "\x1b" not in res.output and "\u202e" not in res.output, args
    # a report is not its own next year: the refusal names the file escaped too
    res = CliRunner().invoke(main, ["scorecard", path, path])
    assert res.exit_code == 1 and "bad\\xff\\x1b[31m\\u202e.txt" in res.output and "Traceback" not in res.output
    out = tmp_path / "r.html"
    assert CliRunner().invoke(main, ["redline", path, path, "-o", str(out)]).exit_code == 0
    assert "bad\\xff\\x1b" in out.read_text(encoding="utf-8")


def test_bidi_controls_are_removed_and_recorded():
    text = "2025年目标：地区生产总值增长\u202e%5.6\u202c左右。\n"
    d = ingest.records.Decoded(text=text, info=ingest.SourceInfo("x", "", "utf-8"), asides=())
    n = normalize(d)
    assert "\u202e" not in n.text and "%5.6左右" in n.text
    assert [r.kind for r in n.repairs if r.original in ("\u202e", "\u202c")] == ["bidi", "bidi"]
    assert restore_source(n.text, n.repairs) == text


def test_schema_valid_xml_with_impossible_characters_is_one_clear_error(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "r.xml"
    assert CliRunner().invoke(main, ["tag", str(src), "-o", str(out)]).exit_code == 0
    xml = out.read_text(encoding="utf-8")
    k = xml.rindex("</s>")
    bad = tmp_path / "bad.xml"
    bad.write_text(xml[:k] + '<char code="D800"/>' + xml[k:], encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", str(bad)]).exit_code == 0  # the schema cannot tell
    for cmd in (["diff", str(bad), str(src)], ["redline", str(bad), str(src), "-o", str(tmp_path / "x.html")]):
        res = CliRunner().invoke(main, cmd)
        assert res.exit_code == 1 and "U+D800" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "x.html").exists()


def test_a_report_read_twice_reads_the_same(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(REPORT, encoding="utf-8")
    assert read_report(str(src)).text == read_report(str(src)).text


def test_redline_marks_where_bidi_controls_were(tmp_path):
    from annotate.comparing.compare import compare
    from annotate.render.html import render_redline

    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(REPORT, encoding="utf-8")
    new.write_text(REPORT.replace("增长5.5%", "增长\u202e%5.6\u202c", 1), encoding="utf-8")
    page = render_redline(compare(tag(str(old)), tag(str(new))))
    assert page.count('class="bidi-mark"') >= 2 and "\u202e" not in page
    assert "bidirectional control characters were removed" in page
    # the comparison sees what the characters spell (%5.6), not the 6.5% they showed
    assert "5.6" in page and "6.5%" not in page


def test_a_pair_too_long_to_compare_is_refused_naming_the_limit(tmp_path, monkeypatch):
    import annotate.comparing.compare as compare_module

    src = tmp_path / "r.txt"
    src.write_text(REPORT * 20, encoding="utf-8")
    monkeypatch.setattr(compare_module, "MAX_COMPARE_CHARS", 1000)
    res = CliRunner().invoke(main, ["diff", str(src), str(src)])
    assert res.exit_code == 1 and "--max-compare-chars" in res.output and "Traceback" not in res.output
    monkeypatch.setattr(compare_module, "MAX_COMPARE_CHARS", 15000)  # read, then refused by its text length
    res = CliRunner().invoke(main, ["redline", str(src), str(src), "-o", str(tmp_path / "r.html")])
    assert res.exit_code == 1 and "characters, more than a comparison reads" in res.output
    assert not (tmp_path / "r.html").exists()
    res = CliRunner().invoke(main, ["--max-compare-chars", "1000000", "diff", str(src), str(src)])
    assert res.exit_code == 0


@pytest.mark.parametrize("command", [["changes"], ["site", "-o", "OUT"], ["batch", "-o", "OUT"]])
def test_a_folder_without_reports_is_one_error_and_writes_nothing(tmp_path, command):
    """A mistyped or empty folder must not pass for "no changes" or an empty site (exit 0)."""
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "SOURCES.tsv").write_text("file\tissuer\n", encoding="utf-8")
    out = tmp_path / "out"
    args = [command[0], str(empty)] + [str(out) if a == "OUT" else a for a in command[1:]]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 1
    assert "holds no report files" in res.stderr and "Traceback" not in res.stderr
    assert not out.exists()


def test_site_of_a_missing_folder_leaves_no_output_folder(tmp_path):
    res = CliRunner().invoke(main, ["site", str(tmp_path / "missing"), "-o", str(tmp_path / "site")])
    assert res.exit_code == 1 and "does not exist" in res.stderr
    assert not (tmp_path / "site").exists()


def test_changes_warns_about_an_indicator_no_report_has(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    res = CliRunner().invoke(main, ["changes", str(tmp_path / "a.txt"), "--indicator", "gdp_grwoth", "--jobs", "1"])
    assert res.exit_code == 0
    assert "no target of these reports has the indicator gdp_grwoth" in res.stderr


def test_changes_warns_about_an_issuer_no_report_has(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    res = CliRunner().invoke(main, ["changes", str(tmp_path / "a.txt"), "--issuer", "shanghai", "--jobs", "1"])
    assert res.exit_code == 0
    assert "no issuer of these reports matches --issuer shanghai; issuers found: " in res.stderr


def test_a_year_no_report_can_have_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    res = CliRunner().invoke(main, ["tag", str(tmp_path / "a.txt"), "--year", "99999"])
    assert res.exit_code == 2 and "99999" in res.output


def test_changes_refuses_an_unknown_change_label(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    res = CliRunner().invoke(main, ["changes", str(tmp_path / "a.txt"), "--change", "bogus"])
    assert res.exit_code != 0 and "'bogus' is not one of" in res.output + res.stderr


def test_targets_and_timeline_read_folders_as_changes_does(tmp_path):
    """A folder stands for the reports in it; what is no report is said; an empty folder is one error."""
    folder = tmp_path / "reports"
    folder.mkdir()
    plan = REPORT.replace("四、工作四", "四、2025年工作安排\n今年主要预期目标是：地区生产总值增长5%左右。")
    (folder / "a.txt").write_text(plan, encoding="utf-8")
    (folder / "notes.tsv").write_text("x\ty\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["targets", str(folder), "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert str(folder / "a.txt") in res.stdout and "notes.tsv: not a report format, not read" in res.stderr
    res = CliRunner().invoke(main, ["timeline", str(folder), "--format", "csv"])
    assert res.exit_code == 0 and res.stdout.startswith("indicator,year,file")
    (tmp_path / "empty").mkdir()
    res = CliRunner().invoke(main, ["targets", str(tmp_path / "empty")])
    assert res.exit_code == 1 and "holds no report files" in res.stderr
