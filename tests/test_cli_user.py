"""What a new user meets at the command line when something goes wrong: an output that cannot be
written, Ctrl-C, a folder where one file of many is bad.  Each case: one line naming the file and
the problem, the right exit status, no traceback, no file left half-written."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile

import pytest
from click.testing import CliRunner

import annotate.pipeline as pipeline
from annotate.cli import main

PARA = "各位代表：现在，我代表市人民政府向大会报告工作。过去一年，全市地区生产总值增长5.5%，城镇新增就业12万人。"
PLAN = ("2025年某市政府工作报告\n一、2024年工作回顾\n" + PARA * 12 + "\n二、2025年工作安排\n"
        "今年主要预期目标是：地区生产总值增长5%左右，城镇新增就业12万人以上。\n")


def _report(folder, name="a.txt", text=PLAN):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("err", [errno.EACCES, errno.EROFS, errno.ENOENT])
def test_an_output_folder_that_takes_no_files_is_one_clear_error(tmp_path, monkeypatch, err):
    """A read-only folder, a read-only disk, /proc: the -o is the problem, not a bug of annotate."""
    src = _report(tmp_path)

    def refuse(*a, **k):
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    res = CliRunner().invoke(main, ["tag", str(src), "-o", str(tmp_path / "out.xml")])
    assert res.exit_code == 1
    assert "out.xml: cannot be written (" + os.strerror(err).lower() + ")" in res.stderr
    assert "choose another -o" in res.stderr
    assert "internal error" not in res.stderr and "Traceback" not in res.stderr


def test_a_disk_that_fills_while_writing_leaves_no_file(tmp_path, monkeypatch):
    src = _report(tmp_path)

    def full(*a, **k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    res = CliRunner().invoke(main, ["targets", str(src), "-o", str(tmp_path / "t.csv")])
    assert res.exit_code == 1
    assert "t.csv: cannot be written (no space left on device)" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # neither t.csv nor its temp file


def test_ctrl_c_exits_130_with_one_line_and_no_output(tmp_path, monkeypatch):
    src = _report(tmp_path)

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "tag", interrupted)
    res = CliRunner().invoke(main, ["tag", str(src), "-o", str(tmp_path / "out.xml")])
    assert res.exit_code == 130
    assert res.stderr.strip() == "annotate: interrupted; no file was left half-written"
    assert not (tmp_path / "out.xml").exists()


@pytest.mark.parametrize("command", ["targets", "timeline"])
def test_one_bad_file_in_a_folder_does_not_cost_the_others(tmp_path, command):
    """Like ``changes`` and ``site``: the good reports are in the table, each bad one is named,
    and the exit status (1) says the table is not whole."""
    folder = tmp_path / "reports"
    folder.mkdir()
    _report(folder, "a.txt")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_bytes(bytes(range(256)) * 20)
    out = tmp_path / "out.csv"
    res = CliRunner().invoke(main, [command, str(folder), "-o", str(out)])
    assert res.exit_code == 1
    assert f"{folder / 'b.txt'}: is empty" in res.stderr
    assert f"{folder / 'c.txt'}: is a binary file" in res.stderr
    table = out.read_text(encoding="utf-8")
    assert str(folder / "a.txt") in table and "b.txt" not in table
    assert ",5," in table  # the GDP target of the good report: 5%左右


def test_a_folder_of_only_bad_files_names_each_once_and_writes_nothing(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_bytes(b"")
    out = tmp_path / "out.csv"
    res = CliRunner().invoke(main, ["targets", str(folder), "-o", str(out)])
    assert res.exit_code == 1
    assert res.stderr.count("b.txt: is empty") == 1 and res.stderr.count("c.txt: is empty") == 1
    assert not out.exists()


def test_year_with_several_reports_stays_a_usage_error(tmp_path):
    a, b = _report(tmp_path, "a.txt"), _report(tmp_path, "b.txt")
    res = CliRunner().invoke(main, ["targets", str(a), str(b), "--year", "2025"])
    assert res.exit_code == 2 and "report.meta.json" in res.output


@pytest.mark.parametrize("command", ["site", "batch"])
def test_an_output_folder_that_is_a_file_is_one_clear_error(tmp_path, command):
    """``-o site.html`` for a folder: said as such, the file left as it was, no traceback."""
    folder = tmp_path / "reports"
    folder.mkdir()
    _report(folder)
    out = tmp_path / "site.html"
    out.write_text("keep me", encoding="utf-8")
    res = CliRunner().invoke(main, [command, str(folder), "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 1
    assert f"{out}: is a file, not a folder; give -o a folder" in res.stderr
    assert "internal error" not in res.stderr and "Traceback" not in res.stderr
    assert out.read_text(encoding="utf-8") == "keep me"


# --------------------------------------------------------------------------- --bom: CSV for Excel


def _plans(tmp_path):
    """Two years of one invented issuer (named in sidecars): what targets, timeline and changes tabulate."""
    import json

    a = _report(tmp_path, "a-2025.txt")
    b = _report(tmp_path, "b-2026.txt", PLAN.replace("2025年", "2026年").replace("2024年", "2025年")
                .replace("增长5%左右", "增长4.5%左右"))
    for path, year in ((a, 2025), (b, 2026)):
        path.with_suffix(".meta.json").write_text(json.dumps({"issuer": "某市人民政府", "year": year}),
                                                  encoding="utf-8")
    return a, b


@pytest.mark.parametrize("command", ["targets", "timeline", "changes"])
def test_bom_starts_the_csv_with_the_utf8_byte_order_mark_and_only_when_asked(tmp_path, command):
    a, b = _plans(tmp_path)
    plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
    for out, extra in ((plain, []), (marked, ["--bom"])):
        res = CliRunner().invoke(main, [command, str(a), str(b), "-o", str(out), *extra])
        assert res.exit_code == 0, res.stderr
    data = marked.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")  # DESIGN.md: UTF-8 without BOM by default
    assert data[3:] == plain.read_bytes()  # the mark and nothing else differs
    assert "地区生产总值" in data.decode("utf-8-sig")


def test_bom_on_stdout_and_for_the_scorecard(tmp_path):
    a, b = _plans(tmp_path)
    res = CliRunner().invoke(main, ["scorecard", str(a), str(b), "--format", "csv", "--bom"])
    assert res.exit_code == 0, res.stderr
    assert res.stdout_bytes.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("args", [["--format", "json"], ["-o", "x.json"], ["--format", "html"]])
def test_bom_with_a_format_other_than_csv_is_a_usage_error(tmp_path, args):
    a, _b = _plans(tmp_path)
    cmd = "timeline" if "html" in args else "targets"
    res = CliRunner().invoke(main, [cmd, str(a), *[str(tmp_path / x) if x.endswith(".json") else x for x in args],
                                    "--bom"])
    assert res.exit_code == 2
    assert "--bom applies to CSV output only" in res.stderr
    assert not (tmp_path / "x.json").exists()


def test_batch_bom_marks_its_index_csv(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _report(src)
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "out"), "--jobs", "1", "--bom"])
    assert res.exit_code == 0, res.stderr
    assert (tmp_path / "out" / "index.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert not (tmp_path / "out" / "index.json").read_bytes().startswith(b"\xef\xbb\xbf")


# --------------------------------------------------------------------------- the site and odd inputs


def test_the_site_names_an_unreadable_file_without_the_build_folders_and_counts_only_what_it_annotated(tmp_path):
    from lxml import html

    src = tmp_path / "in"
    src.mkdir()
    _plans(src)
    (src / "empty.txt").write_bytes(b"")
    res = CliRunner().invoke(main, ["site", str(src), "-o", str(tmp_path / "site"), "--jobs", "1"])
    assert res.exit_code == 1  # not whole: one file could not be read
    assert "2 reports (2 annotated" in res.stderr
    doc = html.fromstring((tmp_path / "site" / "index.html").read_bytes())
    items = [li.text_content() for li in doc.xpath("//li") if "empty.txt" in li.text_content()]
    assert items == ["empty.txt — is empty; give a file that holds a report"]
    assert str(tmp_path) not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_file_name_that_is_not_text_is_read_and_escaped_by_the_corpus_commands(tmp_path):
    """A name with an escape character and a byte that is not UTF-8: the site builds (the cache
    key hashes the name's bytes), and stderr and the pages show it escaped, never raw."""
    src = tmp_path / "in"
    src.mkdir()
    a, b = _plans(src)
    odd = os.fsdecode(os.fsencode(str(src)) + b"/odd\x1bname\xff.txt")
    os.rename(b, odd)
    os.rename(b.with_suffix(".meta.json"), odd[:-4] + ".meta.json")
    res = CliRunner().invoke(main, ["site", str(src), "-o", str(tmp_path / "site"), "--jobs", "1"])
    assert res.exit_code == 0, res.stderr
    page = (tmp_path / "site" / "reports" / "odd-name.html").read_text(encoding="utf-8")
    assert "odd\\x1bname\\xff.txt" in page and "\x1b" not in page
    # a second copy read after the first is named on stderr: escaped
    copy = os.fsdecode(os.fsencode(str(src)) + b"/z-copy\x1b\xff.txt")
    shutil.copyfile(a, copy)
    shutil.copyfile(a.with_suffix(".meta.json"), copy[:-4] + ".meta.json")
    res = CliRunner().invoke(main, ["changes", str(src), "--jobs", "1"])
    assert res.exit_code == 0, res.stderr
    assert "z-copy\\x1b\\xff.txt: another file of" in res.stderr
    assert "\x1b" not in res.stderr and "Traceback" not in res.stderr


# --------------------------------------------------------------------------- --help


def test_every_option_of_every_command_says_what_it_does_and_format_examples_are_formats_it_writes():
    """A new user reads --help first: no option without help, and the ``(x.csv: csv)`` example of
    --format names a format the command can write (tag writes no CSV)."""
    import re

    import click

    for name, command in main.commands.items():
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in ("help",):
                assert param.help, f"{name} {param.opts[0]} has no help"
            if param.name == "fmt":
                m = re.search(r"\(x\.(\w+): (\w+)\)", param.help or "")
                if m:
                    assert m.group(2) in param.type.choices, f"{name} --format example {m.group(0)}"


def test_a_site_folder_that_cannot_be_made_is_one_clear_error_and_a_cache_that_cannot_be_written_is_none(tmp_path):
    """-o under a file (no folder can be made there): the site's cache lives in its folder and is
    written while reading, which must not turn into an internal error; ``--cache`` in such a
    place only costs the time it would have saved."""
    src = tmp_path / "in"
    src.mkdir()
    _plans(src)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    res = CliRunner().invoke(main, ["site", str(src), "-o", str(blocker / "site"), "--jobs", "1"])
    assert res.exit_code == 1
    assert "site: cannot create the output folder" in res.stderr and "choose another -o" in res.stderr
    assert "internal error" not in res.stderr
    res = CliRunner().invoke(main, ["changes", str(src), "--cache", str(blocker / "cache"), "--jobs", "1"])
    assert res.exit_code == 0, res.stderr
    assert "地区生产总值" in res.stdout


@pytest.mark.parametrize("command", ["targets", "timeline"])
def test_stdin_twice_is_a_usage_error(command):
    res = CliRunner().invoke(main, [command, "-", "-"], input=PLAN)
    assert res.exit_code == 2 and "- (stdin) can be given only once" in res.stderr
