"""HTML → PDF by headless Chromium (the redline as reviewers attach it).

Contract: :func:`chromium_path` names the browser to use (``$ANNOTATE_CHROMIUM``, else
``chromium``/``chromium-browser``/``google-chrome`` on PATH) or None; :func:`html_to_pdf` prints
a complete HTML document to PDF bytes with it, and raises :class:`~annotate.errors.AnnotateError`
naming ``file`` when no browser is installed or printing fails.  The page is loaded from a
temporary file with networking off: the redline is self-contained, nothing needs fetching.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from ..errors import AnnotateError

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> Optional[str]:
    """The headless browser to print with, or None when none is installed."""
    given = os.environ.get("ANNOTATE_CHROMIUM")
    if given:
        return shutil.which(given) or (given if Path(given).is_file() else None)
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(page: str, file: str, timeout: float = 180.0) -> bytes:
    """Print ``page`` (an HTML document) to PDF; ``file`` names the output in error messages."""
    browser = chromium_path()
    if browser is None:
        raise AnnotateError(file, "--format pdf needs headless Chromium, which is not installed",
                            "install it (Debian: apt-get install chromium), or write --format html and print it "
                            "from a browser")
    with tempfile.TemporaryDirectory(prefix="annotate-pdf-") as tmp:
        src = Path(tmp) / "redline.html"
        out = Path(tmp) / "redline.pdf"
        src.write_text(page, encoding="utf-8")
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer",
               f"--print-to-pdf={out}", src.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise AnnotateError(file, f"Chromium could not print the redline ({exc})",
                                "write --format html and print it from a browser") from None
        if not out.is_file() or out.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
            raise AnnotateError(file, f"Chromium could not print the redline ({tail[0]})",
                                "write --format html and print it from a browser")
        return out.read_bytes()
