"""Indicators: bind a metric to the values a clause gives it (DOMAIN.md 4).

Contract: :func:`annotate_indicators` adds ``report.indicators``, stand-off records
(:class:`model.Indicator`) whose ``start``/``end``/``text`` locate the metric as written and whose
``level``/``growth``/``points`` name quantity ids, ``period`` a period id, ``rank`` a rank id and
``indicator`` a canonical id from ``lexicon/indicators.tsv`` (or None).

``一般公共预算收入完成 90.15 亿元，同比增长 21.5%`` is one indicator: level 90.15亿元, growth 21.5%.
``金融机构存贷款余额分别达到 5895 亿元和 1997.9 亿元，同比分别增长 10.8%和 29.5%`` is two: ``分别``
distributes the values over the metrics it pairs, and a contracted pair (``存贷款``, ``进出口``)
is expanded into its members (``金融机构存款余额``, ``金融机构贷款余额``).

The helpers here (lexicon lookup, clause splitting, metric extraction and pair expansion) are
also what the targets annotator uses, so both layers name metrics the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

from ..model import Indicator, Quantity, Report
from . import register

LEXICON = Path(__file__).resolve().parent.parent / "lexicon" / "indicators.tsv"

# Values given as a share or a change are the indicator itself; amounts take the level id.
RATIO_UNITS = ("%", "％", "个百分点", "百分点", "‰")


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Lexicon:
    """Wordings → (id, level id); contractions → their members."""

    wordings: dict[str, tuple[str, str]]
    pairs: dict[str, tuple[str, ...]]
    pattern: re.Pattern[str]
    pair_pattern: Optional[re.Pattern[str]]


def _parse_lexicon(lines: Iterable[str]) -> Lexicon:
    wordings: dict[str, tuple[str, str]] = {}
    pairs: dict[str, tuple[str, ...]] = {}
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        wording, ident = cols[0].strip(), cols[1].strip()
        extra = cols[2].strip() if len(cols) > 2 else ""
        if not wording or not ident:
            continue
        if ident == "@pair":
            members = tuple(p.strip() for p in extra.split(",") if p.strip())
            if len(members) >= 2:
                pairs[wording] = members
            continue
        wordings[wording] = (ident, extra or ident)
    # Longest first, so at one position the longest wording wins; finditer gives leftmost.
    alternatives = sorted(wordings, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in alternatives)) if alternatives else re.compile(r"(?!x)x")
    pair_alts = sorted(pairs, key=len, reverse=True)
    pair_pattern = re.compile("|".join(re.escape(w) for w in pair_alts)) if pair_alts else None
    return Lexicon(wordings, pairs, pattern, pair_pattern)


@lru_cache(maxsize=4)
def load_lexicon(path: Optional[str] = None) -> Lexicon:
    """The indicator lexicon (``lexicon/indicators.tsv`` unless ``path`` is given)."""
    p = Path(path) if path else LEXICON
    with open(p, encoding="utf-8") as fh:
        return _parse_lexicon(fh)


_DENOMINATOR = ("占", "相当于", "与", "同")


def lookup(metric: str, lexicon: Optional[Lexicon] = None, pos: int = 0) -> Optional[re.Match[str]]:
    """The leftmost (then longest) lexicon wording inside ``metric`` from ``pos``, or None.

    A wording right after ``占``/``相当于`` is a denominator (``金融业增加值占地区生产总值比重``),
    not the metric, and is passed over.
    """
    lex = lexicon or load_lexicon()
    for m in lex.pattern.finditer(metric, pos):
        if not metric[max(0, m.start() - 3) : m.start()].endswith(_DENOMINATOR):
            return m
    return None


def canonical_id(metric: str, unit: Optional[str] = None, lexicon: Optional[Lexicon] = None) -> Optional[str]:
    """Canonical indicator id for ``metric``; an amount (``unit`` not a ratio) takes the level id."""
    lex = lexicon or load_lexicon()
    m = lookup(metric, lex)
    if not m:
        return None
    ident, level_id = lex.wordings[m.group(0)]
    if unit and not unit.endswith(RATIO_UNITS) and unit not in RATIO_UNITS:
        return level_id
    return ident


# --------------------------------------------------------------------------- clauses


CLAUSE_SEP = "，,；;。！？!?\n"
SENTENCE_SEP = "。！？!?\n"
_CLAUSE_RE = re.compile(f"[^{re.escape(CLAUSE_SEP)}]+")


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str
    sentence: int  # index of the sentence it belongs to (clauses of one sentence share it)


def clauses(text: str, start: int = 0, end: Optional[int] = None) -> list[Clause]:
    """Split ``text[start:end]`` at clause punctuation; offsets are into ``text``."""
    end = len(text) if end is None else end
    out: list[Clause] = []
    sentence = 0
    pos = start
    for m in _CLAUSE_RE.finditer(text, start, end):
        if any(ch in SENTENCE_SEP for ch in text[pos : m.start()]):
            sentence += 1
        s, e = m.start(), m.end()
        # trim blanks and list/markdown markup at either end, keeping offsets honest
        while s < e and (text[s].isspace() or text[s] in "-*#>·•　:："):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in "*　"):
            e -= 1
        if e > s:
            out.append(Clause(s, e, text[s:e], sentence))
        pos = m.end()
    return out


# Words that open a metric's predicate: the metric is what comes before them.
PREDICATE_RE = re.compile(
    r"(?:(?:比上年|比去年|较上年|同比|年均|平均|全年|分别|按)\s*)*"
    r"(?:增长|增速|增幅|下降|降低|减少|提高到|提高|提升到|提升|上升|上涨|平均|达到|达|完成|实现|为|突破|超过|超|控制在|保持在|保持|稳定在|"
    r"继续|进一步|持续|稳步|基本|均完成|均为|均达到|取得|有序|有效|不低于|不少于|不超过|约|近|逾|居|位居|位列)"
)
_LEAD_RE = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|其中|预计|全年|今年|累计|当年|力争|争取|努力|确保|实现|"
    r"\d{1,2}[-－—至~～]\d{1,2}\s*月|前?[一二三四1-4]\s*季度|[1-4]\s*[-－—]\s*[1-4]\s*季度|上半年|下半年|\s)+"
)
_NOT_METRIC_CHARS = re.compile(r"[\d０-９%％]")
# a clause that opens with a comparison or a connective continues the previous metric
_NOT_METRIC_HEAD = re.compile(r"同比|分别|比上年|比去年|较上年|较|比|占|高于|低于|其中|并|和|与|及")


def metric_span(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """The metric at the head of ``text[start:end]`` (a clause before its first value), or None.

    A lexicon wording anywhere in the span anchors it (``完成国家下达的单位地区生产总值二氧化碳排放``
    → the wording); otherwise the metric runs from the clause head, past leading periods and
    list numbers, to the first predicate word.
    """
    seg = text[start:end]
    lead = _LEAD_RE.match(seg)
    s = lead.end() if lead else 0
    colon = max(seg.rfind("："), seg.rfind(":"))
    if colon >= s:
        s = colon + 1  # 主要预期目标是：X — the metric is what follows the colon
    lex = load_lexicon()
    m = lookup(seg, lex, s)
    if m:
        # extend the wording over what still names the metric (余额, 总量 …) up to a predicate
        e = m.end()
        p = PREDICATE_RE.search(seg, e)
        tail_end = p.start() if p else len(seg)
        tail = seg[e:tail_end]
        if 0 < len(tail) <= 12 and not _NOT_METRIC_CHARS.search(tail):
            e = tail_end
        ms = m.start()
        # keep what qualifies the wording from the left (金融机构 存贷款余额) when it is short
        left = seg[s:ms]
        if (0 < ms - s <= 12 and not _NOT_METRIC_CHARS.search(left) and not PREDICATE_RE.search(seg, s, ms)
                and not any(ch in left for ch in "：:是")):
            ms = s
        return start + ms, start + e
    p = PREDICATE_RE.search(seg, s)
    e = p.start() if p else len(seg)
    if e - s < 2 or e - s > 24 or _NOT_METRIC_CHARS.search(seg[s:e]) or _NOT_METRIC_HEAD.match(seg, s):
        return None
    return start + s, start + e


# --------------------------------------------------------------------------- 分别: pairs


def expand_pair(metric: str, n: int, lexicon: Optional[Lexicon] = None) -> Optional[list[str]]:
    """Split a metric that ``分别`` pairs with ``n`` values into ``n`` metric names, or None.

    ``金融机构存贷款余额`` (2) → ``金融机构存款余额``, ``金融机构贷款余额``;
    ``城镇调查失业率、城镇登记失业率`` → both; ``城镇和农村常住居民人均可支配收入`` → the modifier
    ``城镇`` takes the rest of the second name (``城镇常住居民人均可支配收入``).
    """
    lex = lexicon or load_lexicon()
    if n < 2:
        return None
    parts = [p for p in re.split(r"[、，,]", metric) if p]
    if len(parts) == n:
        return parts
    if lex.pair_pattern is not None:
        m = lex.pair_pattern.search(metric)
        if m and len(lex.pairs[m.group(0)]) == n:
            head, tail = metric[: m.start()], metric[m.end() :]
            return [head + member + tail for member in lex.pairs[m.group(0)]]
    parts = [p for p in re.split(r"和|与|及|以及", metric) if p]
    if len(parts) == n:
        last = parts[-1]
        out = []
        for p in parts[:-1]:
            # a bare modifier shares the head noun of the last name (城镇 / 农村常住居民…)
            if len(p) < len(last) and lookup(p, lex) is None:
                out.append(p + last[len(p) :])
            else:
                out.append(p)
        out.append(last)
        return out
    return None


# --------------------------------------------------------------------------- the layer


_GROWTH_BEFORE = re.compile(r"(增长|增速|增幅|下降|降低|减少|回落|上升|提高|涨幅|提升)[^，；。]{0,4}$")
_POINTS_UNITS = ("个百分点", "百分点")
_DISTRIBUTE = "分别"
TIME_UNITS = ("年", "个月", "月", "天", "日", "小时", "周", "个工作日", "工作日")
_CONTINUATION = re.compile(r"(?:[^\s]{0,4})?(?:同比|比上年|比去年|较上年|年均)?(?:分别)?(?:增长|下降|降低|减少|增加|提高|回落)")


def scan_text(report: Report) -> str:
    """Text to match patterns on: the simplified view when it keeps offsets (a traditional report
    converted character by character), else the text as written.  Offsets are the same."""
    if report.meta.script != "simplified":
        try:
            view = report.simplified.view
            if len(view) == len(report.text):
                return view
        except Exception:  # no script support installed: match the text as written
            pass
    return report.text


def as_written(report: Report, scan: str, name: str, start: int, end: int) -> str:
    """``name`` (found in ``scan``) as the report writes it, when it is a stretch of the text."""
    if scan is report.text:
        return name
    i = scan.find(name, start, end)
    return report.text[i : i + len(name)] if i >= 0 else name


def quantities_in(quantities: Sequence[Quantity], start: int, end: int) -> list[Quantity]:
    return [q for q in quantities if q.start >= start and q.end <= end]


_TO_LEVEL = re.compile(r"(?:提高|提升|上升|下降|降低|增加|增长|减少|达)(?:到|至)\s*$|降至\s*$")
_GROWTH_METRIC = re.compile(r"(?:增长|增速|增幅|涨幅)(?:预期)?(?:目标)?$")


def _role(q: Quantity, text: str, clause_start: int, metric: str = "") -> str:
    unit = q.unit or ""
    if unit.endswith(_POINTS_UNITS) or (q.base_unit or "") == "个百分点":
        return "points"
    before = text[clause_start : q.start]
    if _TO_LEVEL.search(before):
        return "level"  # 提高到66.2%: the level reached, not the change
    if q.change in ("growth", "decline") or _GROWTH_BEFORE.search(before):
        return "growth"
    if (q.base_unit or unit) in ("%", "％") and _GROWTH_METRIC.search(metric):
        return "growth"  # 经济增长预期目标为5%左右
    return "level"


def _block_for(report: Report, offset: int) -> str:
    b = report.paragraph_at(offset)
    return b.id if b else ""


def _paragraph_ranges(report: Report) -> list[tuple[int, int]]:
    paras = [(b.start, b.end) for b in report.blocks if b.kind in ("p", "item")]
    if paras:
        paras.sort()
        # drop paragraphs nested in other paragraphs (items inside p): keep innermost-free ranges
        out: list[tuple[int, int]] = []
        for s, e in paras:
            if out and s < out[-1][1]:
                continue
            out.append((s, e))
        return out
    # no structure yet: one paragraph per line
    ranges, pos = [], 0
    for line in report.text.split("\n"):
        if line.strip():
            ranges.append((pos, pos + len(line)))
        pos += len(line) + 1
    return ranges


def find_indicators(report: Report) -> list[Indicator]:
    """Every metric bound to at least one value, in text order (ids ``i1``, ``i2`` …)."""
    text = scan_text(report)
    qs = sorted(report.quantities, key=lambda q: q.start)
    periods = sorted(report.periods, key=lambda p: p.start)
    ranks = sorted(report.ranks, key=lambda r: r.start)
    lex = load_lexicon()
    out: list[dict] = []
    for ps, pe in _paragraph_ranges(report):
        pq = quantities_in(qs, ps, pe)
        if not pq:
            continue
        previous: list[dict] = []  # indicators of the previous clause, for continuations
        prev_sentence = -1
        for cl in clauses(text, ps, pe):
            if cl.sentence != prev_sentence:
                previous, prev_sentence = [], cl.sentence
            cq = quantities_in(pq, cl.start, cl.end)
            first_value = cq[0].start if cq else cl.end
            if len(cq) > 1:
                # a duration beside a value frames it (两年平均增速 4.7%): not the metric's level
                cq = [q for q in cq if (q.base_unit or q.unit) not in TIME_UNITS] or cq
            cranks = [r for r in ranks if r.start >= cl.start and r.end <= cl.end]
            if not cq:
                if cranks and previous and previous[-1]["rank"] is None:
                    previous[-1]["rank"] = cranks[0].id
                continue
            span = metric_span(text, cl.start, first_value)
            if span is None:
                # a continuation: 同比(分别)增长 … for the metric(s) of the previous clause
                if previous and _CONTINUATION.match(cl.text):
                    for role in ("growth", "points"):
                        changes = [q for q in cq if _role(q, text, cl.start) == role]
                        targets = previous if len(changes) == len(previous) else previous[-1:]
                        for ind, q in zip(targets, changes):
                            if ind[role] is None:
                                ind[role] = q.id
                if cranks and previous and previous[-1]["rank"] is None:
                    previous[-1]["rank"] = cranks[0].id
                continue
            ms, me = span
            metric = text[ms:me]
            if len(metric) <= 2 and lookup(metric, lex) is None:
                continue  # a bare verb or fragment (建成, 落地) does not name a metric
            period = next((p.id for p in reversed(periods) if p.end <= me and p.start >= ps
                           and not any(ch in SENTENCE_SEP for ch in text[p.end:ms])), None)
            names = None
            if _DISTRIBUTE in cl.text and len(cq) >= 2:
                names = expand_pair(metric, len(cq), lex)
            current: list[dict] = []
            if names:
                for name, q in zip(names, cq):
                    role = _role(q, text, cl.start, name)
                    d = dict(start=ms, end=me, text=metric, metric=name, level=None, growth=None, points=None,
                             period=period, rank=None, unit=q.unit)
                    d[role] = q.id
                    current.append(d)
            else:
                d = dict(start=ms, end=me, text=metric, metric=metric, level=None, growth=None, points=None,
                         period=period, rank=None, unit=None)
                for q in cq:
                    role = _role(q, text, cl.start, metric)
                    if d[role] is None:
                        d[role] = q.id
                        if role == "level":
                            d["unit"] = q.unit
                current.append(d)
            if cranks:
                current[-1]["rank"] = cranks[0].id
            out.extend(current)
            previous = current
    indicators = []
    for i, d in enumerate(out, 1):
        unit = d.pop("unit")
        ident = canonical_id(d["metric"], unit if d["level"] else None, lex)
        d["text"] = report.text[d["start"] : d["end"]]
        d["metric"] = as_written(report, text, d["metric"], d["start"], d["end"])
        indicators.append(Indicator(id=f"i{i}", block=_block_for(report, d["start"]), indicator=ident, **d))
    return indicators


@register(adds="indicators", requires=("quantities", "periods", "ranks", "dates"))
def annotate_indicators(report: Report) -> Report:
    """Add the indicators layer (see module docstring)."""
    return replace(report, indicators=tuple(find_indicators(report)))
