"""Commitments: clauses in the targets and measures halves that promise action (DOMAIN.md 5).

Every clause that promises action is a commitment, whatever its verb: the ladder in
``annotate/lexicon/commitment_verbs.tsv`` lists the common verbs of promised action (确保 力争 实现
实施 支持 加强 完善 建设 培育 优化 建立 布局 … 研究), each with its class, look-alike words that are not
it (可持续, 研究院, 发展中国家) and where it may stand: ``head`` verbs (创新, 保障, 降低 …) promise only
at the head of their clause, where 降低物流成本 is an order and 能耗降低3% a target's metric;
``manner`` verbs (统筹) yield to a verb right after them (统筹推进 → 推进).

Contract: ``annotate_commitments(report) -> Report`` fills ``report.commitments`` with
:class:`~annotate.model.Commitment` spans (ids ``c1``, ``c2`` … in text order), each a clause:

- ``verb``: the first commitment verb of the clause as written (``力争`` in ``力争实现…``, ``加快``
  in ``加快推进…``: the first governs); manner words before it (协调推进, 科学有序推进, 更加注重推进)
  do not hide it; ``strength``: its class on the ladder (guarantee > strive > achieve > advance >
  start > encourage > explore; :func:`strength_rank` gives the rank for comparing two commitments);
- ``deadline``: the time phrase as written (``年内``, ``年底前``, ``上半年``, ``到2025年``, ``全年``,
  ``“十五五”期间``, ``明年上半年``, ``明年3月``: a relative year keeps the part of it that narrows it), from
  the clause or a time phrase opening its sentence, else None (a period that
  modifies the object, 分析“十五五”时期新的阶段性特征, is none); ``deadline_value``: the date or period
  it names (:func:`deadline_value`: 年内 → the plan year ``report.meta.year``);
- ``object``: what follows the verb chain up to the clause end, never cut inside a word (推动要素向…
  keeps 要素; a verb naming the object stays: 实施提振消费专项行动), or the subject before the verb
  when nothing follows (``…示范村创建工作加快推进``); ``object_entity``: id of the first entity
  tagged inside the object;
- ``quantity``: id of the first quantity (``report.quantities``) inside the clause, else None.

Clauses: sentences split at 。；！？：and line ends, then at ，where a new verb phrase starts
(``实现京唐城际铁路建成通车，加快地铁 22 号线（平谷线）建设`` holds two); a comma segment that
neither holds a commitment verb nor opens with a verb continues the clause before it
(``确保地区生产总值增长6%，一般公共预算收入增长5%`` is one commitment).  A segment holding a ladder
verb opens its own clause whatever rjieba tags it (健全, 筑牢 as adjectives, 调度 as a noun).

A ladder verb that is not the clause's predicate makes no commitment: inside a prepositional frame
(``以推动高质量发展为主题``, ``为推进…提供支撑``, ``在推进…上``, ``并与…基本实现现代化的目标相衔接``), inside a
quoted slogan or a title (``锚定“两个确保”``), right after 已 (``对已完成整改问题进行“回头看”``), as the
subject of a modal (``研究储备政策要增强前瞻性``, ``AI发展须以安全为舵``) or of 是 (``保障市民基本的住屋需求是
施政的首要任务``, ``我国发展面临的环境仍是…``; not after 确保/力争, which take a clause: 确保今年是…), as a noun
(``大兴调查研究``: look-alike words in the lexicon's ``not_in`` column), as the end of an office's name
(``发展局将资助…``, ``商务及经济发展局局长``, ``新发展区``: ``lexicon/office_suffixes.tsv``; a verb founding an
office keeps it as its object, ``成立委员会``: ``lexicon/founding_verbs.txt``), nor inside a frame (从…入手, 着眼…).
A clause ending in 在 + adverbs and verbs after a subject describes what is under way
(``科技创新能力在持续提升``); a clause whose time phrase before the verb dates the act before the plan
year (``政府于2023年7月成立…`` in a 2025 report, ``去年公布…``) reports a done act; notes
(``註19: …`` up to the next numbered paragraph or heading, a closing ``注释`` section) define words
of the body: none of these is a commitment.  ``考虑`` (consider) is the weakest promise, explore.

Inside the year's targets block (``主要预期目标是：…``; :func:`annotate.annotators.targets.target_blocks`)
a clause whose verb follows a subject states an outcome, not a promised action (DOMAIN.md 4 and 5:
``生态环境质量持续改善``, ``居民收入增长和经济增长同步``, ``能源、水资源等指标达到国家要求``,
``单位地区生产总值能耗完成“十四五”国家考核目标`` are targets without a number); it is no
commitment.  A clause there that opens with its verb is one (``确保粮食产量…``, ``努力争取更好结果``).
Outside that block ``…示范村创建工作加快推进`` stays a commitment: work pushed forward is action.

The review half (a part whose heading says 回顾, 执行情况, or 成效/成就/过去一年 without announcing
targets or tasks; :func:`is_review_heading`) reports what was done and
holds no commitments.  Parts come from the structure blocks; without part blocks, top-level
``一、`` headings at line starts are used.  Wherever they stand, sentences that report the past hold
none either (:func:`reported_ranges`: a paragraph opened by 过去五年/去年/an earlier year, 已/…了/胜利完成
…, until a sign of the future or an order), so parts that mix review and plan (二、“十三五”时期发展成就和
“十四五”时期主要目标任务) and policy addresses (政府已… vs 政府会/将…) keep only their plans.

Extend the verb list with ``ANNOTATE_LEXICON`` (a folder holding ``commitment_verbs.tsv`` or a file
of that name; see :mod:`annotate.annotators._textview`).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from functools import lru_cache
from dataclasses import dataclass
from typing import Iterable, Optional, Union

from ..model import Commitment, Report
from . import register
from ._textview import LEXICON_DIR, BlockLocator, PathLike, files_key, lexicon_files, match_tokens, match_view, read_tsv
from ..lazyre import compiled, lazy

#: headings of the review half
REVIEW_HEADING = compiled(r"回顾|执行情况|工作总结")
#: weaker review cues (成效, 成就): they mark a review unless the heading also announces plans
#: (二、“十四五”时期发展成就和“十五五”时期主要目标任务 is a plan part)
REVIEW_CUE = compiled(r"过去一年|过去五年|过去的一年|成效|成就|成绩|取得")
PLAN_CUE = lazy(r"目标|任务|要求|安排|部署|举措|考虑|建议|重点工作")


def is_review_heading(heading: str) -> bool:
    """Does a part heading (simplified characters) announce the review half?"""
    return bool(REVIEW_HEADING.search(heading) or (REVIEW_CUE.search(heading) and not PLAN_CUE().search(heading)))
_TOP_HEADING = lazy(r"(?m)^[#*\s\u3000]*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章部][分]?)([^\n]{0,80})")

_SENTENCE_END = compiled(r"[。；！？!?;：:\n]")
# ——  inside a sentence parts a run-in topic from its measures (强化离岸人民币业务——全力推动…)
_COMMA = compiled(r"[，,]|——")
_AND = compiled(r"并(?=[对在将要把与向从])")  # 并对…进行…: the verb after it heads; the clause keeps 并
_TRIM_LEFT = " \t\u3000*#—-－_\"'”’）)、，,"
_TRIM_RIGHT = " \t\u3000*#—-－_\"'“‘（(、，,"
_LEAD = compiled(r"(?:[一二三四五六七八九十]+是|[（(]?[一二三四五六七八九十\d]+[）)、.．](?!\d)|同时|此外|另外|其中)")

_YEAR = r"(?:19|20)\d{2}年"
_NUM = r"(?:[一二两三四五六七八九十]+|\d+)"
# A year may be narrowed (第一季, 6月底, 上半年) and closed (前, 内, 之前, 或之前).
_DEADLINE = compiled(
    r"(?:(?:到|至|在|于)?" + _YEAR
    + r"(?:第?[一二三四1-4]季度?|\d{1,2}月(?:底|末|初)?|上半年|下半年|年底|底|末|初|中)?(?:或之前|之前|前|内)?(?!以来|同期|相比|水平|的|\d))"
    # 今年/明年 keep what narrows them (明年上半年, 明年3月, 明年第一季): the deadline is that part of the year
    r"|(?<![一二两三四五六七八九十\d])(?:(?:今年|明年)(?:内|底前?|初|上半年|下半年|第?[一二三四1-4]季度?"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|初)?前?)?|年内|本年度|年度内|年底前|年底|年末)(?!的)"
    # 年度完成投资1万亿元: 年度 right before the verb is "this year"; 年度目标 is a modifier
    r"|(?<![一二两三四五六七八九十\d本])(?:年度|全年)(?=确保|力争|争取|完成|实现|达到|建成|开工|启动|新增|[，,])"
    r"|(?<![一二两三四五六七八九十\d])(?:上半年|下半年)(?!的)"
    r"|" + _NUM + r"月(?:底|末)?前"
    r"|“?十[一二三四五六七八九]五”?(?:期末|末|时期|期间)"
    r"|本届政府任期内|" + _NUM + r"年(?:内|或之前)"
)
_NOT_BEFORE_YEAR = "比较同与自从"
_ADVERBS = compiled(r"(?:进一步|全面|大力|着力|积极|继续|不断|加速|率先|切实|更好|全力|尽快|扎实|重点|有序|稳步|深入|逐步|要|将|努力)+")


@dataclass(frozen=True)
class Verbs:
    """The commitment verb lexicon: verb -> strength, strength -> rank, verb -> look-alike words."""

    verbs: dict  # verb -> strength
    ranks: dict  # strength -> rank (a number; higher is stronger)
    not_in: dict  # verb -> tuple of longer words containing it that are not it
    pattern: re.Pattern
    head_only: frozenset = frozenset()  # verbs that promise only at the head of their clause
    manner: frozenset = frozenset()  # verbs that yield to a verb right after them (统筹推进)


_VERB_CACHE: dict[tuple, Verbs] = {}


def load_verbs(extra: Union[PathLike, Iterable[PathLike], None] = None) -> Verbs:
    """Built-in ``commitment_verbs.tsv`` + ``ANNOTATE_LEXICON`` + ``extra``, compiled and cached.

    Format (tab-separated, ``#`` comments): ``verb<TAB>strength<TAB>rank[<TAB>not_in[<TAB>where]]``;
    ``where`` is ``head`` for a verb that promises only at the head of its clause.
    """
    files = lexicon_files("commitment_verbs.tsv", extra)
    key = files_key(files)
    v = _VERB_CACHE.get(key)
    if v is not None:
        return v
    verbs, ranks, not_in, head_only, manner = {}, {}, {}, set(), set()
    for f in files:
        for row in read_tsv(f):
            rank = _number(row[2]) if len(row) >= 3 else None
            if rank is None or (len(row) > 4 and row[4] not in ("", "head", "manner")):
                raise ValueError(f"{f}: bad commitment verb row {row!r}: "
                                 "want verb<TAB>strength<TAB>rank[<TAB>not_in[<TAB>head|manner]]")
            verbs[row[0]] = row[1]
            ranks[row[1]] = rank
            not_in[row[0]] = tuple(row[3].split()) if len(row) > 3 else ()
            where = row[4] if len(row) > 4 else ""
            for kind, members in (("head", head_only), ("manner", manner)):
                (members.add if where == kind else members.discard)(row[0])  # a later file may lift it
    pattern = compiled("|".join(re.escape(w) for w in sorted(verbs, key=len, reverse=True)))
    v = Verbs(verbs, ranks, not_in, pattern, frozenset(head_only), frozenset(manner))
    _VERB_CACHE[key] = v
    return v


@lru_cache(maxsize=1)
def modal_verbs() -> frozenset:
    """The core of the ladder (``lexicon/modality.tsv``: 确保, 力争, 实现, 推进, 启动, 研究 …): the
    words that head commitments in the narrow sense; other annotators end names at them."""
    return frozenset(row[0] for row in read_tsv(LEXICON_DIR / "modality.tsv"))


def _number(cell: str) -> Optional[float]:
    """A rank cell as a number (``3``, ``1.5``), else None; whole numbers stay ``int``."""
    try:
        x = float(cell)
    except ValueError:
        return None
    return int(x) if x.is_integer() else x


def strength_rank(strength: Optional[str]) -> float:
    """Rank of a strength class (guarantee 6 … explore 1; unknown or None 0): higher is stronger."""
    if not strength:
        return 0
    return load_verbs().ranks.get(strength, 0)


# --------------------------------------------------------------------------- where commitments live


def review_ranges(report: Report) -> list[tuple[int, int]]:
    """``Report.text`` ranges of the review half (parts whose heading marks a review)."""
    parts = [b for b in report.blocks if b.kind == "part"]
    out = []
    if parts:
        headings = {}
        for b in report.blocks:
            if b.kind == "heading" and b.parent is not None and b.parent not in headings:
                headings[b.parent] = b
        for part in parts:
            h = headings.get(part.id)
            if h is not None:
                hs, he = h.start, h.end
            else:
                line_end = report.text.find("\n", part.start, part.end)
                hs, he = part.start, min(part.end if line_end < 0 else line_end, part.start + 80)
            if is_review_heading(simplified_span(report, hs, he)):
                out.append((part.start, part.end))
        return out
    heads = list(_TOP_HEADING().finditer(report.text))
    for k, m in enumerate(heads):
        if is_review_heading(simplified_span(report, m.start(1), m.end(1))):
            end = heads[k + 1].start() if k + 1 < len(heads) else len(report.text)
            out.append((m.start(), end))
    return out


# A note explains a word of the body (註19: 《4Rs精神健康約章》中的「4Rs」涵蓋…); the body makes the
# promise, the note defines: a line opening 注1：/註19: starts one, a line 注释/註釋 starts the notes
# closing the report.  A note runs until a numbered paragraph (236. …), a heading or the next note.
_NOTE_START = compiled(r"[ \t\u3000]*[注註](?:[ \t]*\d+[ \t]*[:：]|[释釋解][ \t\u3000]*$)")
_NOTES_TO_END = compiled(r"[ \t\u3000]*[注註][释釋解][ \t\u3000]*$")
_NUMBERED_LINE = compiled(r"[ \t\u3000]*\d+[.．][ \t\u3000]*\S")


def note_ranges(report: Report) -> list[tuple[int, int]]:
    """``Report.text`` ranges of notes (footnotes and a closing 注释 section): no commitments there."""
    text = report.text
    heads = sorted(b.start for b in report.blocks if b.kind in _HEADING_KINDS and b.kind != "title")
    out: list[tuple[int, int]] = []
    start: Optional[int] = None
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        if _NOTES_TO_END.match(line.rstrip("\r\n")):
            out.append((pos if start is None else start, len(text)))
            return out
        if _NOTE_START.match(line):
            start = pos if start is None else start
        elif start is not None and (_NUMBERED_LINE.match(line) or _HEADING_LINE.match(line)
                                    or bisect_left(heads, pos) < bisect_left(heads, end)):
            out.append((start, pos))
            start = None
        pos = end
    if start is not None:
        out.append((start, len(text)))
    return out


def simplified_span(report: Report, start: int, end: int) -> str:
    """``report.text[start:end]`` in simplified characters (headings of traditional reports)."""
    text = report.text[start:end]
    if report.meta.script == "simplified":
        return text
    try:
        sv = report.simplified
        return sv.view[sv.from_text[start] : sv.from_text[end]]
    except (ImportError, AttributeError, IndexError):
        # No script module yet: the few characters the review headings need.
        return text.translate(str.maketrans("顧執況過結", "顾执况过结"))


# --------------------------------------------------------------------------- reported sentences

# A part may mix review and plan (二、“十三五”时期发展成就和“十四五”时期主要目标任务), and reports
# without part headings (flattened texts, policy addresses) mix them freely; sentences that report
# what was done hold no commitments wherever they stand.  Evidence of a report, per piece (a
# sentence or a ；-separated part of one):
# - it opens with a past period as its subject (过去五年，…; “十三五”时期…; 去年…; 2020年，… in a 2021
#   report; 一年来…), or
# - it reports completion: 已/已经/业已 before a verb, 实现了/完成了/取得了, 圆满完成/胜利完成…, 累计… with
#   a figure;
# and it holds no sign of the future (将/会/要/拟/计划/力争/争取/确保/今年/明年/年内/预计/目标…, or a year
# not before the report's).  A piece with neither evidence continues the state of the piece before it
# in the same paragraph (农业现代化稳步推进 after 过去五年，…取得新的历史性成就); a new sentence that opens
# with a verb (an order: 加快推进…) is a plan again.  Mentions of the past inside a plan stay plan
# (在去年基础上再提高: 去年 does not open the piece).
_PAST_OPENING = compiled(
    # 我在去年…, 我们在2018年…; a bare 在去年 opens a plan (在去年基础上，再提高…)
    r"(?:(?:我们|我|政府|特区政府|本届政府|现届政府)(?:在|于)?)?"
    r"(?:(?:过去的?|这|经过)(?:[一二两三四五六七八九十]+|\d+)年|(?:[一二两三四五六七八九十]+|\d+)年来|去年|上年|前年|上一年"
    r"|“?十[一二三四五六七八九]五”?(?:时期|期间|以来)|(?:本届政府|现届政府|政府|我)?自?(?:任期|成立|上任|履职)以来"
    r"|((?:19|20)\d{2})年(?!前|底前|内|之前|或之前|以前|目标|的?(?:目标|任务|预期))(?:以来|[，,]|全年|上半年|前三季度|[，,]?我们|将))")
_PAST_MARK = compiled(
    r"(?:已经|业已|(?<![而并])已(?![经于]?(?:成为|是|有))(?=[\u4e00-\u9fff]))"
    r"|(?:实现|完成|取得|达到|建成|突破|超过|增加|增长|提高|下降)了"
    r"|(?<![为以])(?:圆满|胜利|顺利|超额)(?:完成|实现)"
    # 累计 reports a running total (累计完成投资…), not in 700万元的累计资助上限
    r"|(?<!的)累计(?:完成|建成|实现|达到|达|超过|突破|新增|下降|减少|增长|投入|培育|引进|开工|发放|帮助|减税)")
_FUTURE_WORDS = frozenset("将 会 要 拟 将会 将要 准备 打算 希望 必须 需要 务必 应当 着力 继续 计划".split())
# Multi-character signs match as text (rjieba glues 奋斗目标, 今年内 into one word); 目标 only where it
# announces goals (目标是：…), not in 主要目标任务胜利完成.
_FUTURE_TEXT = compiled(r"力争|争取|确保(?!了)|今年|明年|年内|年底前|预计|预期|下一步|今后|未来|新的一年|让我们"
                          # work under way is not yet done: 粤港两地政府正全力推进…
                          r"|(?:我|我们|政府|现)建议|正在|(?<![真公反端纠修改])正(?=全力|积极|加紧|研究|推进|筹备|着手|逐步|检视|与|按|就)"
                          r"|目标(?:是|为|[:：])"
                          # rjieba glues 我会 into one noun: 我会成立…委员会 is a plan
                          r"|(?:我|我们|政府)(?:会|将)(?!议|同|展|员|长|计|商|谈|见|晤|所|场|师|签)")
_FUTURE_YEAR = compiled(r"(?:到|至|在|于)?((?:19|20)\d{2})年(?:前|底前|内|之前|或之前|以前|底|末)?")
_MODIFIER_AFTER = lazy(r"[\u4e00-\u9fff]{1,4}(?:的|问题|项目|工程)")
_DIRECTED = compiled(r"经?(?:要求|责成|指示|委托|邀请|请|督促|指派|委派)")
_OUTCOME = lazy(r"取得(?:了|重大|重要|明显|显著|积极|历史性|新的)|成效显著|成果丰硕|显著|明显|大幅|得到")
_MODALS = "将会要拟"
_NOT_MODAL = frozenset("要求 要素 要点 要害 要件 要务 要闻 要地 会议 会同 会展 会员 会长 会计 会商 会谈 会见 会晤 会所 会场 "
                       "会师 会签 将近 将士 将军 拟定".split())
_AFTER_FRAME = compiled(r"[^，,。；]{0,20}?(?:后|之后|以后)[，,]")
_PIECE_END = compiled(r"[。！？!?；;\n]")
_PARA_END = "\n"


def _opening(text: str, a: int, b: int) -> int:
    """Offset where a piece's words start (past list markers: 一是, （一）, 同时 …)."""
    while a < b and text[a] in _TRIM_LEFT:
        a += 1
    for _ in range(2):  # 53.此外，过去两年，…: a number and a connective
        m = _LEAD.match(text, a, b) or _AND.match(text, a, b)
        if m:
            a = m.end()
        while a < b and text[a] in _TRIM_LEFT:
            a += 1
    return a


def _future(text: str, a: int, b: int, offsets: list, tokens: list, year: Optional[int]) -> bool:
    k = bisect_left(offsets, a)
    while k < len(tokens) and offsets[k] < b:
        w, p = tokens[k]
        modal = w in _FUTURE_WORDS or (w[:1] in _MODALS and w not in _NOT_MODAL)  # rjieba glues 要树牢
        if w == "计划" and p != "v":
            modal = False  # 输入人才计划: a programme's name, not a plan to act
        if modal and not text.startswith("了", offsets[k] + len(w)):
            if not (w == "将" and text[offsets[k] - 1 : offsets[k]] == "年"):
                return True  # 在2018年将比例调整至…: 将 after a date is 把 (the year decides below)
        k += 1
    if _FUTURE_TEXT.search(text, a, b):
        return True
    if year:
        for m in _FUTURE_YEAR.finditer(text, a, b):
            if int(m.group(1)) >= year and not text.startswith("以来", m.end()):
                return True
    return False


def _past(text: str, a: int, b: int, year: Optional[int], offsets: list, tokens: list) -> bool:
    m = _PAST_OPENING.match(text, a, b)
    if m and (m.group(1) is None or (year is not None and int(m.group(1)) < year)):
        five = _FIVE_YEAR_NUM.search(m.group())
        if not (five and year is not None and 2021 + 5 * (_cn_number(five.group(1)) - 4) >= year):
            return True  # (“十五五”期间… in a 2025 or 2026 report opens a plan, not a review)
    k = bisect_left(offsets, a)
    while k < len(tokens) and offsets[k] < b:
        # a verb + 了 (优化了, 走了一条新路子): a completed action; not 为了, 了解 (other words)
        if (tokens[k] == ("了", "ul") and k > 0 and tokens[k - 1][1] in ("v", "vn", "vd", "vi")
                and not _AFTER_FRAME.match(text, offsets[k] + 1, b)):
            return True  # (在参考了…经验后，研究…: 了 inside a 在…后 frame dates the plan, it reports nothing)
        k += 1
    for m in _PAST_MARK.finditer(text, a, b):
        if m.group().startswith("已") and _MODIFIER_AFTER().match(text, m.end(), b):
            continue  # 对已完成整改问题, 在已复修的石澳: 已 inside a modifier reports nothing
        if m.group().startswith("已") and _DIRECTED.match(text, m.end(), b):
            continue  # 我已要求…研究…: an instruction given, the work is still to come
        return True
    return False


def _order(text: str, a: int, b: int, offsets: list, tokens: list, verbs: Verbs) -> bool:
    """Does the piece open with a verb (an order with no subject: 加快推进…, 深入实施…)?"""
    lead = _ADVERBS.match(text, a, b)
    if verbs.pattern.match(text, lead.end() if lead else a, b):
        return True  # 加快推进…, 全力推进…
    k = bisect_left(offsets, a)
    if k < len(tokens) and offsets[k] == a:
        for j in range(k, min(k + 3, len(tokens))):
            if offsets[j] >= b:
                break
            p = tokens[j][1]
            if p in ("v", "vd", "vi"):
                # 紧扣国家战略 is an order; 脱贫攻坚成果… is a subject made of verbs
                return not (j + 1 < len(tokens) and offsets[j + 1] < b and tokens[j + 1][1] in ("v", "vn", "vd", "vi"))
            if p not in ("d", "ad", "a"):
                break
    return False


def reported_ranges(text: str, lo: int, hi: int, offsets: list, tokens: list, year: Optional[int], verbs: Verbs) -> list[tuple[int, int]]:
    """Matching-view ranges in ``text[lo:hi]`` that report the past (see the comment above)."""
    out: list[tuple[int, int]] = []
    review = False
    new_sentence = True
    s = lo
    for m in list(_PIECE_END.finditer(text, lo, hi)) + [None]:
        e = m.start() if m else hi
        a = _opening(text, s, e)
        if a < e:
            # An order opening a sentence is a plan whatever it mentions (推动EF账户业务量累计突破…).
            # A new sentence that opens with an order is a plan; after ；an order is one only when it
            # reports nothing itself (…；超额完成新一轮造林绿化工程 stays a report).
            order = _order(text, a, e, offsets, tokens, verbs) and (
                new_sentence or not _past(text, a, e, year, offsets, tokens))
            if order and review and _OUTCOME().search(text, a, _COMMA.search(text, a, e).start() if _COMMA.search(text, a, e) else e):
                order = False  # 全面深化改革取得重大突破: a verb-made subject and a reported outcome
            if order or _future(text, a, e, offsets, tokens, year):
                review = False
            elif _past(text, a, e, year, offsets, tokens):
                review = True
            if review:
                if out and out[-1][1] >= s - 1:
                    out[-1] = (out[-1][0], e)
                else:
                    out.append((s, e))
        if m is None:
            break
        sep = m.group()
        if sep == _PARA_END:
            review = False
        new_sentence = sep not in "；;"
        s = m.end()
    return out


# --------------------------------------------------------------------------- clauses


@dataclass(frozen=True)
class _Clause:
    start: int  # matching-view offsets
    end: int
    sentence_start: int


# Manner words that may stand before the head verb of a clause without being it (科学有序推进,
# 多渠道促进, 清单化推进, 高质量做好): rjieba tags many of them as nouns or adjectives.
_MANNER = frozenset("科学 有序 多渠道 坚定 及早 高质量 高标准 更好 充分 依法 精准 分类 系统 协同 联动 协调 一体 "
                    "深度 统一 集中 常态化 全方位 全链条 多措并举 千方百计 用心 用力 全省 全市 全域 全区 全县 全面 "
                    "更加 注重 更加注重 主动 认真 有效 稳妥 审慎 适度 合理 梯次 滚动 分批 分步 靶向 系统性 基本".split())
# who acts, then a modal, before the verb (国家准备重点扶持…, 各级政府要…): older and national reports name the agent
_AGENT = compiled(r"(?:国家|中央|政府|各级政府|地方政府|各级各部门|各部门|各地区?|各级|我们)(?:还要|也要|要|将|准备|拟|必须|应当)")


@lru_cache(maxsize=1)
def _office_agent() -> re.Pattern:
    """An office as the subject: a name closed by an office word (``lexicon/office_suffixes.tsv``),
    an abbreviation in brackets, then an adverb and a modal (发展局, 消防处亦会, 商务及经济发展局（商经局）会)."""
    return compiled(r"[\u4e00-\u9fff]{1,12}?(?:" + office_suffixes().pattern + r")(?:（[^（）]{1,12}）)?"
                      r"(?:亦|也|还|则)?(?:会|将|要|拟)?")


def _head(text: str, a: int, b: int, verbs: Verbs, ctx=None) -> int:
    """Where the head verb of segment ``text[a:b]`` may start: past list markers, adverbs, manner
    words, a modal and a time phrase (``今年将开展…``, ``要深入分析…``, ``清单化推进…``)."""
    a = _opening(text, a, b)
    m = _AGENT.match(text, a, b)
    if m:
        a = m.end()
    elif (v := verbs.pattern.match(text, a, b)) is None or _lookalike(text, v, verbs):
        m = _office_agent().match(text, a, b)
        if m and not any(not _lookalike(text, x, verbs) for x in verbs.pattern.finditer(text, a, m.end())):
            a = m.end()  # 发展局明年第一季提出具体方案: an office names who acts (积极扶持贫困地区 is no name)
    while a < b:
        v = verbs.pattern.match(text, a, b)
        if v and not _lookalike(text, v, verbs):
            return a
        m = _ADVERBS.match(text, a, b) or _DEADLINE.match(text, a, b)
        if m and m.end() > a:
            a = m.end()
            continue
        w = _token_at(a, ctx)
        if w and (w[1] in ("d", "ad") or w[0] in _MANNER or w[0] in _PRE_VERBS or (len(w[0]) >= 3 and w[0].endswith("化"))):
            a += len(w[0])
            continue
        for word in _MANNER:  # rjieba may glue a manner word to the verb (坚定推进): try the text
            if text.startswith(word, a) and verbs.pattern.match(text, a + len(word), b):
                return a + len(word)
        break
    return a


def _token_at(pos: int, ctx) -> Optional[tuple[str, str]]:
    """The rjieba token (word, tag) that starts at ``pos``, if any."""
    if not ctx:
        return None
    offsets, tokens = ctx
    k = bisect_left(offsets, pos)
    return tokens[k] if k < len(tokens) and offsets[k] == pos else None


def _verb_at(text: str, verbs: Verbs, start: int, end: int, ctx=None) -> Optional[re.Match]:
    """The first commitment verb in ``text[start:end]`` that is not part of a look-alike word
    (nor, given ``ctx = (offsets, tokens)``, a verb used as a modifier or noun: :func:`_not_predicate`).

    A head-only verb (lexicon column ``where``) counts only at the head of the segment
    (:func:`_head`): 持续推进… promises, 经济下行压力持续加大 describes."""
    head = None
    pos = start
    while True:
        m = verbs.pattern.search(text, pos, end)
        if m is None:
            return None
        if m.group() in verbs.manner:
            nxt = verbs.pattern.match(text, m.end(), end)
            # 统筹推进 yields to 推进; 统筹发展和安全 keeps 统筹 (发展 is its coordinated object)
            if nxt and not _lookalike(text, nxt, verbs) and text[nxt.end() : nxt.end() + 1] not in "和与及、":
                pos = m.end()  # 统筹推进: the manner yields to the verb after it
                continue
        if m.group() in verbs.head_only:
            if head is None:
                head = _head(text, start, end, verbs, ctx)
            at_head = m.start() == head
        else:
            at_head = True
        # cheap tests first: most head-only words in a segment are nouns past its head
        if at_head and not _lookalike(text, m, verbs) and not (ctx and _not_predicate(text, m, start, end, verbs, *ctx)):
            return m
        pos = m.start() + 1


@lru_cache(maxsize=1)
def office_suffixes() -> re.Pattern:
    """``lexicon/office_suffixes.tsv`` as one pattern matching an office's closing word right
    after a verb (局 in 发展局, not in 推动局部; 区 in 新发展区, not in 推动区域)."""
    alts = []
    for row in read_tsv(LEXICON_DIR / "office_suffixes.tsv"):
        not_before = row[1].split() if len(row) > 1 else []
        guard = f"(?!{'|'.join(map(re.escape, not_before))})" if not_before else ""
        alts.append(re.escape(row[0]) + guard)
    return compiled("|".join(sorted(alts, key=len, reverse=True)))


@lru_cache(maxsize=1)
def founding_verbs() -> frozenset:
    """``lexicon/founding_verbs.txt``: verbs whose object may be an office (成立委员会)."""
    lines = (LEXICON_DIR / "founding_verbs.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#"))


