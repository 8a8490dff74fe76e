"""Click wiring only: every command calls the Python API and writes its output atomically.

Exit status: 0 success; 1 bad input (one line on stderr naming the file and the problem);
2 usage error (click's own).
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

import click

from .errors import AnnotateError
from .model import TARGET_CHANGE_LABELS


def write_output(out: str | None, payload: str | bytes | Callable[[BinaryIO], None],
                 inputs: tuple[str, ...] | list[str] = ()) -> None:
    """Write to ``out`` atomically (temp file + rename), or to stdout when ``out`` is None/``-``;
    a device or pipe named by ``out`` is written into as it is; never over one of ``inputs``
    (``-o`` naming the report would destroy it).

    ``payload`` may be a function that writes to a binary file (large outputs, never held whole).
    """
    if out not in (None, "-"):
        refuse_overwriting_inputs(out, inputs)
    if callable(payload):
        write = payload
    else:
        data = payload.encode("utf-8") if isinstance(payload, str) else payload

        def write(fh: BinaryIO) -> None:
            fh.write(data)
    if out is None or out == "-":
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    target = Path(out)
    if target.exists() and not target.is_file() and not target.is_dir():
        # A device or a pipe (-o /dev/null, a FIFO): write into it.  Renaming a temp file over
        # it would replace /dev/null itself with a regular file when run as root.
        with open(target, "wb") as fh:
            write(fh)
        return
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise AnnotateError(out, "output folder does not exist", "create it first or choose another -o path")
    if target.is_dir():
        raise AnnotateError(out, "is a folder, not a file", "give a file name, e.g. -o " + str(target / "out"))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:  # a read-only folder, /proc, a full disk: the user's -o, not a bug
        raise unwritable(out, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output file is an ordinary file
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.errno in OUTPUT_ERRNOS:
            raise unwritable(out, exc) from None
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# errors of writing a file that the place written to causes (not a bug of ours): said as such
OUTPUT_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO,
                 errno.ENOENT, errno.ENOTDIR, errno.EXDEV, errno.EBUSY, errno.EISDIR, errno.ENAMETOOLONG}


def unwritable(out: str, exc: OSError) -> AnnotateError:
    """The error for an ``-o`` that cannot be written, with the system's reason (``Permission
    denied``, ``No space left on device``) and what to do."""
    from .reading.ingest import display_name

    reason = exc.strerror or type(exc).__name__
    return AnnotateError(display_name(out), f"cannot be written ({reason.lower()})",
                         "choose another -o path, or free space / fix the folder's permissions")


def refuse_overwriting_inputs(out: str, inputs: tuple[str, ...] | list[str]) -> None:
    """One clear error when ``out`` is the same file as an input (also through a link)."""
    from .reading.ingest import display_name

    target = Path(out)
    for i in inputs:
        if i == "-" or not target.exists():
            continue
        try:
            same = os.path.samefile(target, i)
        except OSError:
            same = False
        if same:
            raise AnnotateError(display_name(out), "is one of the inputs; writing there would overwrite the report",
                                "choose another -o")


# what an output file's name says its format is (``-o changes.csv``)
FORMAT_OF_SUFFIX = {".json": "json", ".xml": "xml", ".txt": "text", ".csv": "csv", ".html": "html",
                    ".htm": "html", ".docx": "docx", ".pdf": "pdf"}


def output_format(out: str | None, fmt: str) -> str:
    """The format to write: ``--format`` when given; else the one ``-o``'s suffix names, when the
    command can write it; else the default.  A ``--format`` that the suffix contradicts
    (``--format html -o x.docx``) is a usage error: either way the file would lie about its content."""
    ctx = click.get_current_context()
    suffix = Path(out).suffix.lower() if out not in (None, "-") else ""
    named = FORMAT_OF_SUFFIX.get(suffix)
    choices = next((p.type.choices for p in ctx.command.params if p.name == "fmt"), ())
    if named is None or named not in choices:
        return fmt
    if ctx.get_parameter_source("fmt") is click.core.ParameterSource.DEFAULT:
        return named
    if named != fmt:
        raise click.UsageError(f"-o {out} names a .{suffix[1:]} file but --format is {fmt}; "
                               f"drop --format or give -o a .{fmt} name")
    return fmt


#: what --bom puts before a CSV: the UTF-8 byte order mark, by which Excel tells UTF-8 from the
#: local code page (without it, Chinese text opens as mojibake in Excel on Windows)
BOM = "\ufeff"


def bom_option(what: str = "CSV output") -> Callable:
    """``--bom``: start ``what`` with the UTF-8 byte order mark for Excel (tables stay UTF-8 without
    one by default, as DESIGN.md says)."""
    return click.option("--bom", is_flag=True,
                        help=f"Start {what} with a UTF-8 byte order mark, so Excel opens the Chinese "
                             "text correctly (not written by default).")


def csv_prefix(fmt: str, bom: bool) -> str:
    """What goes before the output: :data:`BOM` when ``--bom`` was given for CSV, else nothing.
    ``--bom`` with another format is a usage error (exit 2, before any report is read): a byte
    order mark would corrupt JSON and means nothing in HTML, and dropping it silently would hide
    the user's mistake."""
    if not bom:
        return ""
    if fmt != "csv":
        raise click.UsageError(f"--bom applies to CSV output only; the output here is {fmt} "
                               "(give --format csv or a -o name ending .csv)")
    return BOM


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_guarded(fn: Callable[[], None]) -> None:
    """Run a command body; bad input becomes one stderr line and exit status 1."""
    try:
        fn()
    except AnnotateError as exc:
        click.echo(f"annotate: {exc.message}", err=True)
        sys.exit(1)
    except MemoryError:
        click.echo("annotate: out of memory reading the input; is it really a report?", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        # Ctrl-C: outputs are written whole or not at all (write_output), so nothing is left
        # half-written; say so, and exit as a shell expects of an interrupted command (128 + SIGINT)
        click.echo("\nannotate: interrupted; no file was left half-written", err=True)
        sys.exit(130)
    except (click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:  # a bug must not become a traceback for the user ...
        if os.environ.get("ANNOTATE_DEBUG"):  # ... unless a developer asks for it
            raise
        click.echo(f"annotate: internal error ({type(exc).__name__}: {exc}); "
                   "please report it with the input file (ANNOTATE_DEBUG=1 shows the traceback)", err=True)
        sys.exit(1)


def _set_env(name: str) -> Callable:
    """A click callback that passes an option on in the environment, where the PDF reader (and
    batch worker processes, which inherit it) find it: see ``ingest.pdf_options.PdfOptions.from_env``."""

    def callback(ctx: click.Context, param: click.Parameter, value) -> None:
        if value is not None:
            old = os.environ.get(name)
            os.environ[name] = str(value)
            ctx.call_on_close(lambda: os.environ.__setitem__(name, old) if old is not None
                              else os.environ.pop(name, None))  # in-process callers (tests) see no leak

    return callback


def pdf_options(fn: Callable) -> Callable:
    """``--ocr``, ``--ocr-lang``, ``--max-pages``, ``--max-stream-mb``: how PDF input is read (the size limit is the
    group's ``--max-mb``; a PDF's default is ``ingest.pdf_options.DEFAULT_MAX_MB``)."""
    from .reading.ingest import pdf_options as pdf  # not ingest.pdf: declaring options must not load the PDF reader

    fn = click.option("--max-pages", type=click.IntRange(1), default=None, expose_value=False,
                      callback=_set_env(pdf.ENV_MAX_PAGES),
                      help=f"Most pages a PDF may have (default {pdf.DEFAULT_MAX_PAGES}).")(fn)
    fn = click.option("--max-stream-mb", type=click.IntRange(1), default=None, expose_value=False,
                      callback=_set_env(pdf.ENV_MAX_STREAM_MB),
                      help=f"Most MB one compressed stream inside a PDF may inflate to "
                           f"(default {pdf.DEFAULT_MAX_STREAM_MB}).")(fn)
    fn = click.option("--ocr-lang", type=str, default=None, expose_value=False, callback=_set_env(pdf.ENV_OCR_LANG),
                      help="Tesseract language(s) for scanned pages, e.g. chi_tra (default: chi_sim, chi_tra when "
                           "the first scanned page reads traditional).")(fn)
    return click.option("--ocr", type=click.Choice(pdf.OCR_MODES), default=None, expose_value=False,
                        callback=_set_env(pdf.ENV_OCR),
                        help="OCR PDF pages with tesseract: auto (pages with no text layer, the default), "
                             "always, never.")(fn)


def identity_options(fn: Callable) -> Callable:
    """``--issuer`` and ``--year``: what the user says the report is, over what its text says;
    and the :func:`pdf_options`, since every command that reads reports may be given a PDF."""
    fn = pdf_options(fn)
    fn = click.option("--year", type=click.IntRange(1900, 2200), default=None,
                      help="The year the report is for (one report; several: a report.meta.json beside each).")(fn)
    return click.option("--issuer", type=str, default=None,
                        help="The issuing body, e.g. 湖南省人民政府 (applies to every report read).")(fn)


def read_reports(paths: tuple[str, ...] | list[str], issuer: str | None, year: int | None,
                 to_compare: bool = False) -> list:
    """Annotate each path with the user's identity hints; identity warnings go to stderr.
    ``to_compare``: a file far over the comparison's limit is refused before it is read."""
    from . import pipeline
    from .reading.identity import Hints
    from .reading.ingest import display_name

    if to_compare:
        from .comparing.compare import MAX_COMPARE_CHARS

        for p in paths:
            # no character takes more than 4 bytes in any encoding read: surely too long
            if p != "-" and os.path.isfile(p) and os.path.getsize(p) > 4 * MAX_COMPARE_CHARS:
                raise AnnotateError(display_name(p), f"is {os.path.getsize(p):,} bytes, more than a comparison "
                                    f"reads ({MAX_COMPARE_CHARS:,} characters; real reports hold under 100,000)",
                                    "check the file; annotate --max-compare-chars N raises the limit")

    check_year_hint(paths, year)
    hints = Hints(source="override", issuer=issuer, year=year) if issuer or year is not None else None
    reports = []
    for p in paths:
        report = pipeline.tag(p, hints=hints)
        for w in report.meta.identity_warnings:
            click.echo(f"annotate: warning: {display_name(p)}: {w}", err=True)
        reports.append(report)
    return reports


def check_year_hint(paths: tuple[str, ...] | list[str], year: int | None) -> None:
    """``--year`` names one report's year: with several reports it is a usage error (exit 2)."""
    if year is not None and len(paths) > 1:
        raise click.UsageError("--year names the year of one report; for several, write a report.meta.json "
                               'beside each file ({"year": 2026})')


def read_each(files: tuple[str, ...], issuer: str | None, year: int | None) -> tuple[list, int]:
    """Read ``files`` as :func:`read_reports` does, but a file that cannot be read does not stop
    the others (one bad file in a folder of seventy must not cost the researcher the table):
    each bad file is named on stderr.  Returns ``(file, report)`` pairs of the good ones and the
    number that failed; when none could be read it exits with status 1 (nothing is written)."""
    if len(files) == 1:
        return list(zip(files, read_reports(files, issuer, year))), 0
    check_year_hint(files, year)
    good, failed = [], 0
    for f in files:
        try:
            good.extend(zip([f], read_reports([f], issuer, None)))
        except AnnotateError as exc:
            failed += 1
            click.echo(f"annotate: {exc.message}", err=True)
    if not good:  # every one named above; nothing to write
        sys.exit(1)
    return good, failed


def expand_folders(inputs: tuple[str, ...]) -> tuple[str, ...]:
    """``inputs`` with each folder replaced by the report files in it (``corpus.files.discover``:
    recursive, sorted, every format ``tag`` reads), so ``targets`` and ``timeline`` take folders as
    ``changes`` and ``site`` do; what a folder holds that is no report is said on stderr.  A folder
    with no report is one error; files and ``-`` pass as given (``-`` once: stdin reads once, a
    second ``-`` would be an empty report, so it is a usage error)."""
    if inputs.count("-") > 1:
        raise click.UsageError("- (stdin) can be given only once")
    if not any(i != "-" and os.path.isdir(i) for i in inputs):
        return inputs
    from .corpus.files import discover, no_reports
    from .reading.ingest import display_name

    out: list[str] = []
    for i in inputs:
        if i == "-" or not os.path.isdir(i):
            out.append(i)
            continue
        found, ignored = discover([i])
        for f in ignored:
            click.echo(f"annotate: note: {display_name(str(f))}: not a report format, not read", err=True)
        if not found:
            raise no_reports(i)
        out.extend(str(f) for f in found)
    return tuple(out)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="annotate")
@click.option("--max-mb", type=click.IntRange(min=1), default=None,
              help="Largest report to read, in MB (default 10; annotated XML may be 8 times that).")
@click.option("--max-compare-chars", type=click.IntRange(min=1), default=None,
              help="Longest report text diff and redline compare (default 1,000,000 characters).")
def main(max_mb: int | None, max_compare_chars: int | None) -> None:
    """Annotate Chinese government annual reports and compare them year on year."""
    if max_compare_chars is not None:
        from .comparing import compare

        compare.MAX_COMPARE_CHARS = max_compare_chars
    if max_mb is not None:
        from .reading.ingest import set_max_mb

        set_max_mb(max_mb)


@main.command()
@click.argument("input", type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["xml", "json"]), default="xml", show_default=True,
              help="Output format; when not given, the suffix of -o chooses it (x.json: json).")
