"""Click wiring only: every command calls the Python API and writes its output atomically.

Exit status: 0 success; 1 bad input (one line on stderr naming the file and the problem);
2 usage error (click's own).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

import click

from .errors import AnnotateError


def write_output(out: str | None, payload: str | bytes | Callable[[BinaryIO], None]) -> None:
    """Write to ``out`` atomically (temp file + rename), or to stdout when ``out`` is None/``-``;
    a device or pipe named by ``out`` is written into as it is.

    ``payload`` may be a function that writes to a binary file (large outputs, never held whole).
    """
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
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output file is an ordinary file
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    except (KeyboardInterrupt, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:  # a bug must not become a traceback for the user ...
        if os.environ.get("ANNOTATE_DEBUG"):  # ... unless a developer asks for it
            raise
        click.echo(f"annotate: internal error ({type(exc).__name__}: {exc}); "
                   "please report it with the input file (ANNOTATE_DEBUG=1 shows the traceback)", err=True)
        sys.exit(1)


def identity_options(fn: Callable) -> Callable:
    """``--issuer`` and ``--year``: what the user says the report is, over what its text says."""
    fn = click.option("--year", type=int, default=None,
                      help="The year the report is for (one report; several: a report.meta.json beside each).")(fn)
    return click.option("--issuer", type=str, default=None,
                        help="The issuing body, e.g. 湖南省人民政府 (applies to every report read).")(fn)


def read_reports(paths: tuple[str, ...] | list[str], issuer: str | None, year: int | None) -> list:
    """Annotate each path with the user's identity hints; identity warnings go to stderr."""
    from . import pipeline
    from .identity import Hints

    if year is not None and len(paths) > 1:
        raise click.UsageError("--year names the year of one report; for several, write a report.meta.json "
                               'beside each file ({"year": 2026})')
    hints = Hints(source="override", issuer=issuer, year=year) if issuer or year is not None else None
    reports = []
    for p in paths:
        report = pipeline.tag(p, hints=hints)
        for w in report.meta.identity_warnings:
            click.echo(f"annotate: warning: {p}: {w}", err=True)
        reports.append(report)
    return reports


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="annotate")
def main() -> None:
    """Annotate Chinese government annual reports and compare them year on year."""


@main.command()
@click.argument("input", type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["xml", "json"]), default="xml", show_default=True)
@identity_options
def tag(input: str, out: str | None, fmt: str, issuer: str | None, year: int | None) -> None:
    """Parse and annotate one report (INPUT: .txt .md .html .docx .xml, or - for stdin)."""

    def body() -> None:
        (report,) = read_reports([input], issuer, year)
        if fmt == "json":
            from .export import dumps, report_to_json

            write_output(out, dumps(report_to_json(report)))
        else:
            from .xml.writer import write_xml

            write_output(out, write_xml(report))

    run_guarded(body)


@main.command()
@click.argument("files", nargs=-1, required=True, type=str)
def validate(files: tuple[str, ...]) -> None:
    """Check annotated XML files (reports or comparisons) against the RelaxNG schemas."""

    def body() -> None:
        from .xml.validate import validate_file

        invalid = 0
        for f in files:  # check every file, one line each; exit 1 if any is invalid
            try:
                validate_file(f)
            except AnnotateError as exc:
                click.echo(f"annotate: {exc.message}", err=True)
                invalid += 1
            else:
                click.echo(f"{f}: valid")
        if invalid:
            sys.exit(1)

    run_guarded(body)


@main.command()
@click.argument("old", type=str)
@click.argument("new", type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["json", "xml", "text"]), default="json", show_default=True)
@click.option("--ignore-punctuation", is_flag=True, help="Do not report edits that only change punctuation.")
@click.option("--ignore-width/--respect-width", default=True, show_default=True,
              help="Treat full-width and half-width forms (８％ and 8%) as the same.")
@click.option("--granularity", type=click.Choice(["word", "char"]), default="word", show_default=True,
              help="Diff words (numbers with units stay whole) or single characters.")
@identity_options
def diff(old: str, new: str, out: str | None, fmt: str, ignore_punctuation: bool, ignore_width: bool,
         granularity: str, issuer: str | None, year: int | None) -> None:
    """Compare two reports (OLD, NEW: report files or annotated .xml): targets first, then edits."""

    def body() -> None:
        from .compare import compare

        if old == "-" and new == "-":
            raise click.UsageError("only one of OLD and NEW can be - (stdin)")
        c = compare(*read_reports([old, new], issuer, year), ignore_punctuation=ignore_punctuation,
                    ignore_width=ignore_width, granularity=granularity)
        if fmt == "json":
            from .export import dump
            from .render.comparison_json import comparison_to_json

            data = comparison_to_json(c)
            del c  # the reports are not needed to write the JSON
            write_output(out, lambda fh: dump(data, fh))
        elif fmt == "xml":
            from .xml.comparison import write_comparison_xml

            write_output(out, write_comparison_xml(c))
        else:
            from .render.text import render_text

            write_output(out, render_text(c))

    run_guarded(body)


