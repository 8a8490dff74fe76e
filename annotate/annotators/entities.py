"""Entities: organizations, places, projects, facilities, policies and programmes (DOMAIN.md 5).

Contract: ``annotate_entities(report) -> Report`` fills ``report.entities`` with
:class:`~annotate.model.Entity` spans (ids ``e1``, ``e2`` … in text order, no two overlapping),
each with ``type`` (org | place | project | facility | policy | programme) and ``canonical`` —
the official full name when the gazetteer knows one (``国家发展改革委`` → ``国家发展和改革委员会``),
the simplified spelling for a traditional-script span, else None.

Three sources, all driven by data in ``annotate/lexicon/`` that users can extend:

1. the gazetteer ``entities.tsv`` (``name<TAB>type<TAB>canonical``; canonical empty = the name
   itself, ``-`` = none known);
2. suffix rules ``entity_suffixes.tsv`` (``suffix<TAB>type``): a name ending in 委员会, 医院,
   工程, 号线, 园区, 战略 … grown leftwards over rjieba tokens that can be part of a name, and
   kept only when it holds a proper noun (so 重大项目 stays generic, 八里桥棚改项目 is kept);
3. a quoted programme or policy: ``“两区”建设``, ``“疏整促”专项行动``; a quoted name ending in a
   suffix (``“香港国际机场东莞空港中心”``); a ``《…条例》``-like title (policy);
4. context rules for names the segmenter cannot know: roads in works lists (``宋梁路北延、日新路、
   云景西路等工程``) and items listed before ``等`` + a category of named works (``平漯周、焦济洛平、
   郑州南站等高铁项目``, ``赵口、陆浑、渠村等灌区``).

5. a name split by a quoted slogan (``沙颍河“通港达园”项目``) and a company named in apposition to its
   kind (``货币经纪公司上田八木正式开业``);
6. campaigns launched by name with no proper noun in them (``实施乡村建设行动``, ``开展提振消费专项行动``).

Facility names may hold name-internal verbs (``鲁豫国家区域科技创新中心``) but never open with a verb
(``联合创建|…``) or run over one that governs them (``香港成为|…中心``).  Not annotated: a place that opens an
event's name (``北京国际电影节``) or a fixed phrase (``中国特色社会主义``), or sits inside a quoted brand
(``“大戏看北京”``); words rjieba mis-tags as places (``美丽``, ``城市``) never make a name proper; a suffix that
begins a longer common word (``中心`` of ``中心城市``) ends no name.

Names whose middle words rjieba tags as common nouns are still one name when a proper noun opens them and a
suffix closes them (海口永兴教育城); a campus or branch is named by its organization (海南师范大学桂林洋校区); a phase
(二期) makes a facility particular and an organization + phase a facility (海南警察学院二期); a 工程 is a project when
it holds a place, a code or works words (琼西北供水工程, G98…扩容工程) and a programme otherwise (新时代立德树人工程),
and ``…提升工程``-like rows name campaigns launched by a verb; a section named by a place (雄商高铁河南段) or a
national designation (国家数据要素综合试验区) makes a name particular.  Counted labels (三大工程) are no names.

Overlaps are resolved longest first (then gazetteer > quoted > rules): spans never nest.

Extra lexicon files come from the ``ANNOTATE_LEXICON`` environment variable or the ``lexicon``
argument (see :mod:`annotate.annotators._textview`).  Matching runs on the simplified view of
the text without horizontal whitespace, so ``地铁 22 号线`` and traditional ``國務院`` match;
offsets are mapped back to ``Report.text``.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterable, Optional, Union

from ..model import Entity, Report
from . import register
from ._textview import BlockLocator, PathLike, files_key, lexicon_files, match_tokens, match_view, read_tsv

ENTITY_TYPES = ("org", "place", "project", "facility", "policy", "programme")

# rjieba POS tags that may stand inside a name (nouns, proper nouns, numbers, measure words,
# abbreviations, set phrases, verbal nouns); anything else (verbs, adverbs, particles,
# conjunctions, prepositions, punctuation) ends the name.
_NAME_POS = frozenset("ns nt nz nr nrt nrfg n nl ng j eng m q l vn b zg g s an ag".split())
# Tags that make a name proper rather than generic.
_PROPER_POS = frozenset("ns nt nz nr nrt nrfg j eng".split())
# Common words rjieba's bundled dictionary tags as place names (ns): they never make a name proper
# (美丽乡村建设工程 is a programme of no place; 城市更新行动 names no city).
# Verbs that stand inside facility names (科技创新中心, 成果转化基地, 多式联运中心); any other verb
# (成为, 创建, 设立, 当选) governs the name instead of belonging to it.
_FACILITY_VERBS = frozenset("创新 转化 合作 发展 示范 交流 服务 研发 孵化 检测 制造 培训 交易 展示 运营 保护 利用 开放 "
                            "促进 应用 集结 加注 分拨 联运 试验 中试 研究 监测 管理 育种 创业 共享 融合 物流 认证 "
                            "评价 计算 展览 会展 转移 储备 调度 指挥 救援 实践 创意 设计 体验 加工 集散 配送".split())
_NOT_PROPER = frozenset("城市 城镇 城乡 海洋 新建 美丽 美 深度 法治化 上市 新城 惠及 宜居 都市 大都市 大城市 福利 大国 大省 "
                        "城中村 河湖 治本 普通高中 海滨 滨海 滨水 大桥 湾区 深海 深水 普及 南北 东西 陆海 上楼 山水 山区 "
                        "山海 加大力度 海湾 上同 外国 广大干部 新旧 海关 台风 爱国 入市 美化 巴士 平原 加密 满意度 内河 "
                        "开园 重特大 友城 安宁 北 南 东 西 云 养老 中英文 智慧 高峰 煤电 智能".split())


def _proper(w: str, p: str) -> bool:
    # 城市更新 is one nz token: a common word opening it keeps it common
    return p in _PROPER_POS and w not in _NOT_PROPER and not (p == "nz" and w[:2] in _NOT_PROPER)
# Single-character place suffixes may follow a short name the segmenter left in pieces (灏县镇).
_PIECE_POS = frozenset("g zg ng n ns nr j".split())
_MAX_NAME = 16  # characters; longer runs are descriptions, not names
_MAX_TITLE = 20  # plans and campaigns have longer names (西海岸新区创新发展先行先试行动计划)
# Words rjieba tags as adjectives, adverbs or verbs that stand inside names (三亚新机场, 五育并举提升工程,
# 渤海湾未来科技动力产业城, 海南警察学院).
_MISTAGGED = frozenset("新 未来 并举 警察 高速".split())  # 新 only after a name (三亚新机场) or in 新时代
# One-character suffixes that also close common words (名城, 小城, 双城, 晏城): only after a descriptive
# noun of two or more characters (永兴教育城, 未来科技动力产业城).
_WEAK_SUFFIXES = frozenset("城")
# Zones the state designates one by one (国家数据要素综合试验区); 国家重点实验室 is a kind, not one.
_DESIGNATED = frozenset("试验区 示范区 实验区 先行区 先导区 综合试验区".split())
# Regions planned across places (成渝主轴经济走廊): named over common nouns, like facilities, not only proper ones.
_REGIONS = frozenset("经济带 经济区 经济走廊 开放走廊 文旅走廊 旅游走廊 生态走廊 城市群 都市圈 经济圈".split())
# Class words that stop a name unless a place stands before them (成渝世界级机场群; 打造世界级产业集群 is no name).
_CLASS_WORDS = frozenset("世界级 国家级 国际性".split())
_NUMBERED = frozenset(["机组"])  # suffixes of things named by their number or phase only
_EVALUATIVE = frozenset("重要 主要 优质 先进 新型 大型 重大 良好 优秀 一流 知名 著名 特色 现代 高端 优良".split())
_ORDINAL = re.compile(r"[一二三四五六七八九十\d]{1,3}号")  # 三号机组: a unit's number is part of its name
# Suffixes named by the place they serve (东方机场); the words that make them kinds instead.
_NAMED_BY_PLACE = frozenset(["机场"])
_GENERIC_AIRPORT = frozenset("国际 支线 通用 民用 运输 枢纽 干线 军用 新建 现有 区域 大型 中型 小型 省内 国内 境内 全省 全市 "
                             "货运 客运 航空 主要 重要 新的 各地 城市 地方 周边 沿线 高原 海岛".split())
_LABEL = re.compile(r"[\d一二两三四五六七八九十百]+大")  # 三大工程, 6大行动: a count, not a name
# Parts of an organization named by it (海南师范大学桂林洋校区): the organization does not end the name.
_ORG_PARTS = frozenset("校区 分校 院区 分院".split())
# 县域经济高质量发展行动: a campaign's name may say how (高质量) though the word governs elsewhere.
_QUALITY = frozenset("高质量 高水平 高标准".split())
_PHASE = re.compile(r"[一二三四五六七八九十\d]{1,2}期")
_ALIAS = re.compile(r"（([^（）()，。；、：！？“”\n]{1,10})）")
_QUOTED_POLICY = {"规划": "policy", "战略": "policy", "政策": "policy", "改革": "policy", "条例": "policy",
                  "纲要": "policy", "建设": "programme", "行动": "programme", "专项行动": "programme",
                  "工程": "programme", "计划": "programme", "行动计划": "programme", "倡议": "programme"}
# “3个100”市重点工程: a level and 重点/重大 may stand between the quote and the programme word
_QUOTED = re.compile(r"“([^“”‘’\n]{1,12})”(?:(?:[市省区县]|国家)(?:重点|重大)?)?(" + "|".join(sorted(_QUOTED_POLICY, key=len, reverse=True)) + ")")


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Lexicon:
    """The compiled entity lexicon: gazetteer names and suffix rules."""

    names: dict  # name -> (type, canonical or None)
    pattern: Optional[re.Pattern]  # trie-shaped alternation of every gazetteer name
    suffixes: dict  # suffix -> type
    by_last: dict  # last character -> suffixes ending in it, longest first


def _trie_regex(words: Iterable[str]) -> str:
    """One regex alternation shaped as a trie: fast for hundreds of literal names."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            # Greedy optional: the longest name wins, falling back to the shorter one.
            body = "(?:" + body + ")?"
        return body

    return build(trie)


