"""Goal targets: numeric targets a report states as goals (issue 11).

Hong Kong policy addresses have no targets block; they state their targets as goals inside the
measures, and mainland reports use the same shapes in their task sections:

- ``目标是…`` / ``目标在…`` / ``目标于…`` / ``目标如下：…`` / ``，目标…`` (the goal phrase opens a clause):
  the goal runs to the end of the clause group (``；`` or ``。``; a ``如下`` list to ``。``);
- ``以…为目标`` (``以三年超越2 000吨为目标``): the goal is what stands between 以 and 为目标;
- ``…的目标`` (``正逐步向2026-27年度降至4.5年的目标迈进``): the goal is the clause before 的目标;
- ``力争到2027年…`` / ``争取在2027年…``: the goal runs to the end of the clause group.

Each value inside a goal is a target of scope ``measure`` (also inside an address's list of its
indicators, the 2022 annex ``附件︰指定项目指标``: the main-targets gold of tests/gold/targets holds
that list no targets block, and headline targets are compared with the targets block of a year
before), unless it is a period
(``15年内``, ``在四年内``), a starting level (``由目前约30条``) or a multiple that a final value
follows (``增加四倍至超过130条``: the target is 130条).  Its horizon is ``multi_year`` with the
period as written when the goal names a later year or a span (``2026-27年度``, ``15年内``,
``到2027年``, ``本届政府任期内``), else the report's year.  The metric is written before the value
(``将…充电停车位的总数提升至``) or after a count (``约700辆电动巴士``), or, when the goal clause
names none (``向…降至4.5年的目标迈进``), it is the subject of the clause before (``轮候公屋时间``).
``direction`` is ``down`` after 降/减/缩, ``up`` after 增/提/升/扩/超.  ``indicator`` is the canonical
id ``lexicon/indicators.tsv`` gives the metric (``公屋综合轮候时间`` → ``prh_waiting_time``), else None.

Not goal targets: a goal with no value (a deadline, ``目标是2034年或之前开通``, is left to the
commitment layer; an aspiration, ``目标是成为国际创新科技中心``), a target group (``目标群组``,
``约1 300个目标住户``: 目标 does not open a clause), the main targets block (``主要预期目标是：``,
read by :mod:`.targets`) and goals the review reports as met (``已实现…的目标``).

Forecast targets (issue 11, the lead's convention): a Hong Kong policy address (region
香港特别行政区) states its most-quoted targets without a goal phrase (``总体公营房屋供应量将达189 000伙``,
``公屋综合轮候时间可在2026-27年度…降至四年半``).  In such a report a clause that states a future figure
(``将达``, ``将增至``, ``会达``, ``可…降至`` (also after a comma: ``可在2026-27年度共减少一年半，降至四年半``), ``预计``, ``提供约``: :data:`FORECAST_RE`) for a metric whose
indicator ``lexicon/forecast_indicators.tsv`` lists is a goal target too: scope ``measure``, ``goal`` the
phrase that states it (``将达``, ``降至``), its period when one is named.  The metric is the clause's
subject before the phrase, else the subject of a clause before it in its clause group.  Not: a figure
of the review (已, 过去, 累计 … in the clause group before the figure: :data:`REVIEW_RE`), a figure the
phrase does not reach in its own clause, a metric outside the list, a report of another region, a
long-range projection (a period ending more than :data:`MAX_FORECAST_YEARS` years after the address:
``至2048年的30年期内预计将有达7 000多公顷``, a planning study's figure, not the address's target).

Contract: :func:`with_goals` takes the targets :mod:`.targets` found and returns them with the goal
targets added (never one whose quantity a target already holds), in report order, renumbered
``t1``…; a report with no goal target gets its list back unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from ..lexicon import DIR as LEXICON_DIR
from ..model import Quantity, Report, Target
from ..lazyre import compiled
from .indicators import as_written, canonical_id, scan_text

# --------------------------------------------------------------------------- goal phrases

# 目标 opening a clause (after a separator, or a short owner: 我们的, 政府的, 中期, 长远); not the
# main targets block's 预期目标/主要目标 (read by targets.py), not 目标群组 (目标 inside a noun phrase
# never opens a clause).
_OPEN = r"(?:^|(?<=[，,；;。：:！？!?\n —–、]))"
GOAL_IS_RE = compiled(
    _OPEN + r"(?:(?:我们|政府|特区政府|当局|我)的)?(?:长远|中期|短期|基本|首要|初步|第一个)?目标"
    r"(?P<how>如下\s*[:：︰]|是|为|在|于|[:：︰])?"
)
GOAL_FOR_RE = compiled(r"以(?P<goal>[^，,；;。：:！？]{1,40}?)为(?:[^，,；;。为]{0,4})?目标")
# …的2030年目标 names the year it is for before what it names (its period is read with the values')
GOAL_OF_RE = compiled(r"的(?:20\d\d\s*年(?:度)?)?(?P<named>[^，,；;。的]{0,4})目标")
GOAL_STRIVE_RE = compiled(r"(?:力争|争取)\s*(?:到|在|于)\s*20\d\d\s*年")
# Words of the main targets block (预期目标, 主要目标) and of five-year plans (发展目标, 奋斗目标).
NOT_GOAL_BEFORE_RE = compiled(r"(?:预期|主要|发展|奋斗|目标)$")
# …的预期目标 restates the targets block; 要素及目标 lists 目标 as one noun among others
NOT_GOAL_NAMED_RE = compiled(r"预期|主要|发展|奋斗|总体|及|和|与|、")
# A goal the review reports as met (已实现…的目标, 提前完成了): not for the years ahead (为了, 了解 are no past).
REVIEW_RE = compiled(r"(?<!为)了(?!解)|已经|已|去年|过去|累计|提前实现|超额|圆满")

# --------------------------------------------------------------------------- values inside a goal

TIME_UNITS = frozenset({"年", "个月", "月", "天", "日", "周", "星期", "学年", "年度", "小时", "分钟", "秒"})
# A time-unit quantity is a value only where a level is set (降至4.5年, 缩短到3天, 为2年).
TIME_VALUE_BEFORE_RE = compiled(r"(?:至|到|为)\s*$")
# A starting level (由目前约30条, 从现时的9.5%): where the goal starts from, not the goal.
BASELINE_BEFORE_RE = compiled(r"(?:由|从)\s*(?:目前|现时|现在|现有|现行|高峰|原来|过去)?(?:的|约)?\s*$")
WHOLE_SET_BEFORE_RE = compiled(r"全(?:港|国|市|省|区|县|部)\s*$")
DEICTIC_BEFORE_RE = compiled(r"(?:这|该|上述|以上|前述)\s*$")
TIME_COUNT_AFTER_RE = compiled(r"\s*(?:学年|年度|季度|星期|周|年|月)")
LABEL_COUNT_UNITS = frozenset({"种", "类", "大", "项"})
# A multiple followed by its result (增加四倍至超过130条): the result is the target.
MULTIPLE_THEN_RESULT_RE = compiled(r"\s*(?:至|到|达)")

# the verbs that say which way a goal moves its metric (不少于 and 至少 are qualifiers, not verbs)
VERB_RE = compiled(r"降|减|缩|下调|压|增|提|升|扩|超|翻|加|延长")
DOWN_RE = compiled(r"降|减|缩|下调|压")

# --------------------------------------------------------------------------- periods

# A goal's period is read from the dates and periods layers (dates.py) where they can read it: a
# year (2025年), a date (2023年3月31日), a fiscal or school year (2026-27年度, 2025/26学年), a length
# ahead (未来五年), next year (明年内); a year and a part of it that touch are one period
# (2025年 + 年底 = 2025年年底), and the words that bound it stay with it (前, 或之前, 内).  The shapes
# those layers do not read are read here: a length (15年内, 在四年间, 以三年), a term
# (本届政府任期内), a spaced span of years (2022 - 2027).
PERIOD_RE = compiled(
    r"(?P<span>20\d\d\s*[-–—/／]\s*(?:20)?\d\d\s*(?:年度|学年|年)?(?:或之前|之前|前)?)"
    r"|(?P<year>(?:到|至)?\s*20\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|年底|底|年中|中|上半年|下半年|内)?"
    r"\s*(?:或之前|之前|以前|前)?)"
    r"|(?P<long>(?:在)?\s*[一二两三四五六七八九十\d]{1,3}\s*(?:个)?(?:学)?年(?:内|间|之内|后|之后)"
    r"|未来\s*[一二两三四五六七八九十\d]{1,3}\s*(?:个)?(?:学)?年(?:内|间|之内)?)"
    r"|(?P<term>本届政府任期内|本世纪末|明年(?:内|底|年底|上半年|下半年)?)"
    r"|(?<=[以用花])(?P<within>\s*[一二两三四五六七八九十\d]{1,3}\s*(?:个)?年(?:时间)?)"
)
YEAR_IN_RE = compiled(r"20\d\d")
# a year compared with (较2015年减少三至四成, 从2017年的7.8%) is no period
BASE_YEAR_BEFORE_RE = compiled(r"(?:较|比|从|由|自)\s*$")
# what joins two named years or spans into one span (2024-25至2028-29年度, 2019至2048年)
SPAN_JOIN_RE = compiled(r"\s*(?:至|到|[-–—])\s*")
# what a layer's period or date of a goal may have around it: 到 before; 年底, 前, 或之前, 内 after
PERIOD_LEAD_RE = compiled(r"(?:到|至)\s*$")
PERIOD_TAIL_RE = compiled(r"\s*(?:年底|底|年中|中|上半年|下半年)?\s*(?:或之前|之前|以前|前|之内|内)?")
# the layers' values of a year or a span of years (2025, 2023-03-31, 2026/2027, 2025:mid-year)
NAMED_VALUE_RE = compiled(r"^\d{4}(?:[-/:]|$)")


@dataclass(frozen=True)
class PeriodAt:
    """A period a goal may name, ``[start, end)`` of the text: ``named`` when it names a year or a
    span of years (it wins over a length), ``span`` when it names a span (2026-27年度)."""

    start: int
    end: int
    named: bool
    span: bool


def _layer_periods(report: Report, scan: str, lo: int, hi: int) -> list[PeriodAt]:
    """The periods the dates and periods layers read in ``[lo, hi)``, touching ones joined, each
    with the words that bound it (:data:`PERIOD_LEAD_RE`, :data:`PERIOD_TAIL_RE`)."""
    spans = sorted((x for x in list(report.dates) + list(report.periods) if lo <= x.start and x.end <= hi),
                   key=lambda x: x.start)
    out: list[PeriodAt] = []
    for x in spans:
        value = x.value or ""
        named = bool(NAMED_VALUE_RE.match(value))
        if not named and not value.startswith(("P", "next:")):
            continue  # 年底, 今年内 alone: a part of a year named before it, or the plan year
        lead = PERIOD_LEAD_RE.search(scan, max(0, x.start - 2), x.start)
        start = lead.start() if lead else x.start
        end = PERIOD_TAIL_RE.match(scan, x.end).end()
        if out and start <= out[-1].end:
            continue  # inside the period before (2025年 + 年底)
        out.append(PeriodAt(start, end, named, "/" in value))
    return out


def _periods(report: Report, scan: str, lo: int, hi: int) -> list[PeriodAt]:
    """Every period a goal may name in ``[lo, hi)``: the layers' (:func:`_layer_periods`), then the
    shapes only :data:`PERIOD_RE` reads, where no layer period stands; in text order, years
    compared with (``较2015年``) left out."""
    out = _layer_periods(report, scan, lo, hi)
    for m in PERIOD_RE.finditer(scan, lo, hi):
        if any(p.start < m.end() and m.start() < p.end for p in out):
            continue
        out.append(PeriodAt(m.start(), m.end(), bool(m.group("span") or m.group("year")), bool(m.group("span"))))
    return sorted((p for p in out if not BASE_YEAR_BEFORE_RE.search(scan, 0, p.start)), key=lambda p: p.start)


# --------------------------------------------------------------------------- metrics

COUNT_UNITS = frozenset("个间辆名条所家项套座张台宗部架艘只位")
# words that end a noun phrase after a count (约五间医疗机构作为…, 200间家族办公室在港…)
NOUN_STOP_RE = compiled(r"[，,；;。：:、（()）\s「」“”]|和|及|与|在|于|作为|提供|可(?=于|以|能|在)|将|并|以|等|供|的(?=[^\u4e00-\u9fff])")
# 将/把 X 提升至…: X is the metric
TAKE_RE = compiled(r"(?:将|把)")
PREDICATE_RE = compiled(
    r"(?:逐步|进一步|大幅|再|分别)?(?:由|从|在|于|提升|提高|增加|增至|减少|降低|降至|下降|缩短|缩减|延长|扩大|扩展|调整|"
    r"达到|达至|达|超越|超过|突破|维持在|保持在|稳定在|控制在|翻|较|比(?!例|重|率))")
# words that open a goal clause without being its metric
METRIC_LEAD_RE = compiled(
    r"^(?:[，,；;：:\s]|目标|是|为|在|于|能|有|先|再|将|把|让|使|推动|实现|完成|确保|力争|争取|正|逐步|进一步|迈向|向|朝着|朝|"
    r"以及|及|并|和|趋向|[^，,；;。]{0,8}?(?:定下|订立|制定|设定|提出)的?|"
    r"约|合共|额外|至少|最少|不少于|"
    r"(?:到|至)?20\d\d\s*[-–—/／]\s*(?:20)?\d\d\s*(?:年度|学年|年)?(?:或之前|之前|前)?|"
    r"(?:到|至)?20\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:年底|底|年中|中|内|上半年|下半年)?\s*(?:或之前|之前|前)?|"
    r"(?:未来|在|以|用)?[一二两三四五六七八九十\d]{1,3}(?:个)?(?:学)?年(?:内|间|之内|后|之后|时间)?|本届政府任期内|明年内?|"
    r"[（(][^）)]*[）)])+")
# the subject of the clause before a goal that names no metric (轮候公屋时间成功「封顶」…)
SUBJECT_END_RE = compiled(r"亦|也|成功|由|从|已|已经|回落|下降|降至|上升|增至|维持|保持|为|是|达|将|会|正|持续")
MAX_METRIC = 24
COMMITMENT_VERBS = LEXICON_DIR / "commitment_verbs.tsv"


@dataclass(frozen=True)
class Goal:
    """A goal phrase and the stretch ``[start, end)`` of ``scan`` its values are read from."""

    phrase: str  # the goal phrase in simplified script: 目标是, 以…为目标, 的目标, 力争到
    start: int
    end: int
    clause_start: int  # where the clause holding the goal starts (its metric may be there)
    named: str = ""  # what a …的X目标 names between 的 and 目标 (五万户的集中居住目标: 集中居住)


def _clause_start(scan: str, pos: int, seps: str = "，,；;。：:！？!?\n") -> int:
    """Start of the clause holding ``pos``."""
    return max(scan.rfind(c, 0, pos) for c in seps) + 1


def _clause_group_end(scan: str, pos: int, stops: str = "；;。！？!?\n") -> int:
    """End of the clause group from ``pos`` (the next ``；`` or ``。``)."""
    ends = [i for i in (scan.find(c, pos) for c in stops) if i >= 0]
    return min(ends) if ends else len(scan)


# What ends a list announced by 目标如下：: the next numbered paragraph or a heading line.
LIST_END_RE = compiled(r"\n\s*(?:\d{1,3}\s*[.．、]|[（(][一二三四五六七八九十]+[)）]|[^\n，,；;。：:]{1,16}\n)")
MAX_LIST = 800


def _list_end(scan: str, pos: int) -> int:
    """End of the list a ``目标如下：`` at ``pos`` announces (its items may run over several lines)."""
    m = LIST_END_RE.search(scan, pos, pos + MAX_LIST)
    return m.start() if m else min(len(scan), pos + MAX_LIST)


def goals(scan: str) -> list[Goal]:
    """Every goal phrase of ``scan`` with the stretch its values are read from (module docstring)."""
    out: list[Goal] = []
    for m in GOAL_IS_RE.finditer(scan):
        if NOT_GOAL_BEFORE_RE.search(scan, max(0, m.start() - 2), m.start()):
            continue
        how = m.group("how") or ""
        end = _list_end(scan, m.end()) if "如下" in how else _clause_group_end(scan, m.end())
        out.append(Goal("目标" + ("如下" if "如下" in how else how.strip(":：︰")), m.end(), end,
                        _clause_start(scan, m.start())))
    for m in GOAL_FOR_RE.finditer(scan):
        out.append(Goal("以…为目标", m.start("goal"), m.end("goal"), _clause_start(scan, m.start())))
    for m in GOAL_OF_RE.finditer(scan):
        cs = _clause_start(scan, m.start())
        if NOT_GOAL_BEFORE_RE.search(scan, cs, m.start()) or NOT_GOAL_NAMED_RE.search(m.group("named")):
            continue  # 低于13%左右的预期目标: the targets block's figure, restated in review
        if m.start() - cs < 2:
            continue
        out.append(Goal("的目标", cs, m.start(), cs, m.group("named")))
    for m in GOAL_STRIVE_RE.finditer(scan):
        out.append(Goal(re.sub(r"\s|20\d\d年", "", m.group(0)), m.start(), _clause_group_end(scan, m.end()),
                        _clause_start(scan, m.start())))
    return sorted(out, key=lambda g: (g.start, g.end))


def _is_value(scan: str, q: Quantity, qs: Sequence[Quantity], goal: Goal) -> bool:
    """Is ``q`` a value the goal sets (not its period, starting level or a multiple before a result)?"""
    if q.value is None and q.low is None:
        return False
    before = scan[max(goal.start, q.start - 8) : q.start]
    if (q.unit or "") in TIME_UNITS or (q.base_unit or "") in TIME_UNITS:
        if not TIME_VALUE_BEFORE_RE.search(before):
            return False  # 15年内, 在五年间, 于60分钟内, 以三年: when, not how much
    if BASELINE_BEFORE_RE.search(before):
        return False
    if WHOLE_SET_BEFORE_RE.search(before):
        return False  # 在全港18区均设立…: every one of a known set, not a number to reach
    if DEICTIC_BEFORE_RE.search(before):
        return False  # 完成这两个项目: which ones, not how many
    if TIME_COUNT_AFTER_RE.match(scan, q.end):
        return False  # 两个学年后, 三个月内: a count of periods is when, not how much
    if (q.unit or "") in LABEL_COUNT_UNITS and "、" in scan[_clause_start(scan, q.start) : q.start]:
        return False  # 塑胶饮料容器、…、铅酸电池五种产品: the count of the items just listed
    if (q.unit or "").endswith("倍") and MULTIPLE_THEN_RESULT_RE.match(scan, q.end):
        if any(o.start > q.end and o.start - q.end <= 4 for o in qs):
            return False
    return True


def _period(report: Report, scan: str, goal: Goal, q: Quantity, year: Optional[int]) -> tuple[str, Optional[str]]:
    """``(horizon, period)`` of the value ``q`` of ``goal``: a later year or a span named in the
    clause of the value, else before it in the goal's clause (a year form before a length: ``在四年内
    （即2026-27年度）`` is ``2026-27年度``; two joined by 至 are one span,
    ``2024-25至2028-29年度``), makes it ``multi_year`` with the period as written; else it
    is the report's year.  Periods are those of :func:`_periods`, given as written in the report's
    text (``scan`` is its simplified view)."""
    own = _clause_start(scan, q.start, "，,；;。：:")
    own_end = _clause_group_end(scan, q.end, "，,；;。！？!?\n")
    found = [p for p in _periods(report, scan, goal.clause_start, own_end)
             if p.start < q.start or p.start >= own]
    if not found:
        return "year", str(year) if year else None
    mine = [p for p in found if p.start >= own]
    pool = mine or [p for p in found if p.start < q.start]
    if not pool:
        return "year", str(year) if year else None
    # a named year or span wins over a length; of several, the one nearest before the value
    best = ([p for p in pool if p.named] or pool)[-1]
    start = best.start
    for p in reversed([p for p in found if p.named and p.end <= start]):
        if not SPAN_JOIN_RE.fullmatch(scan, p.end, start):
            break
        start = p.start  # 2024-25至2028-29年度: two joined by 至 are one span, written from its first
    written = report.text[start : best.end].strip()
    named = [int(y) for y in YEAR_IN_RE.findall(written)]
    if named and year and max(named) <= year and not best.span:
        return "year", str(year)  # 2023年底前 in the 2023 address is this year
    return "multi_year", re.sub(r"^(?:在|至)\s*", "", written)


def _strip(metric: str) -> str:
    """A metric without the brackets, particles and punctuation around it, nor a starting level
    before it (``现时约六年的轮候时间`` → ``轮候时间``) or a distributive 各 after it."""
    metric = re.sub(r"^(?:现时|目前|现在)[^的，,]{0,8}的", "", metric.strip(" ，,；;"))
    return re.sub(r"各$", "", metric).strip(" 「」“”\"'《》的之，,").strip()


def _metric_before(scan: str, lo: int, q: Quantity) -> Optional[str]:
    """The metric written before ``q`` in its clause: after 将/把 up to the predicate (``将…总数提升至``),
    else the clause head after the goal's lead words up to the predicate (``降低吸烟率至``)."""
    head = scan[lo : q.start]
    take = list(TAKE_RE.finditer(head))
    if take:
        rest = head[take[-1].end() :]
        p = PREDICATE_RE.search(rest, 1)
        name = _strip(rest[: p.start()] if p else rest)
        if 2 <= len(name) <= MAX_METRIC:
            return name
    lead = METRIC_LEAD_RE.match(head)
    rest = head[lead.end() if lead else 0 :]
    verb = re.match(r"(?:降低|提高|提升|增加|减少|缩短|延长|扩大)", rest)
    if verb:  # 降低吸烟率至7.8%: verb, metric, 至
        m = re.match(r"(.{2,%d}?)(?:至|到)\s*$" % MAX_METRIC, rest[verb.end() :])
        return _strip(m.group(1)) if m else None
    p = PREDICATE_RE.search(rest)
    name = _strip(rest[: p.start()] if p else rest)
    name = re.sub(r"(?:当中|之中|中)?(?:有|能有|可有)?$", "", name)
    return name if 2 <= len(name) <= MAX_METRIC else None