@identity_options
def tag(input: str, out: str | None, fmt: str, issuer: str | None, year: int | None) -> None:
    """Parse and annotate one report (INPUT: .txt .md .html .docx .pdf .xml, or - for stdin)."""

    fmt = output_format(out, fmt)

    def body() -> None:
        (report,) = read_reports([input], issuer, year)
        if fmt == "json":
            from .report_json import dumps, report_to_json

            write_output(out, dumps(report_to_json(report)), [input])
        else:
            from .xml.writer import write_xml

            write_output(out, write_xml(report), [input])

    run_guarded(body)


@main.command()
@click.argument("files", nargs=-1, required=True, type=str)
def validate(files: tuple[str, ...]) -> None:
    """Check annotated XML files (reports or comparisons) against the RelaxNG schemas."""

    def body() -> None:
        from .reading.ingest import display_name
        from .xml.validate import validate_file

        invalid = 0
        for f in files:  # check every file, one line each; exit 1 if any is invalid
            try:
                validate_file(f)
            except AnnotateError as exc:
                click.echo(f"annotate: {exc.message}", err=True)
                invalid += 1
            else:
                click.echo(f"{display_name(f)}: valid")
        if invalid:
            sys.exit(1)

    run_guarded(body)


@main.command()
@click.argument("old", type=str)
@click.argument("new", type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["json", "xml", "text"]), default="json", show_default=True,
              help="Output format; when not given, the suffix of -o chooses it (x.txt: text).")
