"""Normalized text → blocks (hierarchy) and meta (what the report is).

Contract: ``build(decoded, normalized) -> Report``.

Input: the normalized text has one paragraph per line (headings on their own line, page chrome
already set aside as repairs).  Output: ``Report.blocks`` in document order, parents before
children, properly nested, ids unique and readable:

- ``title`` (front matter: title, subtitle, speaker/issuer lines) holding a ``heading`` (the title
  line) and ``p`` blocks (the other lines);
- ``preface`` (salutation and the paragraphs before the first part) holding ``p`` blocks;
- ``part`` (``一、`` / ``第一章`` / Hong Kong ``(一)``; an annex or glossary is a part of its own),
  ``section`` (``（一）``), ``subsection`` (``1.``, or an unnumbered heading line under a section).
  Each holds a ``heading`` child (for run-in headings ``（一）加快发展新质生产力。把…`` the
  heading is the lead sentence and the rest of the line is a ``p``).  The container's ``num`` is
  its label as written; ``num_start``/``num_end`` locate it inside the heading.  A paragraph
  whose lead sentence was bold in the source (``**保障工程建设的一系列措施有力有效。**围绕…``,
  read off the ``markdown`` repairs) is a run-in heading too: an unnumbered container one level
  under the deepest numbered one; a labeled one (``**一是…。**``) stays a ``p`` numbered ``一是``.
- a top-level ``p`` after the last part (before any annex/glossary part): the closing exhortation
  (``各位代表！…让我们…``), which belongs to no section.
- ``p`` (a paragraph; ``num`` is its label when it starts with one: ``一是``, ``12.``, ``——``,
  footnote ``註1``),
  ``item`` (a list entry: lines after ``…如下：``, runs of ``——``/``（1）``/``①`` lines, glossary
  entries) and ``s`` (sentences of a ``p`` or ``item``, ending at ``。！？`` and any closing quotes).

Ids: ``title``, ``preface``, ``part2``, ``sec2.3``, ``sub2.3.1``, ``<container>.h`` for headings,
and running ``p17``, ``i3`` (items), ``s120`` (sentences), in document order.

Every non-whitespace character of the text lies in some leaf block; what lies between blocks is
whitespace.  ``line_start``/``line_end`` are the 1-based source lines (via the repair log).

Hierarchy comes from numbering, never from markup: a label opens a container only when it continues
the sequence expected at its level (``三、`` after ``二、``; ``（一）`` first under a new part), so
a ``一、`` inside an annex list or a restarted ``（一）`` elsewhere stays a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator, Optional

from . import numbering as nb
from .ingest import Decoded
from ..model import Block, Meta, Repair, Report, source_offset
from .normalize import Normalized
from ..lazyre import compiled, lazy

# --------------------------------------------------------------------------- patterns (compiled once)

_WS = " \t\r\u3000\u00a0\ufeff"
_MARKUP = compiled(r"[#>*]+\s*")  # markdown residue before a label, skipped when reading labels
_TERMINAL = "。！？!?"
_CLOSERS = "”’」』）)》\"'"
_SENT = compiled(r"[^\n。！？!?]*(?:[。！？!?]+[”’」』）)》\"']*|$)", re.M)
_LEAD = compiled(r"[^。！？!?\n]{1,80}?[。！？!?][”’」』）)》]*")

_SALUTE = compiled(r"(各位代表|各位委员|立法[会會]主席|主席(?:先生|女士)|各位[议議]员)[^。]{0,30}[：:！!]")
_SUBTITLE = compiled(r"^(?:——|--+|—|－－)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日.{0,60}?[会會][议議]上?")
_DATE = compiled(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MEETING = compiled(r"在(.{4,60}?[会會][议議])上?")
_OFFICE = r"(?:国务院总理|國務院總理|行政长官|行政長官|[\u4e00-\u9fff]{0,12}?(?:人民政府)?(?:省长|市长|区长|县长|主席|州长|盟长|省長|市長|區長|縣長))"
_OFFICE_LINE = compiled(_OFFICE)
#: a line that is only an annex label (附件, 附件一, 附录 2)
_ANNEX_LABEL = compiled(r"(?:附件|附录|附錄)\s*\S{0,3}")
_SPEAKER = compiled(rf"({_OFFICE})[\s　]*([\u4e00-\u9fff·][\s　]?[\u4e00-\u9fff·]{{1,3}})(?![\u4e00-\u9fff]{{0,1}}代表)")
_SPEAKER_BEFORE = lazy(r"([\u4e00-\u9fff]{2,3})(省长|市长|区长|县长)在([\u4e00-\u9fff]{2,8}?[省市区县])")
# what _SPEAKER_BEFORE must find: its ``(省长|市长|区长|县长)在`` is one of these
_SPEAKER_BEFORE_CUES = ("省长在", "市长在", "区长在", "县长在")
_ISSUER_LINE = lazy(r"^[\u4e00-\u9fff（）()]{2,40}(?:委员会|委員會|人民政府|办公室|辦公室|局|厅|廳)$")


def _speaker_before(s: str) -> Optional[re.Match]:
    """``_SPEAKER_BEFORE().search(s)``: the speaker named before the office (龚正市长在上海市…), or None.

    The pattern (three classes of 20,992 ideographs, ~4.5 ms to compile) is compiled only when ``s`` holds one of
    :data:`_SPEAKER_BEFORE_CUES`, without which it cannot match: a national subtitle (…会议上 国务院总理 李强)
    never pays for it."""
    if not any(cue in s for cue in _SPEAKER_BEFORE_CUES):
        return None
    return _SPEAKER_BEFORE().search(s)


_SOURCE_LINE = compiled(r"^(来源|來源|时间|時間|发布时间|作者|编辑)\s*[：:]")

_ANNEX = compiled(r"^(?:附件|附录|附錄)\s*[0-9０-９一二三四五六七八九十]*(?:[：:︰\s　]|$)")
_GLOSSARY = compiled(r"^(?:名词解释|名詞解釋|名词注释|注释|註釋|注解|名词解读|注)\s*[：:]?$")
_ATTRIBUTION = compiled(r"[（(][^（）()]{1,40}[）)]$")
_FOOTNOTE = compiled(r"^(?:註|注)\s*\d+\s*[:：]")
#: the closing exhortation opens with the salutation or 让我们, within the last few paragraphs
_CLOSING = compiled(r"(?:各位代表|各位委员|各位委員|各位[议議][员員]|主席(?:先生|女士)?)[，,！!：:]|让我们|讓我們")
_CLOSING_REACH = 3
_GLOSSARY_WORD = compiled(r"名词解释|名詞解釋|名词注释|注释|註釋|注解")

#: label styles that may open a container, and which may do so with a run-in heading
_CONTAINER_STYLES = {nb.CHAPTER, nb.CN_FIN, nb.STEM, nb.CN_DUN, nb.CN_PAREN, nb.ARABIC_DOT}
_RUN_IN_STYLES = {nb.CHAPTER, nb.CN_FIN, nb.STEM, nb.CN_DUN, nb.CN_PAREN}
# the styles that head a part (一、 第一章 壹、 甲、) and, with （一）, what can open a report's body
_PART_STYLES = (nb.CHAPTER, nb.CN_FIN, nb.STEM, nb.CN_DUN)
_HEAD_STYLES = _PART_STYLES + (nb.CN_PAREN,)
#: label styles that make consecutive lines a list
_LIST_STYLES = {nb.DASH, nb.BULLET, nb.ARABIC_PAREN, nb.CIRCLED}
_KINDS = ("part", "section", "subsection")
_HEADING_MAX = 60  # a heading line is at most this long (longest seen: ~50)
_PLAIN_MAX = 30  # an unnumbered heading is at most this long
_DANGLING = "0123456789０１２３４５６７８９（(“「《、，"
# digits that name rather than count: a year (迈向2050年前碳中和), an anniversary (胜利80周年),
# an alphanumeric name (5G)
_NAME_DIGITS = compiled(r"(?<!\d)\d{4}年|\d+周年|[A-Za-z]+\d+[A-Za-z]*|\d+[A-Za-z]+")
_ANNEX_RANK = -1
_TOP_RANK = -0.5
_PLAIN = "plain"


# --------------------------------------------------------------------------- lines


class _Line:
    """One non-blank line of the normalized text, trimmed of surrounding whitespace."""

    __slots__ = ("start", "end", "text", "label", "lstart")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text
        m = _MARKUP.match(text)
        pos = m.end() if m else 0
        self.label = nb.match_label(text, pos)
        self.lstart = start + pos  # where the label starts (markup residue skipped)


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        s = len(raw) - len(raw.lstrip(_WS))
        e = len(raw.rstrip(_WS))
        if e > s:
            out.append(_Line(pos + s, pos + e, raw[s:e]))
        pos += len(raw) + 1
    return out


def _body(line: _Line) -> str:
    """The line's text after its label."""
    if line.label is None:
        return line.text
    return line.text[line.label.end :].lstrip(_WS)


