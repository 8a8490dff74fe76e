"""Batch: the whole corpus plus a corrupt file (every good report written and valid, the bad one
named, exit 1), up-to-date skipping, JSON output, naming, and the same bytes on a Dask cluster."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotate.corpus.batch import MANIFEST, discover, output_names, run_batch
from annotate.cli import main
from annotate.xml.validate import validate_file

from conftest import corpus_files


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory, corpus):
    d = tmp_path_factory.mktemp("in")
    for f in corpus.iterdir():
        shutil.copy2(f, d / f.name)  # SOURCES.tsv too: it must be left alone
    (d / "corrupt-2024-report.docx").write_bytes(b"PK\x03\x04 this is not really a docx" * 50)
    return d


@pytest.fixture(scope="module")
def first_run(corpus_copy, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    res = CliRunner().invoke(main, ["batch", str(corpus_copy), "-o", str(out), "--jobs", "2"])
    return res, out


def test_corpus_with_one_corrupt_file(first_run, corpus_copy):
    res, out = first_run
    assert res.exit_code == 1
    reports = corpus_files()
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith(".") and p.name not in INDEX_FILES)
    assert written == sorted(p.stem + ".xml" for p in reports)  # every good report, nothing else
    assert "corrupt-2024-report.docx" in res.stderr
    assert f"{len(reports)} written" in res.stderr and "1 failed" in res.stderr
    assert "Traceback" not in res.stderr
    assert not list(out.glob(".*.tmp"))  # no temp files left behind


INDEX_FILES = ("index.json", "index.csv")


def test_index_lists_every_report_with_identity_and_counts(first_run):
    _res, out = first_run
    rows = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert sorted(r["output"] for r in rows) == sorted(p.stem + ".xml" for p in corpus_files())
    by_name = {Path(r["file"]).name: r for r in rows}
    n19 = by_name["national-2019-gov-work-report.txt"]
    assert (n19["issuer"], n19["region"], n19["level"], n19["year"]) == ("国务院", "全国", "national", 2019)
    assert n19["previous_year"] == 2018 and n19["targets"] > 0 and n19["target_changes"] > 0
    first = by_name["national-1954-gov-work-report.txt"]
    assert first["previous_year"] is None and first["target_changes"] is None
    csv_lines = (out / "index.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0].startswith("file,output,issuer,region,level,year,kind,targets,target_changes")
    assert len(csv_lines) == len(rows) + 1


def test_folder_with_xml_and_other_files_reports_each(tmp_path):
    """DocBook-like XML is read or reported, never skipped; a .tsv beside it is named as not read."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "address.xml").write_text('<?xml version="1.0"?><article><para>施政报告</para></article>', encoding="utf-8")
    (src / "notes.tsv").write_text("a\tb\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert res.exit_code == 1
    assert "address.xml" in res.stderr and "1 failed" in res.stderr
    assert "notes.tsv" in res.stderr and "not read" in res.stderr


def test_outputs_validate_and_equal_tag(first_run, corpus_copy):
    _res, out = first_run
    for p in sorted(out.glob("*.xml")):
        validate_file(str(p))
    # a batch output is what `annotate tag` writes for the same input path
    src = corpus_copy / "national-2024-gov-work-report.txt"
    tagged = CliRunner().invoke(main, ["tag", str(src)])
    assert tagged.stdout_bytes == (out / "national-2024-gov-work-report.xml").read_bytes()


def test_rerun_skips_up_to_date_and_redoes_changed(first_run, corpus_copy):
    _res, out = first_run
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.xml")}
    res = CliRunner().invoke(main, ["batch", str(corpus_copy), "-o", str(out), "--jobs", "2"])
    assert res.exit_code == 1  # the corrupt file is still there and still fails
    assert f"0 written, {len(corpus_files())} up to date, 1 failed" in res.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.xml")} == before
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    rec = manifest["outputs"]["national-2024-gov-work-report.xml"]
    assert rec["format"] == "xml" and len(rec["sha256"]) == 64 and rec["input"].endswith("national-2024-gov-work-report.txt")
    # an input touched but unchanged is skipped (its hash decides) ...
    touched = corpus_copy / "national-2021-gov-work-report.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    # ... a changed input is redone; a wrong version in the record forces a redo too
    src = corpus_copy / "national-2023-gov-work-report.txt"
    src.write_text(src.read_text(encoding="utf-8") + "\n各位代表，让我们更加紧密地团结起来。\n", encoding="utf-8")
    manifest["outputs"]["national-2022-gov-work-report.xml"]["version"] = "0.0.0-old"
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    res = run_batch(str(corpus_copy), str(out), jobs=1)
    assert sorted(Path(p).name for p in res.written) == ["national-2022-gov-work-report.xml",
                                                         "national-2023-gov-work-report.xml"]
    assert len(res.skipped) == len(corpus_files()) - 2
    assert [Path(f).name for f, _ in res.failed] == ["corrupt-2024-report.docx"]
    # the manifest names each output by issuer and year, as its progress line does
    rec = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]["national-2023-gov-work-report.xml"]
    assert (rec["issuer"], rec["year"]) == ("国务院", 2023)