@click.option("--ignore-punctuation", is_flag=True, help="Do not report edits that only change punctuation.")
@click.option("--ignore-width/--respect-width", default=True, show_default=True,
              help="Treat full-width and half-width forms (８％ and 8%) as the same.")
@click.option("--granularity", type=click.Choice(["word", "char"]), default="word", show_default=True,
              help="Diff words (numbers with units stay whole) or single characters.")
@identity_options
def diff(old: str, new: str, out: str | None, fmt: str, ignore_punctuation: bool, ignore_width: bool,
         granularity: str, issuer: str | None, year: int | None) -> None:
    """Compare two reports (OLD, NEW: report files or annotated .xml): targets first, then edits."""

    fmt = output_format(out, fmt)

    def body() -> None:
        from .comparing.compare import compare

        if old == "-" and new == "-":
            raise click.UsageError("only one of OLD and NEW can be - (stdin)")
        c = compare(*read_reports([old, new], issuer, year, to_compare=True), ignore_punctuation=ignore_punctuation,
                    ignore_width=ignore_width, granularity=granularity)
        if fmt == "json":
            from .report_json import dump
            from .render.comparison_json import comparison_to_json

            data = comparison_to_json(c)
            del c  # the reports are not needed to write the JSON
            write_output(out, lambda fh: dump(data, fh), [old, new])
        elif fmt == "xml":
            from .xml.comparison import write_comparison_xml

            write_output(out, write_comparison_xml(c), [old, new])
        else:
            from .render.text import render_text

            write_output(out, render_text(c), [old, new])

    run_guarded(body)


