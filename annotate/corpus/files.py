"""Which files a multi-report command reads: every format ``annotate tag`` reads, folders recursive.

Contract: :func:`discover(paths)` returns ``(reports, ignored)``: ``reports`` are the files to read
(a file given by name is always read, whatever its suffix; in a folder, recursively, every
non-hidden file whose suffix is one of :data:`READABLE`), sorted by path within each folder and
in the order given across arguments, each once; ``ignored`` lists the other files found in the
folders (``SOURCES.tsv``, ``README.md`` is read: it is markdown) so a command can say what it
left out instead of skipping it silently.  A path that does not exist raises AnnotateError.

``.pdf`` is read with its text layer (and OCR for scanned pages): see ingest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..reading.ingest.readers import HTML_EXTENSIONS, MARKDOWN_EXTENSIONS, TEXT_EXTENSIONS

#: suffixes read from a folder: the text readers, Word, annotated (or DocBook-like) XML, PDF
READABLE: frozenset[str] = frozenset(HTML_EXTENSIONS | MARKDOWN_EXTENSIONS | TEXT_EXTENSIONS
                                     | {".docx", ".xml", ".pdf"})
#: files that sit beside reports and are never reports (identity sidecars are read with their report)
SIDECAR_SUFFIX = ".meta.json"


def no_reports(where: str, what_to_do: str = "give report files or folders that hold them"):
    """The one error every command gives for a folder (or paths) holding no report file at all: a
    mistyped or empty folder must not look like a run that found nothing to do."""
    from ..errors import AnnotateError

    return AnnotateError(where, "holds no report files (.txt, .md, .html, .docx, .pdf or .xml)", what_to_do)


def make_output_folder(out_dir: str, create: bool = True) -> Path:
    """Create the output folder ``out_dir`` of ``site`` or ``batch`` (parents included) and return
    it; an ``-o`` that names a file, or a place where no folder can be made, is one
    :class:`AnnotateError` that says which (``-o report.html`` is a common slip for a folder).
    ``create=False`` only checks that ``out_dir`` is no file (before a long read)."""
    from ..errors import AnnotateError

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise AnnotateError(out_dir, "is a file, not a folder", "give -o a folder (it is created if missing)")
    if not create:
        return out
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AnnotateError(out_dir, f"cannot create the output folder ({(exc.strerror or str(exc)).lower()})",
                            "choose another -o") from None
    return out


def is_readable(path: Path) -> bool:
    """A report-looking file in a folder: a known suffix, not hidden, not a sidecar."""
    return (not path.name.startswith(".") and path.suffix.lower() in READABLE
            and not path.name.endswith(SIDECAR_SUFFIX))


def discover(paths: Iterable[str]) -> tuple[list[Path], list[Path]]:
    """(files to read, other files found in the folders); see the module docstring."""
    from ..errors import AnnotateError

    found: list[Path] = []
    ignored: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                if any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue  # hidden folders and files (caches, .git) are not the user's reports
                if f.name.endswith(SIDECAR_SUFFIX):
                    continue
                (found if is_readable(f) else ignored).append(f)
        elif p.is_file():
            found.append(p)
        else:
            raise AnnotateError(raw, "does not exist", "give report files or folders that hold them")
    out = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out, ignored