# a modal right after the verb: the verb is a noun, the subject of the modal (AI发展须以安全为舵)
_MODAL_NEXT = compiled(r"(?:必须|务须|须|应当|应该|要(?!求|素|点|害|件|务|闻|地|塞|职|案|领))")


def _lookalike(text: str, m: re.Match, verbs: Verbs) -> bool:
    """Is the verb match ``m`` part of another word or used as a noun rather than a verb?"""
    if text.startswith(("之年", "的", "了"), m.end()):
        return True  # 推进之年, 持续的: a verb used as a noun or modifier; 完成了: a report of the past
    if office_suffixes().match(text, m.end()) and m.group() not in founding_verbs():
        return True  # 发展局将资助…, 商务及经济发展局局长: the verb ends an office's name
    if _MODAL_NEXT.match(text, m.end()):
        return True  # AI发展须以安全为舵: verbs take their modal before them, a noun after it
    if m.start() > 0 and text[m.start() - 1] == "的":
        return True  # 工作的推进: a nominalized verb
    for word in verbs.not_in.get(m.group(), ()):
        i = word.find(m.group())
        while i >= 0:
            s = m.start() - i
            if s >= 0 and text.startswith(word, s):
                return True
            i = word.find(m.group(), i + 1)
    return False


# Prepositions whose phrase a ladder verb may sit in: 以推动高质量发展为主题, 为推进…提供支撑,
# 在推进…上, 在…完成后, 并与…基本实现现代化的目标相衔接, 把推进…作为….
_VP_PP = frozenset("以 在 于".split())  # a verb right after them is inside the phrase (以VP为…, 在VP上)
_NP_PP = frozenset("与 同 跟 对 向 把 从 用".split())  # + noun phrase: the verb after it may lead
_PP_CLOSERS_AFTER = ("作为", "视为", "摆在", "放在", "当作", "列为", "纳入")
_FROM_CLOSERS = ("入手", "着手", "出发", "做起")  # 从放宽准入、优化监管等方面入手: a frame, not a promise
_LOCATIVE_AFTER = frozenset("上 中 下 后 时 之后 以后 之前 以前 同时 前提 基础 过程 期间 之际 进程 背景".split())
_PAST = frozenset("已 已经 业已 曾 曾经".split())
_MODAL_AFTER = frozenset("要 应当 须 必须 需要".split())  # not 应 (确保市场主体应享尽享)
_NOUN_TAGS = frozenset("n vn f nz b j ng an nr ns nt".split())
_ADVERB_TAGS = frozenset("d ad a".split())
_QUOTED_SPAN = compiled(r"“[^“”\n]{1,12}”|《[^《》\n]{1,60}》")