@main.command()
@click.argument("old", type=str)
@click.argument("new", type=str)
@click.option("-o", "--output", "out", type=str, required=True, help="The file to write.")
@click.option("--format", "fmt", type=click.Choice(["html", "docx", "pdf"]), default="html", show_default=True,
              help="html: a self-contained page; docx: Word with tracked changes; pdf: the page printed by "
                   "headless Chromium.  When not given, the suffix of -o chooses it (x.docx: docx).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Language of the labels, change names and headings (the report text stays as written).")
@click.option("--ignore-punctuation", is_flag=True, help="Do not mark edits that only change punctuation.")
@click.option("--granularity", type=click.Choice(["word", "char"]), default="word", show_default=True,
              help="Mark words (numbers with units stay whole) or single characters.")
@identity_options
def redline(old: str, new: str, out: str, fmt: str, lang: str, ignore_punctuation: bool, granularity: str,
            issuer: str | None, year: int | None) -> None:
    """Write a redline of OLD → NEW: an HTML page, a Word document with tracked changes, or a PDF."""

    fmt = output_format(out, fmt)

    def body() -> None:
        from .comparing.compare import compare
        from .render.html import render_redline

        if old == "-" and new == "-":
            raise click.UsageError("only one of OLD and NEW can be - (stdin)")
        if fmt == "pdf":
            from .render.pdf import chromium_path, html_to_pdf

            if chromium_path() is None:  # say so before the comparison's work, not after
                html_to_pdf("", out)
        c = compare(*read_reports([old, new], issuer, year, to_compare=True), ignore_punctuation=ignore_punctuation,
                    granularity=granularity)
        if fmt == "docx":
            from .render.docx import render_docx

            write_output(out, render_docx(c, lang=lang), [old, new])
        elif fmt == "pdf":
            write_output(out, html_to_pdf(render_redline(c, lang), out), [old, new])
        else:
            write_output(out, render_redline(c, lang), [old, new])

    run_guarded(body)


