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