def _metric_taken(scan: str, lo: int, q: Quantity) -> Optional[str]:
    """The metric a ``将``/``把`` names in an earlier clause of the goal, up to its predicate or clause end."""
    take = list(TAKE_RE.finditer(scan, lo, q.start))
    if not take:
        return None
    rest = scan[take[-1].end() : _clause_group_end(scan, take[-1].end(), "，,；;。！？!?\n")]
    p = PREDICATE_RE.search(rest, 1)
    name = _strip(rest[: p.start()] if p else rest)
    return name if 2 <= len(name) <= MAX_METRIC else None


def _metric_after(scan: str, q: Quantity, end: int) -> Optional[str]:
    """The noun a count or share names after its value (``约700辆电动巴士``, ``过百亿元的投资``)."""
    s = q.end
    while s < end and scan[s] in " \u3000":
        s += 1
    if scan.startswith("的", s):
        s += 1
    stop = NOUN_STOP_RE.search(scan, s, min(end, s + MAX_METRIC) + 1)
    name = _strip(scan[s : stop.start() if stop else min(end, s + MAX_METRIC)])
    return name if 2 <= len(name) <= MAX_METRIC else None


def _previous_subject(scan: str, clause_start: int) -> Optional[str]:
    """What the clauses before ``clause_start`` in its clause group talk about, nearest first: a
    clause's subject before its predicate (``公屋综合轮候时间已缩短…`` → 公屋综合轮候时间), or the
    object of a clause led by a verb of action (``推动…在港拓展黄金仓储`` → 黄金仓储).  A clause that
    opens with its predicate (``回落至5.3年``, ``由高峰约6年``) is passed over."""
    if clause_start < 2 or scan[clause_start - 1] in "。！？!?\n":
        return None  # the goal opens its sentence: nothing before it to go on with
    group = _clause_start(scan, clause_start - 1, "。；;：:！？!?\n")
    end = clause_start - 1
    while end > group:
        start = max(group, _clause_start(scan, end, "，,"))
        clause = re.sub(r"^[\s\d.．、]+", "", scan[start:end])  # a paragraph number
        name = _subject(clause)
        if name:
            return name
        end = start - 1
    return None


