"""Indicators: bind a metric to the values a clause gives it (DOMAIN.md 4).

Contract: :func:`annotate_indicators` adds ``report.indicators``, stand-off records
(:class:`model.Indicator`) whose ``start``/``end``/``text`` locate the metric as written and whose
``level``/``growth``/``points`` name quantity ids, ``period`` a period id, ``rank`` a rank id and
``indicator`` a canonical id from ``lexicon/indicators.tsv`` (or None).

``一般公共预算收入完成 90.15 亿元，同比增长 21.5%`` is one indicator: level 90.15亿元, growth 21.5%.
``金融机构存贷款余额分别达到 5895 亿元和 1997.9 亿元，同比分别增长 10.8%和 29.5%`` is two: ``分别``
distributes the values over the metrics it pairs, and a contracted pair (``存贷款``, ``进出口``)
is expanded into its members (``金融机构存款余额``, ``金融机构贷款余额``).

What is not an indicator (DOMAIN.md 3-4; the gold in tests/gold/indicators/ follows the same rules): a
count that runs into the noun it sizes (``实施新一轮千亿斤粮食产能提升行动``, ``16个项目``, ``500千伏线路``), a
verb phrase that reports an action (``建成8处公共停车场``, ``走访企业220家次``; ``新增…``/``新设…`` statistics and
measure nouns such as ``完工建筑面积`` are kept), the count of a listed set (``甘李药业、四环制药等6家企业``) and a
span of time (``以来的五年``).  A part of what a lexicon wording measures (``脱贫地区农村居民收入``,
``“新三样”出口``, a share ``…占…比重``) gets no canonical id, nor does a rate per unit (``亩产``,
``人均``, ``亩均粮食产量``: not the grain output level).

The helpers here (lexicon lookup, clause splitting, metric extraction and pair expansion) are
also what the targets annotator uses, so both layers name metrics the same way.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple, Optional, Sequence

from ..model import Indicator, Quantity, Report
from . import register
from ..lexicon import DIR as LEXICON_DIR
from ..lazyre import compiled

LEXICON = LEXICON_DIR / "indicators.tsv"

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
    pattern = compiled("|".join(re.escape(w) for w in alternatives)) if alternatives else compiled(r"(?!x)x")
    pair_alts = sorted(pairs, key=len, reverse=True)
    pair_pattern = compiled("|".join(re.escape(w) for w in pair_alts)) if pair_alts else None
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


# Words that make a metric a rate per unit of land, person or household (亩产, 单产, 人均): a
# per-mu yield is not the grain output level, so a wording after one of them is not the metric.
# (Lexicon wordings that hold one, 人均地区生产总值, match from their own start and stay.)
PER_UNIT_RE = compiled(r"亩产|单产|亩均|人均|户均|每万人|每千人|每百人|单位面积")


def canonical_id(metric: str, unit: Optional[str] = None, lexicon: Optional[Lexicon] = None) -> Optional[str]:
    """Canonical indicator id for ``metric``; an amount (``unit`` not a ratio) takes the level id.
    None when a per-unit word (``亩均``, ``人均``) comes before the wording: ``亩均粮食产量`` is not
    ``grain_output``."""
    lex = lexicon or load_lexicon()
    m = lookup(metric, lex)
    if not m or PER_UNIT_RE.search(metric, 0, m.start()):
        return None
    ident, level_id = lex.wordings[m.group(0)]
    if unit and not unit.endswith(RATIO_UNITS) and unit not in RATIO_UNITS:
        return level_id
    return ident


# --------------------------------------------------------------------------- clauses


CLAUSE_SEP = "，,；;。！？!?\n"
SENTENCE_SEP = "。！？!?\n"
_SENTENCE_SEP_RE = compiled(f"[{re.escape(SENTENCE_SEP)}]")  # one C-level search for any of them
# a comma between digit groups is a thousands separator (34,250万吨), not a clause break
# (runs of ordinary characters are taken whole: one fast loop in the regex engine, where a
# repeated one-character alternation tried both branches at every character)
_CLAUSE_RE = compiled(f"(?:[^{re.escape(CLAUSE_SEP)}]+|(?<=\\d)[,，](?=\\d{{3}}(?!\\d)))+")


class Clause(NamedTuple):
    """One clause of a text: ``text[start:end]``.  Immutable like the model's frozen dataclasses, but
    a named tuple: a report has thousands of clauses, and a frozen dataclass costs several times as
    much to create (one ``object.__setattr__`` per field)."""

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
        if _SENTENCE_SEP_RE.search(text, pos, m.start()):
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
PREDICATE_RE = compiled(
    r"(?:(?:比上年|比去年|较上年|同比|年均|平均|全年|分别|按|(?:比|较)\s*\d{4}\s*年(?:预计数?|同期)?)\s*"
    r"|(?:较|比)[^，。；、\d]{1,8}?(?=(?:分别)?(?:增长|下降|降低|减少|提高|提升|上升|改善|增加)))*"
    r"(?:增长|增速|增幅|下降|降低|减少|提高到|提高|提升到|提升|上升|上涨|平均(?=为|值|是|达|在)|达到|达|完成(?![率度])|实现(?!率)|为|突破|超过|超|控制在|保持在|保持|稳定在|"
    r"继续|进一步|持续|稳步|基本(?=完成|实现|稳定|持平|建成|达到|形成|消除|覆盖|保持|平衡)|均完成|均为|均达到|取得|有序|有效|"
    r"不低于|不少于|不超过|改善|(?:约|近|逾)(?=\s*[0-9０-９一二两三四五六七八九十百千万亿半])|居(?![住民家室])|位居|位列)"
)
_LEAD_RE = compiled(
    r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|其中|预计|全年|今年|累计|当年|力争|争取|努力|确保|实现|"
    r"\d{1,2}[-－—至~～]\d{1,2}\s*月|前?[一二三四1-4]\s*季度|[1-4]\s*[-－—]\s*[1-4]\s*季度|上半年|下半年|\s)+"
)
_NOT_METRIC_CHARS = compiled(r"[\d０-９%％]")
# a clause that opens with a comparison or a connective continues the previous metric
_NOT_METRIC_HEAD = compiled(r"同比|分别|比上年|比去年|较上年|较|比|占|高于|低于|其中|并|和|与|及")


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
    parts = [p for p in _LIST_SEP.split(metric) if p]
    if len(parts) == n:
        return _share_head(parts, lex)
    if lex.pair_pattern is not None:
        # the contraction nearest the head noun is the one 分别 splits (本外币存贷款余额 → 存款, 贷款)
        found = list(lex.pair_pattern.finditer(metric))
        m = next((x for x in reversed(found) if len(lex.pairs[x.group(0)]) == n), None)
        if m:
            head, tail = metric[: m.start()], metric[m.end() :]
            return [head + member + tail for member in lex.pairs[m.group(0)]]
    parts = [p for p in re.split(r"和|与|及|以及", metric) if p]
    if len(parts) == n:
        return _share_head(parts, lex)
    return None


_HEAD_NOUN = compiled(
    r"(?:零售额|销售额|营业收入|营收|收入|利润|产量|产值|增加值|比重|占比|余额|总额|规模|投资|警情|客运量|吞吐量|"
    r"覆盖率|保护率|参保率|普及率|率|量|额)$"
)


def _share_head(parts: list[str], lex: Lexicon) -> list[str]:
    """The names of a list share what only the last one spells out:
    a tail after a shared word (工业战略性新兴产业、高新技术产业产值占规上工业比重 → …产业产值占规上工业比重),
    a short parallel modifier the rest of the last name (城镇 / 农村常住居民…; 广州、深圳地铁线网…客运量),
    or the head noun (限上新能源汽车、节能家电零售额 → 限上新能源汽车零售额; 刑事治安、涉毒警情)."""
    last = parts[-1]
    head = _HEAD_NOUN.search(last)
    out = []
    for p in parts[:-1]:
        k = last.find(p[-2:]) if len(p) >= 2 else -1
        if lookup(p, lex) is not None or _HEAD_NOUN.search(p):
            out.append(p)
        elif k >= 0 and k + 2 < len(last):
            out.append(p + last[k + 2 :])
        elif len(p) <= 3 and len(p) < len(last):
            out.append(p + last[len(p) :])
        elif head:
            out.append(p + head.group(0))
        else:
            out.append(p)
    out.append(last)
    return out


# --------------------------------------------------------------------------- the layer


_GROWTH_BEFORE = compiled(r"(增长|增速|增幅|下降|降低|减少|回落|上升|提高|涨幅|提升|改善)[^，；。]{0,4}$|(?:新增|增加)\s*$")
_POINTS_UNITS = ("个百分点", "百分点")
_DISTRIBUTE = "分别"
TIME_UNITS = ("年", "个月", "月", "天", "日", "小时", "周", "个工作日", "工作日")
_CONTINUATION = compiled(
    r"(?:[^\s]{0,4}?)(?:同比|比上年末|比上年|比去年|较上年末|较上年|年均)?(?:分别)?(?:增长|下降|降低|减少|增加|提高|回落)"
)


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


def _sorted_within(quantities: Sequence[Quantity], starts: Sequence[int], start: int, end: int) -> list[Quantity]:
    """:func:`quantities_in` for ``quantities`` sorted by start (``starts``: their starts), the same
    list in the same order: only those starting in ``[start, end]`` can lie within, found by bisection."""
    lo, hi = bisect_left(starts, start), bisect_right(starts, end)
    return [q for q in quantities[lo:hi] if q.end <= end]


_TO_LEVEL = compiled(r"(?:提高|提升|上升|下降|降低|增加|增长|减少|达)(?:到|至)\s*$|降至\s*$")
_GROWTH_METRIC = compiled(r"(?:增长|增速|增幅|涨幅)(?:预期)?(?:目标)?$")


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


# A value that runs straight into a noun names or sizes that noun (16个项目, 500千伏线路, 超千亿元县,
# 惠及168万名儿童, 占全国24.1%的增量): it is not a value of the clause's metric.  What may follow a
# value of its own: punctuation, a qualifier, a connective.
_AFTER_VALUE = set("、，,；;。！？!?：:）)」”\"'和及与或至到左以上下内外多余等次 \u3000\n")
# a metric that opens with an action verb reports what was done (建成8处停车场, 走访企业220家次):
# an achievement, not a statistic — unless it ends in a measure noun (完工建筑面积, 新增造林面积)
_ACTION = compiled(
    r"^[^，“”「」\d]{0,5}?(?:累计|共|全年|当年|已)?"
    r"(?:建成|新建|建设|开工|完成|完工|竣工|投放|成功举办|举办|走访|拆除|整改|实施|引进|推动|推进|投入|发放|兑现|解决|"
    r"开展|打造|创建|改造|推出|出台|签约|签订|落地|腾退|更新|优化|调整|可提供|提供|吸引|吸纳|组织|带动|惠及|处理|"
    r"查处|办理|受理|组建|设立|促成|覆盖|提请|制定|修订|启动|帮助|筹集|安置|资助|扶持|评选|认定|获批|争取|招引|"
    r"签署|清理|帮扶|救助|接种|迁入|新获评|获评|入选|认证|命名|淘汰|减收|减免|承担|共建|改善|去化|牵头|布局|获|新引育|引育|挽回|打击)"
)
_STATISTIC_HEAD = compiled(r"^新(?:增|设|登记|培育)")
_MEASURE_END = compiled(
    r"(?:面积|率|量|额|规模|比重|占比|比例|数|余额|收入|产值|增加值|里程|能力|人数|人次|水平|指数|价格|浓度|强度|"
    r"成本|费用|速度|车速|时间|产量|总值|投入|投资|支出|总量)$"
)
# words that end a metric span but belong to its predicate (全区持牌交易所增至 4家)
_METRIC_TAIL = compiled(r"(?:增至|增加至|增加到|降至|降到|减至|升至|提高至|提高到|达|均|已|共|累计|合计|总计|成为|实现|新增|增加|首次|再次|预计)+$")
# a clause before a rank that only says which figure of the previous metric is ranked (增速居全市第一)
#: the verb before a rank (稳居, 跃升至, 连续3年保持) that is not part of the metric it ranks
_RANK_VERB_TAIL = compiled(r"(?:连续[0-9一二三四五六七八九十]{1,3}年)?(?:排名)?(?:[均稳跃并]?(?:继续|持续)?(?:升至|上升至|跃升至|提升至|提升到|上升到|"
                           r"保持|重回))?[均稳跃并]?$")
#: 在…中 around the metric of a rank (在…综合考核评价中稳居第一)
_RANK_INSIDE = compiled(r"在([^，；。在]{2,24}?)中$")
#: a ranked part that opens or closes with a preposition, or holds a verb of change, names no metric
_RANK_PART_EDGE = compiled(r"[在于对中为是将后]$|^[在对从由]")
_RANK_PART_VERB = compiled(r"上升|下降|提高|提升|增长|降低|减少|增加|重回|至|到|达|为|是|在|从|由|将|把")
#: the separators of a list of metric names
_LIST_SEP = compiled(r"[、，,]")
_RANK_CONTINUES = compiled(
    r"^(?:其中)?(?:(?:两年平均|年均|平均|累计)?(?:增速|增幅|总量|增量|规模|数量|占比))?(?:连续[0-9一二三四五六七八九十]{1,3}年)?[均稳跃并且还]?$"
)
# the metric named after its verb: 运河商务区实现税收40.03亿元
_NAMED_AFTER = compiled(r"((?:实现|完成)[^\d\s，、；。]{2,4}?)(?:达到|达|为)?\s*$")
_COUNT_FIRST = set("0123456789０１２３４５６７８９一二两三四五六七八九十")  # not 千人口, 万人: per-capita bases
_FROM_VALUE = compiled(r"(?:从|由)[^，；。]*X")
_DURATION_METRIC = compiled(r"(?:时间|时长|期限|年限|寿命|工龄|天数|时数)$")
_SHARE_METRIC = compiled(r"占[^，；。\d]{1,12}?(?:比重|比例|份额)")
_COMPARISON_BASE = ("比", "较")
_DEADLINE_BEFORE = compiled(r"(?:将|将于|将在|于|预计|计划|力争|争取)\s*$")
_DURATION_FRAME = compiled(r"(?:连续|近|这|过去)\s*$")
_LATIN_NAME = compiled(r"[A-Za-z]+[0-9.]+[A-Za-z]*|[0-9.]+[A-Za-z]+|[0-9]+强")  # 5G, PM2.5, 世界500强


def _is_modifier(q: Quantity, text: str) -> bool:
    nxt = text[q.end : q.end + 1]
    return bool(nxt) and nxt not in _AFTER_VALUE and (nxt in "的“「《" or "\u4e00" <= nxt <= "\u9fff")


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the digits of name-like stretches (5G, PM2.5) and modifier quantities blanked
    (same length), so that a metric may hold them (5G用户普及率, 居住区公园绿地500米服务半径覆盖率)."""
    chars = list(text)
    for s, e in spans:
        for k in range(s, e):
            if chars[k].isdigit() or chars[k] in "%％.":
                chars[k] = "X"
    return "".join(chars)


