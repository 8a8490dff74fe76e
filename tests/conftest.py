"""Shared fixtures: the corpus folder beside the checkout (tests using it skip when absent)."""

from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import settings

# Property tests run the same examples on every run, so CI never fails on a newly drawn case
# that nobody can see; explore with ANNOTATE_HYPOTHESIS=explore (fresh random examples, more
# of them) and turn what it finds into a named regression test.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=1000)
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
