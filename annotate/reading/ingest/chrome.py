"""Find what is around the report but not of it: page chrome, source lines, captions, licences.

Nothing is deleted here: :func:`find_asides` returns :class:`Aside` spans and normalization
turns them into repairs with an empty replacement (kept in meta).

The report runs from its title (or subtitle, speaker, salutation) to its closing exhortation.
Chrome is looked for only where it lives, by patterns of chrome, never by file:

* **Front matter** — before the salutation (``各位代表：``, ``立法会主席、各位议员…``) or the
  first part heading (``一、``, ``第一章``): widget words (``下载 打印 全屏 收藏 【字号：加大
  还原 减小】``, ``【字体：大 中 小】 分享：``), ``来源：…`` lines (the value may sit on the next
  line), ``时间：…`` and bare date/time lines, photo captions (``…本报记者 戴冰摄``), web page
  titles (``施政报告 | 行政长官2022年施政报告``: the site-name side of ``|``) and titles that
  only repeat an earlier title line.  Title, subtitle (``——2026年1月25日在…会议上``) and
  speaker (``北京市市长 殷勇``) are report text and stay.
* **Tables of contents** near the start (a ``目录`` line and the heading-like entries under it).
* **Tail** — from a line that can only be chrome (``相关报道：``, ``责任编辑：``, ``打印本页``,
  ``关闭窗口``, ``相关链接>>``) or the start of a licence notice (``本作品…`` followed by
  ``公有领域``/``Public domain``) to the end, provided what follows is short chrome-like
  lines; a trailing ``（来源：解放日报）``.
* **Anywhere** — photo-caption lines and page-number lines (``- 12 -``, ``第3页``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .records import Aside
from ...lazyre import compiled, lazy

HEAD_CHARS = 4000  # the salutation or first part heading is always within this
HEAD_LINES = 80
TAIL_LINES = 80
TAIL_MAX_SHARE = 0.3  # a tail of chrome is never more than this share of the text ...
TAIL_MAX_CHARS = 8000  # ... nor longer than this
TAIL_MAX_LINE = 200  # chrome and licence lines are short; report paragraphs are not

_WS = " \t\u3000\u2002\u2003\xa0\u200b\u200d\ufeff"
_W = f"[{_WS}]"

_NL_RE = compiled(r"\r\n|\r|\n")
_ANCHOR_RE = compiled(
    rf"(?:^|(?<=\s)){_W}*(?P<a>各位(?:人大)?代表|各位委[员員]|立法[会會]主席|主席先生|同志[们們]"
    r"|一、|第一章|第一部分|（一）|\(一\))",
    re.M,
)
_SALUTATION_RE = lazy(r"(?:各位(?:人大)?代表|各位委[员員]|立法[会會]主席|主席先生|同志[们們])")

# --- widget words: every token of the unit must be one of these
_STRONG_WIDGETS = {
    "下载", "下載", "打印", "列印", "全屏", "收藏", "字号", "字號", "字体", "字體", "加大", "减小", "減小",
    "还原", "還原", "放大", "缩小", "縮小", "分享", "分享到", "打印本页", "打印本頁", "关闭窗口", "關閉窗口",
    "关闭本页", "关闭", "關閉", "返回顶部", "返回頂部", "复制链接", "扫一扫", "纠错", "我要纠错", "繁体", "繁體",
    "简体", "無障礙", "无障碍", "收藏本页", "微信", "微博", "朗读", "播报", "视力保护色", "默认",
}
_WEAK_WIDGETS = {"大", "中", "小", "标准", "標準", "A", "A+", "A-", "【", "】", "[", "]"}
_WIDGET_SPLIT_RE = compiled(r"[\s【】\[\]（）()：:|｜/、]+")

_CAPTION_RE = compiled(r"(?:记者|記者|通讯员|通訊員|摄影|攝影)[^。！？!?]{0,20}?[摄攝]\s*[）)]?$|^(?:摄影|攝影)\s*[：:]")
_SOURCE_RE = compiled(r"^[（(]?\s*(?:来源|來源|稿件来源|信息来源|文章来源|出处|出處)\s*[：:]\s*(?P<value>[^）)]*)[）)]?$")
_META_RE = compiled(
    r"^(?:时间|時間|发布时间|發布時間|发布日期|發布日期|日期|更新时间|作者|编辑|編輯|责任编辑|責任編輯"
    r"|浏览次数|瀏覽次數|阅读次数|点击数|點擊數|阅读量|字数|发文机关|索引号|索 引 号)\s*[：:]"
)
_BREADCRUMB_RE = compiled(r"^(?:当前位置|您的位置|您现在的位置|所在位置|當前位置)\s*[：:]|^首[页頁]\s*[>＞»›/]")
# A page's publication stamp: a date with a time, or a numeric web date.  A bare
# ``2021年12月15日`` under the issuer is how a report is dated: report text.
_DATE_RE = compiled(
    r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"\s*\d{1,2}\s*[:：时時]\s*\d{1,2}\s*(?:[:：分]\s*(?:\d{1,2}\s*秒?)?)?$"
    r"|^\d{4}\s*([-/.])\s*\d{1,2}\s*\1\s*\d{1,2}$"
)
_TIME_RE = compiled(r"^\d{1,2}\s*[:：时時]\s*\d{1,2}\s*(?:[:：分]\s*(?:\d{1,2}\s*秒?)?)?$")
_TOC_RE = compiled(rf"{_W}*目{_W}*[录錄]{_W}*$")
_TOC_ENTRY_RE = lazy(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十百]+[章节部篇]"
    r"|\d{1,3}[.．、]|附[件录錄]|前言|结语|結語|名词解释|名詞解釋)"
)
_TOC_TRAILER_RE = lazy(r"[\s.．…·•_\-—]*(?:第?\s*\d{1,4}\s*[页頁段]?(?:\s*[-–—至]\s*\d{1,4}\s*[页頁段]?)?)?\s*$")
# What else a printed contents page holds between its entries: column headings (段落, 頁次), a
# page or paragraph range broken off its entry by the PDF's text order (``-3``, ``5``), and
# the pieces of an entry set in spaced-out or vertical type (one or two characters a line).
_TOC_COLUMN = r"段落|段次|页次|頁次|页码|頁碼"
_TOC_FILLER_RE = lazy(rf"[\s\d.．…·\-–—至]*|{_TOC_COLUMN}|段|页|頁|\S{{1,2}}")
_TOC_COLUMN_TAIL_RE = compiled(rf"\s*(?:{_TOC_COLUMN})$")  # a next page's column heading run on
_TOC_FOLLOW = 2  # an entry broken across lines has its reference within this many lines
TOC_MAX_LINES = 600  # a contents page broken into fragments runs to hundreds of lines
_TITLE_WORD_RE = compiled(r"报告|報告")
_SEPARATORS = {"|", "｜", "-", "–", "—", "_", "»", ">", ">>"}
_SEGMENT_RE = compiled(rf"[^\s{_WS}|｜]+|[|｜]")

# --- tail
_RELATED_RE = compiled(
    r"(?:(?:相关|相關)(?:报道|報道|新闻|新聞|链接|鏈接|附件|阅读|閱讀|稿件|文章|文件|专题|專題|解读|解讀)"
    r"|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|热点推荐|熱點推薦|更多(?:报道|阅读|新闻))[\s:：>》»]*"
)
_CREDIT = (r"(?:责任编辑|責任編輯|责编|責編|编辑|編輯|校对|校對|审核|審核|审校|审签|终审|監製|监制|编审|策划|制作|作者)"
           r"\s*[：:]\s*[^\s【】\[\]()（）]{0,20}")
_TAIL_CHROME_RE = compiled(
    _CREDIT + r"|打印本页|打印本頁|关闭窗口|關閉窗口|关闭本页|关闭|關閉|打印|返回|返回顶部|返回列表|纠错|我要纠错"
    r"|扫一扫\S{0,20}|分享到\S{0,20}|(?:上一篇|下一篇)\s*[：:].{0,80}|完"
)
_TAIL_PART_RE = compiled(r"[【\[（(]?([^【】\[\]（）()]+)[】\]）)]?")
_LICENCE_START_RE = compiled(r"^(?:本作品|此作品|该作品|這部作品)")
_LICENCE_WORDS_RE = compiled(r"公有领域|公有領域|公共领域|Public domain|著作权法|著作權法|版权|版權|许可协议|CC[- ]BY", re.I)
_TRAILING_SOURCE_RE = lazy(
    rf"{_W}*[（(]{_W}*(?:来源|來源|稿件来源|文章来源){_W}*[：:][^（）()\r\n]{{1,30}}[）)]{_W}*\r?\n?$"
)

# --- anywhere
# Matched against one line at a time (``fullmatch(text, line.start, line.end)``).
_IMAGE_SOURCE_RE = compiled(rf"{_W}*[（(]?(?:图片|圖片|图|圖)(?:来源|來源|源)\s*[：:].{{1,30}}?[）)]?{_W}*")
_CAPTION_LINE_RE = compiled(
    rf"{_W}*.{{0,60}}?(?:记者|記者|通讯员|通訊員|摄影|攝影)[^。！？]{{0,20}}?[摄攝]{_W}*[）)]?{_W}*"
)
_PAGE_LINE_RE = compiled(
    rf"{_W}*(?:[-—–－]{{1,2}}{_W}*\d{{1,4}}{_W}*[-—–－]{{1,2}}"
    rf"|第{_W}*\d{{1,4}}{_W}*[页頁](?:{_W}*[,，/／]?{_W}*共{_W}*\d{{1,4}}{_W}*[页頁])?){_W}*"
)
_BARE_NUMBER_RE = compiled(rf"{_W}*(?P<n>\d{{1,3}}){_W}*")
ANYWHERE_MAX_LINE = 100  # captions and page numbers are short lines
MIN_PAGE_CHARS = 200  # text between two page numbers: at least a few lines

CHROME, SOURCE, CAPTION, TOC = "aside:chrome", "aside:source", "aside:caption", "aside:toc"
RELATED, LICENCE, PAGE = "aside:related", "aside:licence", "aside:page"
_WEAK = "weak"
_SOURCE_OPEN = "source-open"


class _Line(NamedTuple):
    start: int  # first character
    end: int  # before the line terminator
    stop: int  # after the line terminator


class _Piece:
    """A front-matter unit (a stripped line, or a segment of one) and what it was found to be."""

    __slots__ = ("start", "end", "kind")

    def __init__(self, start: int, end: int, kind: str | None) -> None:
        self.start, self.end, self.kind = start, end, kind


def find_asides(text: str) -> tuple[Aside, ...]:
    """Return the sorted, non-overlapping spans of ``text`` that are not the report."""
    lines = _split_lines(text)
    if not lines:
        return ()
    found: list[Aside] = []
    toc = _find_toc(text, lines)
    if toc is not None:
        found.append(toc)
    front_end = _front_end(text, lines, toc.end if toc else 0)
    found.extend(_front_matter(text, lines, front_end, toc))
    found.extend(_tail(text, lines, front_end))
    found.extend(_anywhere(text, lines))
    return _finish(text, lines, found)


# --------------------------------------------------------------------------- lines

def _split_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    if "\r" not in text:  # the common case, without a regex: str.split runs in C
        for part in text.split("\n"):
            end = pos + len(part)
            out.append(_Line(pos, end, min(end + 1, len(text))))
            pos = end + 1
        if out and out[-1].start == len(text):
            out.pop()  # text ended with a newline: no empty last line
        return out
    for m in _NL_RE.finditer(text):
        out.append(_Line(pos, m.start(), m.end()))
        pos = m.end()
    if pos < len(text):
        out.append(_Line(pos, len(text), len(text)))
    return out


# Python's white space plus the invisible characters that pad lines in scraped text.
_STRIP_CHARS = _WS + " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u1680\u2000\u2001\u2004\u2005\u2006\u2007" \
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` moved inwards past white space."""
    segment = text[start:end]
    stripped = segment.lstrip(_STRIP_CHARS)
    start += len(segment) - len(stripped)
    return start, start + len(stripped.rstrip(_STRIP_CHARS))