def _not_predicate(text: str, m: re.Match, a: int, b: int, verbs: Verbs, offsets: list, tokens: list) -> bool:
    """Is the ladder verb ``m`` of segment ``text[a:b]`` not the clause's predicate?

    - inside a quoted slogan or a title (锚定“两个确保”, 《全面深化…方案》);
    - inside a prepositional phrase: 为推进…提供支撑 (为 + verb: a purpose), 以推动高质量发展为主题 /
      以加快旧楼重建 (以 right before the verb), 在推进…上 / 在…完成后 (在 right before the verb, or the
      phrase closes after it), 并与…基本实现现代化的目标相衔接 (the verb modifies a noun that another
      predicate follows); but 以实干推动发展, 在东莞完成安检: the verb after the phrase leads;
    - right after 已/已经 (a report of what was done: 对已完成整改问题进行“回头看”);
    - a verb phrase that is the subject of a modal (研究储备政策要增强前瞻性) or of 是
      (发展乡镇企业是农村奔小康的必由之路: a statement about the action, not a promise of it).
    """
    for q in _QUOTED_SPAN.finditer(text, max(a - 60, 0), min(b + 60, len(text))):
        if q.start() < m.start() and m.end() <= q.end() - 1:
            return True
    k0 = bisect_left(offsets, a)
    kv = bisect_left(offsets, m.start())
    opened: Optional[str] = None
    adjacent = False  # only adverbs stand between the open preposition and the verb
    verb_in_yi = False
    past = False
    for k in range(k0, kv):
        w, p = tokens[k]
        if w in _PAST:
            past = True
            continue
        if past and w == "的":
            past = False  # 已开工的57个项目要加快建设: the past part was a modifier
        if p == "p" and w in ("为", "作为") and opened == "以":
            opened = None  # 以产业链为整体争取…: the frame closed before the verb
        elif p == "p" and (w == "为" or w in _VP_PP or w in _NP_PP):
            opened, adjacent, verb_in_yi = w, True, False
        elif w in ("为", "作为") and opened == "以":
            opened = None
        elif opened in ("在", "于") and p in ("f", "t"):
            opened = None  # 在实际工作中|努力争取
        elif opened and p not in _ADVERB_TAGS and not _ADVERBS.fullmatch(w):
            adjacent = False
            if opened == "以" and p.startswith("v") and p != "vn":
                verb_in_yi = True  # 以推动…、加快建设…的成效: the verb phrases are the phrase's object
    if past:
        return True
    kn = kv  # rjieba may glue the verb to the next word: skip the verb's own token(s)
    while kn < len(tokens) and offsets[kn] < m.end():
        kn += 1
    after = [tokens[k] for k in range(kn, bisect_left(offsets, b))]
    words = [w for w, _ in after]
    if opened == "为":
        return True
    if opened in _VP_PP:
        if adjacent or (opened == "以" and verb_in_yi):
            return True
        if opened == "以" and ("为" in words or "作为" in words):
            return True
        if opened in ("在", "于") and any(w in _LOCATIVE_AFTER or (p == "f" and w != "内") for w, p in after):
            return True
    if opened in _NP_PP:
        if opened == "把" and any(w in _PP_CLOSERS_AFTER for w in words):
            return True
        if opened == "从" and any(w in _FROM_CLOSERS for w in words):
            return True
        if opened in ("与", "同", "跟") and any(w.startswith("相") and len(w) >= 2 for w in words):
            return True  # 与全面建成小康社会目标相衔接
        if "的" in words:
            i = words.index("的")
            if any(p.startswith("v") or w.startswith("相") for w, p in after[i + 1:]):
                return True
    # The verb's own tag stands in for the word before the modal when nothing follows the verb
    # (推动高质量发展要靠改革: 发展, a verbal noun, ends the subject).
    own = tokens[kv][1] if kv < len(tokens) and offsets[kv] == m.start() and kn == kv + 1 else ""
    clausal = verbs.verbs.get(m.group()) in _CLAUSAL
    for i, (w, p) in enumerate(after):
        before = after[i - 1][1] if i > 0 else own
        if w == "是" and not clausal:
            j = i - 1  # 仍是, 也是: the adverb before 是 is not the subject's last word (尤其是 is a connective)
            while j >= 0 and after[j][0] in _COPULA_ADVERBS:
                j -= 1
            last = after[j][1] if j >= 0 else own
            # 发展乡镇企业是农村奔小康的必由之路, 保障市民基本的住屋需求是施政的首要任务 (rjieba tags
            # 需求 a verb): the verb phrase is what 是 describes; 确保X是Y takes a clause instead
            if last in _NOUN_TAGS or last.startswith("v"):
                return True
        if (w in _MODAL_AFTER and p in ("v", "d") and before in _NOUN_TAGS
                and i + 1 < len(after) and after[i + 1][1][:1] in ("v", "d", "a")):
            return True
    return False