def read_gazetteer(path: PathLike) -> list[tuple[str, str, Optional[str]]]:
    """Rows ``(name, type, canonical)`` of one gazetteer TSV (format in the module docstring)."""
    out = []
    for row in read_tsv(path):
        if len(row) < 2 or row[1] not in ENTITY_TYPES:
            raise ValueError(f"{path}: bad gazetteer row {row!r}: want name<TAB>type<TAB>canonical, type one of {ENTITY_TYPES}")
        canonical: Optional[str] = row[2] if len(row) > 2 and row[2] else row[0]
        if canonical == "-":
            canonical = None
        out.append((row[0], row[1], canonical))
    return out


_LEXICON_CACHE: dict[tuple, Lexicon] = {}


def load_lexicon(extra: Union[PathLike, Iterable[PathLike], None] = None) -> Lexicon:
    """Built-in lexicon + ``ANNOTATE_LEXICON`` + ``extra`` files, compiled and cached."""
    gaz_files = lexicon_files("entities.tsv", extra)
    suf_files = lexicon_files("entity_suffixes.tsv", extra)
    key = (files_key(gaz_files), files_key(suf_files))
    lex = _LEXICON_CACHE.get(key)
    if lex is not None:
        return lex
    names: dict = {}
    for f in gaz_files:
        for name, typ, canonical in read_gazetteer(f):
            names[name] = (typ, canonical)
    suffixes: dict = {}
    for f in suf_files:
        for row in read_tsv(f):
            if len(row) < 2 or (row[1] not in ENTITY_TYPES and row[1] != "-"):
                raise ValueError(f"{f}: bad suffix row {row!r}: want suffix<TAB>type")
            suffixes[row[0]] = row[1]
    pattern = re.compile(_trie_regex(names)) if names else None
    by_last: dict = {}
    for suf in sorted(suffixes, key=len, reverse=True):
        by_last.setdefault(suf[-1], []).append(suf)
    lex = Lexicon(names, pattern, suffixes, {k: tuple(v) for k, v in by_last.items()})
    _LEXICON_CACHE[key] = lex
    return lex


# --------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class _Cand:
    start: int  # in the matching view
    end: int
    type: str
    canonical: Optional[str]
    priority: int  # gazetteer 2 > quoted 1 > suffix rule 0


def _gazetteer(text: str, lex: Lexicon, boundaries: set[int]) -> list[_Cand]:
    out = []
    if lex.pattern is None:
        return out
    pos = 0
    n = len(text)
    while pos < n:
        m = lex.pattern.search(text, pos)
        if m is None:
            break
        if m.end() == m.start():
            pos = m.start() + 1
            continue
        name = m.group()
        typ, canonical = lex.names[name]
        # Two-character names (通州, 河北) must be whole words, or 北运河北京段与河北段 yields 河北.
        if len(name) > 2 or (m.start() in boundaries and m.end() in boundaries):
            out.append(_Cand(m.start(), m.end(), typ, canonical, 2))
            pos = m.end()
        else:
            pos = m.start() + 1
    return out


