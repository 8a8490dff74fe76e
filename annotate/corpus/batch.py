"""Annotate a folder of reports: in parallel, resumable, never stopped by one bad file.

Contract: :func:`run_batch(in_dir, out_dir, fmt, jobs, scheduler)` annotates every report file
directly in ``in_dir`` (every format ``tag`` reads, :data:`annotate.corpus.files.READABLE`: text,
markdown, HTML, Word, XML, and PDF, which fails with what to do; hidden files are left alone and
anything else, such as ``SOURCES.tsv``, is listed in ``ignored``) and writes
``out_dir/<name>.xml`` (or ``.json``) for each, the same bytes ``annotate tag`` writes, and the
index ``out_dir/index.json`` / ``index.csv`` (:func:`index_rows`: file, identity, targets, target
changes against the issuer's previous report).  It returns a :class:`BatchResult`; a file that
cannot be annotated is listed in ``failed`` with its one-line error, and the others are still written.

- Work: :func:`annotate_bytes` is the one unit of work, a pure function of (file name, bytes,
  format) → output bytes, so the output does not depend on where it ran.  Workers only compute;
  the coordinating process writes every output (temp file + rename, so each write is atomic).
  Local workers read their input themselves; Dask tasks carry the input bytes, so Dask workers
  need the package installed but not the input or output folders.  By default the work runs in local processes (``concurrent.futures``, ``jobs``
  of them, one per CPU when not given); with ``scheduler`` (``tcp://host:8786``) on a Dask
  distributed cluster (the optional ``dask`` extra).  ``jobs=1`` runs in this process.
- Up to date: ``out_dir/.annotate-batch.json`` records, per output, the input's name, size,
  modification time and SHA-256, the format and the annotate version that wrote it (the version
  number plus a fingerprint of the package's code and lexicons, so edited lexicons redo outputs).  An output
  is skipped when it exists, is not older than its input, and its record matches the input (by
  size and mtime, or by hash when only the mtime changed) and this version and format.  The
  record is rewritten (atomically) after the run.  ``force`` redoes everything.
- Progress: ``progress(done, total, name)`` is called after each file (the CLI draws a bar).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from ..outputs import version, write_atomic
from .parallel import dask_client, die_with_parent

MANIFEST = ".annotate-batch.json"
INDEX = "index"  # OUT/index.json and OUT/index.csv: the reports the batch holds


@dataclass(frozen=True)
class Task:
    source: str  # the input path as given (it is also what the output's meta records)
    output: str
    size: int
    mtime_ns: int


@dataclass
class BatchResult:
    written: list[str] = field(default_factory=list)  # outputs written
    skipped: list[str] = field(default_factory=list)  # outputs already up to date
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, one-line error)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (entry, why it is not read)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


# --------------------------------------------------------------------------- the unit of work


def annotate_bytes(source: str, data: bytes, fmt: str) -> tuple[Optional[bytes], Optional[str]]:
    """(output bytes, None) or (None, one-line error) for one report; never raises for bad input."""
    payload, error, _summary = annotate_one(source, data, fmt)
    return payload, error


def annotate_one(source: str, data: bytes, fmt: str) -> tuple[Optional[bytes], Optional[str], Optional[dict]]:
    """:func:`annotate_bytes` plus the report's :func:`summary` (for the manifest and the index)."""
    from ..errors import AnnotateError

    try:
        from .. import pipeline

        report = pipeline.tag(source, data)
        if fmt == "json":
            from ..report_json import dumps, report_to_json

            return dumps(report_to_json(report)).encode("utf-8"), None, summary(report)
        from ..xml.writer import write_xml

        return write_xml(report), None, summary(report)
    except AnnotateError as exc:
        return None, exc.message, None
    except MemoryError:
        return None, f"{source}: out of memory reading the input; is it really a report?", None
    except Exception as exc:  # one bad file must not stop the batch: report it and go on
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        return None, f"{source}: internal error ({detail[:300]})", None


