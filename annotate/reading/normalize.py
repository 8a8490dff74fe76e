"""Decoded text → normalized body text + a repair log that undoes every change.

Contract
--------
``normalize(decoded) -> Normalized(text, repairs)`` where

- ``text`` holds ONE PARAGRAPH PER LINE: paragraphs (and headings, list items) are separated by
  exactly one ``"\\n"``; there are no empty lines, no leading/trailing whitespace on a line and
  no newline at the end.  Headings (``一、…``, ``（三）…``, ``第一章``, Hong Kong ``(一) 前言``)
  stand on their own line.
- ``repairs`` is sorted by ``start``, non-overlapping, ``text[r.start:r.end] == r.replacement``
  for every repair, and ``model.restore_source(text, repairs) == decoded.text`` exactly.
  Zero-width repairs at the same offset are listed in source order (``restore_source`` sorts
  stably, so this order is what rebuilds the source).

Repair kinds (``Repair.kind``)
------------------------------
===================  ===============================================================================
``<aside.kind>``     page chrome etc. located by ingest (``decoded.asides``): removed, kept verbatim
``control``          C0/C1 controls (except ``\\n`` ``\\t``), U+FFFE/U+FFFF, lone surrogates: removed
``invisible``        zero-width space/joiners, word joiner, BOM, soft hyphen: removed
``bidi``             bidirectional controls (U+202A-202E, U+2066-2069, U+200E/200F, U+061C): removed,
                     since they reorder what a reader sees (``%5.6`` shown as ``6.5%``) while
                     changing nothing a reader can check; the redline marks where they were
``newline``          ``\\r\\n`` / ``\\r`` → ``\\n``
``fullwidth``        full-width digits, Latin letters, ``％`` and the signs ``．－＋／`` inside numbers
``private_use``      a private-use character: a font's stand-in for a common character (U+E2E5 → 着,
                     ``lexicon/private_use.tsv``) is replaced; any other is kept (flag only)
``compat_ideograph`` a CJK compatibility ideograph (U+F967) → its unified form (不), by NFC
``hyphen``           U+FFFE between Latin letters or digits, PDFium's mark for a hyphen at a line end
                     (``T\uFFFECERT``) → ``-``; elsewhere U+FFFE is a ``control``
``unreadable``       U+FFFD: a character no text layer gives (a PDF glyph drawn as a picture, an
                     undecodable byte): kept and flagged
``ocr``              zero-width marker at the start of a PDF page whose text tesseract read
``markdown``         ``**`` bold markers, leading ``#`` heading marks and ``>`` quote marks
``list_marker``      a leading ``- `` / ``* `` / ``+ `` / ``• `` bullet (structure reads these as items)
``indent``           leading/trailing whitespace of a line (ideographic-space indents, ``"  "`` breaks)
``blank_line``       extra newlines between paragraphs, at the start and at the end
``line_join``        a hard-wrapped line (or a wiki-link fragment, a sentence fragment) rejoined
``page_break_join``  a paragraph split by a page break (blank line mid-sentence) rejoined
``doubled_word``     a word the PDF extractor repeated across a break (``社会  \\n社会发展``)
``paragraph_split``  whitespace that separated paragraphs of a flattened one-line report → ``\\n``
``cjk_space``        whitespace next to CJK text (``2021 年`` → ``2021年``); or a run between Latin
                     words collapsed to one space
``digit_group``      a space used as thousands separator (``1 100人`` → ``1100人``)
===================  ===============================================================================

OCR character errors are kept as written; tabs inside a line (table rows) are kept.

How it works
------------
Two layers, both regex-driven and linear in the text:

1. *character layer* on the decoded text: asides, controls, invisibles, newlines, full-width
   forms, private-use flags, ``**``.  Result: ``text1`` and repairs in source terms.
2. *layout layer* on ``text1``: lines, separators (join / break / page-break join), markdown
   prefixes, whitespace inside lines (paragraph splits, CJK spacing, digit groups, doubled words).
   Its edits are composed with layer 1's repairs; where they overlap they merge into one repair
   of the layout kind (e.g. a ``\\r\\n`` inside a line join).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Optional

from .ingest import Decoded
from ..model import Repair
from ..lexicon import DIR as LEXICON_DIR
from ..lazyre import compiled, lazy


@dataclass(frozen=True)
class Normalized:
    text: str
    repairs: tuple[Repair, ...]


class _Edit(NamedTuple):
    """Replace ``[start, end)`` of some input text by ``replacement``."""

    start: int
    end: int
    replacement: str
    kind: str


class _Rep(NamedTuple):
    """A layer-1 repair in ``text1`` terms: ``text1[start:end]`` replaced ``original``."""

    start: int
    end: int
    source_start: int
    original: str
    kind: str


# --------------------------------------------------------------------------- character classes

_HWS = " \t\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # horizontal whitespace (regex class body)
_WS_RUN = compiled(f"[{_HWS}]+")
_LEAD_WS = compiled(f"[{_HWS}]*")

# Where a paragraph may end: sentence- or clause-final punctuation.
_FINAL = set("。！？；：…!?")
_CLOSERS = set("”’」』）)】〕》>\"'")
# A paragraph ending in one of these (or in a word character) cannot be complete.
_OPENERS = set("（(“‘《「『【〔")
_CONTINUERS = set("，、,") | _OPENERS
_NO_START = set("，。、；：！？）」』”%,;")  # no paragraph starts with these
_CLAUSE_PUNCT = compiled(r"[，。；：、！？]")
_SENTENCE_END = compiled(r"[。！？]")

_CN_NUM = "一二三四五六七八九十百零〇两"
# A numbered heading or list label at the start of a paragraph (DOMAIN.md section 2).  Not 壹、 or
# 甲、 (numbering.CN_FIN, STEM): their characters are words too (海、陆、空; 队伍、), and a line cut
# before 陆、空 must join; the structure reads them as headings only where their sequence runs.
_HEADING = compiled(
    rf"(?:[{_CN_NUM}]+[、．.]|[（(][{_CN_NUM}]+[)）]|第[{_CN_NUM}\d]+[章节部分篇]"
    r"|[（(]\d{1,2}[)）]|\d{1,3}[、．.](?!\d)|[①-⑳]|[註注]\d+[:：])"
)
# Labels that open a new paragraph when they follow whitespace inside a flattened line.
_INLINE_HEADING = lazy(rf"(?:[（(][{_CN_NUM}]+[)）]|[{_CN_NUM}]+、|第[{_CN_NUM}]+[章部分])")
_SALUTATION = compiled(r"(?:各位代表|各位委员|各位委員|各位议员|各位議員|立法会主席|立法會主席)")
_PARA_NUMBER = compiled(r"(\d{1,3})\.[ \u3000\u00a0]")
_LABEL_ONLY = compiled(r"\d{1,3}\.")

_MD_PREFIX = compiled(rf"(#{{1,6}}(?=[{_HWS}]|$)|>(?:[{_HWS}]?>)*)[{_HWS}]*")
_LIST_PREFIX = compiled(rf"[-*+•][{_HWS}]+")

# Every character a _CHAR_EDITS match can begin with.  The lookahead on it lets the scan pass over
# the ordinary characters (nearly all) in one test, where each position would try every branch
# (10x faster on a report); it must be kept in step with the branches below.
_EDIT_FIRST = (r"\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069"
               r"\ud800-\udfff\ue000-\uf8ff\uf900-\ufaff\ufeff\ufffd-\uffff*０-９Ａ-Ｚａ-ｚ％．－＋／"
               r"\U0002f800-\U0002fa1f\U000f0000-\U0010fffd")
_CHAR_EDITS = compiled(
    rf"(?=[{_EDIT_FIRST}])"
    r"(?:(?P<newline>\r\n?)"
    r"|(?P<hyphen>(?<=[0-9A-Za-z])\ufffe(?=[0-9A-Za-z]))"
    r"|(?P<control>[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff])"
    r"|(?P<invisible>[\u200b\u200c\u200d\u2060\ufeff\u00ad])"
    r"|(?P<bidi>[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c])"
    r"|(?P<markdown>\*\*)"
    r"|(?P<fullwidth>[０-９Ａ-Ｚａ-ｚ％]+"
    r"|(?<=[0-9０-９])[．](?=[0-9０-９])"
    r"|(?<=[0-9０-９%％])[－＋／](?=[0-9０-９])"
    r"|(?<![^\s\u3000（(：:，,、；;])[－＋](?=[0-9０-９]))"
    r"|(?P<private_use>[\ue000-\uf8ff\U000f0000-\U0010fffd])"
    r"|(?P<unreadable>\ufffd)"
    r"|(?P<compat_ideograph>[\uf900-\ufaff\U0002f800-\U0002fa1f]))"
)
_FW_TABLE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


@lru_cache(maxsize=1)
def _private_use_table() -> dict[str, str]:
    """``lexicon/private_use.tsv``: private-use code points that fonts use for common characters."""
    table: dict[str, str] = {}
    text = (LEXICON_DIR / "private_use.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, char = line.split("\t")[:2]
        if code.startswith("U+"):
            table[chr(int(code[2:], 16))] = char
    return table


def _is_hws(c: str) -> bool:
    return c in " \t\u00a0\u1680\u2028\u2029\u202f\u205f\u3000" or "\u2000" <= c <= "\u200a"


def _is_cjk(c: str) -> bool:
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "%"


def _ends_sentence(s: str) -> bool:
    """Does ``s`` (stripped) end where a paragraph may end?"""
    if not s:
        return True
    # A closer counts as an end: ``……。”`` ends; after ``“十四五”`` the sentence might go
    # on, but joining across a closer is the riskier mistake.
    return s[-1] in _FINAL or s[-1] in _CLOSERS


# --------------------------------------------------------------------------- public entry


def normalize(decoded: Decoded) -> Normalized:
    """Normalize ``decoded.text`` (see module docstring for the contract)."""
    source = decoded.text
    text1, reps1 = _character_layer(source, decoded.asides, decoded.ocr_starts)
    # blank lines that held only a zero-width space are wiki-link debris, not page breaks
    invisible_at = {r.start for r in reps1 if r.kind == "invisible"}
    # a PDF reader marks paragraph ends by the layout with an empty line: every other line
    # break is a printed wrap, however few paragraphs there are
    edits = _layout_edits(text1, invisible_at, blank_lines_split=decoded.info.format == "pdf")
    text, repairs = _compose(text1, reps1, edits)
    return Normalized(text, repairs)


# --------------------------------------------------------------------------- layer 1


def _character_layer(source: str, asides, ocr_starts: tuple[int, ...] = ()) -> tuple[str, list[_Rep]]:
    spans = sorted(((a.start, a.end, a.kind) for a in asides if a.end > a.start), key=lambda t: t[0])
    merged: list[tuple[int, int, str]] = []
    for s, e, k in spans:  # overlapping asides (should not happen) merge into the first
        s = max(0, s)
        e = min(len(source), e)
        if merged and s < merged[-1][1]:
            ps, pe, pk = merged[-1]
            merged[-1] = (ps, max(pe, e), pk)
        elif s < e:
            merged.append((s, e, k))

    edits: list[_Edit] = []
    # character edits run on the stretches between asides (an aside may cut a \r\n in two)
    bounds = [0]
    for s, e, _ in merged:
        bounds += [s, e]
    bounds.append(len(source))
    for seg in range(0, len(bounds), 2):
        for m in _CHAR_EDITS.finditer(source, bounds[seg], bounds[seg + 1]):
            s, e = m.span()
            kind = m.lastgroup
            g = m.group()
            if kind == "newline":
                repl = "\n"
            elif kind == "fullwidth":
                repl = g.translate(_FW_TABLE)
            elif kind == "private_use":
                repl = _private_use_table().get(g, g)
            elif kind == "unreadable":
                repl = g
            elif kind == "compat_ideograph":
                repl = unicodedata.normalize("NFC", g)
                if repl == g:
                    continue  # FA0E, FA0F …: unified ideographs in the compatibility block
            elif kind == "hyphen":
                repl = "-"
            else:
                repl = ""
            # adjacent edits of one kind (e.g. ２０２１) become one repair
            if edits and edits[-1].end == s and edits[-1].kind == kind and kind in ("fullwidth", "control", "invisible", "bidi"):
                p = edits[-1]
                edits[-1] = _Edit(p.start, e, p.replacement + repl, kind)
            else:
                edits.append(_Edit(s, e, repl, kind))
        if seg // 2 < len(merged):
            ms, me, mk = merged[seg // 2]
            edits.append(_Edit(ms, me, "", mk))
    if ocr_starts:
        # zero-width markers: users must know which characters a machine guessed
        edits.extend(_Edit(p, p, "", "ocr") for p in ocr_starts)
        edits.sort(key=lambda e: (e.start, e.end))

    out: list[str] = []
    reps: list[_Rep] = []
    pos = 0
    olen = 0
    for ed in edits:
        out.append(source[pos : ed.start])
        olen += ed.start - pos
        reps.append(_Rep(olen, olen + len(ed.replacement), ed.start, source[ed.start : ed.end], ed.kind))
        out.append(ed.replacement)
        olen += len(ed.replacement)
        pos = ed.end
    out.append(source[pos:])
    return "".join(out), reps


# --------------------------------------------------------------------------- layer 2


class _Line(NamedTuple):
    start: int  # line start in text1
    end: int  # line end (before "\n")
    cs: int  # content start (after indent and markdown/list prefix)
    ce: int  # content end (before trailing whitespace)
    ps: int  # prefix start (after indent)
    prefix_kind: Optional[str]  # "markdown" | "list_marker" | None
    md_heading: bool  # the prefix was a markdown heading mark


def _scan_lines(t: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    n = len(t)
    while pos <= n:
        nl = t.find("\n", pos)
        end = n if nl < 0 else nl
        ps = _LEAD_WS.match(t, pos, end).end()
        cs = ps
        kind = None
        md_heading = False
        m = _MD_PREFIX.match(t, ps, end)
        if m:
            kind, md_heading, cs = "markdown", m.group(1).startswith("#"), m.end()
        else:
            m = _LIST_PREFIX.match(t, ps, end)
            if m:
                kind, cs = "list_marker", m.end()
        ce = end
        while ce > cs and _is_hws(t[ce - 1]):
            ce -= 1
        if ce <= cs:  # nothing but whitespace / a bare marker: a blank line
            cs = ce = ps = end
            kind = None
            md_heading = False
        lines.append(_Line(pos, end, cs, ce, ps, kind, md_heading))
        if nl < 0:
            break
        pos = nl + 1
    return lines


def _is_heading_para(t: str, first: _Line, para_end: int) -> bool:
    if first.md_heading:
        return True
    head = t[first.cs : para_end]
    return bool(_HEADING.match(head)) and not _SENTENCE_END.search(head)


def _starts_paragraph(t: str, ln: _Line) -> bool:
    """Does line ``ln`` certainly open a new paragraph (heading, list item, dash lead, salutation)?"""
    if ln.prefix_kind is not None:
        return True
    head = t[ln.cs : ln.cs + 8]
    return bool(_HEADING.match(head)) or head.startswith("——") or bool(_SALUTATION.match(head))


_SUBTITLE_HEAD = compiled(r"——?\s*\d{4}\s*年")
_SUBTITLE_TAIL = lazy(r"[^，。；：！？\n]{0,40}(?:会议上|會議上)(?:的讲话|的講話|的报告|的報告)?")


def _split_subtitle(t: str, para_first: _Line, ln: _Line, nxt: _Line) -> bool:
    """The subtitle ``——2026年1月26日在广东省第十四届`` / ``人民代表大会第五次会议上`` on two lines."""
    return (
        para_first is ln
        and bool(_SUBTITLE_HEAD.match(t, ln.cs, ln.ce))
        and not _SUBTITLE_TAIL().search(t, ln.cs, ln.ce)
        and not _CLAUSE_PUNCT.search(t, ln.cs, ln.ce)
        and _SUBTITLE_TAIL().fullmatch(t, nxt.cs, nxt.ce) is not None
    )


def _broken_mid_sentence(t: str, para_first: _Line, ln: _Line, nxt: _Line) -> bool:
    """One-paragraph-per-line text: was this paragraph cut mid-sentence (``PM`` / ``2.5`` / ``年平均``)?

    The paragraph so far reads like prose (has clause punctuation, is not a numbered heading),
    its line ends in a word character that does not follow a sentence end (``。25`` is a
    footnote mark), and the next line neither opens a paragraph nor starts with a closer.
    """
    last = t[ln.ce - 1]
    if not _is_word(last) or not _is_word(t[nxt.cs]):
        return False
    k = ln.ce - 1
    while k > ln.cs and t[k].isascii() and t[k].isalnum():
        k -= 1
    if t[k] in _FINAL or t[k] in _CLOSERS:
        return False
    para = t[para_first.cs : ln.ce]
    return (
        bool(_CLAUSE_PUNCT.search(para))
        and not _is_heading_para(t, para_first, ln.ce)
        and not _starts_paragraph(t, nxt)
    )


# Words ending in 的 that can end a heading or a line: 目的 (a Hong Kong heading), 标的, 有的 …
_DE_WORDS = ("目的", "标的", "標的", "有的", "别的", "別的", "真的", "是的", "似的")


def _dangling_particle(t: str, ln: _Line) -> bool:
    """Does line ``ln`` end in the particle 的 (``……经济社会发展的``), which never ends a paragraph?

    Web pages that link glossary terms break the line around the link: ``……发展的`` /
    ``主要目标`` / ``是：……``.  A word ending in 的 (``目的``) is not a dangling particle.
    """
    return (t[ln.ce - 1] == "的" and ln.ce - ln.cs >= 3
            and not t.startswith(_DE_WORDS, ln.ce - 2) and _is_cjk(t[ln.ce - 2]))


def _wrapped(t: str, ln: _Line, nxt: _Line) -> bool:
    """In wrapped text: is unindented line ``nxt`` the continuation of ``ln``?

    Not when ``nxt`` opens a paragraph by itself (a number, a dash, a salutation), nor when a
    finished sentence is followed by a short unpunctuated line (an unnumbered heading)."""
    if nxt.ps > nxt.start or _starts_paragraph(t, nxt):
        return False
    if _ends_sentence(t[ln.cs : ln.ce]) and nxt.ce - nxt.cs <= 30 and not _CLAUSE_PUNCT.search(t, nxt.cs, nxt.ce):
        return False
    return True


def _one_char_clause(t: str, nxt: _Line) -> bool:
    """Does line ``nxt`` open with a one-character clause (``是：……``, ``为：``)?  No paragraph does:
    it is the end of a sentence whose subject sits on the line before."""
    return nxt.ce - nxt.cs > 2 and _is_cjk(t[nxt.cs]) and t[nxt.cs + 1] in "：:，"


def _doubled(t: str, left_end: int, right_start: int, limit: int) -> int:
    """Length of a CJK word ending at ``left_end`` and repeated from ``right_start`` (0 if none)."""
    for k in range(6, 1, -1):
        if left_end - k < 0 or right_start + k > limit:
            continue
        w = t[left_end - k : left_end]
        if w == t[right_start : right_start + k] and all(_is_cjk(c) for c in w):
            return k
    return 0


def _join_text(t: str, a: int, b: int) -> str:
    """What a rejoined line break becomes: a space between Latin letters, else nothing."""
    left = t[a - 1] if a > 0 else ""
    right = t[b] if b < len(t) else ""
    if left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
        return " "
    return ""


def _layout_edits(t: str, invisible_at: frozenset[int] | set[int] = frozenset(),
                  blank_lines_split: bool = False) -> list[_Edit]:
    lines = _scan_lines(t)
    content = [ln for ln in lines if ln.ce > ln.cs]
    edits: list[_Edit] = []
    if not content:
        if t:
            edits.append(_Edit(0, len(t), "", "blank_line"))
        return edits

    # Mode: do blank lines separate paragraphs (markdown, wiki text) or does every newline?
    gaps_blank = 0
    for x, y in zip(content, content[1:]):
        if t.count("\n", x.end, y.start) > 1:
            gaps_blank += 1
    blank_mode = blank_lines_split or (gaps_blank >= 3 and gaps_blank >= 0.25 * (len(content) - 1))

    # Wrapped mode (text copied from a PDF or a fixed-width page): paragraphs open with an
    # indent and their continuation lines have none.  Most lines are then unindented; in text
    # with one paragraph per line nearly every body line is indented (docx exports), so the
    # share of indented lines tells the two apart.
    n_indented = sum(1 for ln in content if ln.ps > ln.start)
    wrap_mode = not blank_mode and n_indented >= 3 and n_indented <= 0.5 * len(content)
    body_started = False  # wrapped mode joins only after the first indented line (not the title)

    # Hong Kong paragraph numbers: [next expected, number to resume after a restarted list]
    expected: list = [1, None]

    # leading material before the first content line
    first = content[0]
    if first.ps > 0:
        kind = "blank_line" if "\n" in t[: first.ps] else "indent"
        edits.append(_Edit(0, first.ps, "", kind))

    scopes = _paragraph_scopes(t, content) if blank_lines_split else None
    para_first = first
    for idx, ln in enumerate(content):
        # prefix (markdown / list marker) of this line
        if ln.prefix_kind is not None and ln.cs > ln.ps:
            edits.append(_Edit(ln.ps, ln.cs, "", ln.prefix_kind))
        _line_edits(t, ln, edits, expected, scopes[idx] if scopes else None)

        if idx + 1 == len(content):
            if ln.ce < len(t):
                kind = "blank_line" if "\n" in t[ln.ce :] else "indent"
                edits.append(_Edit(ln.ce, len(t), "", kind))
            break
        nxt = content[idx + 1]
        body_started = body_started or ln.ps > ln.start
        gap_a, gap_b = ln.ce, nxt.ps
        newlines = t.count("\n", gap_a, gap_b)
        last = t[ln.ce - 1]
        join_kind = None
        if newlines == 1:
            if blank_mode:
                # a hard wrap, unless a heading or list item starts, or a heading ends, here
                if not (
                    ln.md_heading
                    or nxt.prefix_kind is not None
                    or (_starts_paragraph(t, nxt) and _ends_sentence(t[ln.cs : ln.ce]))
                ):
                    join_kind = "line_join"
            elif (
                last in _CONTINUERS
                or t[nxt.cs] in _NO_START
                or _broken_mid_sentence(t, para_first, ln, nxt)
                or _split_subtitle(t, para_first, ln, nxt)
                or (wrap_mode and body_started and _wrapped(t, ln, nxt))
                or (
                    not _starts_paragraph(t, nxt)
                    and (_dangling_particle(t, ln) or (_is_word(last) and _one_char_clause(t, nxt)))
                )
            ):
                join_kind = "line_join"
        else:
            para_text = t[para_first.cs : ln.ce]
            if para_text in _OPENERS and _is_word(t[nxt.cs]):
                join_kind = "line_join"  # a heading broken after its bracket: ``（`` / ``三）……``
            elif (
                (_is_word(last) or last in _CONTINUERS)
                and _CLAUSE_PUNCT.search(para_text)
                and not _is_heading_para(t, para_first, ln.ce)
                and not _starts_paragraph(t, nxt)
                and (_is_word(t[nxt.cs]) or t[nxt.cs] in "，、。；：！？%")
            ):
                join_kind = "page_break_join"
                if invisible_at and any(gap_a < p < gap_b for p in invisible_at if gap_a < p < gap_b):
                    join_kind = "line_join"
        if nxt.prefix_kind is not None:
            join_kind = None  # a list item or heading mark always opens a paragraph
        if join_kind:
            k = _doubled(t, ln.ce, nxt.cs, nxt.ce)
            if k:
                edits.append(_Edit(gap_a, nxt.cs + k, "", "doubled_word"))
            else:
                edits.append(_Edit(gap_a, gap_b, _join_text(t, gap_a, gap_b), join_kind))
        else:
            orig = t[gap_a:gap_b]
            if orig != "\n":
                edits.append(_Edit(gap_a, gap_b, "\n", "blank_line" if newlines > 1 else "indent"))
            para_first = nxt
    edits.sort(key=lambda e: e.start)
    return edits


def _paragraph_scopes(t: str, content: list[_Line]) -> list[tuple[int, int]]:
    """Per content line, the stretch of the blank-line separated paragraph that holds it."""
    out: list[tuple[int, int]] = []
    group: list[_Line] = []
    for i, ln in enumerate(content):
        group.append(ln)
        if i + 1 == len(content) or t.count("\n", ln.ce, content[i + 1].ps) > 1:
            out.extend([(group[0].cs, group[-1].ce)] * len(group))
            group = []
    return out


def _line_edits(t: str, ln: _Line, edits: list[_Edit], expected: list[int],
                scope: tuple[int, int] | None = None) -> None:
    """Whitespace inside one line: paragraph splits, CJK spacing, digit groups, doubled words.

    ``scope`` is the stretch whose spaces tell whether the text is flattened (default: the line;
    a PDF passes the paragraph its printed lines make, a flattened report wrapped on paper)."""
    cs, ce = ln.cs, ln.ce
    m0 = _PARA_NUMBER.match(t, cs, ce)
    if m0:
        expected[0] = int(m0.group(1)) + 1
    runs = list(_WS_RUN.finditer(t, cs, ce))
    if not runs:
        return
    ss, se = scope or (cs, ce)
    scope_runs = runs if scope is None else [r for r in _WS_RUN.finditer(t, ss, se) if "\n" not in r.group()]
    # A line carrying inline paragraph numbers (a flattened Hong Kong address) ends its
    # headings at the number, so a space inside a heading is not a break there.
    numbered = sum(1 for r in scope_runs if _PARA_NUMBER.match(t, r.end(), se)) >= 3
    # Only a flattened line (several paragraphs run together) has headings that end at a
    # space; elsewhere a space after ``一、2021`` is CJK spacing, not a paragraph break.
    flattened = sum(1 for r in scope_runs if t[r.start() - 1] in "。！？") >= 2 or numbered
    if flattened and scope is not None and sum(1 for r in scope_runs if t[r.end()] in "，。、；：！？") >= 2:
        # spaces before punctuation too (``沟通 。 我会``): a PDF extractor's spacing, not a
        # flattened report's paragraph gaps
        flattened = numbered
    seg_start = cs
    last_end = cs  # end of the previous edit in this line (doubled-word extensions)
    for r in runs:
        a, b = r.span()
        if a < last_end:
            continue
        ws = r.group()
        left, right = t[a - 1], t[b]
        # Only a flattened line is split: one stray space in a normal paragraph is not a break.
        # A paragraph number (``165. 立法会主席……``) is never separated from its text.
        split = flattened and not _LABEL_ONLY.fullmatch(t, seg_start, a) and (
            (left in _FINAL and left not in "!?")
            or (left in _CLOSERS and a >= 2 and t[a - 2] in _FINAL)
            # ``……。（房屋局） 香港房屋委员会……``: a note closing an item
            or (left in "）)" and _after_sentence_note(t, a - 1, seg_start))
            or bool(_INLINE_HEADING().match(t, b, ce) or _SALUTATION.match(t, b, ce))
            or _para_number(t, b, ce, expected, commit=False)
            or (
                not numbered
                and (_is_cjk(left) or left in _CLOSERS)
                and (_is_cjk(right) or right in _OPENERS or right.isdigit())
                and _heading_segment(t[seg_start:a])
            )
        )
        if split:
            _para_number(t, b, ce, expected, commit=True)
            edits.append(_Edit(a, b, "\n", "paragraph_split"))
            seg_start = b
            last_end = b
            continue
        if "\t" in ws:
            continue  # table cells
        if left.isascii() and right.isascii() and not left.isspace() and not right.isspace():
            if left.isdigit() and right.isdigit() and len(ws) == 1 and _digit_group(t, a, b, ce):
                edits.append(_Edit(a, b, "", "digit_group"))
                last_end = b
            elif ws != " ":
                edits.append(_Edit(a, b, " ", "cjk_space"))
                last_end = b
            continue
        if left.isdigit() and right.isdigit() and len(ws) == 1 and _digit_group(t, a, b, ce):
            edits.append(_Edit(a, b, "", "digit_group"))
            last_end = b
            continue
        # A word doubled across a space only happens where a PDF line was rejoined by a
        # converter (the seed's title); in flattened text it is a heading followed by a
        # subheading that starts with the same word (``建设宜居城市 城市愿景``).
        k = _doubled(t, a, b, ce) if _is_cjk(left) and _is_cjk(right) and not flattened and not numbered else 0
        if k:
            edits.append(_Edit(a, b + k, "", "doubled_word"))
            last_end = b + k
        else:
            edits.append(_Edit(a, b, "", "cjk_space"))
            last_end = b


def _heading_segment(seg: str) -> bool:
    """Is ``seg`` (the text since the last split) a numbered heading that a space ends?"""
    return len(seg) <= 60 and bool(_HEADING.match(seg)) and not _SENTENCE_END.search(seg)


def _para_number(t: str, b: int, ce: int, expected: list, commit: bool) -> bool:
    """Does a Hong Kong paragraph number (``12. ``) that continues the count start at ``b``?

    The count runs through the address; an annex restarts it at 1 (the main count may
    then resume).  Tracking the expected number keeps ``1.5万`` and ``约4. 5年`` from splitting.
    """
    m = _PARA_NUMBER.match(t, b, ce)
    if not m:
        return False
    n = int(m.group(1))
    nxt, resume = expected
    if n == nxt:
        if commit:
            expected[0] = n + 1
        return True
    if n == resume:
        if commit:
            expected[0], expected[1] = n + 1, None
        return True
    if n == 1 and nxt > 2:
        if commit:
            expected[0], expected[1] = 2, nxt
        return True
    return False


def _after_sentence_note(t: str, close: int, floor: int) -> bool:
    """Is ``t[close]`` the end of a bracketed note that follows a sentence end (``。（房屋局）``)?"""
    op = max(t.rfind("（", floor, close), t.rfind("(", floor, close))
    return op > floor and close - op <= 40 and t[op - 1] in _FINAL


_DIGITS_BEFORE = compiled(r"(?<![\d.,])\d{1,3}$")
_DIGITS_AFTER = compiled(r"\d{3}(?![\d])")


def _digit_group(t: str, a: int, b: int, ce: int) -> bool:
    """Is the space at ``[a, b)`` a thousands separator (``1 100``, ``2 500 000``)?"""
    return bool(_DIGITS_BEFORE.search(t, max(0, a - 8), a)) and bool(_DIGITS_AFTER.match(t, b, ce))


# --------------------------------------------------------------------------- composition


_FLAGS = ("private_use", "unreadable", "ocr")  # kinds recorded even where nothing changed


def _compose(text1: str, reps: list[_Rep], edits: list[_Edit]) -> tuple[str, tuple[Repair, ...]]:
    """Apply layout ``edits`` (on ``text1``) and rebase layer-1 ``reps`` onto the result.

    A zero-width layer-1 repair strictly inside an edit splits the edit (so an aside keeps its
    own repair); other overlaps merge into one repair of the edit's kind.
    """
    edits = _split_edits(edits, reps)
    out: list[str] = []
    result: list[Repair] = []
    olen = 0  # length of the output so far
    pos = 0  # text1 offset copied so far
    delta = 0  # source offset - text1 offset for text1 offsets outside repairs

    def emit(start1: int, end1: int, src_start: int, original: str, replacement: str, kind: str) -> None:
        nonlocal pos, olen
        if start1 > pos:
            out.append(text1[pos:start1])
            olen += start1 - pos
        if original != replacement or kind in _FLAGS:
            result.append(Repair(kind, olen, olen + len(replacement), src_start, original, replacement))
        out.append(replacement)
        olen += len(replacement)
        pos = end1

    i = j = 0
    nr, ne = len(reps), len(edits)
    while i < nr or j < ne:
        r = reps[i] if i < nr else None
        e = edits[j] if j < ne else None
        if e is None or (r is not None and r.end <= e.start):
            emit(r.start, r.end, r.source_start, r.original, text1[r.start : r.end], r.kind)
            delta += len(r.original) - (r.end - r.start)
            i += 1
            continue
        if r is None or e.end <= r.start:
            emit(e.start, e.end, e.start + delta, text1[e.start : e.end], e.replacement, e.kind)
            j += 1
            continue
        # overlap: merge every repair and edit touching the span into one repair
        lo, hi = min(e.start, r.start), max(e.end, r.end)
        group_reps: list[_Rep] = []
        group_edits: list[_Edit] = []
        grew = True
        while grew:
            grew = False
            while i < nr and reps[i].start < hi:
                group_reps.append(reps[i])
                hi = max(hi, reps[i].end)
                i += 1
                grew = True
            while j < ne and edits[j].start < hi:
                group_edits.append(edits[j])
                hi = max(hi, edits[j].end)
                j += 1
                grew = True
        src_start = group_reps[0].source_start if group_reps[0].start == lo else lo + delta
        orig: list[str] = []
        p = lo
        for g in group_reps:
            orig += (text1[p : g.start], g.original)
            p = g.end
        orig.append(text1[p:hi])
        repl: list[str] = []
        p = lo
        for g in group_edits:
            repl += (text1[p : g.start], g.replacement)
            p = g.end
        repl.append(text1[p:hi])
        emit(lo, hi, src_start, "".join(orig), "".join(repl), group_edits[0].kind)
        delta += sum(len(g.original) - (g.end - g.start) for g in group_reps)
    if pos < len(text1):
        out.append(text1[pos:])
    return "".join(out), tuple(result)


def _split_edits(edits: list[_Edit], reps: list[_Rep]) -> list[_Edit]:
    """Cut each edit at the zero-width repairs strictly inside it (first piece keeps the text)."""
    zero = [r.start for r in reps if r.start == r.end]
    if not zero:
        return edits
    out: list[_Edit] = []
    k = 0
    for e in edits:
        while k < len(zero) and zero[k] <= e.start:
            k += 1
        if k >= len(zero) or zero[k] >= e.end:
            out.append(e)
            continue
        cut = e.start
        repl = e.replacement
        while k < len(zero) and zero[k] < e.end:
            if zero[k] > cut:
                out.append(_Edit(cut, zero[k], repl, e.kind))
                repl = ""
                cut = zero[k]
            k += 1
        out.append(_Edit(cut, e.end, repl, e.kind))
    return out
