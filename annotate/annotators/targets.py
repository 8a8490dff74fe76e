"""Targets: the indicator values a report sets for the coming year (DOMAIN.md 4).

Contract: :func:`annotate_targets` adds ``report.targets``, stand-off :class:`model.Target`
records ``t1``, ``t2`` … in report order.  Each names the target clause as written
(``start``/``end``/``text``), the year it is for (``report.meta.year``), the canonical indicator
id or None, the metric, and the value with its unit and qualifier (all None for a target with no
number, such as ``国际收支基本平衡``).

Where targets come from:
1. The targets block: the text after a trigger (``主要预期目标是：``, ``建议主要指标安排如下：``, the
   2020 national report's ``预期目标作了适当调整。``, ``今年…主要目标是：``), read clause by clause
   until a sentence sets no target (commentary such as ``上述主要预期目标，体现了…``).  Five-year
   goals (``“十五五”时期…主要目标是``) are not the year's targets and are skipped.
2. A GDP growth target stated only in commentary (``经济增长预期为7%左右``) when the block has none.
3. Numeric targets inside the measures, after the block (``森林覆盖率达到35%``,
   ``新增造林面积2.3万亩``): a lexicon metric directly followed by its value, or a target verb,
   the value and the metric it counts (``今年要完成1000万以上农村贫困人口脱贫任务``); in a report with
   a targets block also any metric written before its value that ends in a measure noun
   (``lexicon/measure_nouns.txt``: ``区级覆盖率达80%以上``, ``中央预算内投资拟安排7000亿元``; a ``分别``
   list, one per value), but not a count of things built or done (``建设高标准农田12万亩``), a
   forecast (``预计``) or a review.

Metrics listed with ``、`` before one shared predicate or value (``单位生产总值能耗、单位生产总值二氧化碳
排放量进一步下降``) are one target each, and so are values joined by ``、`` that each name their metric
(``城镇新增就业60万人左右、城镇调查失业率5.5%左右``).  ``增长6%以上、力争达到7%`` is one target with a
``stretch``; ``一、二、三产增加值分别增长…`` one target per industry with its ``component``.  Growth
compared with growth (``收入增长快于经济增长``) is no target.  Never in the review half, which comes
before the block.

A report with no block that states its plan in prose (national reports before 1996) has the
figures of its plan passage (:mod:`.plan_passage`) as its block, and after it every figure a sentence
says is planned for the plan year as the passage's opener does (``钢产量拟定为…``); a trigger that
announces a list (``…主要指标安排如下。``) reads on across paragraphs that open with a run-in label
(``农业，…``), and a total that names no owner there is the label's (``轻工业，总产值…``).  A trigger
sentence that names the plan year (``1981年国民经济计划主要指标安排如下``, in the report of 1980) dates
the targets; else the report's year does.

Every target carries ``scope`` (``headline`` for the block and a restated GDP target, ``measure``
for 3., except that in a plan in prose a lexicon indicator's figure for the year is ``headline``),
``horizon`` (``year``, or ``multi_year`` for a measure set 到2030年 / “十五五” / 年均) and ``period``
(the year, or that span).

Every clause of the block is a target, numeric or not: a clause that declares a list (``…等指标达到
国家要求``, ``…和…均完成国家下达任务``) is one target per item, lexicon or not (:func:`_declared_list`);
a goal stated verb first inside a targets sentence (``重点控制化石能源消费``) has the steered object as
its metric.

A report without a targets block (Hong Kong policy addresses) gets no targets: nothing here
guesses targets from scattered numbers.  :func:`target_blocks` exposes the blocks found, for the
evaluation in ``bench/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional, Sequence

from ..lexicon import DIR as LEXICON_DIR
from ..model import Quantity, Report, Target
from ..reading.numerals import parse_number
from . import register
from .plan_passage import later_plan_figures, plan_passage
from .plan_passage import years_named as _years_named
from .goal_targets import with_goals
from ..lazyre import compiled
from .indicators import (
    PREDICATE_RE,
    Clause,
    as_written,
    canonical_id,
    clauses,
    expand_pair,
    load_lexicon,
    lookup,
    metric_span,
    quantities_in,
    scan_text,
)

# --------------------------------------------------------------------------- triggers

TRIGGER_RE = compiled(
    r"(?:主要)?预期目标\s*(?:建议|拟|初步|确定|设定|安排)?\s*(?:是|为)\s*[:：，,]"
    r"|主要预期目标\s*[:：]"
    r"|主要(?:预期)?指标\s*(?:是|为)\s*[:：]"
    r"|(?:主要(?:预期)?|预期)(?:指标|目标)\**\s*(?:建议|拟|初步)?\s*(?:安排)?\s*(?:建议)?\s*如下\s*[:：]"
    r"|指标安排如下\s*[:：。]"
    r"|预期目标(?:作了|作出了|做了|进行了)(?:适当|相应|必要)?(?:的)?调整\s*[。，：:；]"
    r"|(?:今年|明年|\d{4}\s*年)[^。：:\n]{0,30}?主要(?:发展)?目标\s*(?:是|为)\s*[:：]"
)
# A multi-year plan's goals are not the year's targets.
FIVE_YEAR_RE = compiled(r"时期|五年|“十.五”|到20\d\d年")

MULTI_YEAR_HEAD_RE = compiled(r"\s*(?:到|至)\s*20\d\d\s*年")

# Sentences that comment on the targets rather than set them end the block.
STOP_SENTENCE_RE = compiled(
    r"^(?:上述|这些|以上|确定|提出|实现|为实现|为了实现|完成上述|完成全年|今年要|今年重点|重点|具体|做好|需要说明|"
    r"综合|我们|各位|要|必须|经济增速|经济增长预期|经济增长目标|经济增长速度|今年的|[（(]?[一二三四五六七八九十]+[)）、])"
)
# Clauses that comment inside a target sentence (``在实际工作中争取更好结果``).
SKIP_CLAUSE_RE = compiled(
    r"^(?:在实际工作中|实际工作中|根据|并|这|上述|确定|需要|为此|今年要|今年|要|坚决|体现|考虑|兼顾|目的|"
    r"与|同|对|从|把|将|以)"
)
# One growth compared with another (``居民收入增长快于经济增长``, ``高于全国平均水平``) sets no target.
GROWTH_COMPARED_RE = compiled(r"(?:快于|慢于|高于|低于|超过|跑赢)[^，；。]{0,12}(?:增长|增速|平均水平)")
# An aspiration is commentary (努力争取更好结果, 力争比去年实现更多增长) unless it names a metric
# (力争地区生产总值增长7%).
ASPIRATION_RE = compiled(r"^(?:努力|争取|力争)")
# Predicates that make a clause without a number a target (``国际收支基本平衡``).
QUALITATIVE_RE = compiled(
    r"平衡|同步|向好|提质|提效|质升|防控|实质性进展|稳定|下降|减少|改善|优良|增长|合理水平|国家要求|完成|脱贫|摘帽|持平|"
    r"统筹考核|衔接|下达|有所增加|有所提高"
)

GDP_RESTATED_RE = compiled(
    r"(?:经济增长|经济增速|增长)(?:的)?预期(?:目标)?(?:设定)?\s*(?:为|是)?\s*"
    r"|经济增长(?:的)?目标(?:设定)?\s*为\s*"
    r"|预期目标设定\s*(?:为)?\s*"
)

# Measures: a lexicon metric, a short predicate, then its value.
MEASURE_GAP_RE = compiled(r"^\s*(?:年均|平均)?(?:达到|达|提高到|提升到|提高至|提升至|稳定在|保持在|控制在|增长|下降|降低|超过|突破)?\s*$")
# (比去年, 较上年 compare a target with last year; they report nothing)
REVIEW_WORDS_RE = compiled(r"(?<![比较])(?:去年|上年)|过去|累计|已经|已")
# A forecast (预计今年高校毕业生超过1170万人) sets nothing.
FORECAST_RE = compiled(r"预计|预期")

MAX_BLOCK_CHARS = 4000
MAX_CLAUSE_CHARS = 80


@dataclass(frozen=True)
class TargetBlock:
    """The stretch of ``report.text`` holding the year's main targets."""

    start: int  # where the trigger starts
    end: int  # end of the last target clause
    trigger: str
    year: Optional[int] = None  # the plan year the block names, when it names one (prose passages)