def _is_action(metric: str) -> bool:
    if _STATISTIC_HEAD.match(metric) or _MEASURE_END.search(metric):
        return False
    return bool(_ACTION.match(metric))


def _pieces(text: str, cl: Clause, cq: list[Quantity]) -> list[tuple[int, int]]:
    """Split a clause at a 、 that follows a value and opens a new metric
    (全区累计上市企业7家、新三板挂牌公司21家; 无人机产量增长39%、占全国9成), never inside 分别/均 lists."""
    if _DISTRIBUTE in cl.text or "均" in cl.text:
        return [(cl.start, cl.end)]
    ends = {q.end for q in cq}
    cuts = []
    k = text.find("、", cl.start, cl.end)  # only a 、 can cut: jump from one to the next
    while k >= 0:
        if k in ends and not any(q.start == k + 1 for q in cq):
            cuts.append(k)
        elif PER_UNIT_RE.match(text, k + 1) and any(q.start > k for q in cq):
            # 粮食产量跃上1.4万亿斤新台阶、亩产提升10.1斤: a per-unit metric opens a new piece
            cuts.append(k)
        k = text.find("、", k + 1, cl.end)
    out, s = [], cl.start
    for k in cuts:
        out.append((s, k))
        s = k + 1
    out.append((s, cl.end))
    return out