# --------------------------------------------------------------------------- table of contents

def _find_toc(text: str, lines: list[_Line]) -> Aside | None:
    """A ``目录`` line near the start and the heading-like entries under it, with the filler
    between them (:data:`_TOC_FILLER_RE`); it ends before the first line that is neither (a
    salutation, a paragraph, a heading that repeats an entry)."""
    for index, line in enumerate(lines[:HEAD_LINES]):
        if not _TOC_RE.match(text, line.start, line.end):
            continue
        seen: set[str] = set()
        stop = index + 1
        for j in range(index + 1, min(len(lines), index + 1 + TOC_MAX_LINES)):
            s, e = _strip(text, lines[j].start, lines[j].end)
            entry = text[s:e]
            if not entry:
                stop = j + 1
                continue
            key = _TOC_TRAILER_RE().sub("", _TOC_COLUMN_TAIL_RE.sub("", entry))
            if _TOC_FILLER_RE().fullmatch(entry) and not _SALUTATION_RE().match(entry):
                stop = j + 1  # (filler is not an entry: it neither counts nor ends the contents)
                continue
            # an entry's page or paragraph reference may stand on a next line (``强政理念`` / ``5``)
            referenced = key != entry or _reference_follows(text, lines, j + 1, index + 1 + TOC_MAX_LINES)
            if (len(entry) > 60 or "。" in entry or _SALUTATION_RE().match(entry)
                    or not (_TOC_ENTRY_RE().match(entry) or referenced) or (key in seen and not referenced)):
                break  # the body starts (a heading repeats an entry without a reference, or a paragraph)
            seen.add(key)
            stop = j + 1
        if len(seen) >= 2:
            return Aside(TOC, line.start, lines[stop - 1].stop)
        return None
    return None


