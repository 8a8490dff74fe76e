"""Names in Hong Kong policy addresses (issue 18, Hong Kong round): the rules the general entity annotator lacks for
the way the Chief Executive's addresses write names.

Contract: :func:`hong_kong_names` takes the candidate spans :func:`annotate.annotators.entities.find_entities` has
collected (in its matching view: simplified, 「」 read as “”) and returns them revised, before overlaps are resolved.
It changes nothing unless the report's region is Hong Kong (``meta.region`` read from the report's own text), because
the addresses name things in their own way and the mainland reports' gold follows other habits.  What it adds:

- names a Hong Kong place opens and a head closes, with a few words between or a route between two places:
  屯门公路, 将军澳–蓝田隧道, 屯门至赤𫚭角连接路海底隧道, 新界北现代服务业中心, 新田科技城, 东涌市中心, 北环线支线
  (heads are data: ``lexicon/hongkong_names.tsv``); a numbered area of a place (将军澳第137区);
- a mainland city's district named with the city (深圳罗湖, 深圳前海) and areas joined by ╱ (古洞北╱粉岭北新发展区): one place;
- the government's bureaus, departments and statutory bodies (发展局, 政府统计处, 医院管理局（医管局）: data, orgs), with
  the short name in brackets that follows a name (港深创新及科技园（港深创科园）);
- names written wholly in 「」 closed by a head (「北都公路」, 「中小企业市场推广基金」, 「明日大屿愿景」, 「航天城」), or
  followed by 计划/项目 (「首置」项目: the quote alone), quotes kept; the same name quoted or written bare elsewhere in
  the report (透过关爱基金 after 「关爱基金」): an unquoted fund is taken only so, since 推动私募基金 names none;
- every 《…》 title as a policy (《施政报告》, 《跨越2030年的铁路及主要干道策略性研究》);
- trunk roads named by their number (十一号干线) and the airport's runways (机场第三跑道).

What it removes: a verb or preposition swallowed in front of a name (发展|交椅洲人工岛, 规划重建|沙头角口岸,
北环线支线经|落马洲…, 委托|香港铁路有限公司), a site candidate that is only a verb and a generic noun (联通国际机场),
counted labels and counts (全球三大艺术品交易中心, 五所世界百强大学), …来港 ("come to Hong Kong", no port), and words that
are no names in these addresses (特区政府: the government speaking of itself).  Slogans in 「」 (「先规划、后收地」,
「一程多站」) stay unnamed: no head closes them.

Traditional addresses need nothing of their own: the rules read the simplified matching view, and the spans map back
to the text as written.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

from ..lazyre import compiled
from ._textview import LEXICON_DIR, read_tsv

HONG_KONG = "香港特别行政区"

_CJK = "\u3400-\u9fff\U00020000-\U0003134f"  # with the extension planes (赤𫚭角)
# characters that never stand inside a name between its opening place and its head: particles, conjunctions,
# prepositions, list and sentence punctuation
_STOP = frozenset("的和及与或、，。；：！？“”（）()在将于为是向由从到等以对把被让并而其这那个各每所也亦已会可能要至")
_NAME_CHAR = compiled(f"[{_CJK}0-9]")
_ROUTE_JOIN = frozenset("至–—－-")
_AREA_JOIN = frozenset("╱／")
_NUMERALS = frozenset("一二两双三四五六七八九十百千万0123456789")  # 「双城」, 「一程多站」: counted slogans
_NOT_MIDDLE = frozenset("第条")  # a count or an ordinal: 将军澳第三条公路隧道 is a tunnel to the place, no name
_MAX_MIDDLE = 8  # characters between the opening place (or the route's far end) and the head
_NUMBERED_AREA = compiled(r"第\d{1,3}区")
_NUMBERED_ROAD = compiled(r"[一二三四五六七八九十]{1,3}号干线")
_RUNWAY = compiled(r"(?:机场)?第[一二三四]跑道")
_QUOTED = compiled(r"“([^“”\n]{2,24})”")
# a character after a head that makes it part of a longer common word (中心区, 站点, 公路网)
_NOT_AFTER_HEAD = frozenset("区点网段性化")


class _Rules(NamedTuple):
    heads: dict  # head word -> type
    head_lengths: tuple  # the heads' lengths, longest first
    quoted_heads: dict  # the head, quoted-head and fund words -> type (a fund: programme)
    quoted_lengths: tuple
    verbs: tuple  # longest first
    verb_set: frozenset
    verb_lengths: tuple
    not_names: frozenset
    not_ends: tuple
    bodies: re.Pattern  # the bodies' names, one pattern
    title: str  # the type of a 《…》 title
    after: tuple  # words after a quote that make it a programme's name, longest first
    places: frozenset  # hongkong.tsv's places
    lines: frozenset  # hongkong.tsv's projects (rail lines)
    place_scan: re.Pattern  # every place of hongkong.tsv (names the segmenter glued into a token)
    cand: type = tuple  # the caller's candidate class (set per call)


_ROLES = ("head", "quoted", "fund", "verb", "end", "not", "body", "after", "title")


def _longest(words) -> tuple:
    # ties in code-point order: the same pattern text in every process (lazyre.compiled keeps it by its text)
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def _alternation(words) -> re.Pattern:
    """One pattern matching any of ``words``, the longest first where two begin alike."""
    return compiled("|".join(map(re.escape, _longest(words))))


def _lengths(words) -> tuple:
    return tuple(sorted({len(w) for w in words}, reverse=True))


def _head_at(text: str, end: int, start: int, heads: dict, lengths: tuple):
    """The longest word of ``heads`` ending at ``end`` and beginning at ``start`` or later, or None (a dict lookup per
    length: no scan of the table)."""
    for n in lengths:
        if end - n >= start and text[end - n : end] in heads:
            return text[end - n : end]
    return None


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The data of ``hongkong_names.tsv`` and the places and lines of ``hongkong.tsv``, read once."""
    by_role: dict = {r: {} for r in _ROLES}
    for row in read_tsv(LEXICON_DIR / "hongkong_names.tsv"):
        if len(row) < 3 or row[2] not in by_role:
            raise ValueError(f"hongkong_names.tsv: bad row {row!r}: want word<TAB>type<TAB>role, role one of {_ROLES}")
        by_role[row[2]][row[0]] = row[1]
    heads, funds = by_role["head"], by_role["fund"]
    gaz = [(row[0], row[1]) for row in read_tsv(LEXICON_DIR / "hongkong.tsv")]  # name, type (canonical unused)
    places = frozenset(n for n, t in gaz if t == "place")
    quoted = {**{f: "programme" for f in funds}, **by_role["quoted"], **heads}
    verbs = by_role["verb"]
    return _Rules(heads, _lengths(heads), quoted, _lengths(quoted), _longest(verbs), frozenset(verbs), _lengths(verbs),
                  frozenset(by_role["not"]), tuple(by_role["end"]), _alternation(by_role["body"]),
                  next(iter(by_role["title"].values()), "policy"), _longest(by_role["after"]), places,
                  frozenset(n for n, t in gaz if t == "project"), _alternation(places))