_PLACE_END = "省市区县镇乡村"
_GOVERNING = frozenset("制定 实施 出台 发布 编制 修订 落实 执行 贯彻 开展 印发 组织 用好 抓好 做好 完善 优化 加强 健全 支持 围绕 "
                        "依托 按照 根据 通过 对 把 以 和 及 与 等 是 为 将 在 提出 形成 制订 启动 推出 配合 参与 服务 融入 入选 获评 "
                        "推行 举办 执行 争取 高水平 高质量 高标准 新一轮".split())
_GOVERNING_WORDS = tuple(w for w in _GOVERNING if len(w) >= 2) + (
    "入选", "获评", "落户", "位于", "包括", "以及", "层面", "签约", "推行", "举办", "执行", "争取", "完成", "实现", "确保")


def _holds_governing(word: str) -> bool:
    """全面完成, 严格执行: a longer token that is really a governing verb with an adverb."""
    return any(g in word for g in _GOVERNING_WORDS)


_COUNTERS = frozenset("个 项 场 家 批 座 处 条 所 名 户 位 次 件 类 种 宗 支 只 张 套 台 辆 亩 万 亿 年 月 日 届 期 区 间 轮".split())
_EXTRA_STOP = frozenset("建设 实施 开展 打造 引进 依托 围绕 发展 培育 落户 落地 晋级 入选 获评 位于 建成 启用 开通 投用 "
                        "签约 入驻 包括 以及 层面 级 新建 改建 扩建 高水平 高质量 高标准 新一轮 一批 各类 重点 重大 境外 境内 "
                        "若干 多个 两地 三地 各地 多地 两岸 大中型 大型 中型 小型 中小型 大中小型 一流 世界级 国家级 省级 市级 暨 代表".split())


def _merge_pieces(tokens: list[tuple[str, str]], offsets: list[int]) -> tuple[list, list]:
    """Join runs of 2-4 single characters ending in a place suffix (灏/县/镇 → 灏县镇): the
    segmenter splits unknown or OCR-damaged place names into pieces."""
    merges = []  # (first, last+1) token ranges to join
    n = len(tokens)
    k = 0
    while k < n:
        w, p = tokens[k]
        if len(w) != 1 or p not in _PIECE_POS:
            k += 1
            continue
        j = k + 1
        while j < n and j - k < 4 and len(tokens[j][0]) == 1 and tokens[j][1] in _PIECE_POS:
            j += 1
        e = j
        while e - k >= 2 and tokens[e - 1][0] not in _PLACE_END:
            e -= 1  # the longest run ending in a place suffix
        if e - k >= 2:
            merges.append((k, e))
            k = e
        else:
            k = j
    if not merges:
        return tokens, offsets
    out, offs = [], []
    pos = 0
    for i, j in merges:
        out.extend(tokens[pos:i])
        offs.extend(offsets[pos:i])
        out.append(("".join(w for w, _ in tokens[i:j]), "ns"))
        offs.append(offsets[i])
        pos = j
    out.extend(tokens[pos:])
    offs.extend(offsets[pos:])
    return out, offs


# Words that follow a name's suffix inside one rjieba token (琼西北供水|工程建设, …供水|工程进度): the
# token is split so the suffix ends a token, as the suffix rules need.
_AFTER_SUFFIX_CHARS = frozenset("有是在将为已")
_AFTER_SUFFIX = frozenset("建设 进度 前期 开工 竣工 投用 投产 改造 配套 续建 施工".split())


def _glued(head: str, lex: Lexicon) -> bool:
    """Does ``head`` end in a suffix of two or more characters that names a non-organization?"""
    return any(len(x) >= 2 and head.endswith(x) and lex.suffixes[x] not in ("-", "org") for x in lex.by_last.get(head[-1], ()))


def _one_word(s: str) -> bool:
    """Is ``s`` one word for the segmenter (区位 yes)?"""
    import rjieba

    return len(rjieba.cut(s)) == 1


# Single-character abbreviations of provinces and big cities: a 2-3 character token made of them is a
# pair or triple of places (成渝, 济青, 深港, 京津冀) whatever tag the segmenter gave it.
_ABBREV = frozenset("广京津冀沪渝晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔滇藏陕陇甘宁青港澳台成济深穗莞厦漳泉甬杭嘉株潭郑洛汴雄昆")


def _abbrev(w: str) -> bool:
    return 2 <= len(w) <= 3 and w[0] in _ABBREV and w[-1] in _ABBREV and len(set(w)) == len(w) and all(ch in _ABBREV for ch in w)


# Parts of a river or region that make a set phrase with its name (长江上游/l): still a place.
_PLACE_PARTS = frozenset("上游 中游 下游 流域 沿岸 沿线 两岸 南部 北部 东部 西部 中部 腹地".split())


def _repair_abbreviations(tokens: list[tuple[str, str]], offsets: list[int], lex: Lexicon) -> tuple[list, list]:
    """Tag place-abbreviation pairs proper (济青/a → j), undo a verb that swallowed the first of them
    (打|造成|渝 → 打造|成渝), and tag a place + part set phrase a place (长江上游/l → ns)."""
    out, offs = list(tokens), list(offsets)
    k = 0
    while k < len(out):
        w, p = out[k]
        if p == "l" and len(w) == 4 and w[2:] in _PLACE_PARTS and lex.names.get(w[:2], ("",))[0] == "place":
            out[k] = (w, "ns")
        elif w[0] not in _ABBREV and w[-1] not in _ABBREV:
            pass
        elif (len(w) == 1 and w in _ABBREV and p in ("j", "ns") and k >= 2 and len(out[k - 1][0]) == 2
                and out[k - 1][1] == "v" and out[k - 1][0][1] in _ABBREV and len(out[k - 2][0]) == 1
                and out[k - 2][1] == "v" and _one_word(out[k - 2][0] + out[k - 1][0][0])):
            v = out[k - 1][0]
            out[k - 2:k + 1] = [(out[k - 2][0] + v[0], "v"), (v[1] + w, "j")]
            offs[k - 2:k + 1] = [offs[k - 2], offs[k - 1] + 1]
            k -= 1
        elif (len(w) == 1 and k + 1 < len(out) and len(out[k + 1][0]) == 2 and out[k + 1][1] in ("ns", "j")
              and _abbrev(w + out[k + 1][0])):
            out[k:k + 2] = [(w + out[k + 1][0], "j")]  # 广|深港 → 广深港
            del offs[k + 1]
        elif _abbrev(w) and p not in _PROPER_POS and p[:1] != "v":
            out[k] = (w, "j")
        k += 1
    return out, offs


