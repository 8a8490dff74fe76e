"""The HTML redline in a real browser (headless Debian Chromium driven by playwright).

Skipped, with the reason, when playwright or /usr/bin/chromium is missing (.ci/run installs
both).  The screenshot lands in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotate.cli import main
from conftest import open_page as conftest_open_page

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
OLD = EXAMPLES / "national-2023-gov-work-report.txt"
NEW = EXAMPLES / "national-2024-gov-work-report.txt"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (apt-get install chromium)"),
]

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


def open_page(browser, path: Path):
    return conftest_open_page(browser, path.as_uri())


@pytest.fixture(scope="module")
def real_pair(tmp_path_factory):
    out = tmp_path_factory.mktemp("redline")
    runner = CliRunner()
    r = runner.invoke(main, ["redline", str(OLD), str(NEW), "-o", str(out / "redline.html")])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["diff", str(OLD), str(NEW), "--format", "json", "-o", str(out / "diff.json")])
    assert r.exit_code == 0, r.output
    return out / "redline.html", json.loads((out / "diff.json").read_text(encoding="utf-8"))


def test_real_pair_loads_counts_navigation_filters_side_by_side(browser, real_pair):
    html_path, comparison = real_pair
    page, problems, dialogs = open_page(browser, html_path)
    assert problems == [] and dialogs == []

    # the counts shown are the comparison's
    by_kind: dict[str, int] = {}
    for ch in comparison["changes"]:
        by_kind[ch["kind"]] = by_kind.get(ch["kind"], 0) + 1
    shown = page.eval_on_selector_all(
        ".summary li", "els => Object.fromEntries(els.map(e => [e.dataset.kind, +e.querySelector('.n').textContent]))")
    assert shown["all"] == len(comparison["changes"])
    for kind in ("inserted", "deleted", "replaced", "moved", "number_changed", "modality_changed"):
        assert shown[kind] == by_kind.get(kind, 0), kind
    rows = page.eval_on_selector_all("table.targets tbody tr", "els => els.map(e => e.dataset.change)")
    assert rows == [t["change"] for t in comparison["target_changes"]]
    # direction is spelled out, not colour alone
    assert "qualifier changed" in page.inner_text("table.targets")

    # n moves focus to the next change, in document order; p goes back
    page.keyboard.press("n")
    first = page.evaluate("document.activeElement.dataset.chg")
    assert first is not None
    page.keyboard.press("n")
    second = page.evaluate("document.activeElement.dataset.chg")
    assert second is not None and second != first
    follows = page.evaluate(
        "([a, b]) => !!(document.querySelector(`#view-inline [data-chg='${a}']`).compareDocumentPosition("
        "document.querySelector(`#view-inline [data-chg='${b}']`)) & Node.DOCUMENT_POSITION_FOLLOWING)",
        [first, second])
    assert follows
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.dataset.chg") == first
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "redline-inline.png"))

    # a filter hides the other kinds: keep only numbers
    for key in ("targets", "commitments", "wording", "moves", "insdel"):
        page.uncheck(f"#f-{key}")
    visible_kinds = page.evaluate(
        "[...document.querySelectorAll('#view-inline del.chg')].filter(e => e.getClientRects().length)"
        ".map(e => e.dataset.kind)")
    assert set(visible_kinds) <= {"number_changed"}
    assert by_kind.get("number_changed", 0) == 0 or "number_changed" in visible_kinds
    # a hidden kind's insertions read as plain text: no underline, no background (ins.chg used
    # to out-rank the filter's rule, so hidden insertions stayed marked)
    marked = page.evaluate(
        "[...document.querySelectorAll('#view-inline ins.chg:not([data-kind=number_changed])')]"
        ".filter(e => { const s = getComputedStyle(e); return s.textDecorationLine.includes('underline')"
        " || s.backgroundColor !== 'rgba(0, 0, 0, 0)'; }).length")
    assert marked == 0
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.dataset.kind") == "number_changed"
    for key in ("targets", "commitments", "wording", "moves", "insdel"):
        page.check(f"#f-{key}")
    assert page.inner_text("#position") == ""  # no stale "change 1 of 8" from the filtered list

    # side by side: old and new of every aligned pair sit on one row
    page.click("button[data-view=sbs]")
    assert page.is_hidden("#view-inline") and page.is_visible("#view-sbs")
    tops = page.evaluate(
        "[...document.querySelectorAll('#view-sbs tr.r-match')].slice(0, 40).map(r => "
        "[r.querySelector('td.old').getBoundingClientRect().top, r.querySelector('td.new').getBoundingClientRect().top])")
    assert len(tops) >= 20 and all(abs(a - b) < 1 for a, b in tops)
    page.evaluate("document.querySelectorAll('#view-sbs tr.r-match')[12].scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / "redline-side-by-side.png"))
    assert problems == []
    page.close()


HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> &amp;'


def test_hostile_report_text_is_shown_literally_and_runs_nothing(browser, tmp_path, seed_text_pair):
    old_text, new_text = seed_text_pair
    (tmp_path / "old.txt").write_text(old_text, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new_text, encoding="utf-8")
    r = CliRunner().invoke(main, ["redline", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"),
                                  "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 0, r.output
    page, problems, dialogs = open_page(browser, tmp_path / "x.html")
    page.wait_for_timeout(200)
    assert dialogs == []
    text = page.inner_text("#view-inline")
    assert "<script>alert(1)</script>" in text
    assert '"><img src=x onerror=alert(2)>' in text
    assert "&amp;" in text
    assert page.evaluate("document.querySelectorAll('main img').length") == 0
    assert page.evaluate("document.scripts.length") == 1  # only the page's own
    # the side-by-side view the script builds shows it as text too, in both columns
    page.click("button[data-view=sbs]")
    page.wait_for_timeout(200)
    for column in ("old", "new"):
        cells = page.evaluate(f"[...document.querySelectorAll('#view-sbs td.{column}')].map(e => e.innerText).join('')")
        assert ('"><img src=x onerror=alert(2)>' in cells) == (column == "new")
    assert dialogs == [] and page.evaluate("document.querySelectorAll('main img').length") == 0
    assert not [p for p in problems if "pageerror" in p]
    page.close()


@pytest.fixture
def seed_text_pair() -> tuple[str, str]:
    """A small real-looking report pair; the new one carries hostile text in a changed sentence."""
    base = OLD.read_text(encoding="utf-8")
    paragraphs = base.split("\n")
    old = "\n".join(paragraphs[:60])
    i = next(k for k, p in enumerate(paragraphs[:60]) if len(p) > 80)
    hostile = paragraphs[:60]
    hostile[i] = hostile[i][:40] + HOSTILE + hostile[i][40:]
    return old, "\n".join(hostile)


def test_moves_linked_tips_and_200_percent_zoom(browser, real_pair):
    html_path, comparison = real_pair
    page, problems, _ = open_page(browser, html_path)
    # every move is marked at both places, each marker linking to the other
    moves = {ch["move_id"] for ch in comparison["changes"] if ch["kind"] == "moved"}
    for mid in moves:
        assert page.get_attribute(f"#move-to-{mid}", "href") == f"#move-from-{mid}"
        assert page.get_attribute(f"#move-from-{mid}", "href") == f"#move-to-{mid}"
    # a quantity shows its normalized value and indicator when focused (keyboard, not only hover)
    tip = page.evaluate(
        "(() => { const q = [...document.querySelectorAll('#view-inline .qty')].find(e => "
        "e.textContent === '5%左右' && e.dataset.tip.includes('indicator GDP growth')); q.focus(); "
        "return [document.activeElement === q, q.dataset.tip, getComputedStyle(q, '::after').content]; })()")
    assert tip[0] and "value 5 %" in tip[1] and "qualifier about" in tip[1] and "indicator GDP growth" in tip[1]
    assert "GDP growth" in tip[2]
    # 200% zoom of a 1280 px window = a 640 px layout: nothing runs off to the side
    page.set_viewport_size({"width": 640, "height": 900})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    assert problems == []
    page.close()


def _in_viewport(page, element_id: str) -> bool:
    """Whether the element (or, for an empty anchor, its parent) is on screen."""
    return page.evaluate(
        "id => { let e = document.getElementById(id); if (!e.getClientRects().length || !e.offsetHeight) "
        "e = e.parentNode; const r = e.getBoundingClientRect(); "
        "return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight; }", element_id)


def _reads(page, element_id: str, drop: str) -> str:
    """The text of the element's parent as one side reads it (``drop`` the other side's marks)."""
    return page.evaluate(
        "([id, drop]) => { const c = document.getElementById(id).parentNode.cloneNode(true); "
        "c.querySelectorAll(drop + ', .sr').forEach(e => e.remove()); return c.textContent; }", [element_id, drop])


def test_outline_links_land_in_both_views(browser, real_pair):
    html_path, _ = real_pair
    page, problems, _ = open_page(browser, html_path)
    link = page.locator("nav.outline li.o-h3 a").nth(3)
    anchor = link.get_attribute("href")[1:]
    link.click()
    assert _in_viewport(page, anchor)
    page.evaluate("window.scrollTo(0, 0)")
    page.click("button[data-view=sbs]")
    link.click()
    # the side-by-side view stays, and its row for that heading is on screen
    assert page.is_visible("#view-sbs") and page.is_hidden("#view-inline")
    assert _in_viewport(page, f"sbs-{anchor}")
    heading = page.evaluate(f"document.getElementById('{anchor}').textContent")
    row = page.evaluate(f"document.getElementById('sbs-{anchor}').closest('tr').querySelector('td.new').textContent")
    assert heading.strip()[:6] in row
    assert problems == []
    page.close()


def _halves_shown(page, selector: str) -> list[str]:
    """The ``data-half`` of the elements matching ``selector`` that are displayed."""
    return page.evaluate(f"[...document.querySelectorAll('{selector}')]"
                         ".filter(e => e.getClientRects().length).map(e => e.dataset.half)")


def test_review_plan_switch(browser, real_pair):
    html_path, comparison = real_pair
    page, problems, _ = open_page(browser, html_path)
    review_label = page.inner_text("button[data-half=review]")
    n_review = int(review_label.split("(")[1].rstrip(")"))
    n_plan = int(page.inner_text("button[data-half=plan]").split("(")[1].rstrip(")"))
    assert n_review > 50 and n_plan > 50 and n_review + n_plan == len(comparison["changes"])
    page.click("button[data-half=review]")
    shown = _halves_shown(page, "#view-inline > [data-half]")
    assert shown and set(shown) == {"review"}
    assert "2023年工作回顾" in page.inner_text("#view-inline")
    assert "政府工作任务" not in page.inner_text("#view-inline")
    page.keyboard.press("n")
    assert page.inner_text("#position").startswith("change 1 of ")
    stops = int(page.inner_text("#position").split(" of ")[1].split(":")[0])
    assert 0 < stops <= n_review
    page.click("button[data-half=plan]")
    shown = _halves_shown(page, "#view-inline > [data-half]")
    assert set(shown) == {"plan"} and "政府工作任务" in page.inner_text("#view-inline")
    page.click("button[data-view=sbs]")  # the switch holds in the side-by-side view too
    rows = _halves_shown(page, "#view-sbs tbody tr")
    assert rows and set(rows) == {"plan"}
    page.click("button[data-half=all]")
    assert page.evaluate("document.body.hasAttribute('data-half')") is False
    assert problems == []
    page.close()


def test_wholly_inserted_or_deleted_paragraphs_fold_to_one_line(browser, real_pair):
    html_path, _ = real_pair
    page, problems, _ = open_page(browser, html_path)
    folds = page.locator("#view-inline p.fold")
    assert folds.count() >= 5
    first = folds.first
    line = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)")
    closed = first.bounding_box()["height"]
    assert closed < 2 * line
    assert page.evaluate("(() => { const p = document.querySelector('#view-inline p.fold'); "
                         "return p.scrollWidth > p.clientWidth; })()")
    first.locator(".fold-btn").click()
    assert first.locator(".fold-btn").get_attribute("aria-expanded") == "true"
    assert first.bounding_box()["height"] > 1.5 * closed
    first.locator(".fold-btn").click()
    assert first.bounding_box()["height"] == closed
    # going to a change inside a folded paragraph opens it
    chg = page.evaluate("document.querySelector('#view-inline p.fold:not(.open) [data-chg]').dataset.chg")
    for _ in range(400):
        page.keyboard.press("n")
        if page.evaluate("document.activeElement.dataset.chg") == chg:
            break
    assert page.evaluate("document.activeElement.closest('p.fold').classList.contains('open')")
    assert problems == []
    page.close()


def test_target_rows_link_to_their_sentences_on_both_sides(browser, real_pair):
    html_path, _ = real_pair
    page, problems, _ = open_page(browser, html_path)
    row = "table.targets tr[data-change=qualifier_changed]"
    assert "1200万人 (at least)" in page.inner_text(row)
    page.click(f"{row} a.to-new")
    href = page.get_attribute(f"{row} a.to-new", "href")[1:]
    assert _in_viewport(page, href)
    assert "城镇新增就业1200万人以上" in _reads(page, href, "del")
    page.evaluate("window.scrollTo(0, 0)")
    page.click("button[data-view=sbs]")
    page.click(f"{row} a.to-old")
    old_href = page.get_attribute(f"{row} a.to-old", "href")[1:]
    assert _in_viewport(page, f"sbs-{old_href}")
    old_cell = page.evaluate(f"document.getElementById('sbs-{old_href}').querySelector('td.old').textContent")
    assert "城镇新增就业1200万人左右" in old_cell.replace("[deleted: number changed] ", "")
    assert problems == []
    page.close()


def test_counts_are_filters(browser, real_pair):
    html_path, comparison = real_pair
    page, problems, _ = open_page(browser, html_path)
    n_numbers = sum(1 for c in comparison["changes"] if c["kind"] == "number_changed")
    page.click(".summary button[data-only=number_changed]")
    assert page.get_attribute(".summary button[data-only=number_changed]", "aria-pressed") == "true"
    assert page.get_attribute(".summary button[data-only=all]", "aria-pressed") == "false"
    marked = page.evaluate("[...document.querySelectorAll('#view-inline .chg:not(.filtered)')].map(e => e.dataset.kind)")
    assert marked and set(marked) == {"number_changed"}
    page.keyboard.press("n")
    assert page.inner_text("#position") == f"change 1 of {n_numbers}: number changed"
    page.click(".summary button[data-only=moved]")
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.dataset.label") == "moved"
    page.click(".summary button[data-only=all]")
    assert page.evaluate("document.querySelectorAll('#view-inline .chg.filtered').length") == 0
    assert problems == []
    page.close()


def test_pdf_is_the_redline_printed(tmp_path):
    """--format pdf: headless Chromium prints the page; every page of the report is there."""
    out = tmp_path / "redline.pdf"
    r = CliRunner().invoke(main, ["redline", str(OLD), str(NEW), "--format", "pdf", "-o", str(out)])
    assert r.exit_code == 0, r.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    assert pages >= 20  # the whole inline view, not one screen of it