def hong_kong_names(report, text: str, cands: list, gaz: list, cand_type) -> list:
    """``cands`` revised for a Hong Kong address (see the module docstring); for any other report, ``cands``.

    ``text`` is the matching view, ``gaz`` the gazetteer candidates (sorted by start, never overlapping), ``cand_type``
    the candidates' frozen dataclass ``(start, end, type, canonical, priority)``: the caller's, passed in so that this
    module never imports the one that calls it."""
    if report.meta is None or report.meta.region != HONG_KONG:
        return cands
    rules = _rules()._replace(cand=cand_type)
    out = [c for c in cands if not _no_name(text, c, rules)]
    starts = [g.start for g in gaz]
    out = [t for t in (_trimmed(text, c, gaz, starts, rules) for c in out) if t is not None]
    openers = _openers(text, gaz, rules)
    quoted = _quoted(text, rules)
    changed = [o for o in openers if o.priority == 2]  # merged or numbered: the others are the gazetteer's own
    added = (changed + _place_led(text, openers + _glued_places(text, gaz, rules), rules)
             + quoted + _repeats(text, quoted, rules) + _numbered(text, rules) + _bodies(text, rules))
    return out + [_with_alias(text, c) for c in added] + _titles(text, rules)


def _no_name(text: str, c, rules: _Rules) -> bool:
    """Whether candidate ``c`` is a word of the not-names, ends in a word that ends none (…来港), or counts things
    (a verb before the count aside: 资助|五所世界百强大学)."""
    name = text[c.start : c.end]
    return (name in rules.not_names or name.endswith(rules.not_ends)
            or _counted(text[c.start + _verb_length(text, c.start, rules) : c.end]))


def _cand(rules: _Rules, start: int, end: int, typ: str, priority: int = 1):
    """A new candidate (rules: priority 1; changed gazetteer names: 2)."""
    return rules.cand(start, end, typ, None, priority)