def test_json_format_and_discovery(tmp_path, corpus):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("national-2024-gov-work-report.txt", "tongzhou-2021-plan-report.md", "SOURCES.tsv"):
        shutil.copy2(corpus / name, src / name)
    (src / ".hidden.txt").write_text("x", encoding="utf-8")
    assert [p.name for p in discover(str(src))] == ["national-2024-gov-work-report.txt", "tongzhou-2021-plan-report.md"]
    res = run_batch(str(src), str(tmp_path / "out"), fmt="json", jobs=2)
    assert res.ok and len(res.written) == 2
    data = json.loads((tmp_path / "out" / "national-2024-gov-work-report.json").read_text(encoding="utf-8"))
    assert data["meta"]["year"] == 2024
    assert any(t["indicator"] == "gdp_growth" and t["value"] == 5 for t in data["targets"])


def test_output_names_keep_suffix_on_clash():
    names = output_names([Path("a.txt"), Path("a.md"), Path("b.html")], "xml")
    assert names == {Path("a.txt"): "a.txt.xml", Path("a.md"): "a.md.xml", Path("b.html"): "b.xml"}


def test_bad_folders(tmp_path):
    res = CliRunner().invoke(main, ["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "o")])
    assert res.exit_code == 1 and "is not a folder" in res.stderr
    res = CliRunner().invoke(main, ["batch", str(tmp_path), "-o", str(tmp_path)])
    assert res.exit_code == 1 and "is the input folder" in res.stderr


# --------------------------------------------------------------------------- Dask


def test_dask_cluster_gives_the_same_bytes(tmp_path, corpus):
    distributed = pytest.importorskip("distributed")
    src = tmp_path / "in"
    src.mkdir()
    for name in ("national-2023-gov-work-report.txt", "national-2024-gov-work-report.txt",
                 "hongkong-2025-policy-address-trad.txt", "tongzhou-2021-plan-report.md"):
        shutil.copy2(corpus / name, src / name)
    (src / "broken.docx").write_bytes(b"not a zip")
    local = run_batch(str(src), str(tmp_path / "local"), jobs=2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        res = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "dask"),
                                        "--scheduler", cluster.scheduler_address])
    assert res.exit_code == 1 and "broken.docx" in res.stderr and "4 written" in res.stderr
    assert [Path(f).name for f, _ in local.failed] == ["broken.docx"]
    names = sorted(p.name for p in (tmp_path / "local").glob("*.xml"))
    assert len(names) == 4
    assert names == sorted(p.name for p in (tmp_path / "dask").glob("*.xml"))
    for n in names:
        assert (tmp_path / "local" / n).read_bytes() == (tmp_path / "dask" / n).read_bytes()


def test_unreachable_scheduler_is_one_line(tmp_path, corpus, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("annotate.corpus.parallel.CONNECT_TIMEOUT", "2s")
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy2(corpus / "national-2024-gov-work-report.txt", src)
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1"])
    assert res.exit_code == 1 and "cannot connect to the Dask scheduler" in res.stderr
    assert "Traceback" not in res.stderr


def test_edited_lexicon_makes_outputs_stale(tmp_path):
    """The manifest's version carries a fingerprint of the package's code and lexicons: a user
    who extends lexicon/units.tsv and reruns batch gets new outputs, not 'up to date'."""
    from annotate.outputs import code_fingerprint, version

    pkg = tmp_path / "pkg"
    (pkg / "lexicon").mkdir(parents=True)
    (pkg / "mod.py").write_text("X = 1\n", encoding="utf-8")
    (pkg / "lexicon" / "units.tsv").write_text("亿元\t元\n", encoding="utf-8")
    before = code_fingerprint(pkg)
    (pkg / "lexicon" / "units.tsv").write_text("亿元\t元\n万吨\t吨\n", encoding="utf-8")
    after = code_fingerprint(pkg)
    assert after != before
    (pkg / "notes.md").write_text("docs do not count", encoding="utf-8")
    assert code_fingerprint(pkg) == after
    assert "+" in version() and len(version().split("+")[1]) == 12