def _split_suffix_tokens(tokens: list[tuple[str, str]], offsets: list[int], lex: Lexicon) -> tuple[list, list]:
    out, offs = None, None
    for k, (w, p) in enumerate(tokens):
        cut = 0
        if len(w) >= 4 and w[-2:] in _AFTER_SUFFIX and lex.suffixes.get(w[:-2], "-") != "-":
            cut = len(w) - 2
        elif (len(w) == 2 and w[1] in _AFTER_SUFFIX_CHARS and k > 0 and p[:1] in ("v", "d", "p", "c")
              and any(len(x) >= 2 and (tokens[k - 1][0] + w[0]).endswith(x) and lex.suffixes[x] not in ("-", "org")
                      for x in lex.by_last.get(w[0], ()))):
            cut = 1  # 新田科技|城有|约210公顷: the suffix's last character taken into a verb
        elif (len(w) == 2 and w[0] in lex.by_last and p[:1] == "n" and 0 < k < len(tokens) - 1 and _glued(tokens[k - 1][0] + w[0], lex)
              and _one_word(w[1] + tokens[k + 1][0])):
            cut = 1  # …合作|区区|位优势: the suffix's last character glued to the next word (区位)
        if cut:
            if out is None:
                out, offs = list(tokens[:k]), list(offsets[:k])
            # "nl": a piece that is no single-character place piece for _merge_pieces (区|区 is no 区区)
            out += [(w[:cut], "nl" if cut == 1 else "n"), (w[cut:], "vn" if cut > 1 else p)]
            offs += [offsets[k], offsets[k] + cut]
        elif out is not None:
            out.append((w, p))
            offs.append(offsets[k])
    return (tokens, offsets) if out is None else (out, offs)