def _is_heading_line(line: _Line) -> bool:
    """Short, one sentence at most, not an introduction to what follows."""
    t = line.text
    if line.label is not None and line.label.end >= len(t):
        return True  # a label alone on its line ("一、"): its heading text is on the next line
    if len(t) > _HEADING_MAX or t[-1] in "：:；;，,、":
        return False
    inner = t[:-1]
    return not any(c in inner for c in _TERMINAL)


def _bare_numeral(line: _Line) -> bool:
    """A numeral alone on its line, without 、 (older reports head their parts ``一`` / ``二``):
    the number is the whole heading, the paragraph after it is text."""
    lab = line.label
    return lab is not None and lab.style == nb.CN_DUN and lab.text.strip() == line.text.strip() \
        and lab.text.strip()[-1] not in "、.．"


def _is_plain_heading(line: _Line) -> bool:
    """An unnumbered heading line: short, no punctuation that ends or joins sentences."""
    t = line.text
    if line.label is not None or not (2 <= len(t) <= _PLAIN_MAX):
        return False
    # 、 joins words inside a heading ("尊重国旗、国徽、国歌", "抢人才、留人才"); at the end it
    # continues a list.
    if any(c in t for c in "。！？；：!?;:，,\t") or t[-1] in "）)、":  # \t: a table row
        return False
    return any("\u4e00" <= c <= "\u9fff" for c in t)


