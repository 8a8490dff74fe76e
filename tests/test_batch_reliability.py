"""Batch never loses or misreports work: vanished and rewritten inputs, clashing names, two
writers, replaced outputs, odd folder entries, unwritable folders, interrupts and killed
coordinators.  Synthetic reports, so these run without the corpus."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import annotate.corpus.batch as batch
from annotate.corpus.batch import LOCK, MANIFEST, output_names, run_batch
from annotate.cli import main
from annotate.errors import AnnotateError

PARA = "过去一年，全市地区生产总值增长5.5%，城镇新增就业12万人，居民人均可支配收入增长5%。"


def _report(k: int, size: int = 4) -> str:
    body = "\n".join(f"{n}、工作{n}\n" + PARA * size for n in "一二三")
    return f"{2000 + k}年某市政府工作报告\n各位代表：\n{body}\n"


def _folder(tmp_path, n: int = 3, size: int = 4) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for k in range(n):
        (d / f"r{k:02d}.txt").write_text(_report(k, size), encoding="utf-8")
    return d


def test_a_file_deleted_while_the_batch_runs_fails_alone(tmp_path):
    src = _folder(tmp_path)
    out = tmp_path / "out"

    def progress(done, total, name):
        if done == 1:
            (src / "r01.txt").unlink()

    res = run_batch(str(src), str(out), jobs=1, progress=progress)
    assert [Path(f).name for f, _ in res.failed] == ["r01.txt"] and "no such file" in res.failed[0][1]
    assert sorted(Path(p).name for p in res.written) == ["r00.xml", "r02.xml"]


def test_a_file_rewritten_while_annotated_is_not_up_to_date_later(tmp_path, monkeypatch):
    src = _folder(tmp_path, n=1)
    out = tmp_path / "out"
    real = batch.annotate_one

    def rewrite_meanwhile(source, data, fmt):
        Path(source).write_text(_report(7), encoding="utf-8")  # same size, other text
        return real(source, data, fmt)

    monkeypatch.setattr(batch, "annotate_one", rewrite_meanwhile)
    run_batch(str(src), str(out), jobs=1)
    monkeypatch.setattr(batch, "annotate_one", real)
    res = run_batch(str(src), str(out), jobs=1)
    assert [Path(p).name for p in res.written] == ["r00.xml"]  # redone: the recorded hash is of the old bytes
    assert "2007" in (out / "r00.xml").read_text(encoding="utf-8")


def test_names_that_would_clash_get_distinct_outputs(tmp_path):
    names = output_names([Path("a.txt"), Path("a.txt.txt"), Path("a.md"), Path("b.txt"), Path("B.md")], "xml")
    assert len(set(n.lower() for n in names.values())) == 5
    assert names[Path("b.txt")] != names[Path("B.md")]
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "a.txt.txt", "a.md"):
        (src / name).write_text(_report(len(name)), encoding="utf-8")
    res = run_batch(str(src), str(tmp_path / "out"), jobs=1)
    assert len(res.written) == 3 and res.ok


def test_a_second_batch_into_the_same_folder_is_refused(tmp_path):
    src = _folder(tmp_path, n=1)
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK).write_text(str(os.getppid()), encoding="utf-8")  # a live process holds it
    with pytest.raises(AnnotateError, match="another batch"):
        run_batch(str(src), str(out), jobs=1)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (out / LOCK).write_text(gone.stdout.strip(), encoding="utf-8")  # its process is gone: taken over
    assert run_batch(str(src), str(out), jobs=1).ok
    assert not (out / LOCK).exists()


def test_an_output_replaced_since_it_was_written_is_redone(tmp_path):
    src = _folder(tmp_path, n=2)
    out = tmp_path / "out"
    run_batch(str(src), str(out), jobs=1)
    (out / "r01.xml").write_text("<report/>", encoding="utf-8")
    res = run_batch(str(src), str(out), jobs=1)
    assert [Path(p).name for p in res.written] == ["r01.xml"] and len(res.skipped) == 1
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]
    assert len(manifest["r01.xml"]["output_sha256"]) == 64


def test_links_to_nothing_fifos_and_folders_are_listed_not_hidden(tmp_path):
    src = _folder(tmp_path, n=1)
    (src / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(src / "pipe.txt")
    (src / "folder.md").mkdir()
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    for name, why in (("dangling.txt", "dangling"), ("pipe.txt", "FIFO"), ("folder.md", "folder")):
        assert any(name in line and why in line for line in res.output.splitlines()), (name, res.output)


def test_an_unwritable_output_folder_is_found_before_any_work(tmp_path, monkeypatch):
    src = _folder(tmp_path, n=2)
    calls = []
    monkeypatch.setattr(batch, "_annotate_path", lambda *a: calls.append(a))

    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(batch.tempfile, "mkstemp", refuse)
    with pytest.raises(AnnotateError, match="cannot be written"):
        run_batch(str(src), str(tmp_path / "out"), jobs=1)
    assert calls == []


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _start_batch(src: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "annotate", "batch", str(src), "-o", str(out), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _wait_for_first_output(out: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.is_dir() and any(p.suffix == ".xml" for p in out.iterdir()):
            return
        time.sleep(0.05)
    pytest.fail("the batch wrote nothing")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_keeps_finished_work_and_stops_fast(tmp_path, sig):
    src, out = _folder(tmp_path, n=40, size=25), tmp_path / "out"
    proc = _start_batch(src, out)
    _wait_for_first_output(out, proc)
    proc.send_signal(sig)
    _stdout, stderr = proc.communicate(timeout=60)  # how fast it stops is measured in bench/bench_batch_stress.py
    assert proc.returncode == 130 and b"resume" in stderr and b"Traceback" not in stderr
    written = {p.name for p in out.glob("*.xml")}
    recorded = set(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"])
    assert written and written == recorded and len(written) < 40
    time.sleep(0.5)
    assert not _group_alive(proc.pid)  # no worker left behind
    assert not (out / LOCK).exists()


def test_a_killed_coordinator_leaves_no_worker_running(tmp_path):
    src, out = _folder(tmp_path, n=40, size=25), tmp_path / "out"
    proc = _start_batch(src, out)
    _wait_for_first_output(out, proc)
    proc.kill()
    proc.wait(timeout=5)
    deadline = time.monotonic() + 5
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _group_alive(proc.pid)


@pytest.mark.parametrize("command", ["changes", "site"])
def test_a_killed_corpus_command_leaves_no_worker_running(tmp_path, command):
    """``changes`` and ``site`` spread reports over worker processes too (corpus.parallel): when the
    command is killed mid-way, its workers end with it."""
    src = _folder(tmp_path, n=40, size=25)
    args = [str(src), "--jobs", "2"] + (["-o", str(tmp_path / "site")] if command == "site" else [])
    proc = subprocess.Popen([sys.executable, "-m", "annotate", command, *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    children: list[str] = []
    while time.monotonic() < deadline and proc.poll() is None and len(children) < 2:
        try:
            children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        except OSError:
            pytest.skip("no /proc children list on this system")
        time.sleep(0.05)
    assert len(children) >= 2, "the workers never started"
    proc.kill()
    proc.wait(timeout=5)
    deadline = time.monotonic() + 15  # a loaded machine: the kill reaches workers a little later
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _group_alive(proc.pid)