#: the target fields a summary keeps: enough to compare targets with the next year's (index counts)
SUMMARY_TARGET_FIELDS = ("indicator", "metric", "year", "value", "low", "high", "unit", "qualifier", "text",
                         "normalized", "base_unit")


def summary(report) -> dict:
    """Identity and targets of an annotated report, small enough for the manifest."""
    m = report.meta
    return {"issuer": m.issuer, "region": m.region, "level": m.level, "year": m.year, "kind": m.kind,
            "targets": [[getattr(t, f) for f in SUMMARY_TARGET_FIELDS] for t in report.targets]}


#: (output, error, SHA-256 of the input annotated, the report's summary for the manifest and index)
Outcome = tuple[Optional[bytes], Optional[str], Optional[str], Optional[dict]]


def _read_input(source: str) -> tuple[Optional[bytes], Optional[str]]:
    """(bytes, None) or (None, error): the size is checked before reading; a file that vanished
    or cannot be read is one failed row, never the end of the batch."""
    from ..errors import AnnotateError
    from ..reading.ingest import read_bytes

    try:
        return read_bytes(source), None
    except AnnotateError as exc:
        return None, exc.message
    except OSError as exc:
        return None, f"{source}: cannot be read ({exc.strerror})"


def _annotate_path(source: str, fmt: str) -> Outcome:
    """Read ``source`` and annotate it (the worker reads, so inputs are not shipped to it); the
    hash is of the bytes annotated, so a file rewritten meanwhile is never recorded as done."""
    data, error = _read_input(source)
    if data is None:
        return None, error, None, None
    payload, error, info = annotate_one(source, data, fmt)
    return payload, error, hashlib.sha256(data).hexdigest(), info


# --------------------------------------------------------------------------- planning


def discover(in_dir: str) -> list[Path]:
    """The report files directly in ``in_dir``, sorted by name."""
    return survey(in_dir)[0]


def survey(in_dir: str) -> tuple[list[Path], list[tuple[str, str]]]:
    """(report files, [(entry, why it is not read)]) directly in ``in_dir``.  Report files are
    every format ``tag`` reads (corpus.files.READABLE); entries with such a name that are not
    regular files (a dangling link, a FIFO, a device, a folder) and other visible files
    (``SOURCES.tsv``) are listed with a reason, never skipped silently.  Hidden files and
    ``.meta.json`` sidecars are left alone."""
    import stat as st

    from .files import SIDECAR_SUFFIX, is_readable

    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for p in sorted(Path(in_dir).iterdir()):
        if p.name.startswith(".") or p.name.endswith(SIDECAR_SUFFIX):
            continue
        try:
            mode = p.stat().st_mode
        except OSError:
            skipped.append((str(p), "a link to nothing (dangling symlink)" if p.is_symlink() else "cannot be read"))
            continue
        if st.S_ISREG(mode):
            if is_readable(p):
                files.append(p)
            else:
                skipped.append((str(p), "not a report format, not read"))
        elif not is_readable(p):
            continue  # a folder or pipe without a report's name is no business of a batch
        elif st.S_ISDIR(mode):
            skipped.append((str(p), "a folder, not a file"))
        elif st.S_ISFIFO(mode):
            skipped.append((str(p), "a FIFO (named pipe), not a file"))
        else:
            skipped.append((str(p), "a device or socket, not a file"))
    return files, skipped