# --------------------------------------------------------------------------- helpers


def _scan_text(report: Report) -> str:
    return scan_text(report)


def _year(report: Report, text: str, block_start: Optional[int]) -> Optional[int]:
    """The year targets are for: ``meta.year``; else a year named just before the block, or the
    year the report was delivered (``——2024年3月5日在…``)."""
    if report.meta.year:
        return report.meta.year
    if report.meta.review_year:
        return report.meta.review_year + 1
    if block_start is not None:
        before = text[max(0, block_start - 300) : block_start]
        years = re.findall(r"(20\d\d)\s*年", before)
        if years:
            return int(years[-1])
    m = re.search(r"(20\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", text[:2000])
    if m:
        return int(m.group(1))
    return None


@dataclass
class _Found:
    start: int
    end: int
    metric: str
    indicator: Optional[str]
    quantity: Optional[Quantity]
    # a clause that only names the metric (``工农业总产值，比1980年预计增长5.5%``): a next clause that
    # goes on with it replaces it; else it stays a target when the lexicon knows the metric
    bare: bool = False
    scope: str = "headline"
    component: Optional[str] = None
    stretch: Optional[Quantity] = None


CONTINUATION_RE = compiled(
    r"(?:同比|比上年|比去年|较上年|年均|分别|比\s*\d{4}\s*年(?:预计数?)?|\s)*(?:增长|增速|下降|降低|减少|提高|提升|增加)")
# an amount added to a level just stated (``粮食产量34,250万吨，比1980年预计增加1,000万吨``) restates it
INCREMENT_RE = compiled(r"(?:比\s*\d{4}\s*年(?:预计数?)?|比上年|比去年)?\s*(?:增加|减少)")


# A total that names no owner (总产值, 总的投资额): whose it is the run-in label of its paragraph says
HEADLESS_TOTAL_RE = re.compile(r"总的?(?:产值|产量|投资额?)")
PARAGRAPH_LABEL_RE = re.compile(r"[ \t\u3000]*([^\s，。；、：:\d%]{2,6})[，,]")


def _owned_total(text: str, cl: Clause, span: Optional[tuple[int, int]], q: Quantity) -> Optional[_Found]:
    """The target of a clause whose metric is a total that names no owner, owned by the run-in label
    that opens its paragraph (``轻工业，总产值比1980年预计增长8%`` is 轻工业总产值; ``基本建设，国家预算内
    直接安排的投资，加上…，总的投资额控制在550亿元左右`` is 基本建设总投资额), from the label on; else None."""
    if span is None or not HEADLESS_TOTAL_RE.fullmatch(text, *span):
        return None
    para = text.rfind("\n", 0, cl.start) + 1
    label = PARAGRAPH_LABEL_RE.match(text, para)
    if label is None or label.end() > cl.start or "。" in text[label.end() : cl.start]:
        return None
    metric = label.group(1) + text[span[0] : span[1]].replace("的", "")
    return _Found(label.start(1), cl.end, metric, canonical_id(metric, q.unit), q)


def _value_clause_targets(text: str, cl: Clause, cq: list[Quantity], previous: Optional[_Found]) -> list[_Found]:
    if (previous is not None and previous.quantity is not None and INCREMENT_RE.match(text, cl.start)
            and not _is_ratio(cq[0])):
        return []  # ``增加20万吨`` after ``纸520万吨``: the change restates the level
    span = metric_span(text, cl.start, cq[0].start) or _one_char_metric(text, cl.start, cq[0].start)
    if previous is not None and previous.bare and (span is None or LOCATIVE_RE.match(text, span[0])):
        # ``劳动就业，在城镇安排600万人``: the run-in label names what the value counts
        q = cq[0]
        return [_Found(previous.start, cl.end, previous.metric, canonical_id(previous.metric, q.unit), q)]
    owned = _owned_total(text, cl, span, cq[0])
    if owned is not None:
        return [owned]
    if span is None:
        # ``国内生产总值实现360亿元，增长14.5%``: the growth continues the previous clause's metric
        if previous is not None and CONTINUATION_RE.match(text, cl.start):
            q = cq[0]
            start = previous.start if previous.bare else cl.start
            return [_Found(start, cl.end, previous.metric, canonical_id(previous.metric, q.unit), q)]
        return []
    ms, me = span
    metric = text[ms:me]
    lex = load_lexicon()
    if "分别" in cl.text and len(cq) >= 2:
        # the ordinal head (一、二、三产) reads like list numbers to metric_span: try the clause head too
        parts = ordinal_parts(metric, len(cq)) or ordinal_parts(text[cl.start : me], len(cq))
        if parts:
            return [_Found(cl.start, cl.end, n, canonical_id(n, q.unit, lex), q, component=c)
                    for (n, c), q in zip(parts, cq)]
        names = expand_pair(metric, len(cq), lex)
        if names:
            return [_Found(cl.start, cl.end, n, canonical_id(n, q.unit, lex), q) for n, q in zip(names, cq)]
    q = cq[0]
    listed = listed_metrics(text, ms, cq[0].start)
    if listed:
        return [_Found(cl.start, cl.end, n, canonical_id(n, q.unit, lex), q) for n in listed]
    first = _Found(cl.start, cl.end, metric, canonical_id(metric, q.unit, lex), q)
    return _joined_by_dun(text, cl, cq, first)