def _suffix_rules(text: str, tokens: list[tuple[str, str]], offsets: list[int], lex: Lexicon, gaz: list) -> list[_Cand]:
    out = []
    gaz_ends = {c.end for c in gaz}
    known = bytearray(len(text))  # characters inside a gazetteer name (2 for an organization's)
    gaz_start = {}  # position inside a gazetteer name -> where that name starts
    for c in gaz:
        known[c.start : c.end] = (b"\2" if c.type == "org" else b"\1") * (c.end - c.start)
        for x in range(c.start + 1, c.end):
            gaz_start[x] = c.start
    tokens, offsets = _merge_pieces(*_split_suffix_tokens(*_repair_abbreviations(tokens, offsets, lex), lex))
    by_last = lex.by_last
    campaign_end = -1  # where the last programme ended: 实施A工程和B工程 launches both
    for k, (word, pos) in enumerate(tokens):
        cands = by_last.get(word[-1])
        if cands is None:
            continue
        end = offsets[k] + len(word)
        if end in gaz_ends:
            continue  # a known name ends here (副中心, 通州区): it is the entity, not a suffix
        typ = None
        suffix = ""
        # The suffix may span several tokens (人民政府 = 人民 + 政府); it must end this one.
        for s in cands:
            if text.startswith(s, end - len(s)) and end >= len(s):
                typ, suffix = lex.suffixes[s], s
                break
        if typ is None or typ == "-":
            continue
        if any(w in lex.suffixes for w in _longer_words(text, end - len(suffix), end)):
            continue  # 郑州国家中心|城市: the suffix begins a longer suffix word (中心城市), which decides
        if typ in ("policy", "programme") and k + 1 < len(tokens) and tokens[k + 1][1] in ("n", "vn"):
            continue  # 战略协同, 规划建设, 政策体系: the word modifies what follows
        suffix_start = end - len(suffix)
        # The token that holds the suffix's first character.
        i = k
        while offsets[i] > suffix_start:
            i -= 1
        head_word, head_pos = tokens[i]
        if suffix in _WEAK_SUFFIXES and (len(head_word) == 2 or (len(head_word) > 2 and head_pos in ("ns", "nr")) or (offsets[i] == suffix_start and not (
                i > 0 and len(tokens[i - 1][0]) >= 2 and tokens[i - 1][1] in ("n", "vn", "nz", "l")))):
            continue
        proper = False
        if offsets[i] < suffix_start:
            # The suffix ends a longer word (西北工业大学, 通州区): that word is a name only
            # when the segmenter knows it as one, and one-character suffixes need three
            # characters in all (城市, 全区, 香港 are not names).
            # A two-character word after a proper name is the name's tail (永乐|店镇, 郑州|南站).
            tail_of_name = (len(suffix) == 1 and len(head_word) == 2 and i > 0
                            and head_pos in ("n", "ns", "nr", "nz", "ng", "j")
                            and tokens[i - 1][1] in ("ns", "nr", "nz") and len(tokens[i - 1][0]) >= 2)
            if len(suffix) == 1 and not tail_of_name and len(head_word) < 3:
                continue
            # 管理局, 保护区: a common word; the proper noun must then come before it.
            proper = _proper(head_word, head_pos) and not (len(suffix) == 1 and typ == "org" and head_pos not in ("nt", "j"))
        start = offsets[i]
        j = i - 1
        # Plans, rules and works have verbs in their names (北京长城保护条例, 豫东水资源配置工程), and so
        # do facilities (鲁豫国家区域科技创新中心, 京鲁科技成果转化基地).
        document = typ in ("policy", "programme", "project", "facility")
        longest = _MAX_TITLE if typ == "programme" else _MAX_NAME
        org_part = suffix in _ORG_PARTS
        region = typ == "place" and suffix in _REGIONS
        while j >= 0 and end - offsets[j] <= longest:
            w, p = tokens[j]
            if w == "”" and typ in ("facility", "project"):
                q = _quote_opening(tokens, j)
                if q is not None:
                    start, proper = offsets[q], True  # “三江”流域…清洁能源基地: the quoted name opens it
                break
            if region and w in ("—", "－", "-") and j > 0 and tokens[j - 1][1] == "ns" and _proper(*tokens[j + 1]):
                start = offsets[j]  # 岷江—长江上游经济带: a region spanned between two places
                j -= 1
                continue
            if (w in _MISTAGGED and (w != "新" or (j > 0 and _proper(*tokens[j - 1])) or tokens[j + 1][0] == "时代")) or (typ in ("project", "facility") and lex.suffixes.get(w) in ("project", "facility")):
                p = "n"  # 三亚|新|机场, G98环岛|高速|提档扩容工程: words rjieba tags as adjectives or adverbs
            if org_part and (known[offsets[j]] == 2 or lex.suffixes.get(w) == "org"):
                pass  # 海南师范大学桂林洋|校区: a campus or branch is named by its organization
            elif typ == "facility" and (w in _GOVERNING or (p[:1] == "v" and p != "vn" and w not in _FACILITY_VERBS)
                                      or (len(w) >= 3 and lex.suffixes.get(w) in ("facility", "org"))):
                break  # 香港成为|…枢纽, 安阳创建|…示范区; 虹桥商务区|国家进口贸易…示范区 are two names
            elif typ == "facility" and known[offsets[j]] == 2:
                break  # 信通院|国家ICT技术产业创新基地: the organization that runs it is a name of its own
            if document:
                # Titles of plans and rules hold verbs (北京长城保护条例, …保护传承三年行动计划); the
                # verb that governs the title (制定, 实施) ends it.
                if ((w in _GOVERNING and not (typ == "programme" and w in _QUALITY))
                        or (_stop_word(w) and not (_campaign(suffix, typ) and w in ("建设", "发展")))
                        or not (p in _NAME_POS or p.startswith("v") or p == "uv" or (typ == "programme" and p == "a")
                                or (typ == "facility" and p == "a" and len(w) == 2 and tokens[j + 1][1] == "n"
                                    and w[0] not in "最更很较" and w not in _EVALUATIVE))  # 清洁|能源基地, not 最大|专业…机场
                        or (len(w) > 2 and _holds_governing(w) and w not in _QUALITY)
                        or (typ in ("project", "facility") and w in _EXTRA_STOP
                            and not (w in _CLASS_WORDS and j > 0 and _proper(*tokens[j - 1])))):  # 成渝|世界级|机场群
                    break
                if p == "m" and w.endswith("年") and w[:-1] and not w[:-1].isdigit():
                    start = offsets[j]
                    j -= 1
                    continue  # 三年行动计划, 五年规划
            elif (p not in _NAME_POS and not (region and (p[:1] == "v" or (p == "f" and len(w) == 2)) and not _stop_word(w) and w not in _GOVERNING)) or w in _EXTRA_STOP or _stop_word(w):
                break  # a region may be named by what it does (成渝地区东出北上开放走廊)
            if p == "m" and not (w.isascii() and w.isalnum()) and not (typ == "facility" and _ORDINAL.fullmatch(w)):
                break  # 一批, 三大, 2021年's 年: counts and dates, not names
            if p == "q" and w in _COUNTERS:
                break  # 16个项目, 30项政策
            if w in _COUNTERS and j > 0 and tokens[j - 1][1] == "m":
                break
            if typ == "place" and suffix in _DESIGNATIONS and w in _DESIGNATION_WORDS:
                start = offsets[j]  # 郑州|国家|中心城市: a place's title, grown on to the place
                j -= 1
                continue
            if typ == "place" and ((not region and not _proper(w, p)) or (len(w) >= 2 and w[-1] in _PLACE_END)):
                break  # places are made of proper names (…位处|深圳河); 灏县镇 | 军屯村 are two places
            if _proper(w, p) or (p == "m" and not _next_is_measure(tokens, j)):
                proper = True
            start = offsets[j]
            j -= 1
        if typ == "facility" or region or typ == "project":
            # A facility's name may hold verbs (科技创新中心) but does not open with one: 创建|…示范区,
            # 联合创建|鲁豫…中心, 辐射带动|中关村通州园.
            t = bisect_left(offsets, start)
            while t < i and (tokens[t][1] in ("v", "vd", "vi", "d", "ad", "c", "p")
                             or (typ != "facility" and tokens[t][1] == "vn" and _proper(*tokens[t + 1]))):
                t += 1  # 优化|杭州都市圈, 宣传|大湾区港口群: a verbal noun before the place governs the name
            if start < offsets[t] and typ == "project" and suffix_start - offsets[t] < 2:
                continue  # 进出|川高速公路: one character left of a trimmed name is no name
            start = offsets[t]
        g = gaz_start.get(start)
        if g is not None and g < start:
            start = g  # 前|海|合作区: a gazetteer name (前海) the segmenter split opens the name whole
        if suffix in _NUMBERED and not (_ORDINAL.search(text, start, suffix_start) or _PHASE.search(text, start, suffix_start)):
            continue  # 煤电机组 is a kind; 昌江核电二期三号机组 is one unit
        if (not proper and suffix in _NAMED_BY_PLACE and suffix_start - start == 2 and offsets[i] == suffix_start
                and tokens[i - 1][1] in ("s", "ns", "nr", "j") and text[start:suffix_start] not in _GENERIC_AIRPORT
                and text[start:suffix_start] not in _NOT_PROPER):
            proper = True  # 东方机场: an airport is named by the place it serves, whatever tag the place got
        if not proper and any(known[start:suffix_start]):
            proper = True  # the name holds a gazetteer name (副中心站综合交通枢纽, 环球影城北…枢纽)
        if (not proper and _campaign(suffix, typ) and j >= 0
                and (tokens[j][0] in _CAMPAIGN_LEADS or (tokens[j][0] in _AND and offsets[j] == campaign_end))
                and 2 <= suffix_start - start <= 12 and _holds_noun(tokens, offsets, start, suffix_start)):
            proper = True  # 实施乡村建设行动, 开展城市更新行动: a campaign launched by name
        if (not proper and typ == "facility" and suffix_start - start >= 2 and _PHASE.match(text, end)
                and len(suffix) >= 2):
            proper = True  # 行政办公区二期: a facility built in phases is a particular one
        if not proper and typ == "project" and suffix_start - start >= 2:
            m = _SECTION.match(text, end)
            if m and (m.group(1) or lex.names.get(m.group(3), ("",))[0] == "place"):
                proper = True  # 雄商高铁河南段: a line built in sections named by places is a particular one
        if (not proper and typ == "facility" and suffix in _DESIGNATED and text.startswith("国家", start)
                and suffix_start - start >= 6 and (j < 0 or tokens[j][1][:1] in ("v", "p", "x", "c") or _stop_word(tokens[j][0]))):
            proper = True  # 建设国家数据要素综合试验区: a national designation is named, not a kind
        if start >= suffix_start or not proper or _LABEL.fullmatch(text, start, suffix_start):
            continue  # the suffix alone (工程, 项目) or a generic phrase (老旧小区改造工程)
        if typ != "project" and not _has_cjk(tokens, offsets, i, k, start, suffix_start):
            continue  # 11区: a number and a suffix; only lines (17号线, M101线) are named so
        if typ in ("project", "programme") and suffix.endswith("工程"):
            # 新时代立德树人工程: a 工程 of no place and no works is a programme; 琼西北供水工程 is a project
            typ = "project" if _physical_works(tokens, offsets, start, suffix_start, known) else "programme"
        if typ == "programme":
            campaign_end = end
        out.append(_Cand(start, end, typ, None, 0))
    return out