# --------------------------------------------------------------------------- tree


class _Node:
    __slots__ = ("kind", "start", "end", "num", "num_start", "num_end", "children", "style", "value",
                 "rank", "seq", "glossary")

    def __init__(self, kind: str, start: int, end: int, num: Optional[str] = None,
                 num_start: Optional[int] = None, style: Optional[str] = None, value: int = 0,
                 rank: float = 99):
        self.kind, self.start, self.end = kind, start, end
        self.num = num
        self.num_start = num_start
        self.num_end = num_start + len(num) if (num is not None and num_start is not None) else None
        self.children: list[_Node] = []
        self.style, self.value, self.rank = style, value, rank
        self.seq: dict[str, int] = {}  # last value of each child container style
        self.glossary = False

    def add(self, child: "_Node") -> "_Node":
        self.children.append(child)
        return child


def _paragraph(line: _Line, kind: str = "p", start: Optional[int] = None) -> _Node:
    """A p/item for ``line`` (from ``start``, for the rest of a run-in heading line)."""
    if start is not None:
        return _Node(kind, start, line.end)
    lab = line.label
    if lab is not None:
        return _Node(kind, line.start, line.end, lab.text, line.lstart)
    return _Node(kind, line.start, line.end)


class _Builder:
    """Walks the body lines once, keeping a stack of open containers."""

    def __init__(self, root: _Node, lines: list[_Line], plain_parts: bool,
                 bold: frozenset[int] = frozenset()):
        self.root = root
        self.bold = bold  # offsets where the source had a ``**`` bold marker
        self.stack: list[_Node] = [self.root]
        self.plain_parts = plain_parts
        self.lines = lines
        self.top_style: Optional[str] = None

    # -- containers

    def _place(self, style: str, value: int, rank: float) -> Optional[int]:
        """Stack depth the new container would sit at (its parent's index), or None."""
        st = self.stack
        if style == self.top_style:
            rank = _TOP_RANK
        for i in range(len(st) - 1, 0, -1):
            if st[i].style == style:  # a sibling of an open container
                return i - 1 if nb.is_next(st[i - 1].seq.get(style), value) else None
        # a child of the deepest open container that is coarser than the new one
        i = len(st) - 1
        # numbered headings outrank unnumbered ones (unless those are the parts): close them
        while i > 0 and (st[i].rank >= rank or (st[i].style == _PLAIN and not self.plain_parts)):
            i -= 1
        return i if nb.is_next(st[i].seq.get(style), value) else None

    def open(self, line: _Line, style: str, value: int, rank: float, heading_end: int,
             num: Optional[str], force_parent: Optional[int] = None) -> Optional[_Node]:
        parent_i = force_parent if force_parent is not None else self._place(style, value, rank)
        if parent_i is None or parent_i >= len(_KINDS):
            return None
        del self.stack[parent_i + 1 :]
        parent = self.stack[-1]
        if parent_i == 0 and self.top_style is None and style in nb.RANK:
            # the style of the first part is the part style, whatever its default rank
            # (Hong Kong: "(一) 前言" chapters hold "一、" sections)
            self.top_style = style
        if style == self.top_style:
            rank = _TOP_RANK
        if style != _PLAIN and style != "annex":
            parent.seq[style] = value
        node = parent.add(_Node(_KINDS[parent_i], line.start, line.end, num,
                                line.lstart if num else None, style, value, rank))
        node.glossary = bool(_GLOSSARY_WORD.search(line.text[:20]))
        node.add(_Node("heading", line.start, heading_end))
        self.stack.append(node)
        return node

    @property
    def current(self) -> _Node:
        return self.stack[-1]

    # -- the walk

    def run(self, preface: Optional[_Node]) -> None:
        lines = self.lines
        i = 0
        n = len(lines)
        while i < n:
            line = lines[i]
            if self._container(line, i):
                i = self._absorb_subtitle(i)
                i += 1
                continue
            target = self.current if self.current is not self.root else preface
            if target is None:  # text before the first part and no preface: make one
                target = preface = self.root.add(_Node("preface", line.start, line.end))
            i = self._paragraphs(target, i)

    def _absorb_subtitle(self, i: int) -> int:
        """``附件1`` + ``2026年省十件民生实事``: a bare heading takes the next short line with it."""
        node = self.current
        head = node.children[0]
        line = self.lines[i]
        # bare: a label with (almost) nothing after it, or a line that stops mid-phrase
        body = _body(line)
        bare = (len(body) <= 4 or body[-1] in _DANGLING or line.text.endswith(("的", "和", "与", "及"))
                or bool(_ANNEX_LABEL.fullmatch(line.text)))
        if bare and i + 1 < len(self.lines) and (_is_plain_heading(self.lines[i + 1]) or (
                not body and self._text_follows(i))):
            nxt = self.lines[i + 1]
            head.end = node.end = nxt.end
            if _GLOSSARY_WORD.search(nxt.text):
                node.glossary = True
            return i + 1
        return i

    def _container(self, line: _Line, i: int) -> bool:
        """Open a container if ``line`` is a heading that fits the numbering; True if it did."""
        t = line.text
        if _ANNEX.match(t) or _GLOSSARY.match(t) or (len(t) <= 12 and _GLOSSARY_WORD.search(t) and not line.label):
            m = _LEAD.match(t) if len(t) > _HEADING_MAX else None
            if m and m.end() < len(t):  # "附件︰指定项目指标。本附件列出…": heading, then a paragraph
                node = self.open(line, "annex", 0, _ANNEX_RANK, line.start + m.end(), None, force_parent=0)
                node.add(_paragraph(line, start=line.start + m.end() + _lead_ws(t, m.end())))
                return True
            return self.open(line, "annex", 0, _ANNEX_RANK, line.end, None, force_parent=0) is not None
        lab = line.label
        if self.current.glossary and self.current.kind == "part" and lab is not None and lab.style != nb.CHAPTER:
            return False  # numbered glossary entries are items, not headings
        if lab is not None and lab.style in _CONTAINER_STYLES:
            rank = nb.RANK[lab.style]
            if _is_heading_line(line) and (len(_body(line)) > 0 or self._text_follows(i) or _bare_numeral(line)) and (
                    lab.style != nb.ARABIC_DOT or t[-1] not in _TERMINAL):
                # a numbered paragraph "1. 这是我的第三份施政报告。" is not a heading
                return self.open(line, lab.style, lab.value, rank, line.end, lab.text) is not None
            if lab.style in _RUN_IN_STYLES:
                m = _LEAD.match(t, lab.end)
                if m and m.end() < len(t):
                    node = self.open(line, lab.style, lab.value, rank, line.start + m.end(), lab.text)
                    if node is not None:
                        node.add(_paragraph(line, start=line.start + m.end() + _lead_ws(t, m.end())))
                        return True
            return False
        lead = self._bold_lead(line) if lab is None else None
        if lead is not None and not self.plain_parts:
            # "**保障工程建设的一系列措施有力有效。**围绕…": a run-in heading one level under the
            # deepest numbered container, like an unnumbered heading line (a labeled "**一是…。**"
            # stays a paragraph numbered 一是, as an unbolded one does)
            st = self.stack
            j = len(st) - 1
            while j > 0 and st[j].style == _PLAIN:
                j -= 1
            if 0 < j < len(_KINDS) and not st[j].glossary:
                node = self.open(line, _PLAIN, 0, st[j].rank + 0.5, lead, None, force_parent=j)
                if node is not None:
                    node.add(_paragraph(line, start=lead + _lead_ws(line.text, lead - line.start)))
                    return True
        if lab is None and _is_plain_heading(line) and self._plain_ok(i):
            if self.plain_parts:
                return self.open(line, _PLAIN, 0, 0.5, line.end, None, force_parent=0) is not None
            # under the deepest numbered container, as a sibling of any open unnumbered heading
            st = self.stack
            j = len(st) - 1
            while j > 0 and st[j].style == _PLAIN:
                j -= 1
            if j == 0 or st[j].glossary:
                return False
            return self.open(line, _PLAIN, 0, st[j].rank + 0.5, line.end, None, force_parent=j) is not None
        return False

    def _bold_lead(self, line: _Line) -> Optional[int]:
        """End of the bold lead sentence opening ``line`` (source ``**…。**…``), or None.

        The bold span must start the line, be one sentence ending at ``。！？`` and be followed by
        more text on the line (a wholly bold line is a heading or emphasis, not a run-in heading).
        """
        if line.start not in self.bold and line.lstart not in self.bold:
            return None
        m = _LEAD.match(line.text)
        if m is None or m.end() >= len(line.text):
            return None
        end = line.start + m.end()
        return end if end in self.bold else None

    def _text_follows(self, i: int) -> bool:
        """A label alone on its line ("一、") is followed by its heading text on the next line."""
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        return nxt is not None and nxt.label is None and _is_heading_line(nxt)

    def _plain_ok(self, i: int) -> bool:
        """An unnumbered short line is a heading only if text follows it and no list introduces it."""
        lines = self.lines
        if i + 1 >= len(lines):
            return False
        prev = lines[i - 1].text if i > 0 else ""
        if prev.endswith(("：", ":")):
            return False
        if not self.plain_parts and any(c.isdigit() for c in _NAME_DIGITS.sub("", lines[i].text)):
            return False  # "城镇新增就业1352万": a fragment, not a heading (years and 5G are names)
        return True

    def _paragraphs(self, target: _Node, i: int) -> int:
        """Add the paragraph at ``lines[i]`` (with any list that follows) to ``target``."""
        lines = self.lines
        line = lines[i]
        lab = line.label
        n = len(lines)
        if target.glossary:
            # a glossary entry: its labeled line plus the unlabeled definition lines after it
            node = target.add(_paragraph(line, "item" if lab else "p"))
            j = i + 1
            while lab is not None and j < n and lines[j].label is None and not self._is_boundary(lines[j]):
                node.end = lines[j].end
                j += 1
            return j
        # a run of >= 2 lines with the same list label style
        if lab is not None and lab.style in _LIST_STYLES:
            j = i + 1
            while j < n and lines[j].label is not None and lines[j].label.style == lab.style:
                j += 1
            if j - i >= 2:
                for k in range(i, j):
                    target.add(_paragraph(lines[k], "item"))
                return j
        target.add(_paragraph(line))
        # "…安排如下：" followed by short one-sentence lines: those lines are list items
        if line.text.endswith(("：", ":")) and not _SALUTE.match(line.text):
            j = i + 1
            # a numbered paragraph (Hong Kong ``16. 我现在提出以下……措施：``) owns the unnumbered
            # paragraphs up to the next number: its bullets, however long
            bullets = lab is not None and lab.style == nb.ARABIC_DOT
            while j < n and (_is_list_entry(lines[j], j - i - 1) or (bullets and _is_bullet(lines[j]))):
                j += 1
            if j - i - 1 >= 2:
                for k in range(i + 1, j):
                    target.add(_paragraph(lines[k], "item"))
                return j
        return i + 1

    def _is_boundary(self, line: _Line) -> bool:
        return bool(_ANNEX.match(line.text) or _GLOSSARY.match(line.text))