def _subject(clause: str) -> Optional[str]:
    """The subject of one clause (see :func:`_previous_subject`), or None."""
    verbs = list(_action_verbs().finditer(clause))
    if verbs and verbs[0].start() == 0:
        name = _strip(clause[verbs[-1].end() :])
        return name if 2 <= len(name) <= MAX_METRIC else None
    stop = SUBJECT_END_RE.search(clause)
    if stop is None and not re.search(r"[\d一二两三四五六七八九十]", clause):
        stop = re.search(r"$", clause)  # a clause that only names its topic (本地渔业产量，以三年…)
    if stop is None or stop.start() < 2:
        return None
    name = _strip(clause[: stop.start()])
    return name if 2 <= len(name) <= MAX_METRIC else None


@lru_cache(maxsize=1)
def _action_verbs() -> re.Pattern[str]:
    """The verbs of promised action of ``lexicon/commitment_verbs.tsv`` (DOMAIN.md 5), longest first."""
    words = {line.split("\t", 1)[0].strip() for line in COMMITMENT_VERBS.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    # ties in code-point order: a set's order changes from process to process, the pattern must not
    return compiled("|".join(map(re.escape, sorted(words - {""}, key=lambda w: (-len(w), w)))))


def _metric(scan: str, q: Quantity, goal: Goal) -> str:
    """What ``q`` measures (module docstring), as found in ``scan``; never empty.  A count or a share
    in tenths names it after the value (``约700辆电动巴士``, ``约八成图则``), a percentage before
    (``学生当中有35%``), else after."""
    lo = max(goal.clause_start, _clause_start(scan, q.start, "，,；;。：:、"))
    unit = q.unit or ""
    if unit[-1:] in COUNT_UNITS or unit in ("", "成") or unit.endswith("亿元"):
        name = _metric_after(scan, q, goal.end) or _metric_before(scan, lo, q)
    else:
        name = _metric_before(scan, lo, q) or _metric_after(scan, q, goal.end)
    if name is None and len(goal.named) >= 2:
        name = goal.named  # 实现五万户的集中居住目标
    if name is None and lo > goal.clause_start:
        name = _metric_taken(scan, goal.clause_start, q)  # 将…数目，由现时60多个翻两倍至不少于180个
    if name is None and goal.phrase in ("的目标", "以…为目标"):
        name = _previous_subject(scan, goal.clause_start)
    return name or _strip(scan[q.start : q.end])


def _direction(scan: str, q: Quantity, lo: int) -> Optional[str]:
    """``down`` or ``up`` from the last verb before ``q``'s number in its clause (``降至``, ``增加``,
    ``超越`` inside the quantity), else the quantity's own change, else None."""
    lead = re.match(r"\D*", q.text).group(0)
    verbs = list(VERB_RE.finditer(scan[lo : q.start] + lead))
    if verbs:
        return "down" if DOWN_RE.match(verbs[-1].group(0)) else "up"
    return {"decline": "down", "growth": "up"}.get(q.change or "")


def _year(report: Report) -> Optional[int]:
    if report.meta.year:
        return report.meta.year
    return report.meta.review_year + 1 if report.meta.review_year else None


def goal_targets(report: Report, taken: Sequence[Target] = ()) -> list[Target]:
    """The goal targets of ``report`` (module docstring) whose quantity no target of ``taken``
    holds and whose span no headline target of ``taken`` covers, in report order, ids unset."""
    scan = scan_text(report)
    held = {t.quantity for t in taken if t.quantity}
    blocked = [(t.start, t.end) for t in taken if t.scope == "headline"]
    qs = sorted(report.quantities, key=lambda q: q.start)
    year = _year(report)
    out: list[Target] = []
    for goal in goals(scan):
        if REVIEW_RE.search(scan, goal.clause_start, goal.end):
            continue
        inside = [q for q in qs if goal.start <= q.start and q.end <= goal.end]
        for q in inside:
            if q.id in held or any(s <= q.start < e for s, e in blocked) or not _is_value(scan, q, inside, goal):
                continue
            held.add(q.id)
            out.append(_target(report, scan, q, goal, year))
    out += forecast_targets(report, scan, qs, held, year)
    return sorted(out, key=lambda t: t.start)


# --------------------------------------------------------------------------- forecast targets

HONG_KONG = "香港特别行政区"
FORECAST_INDICATORS = LEXICON_DIR / "forecast_indicators.tsv"
# a future figure: the phrase before the value (可 and 降至 may have a period or a first step between)
FORECAST_RE = compiled(
    r"(?P<verb>将(?:会)?(?:达到|达至|达|增至|增加至|提升至|提高至|降至|减至|缩短至)|会(?:达到|达至|达|增至|降至)"
    r"|(?<=可)[^，,；;。！？]{0,16}?(?:降至|缩短至|减至|增至|提升至|达至|达到)|预计(?:将|可|会)?(?:有|提供|达到|达至|达)?|提供约"
    r"|(?<=可)[^，,；;。！？]{0,16}[，,](?:降至|缩短至|减至|增至|提升至))")
# the predicate the subject of a forecast clause ends at (可在2026-27年度…, 将达, 预计)
FORECAST_SUBJECT_END_RE = compiled(r"可|将|会|预计|估计|提供")


@lru_cache(maxsize=1)
def forecast_indicators() -> frozenset[str]:
    """The indicator ids of ``lexicon/forecast_indicators.tsv``."""
    return frozenset(line.strip() for line in FORECAST_INDICATORS.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def _forecast_phrase(verb: str) -> str:
    """The phrase as the target's ``goal``: ``将达``, ``降至`` (可…降至: the verb), ``预计``."""
    m = re.search(r"(?:降至|缩短至|减至|增至|提升至|达至|达到)$", verb)
    if verb.startswith(("将", "会", "预计", "提供")) or not m:
        return verb
    return m.group(0)


def _forecast_metric(scan: str, cs: int, verb_start: int) -> tuple[Optional[str], int]:
    """The metric of a forecast whose clause starts at ``cs`` and whose phrase at ``verb_start``, with
    where the clause naming it starts: the subject before the phrase in its clause, else the subject
    of a clause before (:func:`_previous_subject`); ``(None, cs)`` when neither has a listed indicator."""
    head = scan[cs:verb_start]
    lead = METRIC_LEAD_RE.match(head)
    rest = head[lead.end() if lead else 0 :]
    stop = FORECAST_SUBJECT_END_RE.search(rest)
    own = _strip(rest[: stop.start()] if stop else rest)
    wanted = forecast_indicators()
    if 2 <= len(own) <= MAX_METRIC and canonical_id(own) in wanted:
        return own, cs
    before = _previous_subject(scan, cs)
    if before and canonical_id(before) in wanted:
        return before, _clause_start(scan, cs - 1, "。；;！？!?\n")
    return None, cs


def forecast_targets(report: Report, scan: str, qs: Sequence[Quantity], held: set, year: Optional[int]) -> list[Target]:
    """The forecast targets of a Hong Kong address (module docstring) whose quantity ``held`` does
    not hold; ``held`` gains theirs.  Other regions: none."""
    if report.meta.region != HONG_KONG:
        return []
    out: list[Target] = []
    for m in FORECAST_RE.finditer(scan):
        cs = _clause_start(scan, m.start() + 1)  # 可在2026-27年度…，降至: the clause of 可
        end = _clause_group_end(scan, m.end(), "，,；;。！？!?\n")
        metric, lo = _forecast_metric(scan, cs, m.start())
        if metric is None:
            continue
        inside = [q for q in qs if m.end() <= q.start and q.end <= end]
        goal = Goal(_forecast_phrase(m.group("verb")), m.start(), end, lo)  # 降至 before the value
        values = [q for q in inside if _is_value(scan, q, inside, goal)]
        if not values or values[0].id in held:
            continue
        q = values[0]
        if REVIEW_RE.search(scan, lo, q.start):
            continue  # 已…, 过去…, 累计…: what was done
        target = _target(report, scan, q, goal, year, metric)
        if _long_range(target.period, year):
            continue  # 未来30年（2019至2048年）整体土地供应将达…: a planning study's projection
        held.add(q.id)
        out.append(target)
    return out


# a forecast reaching further than this many years past the address is a projection, not a target
MAX_FORECAST_YEARS = 10


def _long_range(period: Optional[str], year: Optional[int]) -> bool:
    """Does ``period`` name a year more than :data:`MAX_FORECAST_YEARS` after ``year``?"""
    named = [int(y) for y in YEAR_IN_RE.findall(period or "")]
    return bool(named and year and max(named) - year > MAX_FORECAST_YEARS)


LEADING_NUMBER_RE = compiled(r"\s*(?:\d{1,3}\s*[.．、](?!\d)\s*)?")


def _target(report: Report, scan: str, q: Quantity, goal: Goal, year: Optional[int],
            metric: Optional[str] = None) -> Target:
    """The target ``goal`` sets with value ``q`` (its metric ``metric`` when given, else :func:`_metric`'s)."""
    # an item of a 目标如下： list is its own line: the target is that line's, not the whole list's
    start = min(max(goal.clause_start, scan.rfind("\n", 0, q.start) + 1), q.start)
    start = LEADING_NUMBER_RE.match(scan, start).end()  # not the paragraph number (1. 我们的目标是…)
    end = max(q.end, min(goal.end, _clause_group_end(scan, q.end, "，,；;。！？!?\n")))
    metric = metric or _metric(scan, q, goal)
    ms = scan.rfind(metric, 0, goal.end + len(metric))  # the metric may be the clause before's subject
    horizon, period = _period(report, scan, goal, q, year)
    lo = max(goal.clause_start, _clause_start(scan, q.start, "，,；;。：:"))
    return Target(
        id="", block=report.block_id_at(start), start=start, end=end, text=report.text[start:end],
        year=year, indicator=canonical_id(metric, q.unit),  # on the simplified view: 公屋輪候時間 too
        metric=as_written(report, scan, metric, ms, ms + len(metric)) if ms >= 0 else metric,
        value=q.value, low=q.low, high=q.high, unit=q.unit, qualifier=q.qualifier, quantity=q.id,
        normalized=q.normalized, base_unit=q.base_unit,
        scope="measure",
        horizon=horizon, period=period, goal=goal.phrase, direction=_direction(scan, q, lo),
    )


def with_goals(report: Report, targets: Sequence[Target]) -> list[Target]:
    """``targets`` with the goal targets of ``report`` added, in report order, renumbered ``t1``…;
    ``targets`` unchanged (same ids) when the report states no goal target."""
    extra = goal_targets(report, targets)
    if not extra:
        return list(targets)
    merged = sorted(list(targets) + extra, key=lambda t: t.start)
    return [replace(t, id=f"t{i}") for i, t in enumerate(merged, 1)]