_TOC_REFERENCE_RE = lazy(r"[\s\-–—至]*\d{1,4}(?:\s*[-–—至]\s*\d{1,4})?\s*")


def _reference_follows(text: str, lines: list[_Line], j: int, end: int) -> bool:
    """Does one of the :data:`_TOC_FOLLOW` non-empty lines from ``lines[j]`` end in a page or
    paragraph reference, or is one of them a bare reference (the rest of a broken entry)?"""
    seen = 0
    for k in range(j, min(len(lines), end)):
        s, e = _strip(text, lines[k].start, lines[k].end)
        if s >= e:
            continue
        line = _TOC_COLUMN_TAIL_RE.sub("", text[s:e])
        if _TOC_REFERENCE_RE().fullmatch(line) or (_TOC_TRAILER_RE().sub("", line) != line and len(line) <= 60):
            return True
        seen += 1
        if seen == _TOC_FOLLOW:
            return False
    return False


# --------------------------------------------------------------------------- front matter

def _front_end(text: str, lines: list[_Line], search_from: int) -> int:
    """Where the report's body begins: the salutation or the first part heading."""
    m = _ANCHOR_RE.search(text, search_from, min(len(text), search_from + HEAD_CHARS))
    if m:
        return m.start("a")
    for line in lines[:HEAD_LINES]:  # no salutation, no heading: stop at the first paragraph
        if line.start >= search_from and line.end - line.start >= 40:
            return line.start
    return search_from