# verbs that take a clause as their object (确保…是…): a 是 after them belongs to that clause
_CLAUSAL = frozenset(("guarantee", "strive"))
_COPULA_ADVERBS = frozenset("仍 仍然 依然 也 都 正 亦 乃 均 皆 始终".split())


def _has_verb(a: int, b: int, offsets: list, tokens: list) -> bool:
    """Does ``text[a:b]`` hold a verb (rjieba ``v``/``vd``/``vi``; verbal nouns don't count) or
    open with a preposition (``在…上``, ``以…为``: a new adverbial, not more objects)?"""
    k = bisect_left(offsets, a)
    if k < len(tokens) and offsets[k] == a and tokens[k][1] == "p":
        return True
    while k < len(tokens) and offsets[k] < b:
        if tokens[k][1] in ("v", "vd", "vi", "vq", "vn"):
            return True
        k += 1
    return False


# Verbs that may stand before a ladder verb without taking the lead (着力推进, 继续推动, 以…为…争取).
_PRE_VERBS = frozenset("着力 统筹 继续 努力 要 将 会 能 可 应 坚持 坚决 全力 大力 切实 更加 为 于 将于 进一步 主动 积极 "
                       "加紧 力促 必须 需 需要 务必 全面 深入 扎实 有序 稳步 高标准 高质量 准备 拟 打算".split())