@main.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="Output format; when not given, the suffix of -o chooses it (x.csv: csv).")
@bom_option()
@identity_options
def targets(inputs: tuple[str, ...], out: str | None, fmt: str, bom: bool, issuer: str | None,
            year: int | None) -> None:
    """The targets each report sets for its year (INPUT: report files, annotated .xml, or folders)."""

    fmt = output_format(out, fmt)
    prefix = csv_prefix(fmt, bom)

    def body() -> None:
        from .reading.ingest import display_name
        from .render.targets import target_rows, to_csv, to_json

        files = expand_folders(inputs)
        rows = []
        read, failed = read_each(files, issuer, year)
        for f, report in read:
            rows.extend(target_rows(report, display_name(f)))
        write_output(out, to_json(rows) if fmt == "json" else prefix + to_csv(rows), files)
        if failed:  # the table holds the reports that could be read; the status says some could not
            sys.exit(1)

    run_guarded(body)


@main.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=str)
@click.option("--indicator", type=str, default=None, help="Only this canonical indicator id (e.g. gdp_growth).")
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "html"]), default="json", show_default=True,
              help="Output format; when not given, the suffix of -o chooses it (x.csv: csv).")
@bom_option()
@identity_options
def timeline(inputs: tuple[str, ...], indicator: str | None, out: str | None, fmt: str, bom: bool,
             issuer: str | None, year: int | None) -> None:
    """Each indicator's target year by year across reports (INPUT: report files, annotated .xml, or folders)."""

    fmt = output_format(out, fmt)
    prefix = csv_prefix(fmt, bom)

    def body() -> None:
        from .render import timeline as render
        from .reading.ingest import display_name
        from .corpus.series import timeline as build, unidentified

        files = expand_folders(inputs)
        read, failed = read_each(files, issuer, year)
        reports = [(display_name(f), r) for f, r in read]
        points = build(reports, indicator=indicator)
        for f, missing in unidentified(reports):
            click.echo(f"annotate: warning: {f}: {missing}; listed as unidentified in the timeline", err=True)
        if indicator and not points:
            known = sorted({t.indicator for _f, r in reports for t in r.targets if t.indicator})
            click.echo(f"annotate: warning: no report sets a target for {indicator}; "
                       f"ids found: {', '.join(known) or 'none'}", err=True)
        elif not points:  # e.g. Hong Kong policy addresses: no targets block, so no series
            click.echo("annotate: warning: none of the reports sets a target with a known indicator; "
                       "the timeline is empty", err=True)
        payload = {"json": render.to_json, "csv": render.to_csv, "html": render.render_html}[fmt](points)
        write_output(out, prefix + payload, files)
        if failed:
            sys.exit(1)

    run_guarded(body)


