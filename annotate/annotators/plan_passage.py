"""The plan passage of a report that states its plan in prose (national reports before 1996).

Older reports have no ``主要预期目标是：`` block.  They state the year's plan in running text:
``一九五八年的工业总产值，拟定为六百四十三亿七千万元…增长百分之十四点六``,
``今年国民生产总值计划增长百分之八``, ``今年经济增长速度的宏观调控目标，定为百分之八至九``.

Contract: :func:`plan_passage` returns ``(start, end, year, found)`` for the first such passage
(``year``: the plan year its opening sentence names, else the one given), or None.
The passage starts at the first sentence that says a figure for an aggregate (a metric of the
indicator lexicon) is planned (:data:`PLAN_WORD_RE`) and runs through the consecutive paragraphs
that keep setting aggregate figures.  Inside it every level or growth figure of an aggregate is a
target, except base values (``比一九五八年的二千零五十亿元``), increments (``增加八十一亿九千万元``),
shares (``所占的比重``), restatements (``如果仍然按照…计算``) and multi-year figures (a clause
naming a year two or more years before the plan year or any year after it, or ``五年``/``平均每年``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from ..model import Quantity
from .indicators import PER_UNIT_RE, canonical_id, load_lexicon, lookup
from ..lazyre import lazy

# The patterns are getters compiled on first use (lazyre.lazy): only a report that states its plan in
# prose reaches them, and compiling them cost every other report's process milliseconds.
# Words saying a figure is planned, not estimated (预计 is a forecast of the current year).
# 预期 plans when it governs the figure (预期为, 预期增长8%左右); 要 when it steers a figure the year is to
# reach (今年经济增长要达到8%左右, 物价涨幅要控制在10%以内).  计划 right after a closing quote names a
# programme (「研究人才库」计划下…增加约10%资助 plans nothing).
# A list of figures closed by …的四项指标 names them the plan's indicators (提出了钢产量一千八百万吨、…、
# 棉花产量一亿担的四项指标, in 1959); 各项指标 counts none and stays out.
PLAN_WORD_RE = lazy(r"(?<![」”』])计划|的[一二两三四五六七八九十\d]{1,2}项指标|拟定|规定|要求|安排为|安排|指标为|调控目标|目标(?:是|为)|目标，|目标,|定为|定在|预期(?:目标)?为|"
                    r"预期(?:增长|达到|提高)|预期\s*(?=[\d０-９百])|要(?:努力|力争|确保)?(?:达到|实现|增长|控制在|保持在)")
# A figure the plan year "will" reach is planned too (1957年的工业总产值比1956年将增长百分之四点五, in the
# report on the 1957 plan); a later year's (一九五七年…将达到, in 1955) belongs to a multi-year plan.
FUTURE_RE = lazy(r"将(?:要)?(?:比[^，。；]{1,12})?(?:增长|达到|提高|增加)")
# Sentences that report the past or comment: never the start of a plan passage.
REVIEW_RE = lazy(
    r"实际|完成|超额|执行(?:结果|情况)|已经|增长了|达到了|提前|胜利|修订|追加|超过(?:了)?(?:年度|原定)?计划|预计(?:达到|可以|可|能|将)")
# Figures about several years: a five-year plan, yearly averages, a multi-year programme (纲要).
MULTI_YEAR_RE = lazy(
    r"(?<![〇○零一二三四五六七八九\d])五年|“[一二三四五六七八九十]+五”|[六七八九十]五(?:计划|时期|期间)|平均每年|年均|每年|期间|时期|本世纪|纲要|"
    r"(?<![〇○零一二三四五六七八九\d])[一二两三四五六七八九十\d]{1,2}年(?:内|间|中|来)")
# What makes a paragraph about a multi-year plan (naming the year inside one, 第六个五年计划的第二年, does not).
MULTI_YEAR_CONTEXT_RE = lazy(r"五年计划期间|(?<![〇○零一二三四五六七八九\d])五年[内间]|时期|期间|平均每年|年均|纲要")
# The plan year placed in a multi-year plan (今年是“十五”时期的开局之年, 今年是实施“九五”计划的第二年,
# 今年是“九五”期间承上启下的一年): it speaks of the year, and must not make the figures after it multi-year.
STAGE_RE = lazy(
    r"(?:今年|明年|本年|(?:19|20)\d\d\s*年|一九[〇○零一二三四五六七八九]{2}年)(?:是|为)[^，。；]{0,30}?"
    r"(?:第[一二三四五]个?年(?:头)?|[一二两三四五]年|开局之年|起步之年|之年|一年)")


def without_stages(text: str) -> str:
    """``text`` with every clause that places the plan year in a multi-year plan (:data:`STAGE_RE`) cut out."""
    return STAGE_RE().sub("", text)


# A sentence that restates the plan in other terms (``如果仍然按照一九五二年的不变价格计算``).
RESTATED_RE = lazy(r"^如果[^。]*按照[^。]*计算")
SHARE_RE = lazy(r"比重|所占|占[^，。；]{0,12}$")
# A value after 比 with no verb between is the base it is compared with (比一九五八年的二千零五十亿元).
BASE_RE = lazy(r"(?:比|较|同|从|由)[^，；。增提降减上下达为]{0,16}$")
INCREMENT_RE = lazy(r"(?:增加|增产|减少|多|超过|只差|相差)(?:了)?\s*(?:约|近)?\s*$")
YEAR_RE = lazy(r"((?:19|20)\d\d|一九[〇○零一二三四五六七八九]{2})\s*年?")
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
SENTENCE_END_RE = lazy(r"[。！？!?\n]")
# Paragraphs of the passage may not be farther apart than this many characters of other text.
MAX_PASSAGE_CHARS = 3000


@dataclass(frozen=True)
class PlanFigure:
    """A figure the plan passage sets: the clause span, the metric wording, its id, the quantity."""

    start: int
    end: int
    metric: str
    indicator: Optional[str]
    quantity: Quantity


def years_named(text: str, with_nian: bool = False) -> list[int]:
    """Every year ``text`` names, in order (``1981年``, ``一九八一年``), as integers; with ``with_nian``
    only those written with 年 (a bare ``1980`` in ``1980、1981年`` counts without it)."""
    out = []
    for m in YEAR_RE().finditer(text):
        if with_nian and not m.group(0).endswith("年"):
            continue
        y = m.group(1)
        if y.startswith("一九"):
            y = "19" + "".join(_CN_DIGITS[c] for c in y[2:])
        out.append(int(y))
    return out


def _sentences(scan: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``scan[start:end]`` (each ends after its 。 or before its newline)."""
    out = []
    pos = start
    for m in SENTENCE_END_RE().finditer(scan, start, end):
        if m.end() - pos > 1:
            out.append((pos, m.end()))
        pos = m.end()
    if end - pos > 1:
        out.append((pos, end))
    return out