def output_names(files: Iterable[Path], fmt: str) -> dict[Path, str]:
    """``name.xml`` for ``name.txt``; when two inputs would share an output name (``a.txt`` and
    ``a.md``, ``a.txt`` and ``a.txt.txt``; names that differ only in case) they keep their suffix
    (``a.txt.xml``, ``a.md.xml``), and a name still shared gets ``~2``, ``~3`` in input order:
    no output ever overwrites another."""
    files = sorted(files)
    stems: dict[str, int] = {}
    for p in files:
        stems[p.stem.lower()] = stems.get(p.stem.lower(), 0) + 1
    names: dict[Path, str] = {}
    taken: set[str] = set()
    first = {p: (p.stem if stems[p.stem.lower()] == 1 else p.name) + "." + fmt for p in files}
    counts: dict[str, int] = {}
    for name in first.values():
        counts[name.lower()] = counts.get(name.lower(), 0) + 1
    for p in files:
        name = first[p] if counts[first[p].lower()] == 1 else p.name + "." + fmt
        base, k = name, 2
        while name.lower() in taken:
            name = f"{base[: -len(fmt) - 1]}~{k}.{fmt}"
            k += 1
        taken.add(name.lower())
        names[p] = name
    return names


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _load_manifest(out_dir: Path) -> dict[str, dict]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return data.get("outputs", {}) if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _up_to_date(task: Task, record: Optional[dict], fmt: str, ver: str) -> bool:
    out = Path(task.output)
    if record is None or not out.is_file():
        return False
    if record.get("version") != ver or record.get("format") != fmt or record.get("input") != task.source:
        return False
    if out.stat().st_mtime_ns < task.mtime_ns:
        return False
    if record.get("output_sha256") != _sha256(out):  # replaced or damaged since it was written
        return False
    if record.get("size") == task.size and record.get("mtime_ns") == task.mtime_ns:
        return True
    # touched but perhaps unchanged: the hash decides
    return record.get("size") == task.size and record.get("sha256") == _sha256(Path(task.source))


# --------------------------------------------------------------------------- the output folder


LOCK = ".annotate-batch.lock"


def _check_writable(dst: Path) -> None:
    """An output folder that cannot be written is found before any work is done."""
    from ..errors import AnnotateError

    try:
        fd, tmp = tempfile.mkstemp(prefix=".annotate-probe.", dir=dst)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise AnnotateError(str(dst), f"cannot be written ({exc.strerror})",
                            "choose an output folder you can write to") from None


class _Lock:
    """One batch at a time per output folder: a second one gets a clear error, not a manifest
    that two writers overwrite.  A lock left by a process that no longer runs is taken over."""

    def __init__(self, dst: Path) -> None:
        self.path = dst / LOCK

    def __enter__(self) -> "_Lock":
        from ..errors import AnnotateError

        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                pid = self._owner()
                if pid is not None and _alive(pid):
                    raise AnnotateError(str(self.path.parent), f"is being written by another batch (process {pid})",
                                        "wait for it to finish, or write to another folder") from None
                self.path.unlink(missing_ok=True)  # stale: its process is gone
                continue
            with os.fdopen(fd, "w") as fh:
                fh.write(str(os.getpid()))
            return self
        raise AnnotateError(str(self.path.parent), "cannot be locked for writing", "try again")

    def _owner(self) -> Optional[int]:
        try:
            text = self.path.read_text().strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

    def __exit__(self, *exc: object) -> None:
        if self._owner() == os.getpid():
            self.path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --------------------------------------------------------------------------- running


Progress = Callable[[int, int, str], None]


def _run_local(tasks: list[Task], fmt: str, jobs: int, on_done: Callable[[Task, Outcome], None]) -> None:
    if jobs <= 1 or len(tasks) <= 1:
        for t in tasks:
            on_done(t, _annotate_path(t.source, fmt))
        return
    crashed: list[Task] = []
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), initializer=die_with_parent,
                               initargs=(os.getpid(),))
    try:
        futures: dict[Future, Task] = {pool.submit(_annotate_path, t.source, fmt): t for t in tasks}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                try:
                    outcome = f.result()
                except BrokenProcessPool:
                    crashed.append(futures[f])
                    continue
                on_done(futures[f], outcome)
    except BaseException:
        # Ctrl-C / SIGTERM: what finished is recorded by the caller; the queue is dropped and the
        # workers stopped now, not after they finish their files
        workers = list((getattr(pool, "_processes", None) or {}).values())  # no public way to stop them
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in workers:
            proc.terminate()
        for proc in workers:  # reaped here: nothing else will once the coordinator leaves
            proc.join(timeout=1)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout=1)
        raise
    pool.shutdown(wait=True)
    # a worker that died (killed, out of memory) breaks the pool: retry those files one by one,
    # each in a fresh process, so only the file that kills its worker fails
    for t in crashed:
        try:
            with ProcessPoolExecutor(max_workers=1, initializer=die_with_parent, initargs=(os.getpid(),)) as one:
                outcome = one.submit(_annotate_path, t.source, fmt).result()
        except BrokenProcessPool:
            outcome = (None, f"{t.source}: the worker process died annotating it (out of memory?)", None, None)
        on_done(t, outcome)