def _front_matter(text: str, lines: list[_Line], front_end: int, toc: Aside | None) -> list[Aside]:
    pieces: list[_Piece] = []
    for line in lines:
        if line.start >= front_end:
            break
        if toc is not None and toc.start <= line.start < toc.end:
            continue
        s, e = _strip(text, line.start, min(line.end, front_end))
        if s >= e:
            continue
        kind = _classify(text[s:e], whole_line=True)
        segments = list(_SEGMENT_RE.finditer(text, s, e))
        if kind is None and len(segments) > 1:
            pieces.extend(_Piece(m.start(), m.end(), _classify(m.group(), whole_line=False)) for m in segments)
            _site_title(text, pieces[-len(segments):])
        else:
            pieces.append(_Piece(s, e, kind))

    for i, piece in enumerate(pieces):  # "来源:" with its value on the next line
        if piece.kind == _SOURCE_OPEN:
            piece.kind = SOURCE
            if i + 1 < len(pieces) and pieces[i + 1].kind is None and pieces[i + 1].end - pieces[i + 1].start <= 20:
                pieces[i + 1].kind = SOURCE
    _resolve_weak(pieces)
    _repeated_titles(text, pieces)
    return [Aside(p.kind, p.start, p.end) for p in pieces if p.kind and p.kind.startswith("aside:")]


def _classify(unit: str, whole_line: bool) -> str | None:
    """What a front-matter unit is: an aside kind, ``weak`` (widget-ish), or None (report text)."""
    if whole_line and _CAPTION_RE.search(unit) and len(unit) <= 80:
        return CAPTION
    m = _SOURCE_RE.match(unit)
    if m and len(unit) <= 40:
        return SOURCE if m.group("value").strip(_WS) else _SOURCE_OPEN
    if _META_RE.match(unit) and len(unit) <= 60:
        return CHROME
    if _BREADCRUMB_RE.match(unit):
        return CHROME
    if _DATE_RE.match(unit):
        return CHROME
    if _TIME_RE.match(unit):
        return _WEAK
    if unit in _SEPARATORS:
        return CHROME
    tokens = [t for t in _WIDGET_SPLIT_RE.split(unit) if t]
    if not tokens:  # only brackets / punctuation, e.g. a lone 】
        return _WEAK if unit.strip("【】[]：:") == "" else None
    if all(t in _STRONG_WIDGETS or t in _WEAK_WIDGETS for t in tokens):
        if any(t in _STRONG_WIDGETS for t in tokens) or (len(tokens) > 1 and "【" in unit):
            return CHROME  # 【大 中 小】: the brackets make size letters a widget
        return _WEAK
    return None