def find_indicators(report: Report) -> list[Indicator]:
    """Every metric bound to at least one value, in text order (ids ``i1``, ``i2`` …).

    Values: a clause's quantities, except those that size the noun they run into (16个项目), and
    durations that frame a value (连续37年, 两年平均增速).  A clause is split at a ``、`` that follows a
    value and opens a new metric.  Metrics that report an action (建成…, 走访…) or end in ``等`` are
    dropped.  A rank binds to the metric of its clause (自然人光伏补贴项目总量居全市首位), or, when its
    clause only names a figure (增速居…, 均居…), to the metric(s) just before it.  The period is the
    nearest one earlier in the sentence that is not a comparison base (较上年末) or a deadline (将于年内).
    """
    text = scan_text(report)
    qs = sorted(report.quantities, key=lambda q: q.start)
    q_starts = [q.start for q in qs]
    periods = sorted(report.periods, key=lambda p: p.start)
    ranks = sorted(report.ranks, key=lambda r: r.start)
    lex = load_lexicon()
    out: list[dict] = []

    def period_for(ps: int, ms: int, me: int) -> Optional[str]:
        for p in reversed(periods):
            if p.end > me or p.start < ps or _SENTENCE_SEP_RE.search(text, p.end, ms):
                continue
            if text[max(0, p.start - 1) : p.start] in _COMPARISON_BASE:
                continue  # 较上年末提高: the base of a comparison
            if p.value in ("year-end", "within-year", "mid-year") and _DEADLINE_BEFORE.search(text, max(0, p.start - 3), p.start):
                continue  # 将于年内完工: a deadline of another clause
            return p.id
        return None

    def new(ms: int, me: int, metric: str, period: Optional[str]) -> dict:
        return dict(start=ms, end=me, text=metric, metric=metric, level=None, growth=None, points=None,
                    period=period, rank=None, unit=None)

    for ps, pe in _paragraph_ranges(report):
        pq = _sorted_within(qs, q_starts, ps, pe)
        if not pq and not any(ps <= r.start < pe for r in ranks):
            continue
        modifiers = [q for q in pq if _is_modifier(q, text)]
        # by identity: ``q not in modifiers`` compared every field of every modifier (quantity ids are
        # unique, so two quantities are equal only when they are the same object)
        modifier_ids = {id(q) for q in modifiers}
        pranks = [r for r in ranks if r.start >= ps and r.end <= pe]  # the only ranks a piece can hold
        # the paragraph with name digits and modifier quantities blanked (offsets relative to ps)
        masked = _masked(text[ps:pe], [(m.start() - ps, m.end() - ps) for m in _LATIN_NAME.finditer(text, ps, pe)]
                         + [(d.start - ps, d.end - ps) for d in report.dates if ps <= d.start and d.end <= pe]
                         + [(q.start - ps, q.end - ps) for q in modifiers])
        previous: list[dict] = []  # indicators of the previous clause, for continuations
        prev_sentence = -1
        gap = False  # a clause with no value came after them: a rank there is someone else's
        for cl in clauses(text, ps, pe):
            if cl.sentence != prev_sentence:
                previous, prev_sentence, gap = [], cl.sentence, False
            cq_all = [q for q in quantities_in(pq, cl.start, cl.end) if id(q) not in modifier_ids]
            in_clause: list[dict] = []  # indicators of this clause's pieces so far
            action_clause = False  # an earlier piece reported an action: the later ones are its objects
            for s, e in _pieces(text, cl, cq_all):
                piece = Clause(s, e, text[s:e], cl.sentence)
                cq = [q for q in cq_all if q.start >= s and q.end <= e]
                # a duration framing a value (连续37年, 两年平均增速) is not one
                cq = [q for q in cq if not ((q.base_unit or q.unit) in TIME_UNITS
                                            and (len(cq) > 1 or _DURATION_FRAME.search(text, max(s, q.start - 2), q.start)))]
                cranks = [r for r in pranks if r.start >= s and r.end <= e]
                if not cq:
                    if cranks:
                        current = _rank_only(text, masked, ps, piece, cranks[0], previous, gap)
                        if current:
                            for d in current:
                                d["period"] = period_for(ps, d["start"], d["end"])
                            out.extend(current)
                            previous, gap = current, False
                    else:
                        gap = True
                    continue
                gap = False
                first_value = cq[0].start
                span = metric_span(masked, s - ps, first_value - ps)
                if span is not None:
                    span = (span[0] + ps, span[1] + ps)
                if span is None and "、" in text[s:first_value] and (_DISTRIBUTE in piece.text or "均" in piece.text):
                    # a list of metrics 分别/均 share may run longer than one metric does
                    seg = masked[s - ps : first_value - ps]
                    lead = _LEAD_RE.match(seg)
                    st = lead.end() if lead else 0
                    pm = PREDICATE_RE.search(seg, st)
                    en = pm.start() if pm else len(seg)
                    if 4 <= en - st <= 48 and not _NOT_METRIC_CHARS.search(seg[st:en]):
                        span = (s + st, s + en)
                if span is None:
                    share = _SHARE_METRIC.match(text, s, first_value)
                    if share and not PREDICATE_RE.match(text, s):
                        span = (share.start(), share.end())  # 占全区税收比重达到16.7%
                if span is None:
                    # a continuation: 同比(分别)增长 … for the metric(s) of the previous clause
                    if previous and _CONTINUATION.match(piece.text):
                        for role in ("growth", "points"):
                            changes = [q for q in cq if _role(q, text, s) == role]
                            targets = previous if len(changes) == len(previous) else previous[-1:]
                            for ind, q in zip(targets, changes):
                                if ind[role] is None:
                                    ind[role] = q.id
                    if cranks and previous and previous[-1]["rank"] is None:
                        previous[-1]["rank"] = cranks[0].id
                    continue
                ms, me = span
                if text[ms - 1 : ms] in "”」" and ms > s:
                    q0 = max(text.rfind("“", s, ms), text.rfind("「", s, ms))
                    if q0 >= 0:
                        ms = q0  # a quoted name qualifies the metric: “新三样”出口
                wording = lookup(text[ms:me], lex)
                if wording and any(ms + wording.end() <= q.start < me for q in modifiers):
                    me = ms + wording.end()  # 地区生产总值连续迈上4个万亿元台阶: stop before the count
                frm = _FROM_VALUE.search(masked, ms - ps, me - ps)
                if frm:
                    # 将核酸检测能力从每日102万管提高到938万管: the metric is before 从, after 将
                    me = frm.start() + ps
                    obj = max(text.rfind("将", ms, me), text.rfind("把", ms, me))
                    ms = obj + 1 if obj >= 0 else ms
                lead_count = next((q for q in modifiers if q.start == ms and q.text[:1] in _COUNT_FIRST), None)
                if lead_count is not None and _MEASURE_END.search(_METRIC_TAIL.sub("", text[ms:first_value].rstrip())) \
                        and all(q.qualifier in (None, "exact", "about") for q in cq):
                    ms = lead_count.end  # 1299个重大项目完成投资1.4万亿元: the count sizes the owner
                if me - ms < 2 or (text[ms].isdigit() and not _LATIN_NAME.match(text, ms)):
                    continue  # nothing before 从, or a metric that opens with a number (50%更是高出)
                if _is_action(_METRIC_TAIL.sub("", text[ms:me])):
                    action_clause, previous = True, []
                    continue  # (before 等 and 带动 shorten it: 开展…等系列活动2000余场)
                etc = text.rfind("等", ms, me)
                if 0 <= etc < me - 2:
                    ms = etc + 1  # 锂离子动力电池、新能源汽车等绿色产品产量: the category is the metric
                cause = max(text.rfind("带动", ms, me), text.rfind("拉动", ms, me))
                if cause >= 0 and me - (cause + 2) >= 2 and _HEAD_NOUN.search(text, cause + 2, me):
                    ms = cause + 2  # 以旧换新带动限上新能源汽车…零售额: the metric is what was driven
                tail = _METRIC_TAIL.search(text, ms, me)
                if tail and tail.start() > ms + 1:
                    me = tail.start()
                metric = text[ms:me]
                if len(metric) <= 2 and lookup(metric, lex) is None and not _MEASURE_END.search(metric) \
                        and not PER_UNIT_RE.fullmatch(metric) \
                        and not text.startswith("其中", s):  # (其中企业57.3万家 does; so does 亩产)
                    continue  # a bare verb or fragment (建成, 落地) does not name a metric (总量 does)
                named = _NAMED_AFTER.match(text, me, first_value)
                if named:
                    me += len(named.group(1))  # 运河商务区实现税收40.03亿元: the metric runs to 税收
                    metric = text[ms:me]
                if action_clause or _is_action(metric) or metric.endswith(("等", "了", "、")) \
                        or any(ms <= q.start < ms + 3 and q.text[:1] in _COUNT_FIRST for q in modifiers):
                    # (a metric that opens with a count, 新增4个示范区, is a count of things)
                    action_clause, previous = True, []
                    continue  # 建成8处…, 甘李药业、四环制药等6家企业, 新增了三支: not a statistic
                if all((q.base_unit or q.unit) in TIME_UNITS and _role(q, text, s, metric) == "level" for q in cq) \
                        and not _DURATION_METRIC.search(metric):
                    continue  # 以来的五年, 超过11年: a span of time, not a statistic's value
                period = period_for(ps, ms, me)
                names = None
                parts = [p for p in metric.split("、") if p]
                if _DISTRIBUTE in piece.text and len(cq) >= 2:
                    names = expand_pair(metric, len(cq), lex)
                current: list[dict] = []
                if names:
                    for name, q in zip(names, cq):
                        role = _role(q, text, s, name)
                        d = new(ms, me, metric, period)
                        d["metric"] = name
                        d[role] = q.id
                        d["unit"] = q.unit
                        current.append(d)
                else:
                    d = new(ms, me, metric, period)
                    for q in cq:
                        role = _role(q, text, s, metric)
                        if d[role] is None:
                            d[role] = q.id
                            if role == "level":
                                d["unit"] = q.unit
                    if len(parts) > 1 and "均" in text[me:first_value]:
                        # 制造业贷款余额、科技贷款余额均增长11.7%: each gets the values
                        for name in parts:
                            current.append(dict(d, metric=name))
                    else:
                        current.append(d)
                if cranks:
                    current[-1]["rank"] = cranks[0].id
                out.extend(current)
                in_clause.extend(current)
                previous = in_clause
    indicators = []
    for i, d in enumerate(out, 1):
        unit = d.pop("unit")
        ident = None if _subgroup(d["metric"], lex) else canonical_id(d["metric"], unit if d["level"] else None, lex)
        d["text"] = report.text[d["start"] : d["end"]]
        d["metric"] = as_written(report, text, d["metric"], d["start"], d["end"])
        indicators.append(Indicator(id=f"i{i}", block=report.block_id_at(d["start"]), indicator=ident, **d))
    return indicators


