"""Click wiring only: every command calls the Python API and writes its output atomically.

Exit status: 0 success; 1 bad input (one line on stderr naming the file and the problem);
2 usage error (click's own).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Callable

import click

from .errors import AnnotateError


def write_output(out: str | None, payload: str | bytes) -> None:
    """Write to ``out`` atomically (temp file + rename), or to stdout when ``out`` is None/``-``."""
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    if out is None or out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(out)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise AnnotateError(out, "output folder does not exist", "create it first or choose another -o path")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="annotate")
def main() -> None:
    """Annotate Chinese government annual reports and compare them year on year."""


@main.command()
@click.argument("input", type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["xml", "json"]), default="xml", show_default=True)
def tag(input: str, out: str | None, fmt: str) -> None:
    """Parse and annotate one report (INPUT: .txt .md .html .docx .xml, or - for stdin)."""

    def body() -> None:
        from . import pipeline

        report = pipeline.tag(input)
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
def diff(old: str, new: str, out: str | None, fmt: str, ignore_punctuation: bool, ignore_width: bool,
         granularity: str) -> None:
    """Compare two reports (OLD, NEW: report files or annotated .xml): targets first, then edits."""

    def body() -> None:
        from . import pipeline
        from .compare import compare

        if old == "-" and new == "-":
            raise click.UsageError("only one of OLD and NEW can be - (stdin)")
        c = compare(pipeline.tag(old), pipeline.tag(new), ignore_punctuation=ignore_punctuation,
                    ignore_width=ignore_width, granularity=granularity)
        if fmt == "json":
            from .export import dumps
            from .render.comparison_json import comparison_to_json

            write_output(out, dumps(comparison_to_json(c)))
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
def redline(old: str, new: str, out: str, ignore_punctuation: bool, granularity: str) -> None:
    """Write a self-contained HTML redline of OLD → NEW (open it in a browser)."""

    def body() -> None:
        from . import pipeline
        from .compare import compare
        from .render.html import render_redline

        if old == "-" and new == "-":
            raise click.UsageError("only one of OLD and NEW can be - (stdin)")
        c = compare(pipeline.tag(old), pipeline.tag(new), ignore_punctuation=ignore_punctuation,
                    granularity=granularity)
        write_output(out, render_redline(c))

    run_guarded(body)


@main.command()
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True, type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Output file (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
def targets(inputs: tuple[str, ...], out: str | None, fmt: str) -> None:
    """The targets each report sets for its year (INPUT: report files or annotated .xml)."""

    def body() -> None:
        from . import pipeline
        from .render.targets import target_rows, to_csv, to_json

        rows = []
        for f in inputs:
            rows.extend(target_rows(pipeline.tag(f), f))
        write_output(out, to_json(rows) if fmt == "json" else to_csv(rows))

    run_guarded(body)


if __name__ == "__main__":
    main()