def _site_title(text: str, pieces: list[_Piece]) -> None:
    """In a web page title ``A | B``, the side naming the site (no digits, shorter) is chrome."""
    for i in range(1, len(pieces) - 1):
        if text[pieces[i].start:pieces[i].end] not in _SEPARATORS:
            continue
        left, right = pieces[i - 1], pieces[i + 1]
        if left.kind is not None or right.kind is not None:
            continue
        a, b = text[left.start:left.end], text[right.start:right.end]
        a_digits, b_digits = any(c.isdigit() for c in a), any(c.isdigit() for c in b)
        if a_digits != b_digits:
            site = right if a_digits else left
        else:
            site = left if len(a) <= len(b) else right
        site.kind = CHROME


def _resolve_weak(pieces: list[_Piece]) -> None:
    """A weak widget word (大, 中, 小, 】) is chrome only next to chrome; otherwise report text."""
    changed = True
    while changed:
        changed = False
        for i, piece in enumerate(pieces):
            if piece.kind != _WEAK:
                continue
            neighbours = [pieces[j].kind for j in (i - 1, i + 1) if 0 <= j < len(pieces)]
            if CHROME in neighbours:
                piece.kind = CHROME
                changed = True
    for piece in pieces:
        if piece.kind == _WEAK:
            piece.kind = None


def _repeated_titles(text: str, pieces: list[_Piece]) -> None:
    """A title-like unit that only repeats (part of) an earlier title line is page chrome."""
    titles: list[str] = []
    for piece in pieces:
        unit = text[piece.start:piece.end]
        if piece.kind is not None or not _TITLE_WORD_RE.search(unit):
            continue
        if len(unit) >= 4 and any(unit in title for title in titles):
            piece.kind = CHROME
        else:
            titles.append(unit)


# --------------------------------------------------------------------------- tail

def _tail_kind(line: str) -> str | None:
    if len(line) > TAIL_MAX_LINE:
        return None  # a paragraph
    if _RELATED_RE.fullmatch(line):
        return RELATED
    if _is_tail_chrome(line):
        return CHROME
    if _LICENCE_START_RE.match(line):
        return LICENCE
    m = _SOURCE_RE.match(line)
    if m and m.group("value").strip(_WS) and len(line) <= 40:
        return SOURCE
    return None


def _is_tail_chrome(line: str) -> bool:
    """Every part of the line (bracketed or space-separated) is a credit, a widget or a link word:
    ``责任编辑：李莎莎``, ``【打印本页】【关闭窗口】``, ``【纠错】 【责任编辑:张三】``, ``（完）``."""
    if len(line) > 80:
        return False
    parts = [part.strip(_WS) for chunk in line.split() for part in _TAIL_PART_RE.findall(chunk)]
    parts = [part for part in parts if part]
    if not parts:
        return False
    if _classify(line, whole_line=False) == CHROME and not _DATE_RE.match(line) and not _META_RE.match(line):
        return True  # a widget line: 【字体：大 中 小】
    return all(_TAIL_CHROME_RE.fullmatch(part) or _classify(part, whole_line=False) == CHROME
               and not _DATE_RE.match(part) for part in parts)


def _tail(text: str, lines: list[_Line], front_end: int) -> list[Aside]:
    first = max(len(lines) - TAIL_LINES, 0)
    for index in range(first, len(lines)):
        line = lines[index]
        if line.start < front_end:
            continue
        s, e = _strip(text, line.start, line.end)
        kind = _tail_kind(text[s:e])
        if kind is None or not _is_chrome_tail(text, lines[index:], kind):
            continue
        asides: list[Aside] = []
        kept = {text[slice(*_strip(text, ln.start, ln.end))] for ln in lines[:index]}
        for ln in lines[index:]:
            s, e = _strip(text, ln.start, ln.end)
            if s >= e:
                continue
            unit = text[s:e]
            own = _tail_kind(unit)
            if own is not None:
                kind = own
            elif unit in kept:
                kind = CHROME  # the page repeats the title or opening line after its chrome
            asides.append(Aside(kind, s, e))
        return asides
    m = _TRAILING_SOURCE_RE().search(text, max(0, len(text) - 200))
    if m and m.start() >= front_end:
        return [Aside(SOURCE, m.start(), m.end())]
    return []