def _is_list_entry(line: _Line, k: int) -> bool:
    """Whether ``line`` can be entry ``k`` (0-based) of a list introduced by a colon."""
    t = line.text
    lab = line.label
    if len(t) > 80 or (lab is not None and lab.style in _HEAD_STYLES):
        return False
    if lab is not None and lab.style == nb.ARABIC_DOT and lab.value != k + 1:
        return False  # "82. …": a numbered paragraph of the running sequence, not an entry
    if _FOOTNOTE.match(t):
        return False
    t = _ATTRIBUTION.sub("", t) or t  # "…消除至少75%。（环境及生态局）": who does it, after the entry
    if t[-1] not in "；;。.！!":  # an unpunctuated line is a heading or a fragment, not an entry
        return False
    inner = t[:-1]
    return not any(c in inner for c in _TERMINAL)


def _is_bullet(line: _Line) -> bool:
    """An unnumbered paragraph that ends like a sentence: a bullet of the numbered paragraph
    before it (never a heading, a footnote or a labeled line)."""
    t = _ATTRIBUTION.sub("", line.text) or line.text
    return line.label is None and not _FOOTNOTE.match(line.text) and t[-1] in "；;。.！!"


def _lead_ws(t: str, pos: int) -> int:
    return len(t) - pos - len(t[pos:].lstrip(_WS))