def _clause_start(scan: str, sent_start: int, pos: int) -> int:
    cut = max(scan.rfind(c, sent_start, pos) for c in "，,；;：:")
    return max(sent_start, cut + 1)


def sentence_figures(scan: str, start: int, end: int, qs: Sequence[Quantity], plan_year: Optional[int]) -> list[PlanFigure]:
    """The aggregate figures one sentence ``scan[start:end]`` sets for ``plan_year`` (see module doc)."""
    sent = scan[start:end].strip()
    if RESTATED_RE().match(sent):
        return []
    lex = load_lexicon()
    out: list[PlanFigure] = []
    for q in qs:
        if not (start <= q.start and q.end <= end) or (q.unit or "") in ("", "年", "种", "个", "项", "倍"):
            continue
        cs = _clause_start(scan, start, q.start)
        # the part of the sentence up to the value, from the last ；: a multi-year word or an old
        # year there makes the figure a multi-year one
        sub_start = max(start, scan.rfind("；", start, q.start) + 1, scan.rfind(";", start, q.start) + 1)
        sub = scan[sub_start : q.start]
        if MULTI_YEAR_RE().search(without_stages(sub)) or SHARE_RE().search(scan[cs : q.start]):
            continue
        if plan_year and any(y < plan_year - 1 or y > plan_year for y in years_named(sub)):
            continue  # an old base year, or a later year's goal (到2000年): not the plan year's figure
        before = scan[cs : q.start]
        if BASE_RE().search(before):
            continue
        if INCREMENT_RE().search(before) and not (q.unit or "").endswith(("%", "％")):
            continue  # an amount added restates the level; a share added or cut (减少百分之四) is a rate
        listed = _listed_after(scan, q, end, lex)
        if listed:
            # ``产量将增长百分之四十以上的有粮食、棉花…``: the figure holds for every aggregate listed
            out.extend(PlanFigure(cs, q.end, name, canonical_id(name, None, lex), q) for name in listed)
            continue
        found, fig_start = _listed_metric(scan, cs, q.start, lex), scan.rfind("、", cs, q.start) + 1
        if found is None:
            found, fig_start = _metric_before(scan, cs, q.start, lex), cs
        if found is None and _continues(scan, cs, q, qs):
            # ``拟定为…，增长百分之十四点六``: the metric named earlier in the (sub-)sentence goes on;
            # its first figure's text starts at the metric (工业总产值，拟定为六百四十三亿七千万元)
            found = _metric_before(scan, sub_start, cs, lex)
            if found is not None and not any(f.end > found.start() for f in out):
                fig_start = found.start()
        if found is None:
            continue
        metric = found.group(0)
        out.append(PlanFigure(fig_start, q.end, metric, canonical_id(metric, q.unit, lex), q))
    return out