@main.command()
@click.argument("plan", type=str)
@click.argument("result", type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "html"]), default="json", show_default=True,
              help="Output format; when not given, the suffix of -o chooses it (x.csv: csv).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="html: language of the headings, columns, verdicts and statuses.")
@bom_option()
@identity_options
def scorecard(plan: str, result: str, out: str | None, fmt: str, lang: str, bom: bool, issuer: str | None,
              year: int | None) -> None:
    """PLAN's targets and commitments against what RESULT (the next year's report) says was achieved."""

    fmt = output_format(out, fmt)
    prefix = csv_prefix(fmt, bom)

    def body() -> None:
        from .render import scorecard as render
        from .reading.ingest import display_name
        from .corpus.scorecard import scorecard as build

        if plan == "-" and result == "-":
            raise click.UsageError("only one of PLAN and RESULT can be - (stdin)")
        card = build(*read_reports([plan, result], issuer, year), display_name(plan), display_name(result))
        for w in card.warnings:
            click.echo(f"annotate: warning: {w}", err=True)
        payload = render.render_html(card, lang) if fmt == "html" else {"json": render.to_json, "csv": render.to_csv}[fmt](card)
        write_output(out, prefix + payload, [plan, result])

    run_guarded(body)


def load_corpus(paths: tuple[str, ...], jobs: int | None, scheduler: str | None, cache: str | None):
    """Read a corpus for a multi-report command; what was left out is said on stderr."""
    from .corpus import Corpus
    from .reading.ingest import display_name  # a file name that is not text is escaped, as everywhere

    corpus = Corpus.from_paths(list(paths), jobs=jobs, scheduler=scheduler, cache_dir=cache)
    corpus.require_reports(paths)
    for e in corpus.entries:
        for w in e.report.meta.identity_warnings:
            click.echo(f"annotate: warning: {display_name(e.file)}: {w}", err=True)
    for e, missing in corpus.unidentified():
        click.echo(f"annotate: warning: {display_name(e.file)}: {missing}; listed, but in no pair "
                   "(give a report.meta.json beside it)", err=True)
    for e in corpus.duplicates():
        click.echo(f"annotate: warning: {display_name(e.file)}: another file of {e.label} came first; this one is in no pair",
                   err=True)
    for old, new in corpus.pairs():
        if old.year is not None and new.year is not None and new.year - old.year > 1:
            # consecutive in this corpus, not year on year: a reader must not take 1995 → 2015 for one step
            click.echo(f"annotate: note: {new.issuer}: {old.year} → {new.year} are consecutive reports here, "
                       f"{new.year - old.year} years apart", err=True)
    for f in corpus.ignored:
        click.echo(f"annotate: note: {display_name(f)}: not a report format, not read", err=True)
    for _f, error in corpus.failed:
        click.echo(f"annotate: {error}", err=True)
    return corpus