# --------------------------------------------------------------------------- front matter


def _split_front(lines: list[_Line]) -> tuple[int, int]:
    """(end of the front matter, index of the salutation or -1), as line indices."""
    limit = min(len(lines), 25)
    for i in range(limit):
        t = lines[i].text
        if _SALUTE.match(t):
            return i, i
        if lines[i].label is not None and lines[i].label.style in _HEAD_STYLES \
                and lines[i].label.value == 1 and _is_heading_line(lines[i]):
            return i, -1
    # no salutation, no first heading: the front is the leading run of title-like lines
    i = 0
    while i < limit and _is_front_line(lines[i].text):
        i += 1
    return i, -1


def _is_front_line(t: str) -> bool:
    return bool(len(t) <= 80 and ("报告" in t or "報告" in t or _SUBTITLE.match(t) or _SPEAKER.match(t)
                                  or _SOURCE_LINE.match(t) or _ISSUER_LINE().match(t)))


# --------------------------------------------------------------------------- sentences


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for m in _SENT.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s] in _WS:
            s += 1
        while e > s and text[e - 1] in _WS:
            e -= 1
        if e > s:
            yield s, e


# --------------------------------------------------------------------------- source lines


class _LineMap:
    """Normalized offset → 1-based source line (and PDF page), O(log n) per lookup."""

    def __init__(self, source: str, repairs: tuple[Repair, ...], page_starts: tuple[int, ...] = ()):
        self.page_starts = page_starts
        self.line_starts = [0]
        find = source.find
        p = find("\n")
        while p >= 0:
            self.line_starts.append(p + 1)
            p = find("\n", p + 1)
        reps = sorted(repairs, key=lambda r: (r.start, r.end))
        self.reps = reps
        self.ends = [r.end for r in reps]
        self.monotone = all(a <= b for a, b in zip(self.ends, self.ends[1:]))
        deltas = [0]
        for r in reps:
            deltas.append(deltas[-1] + len(r.original) - (r.end - r.start))
        self.deltas = deltas

    def source(self, off: int) -> int:
        if not self.reps:
            return off
        if not self.monotone:
            return source_offset(tuple(self.reps), off)
        i = bisect_right(self.ends, off)  # repairs [0, i) end at or before off
        if i < len(self.reps):
            r = self.reps[i]
            if r.start < off:
                return r.source_start + min(off - r.start, len(r.original))
        return off + self.deltas[i]

    def line(self, off: int) -> int:
        return bisect_right(self.line_starts, self.source(off))

    def pages(self, start: int, end: int) -> tuple[Optional[int], Optional[int]]:
        """The 1-based pages ``[start, end)`` was printed on; (None, None) for a source without pages."""
        if not self.page_starts:
            return None, None
        first = bisect_right(self.page_starts, self.source(start))
        return max(first, 1), max(bisect_right(self.page_starts, self.source(max(start, end - 1))), first, 1)