# ``增长6%以上、力争达到7%``: a value striven for beyond the floor just stated
STRETCH_RE = compiled(r"\s*[、，,]?\s*(?:并)?(?:力争|争取|努力)(?:达到|实现|增长|突破|超过)?\s*$")
DUN_RE = compiled(r"\s*、")


def _stretch_clause(scan: str, cl: Clause, quantities: Sequence[Quantity],
                    previous: Optional[_Found]) -> Optional[_Found]:
    """``previous`` with a stretch value when ``cl`` is only ``力争达到7%`` after it, else None."""
    if previous is None or previous.quantity is None or previous.stretch is not None:
        return None
    cq = quantities_in(quantities, cl.start, cl.end)
    if len(cq) != 1 or not STRETCH_RE.fullmatch(scan[cl.start : cq[0].start]):
        return None
    if (cq[0].base_unit or cq[0].unit) != (previous.quantity.base_unit or previous.quantity.unit):
        return None
    return replace(previous, stretch=cq[0], end=cl.end)


def _joined_by_dun(text: str, cl: Clause, cq: list[Quantity], first: _Found) -> list[_Found]:
    """The targets of a clause whose values are joined by ``、``: each value after a ``、`` that names
    its own metric is a target of its own (``城镇新增就业60万人左右、城镇调查失业率5.5%左右``); one
    after ``、力争`` is the stretch of the value before (``增长6%以上、力争达到7%``)."""
    out = [first]
    lex = load_lexicon()
    for prev_q, q in zip(cq, cq[1:]):
        gap = text[prev_q.end : q.start]
        if STRETCH_RE.fullmatch(gap):
            out[-1] = replace(out[-1], stretch=q, end=max(out[-1].end, q.end))
            continue
        dun = DUN_RE.match(gap)
        if dun is None:
            continue
        span = metric_span(text, prev_q.end + dun.end(), q.start)
        if span is None:
            continue
        name = text[span[0] : span[1]]
        if not out[-1].stretch and out[-1].quantity is prev_q:
            out[-1] = replace(out[-1], end=prev_q.end)
        out.append(_Found(span[0], q.end, name, canonical_id(name, q.unit, lex), q))
    if len(out) > 1:
        out[-1] = replace(out[-1], end=cl.end)
    return out


# ``一、二、三产增加值分别增长3%以上、6.5%左右、5.5%以上``, ``一二三产业增加值分别…``: one target per industry
ORDINAL_RE = compiled(r"^(?P<ords>[一二三](?:[、，,]?[一二三]){1,2})(?:次)?(?P<noun>产业|产)(?P<rest>.*)$")


def ordinal_parts(metric: str, n: int) -> Optional[list[tuple[str, str]]]:
    """``[(metric, component)]`` for an ordinal list of industries that 分别 pairs with ``n`` values:
    ``一、二、三产增加值`` → (第一产业增加值, 一产), (第二产业增加值, 二产), (第三产业增加值, 三产); else None."""
    m = ORDINAL_RE.match(metric)
    if m is None:
        return None
    ords = [c for c in m.group("ords") if c in "一二三"]
    if len(ords) != n:
        return None
    return [(f"第{o}产业{m.group('rest')}", f"{o}产") for o in ords]


# A one-character product named right before its value in a list (纸520万吨, 糖260万吨, 表2,360万只).
NOT_ONE_CHAR_METRIC = set("约近超达为共和及或等年月日是有增减降升至到从比较逾余")


def _one_char_metric(text: str, start: int, stop: int) -> Optional[tuple[int, int]]:
    """``(start, stop)`` when that stretch is one CJK ideograph (U+4E00-U+9FFF) that may name a product, else None."""
    # a comparison, not the class regex ``[\u4e00-\u9fff]``: compiling that class cost ~1.5 ms a process
    if stop - start == 1 and "\u4e00" <= text[start : start + 1] <= "\u9fff" and text[start] not in NOT_ONE_CHAR_METRIC:
        return start, stop
    return None


def _is_ratio(q: Quantity) -> bool:
    return (q.base_unit or q.unit or "") in ("%", "％", "个百分点", "百分点", "‰")


def listed_metrics(scan: str, start: int, stop: int) -> Optional[list[str]]:
    """The metrics a clause lists with ``、`` (or joins by ``和``) before the predicate (or value)
    they share, or None.

    ``单位生产总值能耗、单位生产总值二氧化碳排放量进一步下降`` sets two targets, one per metric, so a
    year that names both and a year that names one compare metric by metric.  A list is one when
    every member holds a lexicon wording, or when the clause says it is a list whatever its members
    (:func:`_declared_list`: ``能源、水资源等指标达到国家要求``, ``…和地表水水质优良率均完成…``);
    else a ``、`` inside a longer name is no list.
    """
    pred = PREDICATE_RE.search(scan, start, stop)
    head = scan[start : pred.start() if pred else stop].strip()
    # a clause that ends in 等 and its closer lists everything before it, predicate-like words and
    # all (节能减排和水土保持等任务: 保持 is part of an item there)
    whole = scan[start:stop].strip()
    declared = ((_declared_list(whole, "") if END_OF_LIST_RE.search(whole) else None)
                or _declared_list(head, scan[pred.start() : stop] if pred else ""))
    if declared:
        return declared
    lex = load_lexicon()
    if "、" in head:
        parts = [p.strip() for p in head.split("、")]
        if len(parts) >= 2 and all(2 <= len(p) <= 24 and lookup(p, lex) is not None for p in parts):
            return parts
        return None
    # 单位国内生产总值能耗和主要污染物排放量继续下降: two metrics joined by 和 share the predicate.  Only when
    # each side is an indicator of its own (城镇和农村居民收入 is one metric's components, 居民收入和经济增长
    # a comparison, 节能减排降碳和环境质量改善 more than two lexicon wordings can tell apart).
    parts = [p.strip() for p in AND_RE.split(head)]
    if len(parts) != 2 or not all(4 <= len(p) <= 24 for p in parts):
        return None
    ids = [canonical_id(p, None, lex) for p in parts]
    if None in ids or ids[0] == ids[1]:
        return None
    for p in parts:  # each side is its wording, give or take a last 量/率 (主要污染物排放量)
        m = lookup(p, lex)
        if m is None or m.start() != 0 or len(p) - m.end() > 1:
            return None
    return parts


