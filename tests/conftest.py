"""Shared fixtures: the corpus folder beside the checkout (tests using it skip when absent)."""

from __future__ import annotations

from pathlib import Path

import os
import shutil
import tempfile

import pytest
from hypothesis import settings

# Property tests run the same examples on every run, so CI never fails on a newly drawn case
# that nobody can see; explore with ANNOTATE_HYPOTHESIS=explore (fresh random examples, more
# of them) and turn what it finds into a named regression test.
# No deadline: a time limit per example is a timing threshold, and a first example that loads a
# lexicon on a loaded machine once took 266 ms against hypothesis's default 200 ms.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("ANNOTATE_HYPOTHESIS", "ci"))

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "tongzhou-2021-plan-report.md"


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".md", ".html", ".htm", ".docx"})


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    return CORPUS


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip("../shared/corpus is absent")
    return SEED


def open_page(browser, url: str, width: int = 1280):
    """A playwright page at ``url`` that records console errors and warnings, page errors and
    dialogs (dismissed), so a test can assert that a page ran cleanly: (page, problems, dialogs)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    return page, problems, dialogs


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def chromium():
    """Headless Debian Chromium driven by playwright, for one test module; skips, saying why,
    when either is missing (.ci/run installs both)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    if CHROMIUM is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def as_shown(browser, page_html: str):
    """The redline ``page_html`` as the browser holds it once the page's script has run and the
    side-by-side view has been shown (then the inline view again), parsed by lxml: for tests of
    what the script builds (side-by-side rows, fold buttons).  A script error fails the test."""
    from lxml import html as lxml_html

    with tempfile.TemporaryDirectory(prefix="annotate-test-") as tmp:
        path = Path(tmp) / "redline.html"
        path.write_text(page_html, encoding="utf-8")
        page, problems, dialogs = open_page(browser, path.as_uri())
        page.click("button[data-view=sbs]")
        page.click("button[data-view=inline]")
        dom = page.content()
        page.close()
    assert problems == [] and dialogs == []
    return lxml_html.fromstring(dom)