# --------------------------------------------------------------------------- meta


def _clean(s: str) -> str:
    """Whitespace removed (Chinese titles have none) and a word doubled across a PDF line break undone."""
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"(\S{2,6}) \1", r"\1", s)
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", s)


def _name(s: str) -> str:
    """A person's name out of ``殷勇同志作政府工作报告``."""
    return re.sub(r"(同志|作|代表|在|向).*$", "", _clean(s))


def _meta(decoded: Decoded, text: str, front: list[_Line], after: list[_Line], heads: list[str],
          script: str, hints: tuple = ()) -> Meta:
    title = subtitle = speaker = issuer = date = meeting = None
    ftexts = [ln.text for ln in front]
    # subtitle lines may be split ("——2026年1月26日在广东省第十四届" / "人民代表大会第五次会议上")
    joined: list[str] = []
    for t in ftexts:
        if joined and _SUBTITLE.match(joined[-1] + t) and not _SUBTITLE.match(joined[-1]) and _DATE.search(joined[-1]):
            joined[-1] += t
        elif joined and _OFFICE_LINE.fullmatch(_clean(joined[-1])) and len(_clean(t)) <= 4:
            joined[-1] += " " + t  # "国务院总理" / "李强"
        else:
            joined.append(t)
    for t in joined:
        if _SOURCE_LINE.match(t):
            continue
        m = _SUBTITLE.match(t)
        if m and subtitle is None:
            subtitle = _clean(t[: m.end()])
            if not subtitle.startswith("—"):
                subtitle = subtitle.lstrip("-—－")
            rest = t[m.end() :]
            undated = _DATE.sub("，", subtitle)
            sb = _speaker_before(undated)  # "——2025年1月15日龚正市长在上海市…会议上"
            sm = _SPEAKER.search(rest) if rest else None
            if sm is None:  # "——2025年1月14日海南省省长 刘小明在…会议上"
                sm = _SPEAKER.search(undated)
            if speaker is None and sm and _name(sm.group(2)) and not sb:
                speaker = f"{_clean(sm.group(1))} {_name(sm.group(2))}"
            elif speaker is None and sb:
                speaker = f"{sb.group(3)}{sb.group(2)} {sb.group(1)}"
            continue
        if title is None and ("报告" in t or "報告" in t) and len(t) <= 90:
            title = _clean(t.split("|")[-1]).lstrip("#* ")
            cut = max(title.rfind("报告"), title.rfind("報告")) + 2
            sm = _SPEAKER.match(title[cut:].strip())  # "上海市政府工作报告上海市市长龚正": one line
            if sm and speaker is None:
                speaker = f"{sm.group(1)} {_name(sm.group(2))}"
            title = title[:cut]
            continue
        sm = _SPEAKER.match(_clean(t)) if len(t) <= 30 else None
        if sm and speaker is None:
            speaker = f"{sm.group(1)} {_name(sm.group(2))}"
            continue
        if _ISSUER_LINE().match(_clean(t)) and issuer is None:
            issuer = _clean(t)
    if subtitle:
        d = _DATE.search(subtitle)
        if d:
            date = f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
        mm = _MEETING.search(subtitle)
        if mm:
            meeting = _clean(mm.group(1))
        if speaker is None:
            sb = _speaker_before(_DATE.sub("，", subtitle))
            if sb:
                speaker = f"{sb.group(3)}{sb.group(2)} {sb.group(1)}"
    from .identity import Readings, identify
    from .script import to_simplified

    lead = "\n".join(ln.text for ln in after[:6])
    simp = to_simplified if script == "traditional" else (lambda s: s)
    readings = Readings(
        title=simp(title) if title else None, subtitle=simp(subtitle) if subtitle else None,
        speaker=simp(speaker) if speaker else None, issuer_line=simp(issuer) if issuer else None,
        date=date, headings=tuple(simp(h) for h in heads), lead=simp(lead), text=simp(text[:30000]),
        file_name=decoded.info.file, script=script)
    who = identify(readings, hints)
    return Meta(title=title, subtitle=subtitle, issuer=who.issuer, speaker=speaker, kind=who.kind, year=who.year,
                review_year=who.review_year, date=date, meeting=meeting, script=script, source=decoded.info,
                region=who.region, level=who.level, delivered=who.delivered, identity_evidence=who.evidence,
                identity_warnings=who.warnings)