def corpus_options(fn: Callable) -> Callable:
    """``--jobs``, ``--scheduler`` and ``--cache``: how a multi-report command annotates its inputs."""
    fn = click.option("--cache", type=str, default=None,
                      help="Keep annotated reports in this folder and reuse them on the next run.")(fn)
    fn = click.option("--scheduler", type=str, default=None,
                      help="Annotate on a Dask cluster (tcp://host:8786) instead of local processes.")(fn)
    return click.option("--jobs", type=click.IntRange(min=1), default=None,
                        help="Local worker processes (default: CPU count).")(fn)


@main.command()
@click.argument("paths", metavar="PATH...", nargs=-1, required=True, type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "html"]), default="csv", show_default=True,
              help="Output format; when not given, the suffix of -o chooses it (x.csv: csv).")
@click.option("--indicator", multiple=True, help="Only this indicator id (gdp_growth); repeat for several.")
@click.option("--change", multiple=True, type=click.Choice(TARGET_CHANGE_LABELS),
              help="Only this change; repeat for several.")
@click.option("--issuer", type=str, default=None, help="Only issuers whose name or region contains this (湖南).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the HTML table's labels.")
@bom_option()
@corpus_options
def changes(paths: tuple[str, ...], out: str | None, fmt: str, indicator: tuple[str, ...], change: tuple[str, ...],
            issuer: str | None, lang: str, bom: bool, jobs: int | None, scheduler: str | None,
            cache: str | None) -> None:
    """Every target change between consecutive years of each issuer (PATH: report files or folders)."""

    fmt = output_format(out, fmt)
    prefix = csv_prefix(fmt, bom)

    def body() -> None:
        from .render import changes as render

        from .corpus import filter_rows

        corpus = load_corpus(paths, jobs, scheduler, cache)
        every = corpus.changes()
        unknown = sorted(set(indicator) - {r.indicator for r in every})
        if unknown:  # a typo (gdp_grwoth) must not look like "no changes"
            known = sorted({r.indicator for r in every if r.indicator})
            click.echo(f"annotate: warning: no target of these reports has the indicator {', '.join(unknown)}; "
                       f"ids found: {', '.join(known) or 'none'}", err=True)
        if issuer and not filter_rows(every, issuer=issuer):  # 湖南 matched nothing: say so, list what is there
            names = sorted(corpus.issuers())
            click.echo(f"annotate: warning: no issuer of these reports matches --issuer {issuer}; "
                       f"issuers found: {', '.join(names) or 'none'}", err=True)
        rows = filter_rows(every, indicator=indicator, change=change, issuer=issuer)
        payload = {"csv": render.to_csv, "json": render.to_json}[fmt](rows) if fmt != "html" \
            else render.render_html(rows, lang)
        write_output(out, prefix + payload)
        if corpus.failed:
            sys.exit(1)

    run_guarded(body)