def _run_dask(tasks: list[Task], fmt: str, scheduler: str, on_done: Callable[[Task, Outcome], None]) -> None:
    client, as_completed = dask_client(scheduler)
    try:
        # inputs travel with the task: workers need not see the input folder
        futures = {}
        hashes = {}
        for t in tasks:
            data, error = _read_input(t.source)  # size checked before reading, one file at a time
            if data is None:
                on_done(t, (None, error, None, None))
                continue
            hashes[t.source] = hashlib.sha256(data).hexdigest()
            futures[client.submit(annotate_one, t.source, data, fmt, pure=False)] = t
            del data
        for f in as_completed(list(futures)):
            t = futures[f]
            try:
                payload, error, info = f.result()
            except Exception as exc:  # a worker lost or a task that could not run
                payload, error, info = None, f"{t.source}: failed on the cluster ({type(exc).__name__}: {exc})", None
            on_done(t, (payload, error, hashes[t.source], info))
    finally:
        client.close()


def run_batch(in_dir: str, out_dir: str, fmt: str = "xml", jobs: Optional[int] = None,
              scheduler: Optional[str] = None, force: bool = False,
              progress: Optional[Progress] = None, bom: bool = False) -> BatchResult:
    """Annotate every report in ``in_dir`` into ``out_dir`` (module docstring); ``bom`` starts
    ``index.csv`` with the UTF-8 byte order mark Excel reads UTF-8 by."""
    from ..errors import AnnotateError

    start = time.perf_counter()
    src, dst = Path(in_dir), Path(out_dir)
    if not src.is_dir():
        raise AnnotateError(in_dir, "is not a folder", "give the folder that holds the reports")
    if not survey(in_dir)[0]:  # a mistyped folder must not look like a batch that found nothing to do
        from .files import no_reports

        raise no_reports(in_dir, "give the folder that holds the reports")
    from .files import make_output_folder

    make_output_folder(out_dir)
    if dst.resolve() == src.resolve():
        raise AnnotateError(out_dir, "is the input folder", "write the outputs to another folder")
    _check_writable(dst)
    with _Lock(dst):
        return _run(src, dst, fmt, jobs, scheduler, force, progress, start, bom)