@main.command()
@click.argument("old", type=str)
@click.argument("new", type=str)
@click.option("-o", "--output", "out", type=str, required=True, help="The HTML file to write.")
@click.option("--ignore-punctuation", is_flag=True, help="Do not mark edits that only change punctuation.")
@click.option("--granularity", type=click.Choice(["word", "char"]), default="word", show_default=True)
@identity_options
def redline(old: str, new: str, out: str, ignore_punctuation: bool, granularity: str, issuer: str | None,
            year: int | None) -> None:
    """Write a self-contained HTML redline of OLD → NEW (open it in a browser)."""

    def body() -> None:
        from .compare import compare
        from .render.html import render_redline

        if old == "-" and new == "-":
            raise click.UsageError("only one of OLD and NEW can be - (stdin)")
        c = compare(*read_reports([old, new], issuer, year), ignore_punctuation=ignore_punctuation,
                    granularity=granularity)
        write_output(out, render_redline(c))

    run_guarded(body)


@main.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@identity_options
def targets(inputs: tuple[str, ...], out: str | None, fmt: str, issuer: str | None, year: int | None) -> None:
    """The targets each report sets for its year (INPUT: report files or annotated .xml)."""

    def body() -> None:
        from .render.targets import target_rows, to_csv, to_json

        rows = []
        for f, report in zip(inputs, read_reports(inputs, issuer, year)):
            rows.extend(target_rows(report, f))
        write_output(out, to_json(rows) if fmt == "json" else to_csv(rows))

    run_guarded(body)


@main.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=str)
@click.option("--indicator", type=str, default=None, help="Only this canonical indicator id (e.g. gdp_growth).")
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "html"]), default="json", show_default=True)
@identity_options
def timeline(inputs: tuple[str, ...], indicator: str | None, out: str | None, fmt: str, issuer: str | None,
             year: int | None) -> None:
    """Each indicator's target year by year across reports (INPUT: report files or annotated .xml)."""

    def body() -> None:
        from .render import timeline as render
        from .series import timeline as build, unidentified

        reports = list(zip(inputs, read_reports(inputs, issuer, year)))
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
        write_output(out, payload)

    run_guarded(body)


@main.command()
@click.argument("plan", type=str)
@click.argument("result", type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "html"]), default="json", show_default=True)
@identity_options
def scorecard(plan: str, result: str, out: str | None, fmt: str, issuer: str | None, year: int | None) -> None:
    """PLAN's targets and commitments against what RESULT (the next year's report) says was achieved."""

    def body() -> None:
        from .render import scorecard as render
        from .scorecard import scorecard as build

        if plan == "-" and result == "-":
            raise click.UsageError("only one of PLAN and RESULT can be - (stdin)")
        card = build(*read_reports([plan, result], issuer, year), plan, result)
        for w in card.warnings:
            click.echo(f"annotate: warning: {w}", err=True)
        payload = {"json": render.to_json, "csv": render.to_csv, "html": render.render_html}[fmt](card)
        write_output(out, payload)

    run_guarded(body)


@main.command()
@click.argument("in_dir", type=str)
@click.option("-o", "--output", "out_dir", type=str, required=True, help="Folder for the annotated files.")
@click.option("--format", "fmt", type=click.Choice(["xml", "json"]), default="xml", show_default=True)
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Local worker processes (default: CPU count).")
@click.option("--scheduler", type=str, default=None, help="Run on a Dask cluster (tcp://host:8786) instead.")
@click.option("--force", is_flag=True, help="Redo outputs that are already up to date.")
def batch(in_dir: str, out_dir: str, fmt: str, jobs: int | None, scheduler: str | None, force: bool) -> None:
    """Annotate every report in IN_DIR into OUT_DIR; bad files are listed at the end (exit 1)."""

    def body() -> None:
        import contextlib

        from .batch import run_batch

        bar_cm = (click.progressbar(length=1, label="annotating", file=sys.stderr, show_pos=True,
                                    item_show_func=lambda name: name or "")
                  if sys.stderr.isatty() else contextlib.nullcontext(None))
        with bar_cm as bar:
            def progress(done: int, total: int, name: str) -> None:
                if bar is not None:
                    bar.length = total
                    bar.current_item = name
                    bar.update(done - bar.pos)

            res = run_batch(in_dir, out_dir, fmt=fmt, jobs=jobs, scheduler=scheduler, force=force, progress=progress)
        click.echo(f"annotate: {len(res.written)} written, {len(res.skipped)} up to date, {len(res.failed)} failed "
                   f"({res.seconds:.1f} s)", err=True)
        for _src, error in res.failed:
            click.echo(f"  {error}", err=True)
        if res.failed:
            sys.exit(1)

    run_guarded(body)


if __name__ == "__main__":
    main()