_FRAME_VERBS = frozenset("着眼 围绕 立足 面向 对标 紧扣 瞄准 透过".split())


def _governed(a: int, verb_start: int, offsets: list, tokens: list, verbs: Verbs, text: str = "") -> bool:
    """Does a verb that is not a commitment verb lead the clause before the ladder verb?

    Not a time phrase (到2027年: rjieba tags 到 a verb), nor a manner right before the verb
    (协调推进, 联动推进), nor a verb modifying the noun of a 对/把/向 phrase (对突出问题进行专项治理);
    a frame verb always leads (着眼促进…: rjieba tags 着眼 an adverb)."""
    skip = [m.span() for m in _DEADLINE.finditer(text, a, verb_start)] if text else []
    k = bisect_left(offsets, a)
    in_np = False  # inside 对/把/向 + noun phrase: its verbs modify the noun
    while k < len(tokens) and offsets[k] < verb_start:
        w, p = tokens[k]
        if w in _FRAME_VERBS:
            return True
        if p == "p" and w in ("对", "把", "向"):
            in_np = True
        adjacent = offsets[k] + len(w) == verb_start
        # a ladder verb done already (考虑了…需要) leads like any other verb: the clause reports it
        done = w in verbs.verbs and text.startswith("了", offsets[k] + len(w))
        if (p in ("v", "vd", "vi") and not in_np and w not in _PRE_VERBS and w not in _MANNER
                and (w not in verbs.verbs or done) and not adjacent
                and not any(s <= offsets[k] < e for s, e in skip)):
            return True
        k += 1
    return False