# What closes a list of items that share one predicate: ``等指标``, ``等任务``, ``约束性指标``, ``目标``
LIST_CLOSER_RE = compiled(r"等?(?:约束性)?(?:指标|任务|目标)$|等$")
END_OF_LIST_RE = compiled(r"等(?:约束性)?(?:指标|任务|目标)?$")
# a predicate that distributes over what came before (``均完成``, ``都达到``)
DISTRIBUTIVE_RE = compiled(r"均|都")
LIST_ITEM_RE = compiled(r"[^\s，,；;。、和及与]+")


def _declared_list(head: str, rest: str) -> Optional[list[str]]:
    """The items of a list the clause itself declares, each a target of its own, or None.

    A list is declared by a closer (``生态环境质量、能源、水资源等指标达到国家要求``, ``节能减排和环境保护
    等任务``, ``节能减排降碳约束性指标和环境质量改善目标``) or a distributive predicate (``空气质量优良天数
    比率和地表水水质优良率均完成国家下达任务``).  Items are split at ``、`` and at one ``和``/``及``; each
    loses its own closer.  Items joined by ``和`` must be four characters or more (``城镇和农村居民
    收入`` is one metric's components, not a list)."""
    closed = LIST_CLOSER_RE.search(head)
    if not closed and not DISTRIBUTIVE_RE.match(rest) and not LIST_CLOSER_RE.search(rest.strip()):
        return None  # (a closer may follow the shared predicate: 节能减排降碳和环境质量改善约束性指标)
    body = head[: closed.start()] if closed else head
    pieces = [p.strip() for p in body.split("、")]
    joined = AND_RE.split(pieces[-1])
    if len(joined) > 2:
        return None
    items = [LIST_CLOSER_RE.sub("", p).strip() for p in pieces[:-1] + joined]
    if len(items) < 2 or not all(LIST_ITEM_RE.fullmatch(p) and 2 <= len(p) <= 12 for p in items):
        return None
    if len(joined) == 2 and not all(len(LIST_CLOSER_RE.sub("", p).strip()) >= 4 for p in joined):
        return None
    return items


AND_RE = compiled(r"和|及|以及")


def clause_targets(text: str, scan: str, cl: Clause, quantities: Sequence[Quantity],
                   previous: Optional[_Found] = None) -> list[_Found]:
    """The targets one clause of a targets block sets (none for commentary); ``previous`` is the
    last target of the same sentence, which a bare ``增长14.5%`` continues."""
    t = scan[cl.start : cl.end]
    stretch = _stretch_clause(scan, cl, quantities, previous)
    if stretch is not None:
        return [stretch]
    if previous is not None and previous.bare and PREDICATE_ONLY_RE.match(t) and QUALITATIVE_RE.search(t):
        # ``其他…的产量和造林面积，也将有一个新的增长``: the predicate of the metric named before
        return [replace(previous, end=cl.end, bare=False)]
    if SKIP_CLAUSE_RE.match(t) or len(t) > MAX_CLAUSE_CHARS:
        return []
    if GROWTH_COMPARED_RE.search(t) and not quantities_in(quantities, cl.start, cl.end):
        return []  # ``收入增长快于经济增长`` compares two growths; it sets no value
    if ASPIRATION_RE.match(t) and lookup(t) is None:
        return []
    cq = [q for q in quantities_in(quantities, cl.start, cl.end)]
    # a count of kinds that names the metric (十种有色金属108万吨) is part of the name, not its value
    while len(cq) > 1 and (cq[0].unit or "") in ("种", "类") and not _is_ratio(cq[1]):
        cq = cq[1:]
    if cq:
        return _value_clause_targets(scan, cl, cq, previous)
    lex = load_lexicon()
    if PREDICATE_ONLY_RE.match(t):
        return []  # a predicate with no metric before it (``都将有不同程度的增长``)
    steered = _steered_object(scan, cl) if previous is not None else None
    if steered is not None:
        return [steered]
    m = lex.pattern.search(t)
    span = metric_span(scan, cl.start, cl.end)
    if m is None and not QUALITATIVE_RE.search(t):
        # a clause that is only a name (``其他轻工业品的产量``) may be continued by a predicate
        if span is not None and scan[span[0] : span[1]] == t:
            return [_Found(cl.start, cl.end, t, None, None, bare=True)]
        return []
    if span is None:
        return []
    metric = scan[span[0] : span[1]]
    inner = INNER_PREDICATE_RE.search(t, 2)
    if m is None and metric == t and inner and QUALITATIVE_RE.search(t, inner.end()):
        # ``民用航空客货运总周转量和邮电业务总量都将有所增加``: the metric ends at 都将
        metric = t[: inner.start()]
        span = (cl.start, cl.start + inner.start())
    if m is None and (metric == t or not QUALITATIVE_RE.search(t, span[1] - cl.start)):
        return []  # a target needs a metric and something said about it
    names = listed_metrics(scan, span[0], cl.end) or [metric]
    bare = not QUALITATIVE_RE.search(t)  # the clause only names the metric; the next may go on with it
    return [_Found(cl.start, cl.end, n, canonical_id(n, None, lex), None, bare=bare) for n in names]


# A goal stated verb first (重点控制化石能源消费, 严格控制新增建设用地): the verb steers what follows it.
STEER_RE = compiled(r"(?:重点|严格|合理|有效|大力)?(?:控制|调控|压减|遏制|压降|削减)(?P<object>[^\s，,；;。、\d%％]{2,12})")


def _steered_object(scan: str, cl: Clause) -> Optional[_Found]:
    """A clause of a targets sentence that steers a quantity with no number (``重点控制化石能源消费``):
    a headline target whose metric is the object steered, else None.  Only asked of a clause that
    follows a target in its sentence, so commentary does not open a block."""
    m = STEER_RE.fullmatch(scan, cl.start, cl.end)
    if m is None:
        return None
    obj = m.group("object")
    return _Found(cl.start, cl.end, obj, canonical_id(obj, None, load_lexicon()), None)