def _is_chrome_tail(text: str, rest: list[_Line], kind: str) -> bool:
    size = len(text) - rest[0].start
    if size > TAIL_MAX_CHARS or size > TAIL_MAX_SHARE * len(text):
        return False
    if any(line.end - line.start > TAIL_MAX_LINE for line in rest):
        return False
    if kind == LICENCE:
        return bool(_LICENCE_WORDS_RE.search(text, rest[0].start))
    return True


# --------------------------------------------------------------------------- anywhere

def _anywhere(text: str, lines: list[_Line]) -> list[Aside]:
    out: list[Aside] = []
    numbers: list[tuple[_Line, int]] = []
    for line in lines:
        if line.end - line.start > ANYWHERE_MAX_LINE or line.end == line.start:
            continue
        if _PAGE_LINE_RE.fullmatch(text, line.start, line.end):
            out.append(Aside(PAGE, line.start, line.end))
        elif _CAPTION_LINE_RE.fullmatch(text, line.start, line.end) or \
                _IMAGE_SOURCE_RE.fullmatch(text, line.start, line.end):
            out.append(Aside(CAPTION, line.start, line.end))
        else:
            m = _BARE_NUMBER_RE.fullmatch(text, line.start, line.end)
            if m:
                numbers.append((line, int(m.group("n"))))
    out.extend(_page_number_runs(numbers))
    return out


def _page_number_runs(numbers: list[tuple[_Line, int]]) -> list[Aside]:
    """Bare number lines counting up page by page (``7`` … ``8`` … ``9``) are page numbers.

    A lone number line is not enough: wiki links split ``M`` / ``2`` / ``预期增长`` onto
    lines of their own.  A run of at least three numbers, each one or two more than the
    last, with a page's worth of text between them, is.
    """
    runs: list[tuple[list[_Line], list[int]]] = []  # open runs: their lines and values
    for line, value in numbers:
        for run_lines, values in runs:  # a stray number (the 2 of M2) does not break a run
            if values[-1] + 1 <= value <= values[-1] + 2 and line.start - run_lines[-1].stop >= MIN_PAGE_CHARS:
                run_lines.append(line)
                values.append(value)
                break
        else:
            runs.append(([line], [value]))
    runs = [r for r in runs if len(r[0]) >= 3]
    return [Aside(PAGE, line.start, line.end) for run_lines, _ in runs for line in run_lines]


# --------------------------------------------------------------------------- tidy up

def _finish(text: str, lines: list[_Line], found: list[Aside]) -> tuple[Aside, ...]:
    """Snap asides to whole lines where they fill them, drop overlaps, merge neighbours."""
    starts = [line.start for line in lines]
    snapped: list[Aside] = []
    for aside in found:
        start, end = _strip(text, aside.start, aside.end)
        if start >= end:
            continue
        line = lines[_line_index(starts, start)]
        if not text[line.start:start].strip(_WS):
            start = line.start
        last = lines[_line_index(starts, end - 1)]
        if not text[end:last.end].strip(_WS):
            end = last.stop
        else:
            while end < last.end and text[end] in _WS:
                end += 1  # take the spaces after a segment with it
        snapped.append(Aside(aside.kind, start, end))
    snapped.sort(key=lambda a: (a.start, -a.end))
    merged: list[Aside] = []
    for aside in snapped:
        if merged and aside.start < merged[-1].end:
            if aside.end <= merged[-1].end:
                continue  # inside an earlier aside
            aside = Aside(aside.kind, merged[-1].end, aside.end)
        if merged and merged[-1].kind == aside.kind and not text[merged[-1].end:aside.start].strip(_WS + "\r\n"):
            merged[-1] = Aside(aside.kind, merged[-1].start, aside.end)
        else:
            merged.append(aside)
    return tuple(merged)