def _clauses(text: str, lo: int, hi: int, verbs: Verbs, offsets: list, tokens: list) -> list[tuple[_Clause, re.Match]]:
    """Commitment clauses in ``text[lo:hi]`` with their verb matches."""
    out = []
    s = lo
    for m in list(_SENTENCE_END.finditer(text, lo, hi)) + [None]:
        e = m.start() if m else hi
        if e > s:
            segs = []
            a = s
            for c in _COMMA.finditer(text, s, e):
                segs.append((a, c.start()))
                a = c.end()
            segs.append((a, e))
            current: Optional[list] = None  # [start, end, verb match]
            for a, b in segs:
                v = _verb_at(text, verbs, a, b, (offsets, tokens))
                if v is not None and _governed(a, v.start(), offsets, tokens, verbs, text):
                    # 支持…加快发展, 实施…中部地区加快崛起…战略: another verb leads; the clause
                    # before it is complete (it was once dropped with it)
                    if current:
                        out.append((_Clause(current[0], current[1], s), current[2]))
                    current = None
                    continue
                if v is not None:
                    if current:
                        out.append((_Clause(current[0], current[1], s), current[2]))
                    current = [a, b, v]
                elif current and not _has_verb(a, b, offsets, tokens):
                    current[1] = b  # no verb of its own: more objects under the same verb
                else:
                    if current:
                        out.append((_Clause(current[0], current[1], s), current[2]))
                    current = None
            if current:
                out.append((_Clause(current[0], current[1], s), current[2]))
        s = m.end() if m else hi
    return out


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _TRIM_LEFT:
        a += 1
    m = _LEAD.match(text, a, b)
    if m:
        a = m.end()
    while a < b and text[a] in _TRIM_LEFT:
        a += 1
    while b > a and text[b - 1] in _TRIM_RIGHT:
        b -= 1
    return a, b


def _deadline(text: str, clause: _Clause, verb: Optional[re.Match] = None, verbs: Optional[Verbs] = None) -> Optional[tuple[int, int]]:
    """The clause's time phrase (matching-view offsets), or one opening its sentence, else None.

    After the verb a five-year-plan period that runs straight into a noun modifies the object
    (分析“十五五”时期新的阶段性特征), it sets no deadline; a bare year keeps its old reading
    (研究制定2025年行动方案 is due in 2025)."""
    for m in _DEADLINE.finditer(text, clause.start, clause.end):
        if m.group().startswith(("19", "20")) and m.start() > 0 and text[m.start() - 1] in _NOT_BEFORE_YEAR:
            continue
        if (verb is not None and verbs is not None and m.start() >= verb.end() and _FIVE_YEAR.search(m.group())
                and not _closes(text, m.end(), clause.end, verbs)):
            continue
        if text.rfind("《", clause.start, m.start()) > text.rfind("》", clause.start, m.start()):
            continue  # a year in a title: 《2021年电影检查（修订）条例草案》
        return m.start(), m.end()
    # A time phrase that is the sentence's whole opening segment (``年内，…``, ``到2025年，…``)
    # governs its clauses.
    if clause.sentence_start < clause.start:
        m = _DEADLINE.match(text, clause.sentence_start, clause.start)
        if m and text[m.end() : m.end() + 1] in ("，", ","):
            return m.start(), m.end()
    return None