# A clause that is only a predicate, going on with the metric of the clause before.
PREDICATE_ONLY_RE = compiled(r"(?:也|都|均|仍|还)(?:将|要|会)?|将(?:有|继续)")

# A locative phrase is not a metric (``在城镇安排600万人``).
LOCATIVE_RE = compiled(r"在|对|向|从")
INNER_PREDICATE_RE = compiled(r"(?:都|均|也|还)(?:将|要|会)?|将(?=有|继续)")

LIST_MARK_RE = compiled(r"\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[)）]|[-•·]|——)")


# A run-in label opening a paragraph of an announced list (``农业，粮食产量34,250万吨``, ``教育、…``).
RUN_IN_LABEL_RE = compiled(r"\s*[^\s，。；、：:\d%]{2,6}[，,、]")


def _closed_paragraph(scan: str, last_end: int, next_start: int, announced: bool = False) -> bool:
    """True when a paragraph ended with a full stop between the last target and ``next_start``
    and what follows is not the next entry of a numbered or bulleted list (nor, in a list the
    trigger announced with ``如下``, a paragraph opening with a run-in label)."""
    gap = scan[last_end:next_start]
    nl = gap.find("\n")
    if nl < 0:
        return False
    before = scan[: last_end + nl].rstrip(" \t　*")
    if not before.endswith(("。", "！", "？", "!", "?")):
        return False
    if announced and RUN_IN_LABEL_RE.match(scan, last_end + nl + 1):
        return False
    return not LIST_MARK_RE.match(scan, last_end + nl + 1)


def _settle_bare(got: list[_Found]) -> list[_Found]:
    """A clause that only named a metric and that no later clause went on with is a target of its
    own when the lexicon knows the metric (``国际收支``), else nothing (a run-in label); one inside a
    later target's clause is part of it (``基本建设，国家预算内直接安排的投资，加上…，总的投资额控制在550亿元``)."""
    def inside(f: _Found) -> bool:
        return any(g is not f and not g.bare and g.start <= f.start and f.end <= g.end for g in got)

    return [replace(f, bare=False) for f in got if not (f.bare and (f.indicator is None or inside(f)))]


def _block_targets(text: str, scan: str, start: int, quantities: Sequence[Quantity],
                   announced: bool = False) -> tuple[list[_Found], int]:
    """Read targets from ``start`` until a sentence sets none; returns them and the block end.
    ``announced``: the trigger announced a list (``…如下``)."""
    limit = min(len(text), start + MAX_BLOCK_CHARS)
    found: list[_Found] = []
    end = start
    by_sentence: dict[int, list[Clause]] = {}
    for cl in clauses(scan, start, limit):
        by_sentence.setdefault(cl.sentence, []).append(cl)
    skipped = label_skips = 0
    for _, cls in sorted(by_sentence.items()):
        first = scan[cls[0].start : cls[0].end]
        if found and STOP_SENTENCE_RE.match(first):
            break
        if found and _closed_paragraph(scan, end, cls[0].start, announced):
            break  # a finished paragraph ends the block; a list (items ending in ；) goes on
        got: list[_Found] = []
        for cl in cls:
            new = clause_targets(text, scan, cl, quantities, got[-1] if got else None)
            if new and got and new[0].start == got[-1].start:
                got[-1] = new.pop(0)  # the clause went on with the previous target (a stretch, a predicate)
            got.extend(new)
        got = _settle_bare(got)
        if not got and found and announced and label_skips < 2 and RUN_IN_LABEL_RE.match(scan, cls[0].start):
            label_skips += 1  # an entry of the announced list that sets no figure (科学技术，…)
            continue
        if got:
            label_skips = 0
        if not got:
            if found or skipped >= 2:
                break
            skipped += 1
            continue
        found.extend(got)
        end = got[-1].end
    return found, end


def target_blocks(report: Report) -> list[TargetBlock]:
    """The main targets block(s) of ``report`` (usually one; empty when it has none)."""
    return [b for b, _ in _find_blocks(report)]


# The last report's blocks: ``(text, quantities, meta, blocks)``.  Commitments ask for the blocks (through
# :func:`target_blocks`) and the targets layer asks again on the next annotator's copy of the same report; every
# annotator's ``replace`` passes ``text``, ``quantities`` and ``meta`` on as the same objects, so their identity
# says the answer is the same (held here, they cannot be freed and their ids reused).
_LAST_BLOCKS: Optional[tuple] = None


def _find_blocks(report: Report) -> list[tuple[TargetBlock, list[_Found]]]:
    """The main targets block(s) of ``report`` with the targets read in each (see :func:`_search_blocks`).

    Contract: the same as ``_search_blocks(report)``; the answer for the last report asked about is reused
    while its text, quantities and meta are the same objects (the block search reads nothing else), so a
    tagging pass searches once where it searched twice (~1.5-3 ms a report).  Callers must not mutate it."""
    global _LAST_BLOCKS
    last = _LAST_BLOCKS
    if last is not None and last[0] is report.text and last[1] is report.quantities and last[2] is report.meta:
        return last[3]
    blocks = _search_blocks(report)
    _LAST_BLOCKS = (report.text, report.quantities, report.meta, blocks)
    return blocks


def _search_blocks(report: Report) -> list[tuple[TargetBlock, list[_Found]]]:
    """The first trigger's block that sets targets, with its targets; else the plan passage in prose; else []."""
    scan = _scan_text(report)
    qs = sorted(report.quantities, key=lambda q: q.start)
    for m in TRIGGER_RE.finditer(scan):
        if "主要目标" in m.group(0) and FIVE_YEAR_RE.search(m.group(0)):
            continue
        # the sentence that holds the trigger must not be about a multi-year plan either
        sent_start = max(scan.rfind("。", 0, m.start()), scan.rfind("\n", 0, m.start())) + 1
        if "主要目标" in m.group(0) and FIVE_YEAR_RE.search(scan[sent_start : m.start()]):
            continue
        if MULTI_YEAR_HEAD_RE.match(scan, m.end()):
            continue  # ``主要预期目标是：到2015年，…``: a plan period's goals, not the year's
        found, end = _block_targets(report.text, scan, m.end(), qs, "如下" in m.group(0))
        if found:
            # one main block per report: the first trigger that sets targets
            year = _named_plan_year(scan[sent_start : m.end()], report.meta.year)
            return [(TargetBlock(m.start(), end, m.group(0), year), found)]
    return _prose_block(report, scan, qs)