# What a clause may hold besides its value when it goes on with the sentence's metric
# (``拟定为六百四十三亿七千万元``, ``比一九五七年增长百分之十四点六``).
FILLER_RE = lazy(
    r"(?:(?:19|20)\d\d年|一九[〇○零一二三四五六七八九]{2}年|上一年|上年|去年|今年|明年|比|较|的|将要|将|要|也|并|可以|"
    r"计划|规定|拟定|安排|定为|确定为|调整为|为|达到|达|增长|提高|降低|增加|下降|减少|预计数|预计|到|至|[（(][^）)]*[）)]|\s)*")


LISTED_AFTER_RE = lazy(r"的(?:有|是)([^，；。]+)")


def _listed_after(scan: str, q: Quantity, end: int, lex) -> list[str]:
    """The lexicon aggregates of a list that follows the value (``增长百分之四十以上的有粮食、棉花、
    黄麻``: 粮食, 棉花); empty when no list follows."""
    m = LISTED_AFTER_RE().match(scan, q.end, end)
    if m is None:
        return []
    # the list names products whose output is meant (粮食 → 粮食产量) when the sentence speaks of 产量
    suffix = "产量" if "产量" in scan[max(0, q.start - 12) : q.start] else ""
    out = []
    for n in re.split(r"、|以及|和|及", m.group(1)):
        name = n.strip() + suffix
        found = lookup(name, lex)
        if found is not None and found.group(0) == name:
            out.append(name)
    return out


def _continues(scan: str, cs: int, q: Quantity, qs: Sequence[Quantity]) -> bool:
    """True when the clause before ``q`` holds nothing but fillers and other values."""
    before = scan[cs : q.start]
    for other in qs:
        if cs <= other.start and other.end <= q.start:
            before = before.replace(scan[other.start : other.end], "")
    return FILLER_RE().fullmatch(before) is not None


def _listed_metric(scan: str, cs: int, stop: int, lex) -> Optional[re.Match[str]]:
    """The metric a figure in a ``、`` list names right before it (``钢产量一千八百万吨、煤产量三亿八千万吨``:
    煤产量 for the second figure), read after the last ``、`` of its clause ``scan[cs:stop]``; None
    when no ``、`` precedes it there or that item names no metric (then the clause's metric holds)."""
    dun = scan.rfind("、", cs, stop)
    return None if dun < 0 else _metric_before(scan, dun + 1, stop, lex)


def _metric_before(scan: str, start: int, stop: int, lex) -> Optional[re.Match[str]]:
    """The last lexicon wording in ``scan[start:stop]`` not preceded by a per-unit word, or None."""
    best = None
    pos = start
    while True:
        m = lookup(scan[:stop], lex, pos)
        if m is None:
            break
        if not PER_UNIT_RE.search(scan, max(start, m.start() - 4), m.start()):
            best = m
        pos = m.end()
    return best


