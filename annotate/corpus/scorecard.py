"""Scorecard: a plan report's targets against what the next year's report says was achieved.

Contract: :func:`scorecard(plan, result)` takes two annotated reports, PLAN (the targets for year N)
and RESULT (the report of year N+1, whose review half covers year N), and returns a
:class:`Scorecard`: one :class:`Line` per target PLAN sets (report order) and one
:class:`FollowUp` per followed commitment of PLAN (every commitment not about an indicator).

The review half of RESULT is its text before the part that holds its own targets block (or before
the block itself when that is in the first part); a RESULT without a targets block is all review.

Actual values
-------------
1. RESULT's indicators in the review half with the target's canonical id, or the id on the other
   side of the same lexicon line (``gdp`` ↔ ``gdp_growth``: 国内生产总值超过126万亿元，增长5.2% is
   one indicator whose canonical id follows its level).  The value is the indicator's growth
   quantity when the target is a change (its wording says 增长/下降/涨幅 …, or the id is a
   ``*_growth``/reduction id) and its level otherwise, falling back to the other slot; the quantity
   must have a unit comparable with the target's (same base unit, or one
   ``lexicon/unit_conversions.tsv`` converts: 亿斤 ↔ 万吨).
2. Failing that, the first review sentence that names the metric (any lexicon wording of the id,
   the target's metric as written, or that metric under a qualifier PLAN's sentence holds too:
   推进重大工程建设，全年完成投资2400亿元 ↔ 重大工程投资完成2510.1亿元) followed, in the same clause,
   by a comparable quantity.
Values stated over several years (年均, 累计, 五年, 以来, “十三五”) are passed over.  A value a move
starts from (``由高峰的6.1年回落至5.3年``) gives way to where it went (5.3年); a count may stand before
the noun it counts (``已有150间家族办公室``).

Verdict rules (``a`` the actual, ``v`` the target value, in one unit)
--------------------------------------------------------------------
Direction comes from ``lexicon/indicator_direction.tsv``: ``higher`` is better, ``ceiling`` (less is
better), ``reduction`` (the target is a decrease to reach; a target whose wording says
下降/降低/减少 before its value is read this way whatever the indicator); an indicator the lexicon
gives none is ``higher`` when PLAN promises to complete or reach the amount (全年完成投资2400亿元).  Tolerance ``tol``: 0.5
for percentages and percentage points (absolute), 2 % of ``v`` for levels.  Rounding ``r``: half a
unit in the last written digit (5 → 0.5, 5.2 → 0.05) of the more precise of ``a`` and ``v`` where
the target is to be reached (a direction is known: a target of 2% is not met by 1.5%), of the less
precise where only equality can be asked (no direction: 35.4 is 35).

- ``about`` (左右, 约): higher/reduction: met when a ≥ v − tol; ceiling: met when a ≤ v + tol;
  no direction: met when |a − v| ≤ tol.
- ``at_least`` (以上, 不低于): met when a ≥ v.   ``above`` (超过): met when a > v.
- ``at_most`` (以内, 不超过): met when a ≤ v.    ``below`` (低于): met when a < v.
- ``range`` (6%-6.5%): higher/reduction: met when a ≥ low; ceiling: met when a ≤ high;
  no direction: met when low ≤ a ≤ high.
- ``exact`` (达到35%): equality within rounding, |a − v| ≤ r; with a direction, reaching it is
  enough: higher/reduction a ≥ v − r, ceiling a ≤ v + r.
- otherwise ``missed``; but a goal for several years that is not yet due in RESULT's year (its
  period ends later: ``2026-27年度`` → 2027, ``五年内`` → the plan year + 5; or its end cannot be read,
  ``本届政府任期内``) is ``unknown`` with its actual shown as progress (:func:`not_due`): a policy
  address's goal is not missed by the next address.  Met early is met.  ``unknown`` when the target has no number, no actual was found, or the
  units cannot be compared.
- With no actual value, ``met`` (actual ``null``) when the review says in words that the year's
  task for the metric was reached (城镇新增就业超额完成全年任务; not 努力完成…, not under a multi-year
  cue): :func:`stated_met`; the rule quotes the clause.

Commitment follow-through
-------------------------
Every commitment of PLAN is followed, except those about a lexicon indicator (they are targets,
scored above).  What is looked for, per commitment:

- ``project``: each project or facility named in it (entities of that type inside the clause: one
  follow-up per name, so 加快北沿江、通苏嘉甬高铁和宁淮城际铁路等重大项目建设 gives two), leaving out
  classes of things rather than one thing (500个省重大项目, 市级疏堵工程, 沿海港口:
  ``GENERIC_OBJECT_RE``); the entity's name is looked for, names shorter than 4 or longer than 30
  characters are skipped.  A parenthesised alias may be dropped (``地铁22号线（平谷线）`` also matches
  ``地铁22号线``); a name ending in a class noun also matches its stem in a list closed by that
  noun (通苏嘉甬高铁 in 北沿江、通苏嘉甬、盐泰锡常宜高铁), and bare names listed before a named one in
  PLAN share its class noun (加快北沿江、盐泰锡常宜、通苏嘉甬高铁 gives 北沿江高铁 and 盐泰锡常宜高铁).
- ``quantity``: else, the counted thing of a quantity promise (``建成2个万卡智算集群`` → 万卡智算集群),
  unless it is an action with no physical amount (1万家规上工业企业数智化转型, unlike
  完成120.5公里架空线入地及合杆整治: ``ACTION_OBJECT_RE``).
- ``object``: every other commitment, by its object's words (simplified, punctuation dropped,
  cut only at word boundaries (科学普及 keeps its 及), a leading verb 建立/加快… that is a word of its
  own and leaves 4 characters taken off (应用场景, 执行力 stay), a batch 一批… and a trailing 建设/工作
  taken off; an object of under 4 characters keeps its verb: 提振消费, not 消费).  A RESULT clause mentions it when it holds the words, or at least
  ``OBJECT_OVERLAP`` of their character pairs (and 3 of them) — the same object reworded around
  its words (推进全民健身公共服务体系建设 ↔ 全民健身公共服务体系更加完善).  ``matched`` is then the
  longest run of the object found in the clause.

Status (RESULT's halves as above: the review before :func:`review_end`, the plan half after):

- ``done``: a mention in RESULT's review half has a completion word (建成 完成 实现 投运 通车 竣工 落地
  开通 投用 投入运营 投产 交付 开园 开馆 启用 通航) in its clause, not after 加快/推进/力争 …;
- ``in_progress``: the review half mentions it without one;
- ``not_mentioned``: the review half does not mention it, but RESULT's plan half does (it is
  promised again, or still named among the year's work): carried over, silently;
- ``dropped``: neither half of RESULT mentions it: the review is silent and the new plan no
  longer promises it.  A RESULT with no targets block is all review, so nothing it does not
  mention can be told apart from a dropped promise: it is ``dropped`` too.

A mention in RESULT's title (…政府工作报告), in a sentence that names a shortcoming
(一些地方和干部推动高质量发展能力亟待提高: ``lexicon/shortcoming_words.txt``) or in one that presents
the report itself (向大会报告政府工作，请予审议: ``lexicon/procedural_words.txt``) is no evidence, nor is a mention
right after a preposition that makes it the frame of other work (按照党中央决策部署，…).

The evidence is the clause of RESULT (as written) holding the best mention (``sentence``: the
whole sentence around it) — a review mention
before a plan one, a completion before a plain mention, an exact mention before a reworded one —
and ``where`` says which half it is in; ``dropped`` has none.  One follow-up per object: a later
commitment with the same object is not followed twice.

Levels at the end of a multi-year review
----------------------------------------
A value under a multi-year cue (过去五年, “十四五”时期) is passed over, except a level the period
ended at for a level target: a percentage reached (研发投入强度达3.38%左右) or any level held steady
(粮食总产量稳定在550亿斤左右).  It ranks after every value with a year cue or none.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Optional, Sequence

from ..model import Commitment, Number, Quantity, Report, Target
from ..lexicon import DIR as LEXICON_DIR
from ..lazyre import compiled
from ..reading.numerals import parse_number

LEXICON = LEXICON_DIR

PERCENT_UNITS = ("%", "个百分点", "百分点", "‰")
PERCENT_TOLERANCE = 0.5  # percentage points, for targets in % or 个百分点
LEVEL_TOLERANCE = 0.02  # relative, for levels (万人, 万亿斤, 亿元)

# time cues: the nearest one before a value says whether it is the year's or several years'
YEAR_CUE_RE = compiled(r"过去一年|去年|全年|一年来|上年|今年以来")
MULTI_YEAR_RE = compiled(r"[五十]年来|过去的?[五十]年|这五年|五年间|本届政府|“?十[一二三四五]五”?(?:时期|期间|以来)")
# inside the clause: a value over several years or part of the year is not the year's result
MULTI_YEAR_CLAUSE_RE = compiled(r"年均|累计|每年|连续[\d一二三四五六七八九十]+年|[五十]年|翻[一两]?番|平均每年")
SUB_YEAR_RE = compiled(r"[一二三四1-4]季度|上半年|下半年|前三季度|\d{1,2}\s*[-－—至~～]\s*\d{1,2}\s*月|\d{1,2}月份|月末")
PART_SCOPE_RE = compiled(r"对|其中")  # 对非洲市场出口, 其中出口: a part of the whole
SHARE_RE = compiled(r"比重|占|比例|相当于|贡献率")
CHANGE_WORDS_RE = compiled(r"增长|增速|增幅|涨幅|上涨|提高|提升|下降|降低|减少|回落")
REDUCTION_WORDS_RE = compiled(r"(下降|降低|减少|压减|削减)[^，；。]{0,4}$")
RISE_BEFORE_RE = compiled(r"(增长|上升|提高|上涨|增加)[^，；。]{0,4}$")
COMPLETION_RE = compiled(r"建成|完成|实现|投运|通车|竣工|落地|开通|投用|投入使用|投入运营|正式运营|投产|交付|开园|开馆|启用|通航")
FOLLOW_STATUSES = ("done", "in_progress", "not_mentioned", "dropped")
CLAUSE_STOP = "，,；;。！？!?\n"
SENTENCE_STOP = "。！？!?\n"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class TargetValue:
    value: Optional[Number]
    low: Optional[Number]
    high: Optional[Number]
    unit: Optional[str]
    qualifier: Optional[str]
    text: str


@dataclass(frozen=True)
class Actual:
    value: Number
    unit: str
    text: str  # the sentence clause stating it, as written
    quantity: Optional[str] = None  # quantity id in RESULT
    source: str = "indicator"  # indicator | text
    start: int = 0
    end: int = 0
    common: Optional[float] = None  # the value in the common unit (unit_conversions.tsv), signed
    common_unit: str = ""

    @staticmethod
    def of(value: Number, unit: str, base_unit: Optional[str] = None, normalized: Optional[Number] = None,
           text: str = "") -> "Actual":
        """An actual value stated as ``value`` ``unit`` (``base_unit``/``normalized`` as a
        quantity carries them; derived from the unit's multiplier when not given)."""
        base = base_unit if base_unit is not None else unit
        if normalized is not None:
            common, factor = _common(base)
            mag = float(normalized) * factor
        else:
            m = _magnitude(value, unit, base)
            assert m is not None
            mag, common = m
        return Actual(value=value, unit=unit, text=text, common=mag, common_unit=common)


@dataclass(frozen=True)
class Rule:
    """A verdict rule as a key of ``lexicon/ui_strings.tsv`` (``rule.*``) and the values of its fields.

    A field's value is a string or another :class:`Rule` (a tolerance, a direction), worded in the
    same language; :meth:`words` fills the template, so the rule reads in the reader's language.
    """

    key: str
    fields: tuple[tuple[str, Any], ...] = ()

    def words(self, lang: str = "en") -> str:
        """The rule in ``lang`` (``en`` or ``zh``); a key the table lacks reads as the key."""
        from ..lexicon.ui import strings

        values = {k: v.words(lang) if isinstance(v, Rule) else v for k, v in self.fields}
        return strings(lang).get(self.key, self.key).format(**values)


def _rule(key: str, **fields: Any) -> Rule:
    return Rule(key, tuple(fields.items()))


@dataclass(frozen=True)
class Line:
    indicator: Optional[str]
    metric: str
    target: TargetValue
    actual: Optional[Actual]
    verdict: str  # met | missed | unknown
    direction: Optional[str] = None  # higher | ceiling | reduction | None
    rule: str = ""  # the rule applied, in English words (the JSON's "rule")
    why: Optional["Rule"] = None  # the same rule as a key of the interface table, for other languages


@dataclass(frozen=True)
class FollowUp:
    commitment: str  # commitment id in PLAN
    text: str  # the commitment as written
    object: str  # what was looked for
    kind: str  # project | quantity | object
    status: str  # done | in_progress | not_mentioned | dropped
    evidence: Optional[str] = None  # the RESULT sentence it was found in
    where: Optional[str] = None  # review | plan (the half of RESULT it was found in)
    matched: Optional[str] = None  # the form found in the evidence (the name, or its stem in a list)
    sentence: Optional[str] = None  # the whole RESULT sentence holding the evidence clause


@dataclass(frozen=True)
class Side:
    file: str
    title: Optional[str]
    issuer: Optional[str]
    year: Optional[int]
    review_year: Optional[int]


@dataclass(frozen=True)
class Scorecard:
    plan: Side
    result: Side
    lines: tuple[Line, ...]
    commitments: tuple[FollowUp, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def targets(self) -> tuple[Line, ...]:
        """The target lines under the JSON's name (``targets``); ``lines`` is the same tuple."""
        return self.lines

    @property
    def summary(self) -> dict[str, dict[str, int]]:
        """Verdict counts, as the JSON's ``summary``."""
        return self.to_json()["summary"]

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of ``annotate scorecard``: ``targets`` then ``commitments``."""
        counts = {v: sum(1 for ln in self.lines if ln.verdict == v) for v in ("met", "missed", "unknown")}
        fcounts = {v: sum(1 for f in self.commitments if f.status == v) for v in FOLLOW_STATUSES}
        return {
            "plan": asdict(self.plan),
            "result": asdict(self.result),
            "summary": {"targets": counts, "commitments": fcounts},
            "targets": [_line_json(ln) for ln in self.lines],
            "commitments": [asdict(f) for f in self.commitments],
            "warnings": list(self.warnings),
        }


def _line_json(ln: Line) -> dict[str, Any]:
    actual = None
    if ln.actual is not None:
        actual = {"value": ln.actual.value, "unit": ln.actual.unit, "text": ln.actual.text,
                  "quantity": ln.actual.quantity, "source": ln.actual.source}
    return {"indicator": ln.indicator, "metric": ln.metric, "target": asdict(ln.target), "actual": actual,
            "verdict": ln.verdict, "direction": ln.direction, "rule": ln.rule}


# --------------------------------------------------------------------------- lexicon data


@lru_cache(maxsize=1)
def directions() -> dict[str, str]:
    """Canonical id → ``higher`` | ``ceiling`` | ``reduction`` (``lexicon/indicator_direction.tsv``)."""
    out: dict[str, str] = {}
    for line in (LEXICON / "indicator_direction.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 2 and cols[1].strip() in ("higher", "ceiling", "reduction"):
            out[cols[0].strip()] = cols[1].strip()
    return out


@lru_cache(maxsize=1)
def _conversions() -> dict[str, tuple[str, float]]:
    table: dict[str, tuple[str, float]] = {}
    for line in (LEXICON / "unit_conversions.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 3:
            table[cols[0].strip()] = (cols[1].strip(), float(cols[2]))
    return table


@lru_cache(maxsize=1)
def _related_ids() -> dict[str, frozenset[str]]:
    """id → the ids sharing a lexicon line with it (growth id and level id), itself included."""
    from ..annotators.indicators import load_lexicon

    groups: dict[str, set[str]] = {}
    for ident, level in load_lexicon().wordings.values():
        for a in (ident, level):
            groups.setdefault(a, set()).update((ident, level))
    return {k: frozenset(v) for k, v in groups.items()}


_MULTIPLIERS = (("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("十亿", 1e9), ("千万", 1e7), ("百万", 1e6),
                ("十万", 1e5), ("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2))


def _unit_scale(unit: Optional[str], base_unit: Optional[str]) -> float:
    """How many base units one ``unit`` is: ``万亿斤``/``斤`` → 1e12, ``%``/``%`` → 1."""
    unit = unicodedata.normalize("NFKC", unit or "")
    base = unicodedata.normalize("NFKC", base_unit or "")
    prefix = unit[: len(unit) - len(base)] if base and unit.endswith(base) else ("" if unit == base else unit)
    scale = 1.0
    while prefix:
        for p, m in _MULTIPLIERS:
            if prefix.startswith(p):
                scale *= m
                prefix = prefix[len(p):]
                break
        else:
            return scale  # not a multiplier (个百分点 over 个百分点 never gets here)
    return scale


def _common(base_unit: Optional[str]) -> tuple[str, float]:
    base = unicodedata.normalize("NFKC", base_unit or "")
    if base == "百分点":
        base = "个百分点"
    return _conversions().get(base, (base, 1.0))


def _is_percent(unit: Optional[str]) -> bool:
    u = unicodedata.normalize("NFKC", unit or "")
    return u.endswith(PERCENT_UNITS)


# --------------------------------------------------------------------------- review half


def review_end(report: Report) -> int:
    """Where RESULT's review half ends: the start of the part holding its targets block (the block
    itself when that part is the first), or the end of the text when it has no targets block."""
    from ..annotators.targets import target_blocks

    blocks = target_blocks(report)
    if not blocks:
        return len(report.text)
    start = blocks[0].start
    parts = [b for b in report.blocks if b.kind == "part" and b.start <= start < b.end]
    if parts:
        first_part = min((b.start for b in report.blocks if b.kind == "part"), default=parts[0].start)
        if parts[0].start > first_part:
            return parts[0].start
    return start


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    s = max(text.rfind(ch, 0, start) for ch in SENTENCE_STOP) + 1
    ends = [i for i in (text.find(ch, end) for ch in SENTENCE_STOP) if i >= 0]
    return s, (min(ends) + 1 if ends else len(text))


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    s = max(text.rfind(ch, 0, start) for ch in CLAUSE_STOP) + 1
    ends = [i for i in (text.find(ch, end) for ch in CLAUSE_STOP) if i >= 0]
    return s, (min(ends) if ends else len(text))


# --------------------------------------------------------------------------- actual values


def _scan(report: Report) -> str:
    """Text to match words on: the simplified view when it keeps offsets (traditional reports)."""
    if report.meta.script != "simplified":
        try:
            view = report.simplified.view
            if len(view) == len(report.text):
                return view
        except Exception:
            pass
    return report.text


def _magnitude(value: Optional[Number], unit: Optional[str], base_unit: Optional[str]) -> Optional[tuple[float, str]]:
    if value is None:
        return None
    common, factor = _common(base_unit if base_unit is not None else unit)
    return float(value) * _unit_scale(unit, base_unit if base_unit is not None else unit) * factor, common


def _q_magnitude(q: Quantity) -> Optional[tuple[float, str]]:
    if q.value is None:
        return None
    if q.normalized is not None:
        # base unit "" is meaningful: a bare multiplier (1109万) whose normalized value is a count
        common, factor = _common(q.base_unit if q.base_unit is not None else q.unit)
        return float(q.normalized) * factor, common
    return _magnitude(q.value, q.unit, q.base_unit)


def _target_common(t: Target) -> Optional[str]:
    if t.unit is None:
        return None
    return _common(t.base_unit if t.base_unit is not None else t.unit)[0]


def _wants_change(t: Target, direction: Optional[str]) -> bool:
    if direction == "reduction":
        return True
    if (t.indicator or "").endswith("_growth"):
        return True
    head = t.text[: max(0, t.text.find(str(t.value)))] if t.value is not None else t.text
    return bool(CHANGE_WORDS_RE.search(head or t.text))


def _signed(q: Quantity, text: str, want_change: bool, reduction: bool) -> Number:
    """The quantity's value, signed: for a reduction target a rise (上升0.5%) is a negative
    decrease; for a growth target a fall (下降3.3%) is a negative growth."""
    v = q.value  # type: ignore[assignment]
    before = text[max(0, q.start - 8) : q.start]
    if reduction:
        if q.change == "growth" or (RISE_BEFORE_RE.search(before) and not REDUCTION_WORDS_RE.search(before)):
            return -v  # type: ignore[operator]
    elif want_change:
        if q.change == "decline" or (REDUCTION_WORDS_RE.search(before) and not RISE_BEFORE_RE.search(before)):
            return -v  # type: ignore[operator]
    return v


@dataclass(frozen=True)
class _Candidate:
    quantity: Quantity
    start: int  # where the metric starts
    end: int  # end of the clause
    source: str  # indicator | text


def _context(text: str, para_start: int, start: int, review_year: Optional[int]) -> int:
    """0 when the nearest time cue before ``start`` (from ``para_start``) names the year (去年, 全年,
    2023年), 1 when there is none, 2 when it names several years (五年, 年均, “十四五”)."""
    # built per review year: re.compile's own cache holds it (the pattern cache file is for fixed patterns)
    year_re = YEAR_CUE_RE if review_year is None else re.compile(YEAR_CUE_RE.pattern + f"|{review_year}年(?!\\d)")
    last_year = max((m.end() for m in year_re.finditer(text, para_start, start)), default=-1)
    last_multi = max((m.end() for m in MULTI_YEAR_RE.finditer(text, para_start, start)), default=-1)
    if last_year < 0 and last_multi < 0:
        return 1
    return 0 if last_year >= last_multi else 2


def _acceptable(text: str, sent_start: int, metric_start: int, q: Quantity) -> bool:
    """False for a value over several years (年均, 累计, 连续9年), of part of the year (一季度),
    or the start of a change (从2.77%提高到…)."""
    clause_start, _ = _clause(text, q.start, q.start)
    if MULTI_YEAR_CLAUSE_RE.search(text, min(sent_start, metric_start), q.start):
        return False
    if SUB_YEAR_RE.search(text, min(clause_start, metric_start), q.start):
        return False
    if text[max(0, q.start - 2) : q.start].endswith(("从", "由")):
        return False
    return True


def _indicator_candidates(t: Target, result: Report, text: str, end: int, want_change: bool) -> list[_Candidate]:
    from ..annotators.indicators import lookup

    if not t.indicator:
        return []  # no canonical id: only the wording search can find it
    ids = _related_ids().get(t.indicator, frozenset({t.indicator}))
    common = _target_common(t)
    qs = {q.id: q for q in result.quantities}
    out = []
    # A level target (粮食产量1.3万亿斤) is met by a level, never by an increment the
    # indicators layer bound to the same metric (粮食产量…、亩产提升10.1斤).
    slots = ("growth", "points", "level") if want_change else ("level",)
    for ind in sorted(result.indicators, key=lambda i: i.start):
        if ind.start >= end or ind.indicator not in ids:
            continue
        m = lookup(ind.metric)
        if m is not None and re.search(r"对|其中|、", ind.metric[: m.start()]):
            continue  # a part of the whole (对非洲、拉美市场出口)
        cs, _ = _clause(text, ind.start, ind.start)
        wording_at = text.rfind(m.group(0), ind.start, ind.end) if m is not None else -1
        # the same, when the indicator holds only the last of a list (拉美市场出口); but a
        # ``其中`` that names the target's own indicator (地区生产总值增长5.1%，其中规模工业增加值
        # 增长6.4%) introduces that indicator, not a part of it
        part = PART_SCOPE_RE.search(text, cs, wording_at if wording_at >= 0 else ind.start)
        if part is not None and not (part.group(0) == "其中" and ind.indicator == t.indicator):
            continue
        for slot in slots:
            qid = getattr(ind, slot)
            q = qs.get(qid) if qid else None
            if q is None or q.value is None or q.start >= end:
                continue
            mag = _q_magnitude(q)
            if mag is None or mag[1] != common:
                continue
            ss, _ = _sentence(text, ind.start, q.end)
            if not _acceptable(text, ss, ind.start, q):
                continue
            _, ce = _clause(text, q.start, q.end)
            out.append(_Candidate(q, ind.start, ce, "indicator"))
            break
    return out


def _metric_matches(t: Target, text: str, end: int, context: str = "") -> list[re.Match[str]]:
    """Where the review names the target's metric: lexicon wordings of its ids (leftmost-longest
    over the whole lexicon, so 国内生产总值 inside 单位国内生产总值能耗 does not count), the
    metric as the target wrote it, and the metric under a qualifier of PLAN's sentence ``context``
    (:func:`_qualified_matches`)."""
    from ..annotators.indicators import load_lexicon

    lex = load_lexicon()
    ids = _related_ids().get(t.indicator, frozenset({t.indicator})) if t.indicator else frozenset()
    out = [m for m in lex.pattern.finditer(text, 0, end) if lex.wordings[m.group(0)][0] in ids
           or lex.wordings[m.group(0)][1] in ids]
    if t.metric and len(t.metric) >= 3 and t.metric not in lex.wordings:
        out.extend(re.finditer(re.escape(t.metric), text[:end]))
    starts = {m.start() for m in out}
    out.extend(m for m in _qualified_matches(t.metric, text, end, context) if m.start() not in starts)
    return sorted(out, key=lambda m: m.start())


MAX_QUALIFIER = 8  # characters a qualifier before a metric may have (重大工程 in 重大工程投资)
_QUALIFIER_RE = compiled(r"[\u4e00-\u9fff]{2,}")


def _qualified_matches(metric: Optional[str], text: str, end: int, context: str) -> list[re.Match[str]]:
    """Where the review names ``metric`` under a qualifier that PLAN's sentence ``context`` holds
    too: PLAN 推进重大工程建设，全年完成投资2400亿元 (metric 投资, its qualifier in the clause before)
    against RESULT 重大工程投资完成2510.1亿元.  The match spans qualifier and metric; the longest
    qualifier (2 to :data:`MAX_QUALIFIER` Chinese characters, inside the metric's clause) wins, and
    RESULT's 全社会固定资产投资 is no match, PLAN's sentence not holding 固定资产."""
    if not context or not metric or len(metric) < 2:
        return []
    out = []
    for m in re.finditer(re.escape(metric), text[:end]):
        cs, _ = _clause(text, m.start(), m.start())
        for a in range(max(cs, m.start() - MAX_QUALIFIER), m.start() - 1):
            qualifier = text[a : m.start()]
            if _QUALIFIER_RE.fullmatch(qualifier) and qualifier in context:
                out.append(re.compile(re.escape(qualifier + metric)).match(text, a))
                break
    return [m for m in out if m is not None]


def _text_candidates(t: Target, result: Report, text: str, end: int, want_change: bool,
                     context: str = "") -> list[_Candidate]:
    common = _target_common(t)
    qs = sorted((q for q in result.quantities if q.start < end), key=lambda q: q.start)
    out = []
    for m in _metric_matches(t, text, end, context):
        if text[max(0, m.start() - 3) : m.start()].endswith(("占", "相当于", "与", "同", "快于", "高于", "低于")):
            continue  # a denominator or a comparison, not the metric
        cs, ce = _clause(text, m.start(), m.end())
        if PART_SCOPE_RE.search(text, cs, m.start()):
            continue  # a part of the whole: 对非洲、拉美市场出口 is not all exports
        ss, _ = _sentence(text, m.start(), m.end())
        count = _count_before(text, m.start(), qs, common, cs)
        if count is not None and _acceptable(text, ss, count.start, count):
            out.append(_Candidate(count, count.start, ce, "text"))
            continue
        for q in qs:
            if q.start < m.end() or q.end > ce:
                continue
            gap = text[m.end() : q.start]
            if len(gap) > 16 or SHARE_RE.search(gap):
                break
            mag = _q_magnitude(q)
            if mag is None or mag[1] != common:
                continue  # the level before its growth (地区生产总值60199.45亿元、增长5%)
            if want_change and not CHANGE_WORDS_RE.search(gap):
                break
            if _acceptable(text, ss, m.start(), q):
                out.append(_Candidate(q, m.start(), ce, "text"))
            break
    return out


COUNT_BEFORE_GAP_RE = compiled(r"(?:个|的)?$")


def _count_before(text: str, start: int, qs: Sequence[Quantity], common: Optional[str], floor: int) -> Optional[Quantity]:
    """A count written right before the metric it counts (``已有150间家族办公室``: classifier, then
    noun), in the same clause (from ``floor``), in the target's common unit; else None."""
    for q in reversed(qs):
        if q.end > start:
            continue
        if q.start < floor or not COUNT_BEFORE_GAP_RE.fullmatch(text[q.end : start]):
            return None
        mag = _q_magnitude(q)
        return q if mag is not None and mag[1] == common and q.unit and not _is_percent(q.unit) else None
    return None


# a value a move starts from (由高峰的6.1年回落至5.3年): the review's figure is where it went
MOVE_FROM_RE = compiled(r"(?:由|从)[^，；。至到]{0,8}$")
MOVE_TO_RE = compiled(r"[^，；。]{0,12}?(?:至|到)\s*$")


def _moved_to(text: str, q: Quantity, qs: Sequence[Quantity]) -> Quantity:
    """``q``, or the value a move from ``q`` reaches in the same clause (``由…6.1年回落至5.3年`` → 5.3年)
    when ``q`` is its starting point and the end is in the same unit."""
    if not MOVE_FROM_RE.search(text, max(0, q.start - 10), q.start):
        return q
    for o in qs:
        if o.start >= q.end and MOVE_TO_RE.fullmatch(text, q.end, o.start) and _q_magnitude(o) \
                and _q_magnitude(q) and _q_magnitude(o)[1] == _q_magnitude(q)[1]:
            return o
    return q


END_LEVEL_RE = compiled(r"(达到?|升至|提高到|提升至|提升到|增至|稳定在|保持在)$")
STEADY_RE = compiled(r"(稳定在|保持在)$")


FIVE_YEAR_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
FUTURE_YEAR_RE = compiled(r"(?:到|至)?(20\d\d)年")


def _past_period(text: str, start: int, review_year: Optional[int]) -> bool:
    """True when the multi-year cue governing ``start`` is a period that ended in the review year
    (过去五年, “十四五”时期 in a 2026 report), not a plan for the years ahead (“十五五”, 到2030年)."""
    cue = None
    for m in MULTI_YEAR_RE.finditer(text, 0, start):
        cue = m
    if cue is None:
        return False
    for name, last in FIVE_YEAR_END.items():
        if name in cue.group(0) and review_year is not None and last != review_year:
            return False
    if review_year is not None:
        for y in FUTURE_YEAR_RE.finditer(text, cue.end(), start):
            if int(y.group(1)) > review_year:
                return False
    return True


def _end_level(t: Target, text: str, c: _Candidate, review_year: Optional[int] = None) -> bool:
    """A level a review of the past period states it ended at (研发投入强度达3.38%左右, 常住人口城镇化率60%,
    粮食总产量稳定在550亿斤左右): the level in the review year, the period's last.  Only for a ratio (a
    percentage: a stock, not summed over years) written bare or reached (达, 升至), or any level
    held steady (稳定在); never a bound (稳定在4.4%以内) or a flow stated over the period
    (城镇新增就业超690万人 is the period's sum, never the year's)."""
    if _wants_change(t, direction_of(t)):
        return False
    if c.quantity.qualifier in ("at_most", "below"):
        return False
    gap = text[c.start : c.quantity.start]
    mm = re.match(r"[^，；。]{0,16}$", gap)
    if mm is None:
        return False
    m = END_LEVEL_RE.search(gap)
    percent = _is_percent(c.quantity.unit) and not (c.quantity.unit or "").endswith("百分点")
    if percent and m is None:
        # written bare: the value right after the metric's wording (常住人口城镇化率60%)
        from ..annotators.indicators import load_lexicon

        bare = [w for w in load_lexicon().pattern.finditer(gap) if w.end() == len(gap)]
        if not bare:
            return False
    elif m is None or not (percent or STEADY_RE.search(gap)):
        return False
    return _past_period(text, c.start, review_year)


def find_actual(t: Target, result: Report, end: Optional[int] = None, context: str = "") -> Optional[Actual]:
    """The value RESULT's review half gives for target ``t`` (module docstring), or None.
    ``context`` is PLAN's sentence holding the target (simplified): its words may qualify the
    metric in RESULT (:func:`_qualified_matches`).

    Of the candidates, one whose paragraph last named the year (去年, 全年) wins over one with no
    time cue, which wins over one whose paragraph last spoke of several years (过去五年); then
    the indicators layer over the wording search, then the first in the text.
    """
    if t.unit is None:
        return None
    end = review_end(result) if end is None else end
    direction = direction_of(t)
    want_change = _wants_change(t, direction)
    reduction = direction == "reduction"
    text = _scan(result)
    cands = (_indicator_candidates(t, result, text, end, want_change)
             + _text_candidates(t, result, text, end, want_change, context))
    if not cands:
        return None
    ry = result.meta.review_year
    # a value whose nearest time cue speaks of several years (过去五年) is not the year's result,
    # unless it is the level the period ended at (below): that level is the review year's
    cands = [c for c in cands if _context(text, 0, c.start, ry) < 2
             or (not want_change and _end_level(t, text, c, ry))]
    if not cands:
        return None

    def rank(c: _Candidate) -> tuple[float, int, int]:
        # the nearest time cue before the value, however far back in the review (a heading such
        # as 过去的五年 governs the paragraphs under it); an end-of-period level comes last
        ctx = _context(text, 0, c.start, ry)
        return (ctx if ctx < 2 else 1.5, 0 if c.source == "indicator" else 1, c.start)

    best = min(cands, key=rank)
    q = _moved_to(text, best.quantity, sorted(result.quantities, key=lambda x: x.start))
    value = _signed(q, text, want_change, reduction)
    sign = -1.0 if value != q.value else 1.0
    mag = _q_magnitude(q)
    assert mag is not None
    return Actual(value=value, unit=q.unit, text=result.text[best.start : best.end].strip(), quantity=q.id,
                  source=best.source, start=best.start, end=best.end, common=mag[0] * sign, common_unit=mag[1])


# the review says the year's target for the metric was reached, without a number
# (城镇新增就业超额完成全年任务); 努力/确保 … 完成 is a plan, not a result
STATED_MET_RE = compiled(r"[^，；。！？]{0,4}?(超额完成|完成|实现|达到)(了)?(全年|年度)(目标)?任务")
PLAN_WORDS_RE = compiled(r"努力|确保|力争|争取|有决心|有能力|要")


def stated_met(t: Target, result: Report, end: Optional[int] = None) -> Optional[str]:
    """The review clause saying the year's target for ``t``'s metric was met or exceeded
    (城镇新增就业超额完成全年任务), or None.  Only the year's (全年, 年度) task counts, and not
    under a multi-year cue."""
    end = review_end(result) if end is None else end
    text = _scan(result)
    for m in _metric_matches(t, text, end):
        said = STATED_MET_RE.match(text, m.end())
        if said is None:
            continue
        cs, ce = _clause(text, m.start(), said.end())
        if PLAN_WORDS_RE.search(text, cs, said.end()):
            continue
        if _context(text, 0, m.start(), result.meta.review_year) == 2:
            continue
        return result.text[cs:ce].strip()
    return None


# --------------------------------------------------------------------------- verdicts


# an amount PLAN promises to complete or reach (全年完成投资2400亿元): doing more meets it
ACHIEVE_BEFORE_RE = compiled(r"(?:完成|实现|达到|突破)$")


def direction_of(t: Target, context: str = "") -> Optional[str]:
    """``reduction`` when the target's wording states a decrease, else the lexicon's direction;
    with none, ``higher`` when PLAN's sentence ``context`` promises to complete or reach the amount
    (全年完成投资2400亿元: the verb stands before the target's own words)."""
    head = t.text
    if t.value is not None or t.low is not None:
        num = t.text.find(_fmt(t.value if t.value is not None else t.low))
        head = t.text[:num] if num > 0 else t.text
    if REDUCTION_WORDS_RE.search(head):
        return "reduction"
    d = directions().get(t.indicator or "")
    at = context.find(_plain(t.text)) if context and d is None else -1
    if at > 0 and ACHIEVE_BEFORE_RE.search(context, 0, at):
        return "higher"
    return d


def _fmt(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _half_digit(v: Number) -> float:
    """Half a unit in the last written digit: 5 → 0.5, 5.2 → 0.05, 1200 → 0.5."""
    exp = Decimal(str(v)).normalize().as_tuple().exponent
    exp = min(int(exp), 0) if isinstance(exp, int) else 0
    return 0.5 * 10 ** exp


EPS = 1e-9


YEAR_RE = compiled(r"(20\d\d)(?:\s*[-–—/／]\s*(\d{2,4}))?")
YEARS_WITHIN_RE = compiled(r"([一二两三四五六七八九十\d]{1,3})\s*(?:个)?(?:学)?年")


def due_year(t: Target, plan_year: Optional[int]) -> Optional[int]:
    """The year by which multi-year target ``t`` is due, read from its period: the last year it
    names (``2026-27年度`` → 2027, ``2025年年底前`` → 2025), else the plan year plus the years it
    counts (``五年内`` in 2022 → 2027); None when the period says neither (``本届政府任期内``)."""
    period = t.period or ""
    years = []
    for m in YEAR_RE.finditer(period):
        years.append(int(m.group(1)))
        if m.group(2):
            tail = m.group(2)
            years.append(int(tail) if len(tail) == 4 else int(m.group(1)[:2] + tail))
    if years:
        return max(years)
    m = YEARS_WITHIN_RE.search(period)
    if m and plan_year:
        n = parse_number(m.group(1))
        return plan_year + int(n) if n else None
    return None


def not_due(t: Target, plan_year: Optional[int], result_year: Optional[int]) -> bool:
    """Is ``t`` a goal for several years that is not yet due when RESULT (of ``result_year``)
    reviews it?  Such a goal is not missed by a next year that falls short of it: the actual shows
    progress.  A period whose end cannot be read counts as not due."""
    if t.horizon != "multi_year":
        return False
    due = due_year(t, plan_year)
    return due is None or result_year is None or result_year < due


def verdict(t: Target, actual: Optional[Actual], direction: Optional[str]) -> tuple[str, Rule]:
    """(met | missed | unknown, the rule applied) for target ``t`` against ``actual``."""
    q = t.qualifier or "exact"
    if t.value is None and (t.low is None or t.high is None):
        return "unknown", _rule("rule.no_number")
    if actual is None:
        return "unknown", _rule("rule.no_actual")
    base = t.base_unit if t.base_unit is not None else t.unit
    common_t, factor_t = _common(base)
    to_common = _unit_scale(t.unit, base) * factor_t  # one target unit in common units
    if actual.common is None or actual.common_unit != common_t or not to_common:
        return "unknown", _rule("rule.unit_mismatch")
    a = actual.common / to_common  # the actual in the target's unit
    percent = _is_percent(t.unit)
    d = direction
    floor = d in ("higher", "reduction")
    named = _rule(f"rule.dir.{d}")  # the direction in words, for the floor rules
    if q == "range":
        lo, hi = float(t.low), float(t.high)  # type: ignore[arg-type]
        if floor:
            return _says(a >= lo - EPS), _rule("rule.range.floor", d=named, low=_fmt(t.low))
        if d == "ceiling":
            return _says(a <= hi + EPS), _rule("rule.range.ceiling", high=_fmt(t.high))
        return _says(lo - EPS <= a <= hi + EPS), _rule("rule.range", low=_fmt(t.low), high=_fmt(t.high))
    v = float(t.value)  # type: ignore[arg-type]
    if q == "about":
        tol = PERCENT_TOLERANCE if percent else LEVEL_TOLERANCE * abs(v)
        tol_s = (_rule("rule.tol.points", n=_fmt(PERCENT_TOLERANCE)) if percent
                 else _rule("rule.tol.share", share=f"{LEVEL_TOLERANCE:.0%}"))
        if floor:
            return _says(a >= v - tol - EPS), _rule("rule.about.floor", d=named, tol=tol_s)
        if d == "ceiling":
            return _says(a <= v + tol + EPS), _rule("rule.about.ceiling", tol=tol_s)
        return _says(abs(a - v) <= tol + EPS), _rule("rule.about", tol=tol_s)
    one_sided = {"at_least": lambda: a >= v - EPS, "above": lambda: a > v + EPS,
                 "at_most": lambda: a <= v + EPS, "below": lambda: a < v - EPS}
    if q in one_sided:
        return _says(one_sided[q]()), _rule(f"rule.{q}")
    digits = (_half_digit(t.value), _half_digit(round(a, 6)))  # type: ignore[arg-type]
    # Reaching a target (a direction is known) is judged at the more precise of the two numbers: 1.5
    # against 2 falls short by 0.5, it does not "round to 2".  Equality (no direction) at the less precise.
    r = min(digits) if floor or d == "ceiling" else max(digits)
    if floor:
        return _says(a >= v - r - EPS), _rule("rule.exact.floor", d=named, r=_fmt(r))
    if d == "ceiling":
        return _says(a <= v + r + EPS), _rule("rule.exact.ceiling", r=_fmt(r))
    return _says(abs(a - v) <= r + EPS), _rule("rule.exact", r=_fmt(r))


def _says(ok: bool) -> str:
    return "met" if ok else "missed"


# --------------------------------------------------------------------------- commitments

FOLLOW_KINDS = ("project", "facility")  # programmes and policies (健康中国) are never "done"
MIN_QUANTITY_OBJECT = 5  # a counted thing shorter than this (老旧小区) is too common to follow
MIN_OBJECT, MAX_OBJECT = 4, 24
_PAREN_RE = compiled(r"[（(][^（）()]{1,20}[)）]")
# works of a phase (…四期工程, the entity's name) are followed by the phase's name too (…四期)
_PHASE_WORKS_RE = compiled(r"(?<=期)(?:工程|项目)$")
_EDGE_PUNCT = "、，,“”\" \t\u3000"
_FUNCTION_WORDS = frozenset("的 和 及 与 以及".split())


def _trim_words(s: str) -> str:
    """``s`` without punctuation and function words (的 和 及 与) at either end, cut only at word
    boundaries (rjieba): 科学普及 keeps its 及, 及时 its 及; 和…的 around a name go."""
    import rjieba

    s = s.strip(_EDGE_PUNCT)
    words = [w for w in rjieba.cut(s)] if s else []
    while words and (words[0] in _FUNCTION_WORDS or not words[0].strip(_EDGE_PUNCT)):
        words.pop(0)
    while words and (words[-1] in _FUNCTION_WORDS or not words[-1].strip(_EDGE_PUNCT)):
        words.pop()
    return "".join(words).strip(_EDGE_PUNCT)


@lru_cache(maxsize=1)
def _to_simplified():
    try:
        import opencc

        return opencc.OpenCC("hk2s")  # the conversion Report.simplified uses
    except Exception:  # pragma: no cover - opencc is a declared dependency
        return None


def _plain(s: str) -> str:
    """Simplified script, no spaces: how an object is looked for in RESULT's simplified view."""
    conv = _to_simplified()
    if conv is not None:
        s = conv.convert(s)
    return re.sub(r"\s+", "", s)


# a class of things, not a followable one: a count (500个省重大项目), a level of government
# (市级疏堵工程), "major projects" in general, a generic modifier (沿海港口), an action rather
# than a thing (数智化转型, 积水点治理), or a bare head noun with a short qualifier (入园项目)
GENERIC_OBJECT_RE = compiled(
    r"^[\d一二三四五六七八九十百千万]+[个项家座条处批所]|^[省市县区镇乡村]级|(重大|重点|标志性|央属)(项目|工程)"
    r"|项目建设|^(沿海|沿江|沿边|重点|重大|主要|新型|现代|相关|各类|一批|若干)"
    r"|^.{0,2}(项目|工程|园区|中心)$|^(改扩建|前沿技术研发)项目$")
# an action rather than a thing: no name to find again, unless a physical amount of it was promised
# (完成120.5公里架空线入地及合杆整治, 15处积水点治理); 1万家企业数智化转型 counts organisations
ACTION_OBJECT_RE = compiled(r"(治理|改造|升级|转型|联网|提升|整治|建设|提档|改革|办理)$")
ORGANISATION_UNITS = ("家", "项", "个百分点", "%")
# a class noun ending a name: in a list it may be written once for all (北沿江、通苏嘉甬、盐泰锡常宜高铁)
HEAD_RE = compiled(r"(高速铁路|城际铁路|高铁|铁路|高速公路|高速|大桥|机场|港)$")
# a completion word after one of these is still a plan (加快建成, 力争完成)
NOT_YET_RE = compiled(r"(加快|推进|力争|争取|确保|推动|开工|启动|全力|即将|计划|有序)$")


@dataclass(frozen=True)
class _Object:
    kind: str  # project | quantity
    keys: tuple[str, ...]  # the name, then the name without a parenthesised alias
    stem: Optional[str] = None  # the name without its class noun, and that noun: matched in lists
    head: Optional[str] = None


def _generic(key: str, unit: Optional[str] = None) -> bool:
    """A class of things or an action (module docstring); ``unit`` is the promised quantity's
    unit for a quantity object, whose physical amount makes an action followable."""
    if GENERIC_OBJECT_RE.search(key):
        return True
    if ACTION_OBJECT_RE.search(key):
        return unit is None or unicodedata.normalize("NFKC", unit).endswith(ORGANISATION_UNITS)
    return False


def _object_keys(c: Commitment, plan: Report, qs: dict[str, Quantity]) -> list[_Object]:
    """The things worth following in commitment ``c``: each named project or facility in it (one
    per name: 加快北沿江、通苏嘉甬高铁和宁淮城际铁路等重大项目建设 gives two), else the counted
    thing of a quantity promise; none when it is about an indicator or only names a class of things."""
    from ..annotators.indicators import lookup

    if c.object and lookup(c.object) is not None:
        return []  # about an indicator: a target, scored above
    ents = [e for e in plan.entities if e.type in FOLLOW_KINDS and c.start <= e.start and e.end <= c.end]
    ents = [e for e in ents if MIN_OBJECT <= len(_plain(e.text)) <= MAX_OBJECT + 6]
    # an entity inside a longer one is the same thing
    ents = [e for e in ents if not any(o is not e and o.start <= e.start and e.end <= o.end
                                       and (o.end - o.start) > (e.end - e.start) for o in ents)]
    out: list[_Object] = []
    for e in sorted(ents, key=lambda e: e.start):
        name = _plain(e.text)
        if not _balanced(name) or _generic(name):
            continue
        keys = [name]
        bare = _PAREN_RE.sub("", name)
        if bare != name and len(bare) >= MIN_OBJECT:
            keys.append(bare)
        phase = _PHASE_WORKS_RE.sub("", bare)
        if phase != bare:
            keys.append(phase)  # 浦东国际机场四期工程: the next report may name the phase without 工程
        h = HEAD_RE.search(bare)
        stem = bare[: h.start()] if h else None
        ok = stem is not None and len(stem) >= MIN_OBJECT - 1 and not _generic(stem)
        if ok and h is not None:
            out.extend(_Object("project", (item + h.group(0),), item, h.group(0))
                       for item in _list_items_before(plan.text, c.start, e.start))
        out.append(_Object("project", tuple(keys), stem if ok else None, h.group(0) if ok and h else None))
    if out:
        return out
    if ents:
        return []  # only classes of things (500个省重大项目): nothing to follow
    q = qs.get(c.quantity) if c.quantity else None
    if q is None or not c.object:
        return []
    obj = c.object
    # the counted thing: what follows the quantity in the object (建成2个 万卡智算集群)
    pos = obj.find(q.text)
    after = obj[pos + len(q.text):] if pos >= 0 else ""
    after = re.split(r"[，,；;。]", after)[0]
    key = _trim_words(_plain(after))
    if not (MIN_QUANTITY_OBJECT <= len(key) <= MAX_OBJECT) or re.search(r"\d", key) or not _balanced(key):
        return []
    if _generic(key, q.unit or ""):
        return []
    return [_Object("quantity", (key,))]


# a character of a class noun or a phase: an item holding one is not a bare abbreviation (北沿江)
ITEM_CLASS_RE = compiled(r"[铁路速机港道站群程线桥际纽号场园区馆期河库厂心地]")
LEAD_VERB_RE = compiled(r"^(?:加快推进|加快建设|加快|推进|推动|建设|开工|建成|实施|抓好|确保|力争|启动|完成|新建|续建)+")


def _list_items_before(text: str, floor: int, start: int) -> list[str]:
    """The names listed before the one at ``start`` that share its class noun, in PLAN's text
    (加快北沿江、盐泰锡常宜、通苏嘉甬高铁 → 北沿江, 盐泰锡常宜): items separated by 、 back to the
    clause start, the first without its leading verb; only short names of Chinese characters."""
    items: list[str] = []
    pos = start
    while pos > floor and text[pos - 1] == "、":
        cut = max(text.rfind(ch, floor, pos - 1) for ch in "、" + CLAUSE_STOP)
        item = text[max(cut + 1, floor) : pos - 1]
        if cut < floor or text[cut] != "、":
            item = LEAD_VERB_RE.sub("", item)
        item = _plain(item)
        if (not (2 <= len(item) <= 8) or not re.fullmatch(r"[\u4e00-\u9fff]+", item) or _generic(item)
                or ITEM_CLASS_RE.search(item)):
            break  # an item with a class noun of its own (漳汕高铁、福州机场二期) is a name already
        items.append(item)
        pos = cut + 1 if cut >= floor else floor
        if text[cut] != "、":
            break
    return items[::-1]


def _balanced(key: str) -> bool:
    """No half of a quotation or parenthesis (一件事”全链条治理 is a cut, not a name)."""
    return all(key.count(a) == key.count(b) for a, b in ("“”", "（）", "()", "《》", "「」"))


def _find_all(hay: str, key: str) -> list[int]:
    out, i = [], hay.find(key)
    while i >= 0:
        out.append(i)
        i = hay.find(key, i + 1)
    return out


def _hits(view: str, obj: _Object) -> list[tuple[int, str]]:
    """(view offset, form matched) of every mention of ``obj``: its name, the name without an alias,
    or its stem in a list that ends with the class noun in the same clause (北沿江、通苏嘉甬、盐泰锡常宜高铁)."""
    found: dict[int, str] = {}
    for key in obj.keys:
        for h in _find_all(view, key):
            found.setdefault(h, key)
    if obj.stem and obj.head:
        for h in _find_all(view, obj.stem):
            if h in found:
                continue
            after = view[h + len(obj.stem):]
            # the stem ends an item of a list (、 和 及 与) and the class noun closes the list
            if not re.match(r"[、和及与]", after):
                continue
            _, ce = _clause(view, h, h + len(obj.stem))
            if obj.head in view[h + len(obj.stem): ce]:
                found[h] = obj.stem
    return sorted(found.items())


PROGRESS_RE = compiled(r"开工|动工|启动|加快|推进|在建|签约|前期|规划|谋划")


def _completed(view: str, cs: int, ce: int, hit: Optional[tuple[int, int]] = None) -> bool:
    """A completion word in the clause ``view[cs:ce]`` that is not still a plan (加快建成).  When the
    mention at ``hit`` has a predicate of its own in its 、-item (A开工、B建成通车: A only started),
    the completion word must be in that item."""
    if hit is not None:
        s = max(view.rfind("、", cs, hit[0]) + 1, cs)
        e = view.find("、", hit[1], ce)
        e = ce if e < 0 else e
        if PROGRESS_RE.search(view, s, e):
            cs, ce = s, e
    for m in COMPLETION_RE.finditer(view, cs, ce):
        if not NOT_YET_RE.search(view, cs, m.start()):
            return True
    return False


OBJECT_OVERLAP = 0.75  # share of an object's character pairs a clause must hold to mention it reworded
MIN_WORDS_OBJECT = 4  # an object shorter than this keeps its verb (提振消费): 消费 alone is everywhere
_NOT_WORDS_RE = compiled(r"[\s\W_]+")
_TRAILING_RE = compiled(r"(建设|工作)$")
_MEASURE_LEAD_RE = compiled(r"(?:一批|一些|若干|一系列|多项|多个)")


def _object_words(c: Commitment) -> Optional[str]:
    """The words an ``object`` follow-up looks for (module docstring): the object, simplified and
    without punctuation, its leading verbs and a trailing 建设/工作 taken off; prefixed with the
    commitment's verb when shorter than :data:`MIN_WORDS_OBJECT`.  None when nothing is left."""
    from ..annotators.commitments import load_verbs

    pattern = load_verbs().pattern
    w = _NOT_WORDS_RE.sub("", _trim_words(_plain(c.object or "")))
    # 建立碳足迹管理体系 → 碳足迹管理体系: a leading verb goes when it is a word of its own and what
    # is left names the object by itself; 应用场景 and 执行力和公信力 stay whole
    m = pattern.match(w)
    while m is not None and len(w) - m.end() >= MIN_WORDS_OBJECT and _first_word(w) == m.group():
        w = w[m.end():]
        m = pattern.match(w)
    m = _MEASURE_LEAD_RE.match(w)
    if m and len(w) - m.end() >= MIN_WORDS_OBJECT:
        w = w[m.end():]  # 一批重大科技项目: the next report names the projects, not the batch
    t = _TRAILING_RE.sub("", w)
    w = t if len(t) >= MIN_WORDS_OBJECT else w
    if len(w) < MIN_WORDS_OBJECT:
        w = _NOT_WORDS_RE.sub("", _plain(c.verb)) + w
    return w if len(w) >= 2 else None


def _first_word(s: str) -> str:
    """The first word of ``s`` (rjieba), or ""."""
    import rjieba

    return next(iter(rjieba.cut(s)), "") if s else ""


def _followed(c: Commitment, plan: Report, qs: dict[str, Quantity]) -> list[_Object]:
    """What is followed for commitment ``c``: its projects or counted thing, else its object's
    words; nothing for a commitment about an indicator (a target)."""
    from ..annotators.indicators import lookup

    if c.object and lookup(c.object) is not None:
        return []
    objs = _object_keys(c, plan, qs)
    if objs:
        return objs
    w = _object_words(c)
    return [_Object("object", (w,))] if w else []


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


class _Clauses:
    """RESULT's view cut into clauses, with an index of character pairs → clauses, so an object's
    reworded mentions are found without scanning every clause for every commitment."""

    def __init__(self, view: str) -> None:
        self.spans: list[tuple[int, int]] = []
        start = 0
        for i, ch in enumerate(view):
            if ch in CLAUSE_STOP:
                if i > start:
                    self.spans.append((start, i))
                start = i + 1
        if start < len(view):
            self.spans.append((start, len(view)))
        self.view = view
        self.index: dict[str, list[int]] = {}
        for k, (cs, ce) in enumerate(self.spans):
            for bg in _bigrams(_NOT_WORDS_RE.sub("", view[cs:ce])):
                self.index.setdefault(bg, []).append(k)

    def reworded(self, key: str) -> list[tuple[int, int, str]]:
        """(clause start, clause end, longest run of ``key`` in it) of every clause holding at least
        :data:`OBJECT_OVERLAP` of ``key``'s character pairs, and 3 of them."""
        from difflib import SequenceMatcher

        want = _bigrams(key)
        if len(want) < 3:
            return []
        need = max(3, -int(-OBJECT_OVERLAP * len(want) // 1))
        counts: dict[int, int] = {}
        for bg in want:
            for k in self.index.get(bg, ()):
                counts[k] = counts.get(k, 0) + 1
        out = []
        for k, n in counts.items():
            if n < need:
                continue
            cs, ce = self.spans[k]
            clause = self.view[cs:ce]
            m = SequenceMatcher(None, key, clause, autojunk=False).find_longest_match(0, len(key), 0, len(clause))
            if m.size >= 2:
                out.append((cs + m.b, cs + m.b + m.size, key[m.a:m.a + m.size]))
        return out


def _mentions(view: str, obj: _Object, clauses: Optional[_Clauses]) -> list[tuple[int, int, str, bool]]:
    """(start, end, form matched, exact) of every mention of ``obj`` in ``view``: the exact forms
    of :func:`_hits`, and for an ``object`` follow-up also its reworded mentions."""
    out = [(h, h + len(key), key, True) for h, key in _hits(view, obj)]
    if obj.kind == "object" and clauses is not None:
        exact_clauses = {_clause(view, h, e) for h, e, _, _ in out}
        out += [(h, e, key, False) for h, e, key in clauses.reworded(obj.keys[0])
                if _clause(view, h, e) not in exact_clauses]
    return out


def _follow(c: Commitment, obj: _Object, result: Report, review_until: int,
            clauses: Optional[_Clauses], titles: tuple[tuple[int, int], ...] = ()) -> FollowUp:
    """One follow-up: the best mention of ``obj`` in RESULT and the status it gives (module docstring)."""
    view = result.simplified.view
    to_text = result.simplified.to_text
    best: Optional[tuple[tuple[bool, bool, bool], int, int, str, int]] = None
    for h, e, key, exact in _mentions(view, obj, clauses):
        if not _may_be_evidence(titles, view, to_text[h], h, e):
            continue
        in_review = to_text[h] < review_until
        cs, ce = _clause(view, h, e)
        done = in_review and _completed(view, cs, ce, (h, e))
        rank = (in_review, done, exact)
        if best is None or rank > best[0]:
            best = (rank, cs, ce, key, h)
    if best is None:
        return FollowUp(commitment=c.id, text=c.text, object=obj.keys[0], kind=obj.kind, status="dropped")
    (in_review, done, _), cs, ce, key, h = best
    ss, se = _sentence(view, h, h)
    status = ("done" if done else "in_progress") if in_review else "not_mentioned"
    return FollowUp(commitment=c.id, text=c.text, object=obj.keys[0], kind=obj.kind, status=status,
                    evidence=result.text[to_text[cs]: to_text[ce]].strip(), where="review" if in_review else "plan",
                    matched=key, sentence=result.text[to_text[ss]: to_text[se]].strip())


@lru_cache(maxsize=2)
def _words_pattern(name: str) -> re.Pattern:
    """The words of lexicon file ``name`` (one a line, ``#`` comments) as one pattern, longest first."""
    words = [w.strip() for w in (LEXICON / name).read_text(encoding="utf-8").splitlines()
             if w.strip() and not w.startswith("#")]
    return compiled("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def _shortcoming_words() -> re.Pattern:
    return _words_pattern("shortcoming_words.txt")


# a preposition right before a mention: the mention is the frame of other work (按照…部署, 围绕…目标)
FRAME_BEFORE_RE = compiled(r"(?:按照|根据|依照|依据|遵照|遵循|对照|围绕)$")


def _may_be_evidence(titles: tuple[tuple[int, int], ...], view: str, offset: int, view_offset: int,
                     view_end: Optional[int] = None) -> bool:
    """Can a mention at ``offset`` (``view_offset`` to ``view_end`` in the simplified view) show a
    promise kept?  Not in the title (``titles``: the result's title blocks), nor right after a
    framing preposition, nor in a sentence naming a shortcoming or presenting the report (module
    docstring); a shortcoming word inside the mention is the promise's own object (补齐…短板)."""
    if any(start <= offset < end for start, end in titles):
        return False
    if FRAME_BEFORE_RE.search(view, max(0, view_offset - 4), view_offset):
        return False  # 按照党中央决策部署，…: the words frame other work, nothing was done to them
    ss, se = _sentence(view, view_offset, view_offset)
    end = view_offset if view_end is None else view_end
    if any(not (view_offset <= m.start() and m.end() <= end) for m in _shortcoming_words().finditer(view, ss, se)):
        return False
    # 向大会报告政府工作，请予审议: the sentence presents the report, it reports no work
    return _words_pattern("procedural_words.txt").search(view, ss, se) is None


def follow_through(plan: Report, result: Report, review_until: Optional[int] = None) -> list[FollowUp]:
    """Every commitment of PLAN not about an indicator, against RESULT's text (module docstring),
    in PLAN's order, one follow-up per object.

    Evidence is the clause of RESULT (as written) holding the mention, so it always contains the
    form matched (``matched``); a ``done`` clause also holds the completion word.
    """
    qs = {q.id: q for q in plan.quantities}
    review_until = review_end(result) if review_until is None else review_until
    titles = tuple((b.start, b.end) for b in result.blocks if b.kind == "title")  # no evidence there
    clauses: Optional[_Clauses] = None
    out: list[FollowUp] = []
    seen: set[str] = set()
    for c in plan.commitments:
        for obj in _followed(c, plan, qs):
            if obj.keys[0] in seen:
                continue
            seen.add(obj.keys[0])
            if obj.kind == "object" and clauses is None:
                clauses = _Clauses(result.simplified.view)  # built once, only when needed
            out.append(_follow(c, obj, result, review_until, clauses, titles))
    return out


# --------------------------------------------------------------------------- the scorecard


def _side(report: Report, file: str) -> Side:
    m = report.meta
    return Side(file=file, title=m.title, issuer=m.issuer, year=m.year, review_year=m.review_year)


def scorecard(plan: Report, result: Report, plan_file: str = "", result_file: str = "") -> Scorecard:
    """PLAN's targets and commitments against RESULT's review (module docstring).

    Raises :class:`AnnotateError` when RESULT's review year is known and is not PLAN's year: the
    verdicts would compare a target with another year's result.
    """
    from ..errors import AnnotateError

    warnings: list[str] = []
    py, ry = plan.meta.year, result.meta.review_year
    if py and ry and py != ry:
        raise AnnotateError(result_file or "RESULT", f"reviews {ry}, but PLAN sets targets for {py}",
                            f"give the report of {py + 1} as RESULT")
    if py is None or ry is None:
        warnings.append("the year of PLAN or RESULT's review is unknown; check they are consecutive")
    if plan.meta.issuer and result.meta.issuer and plan.meta.issuer != result.meta.issuer:
        warnings.append(f"PLAN is issued by {plan.meta.issuer}, RESULT by {result.meta.issuer}")
    end = review_end(result)
    lines = []
    for t in plan.targets:
        ss, se = _sentence(plan.text, t.start, t.end)
        context = _plain(plan.text[ss:se])
        d = direction_of(t, context)
        actual = find_actual(t, result, end, context)
        v, why = verdict(t, actual, d)
        if actual is None and t.indicator:
            said = stated_met(t, result, end)
            if said is not None:
                v, why = "met", _rule("rule.stated", clause=said)
        if v == "missed" and not_due(t, plan.meta.year, result.meta.year):
            v, why = "unknown", _rule("rule.not_due", period=t.period or "")
        lines.append(Line(indicator=t.indicator, metric=t.metric,
                          target=TargetValue(t.value, t.low, t.high, t.unit, t.qualifier, t.text),
                          actual=actual, verdict=v, direction=d, rule=why.words("en"), why=why))
    follow = follow_through(plan, result, end)
    return Scorecard(plan=_side(plan, plan_file), result=_side(result, result_file), lines=tuple(lines),
                     commitments=tuple(follow), warnings=tuple(warnings))