_FIVE_YEAR = compiled(r"十[一二三四五六七八九]五")
_FIVE_YEAR_NUM = compiled(r"十([一二三四五六七八九])五")
_AFTER_DEADLINE = lazy(r"[，,。；;、）)]|$|要|将|再|基本|全面|力争|确保|争取|前|内|之前|以前")


def _closes(text: str, pos: int, end: int, verbs: Verbs) -> bool:
    """Does a time phrase ending at ``pos`` stand on its own (a comma, the clause end, a verb next)?"""
    return pos >= end or bool(_AFTER_DEADLINE().match(text, pos)) or bool(verbs.pattern.match(text, pos, end))


_COORDINATORS = "和与及、"
# ties in code-point order: a frozenset's order changes from process to process, the pattern must not
_NOT_MODAL_RE = compiled("|".join(sorted(_NOT_MODAL, key=lambda w: (-len(w), w))))


def _object(text: str, clause: _Clause, verb: re.Match, verbs: Verbs) -> Optional[tuple[int, int]]:
    """What the clause promises: the text after the verb chain, never cut inside a word.

    The chain is the governing verb, a 好 complement (发挥好), adverbs, a deadline and further
    core verbs (力争实现, 加快推进, 力争年底前实现); a verb of action that names the object (实施提振消费
    专项行动) or is coordinated with it (统筹发展和安全) stays in it, and so does 要素, 重点领域."""
    pos = verb.end()
    core = modal_verbs()
    while True:
        # a 好 complement after any verb of the chain (发挥好, 贯彻落实好): not the object's first word
        if text.startswith("好", pos) and not text.startswith(("好评", "好人"), pos):
            pos += 1
        if _NOT_MODAL_RE.match(text, pos):
            break  # 推动要素向…: 要素 is the object, not the modal 要
        m = _ADVERBS.match(text, pos, clause.end) or _DEADLINE.match(text, pos, clause.end)
        if m and m.end() > pos and not m.group().endswith("重点"):  # 加强重点领域…: a noun's modifier
            pos = m.end()
            continue
        v = verbs.pattern.match(text, pos, clause.end)
        if (v and (v.group() in core or text.startswith("好", v.end())) and not _lookalike(text, v, verbs)
                and text[v.end() : v.end() + 1] not in _COORDINATORS):
            pos = v.end()
            continue
        break
    a, b = _trimmed(text, pos, clause.end)
    if b > a:
        return a, b
    a, b = _trimmed(text, clause.start, verb.start())
    m = _ADVERBS.search(text, a, b)
    return (a, b) if b > a else None


# --------------------------------------------------------------------------- deadline values

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_DL_YEAR = compiled(r"((?:19|20)\d{2})年")
_DL_MONTH = compiled(r"(\d{1,2}|[一二三四五六七八九十]{1,3})月")
_DL_QUARTER = compiled(r"第?([一二三四1-4])季")
_DL_YEARS_WITHIN = compiled(r"(\d+|[一二两三四五六七八九十]+)年(?:内|或之前)")
_DL_FIVE_YEAR = compiled(r"十([一二三四五六七八九])五")
_DL_NEXT = ("明年",)
_DL_HALF = {"上半年": ("01", "06"), "下半年": ("07", "12")}


def _cn_number(s: str) -> int:
    """``12``, ``十二``, ``三`` → an int (numbers up to 99)."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(s, 0)


def deadline_value(deadline: Optional[str], year: Optional[int]) -> Optional[str]:
    """A deadline as written (simplified characters) → the date or period it names, else None.

    ``year`` is the plan year (``report.meta.year``) that 年内/今年/年底前 refer to.  Values:
    a year ``2025``; a month ``2025-12`` (年底前, 6月底前); a span ``2025-01/2025-06`` (上半年,
    第一季度); years ``2026/2030`` (“十五五”期间, 三年内); the last year of a five-year plan for
    “十五五”末.  None when the phrase names no time the calendar knows (本届政府任期内) or the
    plan year is needed and unknown.
    """
    if not deadline:
        return None
    d = deadline.strip("“”\"")
    five = _DL_FIVE_YEAR.search(deadline)
    if five:
        first = 2021 + 5 * (_cn_number(five.group(1)) - 4)  # the 14th plan (十四五) is 2021-2025
        last = first + 4
        return str(last) if re.search(r"期末|末$", d) else f"{first}/{last}"
    m = _DL_YEAR.search(d)
    y = int(m.group(1)) if m else None
    rest = d[m.end():] if m else d
    if y is None:
        if year is None:
            return None
        y = year + 1 if d.startswith(_DL_NEXT) else year
        w = _DL_YEARS_WITHIN.fullmatch(d)
        if w and not d.startswith(("今年", "明年")):
            n = _cn_number(w.group(1))
            return str(year) if n <= 1 else f"{year}/{year + n - 1}"
    for half, (a, b) in _DL_HALF.items():
        if half in rest:
            return f"{y}-{a}/{y}-{b}"
    q = _DL_QUARTER.search(rest)
    if q:
        n = _cn_number(q.group(1))
        return f"{y}-{3 * n - 2:02d}/{y}-{3 * n:02d}"
    mo = _DL_MONTH.search(rest)
    if mo:
        return f"{y}-{_cn_number(mo.group(1)):02d}"
    if re.search(r"底|末", rest):
        return f"{y}-12"
    if re.search(r"初", rest):
        return f"{y}-01"
    if "任期" in d:
        return None
    return str(y)


_HEADING_LINE = compiled(r"[#*\s\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[章节部])")
_HEADING_KINDS = ("title", "heading", "part", "section", "subsection")


def _in_heading(report: Report, block_of: BlockLocator, offset: int) -> bool:
    """Headings name topics (``三、实现2022年…的主要措施``); they promise nothing themselves."""
    bid = block_of(offset)
    if bid:
        block = report.block_by_id.get(bid)
        if block is not None and block.kind in _HEADING_KINDS:
            # An unnumbered run-in lead sentence (**着力推进与北三县一体化高质量发展。**推动完成…) is a
            # heading to the structure but a promise in its own words; numbered ones ((六)奋力推进…) name topics.
            head = report.text[block.start : block.end].rstrip()
            nl = report.text.find("\n", block.end)
            rest = report.text[block.end : nl if nl >= 0 else len(report.text)].strip()
            run_in = head.endswith(("。", "！", "；")) and bool(rest) and not _HEADING_LINE.match(head)
            return not run_in
    # Without heading blocks: a numbered line with no full stop.
    ls = report.text.rfind("\n", 0, offset) + 1
    le = report.text.find("\n", offset)
    line = report.text[ls : le if le >= 0 else len(report.text)]
    return bool(_HEADING_LINE.match(line)) and not re.search(r"[。；！？]", line)


def _targets_block_ranges(report: Report, mv) -> list[tuple[int, int]]:
    """The year's targets block(s), as matching-view ranges."""
    from .targets import target_blocks  # the block finder needs only the text and quantities

    return [(bisect_left(mv.to_text, b.start), bisect_left(mv.to_text, b.end)) for b in target_blocks(report)]


# a frame before the verb is no subject: 在实际工作中努力争取…, 根据实际情况争取…, 按照国家要求完成…
_FRAME_BEFORE = compiled(r"(?:在[^，,、；]{1,10}?[中里上下]|(?:根据|按照|依据|结合)[^，,、；]{1,10}?(?:情况|要求|部署|实际))")