def _detect_script(text: str) -> str:
    try:
        from .script import detect_script  # written by another engineer; optional until it lands
    except ImportError:
        return "simplified"
    try:
        return detect_script(text)
    except Exception:  # noqa: BLE001 - script detection is advisory for structure
        return "simplified"


# --------------------------------------------------------------------------- build


def build(decoded: Decoded, normalized: Normalized, hints: tuple = ()) -> Report:
    """Structure and meta of a normalized report; ``hints`` (identity.Hints) are what the user says it is."""
    text = normalized.text
    lines = _lines(text)
    root = _Node("root", 0, len(text), rank=-99)
    front_end, salute = _split_front(lines)
    front = lines[:front_end]
    if front:
        title = root.add(_Node("title", front[0].start, front[-1].end))
        for k, ln in enumerate(front):
            is_title = ("报告" in ln.text or "報告" in ln.text) and not any(
                c.kind == "heading" for c in title.children)
            title.add(_Node("heading" if is_title else "p", ln.start, ln.end))
    body = lines[front_end:]
    bold = frozenset(r.start for r in normalized.repairs if r.kind == "markdown" and "**" in r.original)
    builder = _Builder(root, body, _plain_parts(body), bold)
    preface = None
    if salute >= 0:
        preface = root.add(_Node("preface", body[0].start, body[0].end))
    builder.run(preface)
    _lift_closing(root, text)

    script = _detect_script(text)
    heads = [text[c.children[0].start : c.children[0].end] for c in _walk(root) if c.kind in _KINDS]
    after = body[:8]
    meta = _meta(decoded, text, front, after, heads, script, hints)

    blocks = _flatten(root, text, _LineMap(decoded.text, normalized.repairs, decoded.page_starts))
    return Report(meta=meta, text=text, blocks=tuple(blocks), repairs=normalized.repairs)


def _leaves(node: _Node) -> Iterator[tuple[_Node, _Node]]:
    """(parent, p/item) pairs under ``node``, in document order."""
    for c in node.children:
        if c.kind in ("p", "item"):
            yield node, c
        else:
            yield from _leaves(c)


def _lift_closing(root: _Node, text: str) -> None:
    """Move the closing exhortation out of the last part, to the top level after it.

    The report ends (before any annex or glossary part) with ``各位代表！`` / ``各位代表，让我们……`` /
    ``让我们……``: it belongs to no section, as the preface belongs to none.  Only the last
    paragraph that opens with the salutation (or 让我们) among the last ``_CLOSING_REACH``
    paragraphs of the last part is taken, with the paragraphs after it, and only when they
    are the last children of the innermost container (nothing numbered follows them).
    """
    parts = [k for k, c in enumerate(root.children) if c.kind == "part" and c.style != "annex"]
    if not parts:
        return
    k = parts[-1]
    part = root.children[k]
    leaves = list(_leaves(part))[-_CLOSING_REACH:]
    for j in range(len(leaves) - 1, -1, -1):
        parent, node = leaves[j]
        if node.kind == "p" and _CLOSING.match(text, node.start):
            tail = [n for _, n in leaves[j:]]
            if any(par is not parent for par, _ in leaves[j:]) or parent.children[-len(tail):] != tail:
                return
            # nothing of the part may follow: a later (even paragraph-less) section keeps it inside
            inside = {id(n) for t in tail for n in (t, *_walk(t))}
            if any(n.start > tail[-1].start and id(n) not in inside for n in _walk(part)):
                return
            del parent.children[-len(tail):]
            for m, n in enumerate(tail):
                root.children.insert(k + 1 + m, n)
            return


def _plain_parts(body: list[_Line]) -> bool:
    """Whether the parts are unnumbered heading lines (sichuan-2025: ``2024年工作回顾``).

    True when an unnumbered heading line comes before any numbered first heading, and the
    report has fewer than two numbered part-level headings (``一、``/``第一章``).
    """
    numbered = sum(1 for ln in body if ln.label is not None and ln.label.style in _PART_STYLES
                   and ln.label.value <= 2 and _is_heading_line(ln))
    if numbered >= 2:
        return False
    for i, ln in enumerate(body):
        lab = ln.label
        if lab is not None and lab.style in _HEAD_STYLES and lab.value == 1 and (
                _is_heading_line(ln) or _LEAD.match(ln.text, lab.end)):
            return False
        if _is_plain_heading(ln) and i + 1 < len(body) and not (i and body[i - 1].text.endswith(("：", ":"))):
            return True
    return False