def _run(src: Path, dst: Path, fmt: str, jobs: Optional[int], scheduler: Optional[str], force: bool,
         progress: Optional[Progress], start: float, bom: bool = False) -> BatchResult:
    files, ignored = survey(str(src))
    names = output_names(files, fmt)
    ver = version()
    manifest = {} if force else _load_manifest(dst)
    result = BatchResult(ignored=ignored)
    tasks: list[Task] = []
    for p in files:
        try:
            st = p.stat()
        except OSError as exc:  # gone since the folder was read
            result.failed.append((str(p), f"{p}: cannot be read ({exc.strerror})"))
            continue
        t = Task(source=str(p), output=str(dst / names[p]), size=st.st_size, mtime_ns=st.st_mtime_ns)
        if not force and _up_to_date(t, manifest.get(names[p]), fmt, ver):
            result.skipped.append(t.output)
        else:
            tasks.append(t)
    total = len(files)
    done_count = len(result.skipped)
    if progress and done_count:
        progress(done_count, total, "")
    new_records: dict[str, dict] = {}

    def on_done(t: Task, outcome: Outcome) -> None:
        nonlocal done_count
        payload, error, digest, info = outcome
        name = Path(t.output).name
        if payload is None:
            result.failed.append((t.source, error or f"{t.source}: failed"))
            manifest.pop(name, None)
        else:
            # recorded before it is written: an interrupt between the two leaves a record whose
            # output is missing, which the final reconciliation drops (never an unrecorded output)
            new_records[name] = {"input": t.source, "size": t.size, "mtime_ns": t.mtime_ns, "sha256": digest,
                                 "output_sha256": hashlib.sha256(payload).hexdigest(),
                                 "format": fmt, "version": ver,
                                 **{k: (info or {}).get(k) for k in ("issuer", "year", "region", "level", "kind",
                                                                     "targets")}}
            write_atomic(Path(t.output), payload)
            result.written.append(t.output)
        done_count += 1
        if progress:
            rec = new_records.get(name, {})
            label = " ".join(str(rec[k]) for k in ("issuer", "year") if rec.get(k))
            progress(done_count, total, f"{label} ({Path(t.source).name})" if label else Path(t.source).name)

    try:
        if scheduler:
            _run_dask(tasks, fmt, scheduler, on_done)
        else:
            _run_local(tasks, fmt, jobs or os.cpu_count() or 1, on_done)
    finally:
        # record what was written even when interrupted, so a rerun resumes
        manifest.update({k: v for k, v in new_records.items() if (dst / k).is_file()})
        write_atomic(dst / MANIFEST, (json.dumps({"version": ver, "outputs": dict(sorted(manifest.items()))},
                                                 ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    current = {names[p] for p in files}
    rows = index_rows({k: v for k, v in manifest.items() if k in current})
    write_atomic(dst / f"{INDEX}.json", (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    write_atomic(dst / f"{INDEX}.csv", index_csv(rows).encode("utf-8-sig" if bom else "utf-8"))
    result.failed.sort()
    result.written.sort()
    result.seconds = time.perf_counter() - start
    return result


INDEX_COLUMNS = ("file", "output", "issuer", "region", "level", "year", "kind", "targets", "target_changes",
                 "previous_year")


def index_rows(records: dict[str, dict]) -> list[dict]:
    """One row per output in the manifest: its input, identity, how many targets it sets and how
    many of them changed (anything but ``unchanged``) against the same issuer's previous report in
    the batch (``target_changes`` and ``previous_year`` are null for an issuer's first report)."""
    from ..comparing.compare import target_changes
    from .core import Corpus, Entry
    from ..model import Meta, Report, Target

    def as_report(rec: dict) -> Report:
        targets = tuple(Target(id=f"t{i}", block="", start=0, end=0, **dict(zip(SUMMARY_TARGET_FIELDS, row)))
                        for i, row in enumerate(rec.get("targets") or []))
        return Report(meta=Meta(issuer=rec.get("issuer"), region=rec.get("region"), year=rec.get("year")),
                      text="", targets=targets)

    entries = {out: Entry(rec.get("input", out), as_report(rec), out) for out, rec in records.items()}
    previous: dict[str, Entry] = {}
    for a, b in Corpus(tuple(entries.values())).pairs():
        previous[b.key] = a
    rows = []
    for out, rec in sorted(records.items(), key=lambda kv: kv[1].get("input", kv[0])):
        e, prev = entries[out], previous.get(out)
        changed = None if prev is None else sum(1 for tc in target_changes(prev.report, e.report)
                                                if tc.change != "unchanged")
        rows.append({"file": rec.get("input"), "output": out, "issuer": rec.get("issuer"), "region": rec.get("region"),
                     "level": rec.get("level"), "year": rec.get("year"), "kind": rec.get("kind"),
                     "targets": len(rec.get("targets") or []), "target_changes": changed,
                     "previous_year": prev.year if prev else None})
    return rows


def index_csv(rows: list[dict]) -> str:
    """The index rows as CSV (:data:`INDEX_COLUMNS`, empty cells for nulls)."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(INDEX_COLUMNS)
    for r in rows:
        w.writerow(["" if r[c] is None else r[c] for c in INDEX_COLUMNS])
    return buf.getvalue()