# Words that name physical works: a 工程 holding one (or a place, or a code like G98) is a project.
_WORKS = ("改造", "扩建", "新建", "改建", "续建", "供水", "调水", "引水", "输水", "治理", "防洪", "防汛", "加固", "整治", "修复",
          "配置", "调蓄", "线路", "管网", "管廊", "水利", "电网", "输变电", "水库", "道路", "公路", "铁路", "隧道", "桥", "入地",
          "搬迁", "灌区", "河道", "堤", "生态", "污水", "排水", "蓄滞洪", "枢纽", "机场", "港", "高速", "环线", "站",
          "特高压", "千伏", "输电", "直流", "联网", "过江", "挡潮", "闸", "堰", "填海", "码头", "管道", "水厂", "电站", "核电", "航道")


def _physical_works(tokens, offsets, start: int, end: int, known) -> bool:
    if any(known[start:end]):
        return True
    k = bisect_left(offsets, start)
    while k < len(tokens) and offsets[k] < end:
        w, p = tokens[k]
        if ((p == "ns" and w not in _NOT_PROPER) or p == "eng" or any(x in w for x in _WORKS)
                or (_proper(w, p) and len(w) >= 3 and w[-1] in "江河湖湾")):  # 吴淞江工程: works on a river
            return True
        k += 1
    return False


# Titles a city carries (郑州国家中心城市): the place and its title are one span, so a commitment to
# 加快郑州国家中心城市建设 names it whole; the title alone (建设国家中心城市) names no place.
_DESIGNATIONS = frozenset(["中心城市"])
_DESIGNATION_WORDS = frozenset("国家 国家级 区域 区域性 全国性 省域 综合性 国际 消费 国际消费".split())

# Campaigns (行动) are named by what they do, with no proper noun: 实施乡村建设行动, 开展城市更新行动.
# Only when a launching verb governs the name; 工程 stays generic without one (老旧小区改造工程).
_CAMPAIGNS = frozenset("行动 专项行动 行动计划 三年行动 攻坚行动".split())
_AND = frozenset("和 、 及 以及 与".split())


def _campaign(suffix: str, typ: str) -> bool:
    """Suffixes of campaigns that may be named with no proper noun: 行动, and 工程 rows typed programme
    (提升工程, 振兴工程 in entity_suffixes.tsv)."""
    return suffix in _CAMPAIGNS or (typ == "programme" and suffix.endswith("工程"))


_CAMPAIGN_LEADS = frozenset("实施 开展 启动 深化 组织 部署 推进 推行".split())


def _quote_opening(tokens, j: int) -> Optional[int]:
    """The index of the “ that opens the short quote closed by ``tokens[j]`` (”), when the quote holds a name
    (“三江”: a proper noun, at most six characters), else None."""
    q, n = j - 1, 0
    while q >= 0 and tokens[q][0] != "“":
        n += len(tokens[q][0])
        if n > 6 or tokens[q][1] not in _NAME_POS:
            return None
        q -= 1
    # a place or a name in it, not a slogan the segmenter calls an abbreviation (“小而美”)
    if q < 0 or q == j - 1 or not any(_proper(w, p) and p != "j" for w, p in tokens[q + 1 : j]):
        return None
    return q