def _walk(node: _Node) -> Iterator[_Node]:
    for c in node.children:
        yield c
        yield from _walk(c)


def _close(node: _Node) -> None:
    """Containers end where their last child ends."""
    for c in node.children:
        _close(c)
    if node.children and node.kind not in ("p", "item"):
        node.start = min(node.start, node.children[0].start)
        node.end = max(node.end, node.children[-1].end)


def _flatten(root: _Node, text: str, lmap: _LineMap) -> list[Block]:
    _close(root)
    out: list[Block] = []
    counters: dict[str, int] = {}

    def nid(kind: str, parent_id: Optional[str], node: _Node) -> str:
        if kind == "title":
            return "title"
        if kind == "preface":
            return "preface"
        if kind in _KINDS:
            counters[parent_id or ""] = counters.get(parent_id or "", 0) + 1
            n = counters[parent_id or ""]
            if kind == "part":
                return f"part{n}"
            return f"{parent_id.replace('part', 'sec', 1) if kind == 'section' else parent_id.replace('sec', 'sub', 1)}.{n}"
        if kind == "heading":
            return f"{parent_id}.h"
        # list items are "li…": "i…" are indicator ids, and stand-off relations point at ids
        prefix = {"p": "p", "item": "li", "s": "s"}[kind]
        counters[prefix] = counters.get(prefix, 0) + 1
        return f"{prefix}{counters[prefix]}"

    def emit(node: _Node, parent_id: Optional[str]) -> None:
        bid = nid(node.kind, parent_id, node)
        ls = lmap.line(node.start)
        le = lmap.line(max(node.start, node.end - 1))
        out.append(Block(bid, node.kind, parent_id, node.start, node.end, node.num, node.num_start,
                         node.num_end, ls, le, *lmap.pages(node.start, node.end)))
        if node.kind in ("p", "item"):
            for s, e in _sentences(text, node.start, node.end):
                sid = nid("s", bid, node)
                out.append(Block(sid, "s", bid, s, e, None, None, None, lmap.line(s), lmap.line(max(s, e - 1)),
                                 *lmap.pages(s, e)))
            return
        for c in node.children:
            emit(c, bid)

    for c in root.children:
        emit(c, None)
    return out


# --------------------------------------------------------------------------- invariants


def problems(report: Report) -> list[str]:
    """What is wrong with ``report.blocks`` (empty when the structure is sound).

    Checks: unique ids; parents before children; children inside their parents; siblings in
    order and non-overlapping; sentences only inside ``p``/``item``; block text trimmed; ``num``
    where its offsets say; source lines set; every non-whitespace character inside a leaf block.
    """
    out: list[str] = []
    text = report.text
    seen: dict[str, Block] = {}
    last_child_end: dict[Optional[str], int] = {}
    has_children: set[str] = set()
    prev_start = -1
    for b in report.blocks:
        if b.id in seen:
            out.append(f"{b.id}: duplicate id")
        if b.start < prev_start:
            out.append(f"{b.id}: out of document order")
        prev_start = b.start
        if not (0 <= b.start < b.end <= len(text)):
            out.append(f"{b.id}: bad range {b.start}-{b.end}")
        seg = text[b.start : b.end]
        if seg != seg.strip(_WS + "\n"):
            out.append(f"{b.id}: untrimmed text")
        if b.parent is not None:
            par = seen.get(b.parent)
            if par is None:
                out.append(f"{b.id}: parent {b.parent} missing or after it")
            elif not (par.start <= b.start and b.end <= par.end):
                out.append(f"{b.id}: outside parent {b.parent}")
            has_children.add(b.parent)
        if b.kind == "s" and (b.parent is None or seen.get(b.parent, b).kind not in ("p", "item")):
            out.append(f"{b.id}: sentence outside a p/item")
        if b.start < last_child_end.get(b.parent, 0):
            out.append(f"{b.id}: overlaps its previous sibling")
        last_child_end[b.parent] = b.end
        if b.num is not None and (b.num_start is None or text[b.num_start : b.num_end] != b.num):
            out.append(f"{b.id}: num {b.num!r} not at {b.num_start}")
        if not (1 <= b.line_start <= b.line_end):
            out.append(f"{b.id}: bad source lines {b.line_start}-{b.line_end}")
        seen[b.id] = b
    leaves = sorted((b.start, b.end) for b in report.blocks if b.id not in has_children)
    pos = 0
    for s, e in leaves + [(len(text), len(text))]:
        gap = text[pos:s] if s > pos else ""
        if gap.strip(_WS + "\n"):
            out.append(f"text outside any block at {pos}: {gap.strip()[:30]!r}")
        pos = max(pos, e)
    return out