def _subject_first(text: str, a: int, verb: re.Match, verbs: Verbs, ctx) -> bool:
    """Whether words other than a frame, adverbs, manner words, a modal or a time phrase stand
    between the start of the verb's item (the clause start ``a``, or past the last 、: a rider
    like …左右、争取更优水平 heads its own item) and the ``verb`` (生态环境质量 | 持续改善)."""
    a = max(a, text.rfind("、", a, verb.start()) + 1)
    vs = verb.start()
    m = _FRAME_BEFORE.match(text, _opening(text, a, vs), vs)
    if m:
        a = m.end()
    m = _ADVERBS.match(text, a, vs)  # 努力争取 (rjieba: a name) governed by 争取: 努力 is its adverb
    if m:
        a = m.end()
    return a < vs and _head(text, a, vs, verbs, ctx) < vs


def find_commitments(report: Report, verbs_lexicon: Union[PathLike, Iterable[PathLike], None] = None) -> tuple[Commitment, ...]:
    """The commitments of ``report`` (see the module docstring)."""
    verbs = load_verbs(verbs_lexicon)
    mv = match_view(report)
    text = mv.text
    tokens, offsets = match_tokens(report)
    # The review half, as matching-view ranges; commitments are everywhere else.
    starts = mv.to_text
    keep: list[tuple[int, int]] = []
    pos = 0
    for rs, re_ in sorted(review_ranges(report) + note_ranges(report)):
        a, b = bisect_left(starts, rs), bisect_left(starts, re_)
        if a > pos:
            keep.append((pos, a))
        pos = max(pos, b)
    if pos < len(text):
        keep.append((pos, len(text)))
    quantities = sorted(report.quantities, key=lambda q: q.start)
    q_starts = [q.start for q in quantities]
    entities = sorted(report.entities, key=lambda x: x.start)
    e_starts = [x.start for x in entities]
    block_of = BlockLocator(report)
    outcomes = _targets_block_ranges(report, mv)
    out = []
    year = report.meta.year
    for lo, hi in keep:
        reported = reported_ranges(text, lo, hi, offsets, tokens, year, verbs)
        r_starts = [r[0] for r in reported]
        for clause, verb in _clauses(text, lo, hi, verbs, offsets, tokens):
            a, b = _trimmed(text, clause.start, clause.end)
            if b <= a:
                continue
            i = bisect_left(r_starts, a + 1) - 1
            if i >= 0 and reported[i][0] <= a < reported[i][1]:
                continue  # a report of what was done, inside a plan part
            start, end = mv.span(a, b)
            if _in_heading(report, block_of, start):
                continue
            if text[b - 1 : b] in "是为" and text[b : b + 1] in "：:":
                continue  # 今年发展主要预期目标是：… announces what follows, it promises nothing itself
            if any(ts <= a < te for ts, te in outcomes) and _subject_first(text, a, verb, verbs, (offsets, tokens)):
                continue  # 生态环境质量持续改善 in the targets block: an outcome (a target), not an action
            if _AFTER_END.search(text, a, b):
                continue  # 考虑公众意见后，…: a time frame for what follows, no promise of its own
            if _progressive(text, a, b, verbs, offsets, tokens):
                continue  # 科技创新能力在持续提升: a description of what is under way
            dl = _deadline(text, clause, verb, verbs)
            if _done_before(text, clause, verb, dl, year):
                continue  # 政府于2023年7月成立… in a 2025 report: a report of what was done
            ob = _object(text, clause, verb, verbs)
            qid = None
            i = bisect_left(q_starts, start)
            if i < len(quantities) and quantities[i].end <= end:
                qid = quantities[i].id
            vs, ve = mv.span(verb.start(), verb.end())
            obj = mv.span(*ob) if ob else None
            out.append(Commitment(
                id=f"c{len(out) + 1}", block=block_of(start), start=start, end=end,
                text=report.text[start:end], verb=report.text[vs:ve], strength=verbs.verbs[verb.group()],
                deadline=report.text.__getitem__(slice(*mv.span(*dl))) if dl else None,
                object=report.text[obj[0] : obj[1]] if obj else None,
                quantity=qid,
                deadline_value=deadline_value(text[dl[0] : dl[1]], year) if dl else None,
                object_entity=_entity_inside(entities, e_starts, *obj) if obj else None,
            ))
    return tuple(out)


_AFTER_END = compiled(r"(?:之后|以后|后)$")

# 去年/上年/前年 dating the act; not a comparison or a base (比去年增长, 在去年基础上, 去年同期)
_PAST_YEAR_WORD = compiled(r"(?<![比较同与在从于])(?:去年|上年|前年)(?!同期|水平|基础|的|相比|以来|底前)")


def _done_before(text: str, clause: _Clause, verb: re.Match, dl: Optional[tuple[int, int]], year: Optional[int]) -> bool:
    """Does a time phrase before the verb date the act before the plan year ``year`` (政府于2023年7月
    成立… in a 2025 report, 去年推出…)?  A promise is never due before the year it is made for;
    the clause reports a done act."""
    if dl is not None and dl[1] <= verb.start() and year is not None:
        value = deadline_value(text[dl[0] : dl[1]], year)
        if value and int(value.split("/")[-1][:4]) < year:
            return True
    return bool(_PAST_YEAR_WORD.search(text, clause.start, verb.start()))


_PROGRESSIVE_TAGS = frozenset("d ad a v vd vi zg".split())


def _progressive(text: str, a: int, b: int, verbs: Verbs, offsets: list, tokens: list) -> bool:
    """Does the clause ``text[a:b]`` end in 在 + adverbs and verbs after a subject (科技创新能力在持续
    提升, 新动能在加快壮大, 发展内生动力在不断积聚)?  在 marks what is under way: a description, not a
    promise.  正在 is left alone (政府正在研究: the government's own work)."""
    i = text.rfind("在", a, b)
    if i <= _opening(text, a, b) or text[i - 1] == "正":
        return False
    k = bisect_left(offsets, i)
    if k >= len(tokens) or offsets[k] != i or tokens[k][0] != "在":
        return False  # 存在, 现在: 在 inside a word
    if k > 0 and tokens[k - 1][1].startswith("v"):
        return False  # 走在前列: 在 completes the verb before it
    if k + 1 < len(tokens) and not (tokens[k + 1][1] in ("d", "ad", "vd") or tokens[k + 1][0] in verbs.verbs
                                    or _ADVERBS.fullmatch(tokens[k + 1][0])):
        return False  # the aspect 在 is followed by how (持续, 不断) or a verb of the ladder (加快)
    verb_seen = False
    for j in range(k + 1, len(tokens)):
        if offsets[j] >= b:
            break
        w, p = tokens[j]
        if p not in _PROGRESSIVE_TAGS and w not in verbs.verbs and not _ADVERBS.fullmatch(w):
            return False
        verb_seen = verb_seen or p.startswith("v") or w in verbs.verbs
    return verb_seen


def _entity_inside(entities: list, starts: list, a: int, b: int) -> Optional[str]:
    """Id of the first entity (sorted by start) lying wholly inside ``[a, b)``, else None."""
    i = bisect_left(starts, a)
    while i < len(entities) and entities[i].start < b:
        if entities[i].end <= b:
            return entities[i].id
        i += 1
    return None


@register(adds="commitments", requires=("quantities", "dates", "periods", "entities"))
def annotate_commitments(report: Report) -> Report:
    """``report`` with its ``commitments`` layer filled (see the module docstring)."""
    return dataclasses.replace(report, commitments=find_commitments(report))