def _holds_noun(tokens, offsets, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold more than verbs (提振消费, 水污染防治 yes; 提升 alone is no name)?"""
    k = bisect_left(offsets, start)
    while k < len(tokens) and offsets[k] < end:
        if tokens[k][1] not in ("v", "vd", "vi", "d", "ad"):
            return True
        k += 1
    return False


def _longer_words(text: str, start: int, end: int, longest: int = 4):
    """The words that start at ``start`` and run past ``end`` (up to ``longest`` extra characters)."""
    return (text[start:e] for e in range(end + 1, min(end + longest, len(text)) + 1))


def _has_cjk(tokens, offsets, i, k, start, suffix_start) -> bool:
    j = i
    while j > 0 and offsets[j] > start:
        j -= 1
    name = "".join(w for w, _ in tokens[j : k + 1])[: suffix_start - start]
    return any("\u4e00" <= ch <= "\u9fff" for ch in name)


def _next_is_measure(tokens: list[tuple[str, str]], j: int) -> bool:
    return j + 1 < len(tokens) and tokens[j + 1][1] == "q" and tokens[j + 1][0] not in ("号线", "号")


_STOP = None


def _stop_word(word: str) -> bool:
    """Commitment verbs (启动, 推进 …) tagged as verbal nouns still end a name."""
    global _STOP
    if _STOP is None:
        from .commitments import modal_verbs

        # the ladder's core, not every verb of action: names open with 提振, 创新 (提振消费专项行动)
        _STOP = modal_verbs() | {"建设", "实施", "开展", "打造", "引进", "依托", "围绕", "发展", "培育"}
    return word in _STOP


# Roads and streets named in works lists (宋梁路北延、日新路、云景西路等工程; 开工建设东关北街): the
# segmenter cannot know local road names, so they are read off their list context instead.
_ROAD = re.compile(
    r"(?:(?<=[、，。；：“（\n及和与])|^|(?<=建设|加快|推进|完成|实现|开工|启动|打通|新建|改造))"
    r"([\u4e00-\u9fff]{1,5}?(?:大街|大道|路|街)(?:[东西南北]延(?:线)?|[东西南北]段)?)"
    r"(?=[、，。；和与及等]|建设|工程|改造|道路工程)"
)
_NOT_ROAD = frozenset("道路 马路 公路 铁路 思路 出路 线路 网路 门路 套路 新路 老路 弯路 之路 销路 电路 水路 陆路 航路 一路 全路 "
                      "步行街 街道 大街 大道 小路 通路 进路 后路 前路 活路 支路 干路 次干路 主干路 道路交通".split())
_ROAD_LEAD = re.compile(r"^(?:确保|力争|争取|实现|完成|建成|加快|加大|推进|推动|深化|持续|启动|开工|建设|打造|打通|新建|改造|"
                        r"实施|提升|完善|和|及|与|以及)+")
_NOT_IN_ROAD = set("的之条走是在了着为把被将要对从向以其这那各每等一")


_NOT_ROAD_END = ("电路", "道路", "铁路", "公路", "线路", "思路", "门路", "进路", "水路", "新路", "快速路", "硬化路", "头路")


def _roads(text: str, tokens: list[tuple[str, str]], offsets: list[int]) -> list[_Cand]:
    out = []
    for m in _ROAD.finditer(text):
        name = m.group(1)
        start = m.start(1)
        # The list context may have been a verb or a conjunction: 加快厂通路 → 厂通路.
        lead = _ROAD_LEAD.match(name)
        if lead:
            name = name[lead.end():]
            start += lead.end()
        core = re.sub(r"(?:[东西南北]延(?:线)?|[东西南北]段)$", "", name)
        if core in _NOT_ROAD or len(core) < 3 or core.endswith(_NOT_ROAD_END) or any(ch in _NOT_IN_ROAD for ch in core):
            continue
        k = bisect_left(offsets, start)
        if any(tokens[j][1] == "v" for j in range(k, bisect_left(offsets, m.end(1)))):
            continue  # 加强道路, 强化金融街: a verb phrase, not a name
        out.append(_Cand(start, m.end(1), "project", None, 0))
    return out


_QUOTE_SPAN = re.compile(r"“([^“”\n]{1,30})”")
_TITLE = re.compile(r"《([^《》\n]{2,40})》")
_POLICY_TITLE = re.compile(r"(?:规划|纲要|条例|法|法典|办法|方案|意见|决定|规定|计划|协定|协议|公约|通知|措施|细则|准则|战略|政策|"
                           r"宪法|基本法|指引|清单|议定书|宣言|倡议)(?:（[^（）]*）)?(?:草案)?$")


# Items listed before 等 + a category of named works or places are names of that category:
# 平漯周、焦济洛平、郑州南站等高铁项目; 赵口、陆浑、渠村等灌区.  Only categories that are named one
# by one: 等项目 / 等基地 lists are usually kinds of things (双千兆网络、量子通信等项目).
_LIST_TYPES = {"高铁项目": "project", "高铁": "project", "铁路": "project", "城际": "project", "道路": "project",
               "公路": "project", "高速公路": "project", "高速": "project", "枢纽": "facility", "机场": "facility",
               "港口": "facility", "灌区": "place"}
_LIST = re.compile(r"等(?:\d+|[一二两三四五六七八九十百]+)?(?:个|条|座|处)?(?:国家|省|市)?(?:级)?(?:重点|重大|骨干)?("
                   + "|".join(sorted(_LIST_TYPES, key=len, reverse=True)) + ")")
_LIST_STOP = re.compile(r"[，。；：！？\n“”（）()]")


def _lists(text: str, tokens: list[tuple[str, str]], offsets: list[int]) -> list[_Cand]:
    out = []
    for m in _LIST.finditer(text):
        typ = _LIST_TYPES[m.group(1)]
        lo = max((x.end() for x in _LIST_STOP.finditer(text, max(0, m.start() - 80), m.start())), default=max(0, m.start() - 80))
        items = []
        pos = lo
        for part in text[lo : m.start()].split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        # The first item starts after the verb that governs the list (加快推进|平漯周).
        a, b = items[0]
        k = bisect_left(offsets, a)
        while k < len(tokens) and offsets[k] < b:
            w, p = tokens[k]
            if p[:1] in ("v", "p", "d", "c") or _stop_word(w) or w in _GOVERNING:
                a = offsets[k] + len(w)
            k += 1
        items[0] = (a, b)
        for a, b in items:
            name = text[a:b]
            if 2 <= len(name) <= 12 and not _NOT_LISTED.search(name) and "\u4e00" <= name[0] <= "\u9fff":
                out.append(_Cand(a, b, typ, None, 0))
    return out


_NOT_LISTED = re.compile(r"[的和与及或\d]|建设|改造|提升|发展")


def _quoted(text: str, lex: Lexicon) -> list[_Cand]:
    """Quoted names: ``“两区”建设`` (a policy word after the quote), ``“香港国际机场东莞空港中心”``
    (a suffix ending the quoted text: the name without its quotes), and ``《…条例》`` titles."""
    # canonical: the name without its quotation marks (两区建设), as the gazetteer writes it
    # a quoted name that ends in its own suffix (“十大工程”建设) is the name; 建设 is what is done to it
    out = [_Cand(m.start(), m.end(), _QUOTED_POLICY[m.group(2)], m.group().replace("“", "").replace("”", ""), 1) for m in _QUOTED.finditer(text)
           if not (m.group(2) == "建设" and any(m.group(1).endswith(x) and len(x) >= 2 for x in lex.by_last.get(m.group(1)[-1], ())))]
    for m in _QUOTE_SPAN.finditer(text):
        inner = m.group(1)
        for suf in lex.by_last.get(inner[-1], ()):
            # one-character suffixes are too weak here (“基本无违法建设区” is a goal, not a place)
            if inner.endswith(suf) and len(suf) >= 2 and len(inner) > len(suf) + 1:
                typ = lex.suffixes[suf]
                if typ in ("programme", "policy") or _LABEL.fullmatch(inner, 0, len(inner) - len(suf)):
                    # a quoted programme keeps its quotes; a counted label (“十大工程”) is a programme of works (“九大行动”), as 两区建设 does; canonical without
                    out.append(_Cand(m.start(), m.end(), typ if typ in ("programme", "policy") else "programme", inner, 1))
                elif typ != "-":
                    out.append(_Cand(m.start(1), m.end(1), typ, None, 1))
                break
    for m in _TITLE.finditer(text):
        # Laws, plans and agreements, not books or films (《咏春》) or the report itself.
        if _POLICY_TITLE.search(m.group(1)):
            out.append(_Cand(m.start(), m.end(), "policy", m.group(1), 1))
    return out


_QUOTED_MIDDLE = re.compile(r"“[^“”\n]{1,12}”(示范项目|项目|工程|行动|计划|基地|园区|中心)")


def _quoted_middle(text: str, tokens: list[tuple[str, str]], offsets: list[int], lex: Lexicon) -> list[_Cand]:
    """A name that a quoted slogan splits: 沙颍河“通港达园”项目 — a proper name, the quote, and a
    suffix word (the quote alone + 建设/行动 is handled by :func:`_quoted`)."""
    out = []
    for m in _QUOTED_MIDDLE.finditer(text):
        typ = lex.suffixes.get(m.group(1))
        if typ in (None, "-"):
            continue
        k = bisect_left(offsets, m.start())
        if k >= len(offsets) or offsets[k] != m.start():
            continue
        start, j, proper = m.start(), k - 1, False
        while j >= 0 and m.start() - offsets[j] <= 8:
            w, p = tokens[j]
            if not (p in _NAME_POS or p.startswith("nr")) or w in _EXTRA_STOP or _stop_word(w) or w in _GOVERNING:
                break
            proper = proper or _proper(w, p)
            start = offsets[j]
            j -= 1
        if proper and start < m.start():
            out.append(_Cand(start, m.end(), typ, None, 1))
    return out


# A company named in apposition to its kind: 货币经纪公司上田八木正式开业 (names without a suffix).
_APPOSITION = re.compile(r"(?:公司|企业|集团)([\u4e00-\u9fff]{2,6}?)(?=(?:正式|已|将)?(?:开业|落地|落户|入驻|揭牌|成立|投产))")


_APPOSITION_POS = frozenset("n nr nz ns nt j eng f nrt nrfg".split())


def _appositions(text: str, tokens: list[tuple[str, str]], offsets: list[int]) -> list[_Cand]:
    out = []
    for m in _APPOSITION.finditer(text):
        a, b = m.start(1), m.end(1)
        k, e = bisect_left(offsets, a), bisect_left(offsets, b)
        if k >= len(offsets) or offsets[k] != a or (e < len(offsets) and offsets[e] != b):
            continue  # the name must be whole words
        if all(p in _APPOSITION_POS and w not in ("总部", "机构", "企业", "公司") for w, p in tokens[k:e]):
            out.append(_Cand(a, b, "org", None, 0))
    return out


# Events are no entity type: the place that opens an event's name (北京国际电影节, 北京马拉松) is part of
# that name, not a mention of the place.
_EVENT = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:电影节|音乐节|艺术节|文化节|旅游节|戏剧节|马拉松|论坛|博览会|交易会|展览会|峰会|"
                    r"运动会|锦标赛|公开赛|非遗周|时装周|设计周|国际周|大会)")
_NOT_IN_EVENT = re.compile(r"[和与及在为将对把是等、]")


# Fixed political phrases a place name opens (中国特色社会主义, 中国式现代化, 中国梦): a nested part
# of a phrase, not a mention of the country.
_FIXED_PHRASE = re.compile(r"特色社会主义|式现代化|梦")


def _drop_event_places(text: str, cands: list[_Cand]) -> list[_Cand]:
    out = []
    for c in cands:
        if c.type == "place":
            m = _EVENT.match(text, c.end)
            if m and not _NOT_IN_EVENT.search(m.group()):
                continue
            if _FIXED_PHRASE.match(text, c.end):
                continue
        out.append(c)
    return out


def _inside_quotes(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Drop rule-made names that sit inside a short quoted slogan (「经珠港飞」 is no 港)."""
    spans = [(m.start(1), m.end(1)) for m in _QUOTE_SPAN.finditer(text) if m.end(1) - m.start(1) <= 12]
    if not spans:
        return cands
    starts = [a for a, _ in spans]
    out = []
    for c in cands:
        i = bisect_left(starts, c.start + 1) - 1
        if c.priority == 0 and i >= 0 and spans[i][0] <= c.start and c.end <= spans[i][1]:
            if (c.start, c.end) != spans[i] or c.end - c.start <= 6:
                continue  # a slogan (“港人治港”) or a piece of one
        if (c.priority == 2 and c.type == "place" and i >= 0 and spans[i][0] <= c.start and c.end <= spans[i][1]
                and (c.start, c.end) != spans[i]):
            continue  # a place inside a quoted brand (“大戏看北京”, “开放通州”): the outermost name only
        out.append(c)
    return out


_SECTION = re.compile(r"([\u4e00-\u9fff]{2,4})至([\u4e00-\u9fff]{2,4})段|([\u4e00-\u9fff]{2,3})段")


_NOT_SECTION = frozenset("全线 路段 区段 标段 首段 该段 此段 一段 分段 地段 线段 阶段 时段 全段 主段 支段".split())
_LINES = ("铁路", "高铁", "高速", "高速公路", "城际", "公路", "线")
_WORKS_ACTION = re.compile(r"(?:扩能改造|扩容改造|提质改造|改扩建|扩容|扩能|改造|扩建)(?=[、，。；和及与等]|前期|$)")


def _extend(text: str, c: _Cand, places: dict) -> _Cand:
    """Take in a phase (``一期``), a section (``阜阳至黄冈段``, ``河南段``) and a bracketed alias
    (``（平谷线）``, ``（北京段）``) that follow."""
    end = c.end
    if c.type in ("project", "facility", "org"):
        m = _PHASE.match(text, end)
        if m:
            end = m.end()
            if c.type == "org":
                c = dataclasses.replace(c, type="facility")  # 海南警察学院二期: a campus built in phases
    if c.type == "project":
        m = _SECTION.match(text, end)
        # a section is named by places: 河南段 yes, 建设阶段 no; 成渝铁路成隆段: two places' first characters
        if m and (m.group(1) or places.get(m.group(3), ("",))[0] == "place"
                  or (len(m.group(3)) == 2 and m.group(3) not in _NOT_SECTION and text.endswith(_LINES, c.start, c.end))):
            end = m.end()
        m = _WORKS_ACTION.match(text, end)
        if m:
            end = m.end()  # 成渝高速扩容, 成渝铁路成隆段扩能改造: works listed with what is done to them
    if c.type in ("project", "facility", "org"):
        m = _ALIAS.match(text, end)
        if m:
            end = m.end()
    return dataclasses.replace(c, end=end) if end != c.end else c


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping spans: longer first, then the more trusted source, then the earlier."""
    chosen: list[_Cand] = []
    taken = bytearray()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if len(taken) < c.end:
            taken.extend(b"\0" * (c.end - len(taken)))
        if any(taken[c.start : c.end]):
            continue
        taken[c.start : c.end] = b"\1" * (c.end - c.start)
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


# --------------------------------------------------------------------------- the annotator


def find_entities(report: Report, lexicon: Union[PathLike, Iterable[PathLike], None] = None) -> tuple[Entity, ...]:
    """The entities of ``report`` (see the module docstring); ``lexicon``: extra TSV files/folders."""
    lex = load_lexicon(lexicon)
    mv = match_view(report)
    text = mv.text
    tokens, offsets = match_tokens(report)
    boundaries = set(offsets)
    boundaries.add(len(text))
    gaz = _gazetteer(text, lex, boundaries)
    rules = _inside_quotes(text, _suffix_rules(text, tokens, offsets, lex, gaz) + _roads(text, tokens, offsets)
                           + _lists(text, tokens, offsets) + _appositions(text, tokens, offsets))
    cands = (_inside_quotes(text, _drop_event_places(text, gaz)) + _quoted(text, lex)
             + _quoted_middle(text, tokens, offsets, lex) + rules)
    cands = [_extend(text, c, lex.names) for c in cands]
    block_of = BlockLocator(report)
    out = []
    for c in _resolve(cands):
        start, end = mv.span(c.start, c.end)
        written = report.text[start:end]
        canonical = c.canonical
        if canonical is None and written != text[c.start : c.end] and not written.replace(" ", "") == text[c.start : c.end]:
            canonical = text[c.start : c.end]  # traditional as written, simplified as canonical
        out.append(Entity(id=f"e{len(out) + 1}", block=block_of(start), start=start, end=end, text=written,
                          type=c.type, canonical=canonical))
    return tuple(out)


@register(adds="entities")
def annotate_entities(report: Report, lexicon: Union[PathLike, Iterable[PathLike], None] = None) -> Report:
    """``report`` with its ``entities`` layer filled (see the module docstring)."""
    return dataclasses.replace(report, entities=find_entities(report, lexicon))