@main.command()
@click.argument("paths", metavar="PATH...", nargs=-1, required=True, type=str)
@click.option("-o", "--output", "out_dir", type=str, required=True, help="Folder for the site (index.html …).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the interface (report text is shown as written).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Local worker processes (default: CPU count).")
@click.option("--scheduler", type=str, default=None, help="Run on a Dask cluster (tcp://host:8786) instead.")
@click.option("--force", is_flag=True, help="Rebuild every page, not only what changed.")
def site(paths: tuple[str, ...], out_dir: str, lang: str, jobs: int | None, scheduler: str | None, force: bool) -> None:
    """Build a static, searchable site over the reports in PATH... (files or folders) into a folder."""

    def body() -> None:
        from .reading.ingest import display_name
        from .render.site import build_site

        res = build_site(list(paths), out_dir, lang=lang, jobs=jobs, scheduler=scheduler, force=force,
                         progress=lambda msg: click.echo(f"annotate: {msg}", err=True))
        click.echo(f"annotate: {res.reports} reports ({res.annotated} annotated, the rest cached); "
                   f"{len(res.written)} pages written, {res.kept} up to date ({res.seconds:.1f} s); "
                   f"open {Path(out_dir) / 'index.html'}", err=True)
        for _f, error in res.failed:
            click.echo(f"annotate: {error}", err=True)
        for f in res.ignored:
            click.echo(f"annotate: note: {display_name(f)}: not a report format, not read", err=True)
        if res.failed:
            sys.exit(1)

    run_guarded(body)


@main.command()
@click.argument("in_dir", type=str)
@click.option("-o", "--output", "out_dir", type=str, required=True, help="Folder for the annotated files.")
@click.option("--format", "fmt", type=click.Choice(["xml", "json"]), default="xml", show_default=True,
              help="Format of each annotated file; index.json and index.csv list them all.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Local worker processes (default: CPU count).")
@click.option("--scheduler", type=str, default=None, help="Run on a Dask cluster (tcp://host:8786) instead.")
@click.option("--force", is_flag=True, help="Redo outputs that are already up to date.")
@bom_option("index.csv")
@pdf_options
def batch(in_dir: str, out_dir: str, fmt: str, jobs: int | None, scheduler: str | None, force: bool,
          bom: bool) -> None:
    """Annotate every report in IN_DIR into the folder -o names; bad files are listed at the end (exit 1)."""

    def body() -> None:
        import contextlib
        import signal

        from .corpus.batch import run_batch
        from .reading.ingest import display_name

        bar_cm = (click.progressbar(length=1, label="annotating", file=sys.stderr, show_pos=True,
                                    item_show_func=lambda name: name or "")
                  if sys.stderr.isatty() else contextlib.nullcontext(None))
        with bar_cm as bar:
            def progress(done: int, total: int, name: str) -> None:
                if bar is not None:
                    bar.length = total
                    bar.current_item = name
                    bar.update(done - bar.pos)

            # SIGTERM stops a batch as Ctrl-C does: finished outputs are kept and recorded
            previous = signal.signal(signal.SIGTERM, _raise_interrupt)
            try:
                res = run_batch(in_dir, out_dir, fmt=fmt, jobs=jobs, scheduler=scheduler, force=force,
                                progress=progress, bom=bom)
            except KeyboardInterrupt:
                click.echo(f"\nannotate: interrupted; the outputs finished so far are kept and recorded in "
                           f"{display_name(out_dir)}/.annotate-batch.json: run the same command to resume", err=True)
                # The manifest is written and the lock released by now.  A normal exit would join
                # the process pool's manager thread, which can wait forever on workers stopped
                # mid-task (seen once in CI): leave at once instead.
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(130)
            finally:
                signal.signal(signal.SIGTERM, previous)
        click.echo(f"annotate: {len(res.written)} written, {len(res.skipped)} up to date, {len(res.failed)} failed "
                   f"({res.seconds:.1f} s)", err=True)
        for _src, error in res.failed:
            click.echo(f"  {display_name(error)}", err=True)
        for entry, why in res.ignored:
            click.echo(f"annotate: note: {display_name(entry)}: {why}", err=True)
        if res.failed:
            sys.exit(1)

    run_guarded(body)


if __name__ == "__main__":
    main()