def _named_plan_year(sentence: str, meta_year: Optional[int]) -> Optional[int]:
    """The plan year the trigger's sentence names (``1981年国民经济计划主要指标安排如下`` in the report
    delivered in 1980), or None.  Only the report's year or the next is taken: a report delivered late
    in the year plans the next (the year it was delivered is its ``meta.year`` when nothing else says),
    and no report plans further ahead outside a multi-year passage (skipped before this is asked)."""
    years = _years_named(sentence, with_nian=True)
    if not years:
        return None
    named = years[-1]
    if meta_year is None or named in (meta_year, meta_year + 1):
        return named
    return None


def _prose_block(report: Report, scan: str, qs: Sequence[Quantity]) -> list[tuple[TargetBlock, list[_Found]]]:
    """A report with no targets block may state its plan in prose (national reports before 1996):
    its plan passage (see :mod:`.plan_passage`) is the block."""
    got = plan_passage(scan, qs, report.meta.year)
    if got is None:
        return []
    start, end, year, figures = got
    found = [_Found(f.start, f.end, f.metric, f.indicator, f.quantity) for f in figures]
    return [(TargetBlock(start, end, "plan passage", _next_year_plan(scan, start, year, report.meta.delivered)), found)]


# the end of a sentence (the opener of a prose plan ends at its first)
SENTENCE_END_RE = re.compile(r"[。！？!?\n]")


def _next_year_plan(scan: str, opener: int, year: Optional[int], delivered: Optional[str]) -> Optional[int]:
    """The plan year of a prose passage whose opener plans ``明年`` and names no year (``明年国内生产总值计划
    增长8%``, in a report delivered late in the year): the year after delivery, when ``year`` is still
    the year the report was delivered; else ``year``."""
    stop = SENTENCE_END_RE.search(scan, opener)
    sentence = scan[opener : stop.end() if stop else len(scan)]
    if (year is not None and delivered and delivered[:4] == str(year) and "明年" in sentence
            and not _years_named(sentence, with_nian=True)):
        return year + 1
    return year


def _later_plan_figures(scan: str, qs: Sequence[Quantity], block: TargetBlock, taken: set[str]) -> list[_Found]:
    """Figures a prose plan sets for its year after its passage (:func:`.plan_passage.later_plan_figures`),
    one per indicator not yet set (the passage's own figure, read first, is the year's); adds what it
    takes to ``taken``."""
    out: list[_Found] = []
    for f in later_plan_figures(scan, qs, block.end, block.year):
        if not f.indicator or f.indicator in taken:
            continue
        taken.add(f.indicator)
        out.append(_Found(f.start, f.end, f.metric, f.indicator, f.quantity))
    return out


def _restated_gdp(scan: str, qs: Sequence[Quantity], start: int) -> Optional[_Found]:
    """``经济增长预期为7%左右`` when the block gave no GDP growth target."""
    by_start = {q.start: q for q in qs}
    for m in GDP_RESTATED_RE.finditer(scan, start):
        q = by_start.get(m.end())
        if q is None or not (q.unit or "").endswith(("%", "％")):
            continue
        sent_start = max(scan.rfind("。", 0, m.start()), scan.rfind("\n", 0, m.start())) + 1
        if REVIEW_WORDS_RE.search(scan[sent_start : m.start()]):
            continue
        return _Found(m.start(), q.end, "经济增长", "gdp_growth", q)
    return None


# ``完成1000万以上农村贫困人口脱贫任务``: a verb, the value, then the metric it counts
VALUE_FIRST_VERB_RE = compiled(r"(?:完成|实现|减少|再减少)\s*$")


def _value_first(scan: str, q: Quantity, lex) -> Optional[re.Match[str]]:
    """A lexicon metric right after ``q`` when a target verb comes right before it, else None."""
    verb = VALUE_FIRST_VERB_RE.search(scan, max(0, q.start - 4), q.start)
    if verb is None:
        return None
    return lex.pattern.match(scan, q.end)


MEASURE_NOUNS = LEXICON_DIR / "measure_nouns.txt"