def _line_index(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return max(bisect_right(starts, offset) - 1, 0)


# --------------------------------------------------------------------------- page furniture

RUNNING = "aside:running"
FURNITURE_ZONE = 0.15  # running heads and page numbers sit in the top or bottom 15% of a page ...
FURNITURE_EDGE_LINES = 3  # ... among the three lines nearest that edge
_DIGITS_RE = compiled(r"\d+")
_PAGE_KEY_RE = lazy(
    r"[-—–－]*#[-—–－]*"  # 12, - 12 -, —12—
    r"|第#[页頁](?:[,，/／]?共#[页頁])?|#[/／]#|[Pp](?:age|\.)?#(?:of#)?|[（(]#[)）]"
)


def page_furniture(pages: list[list[tuple[str, float, float]]], heights: list[float]) -> dict[tuple[int, int], str]:
    """Which printed lines are page furniture: ``{(page, line): kind}`` (0-based indices).

    ``pages[i]`` lists page ``i``'s lines as ``(text, bottom, top)`` in PDF points (y grows
    upwards), ``heights[i]`` its height.  A line is furniture only where furniture lives, among
    the lines nearest the top or bottom edge of its page, and only by repetition: a page number
    (``12``, ``- 12 -``, ``第 3 页``, ``3/12``) when such lines stand at the edges of at least
    two pages (``aside:page``); any other line when the same words (digits aside) stand at the
    edges of at least three pages, or of every page of a short document (``aside:running``:
    running headers and footers, a title repeated on every page, a printer's date line).
    Running lines repeat on pages close together (every page, or every other one): a
    subheading that happens to open three pages far apart (``理念``) is not one, nor is a
    table row of figures that two tables share.
    """
    edge: list[list[tuple[int, str]]] = [_edge_lines(lines, h) for lines, h in zip(pages, heights)]
    # a running line stands at the same height on every page: the title on the title page,
    # lower down, is not its copy
    counts: dict[tuple[str, int], set[int]] = {}
    for pi, found in enumerate(edge):
        for li, key in found:
            counts.setdefault((key, _height_band(pages[pi][li])), set()).add(pi)
    numbered = {pi for pi, found in enumerate(edge) for _, key in found if _PAGE_KEY_RE().fullmatch(key)}
    need = min(3, max(2, len([p for p in pages if p])))
    out: dict[tuple[int, int], str] = {}
    for pi, found in enumerate(edge):
        for li, key in found:
            if _PAGE_KEY_RE().fullmatch(key) and (len(numbered) >= 2 or len(pages) == 1):
                out[(pi, li)] = PAGE
            elif _running(counts[(key, _height_band(pages[pi][li]))], need) and len(key) <= ANYWHERE_MAX_LINE \
                    and not _data_row(pages[pi][li][0]):
                out[(pi, li)] = RUNNING
    return out


def _height_band(line: tuple[str, float, float]) -> int:
    """The line's height on the page in bands of 6 points (printers place furniture exactly)."""
    return round(line[2] / 6)


def _running(on_pages: set[int], need: int) -> bool:
    """Do ``on_pages`` hold a chain of ``need`` pages each at most two after the one before?"""
    chain = best = 0
    prev = None
    for p in sorted(on_pages):
        chain = chain + 1 if prev is not None and p - prev <= 2 else 1
        best = max(best, chain)
        prev = p
    return best >= need


_FIGURE_CELL_RE = compiled(r"[\d,.\s%-]*\d[\d,.\s%-]*")


def _data_row(line: str) -> bool:
    """A table row with two or more cells of figures (``死亡抚恤\t1,200,000\t1,200,000``)."""
    return sum(1 for cell in line.split("\t") if _FIGURE_CELL_RE.fullmatch(cell)) >= 2


def _edge_lines(lines: list[tuple[str, float, float]], height: float) -> list[tuple[int, str]]:
    """``(index, key)`` of the lines near the top and bottom edges of a page; the key is the
    line without white space, its digit runs as ``#``."""
    if not lines or height <= 0:
        return []
    order = sorted(range(len(lines)), key=lambda i: -lines[i][2])
    top = order[:FURNITURE_EDGE_LINES]
    bottom = order[-FURNITURE_EDGE_LINES:]
    out = []
    for i in dict.fromkeys(top + bottom):
        text, low, high = lines[i]
        near_top = i in top and high >= height * (1 - FURNITURE_ZONE)
        near_bottom = i in bottom and low <= height * FURNITURE_ZONE
        key = _DIGITS_RE.sub("#", re.sub(rf"[\s{_WS}]+", "", text))
        if key and (near_top or near_bottom):
            out.append((i, key))
    return out