def _openers(text: str, gaz: list, rules: _Rules) -> list:
    """Hong Kong places and lines of the gazetteer, the names that open longer ones.  A mainland city right before
    a district of it is one place (深圳罗湖, 深圳前海: the city's canonical name ends in 市, the district's does not;
    泰国曼谷, 香港澳门 stay two); places joined by ╱ are one area (古洞北╱粉岭北); a numbered area is taken in
    (将军澳第137区).  Returned with priority 2 when changed here, 1 when as the gazetteer gave them."""
    out = []
    for c in gaz:
        name = text[c.start : c.end]
        prev = out[-1] if out else None
        if prev is not None and prev.type == c.type == "place" and (
                prev.end == c.start and _city(prev.canonical) and not _city(c.canonical)
                or prev.end == c.start - 1 and text[c.start - 1] in _AREA_JOIN):
            c = _cand(rules, out.pop().start, c.end, "place", 2)
        elif name not in rules.places and name not in rules.lines:
            if c.type == "place":
                out.append(rules.cand(c.start, c.end, "place", c.canonical, 0))  # may open a city's district
            continue
        else:
            c = _cand(rules, c.start, c.end, c.type)
        m = _NUMBERED_AREA.match(text, c.end)
        if c.type == "place" and m:
            c = _cand(rules, c.start, m.end(), "place", 2)
        out.append(c)
    return out


def _city(canonical) -> bool:
    """A canonical name of a city (深圳市): what a district's name may follow."""
    return bool(canonical) and canonical.endswith("市")


def _glued_places(text: str, gaz: list, rules: _Rules) -> list:
    """Hong Kong places the gazetteer scan left out because the segmenter glued them into a longer token (上水站,
    至东涌): openers that count only when a head closes them (see :func:`_place_led`)."""
    taken = {c.start for c in gaz}
    return [_cand(rules, m.start(), m.end(), "place") for m in rules.place_scan.finditer(text)
            if m.start() not in taken]


def _place_led(text: str, openers: list, rules: _Rules) -> list:
    """Names a Hong Kong place or line opens and a head closes (屯门公路, 新界北现代服务业中心, 将军澳–蓝田隧道,
    北环线支线): the furthest head within reach whose middle holds no stop character, verb, count or ordinal; a line
    takes a head with nothing between (北环线|主线)."""
    out = []
    for o in openers:
        if o.priority == 0:  # a mainland place opens no Hong Kong name
            continue
        line = o.type == "project"
        best = None
        i = o.end
        if not line and i < len(text) and text[i] in _ROUTE_JOIN:
            i += 1  # a route: the far end is a name of its own, then the head (屯门至赤𫚭角连接路)
        limit = min(len(text), i + _MAX_MIDDLE + 5)
        for e in range(i + 1, limit + 1):
            ch = text[e - 1]
            if ch in _STOP or not _NAME_CHAR.match(ch):
                break
            head = _head_at(text, e, o.end, rules.heads, rules.head_lengths)
            typ = rules.heads.get(head)
            if head is None or typ == "-":  # 路线 ends in 线 and names no line
                continue
            middle = text[o.end : e - len(head)]
            if line and (middle or typ != "project"):
                continue
            bare = middle
            for h in rules.heads:  # a head inside the middle is no verb (连接路 of 屯门至赤𫚭角连接路海底隧道)
                bare = bare.replace(h, "|")
            if (any(v in bare for v in rules.verbs) or _NOT_MIDDLE & set(middle)
                    or (e < len(text) and text[e] in _NOT_AFTER_HEAD)):
                continue
            if len(middle) <= _MAX_MIDDLE:
                best = (e, typ)
        if best is not None:
            out.append(_cand(rules, o.start, best[0], best[1]))
    return out


def _trimmed(text: str, c, gaz: list, starts: list, rules: _Rules):
    """``c`` without a verb or preposition swallowed in front of a place inside it (发展|交椅洲人工岛 → 交椅洲人工岛,
    委托|香港铁路有限公司); a site candidate opening with a verb and holding no place is no name (联通国际机场 → None)."""
    for g in gaz[bisect_right(starts, c.start) : bisect_left(starts, c.end)]:  # the names starting inside ``c``
        if text[c.start : g.start].endswith(rules.verbs) and (
                g.type == "place" or _opens_with_verb(text, c.start, rules)):
            return dataclasses.replace(c, start=g.start)
    if c.type in ("project", "facility") and _opens_with_verb(text, c.start, rules, c.end):
        return None
    return c