@lru_cache(maxsize=1)
def _measure_head_re() -> re.Pattern[str]:
    """A metric that ends in a head noun of ``lexicon/measure_nouns.txt``."""
    words = [w.strip() for w in MEASURE_NOUNS.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    return compiled("(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")$")


# The predicate between a measure's metric and its value (稳定在, 拟按, 不低于 …), and words that open
# a clause without being the metric (确保, 今年, 拟安排).
MEASURE_PREDICATE_RE = compiled(
    r"(?:年均|平均)?(?:达到|达|提高到|提升到|提高至|提升至|提高|提升|稳定在|保持在|控制在|增长|下降|降低|超过|突破|"
    r"不少于|不低于|不超过|拟按|拟安排|安排|拟|为)*\s*$")
MEASURE_LEAD_RE = compiled(
    r"^(?:其中|确保|力争|争取|努力|今年|全年|年内|实现|推动|要|完成|合计|将|拟安排|安排|拟|发行)+")
# A count of a set inside the words before a value (形成10个营业收入超千亿元, 64个预增产值过10亿元)
# sizes a list of things, each with its own figure: not one metric.
MEASURE_COUNT_RE = compiled(r"[\d一二三四五六七八九十百千]+\s*(?:个|家|项|条|座|批)")
MEASURE_CLAUSE_SEP = "，,；;。！？!?：:、\n"
MAX_MEASURE_METRIC = 24


def _named_measure(scan: str, q: Quantity, start: int) -> Optional[_Found]:
    """``区级覆盖率达80%以上``: a value set for a metric written before it in its clause, the metric
    ending in a measure noun (:func:`_measure_head_re`), or None.  The metric runs from the clause
    start (past 确保, 今年 …) to the predicate before the value."""
    lo = max(max(scan.rfind(c, start, q.start) for c in MEASURE_CLAUSE_SEP) + 1, start)
    head = scan[lo : q.start]
    gap = MEASURE_PREDICATE_RE.search(head)
    metric = head[: gap.start()] if gap else head
    lead = MEASURE_LEAD_RE.match(metric)
    m_start = lo + (lead.end() if lead else 0)
    metric = scan[m_start : lo + len(metric)].strip()
    if (not (2 <= len(metric) <= MAX_MEASURE_METRIC) or not _measure_head_re().search(metric)
            or MEASURE_COUNT_RE.search(metric)):
        return None
    lex = load_lexicon()
    # a lexicon wording in the metric names its indicator (赤字率拟按3%安排 → deficit_ratio), so the
    # next year's figure for it is compared with this one
    ident = canonical_id(metric, q.unit, lex)
    if ident is None:
        shared = _shared_subject(scan, m_start, metric, lex)
        if shared is not None:
            metric, ident = shared, canonical_id(shared, q.unit, lex)
    return _Found(m_start, q.end, metric, ident, q, scope="measure")


# the longest bare head a list item may be and still take the subject of the item before it
SHARED_SUBJECT_HEAD = 3


def _shared_subject(scan: str, m_start: int, metric: str, lex) -> Optional[str]:
    """``粮食播种面积3320万亩、产量1285万吨以上``: a bare measure head (产量, 总产量) listed after another
    item shares that item's subject; the metric it names (粮食产量), when the subject and the head
    make a lexicon wording across their junction, else None."""
    if m_start == 0 or scan[m_start - 1] != "、" or len(metric) > SHARED_SUBJECT_HEAD:
        return None
    lo = max(max(scan.rfind(c, 0, m_start - 1) for c in MEASURE_CLAUSE_SEP if c != "、") + 1, 0)
    item = scan[lo : m_start - 1]
    lead = MEASURE_LEAD_RE.match(item)
    item = item[lead.end() if lead else 0 :]
    for k in range(len(item) - 1, 0, -1):  # the longest subject first
        candidate = item[:k] + metric
        m = lookup(candidate, lex)
        if m and m.start() < k < m.end():
            return candidate[m.start():]  # from the wording on: 稳定粮食|产量 → 粮食产量
    return None


# ``交通、水利、能源领域投资额分别达2400亿元、450亿元、1700亿元``: one metric per value, in order
DISTRIBUTED_RE = compiled(r"分别(?:为|是|达到|达|增长|下降|降低|提高到|提升至|提高至|稳定在|控制在|不低于|不少于)?\s*$")
DISTRIBUTED_VALUE_SEP_RE = compiled(r"\s*(?:、|和|及)\s*$")


def _distributed_measures(scan: str, q: Quantity, qs: Sequence[Quantity], start: int) -> list[_Found]:
    """The measure targets of a ``分别`` list whose first value is ``q`` (metrics ending in a measure
    noun, expanded one per value by :func:`expand_pair`), or an empty list."""
    lo = max(max(scan.rfind(c, start, q.start) for c in MEASURE_CLAUSE_SEP if c != "、") + 1, start)
    m = DISTRIBUTED_RE.search(scan, lo, q.start)
    if m is None:
        return []
    values = [q]
    for nxt in qs:
        if nxt.start > values[-1].end and DISTRIBUTED_VALUE_SEP_RE.fullmatch(scan, values[-1].end, nxt.start):
            values.append(nxt)
    head = scan[lo : m.start()]
    lead = MEASURE_LEAD_RE.match(head)
    metric = head[lead.end() if lead else 0 :]
    names = expand_pair(metric, len(values)) if len(values) >= 2 else None
    if not names or not all(_measure_head_re().search(n) and len(n) <= MAX_MEASURE_METRIC for n in names):
        return []
    lex = load_lexicon()
    return [_Found(lo, v.end, n, canonical_id(n, v.unit, lex), v, scope="measure") for n, v in zip(names, values)]


def _measure_targets(scan: str, qs: Sequence[Quantity], start: int, taken: set[str],
                     named_measures: bool = True) -> list[_Found]:
    """Numeric targets inside the measures, after ``start`` (module docstring, 3.); with
    ``named_measures`` also a value set for any metric ending in a measure noun (:func:`_named_measure`)."""
    lex = load_lexicon()
    out: list[_Found] = []
    for q in qs:
        if q.start < start:
            continue
        after = _value_first(scan, q, lex)
        if after is not None:
            ident = canonical_id(after.group(0), q.unit, lex)
            sent_start = max(scan.rfind("。", 0, q.start), scan.rfind("\n", 0, q.start), scan.rfind("；", 0, q.start)) + 1
            if ident not in taken and not REVIEW_WORDS_RE.search(scan[sent_start : q.start]):
                taken.add(ident or after.group(0))
                verb = VALUE_FIRST_VERB_RE.search(scan, max(0, q.start - 4), q.start)
                out.append(_Found(verb.start(), after.end(), after.group(0), ident, q))
            continue
        window_start = max(start, q.start - 24)
        window = scan[window_start : q.start]
        best = None
        for m in lex.pattern.finditer(window):
            if MEASURE_GAP_RE.match(window[m.end() :]):
                best = m
        if best is None:
            carried = _carried_metric(scan, q, qs, lex, start)
            if carried is not None:
                if carried.indicator not in taken and not REVIEW_WORDS_RE.search(scan, _sentence_start(scan, q.start),
                                                                                  carried.start):
                    taken.add(carried.indicator)
                    out.append(carried)
                continue
            # only where the report has a targets block: prose plans (national reports before
            # 1996) mix the year's figures with budgets, comparisons and reviews
            if not named_measures or _review_or_forecast(scan, q) or any(f.quantity is q for f in out):
                continue
            named = _distributed_measures(scan, q, qs, start) or [f for f in [_named_measure(scan, q, start)] if f]
            for f in named:
                if f.metric not in taken:
                    taken.add(f.metric)
                    out.append(f)
            continue
        metric = best.group(0)
        ident = canonical_id(metric, q.unit, lex)
        if ident in taken:
            continue
        sent_start = max(scan.rfind("。", 0, q.start), scan.rfind("\n", 0, q.start), scan.rfind("；", 0, q.start)) + 1
        if REVIEW_WORDS_RE.search(scan[sent_start : q.start]):
            continue
        taken.add(ident or metric)
        out.append(_Found(window_start + best.start(), q.end, metric, ident, q))
    return out


# ``确保物价上涨幅度比去年有明显回落，力争控制在百分之十五左右``: a clause that only steers a value
# goes on with the metric its sentence's clause before named
STEERED_VALUE_RE = compiled(r"(?:力争|争取|确保|努力)?(?:控制在|保持在|稳定在|降到|降至|降低到)\s*$")


def _sentence_start(scan: str, pos: int) -> int:
    return max(scan.rfind("。", 0, pos), scan.rfind("\n", 0, pos), scan.rfind("；", 0, pos)) + 1


def _carried_metric(scan: str, q: Quantity, qs: Sequence[Quantity], lex, start: int) -> Optional[_Found]:
    """The target ``q`` sets when its clause only steers it (:data:`STEERED_VALUE_RE`) and the clause
    before, in the same sentence and after ``start``, names a lexicon metric with no value; else None."""
    comma = max(scan.rfind("，", 0, q.start), scan.rfind(",", 0, q.start))
    sent = max(_sentence_start(scan, q.start), start)
    if comma < sent or not STEERED_VALUE_RE.fullmatch(scan, comma + 1, q.start):
        return None
    prev_start = max(sent, max(scan.rfind("，", 0, comma), scan.rfind(",", 0, comma)) + 1)
    m = lookup(scan[:comma], lex, prev_start)
    if m is None or quantities_in(qs, prev_start, comma):
        return None
    metric = m.group(0)
    return _Found(m.start(), q.end, metric, canonical_id(metric, q.unit, lex), q)


def _review_or_forecast(scan: str, q: Quantity) -> bool:
    """Does the sentence before ``q`` report the past (去年, 累计), or its clause forecast (预计:
    ``预计今年财政收入继续恢复增长，…，一般公共预算支出规模28.5万亿元`` forecasts the revenue only)?"""
    sent_start = max(scan.rfind("。", 0, q.start), scan.rfind("\n", 0, q.start), scan.rfind("；", 0, q.start)) + 1
    clause_start = max(sent_start, max(scan.rfind(c, 0, q.start) for c in "，,、") + 1)
    return bool(REVIEW_WORDS_RE.search(scan, sent_start, q.start) or FORECAST_RE.search(scan, clause_start, q.start))


def find_targets(report: Report) -> list[Target]:
    """Every target ``report`` sets, in report order (see module docstring)."""
    scan = _scan_text(report)
    qs = sorted(report.quantities, key=lambda q: q.start)
    blocks = _find_blocks(report)
    if not blocks:
        return []
    block, found = blocks[0]
    extra: list[_Found] = []
    taken = {f.indicator for f in found if f.indicator}
    if "gdp_growth" not in taken:
        g = _restated_gdp(scan, qs, block.start)
        if g:
            extra.append(g)
            taken.add("gdp_growth")
    prose = block.trigger == "plan passage"
    if prose:
        extra.extend(_later_plan_figures(scan, qs, block, taken))
    extra.extend(replace(f, scope="measure") for f in _measure_targets(scan, qs, block.end, taken, not prose))
    year = block.year or _year(report, scan, block.start)
    out: list[Target] = []
    for i, f in enumerate(sorted(found + extra, key=lambda f: f.start), 1):
        f = _range_tail(scan, f)
        q = f.quantity
        horizon, period = _horizon(scan, f, year)
        if prose and f.scope == "measure" and f.indicator and horizon == "year":
            # a plan in prose has no measures half apart from its targets: a main indicator's figure
            # for the year set after the plan passage (零售物价上涨幅度控制在百分之十以内) is a main target
            f = replace(f, scope="headline")
        out.append(
            Target(
                id=f"t{i}",
                block=report.block_id_at(f.start),
                start=f.start,
                end=f.end,
                text=report.text[f.start : f.end],
                year=year,
                indicator=f.indicator,
                metric=as_written(report, scan, f.metric, f.start, f.end),
                value=q.value if q else None,
                low=q.low if q else None,
                high=q.high if q else None,
                unit=q.unit if q else None,
                qualifier=q.qualifier if q else None,
                quantity=q.id if q else None,
                normalized=q.normalized if q else None,
                base_unit=q.base_unit if q else None,
                component=f.component,
                stretch=f.stretch.value if f.stretch else None,
                scope=f.scope,
                horizon=horizon,
                period=period,
            )
        )
    return out


# ``百分之八至九``: the quantity layer reads 百分之八 alone; the second bound follows with its unit left out.
# (A stopgap until quantities reads such a Chinese range itself: it only widens a target's own value.)
RANGE_TAIL_RE = compiled(r"\s*(?:至|到)\s*(?:百分之)?([零〇一二两三四五六七八九十点]+|\d+(?:\.\d+)?)(?=[，。；、,;\s]|$)")


def _range_tail(scan: str, f: _Found) -> _Found:
    """``f`` with its percentage widened to a range when ``至九`` follows it, else ``f``."""
    q = f.quantity
    if q is None or q.qualifier != "exact" or (q.unit or "") not in ("%", "％") or q.value is None:
        return f
    m = RANGE_TAIL_RE.match(scan, q.end)
    high = parse_number(m.group(1)) if m else None
    if high is None or high <= q.value:
        return f
    wide = replace(q, end=m.end(), text=scan[q.start : m.end()], value=None, low=q.value, high=high,
                   qualifier="range")
    return replace(f, quantity=wide, end=max(f.end, m.end()))


# A target for more than the year: a later end year, a five-year plan, a yearly average, a total.
# (A programme named for its span, 五年行动, is not: 打好…五年行动收官战 sets this year's figures.)
MULTI_YEAR_TARGET_RE = compiled(
    r"到\s*(?P<to>20\d\d)\s*年|(?P<from>20\d\d)\s*[-—–至到]\s*(?P<until>20\d\d)\s*年|"
    r"(?P<plan>十[一二三四五六七八九]五)|(?P<avg>年均|五年(?!行动|计划|规划|攻坚)|累计)"
)


def _horizon(scan: str, f: _Found, year: Optional[int]) -> tuple[str, Optional[str]]:
    """``("multi_year", period)`` when the sentence, up to the target's value, sets it for a span of
    years (``到2030年``, ``“十五五”``, ``年均``), else ``("year", "<year>")``.  Only measures are read:
    the main targets passage is the year's by construction (five-year goals are skipped there)."""
    if f.scope == "measure":
        sent_start = max(scan.rfind("。", 0, f.start), scan.rfind("\n", 0, f.start)) + 1
        stop = f.quantity.start if f.quantity else f.end
        for m in MULTI_YEAR_TARGET_RE.finditer(scan, sent_start, stop):
            if m.group("to") and year and int(m.group("to")) <= year:
                continue  # 到2025年底 in the 2025 report is this year
            if m.group("from"):
                return "multi_year", f"{m.group('from')}-{m.group('until')}"
            if m.group("to"):
                return "multi_year", f"到{m.group('to')}年"
            return "multi_year", m.group(0)
    return "year", str(year) if year else None


@register(adds="targets", requires=("indicators", "quantities", "dates", "periods"))  # goal periods read dates, periods
def annotate_targets(report: Report) -> Report:
    """Add the targets layer (see module docstring)."""
    return replace(report, targets=tuple(with_goals(report, find_targets(report))))


def main_targets(report: Report) -> list[Target]:
    """The targets of the main block (and a GDP target restated in commentary), not the ones
    read from the measures: what the evaluation compares with the gold."""
    return [t for t in report.targets if t.scope == "headline"]