_SUBGROUP_LEFT = compiled(r"[、“”「」]|^对|其中|地区|(?:行业|企业|产业|制造业|领域|群体|人口|平台)$")
_RATIO_OF = compiled(r"占[^，；。]*(?:比重|比例|份额)$|占比$|贡献率$")


def _subgroup(metric: str, lex: Lexicon) -> bool:
    """The metric is a part of what its lexicon wording measures (脱贫地区农村居民收入, “新三样”出口,
    制造业贷款余额): the canonical id would claim the whole."""
    m = lookup(metric, lex)
    return m is not None and (bool(_SUBGROUP_LEFT.search(metric[: m.start()])) or bool(_RATIO_OF.search(metric)))


def _rank_only_continues(previous: list[dict], gap: bool, rank, head: str) -> list[dict]:
    if previous and not gap:
        for ind in (previous if head.endswith("均") else previous[-1:]):
            if ind["rank"] is None:
                ind["rank"] = rank.id
    return []


def _rank_only(text: str, masked: str, ps: int, piece: Clause, rank, previous: list[dict], gap: bool) -> list[dict]:
    """A rank in a clause without values: the previous metric's (增速居全市第一, 均居全国首位), or a
    metric of its own (自然人光伏补贴项目总量居全市首位); returns new indicators, if any."""
    head = text[piece.start : rank.start]
    lead = _LEAD_RE.match(head)
    head_s = piece.start + (lead.end() if lead else 0)
    head = text[head_s : rank.start]
    if _RANK_CONTINUES.match(head):
        return _rank_only_continues(previous, gap, rank, head)
    m = _RANK_VERB_TAIL.search(head)
    end = head_s + (m.start() if m else len(head))
    if _RANK_CONTINUES.match(text[head_s:end]):
        return _rank_only_continues(previous, gap, rank, text[head_s:end])
    inside = _RANK_INSIDE.search(text[head_s:end])
    if inside:
        head_s, end = head_s + inside.start(1), head_s + inside.end(1)  # 在…综合考核评价中稳居第一
    out = []
    pos = head_s
    for part in text[head_s:end].split("、"):
        s, e = pos, pos + len(part)
        pos = e + 1
        if not (2 < len(part) <= 24) or _NOT_METRIC_CHARS.search(masked[s - ps : e - ps]) or _is_action(part) \
                or _NOT_METRIC_HEAD.match(part) or _RANK_PART_EDGE.search(part) or _RANK_PART_VERB.search(part):
            return []
        out.append(dict(start=s, end=e, text=part, metric=part, level=None, growth=None, points=None,
                        period=None, rank=rank.id, unit=None))
    return out


@register(adds="indicators", requires=("quantities", "periods", "ranks", "dates"))
def annotate_indicators(report: Report) -> Report:
    """Add the indicators layer (see module docstring)."""
    return replace(report, indicators=tuple(find_indicators(report)))