def _opens_with_verb(text: str, start: int, rules: _Rules, end: int = 0) -> bool:
    """Whether a word of two characters or more of the verb list opens ``text`` at ``start`` (and leaves something
    before ``end``)."""
    n = _verb_length(text, start, rules)
    return n > 0 and (not end or end - start > n)


def _verb_length(text: str, start: int, rules: _Rules) -> int:
    """The length of the longest verb of two characters or more opening ``text`` at ``start`` (0 for none)."""
    return next((n for n in rules.verb_lengths if n >= 2 and text[start : start + n] in rules.verb_set), 0)


_COUNTED = compiled(r"[两三四五六七八九十]大(?![学厦楼桥道街屿湾埔围澳坑埗])|^[一两二三四五六七八九十百\d]+[所个家间座项条]")


def _counted(name: str) -> bool:
    """A counted label or a count of things (全球三大艺术品交易中心: one of three; 五所世界百强大学: five of a kind): no
    name."""
    return _COUNTED.search(name) is not None


def _repeats(text: str, quoted: list, rules: _Rules) -> list:
    """Names the report writes in quotes and elsewhere without them (「关爱基金」 … 透过关爱基金, 「北都公路」 … 北都公路):
    the unquoted mentions are the same name, of the same type.  Only names the report itself quoted are taken, so a
    fund word after a verb (推动私募基金) or a kind (专项基金) is never one."""
    out = []
    for name, typ in {text[c.start + 1 : c.end - 1]: c.type for c in quoted}.items():
        i = text.find(name)
        while i >= 0:  # str.find: a C-level scan, no pattern per name
            if text[i - 1 : i] != "“":
                out.append(_cand(rules, i, i + len(name), typ))
            i = text.find(name, i + len(name))
    return out


def _quoted(text: str, rules: _Rules) -> list:
    """A name written wholly in quotes and closed by a head (「北都公路」, 「中小企业市场推广基金」), quotes kept; a
    quote with a list comma or a clause inside is a slogan (「先规划、后收地」).  A quote named once (「跃动港岛南」计划) is
    the same name wherever else it is quoted (重建华富邨和「跃动港岛南」发展)."""
    out, bare = [], []
    for m in _QUOTED.finditer(text):
        inner = m.group(1)
        if any(ch in _STOP for ch in inner if ch not in "及") or inner[0] in _NUMERALS:
            continue  # a clause or a counted slogan (「一程多站」)
        h = _head_at(inner, len(inner), 1, rules.quoted_heads, rules.quoted_lengths)
        typ = None if h is None else rules.quoted_heads[h]
        if typ == "-":
            continue
        if typ is None and text.startswith(rules.after, m.end()):
            typ = "programme"  # 「首置」项目, 「跃动港岛南」计划: the quote names the programme
        if typ is not None:
            out.append(_cand(rules, m.start(), m.end(), typ))
        else:
            bare.append(m)
    named = {text[c.start : c.end]: c.type for c in out}
    return out + [_cand(rules, m.start(), m.end(), named[m.group()]) for m in bare if m.group() in named]


def _numbered(text: str, rules: _Rules) -> list:
    """Trunk roads named by their number (十一号干线) and the airport's runways (机场第三跑道): projects."""
    return [_cand(rules, m.start(), m.end(), "project") for word, p in (("号干线", _NUMBERED_ROAD), ("跑道", _RUNWAY))
            if word in text for m in p.finditer(text)]


def _bodies(text: str, rules: _Rules) -> list:
    """The government's bureaus, departments and statutory bodies of the data (发展局, 政府统计处): orgs."""
    return [_cand(rules, m.start(), m.end(), "org", 2) for m in rules.bodies.finditer(text)]


_TITLE = compiled(r"《[^《》\n]{2,40}》")


def _titles(text: str, rules: _Rules) -> list:
    """Every 《…》 title, brackets included (《施政报告》, 《北部都会区行动纲领》): the addresses cite reports, strategies
    and plans by their titles, and a title is one name whatever its last word."""
    return [_cand(rules, m.start(), m.end(), rules.title, 2) for m in _TITLE.finditer(text)]


_ALIAS = compiled(r"（([^（）\n]{2,10})）")


def _with_alias(text: str, c):
    """``c`` with the short name in brackets right after it when every character of it is the name's
    (医院管理局（医管局）, 港深创新及科技园（港深创科园）, 落马洲河套地区（河套地区））: the report gives both names."""
    m = _ALIAS.match(text, c.end)
    name = text[c.start : c.end]
    if m and m.group(1) != name and set(m.group(1)) <= set(name):
        return dataclasses.replace(c, end=m.end())
    return c