def _opens_passage(scan: str, para_start: int, start: int, end: int, figures: list[PlanFigure],
                   report_year: Optional[int] = None) -> bool:
    """A sentence opens the passage when it sets figures, says they are planned (in a clause that is
    not about a multi-year plan), reports nothing, and its paragraph is not about a multi-year plan.
    A figure it only says the year "will" reach (:data:`FUTURE_RE`) is planned when the sentence
    names the report's own year and no later one."""
    sent = scan[start:end]
    if not figures or REVIEW_RE().search(sent) or MULTI_YEAR_CONTEXT_RE().search(without_stages(scan[para_start:start])):
        return False
    own_year = report_year is not None and _plan_year(scan, start, end) == report_year
    return any((PLAN_WORD_RE().search(c) or (own_year and FUTURE_RE().search(c))) and not MULTI_YEAR_RE().search(c)
               for c in re.split(r"[，,；;]", sent))


def _plan_year(scan: str, start: int, end: int) -> Optional[int]:
    ys = years_named(scan[start:end])
    return max(ys) if ys else None


def _earlier_in_paragraph(scan: str, para_start: int, opener: int, qs: Sequence[Quantity],
                          year: Optional[int]) -> list[PlanFigure]:
    """Figures set before the opener in its own paragraph by sentences about the plan ``year`` (the
    latest year they name), reporting nothing: ``…国家预算草案和发展国民经济计划草案的各种数字表明…。
    1957年的国家预算收入比1956年增长近百分之二；…国家预算支出比1956年减少百分之四。1957年的工业总产值比
    1956年将增长…`` (the paragraph that opens the plan presents its figures)."""
    if year is None:
        return []
    out: list[PlanFigure] = []
    for ss, se in _sentences(scan, para_start, opener):
        if _plan_year(scan, ss, se) == year and not REVIEW_RE().search(scan, ss, se):
            out.extend(sentence_figures(scan, ss, se, qs, year))
    return out


def plan_passage(scan: str, qs: Sequence[Quantity],
                 year: Optional[int] = None) -> Optional[tuple[int, int, Optional[int], list[PlanFigure]]]:
    """The first prose plan passage of ``scan`` as ``(start, end, year, figures)``, or None.

    ``year`` is the plan year when known (``meta.year``); the opening sentence's latest year, when
    it names one, overrides it (a report's year may be the year it was delivered).
    """
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", scan)]
    found: list[PlanFigure] = []
    p_start = p_end = None
    for ps, pe in paragraphs:
        para_figs: list[PlanFigure] = []
        for ss, se in _sentences(scan, ps, pe):
            if p_start is None:
                # before the passage each sentence is read for its own year; the opener fixes it
                y = _plan_year(scan, ss, se) or year
                figs = sentence_figures(scan, ss, se, qs, y)
                if _opens_passage(scan, ps, ss, se, figs, year):
                    p_start, year = ss, y
                    para_figs.extend(_earlier_in_paragraph(scan, ps, ss, qs, y))
                    para_figs.extend(figs)
                continue
            para_figs.extend(sentence_figures(scan, ss, se, qs, year))
        if p_start is None:
            continue
        if not para_figs:
            break  # a paragraph that sets no figure ends the passage
        found.extend(para_figs)
        p_end = para_figs[-1].end
    if p_start is None or not found:
        return None
    return p_start, p_end, year, found


def later_plan_figures(scan: str, qs: Sequence[Quantity], start: int, year: Optional[int]) -> list[PlanFigure]:
    """The aggregate figures set after the plan passage (which ends at ``start``) by sentences that
    say, as the passage's opener does, that a figure for the plan ``year`` is planned or will be
    reached (:func:`_opens_passage`): ``１９５６年的国民经济计划实现以后，我国工农业总产值将比上年增长
    １４．１％`` closes the 1956 plan after a paragraph on transport; ``钢产量拟定为六百二十四万八千吨``
    sets the 1958 steel figure paragraphs after the passage.  A prose plan has no measures half: a
    figure said to be planned for the year is the year's target wherever it stands.  Empty without a year."""
    if year is None:
        return []
    out: list[PlanFigure] = []
    for m in re.finditer(r"[^\n]+", scan[start:]):
        ps, pe = start + m.start(), start + m.end()
        for ss, se in _sentences(scan, ps, pe):
            if ss < start:
                continue
            figs = sentence_figures(scan, ss, se, qs, year)
            named = _plan_year(scan, ss, se)
            # a sentence naming a later year is about a later plan (到一九六二年…)
            if _opens_passage(scan, ps, ss, se, figs, year) and (named is None or named <= year):
                out.extend(figs)
    return out
