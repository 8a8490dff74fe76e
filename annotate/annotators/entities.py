"""Entities: organizations, places, projects, facilities, policies and programmes (DOMAIN.md 5).

Contract: ``annotate_entities(report) -> Report`` fills ``report.entities`` with
:class:`~annotate.model.Entity` spans (ids ``e1``, ``e2`` … in text order, no two overlapping),
each with ``type`` (org | place | project | facility | policy | programme) and ``canonical`` —
the official full name when the gazetteer knows one (``国家发展改革委`` → ``国家发展和改革委员会``),
the simplified spelling for a traditional-script span, else None.

Three sources, all driven by data in ``annotate/lexicon/`` that users can extend:

1. the gazetteers ``entities.tsv``, ``enterprises.tsv`` (major companies named without a suffix: 宁德时代,
   比亚迪, 华为) and ``world.tsv`` (countries, blocs, regions: 东盟, 中东欧, 日韩, 东中部, 黔中), all
   ``name<TAB>type<TAB>canonical`` (canonical empty = the name itself, ``-`` = none known);
2. suffix rules ``entity_suffixes.tsv`` (``suffix<TAB>type``): a name ending in 委员会, 医院,
   工程, 号线, 园区, 战略 … grown leftwards over rjieba tokens that can be part of a name, and
   kept only when it holds a proper noun (so 重大项目 stays generic, 八里桥棚改项目 is kept);
3. a quoted programme or policy: ``“两区”建设``, ``“疏整促”专项行动``; a quoted name ending in a
   suffix (``“香港国际机场东莞空港中心”``); a ``《…条例》``-like title (policy);
4. context rules for names the segmenter cannot know: roads in works lists (``宋梁路北延、日新路、
   云景西路等工程``) and items listed before ``等`` + a category (``entity_lists.tsv``: ``平漯周、焦济洛平、
   郑州南站等高铁项目``, ``三峡、葛洲坝等水利枢纽``; weak categories such as 项目 only for items holding a
   proper noun); lines sharing one head (``宁杭、沪渝蓉高铁``); routes (``成都至重庆铁路``, ``合肥至武汉段``,
   ``上海港-洛杉矶港``); groups of city abbreviations (``苏锡常``, ``city_abbreviations.tsv``).

5. a name split by a quoted slogan (``沙颍河“通港达园”项目``) and a company named in apposition to its
   kind (``货币经纪公司上田八木正式开业``);
6. campaigns launched by name with no proper noun in them (``实施乡村建设行动``, ``开展提振消费专项行动``,
   ``实施制造业数字化赋能行动``: from the first word after the launching verb to 行动/专项行动/计划/工程; a
   count before it, 新一批, is not part of it; 老旧小区改造工程 and 重大工程 are kinds of works, no names).

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

Regions along a line open with 沿/环 (沿沪宁产业创新带, 环太湖科创圈); 发展 qualified by the word before it stands
inside a name (长三角生态绿色一体化发展示范区) but a verb of action never does (大力发展|临港); works on a facility
with their phase are a project (罗泾港区改造二期).

Issue 18, second round (tuning2/tuning3 gold): works with a phase and 工程 are a project (浦东国际机场四期工程); list
categories may carry a measured count (等172公里轨道交通线); roads named by their code (S3公路); reservoirs are named
whatever the segmenter reads (官路水库, not 病险水库); works linking two named waters hold the 与; plan titles hold
建设/发展 right before the title word (…枢纽建设总体方案), a period plan of a named policy is one title (西部大开发“十三五”
规划), titles named by a horizon year are policies (《中国制造2025》), 策略 ends a policy (《发展策略》); negative lists
are named by what they cover (外资准入负面清单); 国家 + a subject names a national strategy; a count right before the
suffix makes a counted label (…三大战略); a place opening a product brand (潜江龙虾, lexicon/brand_products.txt) and a
campaign's results (脱贫攻坚成果) are no entities; a facility word tagged proper whose head is one common noun (交易|中心,
枢纽|港) is a kind of site.

Issue 18, third round (held-out sets 3 and 5): a name wholly in quotes keeps them (「北部都会区」, bodies excepted);
Hong Kong's areas, lines and body abbreviations and Shanghai's functional areas are gazetteers, places joined by ╱ are
one area; metro extensions and sections after a phase, works named with their action (除险加固, 迁建, 增能改造), a river
with its works (长江等级提升, lexicon/river_works.txt), a city group before a line head (成达万高铁), routes through
three places or more; a company's name opens its own sites; list categories of areas and sites (等重点区域, 等口岸), a
list mostly of names making its short bare items names, a count vouching for a list without 等, quoted items before 等;
places listed before a shared site head are sites (杭州、宁波、温州机场); abbreviation pairs are places (川渝, 沪嘉);
plans issued with their horizon (基础研究十年规划), free trade areas between states (中日韩自贸区) are policies; a
plan's major projects and counted things (等13个港航项目) are kinds.

Issue 18, fourth round (misses pooled over every gold file, bench/entity_misses.py): national programmes named by
their subject and 重大工程 (中医药振兴发展重大工程); a campaign ends where 行动计划 ends (第三轮三年行动计划), and
``…行动方案`` or a plan title launched by its verb is a policy (制定未来产业发展规划; not 国土空间总体规划, a kind);
a region with its strategic aim is a policy, 建设 leaves the place (粤港澳大湾区建设 → 粤港澳大湾区); items of a
strong 等-list take its type over the gazetteer's place, and a free qualifier may stand before a weak works or site
category (等核电项目, 等储能项目: items holding a place and no verb); lines listed beside a line are lines whatever
their tags (沿江通道、北横通道); a name's first character the segmenter split off joins it (加快|白|龟山水库, 建成|汉魏|
故城…); China's bilateral agreements and the pairs sharing their head (中韩、中澳自贸协定; country_abbreviations.tsv);
place abbreviations are data (place_abbreviations.tsv).

Issue 18, branch e7 (pooled misses): a pair listed beside pairs of the same big city is a place whatever its tag (郑开、
郑新; 郑洛、郑许); works named by their owner or site and a phase stand as an item (惠州埃克森美孚一期竣工, 八所港高排港区
一期等项目); a listed route whose first end the segmenter misread is one project when the next item is a route or a
line (推进久治至马尔康、郎木寺至汶川…; 开工董家口至五莲、胶新铁路…).

Speed: the gazetteer scan finds candidate openings with one character-class pair (C-level) and matches only the
trie of that first character (one trie regex over all names tries every first character's branch at every
position); per-token tests are memoised per distinct ``(word, tag)`` and picked with ``map``/``compress``
(:class:`_TokenTest`); rare words are found with ``str.find``; patterns open with a character class, not a
lookbehind; the longest suffix ending at a token comes from one regex over the reversed text.  No rule runs Python
code per character.

Overlaps are resolved longest first (then gazetteer > quoted/listed > rules): spans never nest.

Extra lexicon files come from the ``ANNOTATE_LEXICON`` environment variable or the ``lexicon``
argument (see :mod:`annotate.annotators._textview`).  Matching runs on the simplified view of
the text without horizontal whitespace, so ``地铁 22 号线`` and traditional ``國務院`` match;
offsets are mapped back to ``Report.text``.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from functools import cached_property, lru_cache
from itertools import compress
from dataclasses import dataclass
from typing import Iterable, Optional, Union

from ..model import Entity, Report
from ..lazyre import compiled
from . import register
from .entities_hongkong import hong_kong_names
from ._textview import LEXICON_DIR, BlockLocator, PathLike, files_key, lexicon_files, match_tokens, match_view, read_tsv

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
_FACILITY_VERBS = frozenset("创新 转化 合作 发展 示范 交流 服务 研发 孵化 检测 制造 培训 交易 展示 运营 保护 利用 开放 抽水 蓄能 接续 开发 "
                            "促进 应用 集结 加注 分拨 联运 试验 中试 研究 监测 管理 育种 创业 共享 融合 物流 认证 "
                            "评价 计算 展览 会展 转移 储备 调度 指挥 救援 实践 创意 设计 体验 加工 集散 配送".split())
# action verbs that also name what a site does (进口贸易促进创新示范区): inside a facility's name they govern nothing;
# a leading one is trimmed off like any verb
_INNER_ACTIONS = frozenset(["促进"])
_ADVERBIAL = frozenset("大力 全力 着力 努力 加力 积极 持续 不断".split())  # nouns by tag that modify the verb after them
_NOT_PROPER = frozenset("城市 城镇 城乡 海洋 新建 美丽 美 深度 法治化 上市 新城 惠及 宜居 都市 大都市 大城市 福利 大国 大省 "
                        "城中村 河湖 治本 普通高中 海滨 滨海 滨水 大桥 湾区 深海 深水 普及 南北 东西 陆海 上楼 山水 山区 "
                        "山海 加大力度 海湾 上同 外国 广大干部 新旧 海关 台风 爱国 入市 美化 巴士 平原 加密 满意度 内河 "
                        "开园 重特大 友城 安宁 北 南 东 西 云 养老 中英文 智慧 高峰 煤电 智能 过江 普通 通信 "
                        "新兴产业 国际贸易中心 国际航运 国际航空 国际金融中心 国际经济中心 国际消费中心".split())


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
_NATIONAL_POLICIES = frozenset(["战略"])  # 国家 + what the strategy is about names one (国家大数据战略)
_GENERIC_STRATEGY = frozenset("区域 重大 区域重大 发展 重要 总体 重点 相关".split())  # 国家区域战略: a kind
_DESIGNATED = frozenset("试验区 示范区 实验区 先行区 先导区 综合试验区".split())
# Regions planned across places (成渝主轴经济走廊): named over common nouns, like facilities, not only proper ones.
_REGIONS = frozenset("经济带 经济区 经济走廊 开放走廊 文旅走廊 旅游走廊 生态走廊 城市群 都市圈 经济圈 科创走廊 科创大走廊 创新带 产业带 发展带 "
                      "科创圈 创新圈 协同区 经济协作区 新区 新城 新片区 片区".split())  # districts planned in a city too (宜昌东部产业新区)
_DISTRICTS = frozenset("新区 新城 新片区 片区".split())
# Class words that stop a name unless a place stands before them (成渝世界级机场群; 打造世界级产业集群 is no name).
_CLASS_WORDS = frozenset("世界级 国家级 国际性".split())
_NUMBERED = frozenset(["机组"])  # suffixes of things named by their number or phase only
_EVALUATIVE = frozenset("重要 主要 优质 先进 新型 大型 重大 良好 优秀 一流 知名 著名 特色 现代 高端 优良".split())
_ORDINAL = compiled(r"[一二三四五六七八九十\d]{1,3}号")  # 三号机组: a unit's number is part of its name
# Suffixes named by the place they serve (东方机场); the words that make them kinds instead.
_NAMED_BY_PLACE = frozenset(["机场"])
_GENERIC_AIRPORT = frozenset("国际 支线 通用 民用 运输 枢纽 干线 军用 新建 现有 区域 大型 中型 小型 省内 国内 境内 全省 全市 "
                             "货运 客运 航空 主要 重要 新的 各地 城市 地方 周边 沿线 高原 海岛".split())
_LABEL = compiled(r"[\d一二两三四五六七八九十百]+[大个]")  # 三大工程, 6大行动, 五个中心: a count, not a name
# Parts of an organization named by it (海南师范大学桂林洋校区): the organization does not end the name.
_ORG_PARTS = frozenset("校区 分校 院区 分院".split())
# 县域经济高质量发展行动: a campaign's name may say how (高质量) though the word governs elsewhere.
_QUALITY = frozenset("高质量 高水平 高标准".split())
_LABEL_END = compiled(r"[\d一二两三四五六七八九十百]+[大个]$")  # a count right before the suffix: a counted label
_PHASE = compiled(r"[一二三四五六七八九十\d]{1,2}期")
_COUNT_BEFORE = compiled(r"[\d一二两三四五六七八九十百]+$")
_COUNTED_KIND = compiled(r"等(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余)?[个项条座批处所家]$")
_ALIAS = compiled(r"（(?!含|包括|包含)([^（）()，。；、：！？“”\n]{1,10})）")  # （含龙颈水库扩建） lists what the works include
_QUOTED_POLICY = {"规划": "policy", "战略": "policy", "政策": "policy", "改革": "policy", "条例": "policy",
                  "纲要": "policy", "建设": "programme", "行动": "programme", "专项行动": "programme",
                  "工程": "programme", "计划": "programme", "行动计划": "programme", "倡议": "programme",
                  "策略": "policy"}  # 「再工业化」策略: Hong Kong names its strategies 策略
# “3个100”市重点工程: a level and 重点/重大 may stand between the quote and the programme word
_QUOTED = compiled(r"“([^“”‘’\n［\[]{1,12})”(?:(?:[市省区县]|国家)(?:重点|重大)?)?(" + "|".join(sorted(_QUOTED_POLICY, key=lambda w: (-len(w), w))) + ")")


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Lexicon:
    """The compiled entity lexicon: gazetteer names and suffix rules."""

    names: dict  # name -> (type, canonical or None)
    suffixes: dict  # suffix -> type
    by_last: dict  # last character -> suffixes ending in it, longest first
    # every suffix, reversed, as one trie regex: matched on the reversed text at ``len - end`` it gives the
    # longest suffix ending at ``end`` in one C-level call
    reversed_suffix: Optional[re.Pattern]
    longer: dict  # suffix -> the suffix words that begin with it and run 1-4 characters longer (中心 -> 中心城市)
    glue_tails: frozenset  # the last two characters of the suffixes a following word may swallow (see _glued)
    companies: frozenset  # the names of enterprises.tsv: a company's name opens the names of its own sites
    # The gazetteer scan (see _gazetteer): ``openings`` finds, in C, every position whose two characters could
    # open a name (a superset); ``bigrams`` are the names' real first two characters and ``by_first`` the trie
    # regex of the names opening with one character, so no match tries the hundreds of other first characters
    # (each trie compiled at its first lookup: :class:`_TriesByFirst`).
    openings: Optional[re.Pattern] = None
    bigrams: frozenset = frozenset()
    by_first: dict = dataclasses.field(default_factory=dict)
    # per-token tests that depend on the suffix table (see _TokenTest), filled by _lexicon_tests
    ends_suffix: Optional["_TokenTest"] = None  # the word's last character ends some suffix
    may_split: Optional["_TokenTest"] = None  # _split_suffix_tokens may cut the word

    @cached_property
    def pattern(self) -> Optional[re.Pattern]:
        """The trie-shaped alternation of every gazetteer name (None without names), compiled at first use.

        The scan does not use it (see ``openings``/``by_first``): it is the plain reference form, kept for
        tests and callers that search with it.  Compiling it cost every process ~18 ms (building and
        compiling) that the tagging never used."""
        return compiled(_trie_regex(self.names)) if self.names else None


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
# gazetteers shipped beside entities.tsv: major enterprises named without a suffix (宁德时代, 比亚迪), countries,
# blocs and regions (东盟, 中东欧, 日韩, 黔中), and Hong Kong's areas, lines and bodies (洪水桥, 东铁线, 机管局)
_BUILTIN_GAZETTEERS = ("enterprises.tsv", "world.tsv", "hongkong.tsv")


def _longer_suffixes(suffixes: dict) -> dict:
    """Each suffix → the suffixes that extend it by one to four characters, in ``suffixes`` order
    (suffixes with none are left out).  Built from each suffix's own prefixes: linear in the
    table, where testing every pair was quadratic."""
    longer: dict = {}
    for y in suffixes:
        for cut in range(max(1, len(y) - 4), len(y)):
            if y[:cut] in suffixes:
                longer.setdefault(y[:cut], []).append(y)
    return {x: tuple(longer[x]) for x in suffixes if x in longer}


def load_lexicon(extra: Union[PathLike, Iterable[PathLike], None] = None) -> Lexicon:
    """Built-in lexicon + ``ANNOTATE_LEXICON`` + ``extra`` files, compiled and cached."""
    user = lexicon_files("entities.tsv", extra)
    # built-in gazetteers: entities.tsv, then the enterprises and the world's places (user files come last, so
    # a user row replaces a built-in one)
    gaz_files = user[:1] + [LEXICON_DIR / f for f in _BUILTIN_GAZETTEERS] + user[1:]
    suf_files = lexicon_files("entity_suffixes.tsv", extra)
    key = (files_key(gaz_files), files_key(suf_files))
    lex = _LEXICON_CACHE.get(key)
    if lex is not None:
        return lex
    names: dict = {}
    companies = set()
    for f in gaz_files:
        for name, typ, canonical in read_gazetteer(f):
            names[name] = (typ, canonical)
            if f == LEXICON_DIR / "enterprises.tsv" and typ == "org":
                companies.add(name)
    suffixes: dict = {}
    for f in suf_files:
        for row in read_tsv(f):
            if len(row) < 2 or (row[1] not in ENTITY_TYPES and row[1] != "-"):
                raise ValueError(f"{f}: bad suffix row {row!r}: want suffix<TAB>type")
            suffixes[row[0]] = row[1]
    by_last: dict = {}
    for suf in sorted(suffixes, key=len, reverse=True):
        by_last.setdefault(suf[-1], []).append(suf)
    reversed_suffix = compiled(_trie_regex(x[::-1] for x in suffixes)) if suffixes else None
    lex = Lexicon(names, suffixes, {k: tuple(v) for k, v in by_last.items()}, reversed_suffix,
                  _longer_suffixes(suffixes),
                  frozenset(x[-2:] for x, t in suffixes.items() if len(x) >= 2 and t not in ("-", "org")),
                  frozenset(companies), *_gazetteer_index(names))
    lex = dataclasses.replace(lex, **_lexicon_tests(lex))
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


class _TokenTest(dict):
    """A memo of one test on a ``(word, tag)`` token: ``test[token]`` is ``bool(fn(token))``, computed once per
    distinct token in the process.  :meth:`hits` picks a report's matching tokens with ``map`` and ``compress``,
    which run in C: a pass over some ten thousand tokens costs Python work only for words not seen before."""

    __slots__ = ("fn",)

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, token):
        if len(self) > 500_000:
            self.clear()  # bound the memory a long batch run can spend on rare words
        v = self[token] = bool(self.fn(token))
        return v

    def hits(self, tokens: list) -> list[int]:
        """Indexes of the tokens that pass the test, in order."""
        return list(compress(range(len(tokens)), map(self.__getitem__, tokens)))


def _gazetteer_index(names: dict) -> tuple[Optional[re.Pattern], frozenset, dict]:
    """``(openings, bigrams, by_first)`` of :class:`Lexicon` for the gazetteer ``names``.

    One trie regex over all names is slow to search: at each position the regex engine tries the top-level
    branch of every first character in turn.  Instead a two-character class pair finds candidate positions,
    a set lookup keeps those that open a name, and the trie of that first character alone matches there."""
    if not names:
        return None, frozenset(), {}
    singles = "".join(sorted({n for n in names if len(n) == 1}))
    firsts = "".join(sorted({n[0] for n in names if len(n) > 1}))
    seconds = "".join(sorted({n[1] for n in names if len(n) > 1}))
    # a character class first (no lookahead around it), so the engine skips other characters in its fast loop
    alts = ["[" + re.escape(firsts) + "](?=[" + re.escape(seconds) + "])"] + (["[" + re.escape(singles) + "]"] if singles else [])
    openings = compiled("|".join(alts))
    grouped: dict = {}
    for n in names:
        grouped.setdefault(n[0], []).append(n)
    return openings, frozenset(n[:2] for n in names), _TriesByFirst(grouped)


class _TriesByFirst(dict):
    """First character → the trie regex of the gazetteer names that open with it, compiled at its first lookup.

    Contract: ``tries[ch]`` is ``compiled(_trie_regex(groups[ch]))``, the same object at every later lookup
    (a race compiles twice but keeps the first); ``KeyError`` for a character no name opens with.  Only the
    ``[]`` lookup is the contract: ``in``, ``len`` and iteration see the tries compiled so far.

    Why: a lexicon has some 470 first characters and a report opens names with a few dozen of them; compiling
    every trie up front cost each process ~15 ms (building and compiling) before its first entity."""

    def __init__(self, groups: dict):
        super().__init__()
        self.groups = groups  # first character -> the names opening with it

    def __missing__(self, ch: str) -> re.Pattern:
        return self.setdefault(ch, compiled(_trie_regex(self.groups[ch])))


def _gazetteer(text: str, lex: Lexicon, boundaries: set[int], splits: Optional[list] = None) -> list[_Cand]:
    """Gazetteer names in ``text``, left to right, the longest at each position, never overlapping (the
    leftmost-longest scan of the one trie regex, done position by position on the few candidate positions).
    Where a name begins one character into a token that opens with a preposition (北环线|由古洞|站), the name is
    taken and its start is added to ``splits``, where the token must be cut."""
    out = []
    if lex.openings is None:
        return out  # no gazetteer names
    names, bigrams, by_first = lex.names, lex.bigrams, lex.by_first
    pos = 0  # the next position a name may start at
    for o in lex.openings.finditer(text):
        i = o.start()
        if i < pos or (text[i : i + 2] not in bigrams and text[i] not in names):
            continue
        m = by_first[text[i]].match(text, i)
        if m is None or m.end() == i:
            continue
        name = m.group()
        # Two-character names (通州, 河北) must be whole words, or 北运河北京段与河北段 yields 河北; a rejected
        # one lets a name start at the next character.
        glued = i not in boundaries and i - 1 in boundaries and text[i - 1] in _PREPOSITIONS
        if len(name) > 2 or ((i in boundaries or glued) and m.end() in boundaries):
            typ, canonical = names[name]
            out.append(_Cand(i, m.end(), typ, canonical, 2))
            pos = m.end()
            if glued and splits is not None:
                splits.append(i)  # 由古洞: a preposition the segmenter glued to the name
    return out


_PLACE_END = "省市区县镇乡村"
_GOVERNING = frozenset("制定 实施 出台 发布 编制 修订 落实 执行 贯彻 开展 印发 组织 用好 抓好 做好 完善 优化 加强 健全 支持 围绕 "
                        "依托 按照 根据 通过 对 把 以 和 及 与 等 是 为 将 在 提出 形成 制订 启动 推出 配合 参与 服务 融入 入选 获评 "
                        "推行 举办 执行 争取 高水平 高质量 高标准 新一轮 重启 会".split())
_GOVERNING_WORDS = tuple(w for w in _GOVERNING if len(w) >= 2) + (
    "入选", "获评", "落户", "位于", "包括", "以及", "层面", "签约", "推行", "举办", "执行", "争取", "完成", "实现", "确保")


_GOVERNING_IN = compiled("|".join(map(re.escape, sorted(set(_GOVERNING_WORDS), key=lambda w: (-len(w), w)))))


def _holds_governing(word: str) -> bool:
    """全面完成, 严格执行: a longer token that is really a governing verb with an adverb."""
    return _GOVERNING_IN.search(word) is not None


_COUNTERS = frozenset("个 项 场 家 批 座 处 条 所 名 户 位 次 件 类 种 宗 支 只 张 套 台 辆 亩 万 亿 年 月 日 届 期 区 间 轮".split())
_EXTRA_STOP = frozenset("建设 实施 开展 打造 引进 依托 围绕 发展 培育 落户 落地 晋级 入选 获评 位于 建成 启用 开通 投用 "
                        "签约 入驻 包括 以及 层面 级 新建 改建 扩建 高水平 高质量 高标准 新一轮 一批 各类 重点 重大 境外 境内 "
                        "若干 多个 两地 三地 各地 多地 两岸 大中型 大型 中型 小型 中小型 大中小型 一流 世界级 国家级 省级 市级 暨 代表 全线 "
                        "现有".split())  # 现有|罗湖站: the existing one, not part of its name


_PLACE_END_CHARS = frozenset(_PLACE_END)


def _piece(token: tuple[str, str]) -> bool:
    return len(token[0]) == 1 and token[1] in _PIECE_POS


_PLACE_SUFFIX_PIECE = _TokenTest(lambda t: t[0] in _PLACE_END_CHARS and t[1] in _PIECE_POS)


def _merge_pieces(tokens: list[tuple[str, str]], offsets: list[int]) -> tuple[list, list]:
    """Join runs of 2-4 single characters ending in a place suffix (灏/县/镇 → 灏县镇): the
    segmenter splits unknown or OCR-damaged place names into pieces."""
    merges = []  # (first, last+1) token ranges to join
    n = len(tokens)
    done = 0
    # Only a run of single-character pieces that holds a place suffix can merge: find those first (one
    # comprehension), then read each whole run left to right as before.
    for hit in _PLACE_SUFFIX_PIECE.hits(tokens):
        if hit < done:
            continue
        k = hit
        while k > done and _piece(tokens[k - 1]):
            k -= 1
        while k < n and _piece(tokens[k]):
            j = k + 1
            while j < n and j - k < 4 and _piece(tokens[j]):
                j += 1
            e = j
            while e - k >= 2 and tokens[e - 1][0] not in _PLACE_END_CHARS:
                e -= 1  # the longest run ending in a place suffix
            if e - k >= 2:
                merges.append((k, e))
                k = e
            else:
                k = j
        done = k
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


@lru_cache(maxsize=4096)
def _generic_head(prefix: str) -> bool:
    """Is ``prefix`` (what a facility word tagged proper holds before its suffix) one common noun?  枢纽|港 and
    中央|商务区 are tagged proper as wholes, but a hub port and a central business district are kinds of sites, not
    names (日照|港, 国家|博物馆: a place or the nation makes one particular)."""
    import rjieba

    tags = rjieba.tag(prefix)
    return len(tags) == 1 and tags[0][1] in ("n", "vn") and prefix not in ("国家", "中国")


def _one_word(s: str) -> bool:
    """Is ``s`` one word for the segmenter (区位 yes)?"""
    import rjieba

    return len(rjieba.cut(s)) == 1


# Single-character abbreviations of provinces and big cities (lexicon/place_abbreviations.tsv): a 2-3 character
# token made of them is a pair or triple of places (成渝, 济青, 深港, 京津冀) whatever tag the segmenter gave it.
_ABBREV = frozenset(row[0] for row in read_tsv(LEXICON_DIR / "place_abbreviations.tsv") if len(row[0]) == 1)


def _abbrev(w: str) -> bool:
    return 2 <= len(w) <= 3 and w[0] in _ABBREV and w[-1] in _ABBREV and len(set(w)) == len(w) and all(ch in _ABBREV for ch in w)


# Parts of a river or region that make a set phrase with its name (长江上游/l): still a place.
_PLACE_PARTS = frozenset("上游 中游 下游 流域 沿岸 沿线 两岸 南部 北部 东部 西部 中部 腹地".split())


_MAY_BE_ABBREVIATION = _TokenTest(lambda t: (len(t[0]) < 4 and t[0][0] in _ABBREV and t[0][-1] in _ABBREV)
                                   or (len(t[0]) == 1 and t[0] in _ABBREV) or t[1] == "l")


def _repair_abbreviations(tokens: list[tuple[str, str]], offsets: list[int], lex: Lexicon) -> tuple[list, list]:
    """Tag place-abbreviation pairs proper (济青/a → j), undo a verb that swallowed the first of them
    (打|造成|渝 → 打造|成渝), and tag a place + part set phrase a place (长江上游/l → ns)."""
    out, offs = list(tokens), list(offsets)
    removed, consumed = 0, -1  # tokens merged away so far; the original index a pair merge swallowed
    # Only tokens that open or close with an abbreviation, or set phrases (l), can change: find them in one
    # comprehension, then visit them in order (their own word and tag are the original ones).
    for k0 in _MAY_BE_ABBREVIATION.hits(tokens):
        if k0 == consumed:
            continue
        k = k0 - removed
        w, p = out[k]
        if p == "l" and len(w) == 4 and w[2:] in _PLACE_PARTS and lex.names.get(w[:2], ("",))[0] == "place":
            out[k] = (w, "ns")
        elif w[0] not in _ABBREV and w[-1] not in _ABBREV:
            pass
        elif (len(w) == 1 and w in _ABBREV and p in ("j", "ns") and k >= 2 and len(out[k - 1][0]) == 2
                and out[k - 1][1] == "v" and out[k - 1][0][1] in _ABBREV and len(out[k - 2][0]) == 1
                and out[k - 2][1] in ("v", "d") and _one_word(out[k - 2][0] + out[k - 1][0][0])):
            # 共/d|建成|渝 → 共建|成渝 as 打|造成|渝 → 打造|成渝
            v = out[k - 1][0]
            out[k - 2:k + 1] = [(out[k - 2][0] + v[0], "v"), (v[1] + w, "j")]
            offs[k - 2:k + 1] = [offs[k - 2], offs[k - 1] + 1]
            removed += 1
        elif (len(w) == 1 and k + 1 < len(out) and len(out[k + 1][0]) == 2 and out[k + 1][1] in ("ns", "j")
              and _abbrev(w + out[k + 1][0])):
            out[k:k + 2] = [(w + out[k + 1][0], "j")]  # 广|深港 → 广深港
            del offs[k + 1]
            removed += 1
            consumed = k0 + 1
        elif (len(w) == 1 and p in ("j", "ns", "nr") and k + 1 < len(out) and len(out[k + 1][0]) == 1
              and out[k + 1][1] in ("j", "ns", "nr") and _abbrev(w + out[k + 1][0])
              and not (k + 2 < len(out) and out[k + 2][0] in _ABBREV) and not (k > 0 and out[k - 1][0] in _ABBREV)):
            out[k:k + 2] = [(w + out[k + 1][0], "j")]  # 川|渝 → 川渝 (not the first two of 苏|锡|常)
            del offs[k + 1]
            removed += 1
            consumed = k0 + 1
        elif _abbrev(w) and p not in _PROPER_POS and p[:1] != "v":
            out[k] = (w, "j")
    return out, offs


def _lexicon_tests(lex: "Lexicon") -> dict:
    """The per-token tests of ``lex`` (fields of :class:`Lexicon`) that read its suffix table."""
    by_last = lex.by_last
    return {
        "ends_suffix": _TokenTest(lambda t: t[0][-1] in by_last),
        # two-character tokens and tokens ending in a works word or 等 (the candidates of _split_suffix_tokens)
        "may_split": _TokenTest(lambda t: (len(t[0]) == 2 and (t[0][1] in _AFTER_SUFFIX_CHARS
                                                               or (t[1][0] == "n" and t[0][0] in by_last)))
                                or t[0][-2:] in _AFTER_SUFFIX or t[0][-1] == "等"),
    }


def _split_suffix_tokens(tokens: list[tuple[str, str]], offsets: list[int], lex: Lexicon) -> tuple[list, list]:
    """Split a token whose first part ends a name's suffix (琼西北供水|工程建设, 新田科技|城有, …合作|区区|位)."""
    cuts = []  # (token index, where to cut it)
    by_last, n = lex.by_last, len(tokens)
    # candidates in one comprehension: two-character tokens and tokens ending in a works word
    tails = lex.glue_tails
    for k in lex.may_split.hits(tokens):
        w, p = tokens[k]
        if len(w) >= 3 and w[-1] == "等" and p in ("ns", "nr", "nz", "j"):
            cuts.append((k, len(w) - 1))  # 通苏嘉甬等|高铁: the list's 等 glued to the last item
        elif len(w) == 2 and w[0] == "线" and w[1] in "东西南北" and k > 0 and tokens[k - 1][0].endswith("号"):
            cuts.append((k, 1))  # 13|号|线西|延伸: the line's 线 glued to the direction of its extension
        elif len(w) >= 4 and w[-2:] in _AFTER_SUFFIX and lex.suffixes.get(w[:-2], "-") != "-":
            cuts.append((k, len(w) - 2))
        elif (len(w) == 2 and w[1] in _AFTER_SUFFIX_CHARS and k > 0 and p[:1] in ("v", "d", "p", "c")
              and any(len(x) >= 2 and (tokens[k - 1][0] + w[0]).endswith(x) and lex.suffixes[x] not in ("-", "org")
                      for x in by_last.get(w[0], ()))):
            cuts.append((k, 1))  # 新田科技|城有|约210公顷: the suffix's last character taken into a verb
        elif (len(w) == 2 and w[0] in by_last and p[:1] == "n" and 0 < k < n - 1 and tokens[k - 1][0][-1] + w[0] in tails
              and _glued(tokens[k - 1][0] + w[0], lex)
              and _one_word(w[1] + tokens[k + 1][0])):
            cuts.append((k, 1))  # …合作|区区|位优势: the suffix's last character glued to the next word (区位)
    if not cuts:
        return tokens, offsets
    out, offs, pos = [], [], 0
    for k, cut in cuts:
        w, p = tokens[k]
        out += tokens[pos:k]
        offs += offsets[pos:k]
        # "nl": a piece that is no single-character place piece for _merge_pieces (区|区 is no 区区)
        if w[cut:] == "等":
            out += [(w[:cut], p), ("等", "u")]
        else:
            out += [(w[:cut], "nl" if cut == 1 else "n"), (w[cut:], "vn" if cut > 1 else p)]
        offs += [offsets[k], offsets[k] + cut]
        pos = k + 1
    return out + tokens[pos:], offs + offsets[pos:]


# Words of action the segmenter tags as nouns (加密|中欧中亚班列, 开行|…班列): they never open a name of works.
_OPENING_ACTIONS = frozenset("加密 开行 开通 增开 新开 拓展 加快 打通 贯通 新建 续建 扩建 改建 谋划 推动 推进 力争 通车 新开工 投用 "
                            "开工 建成投产 投产 建成".split())

# Tags of the words that may qualify 发展 inside a name (一体化发展, 绿色发展, 高质量发展).
# A place before 发展 makes it a verb (香港发展成…枢纽), so places are no such qualifier.
_MODIFIER_POS = frozenset("n vn l a an b v".split())
# Verbs of action that end a token the segmenter glued to an adverb (大力发展, 大力提升): never inside a name.
_ACTION_VERBS = frozenset("加快 加大 推进 推动 深化 持续 实施 加强 完善 提升 优化 强化 落实 开展 建设 打造 培育 扩大 促进 "
                          "健全 建立 发展 壮大 巩固 提高 增强 拓展 抓好 办好 做强 做优 改善 保障 规范 支持 鼓励 引导 启动 "
                          "开工 新建 研究 探索 谋划 确保 力争 争取 实现 完成 达到 建成".split())

# Suffixes that also close common phrases (快速通道, 成才通道): the name before them must be proper words only.
_TIGHT_SUFFIXES = frozenset(["通道"])


def _all_proper(tokens, offsets, a: int, b: int, known) -> bool:
    """Is ``text[a:b]`` made of proper words only (place names, abbreviation pairs, gazetteer names)?"""
    k = bisect_left(offsets, a)
    if k >= len(tokens) or offsets[k] != a:
        return False
    while k < len(tokens) and offsets[k] < b:
        w, p = tokens[k]
        if not (known[offsets[k]] or _abbrev(w) or (_proper(w, p) and p != "nz")):
            return False
        k += 1
    return True


def _known(text: str, gaz: list) -> tuple[bytearray, dict]:
    """Characters inside a gazetteer name (2 for an organization's, else 1), and for each position inside
    a name (not its first) where that name starts."""
    known = bytearray(len(text))
    gaz_start = {}
    for c in gaz:
        known[c.start : c.end] = (b"\2" if c.type == "org" else b"\1") * (c.end - c.start)
        for x in range(c.start + 1, c.end):
            gaz_start[x] = c.start
    return known, gaz_start


_PREPOSITIONS = frozenset("由从在向经往到于自")


def _split_at(tokens: list[tuple[str, str]], offsets: list[int], splits: list[int]) -> tuple[list, list]:
    """The tokens cut at the ``splits`` (text positions inside a token, a one-character preposition before each):
    由古洞 → 由 + 古洞, so the name stands as a word of its own for the suffix rules."""
    if not splits:
        return tokens, offsets
    out, offs = list(tokens), list(offsets)
    for x in sorted(splits, reverse=True):
        k = bisect_left(offs, x) - 1
        w = out[k][0]
        out[k:k + 1] = [(w[0], "p"), (w[1:], "ns")]
        offs[k:k + 1] = [offs[k], x]
    return out, offs


def repaired_tokens(tokens: list[tuple[str, str]], offsets: list[int], lex: Lexicon) -> tuple[list, list]:
    """The segmenter's tokens with place abbreviations, glued suffixes and split place pieces repaired (the
    token view every rule reads)."""
    return _merge_pieces(*_split_suffix_tokens(*_repair_abbreviations(tokens, offsets, lex), lex))


def _suffix_rules(text: str, tokens: list[tuple[str, str]], offsets: list[int], lex: Lexicon, gaz: list,
                  known: bytearray, gaz_start: dict) -> list[_Cand]:
    """Names closed by a suffix of ``entity_suffixes.tsv`` and grown leftwards over repaired tokens."""
    out = []
    gaz_ends = {c.end for c in gaz}
    gaz_names = {c.start: text[c.start : c.end] for c in gaz}

    def gaz_text(i: int) -> str:
        """The gazetteer name that covers position ``i`` (which ``known`` marks)."""
        return gaz_names.get(gaz_start.get(i, i), "")

    def gaz_type(i: int) -> str:
        """The type of the gazetteer name that covers position ``i``, "" when none does."""
        return lex.names.get(gaz_text(i), ("",))[0]

    def known_place(t: int) -> bool:
        """Is token ``t`` exactly a place the gazetteer knows (开封, tagged a verb)?"""
        return known[offsets[t]] == 1 and gaz_type(offsets[t]) == "place" and gaz_text(offsets[t]) == tokens[t][0]

    rsuffix, rtext, n_text = lex.reversed_suffix, text[::-1], len(text)
    campaign_end = -1  # where the last programme ended: 实施A工程和B工程 launches both
    for k in lex.ends_suffix.hits(tokens):  # the tokens whose last character may end a suffix
        word, pos = tokens[k]
        end = offsets[k] + len(word)
        if end in gaz_ends:
            continue  # a known name ends here (副中心, 通州区): it is the entity, not a suffix
        # The suffix may span several tokens (人民政府 = 人民 + 政府); it must end this one: the longest
        # suffix ending here, read off the reversed text.
        m = rsuffix.match(rtext, n_text - end)
        if m is None or m.end() == m.start():
            continue
        suffix = text[end - (m.end() - m.start()) : end]
        typ = lex.suffixes[suffix]
        if typ == "-":
            continue
        if any(text.startswith(x, end - len(suffix)) for x in lex.longer.get(suffix, ())):
            continue  # 郑州国家中心|城市: the suffix begins a longer suffix word (中心城市), which decides
        if (typ in ("policy", "programme") and k + 1 < len(tokens) and tokens[k + 1][1] in ("n", "vn")
                and tokens[k + 1][0] not in _DONE_TO_AGREEMENTS):
            continue  # 战略协同, 规划建设, 政策体系: the word modifies what follows (not 投资协定|谈判)
        suffix_start = end - len(suffix)
        # The token that holds the suffix's first character.
        i = k
        while offsets[i] > suffix_start:
            i -= 1
        head_word, head_pos = tokens[i]
        if suffix in _WEAK_SUFFIXES and (len(head_word) == 2 or (len(head_word) > 2 and head_pos in ("ns", "nr")) or (offsets[i] == suffix_start and not (
                i > 0 and len(tokens[i - 1][0]) >= 2 and tokens[i - 1][1] in ("n", "vn", "nz", "l")))):
            continue
        proper = generic = False
        if offsets[i] < suffix_start and suffix in _DISTRICTS and offsets[i] + len(head_word) != end:
            continue  # 创新|区 is no 新区: a district's suffix ends the word that holds it (武汉|新城, 滨海新区)
        if offsets[i] < suffix_start:
            # The suffix ends a longer word (西北工业大学, 通州区): that word is a name only
            # when the segmenter knows it as one, and one-character suffixes need three
            # characters in all (城市, 全区, 香港 are not names).
            # A two-character word after a proper name is the name's tail (永乐|店镇, 郑州|南站).
            tail_of_name = (len(suffix) == 1 and len(head_word) == 2 and i > 0
                            and head_pos in ("n", "ns", "nr", "nz", "ng", "j")
                            and tokens[i - 1][1] in ("ns", "nr", "nz") and len(tokens[i - 1][0]) >= 2
                            and tokens[i - 1][0][-2:] not in _ACTION_VERBS)  # 大力发展|临港|产业 is no name
            if len(suffix) == 1 and not tail_of_name and len(head_word) < 3:
                continue
            # 管理局, 保护区: a common word; the proper noun must then come before it.
            generic = (typ == "facility" and head_pos in ("nz", "nt")
                       and _generic_head(head_word[: len(head_word) - (end - suffix_start)]))
            proper = (_proper(head_word, head_pos) and not (len(suffix) == 1 and typ == "org" and head_pos not in ("nt", "j"))
                      and not generic)
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
            if (p[:1] == "v" or p == "a") and known_place(j):
                p = "ns"  # 开封/v|悬河文化展示馆, 雄安/a: a word the gazetteer knows as a place is one, whatever its tag
            if w == "）" and typ in ("facility", "project", "policy"):
                q = _bracket_opening(tokens, offsets, j, known)
                if q is None:
                    break
                j = q - 1  # 中欧班列（郑州）集结中心: a place in brackets stands inside the name
                continue
            if w == "”" and typ in ("facility", "project"):
                q = _quote_opening(tokens, j)
                if q is not None:
                    start, proper = offsets[q], True  # “三江”流域…清洁能源基地: the quoted name opens it
                break
            if w in _AREA_JOIN and j > 0 and known[offsets[j - 1]] and known[offsets[j] + 1]:
                start = offsets[j]  # 新田╱落马洲|发展枢纽: Hong Kong names one area by two places joined with ╱
                j -= 1
                continue
            if ((region or suffix in ("自贸区", "自由贸易区")) and w in ("—", "－", "-") and j > 0
                    and tokens[j - 1][1] == "ns" and (_proper(*tokens[j + 1]) or known_place(j + 1))):
                start = offsets[j]  # 岷江—长江上游经济带: a region spanned between two places
                j -= 1
                continue
            if ((w in _MISTAGGED and (w != "新" or (j > 0 and _proper(*tokens[j - 1])) or tokens[j + 1][0] == "时代"
                                      or (typ == "facility" and known_place(j + 1))))  # 新|皇岗|口岸: the new crossing
                    or (typ in ("project", "facility") and lex.suffixes.get(w) in ("project", "facility"))
                    or (typ == "project" and w in ("重大", "重点") and j > 0
                        and (tokens[j - 1][1] in ("ns", "nr", "j") or (known[offsets[j - 1]] and gaz_type(offsets[j - 1]) != "policy")))):
                # 宁波舟山港|重大|集疏运工程; a plan's major projects (“十四五”规划|重大|工程项目) are a kind
                p = "n"  # 三亚|新|机场, G98环岛|高速|提档扩容工程: words rjieba tags as adjectives or adverbs
            if typ == "facility" and p == "f" and w in _REGION_DIRECTIONS and tokens[j + 1][0] == "（":
                p = "n"  # 西部|（成都）|科学城: the region before the bracketed place opens the name
            if (typ == "facility" and p == "f" and len(w) == 2 and j > 0 and tokens[j - 1][1] in ("ns", "j")
                    and w[0] in "东西南北中"):
                p = "n"  # 济宁|北方|内河航运中心: a direction after the place belongs to the site's name
            if (w == "发展" and j > 0 and tokens[j - 1][1] in _MODIFIER_POS
                    and (tokens[j - 1][0] not in _EXTRA_STOP or tokens[j - 1][0] in _QUALITY)
                    and tokens[j - 1][0] != "国家" and tokens[j - 1][0] not in _ACTION_VERBS):
                start = offsets[j]  # 一体化|发展|示范区, 绿色|发展|协同区: 发展 qualified by what comes before it
                j -= 1
                continue
            if (len(w) >= 4 and w[-2:] in _ACTION_VERBS) or (w in _ACTION_VERBS and typ in ("place", "facility")
                                                              and not (typ == "facility" and w in _INNER_ACTIONS and j > 0
                                                                       and tokens[j - 1][1] in ("n", "vn", "nz", "l")
                                                                       and tokens[j - 1][0] not in _ADVERBIAL)):
                break  # 大力发展|临港, 大力|提升|G60科创走廊: a verb of action governs a place or a site
            if org_part and (known[offsets[j]] == 2 or lex.suffixes.get(w) == "org"):
                pass  # 海南师范大学桂林洋|校区: a campus or branch is named by its organization
            elif typ == "facility" and (w in _GOVERNING or (p[:1] == "v" and p != "vn" and w not in _FACILITY_VERBS)
                                      or (len(w) >= 3 and lex.suffixes.get(w) in ("facility", "org"))):
                break  # 香港成为|…枢纽, 安阳创建|…示范区; 虹桥商务区|国家进口贸易…示范区 are two names
            elif typ == "facility" and known[offsets[j]] == 2 and gaz_text(offsets[j]) not in lex.companies:
                break  # 信通院|国家ICT技术产业创新基地: the organization that runs it is a name of its own
            # (a company names its own sites: 华为青浦研发中心, 万华化学产业园 are one facility)
            if document:
                # Titles of plans and rules hold verbs (北京长城保护条例, …保护传承三年行动计划); the
                # verb that governs the title (制定, 实施) ends it.
                # 水资源|优化|配置|工程: a verb compounded with the next one names the works, it governs nothing
                compound = (w in _COMPOUND_VERBS and j > 0 and tokens[j - 1][1] in ("n", "nz", "l")
                            and tokens[j + 1][1][:1] == "v")
                if ((w in _GOVERNING and not compound and not (typ in ("programme", "policy") and w in _QUALITY))
                        or (_stop_word(w) and not (typ == "facility" and w in _FACILITY_VERBS and w != "发展")
                            and not (w in ("建设", "发展") and (
                            _campaign(suffix, typ) or (suffix in _PLAN_TITLES and text[offsets[j] + len(w) : suffix_start] in _PLAN_QUALIFIERS))))
                        or not (p in _NAME_POS or p.startswith("v") or p == "uv" or (typ == "programme" and p == "a")
                                or (typ == "facility" and p == "a" and len(w) == 2 and tokens[j + 1][1] == "n"
                                    and w[0] not in "最更很较" and w not in _EVALUATIVE))  # 清洁|能源基地, not 最大|专业…机场
                        or (len(w) > 2 and _holds_governing(w) and w not in _QUALITY)
                        or (typ in ("project", "facility") and w in _EXTRA_STOP
                            and not ((w in _CLASS_WORDS or w in ("重大", "重点")) and j > 0
                                     and (_proper(*tokens[j - 1]) or known[offsets[j - 1]])))):  # 成渝|世界级|机场群, 宁波舟山港|重大|集疏运工程
                    break
                if p == "m" and w.endswith("年") and w[:-1] and not w[:-1].isdigit():
                    start = offsets[j]
                    j -= 1
                    continue  # 三年行动计划, 五年规划
            elif (p not in _NAME_POS and not (region and (p[:1] == "v" or (p == "f" and len(w) == 2)) and not _stop_word(w) and w not in _GOVERNING)) or w in _EXTRA_STOP or _stop_word(w):
                break  # a region may be named by what it does (成渝地区东出北上开放走廊)
            if typ == "project" and _PHASE.fullmatch(w) and j > 0 and tokens[j - 1][1] not in ("m", "q", "x"):
                start = offsets[j]  # 南京禄口机场|三期|工程: a phase inside the name of works
                j -= 1
                continue
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
        t0 = bisect_left(offsets, start)
        if region and j >= 0 and tokens[j][0] in ("沿", "环") and start < suffix_start and (
                _proper(*tokens[j + 1]) or _abbrev(tokens[j + 1][0]) or text[start] in "江海湖河边"):
            start, proper = offsets[j], True  # 沿沪宁产业创新带: a region along a line
        elif region and tokens[t0][0][:1] in ("沿", "环") and t0 + 1 < i and (
                len(tokens[t0][0]) == 2 or _proper(*tokens[t0 + 1]) or _abbrev(tokens[t0 + 1][0])):
            proper = True  # 环|太湖科创圈, 沿江|创新发展带: the walk already took the opening 沿/环
        elif typ == "facility" or region or typ == "project":
            # A facility's name may hold verbs (科技创新中心) but does not open with one: 创建|…示范区,
            # 联合创建|鲁豫…中心, 辐射带动|中关村通州园.
            t = bisect_left(offsets, start)
            while t < i and not (typ == "project" and tokens[t][0] == "环" and _proper(*tokens[t + 1])) and (
                    (tokens[t][1] in ("v", "vd", "vi", "d", "ad", "c", "p") and not known_place(t))
                    or tokens[t][0] in _OPENING_ACTIONS
                    or (typ != "facility" and tokens[t][1] == "vn" and _proper(*tokens[t + 1]))):
                # 优化|杭州都市圈, 宣传|大湾区港口群: a verbal noun before the place governs the name; 环/v before a
                # proper noun opens works around it (环北部湾广东水资源配置工程)
                t += 1
            if start < offsets[t] and typ == "project" and suffix_start - offsets[t] < 2:
                continue  # 进出|川高速公路: one character left of a trimmed name is no name
            start = offsets[t]
        if text.startswith("含", start) and start > 0 and text[start - 1] == "（":
            start += 1  # （含龙颈水库扩建）: what the bracket includes, not 含
        g = gaz_start.get(start)
        if g is not None and g < start:
            start = g  # 前|海|合作区: a gazetteer name (前海) the segmenter split opens the name whole
        if suffix in _NUMBERED and not (_ORDINAL.search(text, start, suffix_start) or _PHASE.search(text, start, suffix_start)):
            continue  # 煤电机组 is a kind; 昌江核电二期三号机组 is one unit
        if (not proper and suffix in _LINE_HEADS and offsets[i] == suffix_start and i > 0 and offsets[i - 1] == start
                and _abbreviation_word(*tokens[i - 1]) and (i < 2 or tokens[i - 2][1][:1] in ("v", "x", "c", "p"))):
            proper = True  # 杭衢|高铁, 铜资|高速: a line named by two places' first characters, after a verb or a comma
        if (not proper and suffix in _NAMED_BY_PLACE and suffix_start - start == 2 and offsets[i] == suffix_start
                and tokens[i - 1][1] in ("s", "ns", "nr", "j") and text[start:suffix_start] not in _GENERIC_AIRPORT
                and text[start:suffix_start] not in _NOT_PROPER):
            proper = True  # 东方机场: an airport is named by the place it serves, whatever tag the place got
        if not proper and any(known[x] and gaz_type(x) != "policy" for x in range(start, suffix_start)):
            proper = True  # the name holds a gazetteer name (副中心站综合交通枢纽, 环球影城北…枢纽)
        elif (proper and typ in ("project", "facility") and any(known[start:suffix_start])
              and all(gaz_type(x) == "policy" for x in range(start, suffix_start) if known[x])
              and text[start] == "“"):
            continue  # “十三五”规划|重大项目: a plan's projects are a kind; the plan alone is the name
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
        if not proper and suffix == "公园" and text.endswith("国家", start, suffix_start) and suffix_start - start >= 4:
            proper = True  # 大熊猫国家公园, 东北虎豹国家公园: a national park is named by its subject, one of a few
        if not proper and generic and text.startswith("国家", start) and suffix_start - start >= 4:
            proper = True  # 国家数据流通|交易中心: the nation's centre is one, whatever the kind word's tag
        if (not proper and typ == "policy" and suffix in _NATIONAL_POLICIES and text.startswith("国家", start)
                and suffix_start - start >= 4 and text[start + 2 : suffix_start] not in _GENERIC_STRATEGY
                and (j < 0 or tokens[j][1][:1] in ("v", "p", "x", "c") or _stop_word(tokens[j][0]))):
            proper = True  # 实施国家大数据战略, 国家海洋战略: the nation's strategy is one, not a kind
        if (not proper and typ == "facility" and suffix in _DESIGNATED and text.startswith("国家", start)
                and suffix_start - start >= 6 and (j < 0 or tokens[j][1][:1] in ("v", "p", "x", "c") or _stop_word(tokens[j][0]))):
            proper = True  # 建设国家数据要素综合试验区: a national designation is named, not a kind
        if suffix == "枢纽" and text.endswith("机场", start, suffix_start):
            continue  # 温州机场|枢纽, 济南机场|枢纽快速通道: the airport is the name, 枢纽 says what it is
        if suffix_start - start == 1 and start > 0 and text[start - 1] == "在":
            continue  # 在沪|实验室, 在京高校: the ones sited in a place, a kind
        if suffix in _ALWAYS_NAMED and text[start:suffix_start] in _KIND_WORDS:
            continue  # 中小|水库 (tagged an abbreviation): a kind of reservoir
        if suffix in _TIGHT_SUFFIXES and not _all_proper(tokens, offsets, start, suffix_start, known):
            continue  # 深珠通道, 黄茅海通道; not 生命安全通道, 两个以上独立逃生通道
        if (start >= suffix_start or not proper or _LABEL.match(text, start, suffix_start)
                or _LABEL_END.search(text, start, suffix_start)  # 京津冀协同发展、长江经济带发展|三大|战略
                or (text[start] in "大个" and _COUNT_BEFORE.search(text, max(0, start - 3), start))  # 三|大都市圈
                or _COUNTED_KIND.search(text, max(0, start - 8), start)):  # 等13个|港航项目: counted things are a kind
            continue  # the suffix alone (工程, 项目), a generic phrase (老旧小区改造工程), a counted label (六大产业基地)
        if (typ != "project" and not _has_cjk(tokens, offsets, i, k, start, suffix_start)
                and not re.search("[A-Za-z]", text[start:suffix_start])):
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

# plan titles that name what is built or developed (虹桥国际开放枢纽建设总体方案, 长三角一体化发展规划纲要): 建设 and 发展
# stand inside them, as in campaigns, right before the title word or a qualifier of it (总体, 实施); the name still needs
# a proper noun (…发展枢纽内原有用地规划 is no title)
_PLAN_TITLES = frozenset("方案 总体方案 实施方案 规划 总体规划 规划纲要 纲要".split())
_PLAN_QUALIFIERS = frozenset(["", "总体", "实施", "专项", "三年"])
# governing verbs that also open a compound verb inside a name of works (水资源优化配置工程)
_COMPOUND_VERBS = frozenset(["优化"])

# Campaigns (行动) are named by what they do, with no proper noun: 实施乡村建设行动, 开展城市更新行动.
# Only when a launching verb governs the name; 工程 stays generic without one (老旧小区改造工程).
_CAMPAIGNS = frozenset("行动 专项行动 行动计划 三年行动 攻坚行动".split())
_AND = frozenset("和 、 及 以及 与".split())


def _campaign(suffix: str, typ: str) -> bool:
    """Suffixes of campaigns that may be named with no proper noun: 行动, and 工程 rows typed programme
    (提升工程, 振兴工程 in entity_suffixes.tsv)."""
    return suffix in _CAMPAIGNS or (typ == "programme" and suffix.endswith("工程"))


_CAMPAIGN_LEADS = frozenset("实施 开展 启动 深化 组织 部署 推进 推行".split())


def _bracket_opening(tokens, offsets, j: int, known) -> Optional[int]:
    """The index of the （ that opens the bracket closed by ``tokens[j]`` (）) when it holds a place or a name
    (at most four characters) and a name word stands before it; else None."""
    q, n = j - 1, 0
    while q >= 0 and tokens[q][0] != "（":
        n += len(tokens[q][0])
        if n > 4:
            return None
        q -= 1
    if q < 1 or q == j - 1 or not any(known[offsets[x]] or _proper(*tokens[x]) or _PHASE.fullmatch(tokens[x][0])
                                      for x in range(q + 1, j)):
        return None  # （郑州）, （长三角）, （一期）: a place, a name or a phase
    w, p = tokens[q - 1]
    if w in _REGION_DIRECTIONS:
        return q  # 西部（成都）科学城: a region of the country named with the place that holds the site
    return q if (p in _NAME_POS or p.startswith("n")) and w not in _EXTRA_STOP and not _stop_word(w) else None


_REGION_DIRECTIONS = frozenset("西部 东部 中部 北部 南部 东北 西北 西南".split())


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
# A road named in a works list: after a list separator or a verb of works (the context is consumed, not looked behind:
# a pattern that opens with a character class lets the regex engine skip other characters fast), or at the start.
_ROAD_NAME = (r"([\u4e00-\u9fff]{1,5}?(?:大街|大道|路|街)(?:[东西南北]延(?:线)?|[东西南北]段)?)"
              r"(?=[、，。；和与及等]|建设|工程|改造|道路工程)")
_ROAD = compiled(r"(?:[、，。；：“（\n及和与]|建设|加快|推进|完成|实现|开工|启动|打通|新建|改造)" + _ROAD_NAME)
_ROAD_AT_START = compiled(_ROAD_NAME)
_NOT_ROAD = frozenset("道路 马路 公路 铁路 思路 出路 线路 网路 门路 套路 新路 老路 弯路 之路 销路 电路 水路 陆路 航路 一路 全路 "
                      "步行街 街道 大街 大道 小路 通路 进路 后路 前路 活路 支路 干路 次干路 主干路 道路交通".split())
_ROAD_LEAD = compiled(r"^(?:确保|力争|争取|实现|完成|建成|加快|加大|推进|推动|深化|持续|启动|开工|建设|打造|打通|新建|改造|"
                        r"实施|提升|完善|和|及|与|以及)+")
_NOT_IN_ROAD = set("的之条走是在了着为把被将要对从向以其这那各每等一")


_NOT_ROAD_END = ("电路", "道路", "铁路", "公路", "线路", "思路", "门路", "进路", "水路", "新路", "快速路", "硬化路", "头路",
                 "步行街", "商业街", "美食街")


# Works that always bear a proper name (a reservoir is 官路水库, never just 水库 of a place): a two- or three-character
# word before the suffix names one even when the segmenter reads it as a common noun (双|堠|水库, 官路|水库), unless it
# says what kind of reservoir it is (病险, 大型, 中小, 骨干, 森林 as a metaphor).
_ALWAYS_NAMED = frozenset(["水库"])
_KIND_WORDS = frozenset("病险 森林 骨干 中小 重点 重大 山塘 平原 山区 调蓄 地下 城市 农村 各类 蓄水 现有 新建 大中型 中型 小型 大型 "
                        "水源 备用 应急 调节 梯级 上游 下游 地表 人工 天然 水电 该 此".split())
_NAME_BEFORE = frozenset("xcupv")  # tag initials before such a name: a comma, 和, 的/等, a preposition, a verb


def _word_tokens(text: str, tokens: list[tuple[str, str]], offsets: list[int], words: Iterable[str]) -> list[int]:
    """Indexes of the tokens that are one of ``words``, in order, found with ``str.find`` on the text (the words
    are rare: no pass over every token)."""
    out = []
    for word in words:
        pos = text.find(word)
        while pos >= 0:
            k = bisect_left(offsets, pos)
            if k < len(tokens) and offsets[k] == pos and tokens[k][0] == word:
                out.append(k)
            pos = text.find(word, pos + 1)
    return sorted(out)


def _always_named(text: str, tokens: list[tuple[str, str]], offsets: list[int], lex: Lexicon) -> list[_Cand]:
    """Reservoirs and the like named by words the segmenter reads as common nouns (see ``_ALWAYS_NAMED``)."""
    out = []
    for k in _word_tokens(text, tokens, offsets, _ALWAYS_NAMED):
        j = k - 1
        if (j >= 1 and len(tokens[j][0]) == 1 and len(tokens[j - 1][0]) == 1
                and tokens[j - 1][1] not in ("x", "c", "p", "uj", "u", "m", "v", "d")):
            j -= 1  # 双|堠|水库: a name the segmenter cut into single characters
        elif (j >= 2 and len(tokens[j][0]) == 2 and tokens[j][1] in ("ns", "nr") and len(tokens[j - 1][0]) == 1
              and tokens[j - 1][1] in ("a", "n", "ng", "nr", "ns", "j") and tokens[j - 2][1][:1] in ("x", "v", "c", "p")):
            j -= 1  # 白|龟山|水库: the name's first character read as a word of its own
        if j < 0:
            continue
        head = text[offsets[j] : offsets[k]]
        before = tokens[j - 1][1] if j > 0 else "x"
        if (not 2 <= len(head) <= 3 or head in _KIND_WORDS or _stop_word(head) or head in _EXTRA_STOP
                or tokens[j][1][:1] in ("m", "a", "b", "v", "d", "q", "r", "f", "t", "x", "u", "p", "c")
                or before[:1] not in _NAME_BEFORE
                or not all("\u4e00" <= ch <= "\u9fff" for ch in head)):
            continue
        out.append(_Cand(offsets[j], offsets[k] + len(tokens[k][0]), lex.suffixes.get(tokens[k][0], "project"), None, 0))
    return out


# Lines named by two characters the segmenter splits as a character + a common word ending in 线 (嘉|闵线, 北|环线,
# 沙|中线): after a verb, a preposition, a comma or 的, the character (a place's or a direction) and the word are the
# line's name.
_LINE_CHAR_POS = frozenset("ns nr nrt j".split())
# words in 线 that are no line's second half (沪|上线 is going online in Shanghai)
_NOT_LINE_WORDS = frozenset("上线 下线 在线 连线 底线 红线 防线 路线 热线 界线 曲线 视线 前线 一线 战线 无线 有线 天线 光线 "
                            "直线 全线 沿线 单线 双线 主线 支线 专线 干线 航线 生命线".split())


def _short_lines(text: str, tokens: list[tuple[str, str]], offsets: list[int]) -> list[_Cand]:
    """Three-character line names cut as ``X|Y线`` (see above); projects."""
    out = []
    pos = text.find("线")
    while pos >= 0:
        k = bisect_left(offsets, pos - 1)
        if (2 <= k < len(tokens) and offsets[k] == pos - 1 and len(tokens[k][0]) == 2 and tokens[k][1] == "n"
                and tokens[k][0] not in _NOT_LINE_WORDS
                and len(tokens[k - 1][0]) == 1 and (tokens[k - 1][1] in _LINE_CHAR_POS or tokens[k - 1][0] in "东西南北")
                and tokens[k - 2][1][:1] in ("v", "p", "x", "c", "u")):
            out.append(_Cand(offsets[k - 1], pos + 1, "project", None, 0))
        pos = text.find("线", pos + 1)
    return out


# Lines named by two cities' first characters whatever the tag the segmenter gives the pair (长深/a|高速, 成雅/a|高速公路):
# the pair must be two city abbreviations (lexicon/place_abbreviations.tsv, city_abbreviations.tsv) right before the
# head, opening a word after a verb, a comma or a conjunction; 高速 as an adverb (高速发展) is no head.
_PAIR_LINE_HEAD = compiled(r"高速公路|高速|高铁|城际铁路|城际|铁路")
_NOT_AFTER_HEAD = frozenset("发展 增长 运行 运转 推进 提升".split())


def _city_pair_lines(text: str, tokens: list[tuple[str, str]], offsets: list[int]) -> list[_Cand]:
    """Lines named ``XY高速`` where X and Y abbreviate two cities and rjieba tags XY as anything (projects).  Found
    from the heads (a scan of the text), not by visiting every token."""
    chars = _city_chars() | _ABBREV
    out = []
    for m in _PAIR_LINE_HEAD.finditer(text):
        k = bisect_left(offsets, m.start())
        if not (2 <= k < len(tokens) and offsets[k] == m.start() and tokens[k][0] == m.group()):
            continue  # the head must be a word of its own (高速 of 高速度 is none)
        w, p = tokens[k - 1]
        if (len(w) == 2 and w[0] != w[1] and w[0] in chars and w[1] in chars and p[:1] not in ("v", "m", "q", "p", "c", "u")
                and tokens[k - 2][1][:1] in ("v", "x", "c")
                and (k + 1 >= len(tokens) or tokens[k + 1][0] not in _NOT_AFTER_HEAD)):
            out.append(_Cand(offsets[k - 1], m.end(), "project", None, 0))
    return out


# Works that join two named things carry both names and the 与/和 between them (京杭运河与小清河航道连通工程,
# 东平湖与小清河联通工程): one project.
_LINKING = frozenset("连通 联通 连接 贯通 衔接 联网".split())
_LINK_PART_POS = frozenset("n ns nr nz nrt j l".split())


def _linked_works(text: str, tokens: list[tuple[str, str]], offsets: list[int], known) -> list[_Cand]:
    """``A与B…连通工程``: each side one to three noun tokens (2-10 characters) holding a name (a proper token or a
    gazetteer name), the whole a project."""
    out = []
    n = len(tokens)
    for r in _word_tokens(text, tokens, offsets, _LINKING):
        if not (r + 1 < n and tokens[r + 1][0] in ("工程", "项目")):
            continue
        k = r - 1  # the 与/和 one to three noun tokens before the linking word
        while k > r - 4 and k > 0 and tokens[k][1] in _LINK_PART_POS and tokens[k][0] not in ("与", "和"):
            k -= 1
        if tokens[k][0] not in ("与", "和") or k == r - 1:
            continue
        a = k
        while a > 0 and k - a < 3 and tokens[a - 1][1] in _LINK_PART_POS:
            a -= 1
        left, right = (offsets[a], offsets[k]), (offsets[k + 1], offsets[r])
        if a == k or not all(2 <= y - x <= 10 and (any(known[x:y]) or any(
                tokens[i][1] in ("ns", "nr", "nz", "nrt") for i in range(bisect_left(offsets, x), bisect_left(offsets, y))))
                for x, y in (left, right)):
            continue
        out.append(_Cand(offsets[a], offsets[r + 1] + len(tokens[r + 1][0]), "project", None, 0))
    return out


# Roads named by their national or provincial code (S3公路, G228国道, S4公路扩建 with _extend): projects whatever the
# segmenter makes of the code
_CODED_ROAD = compiled(r"[GS](?<![A-Za-z0-9][GS])\d{1,4}(?:高速公路|公路|国道|省道)")  # the class first: a fast scan


# Freight trains between China and a country or region, named by their first characters (中欧班列, 中老班列, 中欧中亚
# 班列): the segmenter reads 老 or 亚 as common words, so the name is read off the characters
_CHINA_TRAINS = compiled(r"中(?:欧|亚|老|越|吉|哈|蒙|俄|泰|缅|欧中亚){1,2}班列")


def _roads(text: str, tokens: list[tuple[str, str]], offsets: list[int]) -> list[_Cand]:
    """Roads in works lists (宋梁路北延、日新路、云景西路等工程) and roads named by their code (S3公路)."""
    out = [_Cand(m.start(), m.end(), "project", None, 0) for m in _CODED_ROAD.finditer(text)]
    out += [_Cand(m.start(), m.end(), "project", None, 0) for m in _CHINA_TRAINS.finditer(text)]
    first = _ROAD_AT_START.match(text)
    for m in ([first] if first else []) + list(_ROAD.finditer(text, first.end() if first else 0)):
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


_QUOTE_SPAN = compiled(r"“([^“”\n]{1,30})”")
_TITLE = compiled(r"《([^《》\n]{2,40})》")
# a plan named by its horizon (《中国制造2025》, 《健康中国2030》) is a policy as much as one named 规划
_POLICY_TITLE = compiled(r"(?<!\d)20\d\d$|^告.{2,12}书$|(?:规划|纲要|条例|法|法典|办法|方案|意见|决定|规定|计划|协定|协议|公约|通知|措施|细则|准则|战略|政策|"
                           r"宪法|基本法|指引|清单|议定书|宣言|倡议|策略)(?:（[^（）]*）)?(?:草案)?$")
# (^告…书: an open letter of state, 《告台湾同胞书》; a bare 书 ends book and programme titles too, 《两岸家书》)


# Items listed before 等 + a category of named works or places are names of that category:
# 平漯周、焦济洛平、郑州南站等高铁项目; 赵口、陆浑、渠村等灌区; 三峡、葛洲坝等水利枢纽.  The categories are data
# (lexicon/entity_lists.tsv): strong ones are named one by one, weak ones (项目, 工程, 战略) also list kinds of
# things, so there an item must hold a proper noun.
# the count may be a measure (等172公里轨道交通线) or approximate (等20余个, 等3500多个)
_LIST_HEAD = (r"等(?:(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?:多|余)?)?(?:个|条|座|处|项|批|公里|千米)?"
              r"(?:国家|省|市)?(?:级)?"
              r"(?:重点|重大|重要|骨干|产业|民生|综合交通|交通|水利|港航|能源|基础设施|现代化|转型)*(")
# 等 + a count + a qualifier the fixed list above does not hold (核电, 储能, 大型清洁高效煤电) + a weak category:
# the items must hold a place and no verb, and the qualifier must be words with no action verb (:func:`_list_heads`)
_LOOSE_HEAD = (r"等(?:(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?:多|余)?)?(?:个|条|座|处|项)?"
               r"(?P<mod>[\u4e00-\u9fff]{2,8}?)")
_NOT_IN_QUALIFIER = compiled(r"[的和与及或等、]")
# nouns after a list's category that say what is done to the items (等重点区域|转型|发展), not what the category qualifies
_DONE_TO_ITEMS = frozenset("转型 功能 开发 更新 改造 建设 发展 提升 升级 整治 协同".split())
_QUOTED_ITEMS = compiled(r"(?:“[^“”\n]{2,12}”、?){2,}$")  # two or more quoted items right before 等
_LIST_STOP = compiled(r"[，。；：！？\n“”（）()]")
# an item of a strong list is still no name when it says what is done or joins two things
_NOT_LISTED = compiled(r"[的和与及或等\d]|建设|改造|提升|发展")
_NOT_LISTED_WEAK = compiled(r"[的和与或等]")  # 洛阳等10个国家物流枢纽、商丘等…基地: an item holding 等 ends a list of its own
_SECTION_ONLY = compiled(r"[东西南北]{1,2}(?:段|延伸|延伸段|延长线)$")


@dataclass(frozen=True)
class ListCategories:
    """Compiled ``entity_lists.tsv``: the categories, their types and strengths, and one regex for all."""

    types: dict  # category -> (type, strong?)
    pattern: re.Pattern
    loose: re.Pattern  # 等 + a free qualifier + a weak category (等核电项目, 等大型清洁高效煤电项目); group "cat"


_LIST_CACHE: dict[tuple, ListCategories] = {}


def load_list_categories() -> ListCategories:
    """The built-in list categories (lexicon/entity_lists.tsv), compiled and cached."""
    f = LEXICON_DIR / "entity_lists.tsv"
    key = files_key([f])
    cats = _LIST_CACHE.get(key)
    if cats is None:
        types = {}
        for row in read_tsv(f):
            if len(row) < 3 or row[1] not in ENTITY_TYPES or row[2] not in ("strong", "weak"):
                raise ValueError(f"{f}: bad row {row!r}: want category<TAB>type<TAB>strong|weak")
            types[row[0]] = (row[1], row[2] == "strong")
        # the category must end a word: 等项目建设 yes, 等项目化 no matter; longest category first
        pattern = compiled(_LIST_HEAD + "|".join(map(re.escape, sorted(types, key=lambda w: (-len(w), w)))) + ")")
        # works and sites only: a free qualifier before 片区/区域 makes a kind of area (国际陆港等功能片区)
        weak = sorted((c for c, (typ, strong) in types.items() if not strong and typ in ("project", "facility")),
                      key=lambda w: (-len(w), w))
        loose = compiled(_LOOSE_HEAD + "(?P<cat>" + "|".join(map(re.escape, weak)) + ")")
        cats = _LIST_CACHE[key] = ListCategories(types, pattern, loose)
    return cats


def _marked(known: bytearray, named: list[_Cand]) -> bytearray:
    """``known`` with the characters of the suffix-rule names marked too (3)."""
    marked = bytearray(known)
    for c in named:
        marked[c.start : c.end] = b"\3" * (c.end - c.start)
    return marked


def _holds_proper(tokens, offsets, a: int, b: int, known) -> bool:
    """Does ``text[a:b]`` hold a proper noun: a gazetteer or suffix-rule name (``known``), a proper token, a
    place-abbreviation pair?  rjieba's ``nz`` and ``j`` do not count: it tags technical terms (双千兆, 通信) so too."""
    if any(known[a:b]):
        return True
    k = bisect_left(offsets, a)
    while k < len(tokens) and offsets[k] < b:
        w, p = tokens[k]
        if (_proper(w, p) and p not in ("nz", "j")) or _abbrev(w):
            return True
        k += 1
    return False


def _enumerated(text: str, tokens, offsets, lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans of the items of ``text[lo:hi]`` split at the enumeration comma 、, the first one starting after the
    verbs that govern the list (see :func:`_after_verbs`)."""
    items, pos = [], lo
    for part in text[lo:hi].split("、"):
        items.append((pos, pos + len(part)))
        pos += len(part) + 1
    items[0] = (_after_verbs(tokens, offsets, *items[0]), items[0][1])
    return items


def _after_verbs(tokens, offsets, a: int, b: int) -> int:
    """Where the first item of a list begins: after the verbs that govern the list (加快推进|平漯周), but 环/沿
    before a proper noun open the name (推进|环北部湾广东水资源配置一期)."""
    k = bisect_left(offsets, a)
    start = a
    while k < len(tokens) and offsets[k] < b:
        w, p = tokens[k]
        if w in ("环", "沿") and k + 1 < len(tokens) and _proper(*tokens[k + 1]):
            break
        if w == "至" and k > 0 and (_proper(*tokens[k - 1]) or tokens[k - 1][1][:1] not in ("v", "p", "d", "c")):
            k += 1  # 建成通车|济南至宁津, 推进|久治至马尔康: a route, not a verb before the item
            continue
        if (p == "vn" and offsets[k] + len(w) == b and len(w) == 2 and w[0] != w[1]
                and w[0] in _city_chars() | _ABBREV and w[1] in _city_chars() | _ABBREV):
            break  # 推进|广惠/vn、广深…: two cities' first characters ending the item are the item, no verbal noun
        if (p[:1] in ("v", "p", "d", "c") or _stop_word(w) or w in _GOVERNING or _holds_governing(w)
                or w in _OPENING_ACTIONS or (w in _COMPLEMENTS and start == offsets[k])):
            start = offsets[k] + len(w)  # 建|好 (a complement right after the verb) governs the list too
        k += 1
    return start


def _own_type_first(text: str, named: list[_Cand], listed: list[_Cand], places: dict, known) -> list[_Cand]:
    """Listed items that a suffix already names keep their own type (三亚邮轮港, 马村港三期 in a list of 项目 are
    facilities), except a place: a river or town name is no name of works (江阴靖江、… 等过江通道 are crossings)."""
    own, own_end = set(), {}
    for c in named:
        if c.type != "place":
            e = _extend(text, c, places)
            own.add((e.start, e.end))
            own_end[e.end] = e.type
    # 中石化|龙口LNG码头: the suffix name stops at the company that owns it, the listed item runs over the
    # company; it keeps the suffix's type
    return [c if c.end not in own_end or known[c.start] != 2 else dataclasses.replace(c, type=own_end[c.end])
            for c in listed if (c.start, c.end) not in own]


def _before_phase(text: str, a: int, b: int) -> int:
    """``b`` without a trailing phase (八所港高排港区|一期)."""
    m = _PHASE_END.search(text, a, b)
    return m.start() if m else b


_PHASE_END = compiled(r"[一二三四五六七八九十\d]{1,2}期$")


# Heads of lines named by two places' first characters (杭衢高铁, 清花高速, 铜资高速).
_LINE_HEADS = frozenset("高铁 铁路 高速 城际 高速公路 城际铁路".split())
# what listed lines serve as, after their category (平远至武平、…等高速公路|出省|通道): the lines stay the items
_LINE_ROLES = frozenset("出省 出海 出境 通道 主通道 大通道 路段".split())


def _abbreviation_word(w: str, p: str) -> bool:
    """Can ``w`` be a line's name made of two or three places' first characters (杭衢, 广湛, 沿江)?  A short noun
    that is no common word of kind or degree (城际, 普通, 智慧, 跨海 are kinds of lines)."""
    return (2 <= len(w) <= 3 and p in ("n", "nz", "j", "ns", "nr", "f") and w not in _GENERIC_LINE and w not in _NOT_PROPER
            and w not in _EVALUATIVE and w not in _EXTRA_STOP and all("\u4e00" <= ch <= "\u9fff" for ch in w))


def _site_item(text: str, tokens, offsets, a: int, b: int, lex: Lexicon) -> bool:
    """Is ``text[a:b]`` a name word + a suffix of works or sites, the suffix a word of its own (深珠|通道; not
    快速通道, 配套工程 — one common word — nor 海上风电制氢|工程, whose words are all common)?"""
    for x in lex.by_last.get(text[b - 1], ()):
        if text.endswith(x, a, b) and b - a > len(x) and lex.suffixes[x] in ("project", "facility"):
            k, cut = bisect_left(offsets, a), b - len(x)
            if cut not in offsets[k : k + 8]:
                return False
            if x in _LINE_HEADS and offsets[k] == a and k + 1 < len(tokens) and offsets[k + 1] == cut:
                return _abbreviation_word(*tokens[k])  # 杭衢|高铁 in a list of projects
            while k < len(tokens) and offsets[k] < cut:
                if tokens[k][1] in ("nz", "ns", "nr", "nrt", "j", "eng"):
                    return True
                k += 1
            return False
    return False


def _lists(text: str, tokens: list[tuple[str, str]], offsets: list[int], known, boundaries, lex: Lexicon) -> list[_Cand]:
    """One candidate per item listed before 等 + a category (see :func:`load_list_categories`), typed by it."""
    out = []
    cats = load_list_categories()
    for m, category, loose in _list_heads(text, tokens, offsets, boundaries, cats):
        if m.end() not in boundaries and not text.startswith(("建设", "项目"), m.end()):
            continue  # 等战略|科技力量 is no list of strategies (等重大工程建设 is: 工程建设 is one token)
        k = bisect_left(offsets, m.end())
        if (k < len(tokens) and offsets[k] == m.end() and tokens[k][1] in ("n", "nz", "nt", "ng", "l")
                and tokens[k][0] not in _DONE_TO_ITEMS and not (category in _LINE_HEADS and tokens[k][0] in _LINE_ROLES)):
            continue  # the category word only qualifies the noun after it (等战略|科技|力量)
        typ, strong = cats.types[category]
        quoted = _QUOTED_ITEMS.search(text, max(0, m.start() - 60), m.start())
        if quoted:  # “中华文明探源”“海岱考古”等项目: quoted items, each a name of the category, quotes kept
            out += [_Cand(q.start(), q.end(), typ, q.group()[1:-1], 1) for q in _QUOTE_SPAN.finditer(text, quoted.start(), m.start())]
            continue
        lo = max((x.end() for x in _LIST_STOP.finditer(text, max(0, m.start() - 80), m.start())), default=max(0, m.start() - 80))
        items = _enumerated(text, tokens, offsets, lo, m.start())
        if _proper_before_first(tokens, offsets, lo, items[0][0], known):
            items = items[1:]  # 加快实施京东方第8.6代柔性显示|生产线、…: the first item was cut inside a name
        found, short = [], []
        for a, b in items:
            name = text[a:b]
            if not (2 <= len(name) <= 14 and ("\u4e00" <= name[0] <= "\u9fff" or name[0].isalnum())):
                continue
            if _SECTION_ONLY.match(name):
                continue  # …20号线一期|东段、…: a section cut off its line is no item
            if a > 0 and text[a - 1] == "至":
                continue  # 推进久治至|马尔康: the far end of a route whose first end reads as a verb is no item
            if strong and not _NOT_LISTED.search(name):
                # a strong category names its items one by one: its type wins over the gazetteer's bare place
                # (济南、青岛、临沂等综合交通枢纽 are three hubs; README, label conflicts)
                found.append(_Cand(a, b, typ, None, 3))
            elif loose and not _holds_place(tokens, offsets, a, b, known, verbless=True):
                continue  # under a free qualifier an item needs a place or a known name and no verb (民用航空, 卫星|应用)
            elif (not strong and not _NOT_LISTED_WEAK.search(name) and not _LABEL.match(name)
                  and (_holds_proper(tokens, offsets, a, b, known)
                       or (len(name) <= 10 and _site_item(text, tokens, offsets, a, _before_phase(text, a, b), lex)
                                                                       and _no_verb(tokens, offsets, a, b)))):
                found.append(_Cand(a, b, typ, None, 1))
            elif not strong and _bare_item(text, tokens, offsets, a, b):
                short.append(_Cand(a, b, typ, None, 1))
        # a list is of one kind: when most of its items are names, its other short bare items are names too (桃浦、
        # 南大、吴淞、高桥等重点区域: 南大 and 高桥 read as common words)
        out += found + (short if len(found) >= 2 and len(found) >= 2 * len(short) else [])
    return out


def _proper_before_first(tokens, offsets, lo: int, a: int, known) -> bool:
    """Was the first item of a list cut at ``a`` after a verb that stands inside a name: does ``[lo, a)`` hold a
    proper noun or a known name after the last governing verb (实施|京东方…显示|生产线)?"""
    k = bisect_left(offsets, lo)
    start = lo
    while k < len(tokens) and offsets[k] < a:
        w, p = tokens[k]
        if w in _GOVERNING or _holds_governing(w) or w in _OPENING_ACTIONS or w in _ACTION_VERBS or _stop_word(w):
            start = offsets[k] + len(w)
        k += 1
    return start < a and _holds_proper(tokens, offsets, start, a, known)


def _list_heads(text: str, tokens, offsets, boundaries, cats: ListCategories) -> list[tuple[re.Match, str, bool]]:
    """The 等 + category heads of ``text``, in text order, each with its category and whether its qualifier was free:
    the fixed qualifiers of ``_LIST_HEAD`` first; where none matched, a free qualifier before a weak works or site
    category (等核电项目, 等储能项目) when it starts a word and is words with no particle, conjunction or action verb
    (等地区加快推进…项目 is no head)."""
    heads = [(m, m.group(1), False) for m in cats.pattern.finditer(text)]
    taken = {m.start() for m, _, _ in heads}
    for m in cats.loose.finditer(text):
        mod = m.group("mod")
        if (m.start() in taken or m.start("mod") not in boundaries or _NOT_IN_QUALIFIER.search(mod)
                or _holds_governing(mod) or any(w in mod for w in _ACTION_VERBS)):
            continue
        heads.append((m, m.group("cat"), True))
    return sorted(heads, key=lambda h: h[0].start())


def _holds_place(tokens, offsets, a: int, b: int, known, verbless: bool = False) -> bool:
    """Does ``text[a:b]`` hold a known name (gazetteer or suffix rule) or a place-like proper token (ns, nr, j, an
    abbreviation pair)?  Stricter than :func:`_holds_proper`: rjieba tags kinds of industry nt/eng (民用航空, REITs).
    ``verbless``: and no verb of two characters or more (卫星|应用 is a kind of work; 光伏|发电/vn may name one)."""
    k = bisect_left(offsets, a)
    place = any(known[a:b])
    while k < len(tokens) and offsets[k] < b:
        w, p = tokens[k]
        if verbless and p == "v" and len(w) > 1:
            return False
        place = place or p in ("ns", "nr", "nrt", "j") or _abbrev(w)
        k += 1
    return place


def _bare_item(text: str, tokens, offsets, a: int, b: int) -> bool:
    """Could ``text[a:b]`` be a name the segmenter does not know: two to four characters, whole words, no verb,
    count or particle?"""
    k = bisect_left(offsets, a)
    return (2 <= b - a <= 4 and k < len(offsets) and offsets[k] == a and b in offsets[k : k + 5]
            and all("\u4e00" <= ch <= "\u9fff" for ch in text[a:b]) and _no_verb(tokens, offsets, a, b)
            and not _holds_count(tokens, offsets, a, b) and not _NOT_LISTED.search(text, a, b))


_COUNTED_LIST: Optional[re.Pattern] = None
_NUMERALS = {ch: i + 1 for i, ch in enumerate("一二三四五六七八九十")} | {"两": 2}


def _counted_lists(text: str, tokens, offsets, boundaries) -> list[_Cand]:
    """Items listed with a count before their category and no 等 (罗湖、文锦渡及香园围三个口岸): when the count is the
    number of items, each item is one of the category, typed by it (priority 3: the count vouches for the list, over
    the gazetteer's reading of an item as a bare place)."""
    global _COUNTED_LIST
    cats = load_list_categories()
    if _COUNTED_LIST is None:
        _COUNTED_LIST = compiled(r"[及和与]([\u4e00-\u9fff]{2,6}?)([两二三四五六七八九十]|[2-9])[个座条处]("
                                   + "|".join(map(re.escape, sorted(cats.types, key=lambda w: (-len(w), w)))) + ")")
    out = []
    for m in _COUNTED_LIST.finditer(text):
        n = _NUMERALS.get(m.group(2)) or int(m.group(2))
        lo = max((x.end() for x in _LIST_STOP.finditer(text, max(0, m.start() - 60), m.start())),
                 default=max(0, m.start() - 60))
        items = _enumerated(text, tokens, offsets, lo, m.start()) + [(m.start(1), m.end(1))]
        if len(items) != n or not all(2 <= b - a <= 6 and a in boundaries and b in boundaries
                                      and _no_verb(tokens, offsets, a, b) for a, b in items):
            continue
        typ = cats.types[m.group(3)][0]
        out += [_Cand(a, b, typ, None, 3) for a, b in items]
    return out


# quoted 方案 are slogans (“上海方案”, “一中心一方案”), not plan titles
_SLOGAN_SUFFIXES = frozenset(["方案"])


def _quoted(text: str, lex: Lexicon) -> list[_Cand]:
    """Quoted names: ``“两区”建设`` (a policy word after the quote), ``“香港国际机场东莞空港中心”``
    (a suffix ending the quoted text: the name without its quotes), and ``《…条例》`` titles."""
    # canonical: the name without its quotation marks (两区建设), as the gazetteer writes it
    # a quoted name that ends in its own suffix (“十大工程”建设) is the name; 建设 is what is done to it
    out = [_Cand(m.start(), m.end(), _QUOTED_POLICY[m.group(2)], m.group().replace("“", "").replace("”", ""), 1) for m in _QUOTED.finditer(text)
           if not (m.group(2) == "建设" and any(m.group(1).endswith(x) and len(x) >= 2 for x in lex.by_last.get(m.group(1)[-1], ())))]
    for m in _QUOTE_SPAN.finditer(text):
        inner = m.group(1)
        if "+" in inner or "＋" in inner or any(inner.endswith(x) and lex.suffixes[x] == "-" for x in lex.by_last.get(inner[-1], ())):
            continue  # “形象工程”, “两个大局”: a generic word quoted for emphasis; “跨境电商+产业带”: a model
        for suf in lex.by_last.get(inner[-1], ()):
            # one-character suffixes are too weak here (“基本无违法建设区” is a goal, not a place)
            if inner.endswith(suf) and len(suf) >= 2 and len(inner) > len(suf) + 1 and suf not in _SLOGAN_SUFFIXES:
                typ = lex.suffixes[suf]
                if suf.endswith("工程") and not any(x in inner for x in _WORKS):
                    typ = "programme"  # “两通工程”: a 工程 that names no works is a programme, quotes kept
                if typ in ("programme", "policy") or _LABEL.fullmatch(inner, 0, len(inner) - len(suf)):
                    # a quoted programme keeps its quotes; a counted label (“十大工程”) is a programme of works (“九大行动”), as 两区建设 does; canonical without
                    out.append(_Cand(m.start(), m.end(), typ if typ in ("programme", "policy") else "programme", inner, 1))
                elif typ == "org":
                    out.append(_Cand(m.start(1), m.end(1), typ, None, 1))
                elif _COUNT_OPENING.match(inner):
                    pass  # “二线口岸”, “两专科一中心”: a count opens a kind or a slogan, no name
                elif typ != "-":
                    # “东方芯港”, 「北部都会区」: a name wholly quoted keeps its quotes (README), canonical without
                    out.append(_Cand(m.start(), m.end(), typ, inner, 1))
                break
    for m in _TITLE.finditer(text):
        # Laws, plans and agreements, not books or films (《咏春》) or the report itself.
        if _POLICY_TITLE.search(m.group(1)):
            out.append(_Cand(m.start(), m.end(), "policy", m.group(1), 1))
    return out


_COUNT_OPENING = compiled(r"[一二两三四五六七八九十百千万\d]")
_QUOTED_MIDDLE = compiled(r"“[^“”\n]{1,12}”(示范项目|项目|工程|行动|计划|基地|园区|中心)")


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
_APPOSITION = compiled(r"(?:公司|企业|集团)([\u4e00-\u9fff]{2,6}?)(?=(?:正式|已|将)?(?:开业|落地|落户|入驻|揭牌|成立|投产))")


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


# Lines and routes (issue 18).  A route between two named ends: 成都至重庆铁路, 合肥至武汉段, 广州东至新塘五六线,
# 上海港-洛杉矶港 (two ports, no head); 黄冈-鄂州-黄石 (places, no head) stays three places.
_ROUTE_HEADS = "高速铁路|高速公路|城际铁路|输电线路|铁路|高铁|高速|城际|公路|航线|段|线"
_ROUTE_RIGHT = compiled(r"([\u4e00-\u9fffA-Za-z0-9]{1,8}?)(" + _ROUTE_HEADS + r")(?![\u4e00-\u9fff]{0,1}[路网])")
_ROUTE_PORTS = compiled(r"([\u4e00-\u9fff]{1,6}?(?:港|机场|站))(?=[、，。；和与及等]|$)")
_ROUTE_JOIN = compiled(r"[至—－–-]")
_ROUTE_LISTED = compiled(r"([\u4e00-\u9fff]{2,4}?)(?=等[\d一二两三四五六七八九十]*(?:个|条)?[\u4e00-\u9fff]{0,4}项目)")


def _name_left(text: str, tokens, offsets, end: int, longest: int = 8, known=None) -> int:
    """Where the name that ends at ``end`` begins: tokens that can stand in a name, walked leftwards (at most
    ``longest`` characters; verbs, particles and punctuation end it; a word ``known`` marks as a gazetteer name — not an
    organization's — stands whatever its tag: 攀枝花/i).  ``end`` when there is none."""
    k = bisect_left(offsets, end) - 1
    start = end
    while k >= 0 and end - offsets[k] <= longest:
        w, p = tokens[k]
        gazetteer = known is not None and known[offsets[k]] == 1 and known[offsets[k] + len(w) - 1] == 1
        if (((p not in _NAME_POS and not (p.startswith("n") or w in _MISTAGGED)) and not gazetteer) or w in _GOVERNING
                or _stop_word(w) or w in _EXTRA_STOP or w in _OPENING_ACTIONS):
            break
        start = offsets[k]
        k -= 1
    return start


def _routes(text: str, tokens, offsets, known, boundaries) -> list[_Cand]:
    """Routes written ``A至B`` + a line head, or two ports joined by a dash: one project."""
    out = []
    for m in _ROUTE_JOIN.finditer(text):
        j = m.start()
        if j not in boundaries and j + 1 not in boundaries:
            continue  # 广州|东至|新塘: the segmenter may glue 至 to the end of the first name
        a = _name_left(text, tokens, offsets, j, known=known)
        if text[j - 1] == "）" and m.group() == "至":
            q = text.rfind("（", max(0, j - 8), j)
            if q > 0:
                a = _name_left(text, tokens, offsets, q, known=known)  # 滨州（东营）至淄博: the first end with its alias
        if j - a < 2 or not _holds_proper(tokens, offsets, a, j, known) or not ("\u4e00" <= text[a] <= "\u9fff"):
            listed = _listed_route(text, tokens, offsets, j) if m.group() == "至" else None
            if listed:
                out.append(_Cand(listed[0], listed[1], "project", None, 1))
            continue
        chain = _ROUTE_CHAIN.match(text, j) if m.group() == "至" else None
        r = _ROUTE_RIGHT.match(text, j + 1)
        end = None
        if (chain and chain.end() in boundaries and text.count("至", j, chain.end()) >= 2
                and all(_holds_proper(tokens, offsets, x, y, known) for x, y in _stops(text, j, chain.end()))):
            end = chain.end()  # 青岛至连云港至盐城, 聊城至泰安至莱芜至京沪二通道: a route through three places or more
        elif r and r.end() in boundaries and _no_verb(tokens, offsets, r.start(1), r.end(1)) and not _COUNTED.search(r.group(1)):
            end = r.end()
        elif text[j - 1] == "港" or text.endswith(("机场", "站"), a, j):
            p = _ROUTE_PORTS.match(text, j + 1)
            if p:
                end = p.end()
        elif m.group() == "至":
            p = _ROUTE_LISTED.match(text, j + 1)
            if p and p.end(1) in boundaries:
                end = p.end(1)  # 晏城至表白寺等2个项目: a road between two places listed as a project
        if end is not None and end - a <= 24:
            out.append(_Cand(a, end, "project", None, 1))
    return out


_LISTED_ROUTE_END = compiled(r"([\u4e00-\u9fff]{2,4}?)(?=[、等])")
_LINE_WORDS = ("铁路", "高铁", "高速", "公路", "城际", "航道", "至")


def _listed_route(text: str, tokens, offsets, j: int) -> Optional[tuple[int, int]]:
    """A route ``A至B`` listed as an item whose first end the segmenter misread (推进|久治/v|至|马尔康、郎木寺至汶川;
    开工|董家|口至|五莲、胶新铁路…): the span, when the first end is two to four characters opened by a verb or an
    enumeration comma, the far end a proper noun closing the item, and the next item a route or a line too (the
    list vouches for the route; 延伸至长沙、株洲 lists places).  None otherwise."""
    r = _LISTED_ROUTE_END.match(text, j + 1)
    if not r:
        return None
    k = bisect_left(offsets, j + 1)
    if not (k < len(tokens) and offsets[k] == j + 1 and tokens[k][1] in ("ns", "nr") and offsets[k] + len(tokens[k][0]) == r.end()):
        return None
    nxt = re.split(r"[、，。；等]", text[r.end() + 1 : r.end() + 20], maxsplit=1)[0]
    if not (text[r.end()] == "、" and any(w in nxt for w in _LINE_WORDS)):
        return None
    for a in range(j - 2, max(-1, j - 5), -1):
        t = bisect_left(offsets, a)
        if not (t < len(offsets) and offsets[t] == a and t > 0):
            continue
        w, p = tokens[t - 1]
        first = text[a:j]
        if not all("\u4e00" <= ch <= "\u9fff" for ch in first) or first in _GOVERNING or first in _ACTION_VERBS:
            return None
        if w in ("、", "，") or (p[:1] == "v" and len(w) >= 2):
            return a, r.end()
    return None


# the stops after a route's first end: 至 + a name, two or more times, the last ending the item
_ROUTE_CHAIN = compiled(r"(?:至([\u4e00-\u9fff]{2,6}?)){2,4}(?=[、，。；等和及]|$)")


def _stops(text: str, j: int, end: int) -> list[tuple[int, int]]:
    """The spans of the stops of ``text[j:end]`` (each after a 至)."""
    out, pos = [], j
    for part in text[j + 1 : end].split("至"):
        out.append((pos + 1, pos + 1 + len(part)))
        pos += len(part) + 1
    return out


_COUNTED = compiled(r"[\d一二两三四五六七八九十]+[条个座]")  # 龙川至寻乌2条高速公路: a count of roads


def _no_verb(tokens, offsets, a: int, b: int) -> bool:
    k = bisect_left(offsets, a)
    while k < len(tokens) and offsets[k] < b:
        w, p = tokens[k]
        if p[:1] in ("v", "p", "c", "u") and w not in _MISTAGGED and w != "至" and not (len(w) == 1 and p[:1] == "v"):
            return False  # 至 joins the two ends of a route (日照至五莲); 聊|邯长: one character of a place
        k += 1
    return True


# Lines listed before one shared head: 宁杭、沪渝蓉高铁; 北沿江、盐泰锡常宜、通苏嘉甬高铁 — each item is a line.
# matched at an enumeration comma only (a pattern that opens with a character class would be tried at every
# position of the text): the comma, the last item and its head; the earlier items are read backwards from it
_SHARED_HEAD = compiled(r"、([\u4e00-\u9fffA-Za-z0-9]{2,8}?)(高速铁路|高速公路|城际铁路|铁路|高铁|城际|高速|开放大通道|大通道|班列)")
_ITEMS_BEFORE = compiled(r"(?:[\u4e00-\u9fffA-Za-z0-9]{2,8}、)+$")
# words that make a line a kind, not a name: 普通、农村公路; 城际、市域铁路
_GENERIC_LINE = frozenset("普通 农村 国家 干线 支线 市域 城市 智慧 沿海 沿江 跨海 跨江 城际 高速 国省 省际 县乡 乡村 旅游 货运 客运 "
                          "重载 出省 进出 疏港 港口 城乡 快速 地方 区域 市郊 都市 铁路 公路 国道 省道 跨境 跨省 邻县 字形 环形 放射 "
                          "沿边 沿线 山区 高原 边境".split())


def _named_by_suffix(text: str, a: int, b: int, lex: Lexicon) -> bool:
    """Does ``text[a:b]`` end in a suffix of works, sites or bodies (广州新机场, 宁杭高铁): a name of its own kind?
    A place suffix does not count: lines are named by places (北沿江)."""
    return any(text.endswith(x, a, b) and lex.suffixes[x] not in ("-", "place") for x in lex.by_last.get(text[b - 1], ()))


_NOT_LINE_ITEM = compiled(r"[\d等的]")


def _holds_count(tokens, offsets, a: int, b: int) -> bool:
    """Does ``text[a:b]`` hold a numeral word (百年一遇; not the 五 of the place 五莲)?"""
    k = bisect_left(offsets, a)
    while k < len(tokens) and offsets[k] < b:
        if tokens[k][1] in ("m", "mq"):
            return True
        k += 1
    return False


def _shared_heads(text: str, tokens, offsets, lex: Lexicon) -> list[_Cand]:
    """One project per item of a list of lines that share the last item's head (see ``_SHARED_HEAD``)."""
    out = []
    for m in _SHARED_HEAD.finditer(text):
        last_a, last_b, head_end = m.start(1), m.end(1), m.end(2)
        if (text[last_a:last_b] in _GENERIC_LINE or not _no_verb(tokens, offsets, last_a, last_b)
                or "等" in text[last_a:last_b] or "、" in text[last_a:last_b]):
            continue
        before = _ITEMS_BEFORE.search(text, max(0, last_a - 45), last_a)
        if before is None:
            continue
        items = _enumerated(text, tokens, offsets, before.start(), before.end() - 1)  # 推进|北沿江
        # a line's name is short and names places (北沿江, 盐泰锡常宜): no numbers, no words of degree
        names = [(a, b) for a, b in items if 2 <= b - a <= 6 and text[a:b] not in _GENERIC_LINE
                 and not _named_by_suffix(text, a, b, lex) and _no_verb(tokens, offsets, a, b)
                 and not _NOT_LINE_ITEM.search(text, a, b) and not _holds_count(tokens, offsets, a, b)]
        if len(names) != len(items):
            continue  # one item is no bare line name (完善普通公路、农村公路): not a list of lines
        out += [_Cand(a, b, "project", None, 1) for a, b in names]
        out.append(_Cand(last_a, head_end, "project", None, 1))
    return out


# Campaigns named by their action (issue 18): 实施制造业数字化赋能行动, 开展城市更新提质工程 — the name runs from the
# first word after the launching verb to 行动/专项行动/行动计划/计划/工程.
# a quoted label may be digits or letters (“61020”科技创新行动: one unit of the name)
_CAMPAIGN_NAME = compiled(r"(?:(?:实施|开展|启动|推进|部署|组织|推出|深化|抓好|落实)好?)+((?:“[0-9A-Za-z]{1,10}”|[\u4e00-\u9fff“”]){2,22}?"
                            r"(?:专项行动|攻坚行动|行动计划|三年行动|行动|计划|工程))")
# counts and degrees before a campaign's name are not part of it (实施新一批|小微项目惠民生工程)
_CAMPAIGN_OPENERS = compiled(r"^(?:新一批|一批|新一轮|一系列|新一期)")
_CAMPAIGN_NOT_OPEN = ("一批", "若干", "一系列", "系列", "各类", "多项", "各项", "一项", "新一轮", "重点", "重大", "相关", "有关",
                      "为期", "全新", "崭新", "更多", "一个", "多个", "新的", "这项", "该项", "列入", "打好", "打赢", "打响")
_GENERIC_PLAN = compiled(r"(?:工作|投资|年度|发展|建设|生产|采购|财政|预算|培训|招生|行动|实施|专项|监督|检查|审计|考核)(?:计划|工程)$")
_NOT_IN_CAMPAIGN = compiled(r"[的等及+＋]")


def _holds_particle(tokens, offsets, a: int, b: int) -> bool:
    """Does ``text[a:b]`` hold a preposition, particle, pronoun or adverb (有计划, 对第六个五年计划)?"""
    k = bisect_left(offsets, a)
    while k < len(tokens) and offsets[k] < b:
        w, p = tokens[k]
        if p in ("p", "u", "uj", "ul", "uz", "r", "d") or w == "有":
            return True
        k += 1
    return False


# A plan's title launched by its verb (制定未来产业发展规划, 出台促进中部地区崛起新十年规划, 落实上海（长三角）国际科技创新
# 中心建设方案): the title runs from the first word after the verb to 规划/方案/纲要.
_LAUNCHED_PLAN = compiled(r"(?:制定|出台|编制|印发|落实|发布|修订)(?:实施)?"
                            r"([\u4e00-\u9fff（）]{3,22}?(?:规划纲要|规划|方案|纲要))")
_PLAN_NOT_OPEN = ("一批", "若干", "相关", "有关", "年度", "新一轮", "本市", "本省", "全省", "全市", "各类", "配套", "专项",
                  "具体", "工作", "实施")


# words between the verb that issues a plan and its title: more verbs of issuing, 并, aspect and counts (制定并实施…,
# 编制完成…, 加快推进…, 新一轮…); a verb of the title itself (促进中部地区崛起…) is none of them
_LAUNCH_WORDS = frozenset("并 好 有序 完成 实现 加快 推进 推动 深入 全面 认真 抓紧 新一轮 一批 研究".split())


def _after_launch(text: str, tokens, offsets, a: int, b: int) -> int:
    """Where a launched title begins: ``a`` past the words of issuing, aspect and count (``_LAUNCH_WORDS``,
    governing verbs) that stand between the verb and the title."""
    k = bisect_left(offsets, a)
    while k < len(tokens) and offsets[k] == a and a < b:
        w = tokens[k][0]
        if not (w in _LAUNCH_WORDS or w in _GOVERNING or w in _OPENING_ACTIONS or w in _ADVERBIAL):
            break
        a += len(w)
        k += 1
    return a


_PLAN_KIND_END = compiled(r"(?:总体|专项|实施|中长期)+$")  # what kind of plan, not what it is about


def _launched_plans(text: str, tokens, offsets, known, boundaries) -> list[_Cand]:
    """Plan titles after the verb that issues them, policies.  A kind of plan every government writes (国土空间规划,
    产业发展规划, 实施方案) is no title: the words before 规划/方案 must be six characters or more or hold a proper
    noun, and hold no particle, pronoun or adverb (制定|有关|方案) nor a quote (quoted titles have their own rule)."""
    out = []
    for m in _LAUNCHED_PLAN.finditer(text):
        a, b = m.start(1), m.end(1)
        if a not in boundaries or b not in boundaries or (m.start() not in boundaries):
            continue  # the title must end a word (规划|纲要 is the longer title, 方案|设计 no title)
        a = _after_launch(text, tokens, offsets, a, b)  # 制定|并实施|…, 编制|完成|…, 用好|新一轮|…
        name = text[a:b]
        head = next(x for x in ("规划纲要", "规划", "方案", "纲要") if name.endswith(x))
        prefix = name[: -len(head)]
        if (len(prefix) < 3 or prefix.startswith(_PLAN_NOT_OPEN) or "的" in prefix or _TWO_TITLES.search(name)
                or _holds_particle(tokens, offsets, a, b - len(head))
                or _LABEL.match(prefix) or prefix.count("（") != prefix.count("）")
                or not (len(_PLAN_KIND_END.sub("", prefix)) >= 6 or _holds_proper(tokens, offsets, a, b - len(head), known))):
            continue  # 国土空间总体|规划: a kind every government writes
        out.append(_Cand(a, b, "policy", None, 0))
    return out


def _campaigns(text: str, tokens, offsets, known, boundaries) -> list[_Cand]:
    """Campaigns launched by name (see ``_CAMPAIGN_NAME``): a programme, or a project when the 工程 holds works."""
    out = []
    for m in _CAMPAIGN_NAME.finditer(text):
        a, b = m.start(1), m.end(1)
        name = m.group(1)
        title = text.startswith("方案", b)  # 制定实施基础研究十年行动|方案: a plan's title runs on (a policy)
        longer = _LONGER_SUFFIX.match(text, b)
        if b not in boundaries and longer and longer.end() in boundaries:
            b, name = longer.end(), text[a : longer.end()]  # …新一轮三年行动|计划: the lazy match stopped inside 行动计划
        if b not in boundaries and text.startswith("项目", b) and b + 2 in boundaries:
            pass  # 启动一批产业基础再造工程|项目: 工程项目 is one word, 项目 the count noun after the name
        elif (m.start() not in boundaries and not (m.start() - 2 in boundaries and text[m.start() - 2 : m.start()] in _VERB_ADVERBS)) \
                or a not in boundaries or b not in boundaries:
            continue  # 设施|… is no 实施; the name must end a word (行动力 is no 行动); 深入推进 is one word
        joined = _TITLE_AND.match(name)
        if joined and a + joined.end() in boundaries:
            # 实施自贸试验区提升战略和综保区提质升级行动: a strategy and a campaign launched by one verb are two names
            # (the strategy is named by its own rule); the campaign runs from after the conjunction
            a, name = a + joined.end(), name[joined.end():]
        c = _campaign_name(text, tokens, offsets, boundaries, a, name)
        if c is None:
            continue
        if title:
            if not _TWO_TITLES.search(text, c.start, c.end) and c.end + 2 in boundaries:
                out.append(_Cand(c.start, c.end + 2, "policy", None, 0))  # not …实施意见和|行动方案 (two titles)
            continue
        out.append(c)
        coord = _CAMPAIGN_AND.match(text, c.end)
        if coord and coord.end(1) in boundaries:
            c2 = _campaign_name(text, tokens, offsets, boundaries, coord.start(1), coord.group(1))
            if c2 is not None:
                out.append(c2)  # 推进特殊引才计划和关键核心技术人才工程: one verb launches both
    return out


_VERB_ADVERBS = frozenset("深入 持续 全面 加快 大力 积极 扎实 着力".split())
# a campaign with its span of years is a name whatever verb opens it (促进科技成果转化五年行动)
_DATED_CAMPAIGN = compiled(r"[一二三四五六七八九十两]年行动(?:计划)?$")
_TITLE_AND = compiled(r"[^和与及]{2,}?(?:战略|规划|政策)[和与及]")  # a strategy's title before 和 ends a name of its own
# a title word joined to what follows: 实施意见和|行动方案, 中央支持意见和本市行动方案 are two titles sharing a head
_TWO_TITLES = compiled(r"(?:意见|规划|方案|纲要|办法|措施)[和与及、]")
# the rest of a longer campaign suffix after where the lazy name pattern stopped (三年行动|计划)
_LONGER_SUFFIX = compiled(r"计划")
_CAMPAIGN_AND = compiled(r"[和及、]([\u4e00-\u9fff“”]{4,16}?(?:专项行动|攻坚行动|行动计划|三年行动|行动|计划|工程))")


def _campaign_name(text: str, tokens, offsets, boundaries, a: int, name: str) -> Optional[_Cand]:
    """The campaign named ``name`` at ``a`` (right after its launching verb), or None when it is no name: a count
    opening it is cut off (新一批), and a kind of works, a generic plan or a phrase with a verb of its own is none."""
    b = a + len(name)
    opener = _CAMPAIGN_OPENERS.match(name)
    if opener:
        a, name = a + opener.end(), name[opener.end():]
        if a not in boundaries:
            return None
    suffix = next(x for x in ("专项行动", "攻坚行动", "行动计划", "三年行动", "行动", "计划", "工程") if name.endswith(x))
    prefix = name[: -len(suffix)]
    least = 2 if "行动" in suffix or "“" in prefix else 4  # 工程 and 计划 close common phrases too (水利工程)
    first = tokens[bisect_left(offsets, a)][0]
    if (len(prefix) < least or prefix.startswith(_CAMPAIGN_NOT_OPEN) or _LABEL.match(prefix)
            or (_GENERIC_PLAN.search(name) and len(name) <= 6) or name.endswith("社会发展计划")
            or prefix.count("“") != prefix.count("”") or _NOT_IN_CAMPAIGN.search(name)
            or not _holds_noun(tokens, offsets, a, b - len(suffix)) or _holds_governing(prefix[:2])
            or _stop_word(first) or (first in _ACTION_VERBS and not _DATED_CAMPAIGN.search(name))
            or _holds_particle(tokens, offsets, a, b)):
        return None  # 拓展|“三争”行动: a ladder verb opens no campaign's name (提振消费 does: 提振 is no ladder verb)
    # works words of two characters or more: 强港 is no 港 works
    if suffix == "工程" and _subject_of_major_works(prefix):
        pass  # 中医药振兴发展重大工程, 重要生态系统保护和修复重大工程: a national programme named by its subject
    elif suffix == "工程" and (any(len(x) > 1 and x in prefix for x in _WORKS) or prefix.endswith(("重大", "重点", "重要"))):
        return None  # 老旧小区改造工程, “十四五”重大工程: a kind of works; a named one holds a place (suffix rules)
    return _Cand(a, b, "programme", None, 0)


def _subject_of_major_works(prefix: str) -> bool:
    """Does ``prefix`` (a campaign name before 工程) name a programme by its subject and then 重大: four or more
    characters before 重大, no quote (“十四五”重大 names a period's works, a kind) and no count?"""
    if not prefix.endswith("重大") or "“" in prefix:
        return False
    subject = prefix[:-2]
    return len(subject) >= 4 and not _COUNT_OPENING.match(subject)


# City groups named by one character each (苏锡常, 宁镇扬, 锡常泰; 成渝, 杭甬 for the big cities): places.
_CITY_CHARS: Optional[frozenset] = None


def _city_chars() -> frozenset:
    global _CITY_CHARS
    if _CITY_CHARS is None:
        _CITY_CHARS = frozenset(row[0] for row in read_tsv(LEXICON_DIR / "city_abbreviations.tsv") if len(row[0]) == 1)
    return _CITY_CHARS


def _abbreviation_pairs(text: str, tokens, offsets) -> list[_Cand]:
    """Two provinces or big cities named by their one-character abbreviations, standing as one word (川渝, 杭甬, 深港,
    闽港: README, place): a place.  A longer name that opens with the pair (川渝高竹新区, 成渝地区双城经济圈) wins
    in the overlap resolution.  Found on the text (two abbreviation characters, C-level), then checked as a token."""
    global _PAIR_TEXT
    if _PAIR_TEXT is None:
        _PAIR_TEXT = compiled("[" + "".join(sorted(_ABBREV)) + "]{2}")
    out = []
    for m in _PAIR_TEXT.finditer(text):
        k = bisect_left(offsets, m.start())
        if k >= len(tokens) or offsets[k] != m.start() or not _PAIR_TOKEN[tokens[k]]:
            continue
        before = tokens[k - 1][0] if k > 0 else ""
        after = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        w = tokens[k][0]
        if (_chained(before, w) or _chained(w, after)) or after[:1].isdigit():
            continue  # 豫皖|苏浙…走廊: a chain of abbreviations names more than the pair; 济青|1.5小时: a trip's ends
        out.append(_Cand(offsets[k], offsets[k] + 2, "place", None, 0))
    return out + _listed_pairs(tokens, offsets)


def _listed_pairs(tokens, offsets) -> list[_Cand]:
    """Pairs of a big city and a smaller one (郑开, 郑许: city_abbreviations.tsv) listed beside a pair of the same
    big city (支持郑开、郑新、郑焦等重点产业带; 深化郑洛、郑许协同发展): places, whatever the segmenter tagged them
    (郑开/v).  A city character alone is a common word (开, 许), so the listed sibling vouches for it."""
    chars = _ABBREV | _city_chars()

    def sibling(j: int, first: str) -> bool:
        return (0 <= j < len(tokens) and len(tokens[j][0]) == 2 and tokens[j][0][0] == first
                and tokens[j][1] in ("ns", "nr", "j"))

    out = []
    for k, (w, p) in enumerate(tokens):
        if (len(w) != 2 or w[0] not in _ABBREV or w[1] not in chars or w[0] == w[1] or _PAIR_TOKEN[tokens[k]]
                or not ((k + 2 < len(tokens) and tokens[k + 1][0] == "、" and sibling(k + 2, w[0]))
                        or (k >= 2 and tokens[k - 1][0] == "、" and sibling(k - 2, w[0])))):
            continue
        out.append(_Cand(offsets[k], offsets[k] + 2, "place", None, 0))
    return out


_PHASE_CLOSE = ("、", "，", "。", "；", "等", "竣工", "开工", "全面", "建成", "投产", "投用")


def _phase_items(text: str, tokens, offsets) -> list[_Cand]:
    """Works named by their owner or site and a phase, standing as an item (惠州埃克森美孚一期竣工、中海壳牌三期全面
    开工; 开工…、八所港高排港区一期等项目): a project, or a facility when a zone's name precedes the phase (港区,
    园区).  The name opens with a proper noun (or a morpheme or place word the segmenter split off: 富芯/ng|集成电路一期,
    城北/s|水网一期) right after a verb or a punctuation mark and holds no two-character
    verb (the segmenter's 港高排/v, 河复航/v glue a name's characters and stay in); the phase is the item's end."""
    out = []
    for k, (w, p) in enumerate(tokens):
        if not (0 < k and _PHASE.fullmatch(w) and k + 1 < len(tokens) and tokens[k + 1][0].startswith(_PHASE_CLOSE)):
            continue
        start = None
        for j in range(k - 1, max(-1, k - 6), -1):
            tw, tp = tokens[j]
            if tp == "x" or (tp[:1] == "v" and len(tw) <= 2) or not all("\u4e00" <= ch <= "\u9fff" for ch in tw):
                break
            if tp in ("ns", "nr", "nz", "j", "ng", "s") and (j == 0 or tokens[j - 1][1] == "x" or tokens[j - 1][1][:1] == "v"):
                start = j
        if start is None or start == k - 1 and len(tokens[start][0]) < 3:
            continue  # 上海|一期: a place and a phase name no works
        typ = "facility" if text.endswith(("港区", "园区"), offsets[start], offsets[k]) else "project"
        out.append(_Cand(offsets[start], offsets[k] + len(w), typ, None, 0))
    return out


def _chained(left: str, right: str) -> bool:
    """Do two short words of abbreviations make one longer group (豫皖|苏浙: four provinces)?  A repeated one
    (闽港|闽澳) makes two pairs."""
    joined = left + right
    return (0 < len(left) <= 2 and 0 < len(right) <= 2 and all(ch in _ABBREV for ch in joined)
            and len(set(joined)) == len(joined))


_PAIR_TEXT: Optional[re.Pattern] = None
_PAIR_TOKEN = _TokenTest(lambda t: len(t[0]) == 2 and _abbrev(t[0]) and t[1] in _PROPER_POS)


def _city_groups(text: str, boundaries) -> list[_Cand]:
    """Groups of three to five city abbreviations standing as words (苏锡常, 宁镇扬, 锡常泰), one of them at least a
    city's (a group of provinces, 京津冀, is in the gazetteer): places.  Pairs (港深, 济青) are left alone: they
    mostly qualify what follows (港深合作, 济青1.5小时) rather than name a place."""
    global _CITY_RUN
    out = []
    chars = _city_chars() | _ABBREV
    if _CITY_RUN is None:
        _CITY_RUN = compiled("[" + "".join(sorted(chars)) + "]{3,5}")
    for m in _CITY_RUN.finditer(text):
        g = m.group()
        if (m.start() in boundaries and m.end() in boundaries and len(set(g)) == len(g) and all(ch in chars for ch in g)
                and sum(ch in _ABBREV for ch in g) < len(g) and _CITY_CONTEXT.match(text, m.end())):
            line = _GROUP_LINE.match(text, m.end())
            if line:  # 成达万高铁, 绵遂内铁路: a line named by the cities it joins is one project
                out.append(_Cand(m.start(), line.end(), "project", None, 0))
            else:
                out.append(_Cand(m.start(), m.end(), "place", None, 0))
    return out


_CITY_RUN: Optional[re.Pattern] = None
_GROUP_LINE = compiled(r"(?:高速铁路|城际铁路|高速公路|铁路|高铁|城际|高速)(?![\u4e00-\u9fff]{0,1}[路网])")
_CITY_CONTEXT = compiled(r"[、等，。；）\d]|一体化|同城|融合|协同|地区|都市圈|城市群|高铁|铁路|城际|$")


# Events are no entity type: the place that opens an event's name (北京国际电影节, 北京马拉松) is part of
# that name, not a mention of the place.
_EVENT = compiled(r"[\u4e00-\u9fff]{0,6}?(?:电影节|音乐节|艺术节|文化节|旅游节|戏剧节|马拉松|论坛|博览会|交易会|展览会|峰会|"
                    r"运动会|锦标赛|公开赛|非遗周|时装周|设计周|国际周|大会)")
_NOT_IN_EVENT = compiled(r"[和与及在为将对把是等、]")


# Fixed political phrases a place name opens (中国特色社会主义, 中国式现代化, 中国梦): a nested part
# of a phrase, not a mention of the country.
# …人 ending the phrase is a demonym (14亿中国人的饭碗, 全体中国人的美好未来), 非洲猪瘟 a disease named for the place
_FIXED_PHRASE = compiled(r"特色社会主义|式现代化|梦|猪瘟|人(?=[的，。、；！？]|$)")


_RESULTS = ("成果", "成效")
_BRAND_PRODUCT: Optional[re.Pattern] = None


def _brand_product() -> re.Pattern:
    """The products of ``brand_products.txt`` as one pattern (built once per process)."""
    global _BRAND_PRODUCT
    if _BRAND_PRODUCT is None:
        words = [row[0] for row in read_tsv(LEXICON_DIR / "brand_products.txt")]
        _BRAND_PRODUCT = compiled(_trie_regex(words))
    return _BRAND_PRODUCT


def _drop_event_places(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Drop places that open an event's name (北京国际电影节), a fixed phrase (中国特色社会主义) or a product
    brand (潜江龙虾, 福鼎白茶): the outermost name only, and those are no entities; and campaigns named for their
    results (脱贫攻坚成果)."""
    out = []
    product = _brand_product()
    for c in cands:
        if c.type == "place":
            m = _EVENT.match(text, c.end)
            if m and not _NOT_IN_EVENT.search(m.group()):
                continue
            if _FIXED_PHRASE.match(text, c.end):
                continue
            m = product.match(text, c.end)
            if m and m.end() > c.end:
                continue
        elif c.type == "programme" and text.startswith(_RESULTS, c.end) and text[c.end - 1] != "”":
            continue  # 巩固拓展脱贫攻坚成果: the results of a campaign, no mention of it (a quoted name stays one)
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


_LINE_EXTENSION = compiled(r"[东西南北]{1,2}(?:延伸段|延伸|延长线|延线|段|延(?=[、，。；和及与等]))(?![\u4e00-\u9fff]{0,1}[路区])")
_SECTION = compiled(r"([\u4e00-\u9fff]{2,4})至([\u4e00-\u9fff]{2,4})段|([\u4e00-\u9fff]{2,3})段")


_NOT_SECTION = frozenset("全线 路段 区段 标段 首段 该段 此段 一段 分段 地段 线段 阶段 时段 全段 主段 支段".split())
_LINES = ("铁路", "高铁", "高速", "高速公路", "城际", "公路", "线")
_WORKS_ACTION = compiled(r"(?:航站楼|航站区|主体)?(?:扩能改造|扩容改造|提质改造|加宽改造|拓宽改造|增能改造|现代化改造|除险加固|改扩建|"
                           r"整体提升工程|提升改造|扩容|扩能|改造|扩建|迁建|新建|续建|复航|工程)(?:项目)?"
                           r"(?:[一二三四五六七八九十\d]期)?(?=[、，。；和及与等）]|前期|尽早|开工|投运|投用|建成|竣工|完工|$)")


_PHASE_WORKS = ("工程", "项目")
_UNITS = compiled(r"[\d一二三四五六七八九十]{1,3}(?:[、—\-～至和][\d一二三四五六七八九十]{1,3})*号机组")  # 2—4号机组, 3、4号机组
# free trade areas agreed between states, named by their parties (中日韩自贸区, 中国－东盟自贸区, 亚太自贸区)
_FREE_TRADE_AREA = compiled(r"(?:中国?[－—-]?)?(?:东盟|亚太|海合会|[日韩美欧俄澳英法德瑞冰秘智])+(?:自贸区|自由贸易区)")


# single characters that stand before a name as words of their own (在|上海, 各|园区, 新|机场 …), never as its first
# character
_NOT_GLUED = frozenset("在的和与及或等是为将把被对从向以其这那各每一全本该我新老大小首省市县区")
# adjectives that complete the verb before them (建|好|厦门生物医药港, 做|强|…, 靠|近|沪…): never a name's first
_COMPLEMENTS = frozenset("好强优实牢稳严细快足多高深广活近紧精真准")
# characters of real time words (今年, 近期, 上半年, 年底): a time token holding one is no name the segmenter misread
_TIME_CHARS = frozenset("年月日时期今明昨前后初末底上下季代世纪间来去当目现")


def _glued_opening(text: str, tokens, offsets, c: _Cand) -> _Cand:
    """``c`` (works or a site) grown over the first of its name that the segmenter split off as a word of another kind:
    one character tagged adjective or position (加快|白|龟山水库 → 白龟山水库, 推进|上|白石水利枢纽), or a pair read as a
    time (建成|汉魏|故城遗址博物馆).  Only when that word follows a verb or a punctuation mark and the name opens
    with a proper noun, so a modifier of the sentence (在, 各, 新) never joins."""
    if c.type not in ("project", "facility"):
        return c
    k = bisect_left(offsets, c.start)
    if not (0 < k < len(tokens) and offsets[k] == c.start and tokens[k][1] in ("ns", "nr", "nz", "j")):
        return c
    w, p = tokens[k - 1]
    before = tokens[k - 2][1][:1] if k >= 2 else "x"
    glued = ((len(w) == 1 and p in ("a", "f", "ag", "ng", "g") and w not in _NOT_GLUED and w not in _COMPLEMENTS)
             or (len(w) == 2 and p == "t" and not (set(w) & _TIME_CHARS)))
    if glued and before in ("v", "x") and all("\u4e00" <= ch <= "\u9fff" for ch in w):
        return dataclasses.replace(c, start=c.start - len(w))
    return c


def _extend(text: str, c: _Cand, places: dict) -> _Cand:
    """Take in a phase (``一期``), a section (``阜阳至黄冈段``, ``河南段``) and a bracketed alias
    (``（平谷线）``, ``（北京段）``) that follow."""
    end = c.end
    if c.type == "facility" and _FREE_TRADE_AREA.fullmatch(text, c.start, c.end):
        c = dataclasses.replace(c, type="policy")  # 中日韩自贸区, 中国－东盟自贸区: an agreement between states, no zone
    line_end = end  # where the line's own name ends (20号线|一期东段: the section follows the phase)
    if c.type in ("project", "facility", "org"):
        m = _PHASE.match(text, end)
        if m:
            end = m.end()
            if c.type == "org":
                # 海南警察学院二期: a campus built in phases; 长江存储三期, 华能四期: a company's phase is its
                # investment project (the gold labels them so)
                c = dataclasses.replace(c, type="project" if text[c.start:c.end] in _enterprises() else "facility")
            if text.startswith(_PHASE_WORKS, end):
                # 浦东国际机场四期工程, 南京禄口机场三期工程: the works of a phase are a project
                end += 2
                c = dataclasses.replace(c, type="project")
    if c.type in ("project", "facility"):
        m = _UNITS.match(text, end)
        if m:
            # 宁德核电5号机组, 漳州核电2—4号机组: a plant's numbered units are sites of it, as its phases are
            # (entity_suffixes.tsv types 机组 a facility); the segmenter's 5|号 keeps the suffix rule from reading them
            c, end = dataclasses.replace(c, type="facility"), m.end()
    if c.type == "project":
        m = _SECTION.match(text, end)
        # a section is named by places: 河南段 yes, 建设阶段 no; 成渝铁路成隆段: two places' first characters
        if m and (m.group(1) or places.get(m.group(3), ("",))[0] == "place"
                  or (len(m.group(3)) == 2 and m.group(3) not in _NOT_SECTION and text.endswith(_LINES, c.start, c.end))):
            end = m.end()
        m = _LINE_EXTENSION.match(text, end)
        if m and (m.group().endswith(("延伸", "延长线", "延线")) or not text.endswith("号线", c.start, end)) and text.endswith(
                _LINES + ("通道", "号线"), c.start, line_end):
            end = m.end()  # 13号线东延伸, 北横通道东段: a line's extension or section by its direction
        m = _WORKS_ACTION.match(text, end)
        if m:
            end = m.end()  # 成渝高速扩容, 成渝铁路成隆段扩能改造: works listed with what is done to them
    if c.type == "facility" and c.priority == 0:
        m = _WORKS_ACTION.match(text, end)
        if m:
            # 罗泾港区改造二期: works on a facility, with their phase, are a project
            c, end = dataclasses.replace(c, type="project"), m.end()
    if c.type in ("project", "facility", "org"):
        m = _ALIAS.match(text, end)
        if m:
            end = m.end()
    if c.type == "project" and text.startswith("班列", end):
        end += 2  # 西部陆海新通道班列: the trains run on the named corridor
    if c.type == "project" and text.startswith("项目", end) and c.priority < 2:
        end += 2  # 南港岛线（西段）项目, 三门核电三期项目: the works' own word closes the name
    return dataclasses.replace(c, end=end) if end != c.end else c


_TRANSIT = "轨道交通"


def _transit_system(text: str, c: _Cand) -> _Cand:
    """A metro line written after the system's name (轨道交通平谷线, 轨道交通M102线) takes it in: the report names the
    line so, as the gold does; the first item of a list only (轨道交通平谷线、22号线: 22号线 stays as written).
    ``c`` unchanged otherwise."""
    if text.endswith(_TRANSIT, 0, c.start) and text.endswith("线", c.start, c.end):
        return dataclasses.replace(c, start=c.start - len(_TRANSIT), canonical=None)
    return c


_ENTERPRISES: Optional[frozenset] = None


def _enterprises() -> frozenset:
    """The names of ``enterprises.tsv`` (companies named without a suffix), read once."""
    global _ENTERPRISES
    if _ENTERPRISES is None:
        _ENTERPRISES = frozenset(row[0] for row in read_tsv(LEXICON_DIR / "enterprises.tsv"))
    return _ENTERPRISES


_RIVER_WORKS: Optional[re.Pattern] = None
_WATERS = frozenset("江河湖")


_REACH_ENDS = frozenset("江河湖山岭")
_REACHES: Optional[re.Pattern] = None


def _reaches() -> re.Pattern:
    """The reach and flank words of ``place_reaches.txt`` (流域, 中上游, 南麓) standing at the end of an item, compiled once."""
    global _REACHES
    if _REACHES is None:
        # the reach must end the item (金沙江中上游、…, 嘉陵江流域等): in 潮白河流域河道 or 汉江流域水安全能力提升 the basin
        # only qualifies what follows, and the river alone is the name
        words = [row[0] for row in read_tsv(LEXICON_DIR / "place_reaches.txt")]
        _REACHES = compiled("(?:" + _trie_regex(words) + r")(?=[、，。；等和及与）]|$)")
    return _REACHES


def _river_works(text: str, c: _Cand) -> _Cand:
    """A place that ends in a direction and is followed by 部 takes it in (屯门西部: a gazetteer name 屯门西 must not cut
    the part 西部); a river or mountain followed by a reach of ``place_reaches.txt`` takes it in (金沙江中上游, 大巴山南麓).  A river or lake (a place ending in 江/河/湖) followed by an action word of ``river_works.txt`` that ends the
    item (长江等级提升、岷江畅通，…) names works: one project over both.  ``c`` unchanged otherwise."""
    global _RIVER_WORKS
    if text[c.end - 1] in "东西南北" and text.startswith("部", c.end):
        return dataclasses.replace(c, end=c.end + 1, canonical=None)  # 屯门西|部: the name's direction is the part's
    if text[c.end - 1] in _REACH_ENDS:
        m = _reaches().match(text, c.end)
        if m:
            return dataclasses.replace(c, end=m.end(), canonical=None)  # 嘉陵江流域, 大巴山南麓: the region is the place
    if text[c.end - 1] not in _WATERS:
        return c
    if _RIVER_WORKS is None:
        words = [row[0] for row in read_tsv(LEXICON_DIR / "river_works.txt")]
        _RIVER_WORKS = compiled("(?:" + _trie_regex(words) + r")(?=[、，。；等和及与）]|$)")
    m = _RIVER_WORKS.match(text, c.end)
    return dataclasses.replace(c, end=m.end(), type="project", canonical=None) if m and m.end() > c.end else c


# Instruments named by what they cover, with no proper noun: 外资准入负面清单, 跨境服务贸易负面清单 (policies).
_INSTRUMENT_WORDS = ("负面清单",)
_INSTRUMENT_PART_POS = frozenset("n vn nz l j".split())
_INSTRUMENT_NOT_PART = frozenset("新版 年版 最新版 全国 全面 部分 地区 各类 相关".split())


def _governs(w: str, p: str) -> bool:
    """Is the token a governing verb (制定, 全面实施), not a verbal noun inside a name (跨境|服务|贸易)?"""
    return (w in _GOVERNING and p != "vn") or (len(w) > 2 and _holds_governing(w))


def _instruments(text: str, tokens: list[tuple[str, str]], offsets: list[int]) -> list[_Cand]:
    """``…负面清单``: the noun tokens before the instrument word (at most ten characters, never across 的, a comma, a
    verb or a version word), with one verb right before the word when a noun of two characters or more precedes it
    (外资|准入|负面清单, 数据|出境|负面清单; not 审批|制|转向|负面清单, 试行|市场准入…, 国民待遇|加|负面清单, a regime)."""
    out = []
    for word in _INSTRUMENT_WORDS:
        pos = text.find(word)
        while pos >= 0:
            k = bisect_left(offsets, pos)
            if k < len(offsets) and offsets[k] == pos:
                a = k
                if (k >= 2 and tokens[k - 1][1] == "v" and len(tokens[k - 1][0]) >= 2
                        and not _holds_governing(tokens[k - 1][0]) and tokens[k - 1][0] not in _GOVERNING
                        and tokens[k - 2][1] in _INSTRUMENT_PART_POS
                        and len(tokens[k - 2][0]) >= 2):
                    a -= 1
                while (a > 0 and tokens[a - 1][1] in _INSTRUMENT_PART_POS and pos - offsets[a - 1] <= 10
                       and tokens[a - 1][0] not in _INSTRUMENT_NOT_PART and not _governs(*tokens[a - 1])):
                    a -= 1
                if a < k and pos - offsets[a] >= 2:
                    out.append(_Cand(offsets[a], pos + len(word), "policy", None, 0))
            pos = text.find(word, pos + 1)
    return out


# Plans named by their horizon, with no proper noun (实施基础研究十年规划, 出台服务业扩大开放3.0方案, 编制…新十年发展规划):
# from the first word after the verb that issues them to 规划/方案/纲要, the horizon inside
_HORIZON_PLAN = compiled(r"(?:制定|出台|实施|编制|发布|印发)([\u4e00-\u9fff]{2,14}?新?(?:[一二三四五六七八九十]+年|\d\.\d版?)"
                           r"[\u4e00-\u9fff]{0,4}?(?:规划|方案|纲要))(?![\u4e00-\u9fff]{0,1}[体设])")


def _horizon_plans(text: str, tokens, offsets, boundaries) -> list[_Cand]:
    """Plans issued by name with their horizon in it (see ``_HORIZON_PLAN``): policies.  A counted label inside
    (三大攻坚战三年行动方案) or a verb opening the name (有序实施…) makes no title."""
    out = []
    for m in _HORIZON_PLAN.finditer(text):
        a, b = m.start(1), m.end(1)
        if a not in boundaries or b not in boundaries or _LABEL.search(m.group(1)):
            continue
        first = tokens[bisect_left(offsets, a)]
        if _stop_word(first[0]) or first[1][:1] in ("v", "d", "c", "p") or first[0] in _GOVERNING:
            continue
        out.append(_Cand(a, b, "policy", None, 0))
    return out


_PERIOD_PLAN = compiled(r"“[^“”]{2,6}”(?:规划|规划纲要|实施方案)$")  # “十三五”规划


def _plans_of_names(text: str, gaz: list[_Cand], quoted: list[_Cand]) -> list[_Cand]:
    """A period's plan written right after a named policy or place is one title: 西部大开发“十三五”规划,
    长江经济带“十四五”规划 (policies; the name inside is no entity of its own)."""
    ends = {c.end: c for c in gaz if c.type in ("policy", "place")}
    out = []
    for q in quoted:
        head = ends.get(q.start)
        if head is not None and q.type == "policy" and _PERIOD_PLAN.match(text[q.start : q.end]):
            out.append(_Cand(head.start, q.end, "policy", None, 1))
    return out


# heads of lines whose names the segmenter often breaks (京沪|二|通道/v, 南三/t|高速/d, 狮子|洋|通道)
_SIBLING_LINE_HEAD = compiled(r"(?:高速公路|高速|铁路|高铁|城际|通道|航道)$")
_SIBLING_LINE_PREFIX = compiled(r"[\u4e00-\u9fff]{2,5}")
_CLAUSE_STOP = compiled(r"[，。；：！？\n（）()“”]")


def _leading_verbs_cut(text: str, tokens, offsets, lo: int, hi: int) -> list[tuple[int, int]]:
    """The 、-items of ``text[lo:hi]``, the first one after its leading verbs only (加快建设|京沪二通道: unlike
    :func:`_after_verbs`, a verb-tagged head later in the item, 通道/v, cuts nothing)."""
    items, pos = [], lo
    for part in text[lo:hi].split("、"):
        items.append((pos, pos + len(part)))
        pos += len(part) + 1
    k, a = bisect_left(offsets, lo), lo
    while k < len(tokens) and offsets[k] < items[0][1] and (
            tokens[k][1][:1] in ("v", "d", "p", "c") or tokens[k][0] in _GOVERNING or _stop_word(tokens[k][0])):
        a = offsets[k] + len(tokens[k][0])
        k += 1
    items[0] = (a, items[0][1])
    return items


def _sibling_lines(text: str, tokens, offsets, cands: list[_Cand]) -> list[_Cand]:
    """Items listed with 、 beside a line or works already found (加快建设S3公路、沿江通道、北横通道): an item that is a
    short name word + a line head (沿江通道, 狮子洋通道, 南三高速, 京沪二通道) is a line too, whatever tags the
    segmenter gave its words; the list vouches for it.  A kind word (普通, 农村, 沿江 …) opens such an item only when a
    named sibling ends in the same head (沿江通道 beside 北横通道), and the item holds no verb but its head."""
    out = []
    found = {(c.start, c.end) for c in cands if c.type == "project"}
    heads = {}
    for c in cands:
        if c.type == "project":
            h = _SIBLING_LINE_HEAD.search(text, c.start, c.end)
            heads[(c.start, c.end)] = h.group() if h else None
    seen = set()
    for c in cands:
        if c.type != "project" or not (c.start > 0 and text[c.start - 1] == "、" or text.startswith("、", c.end)):
            continue
        lo = max((x.end() for x in _CLAUSE_STOP.finditer(text, max(0, c.start - 60), c.start)), default=max(0, c.start - 60))
        stop = _CLAUSE_STOP.search(text, c.end)
        hi = stop.start() if stop else len(text)
        if (lo, hi) in seen:
            continue
        seen.add((lo, hi))
        items = _leading_verbs_cut(text, tokens, offsets, lo, hi)
        sibling_heads = {heads.get(it) for it in items if it in found}
        for a, b in items:
            if (a, b) in found:
                continue
            h = _SIBLING_LINE_HEAD.search(text, a, b)
            if h is None or not _SIBLING_LINE_PREFIX.fullmatch(text, a, h.start()) or a not in offsets:
                continue
            prefix = text[a : h.start()]
            if (prefix in _GENERIC_LINE or prefix in _EVALUATIVE or prefix in _NOT_PROPER) and h.group() not in sibling_heads:
                continue
            k = bisect_left(offsets, a)
            if any(tokens[j][1][:1] in ("v", "p", "c", "u") and offsets[j] < h.start() and len(tokens[j][0]) > 1
                   for j in range(k, min(len(tokens), k + 6)) if offsets[j] < b):
                continue  # 加快建设|… : a verb inside is no name
            out.append(_Cand(a, b, "project", None, 1))
    return out


_SITE_ITEM_BEFORE = compiled(r"(?:[\u4e00-\u9fff]{2,6}、)+$")


def _shared_site_heads(text: str, tokens, offsets, known, cands: list[_Cand]) -> list[_Cand]:
    """Places listed before a site or works that share its head (杭州、宁波、温州机场; 湘琼、粤琼、深儋合作产业园): each
    listed item is one of that kind, typed as the last item (README, Spans: lines listed before a shared head, and
    the same for sites).  Every item must be a bare place name (a gazetteer place, an abbreviation pair, proper
    words) with no verb, count or suffix of its own, or the list is no such list.  Priority 3: the item replaces the
    bare place the gazetteer found there."""
    out = []
    for c in cands:
        if (c.type not in ("facility", "project") or c.start < 2 or text[c.start - 1] != "、"
                or "至" in text[c.start : c.end]):
            continue  # a route (郎木寺至汶川) shares no head with the items before it
        before = _SITE_ITEM_BEFORE.search(text, max(0, c.start - 40), c.start)
        if before is None:
            continue
        items = _enumerated(text, tokens, offsets, before.start(), before.end() - 1)
        good = [(a, b) for a, b in items
                if 2 <= b - a <= 4 and text[a - 1] != "至" and _no_verb(tokens, offsets, a, b)
                and not _holds_count(tokens, offsets, a, b)
                and not _NOT_LINE_ITEM.search(text, a, b) and a in offsets and b in offsets
                and 2 not in known[a:b]  # a company listed before works (京东方、…项目) stays a company
                and (known[a] == 1 and known[b - 1] == 1 or _abbrev(text[a:b]) or _all_proper(tokens, offsets, a, b, known))]
        if good and len(good) == len(items):
            out += [_Cand(a, b, c.type, None, 3) for a, b in good]
    return out


_AGREEMENT: Optional[re.Pattern] = None
_AGREEMENT_HEAD = compiled(r"协定|协议")


def _agreement_pattern() -> re.Pattern:
    """中 + one or two countries (lexicon/country_abbreviations.tsv) + what the agreement covers + 协定/协议, with the
    pairs listed before it sharing its head (中韩、中澳自贸协定): group ``items`` the listed pairs, ``name`` the last."""
    global _AGREEMENT
    if _AGREEMENT is None:
        countries = "|".join(sorted((row[0] for row in read_tsv(LEXICON_DIR / "country_abbreviations.tsv")),
                                    key=lambda w: (-len(w), w)))
        pair = f"中(?:{countries}){{1,2}}"
        _AGREEMENT = compiled(f"(?P<items>(?:{pair}、)*)(?P<name>{pair}(?:第[一二三四五]阶段)?"
                                r"(?:投资|自贸|自由贸易|经贸|贸易)?(?:协定|协议))")
    return _AGREEMENT


def _agreements(text: str, boundaries) -> list[_Cand]:
    """China's bilateral agreements, policies (中欧投资协定, 中美第一阶段经贸协议: rjieba tags 协定 a verb, so no suffix
    rule finds them), and the pairs listed before one sharing its head (尽早签署中韩、中澳自贸协定 → 中韩), each a policy
    (README, Spans: items before a shared head take its kind).  Priority 3: over a gazetteer's reading of a pair."""
    out = []
    pattern = _agreement_pattern()
    for head in _AGREEMENT_HEAD.finditer(text):  # the pattern may match empty items: try it near a 协定/协议 only
        m = next((x for x in pattern.finditer(text, max(0, head.start() - 40), head.end()) if x.end() == head.end()), None)
        if m is None:
            continue
        if m.start() not in boundaries and text[m.start() - 1] not in "、，。；：（“":
            continue  # 集中|美… : the 中 ends another word
        pos = m.start()
        for item in m.group("items").split("、")[:-1]:
            out.append(_Cand(pos, pos + len(item), "policy", None, 3))
            pos += len(item) + 1
        out.append(_Cand(m.start("name"), m.end("name"), "policy", None, 3))
    return out


_DONE_TO_AGREEMENTS = frozenset("谈判 签署 签订 升级 生效 磋商".split())
_FREE_TRADE_ZONES = ("自由贸易试验区", "自贸试验区")


def _zone_districts(text: str, cands: list[_Cand]) -> list[_Cand]:
    """A new district of a free trade zone named with the zone is one place (自贸试验区临港新片区, 上海自贸试验区新片区:
    README, the district's span holds its 自贸试验区 qualifier)."""
    zone_ends = {c.end: c.start for c in cands if c.type == "facility" and text.endswith(_FREE_TRADE_ZONES, c.start, c.end)}
    out = []
    for c in cands:
        if c.type == "place" and text.endswith("片区", c.start, c.end):
            if c.start in zone_ends:
                out.append(_Cand(zone_ends[c.start], c.end, "place", None, 2))
            else:
                zone = next((z for z in _FREE_TRADE_ZONES if text.endswith(z, 0, c.start)), None)
                if zone:
                    out.append(_Cand(c.start - len(zone), c.end, "place", None, 2))
        elif c.type == "facility" and c.end in zone_ends and text.startswith("新片区", c.end):
            out.append(_Cand(c.start, c.end + 3, "place", None, 2))
    return out


_AREA_JOIN = frozenset("╱／")


def _joined_areas(text: str, gaz: list[_Cand]) -> list[_Cand]:
    """Two places joined by ╱ are one area's name (洪水桥╱厦村, 罗湖╱文锦渡: README, Spans), a place."""
    return [_Cand(a.start, b.end, "place", None, 2) for a, b in zip(gaz, gaz[1:])
            if a.type == b.type == "place" and b.start == a.end + 1 and text[a.end] in _AREA_JOIN]


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


def _quotes_kept(text: str, chosen: list[_Cand]) -> list[_Cand]:
    """Names standing wholly inside one pair of quotes take the quotes in (“东方芯港”, 「北部都会区」 — the view reads
    「」 as “”): the quotes are how the report writes the name (README, Spans); canonical is the name without them.
    A body keeps no quotes (「北都發展委員會」 → 北都發展委員會, as the gold of rounds 1-2 writes it).
    Spans never overlap afterwards: a quote character belongs to no other name when the name fills the quote."""
    out = []
    for c in chosen:
        if (c.type != "org" and 0 < c.start and c.end < len(text) and text[c.start - 1] == "“"
                and text[c.end] == "”"):
            c = dataclasses.replace(c, start=c.start - 1, end=c.end + 1,
                                    canonical=c.canonical if c.canonical is not None else text[c.start : c.end])
        out.append(c)
    return out


# --------------------------------------------------------------------------- the annotator


def find_entities(report: Report, lexicon: Union[PathLike, Iterable[PathLike], None] = None) -> tuple[Entity, ...]:
    """The entities of ``report`` (see the module docstring); ``lexicon``: extra TSV files/folders."""
    lex = load_lexicon(lexicon)
    mv = match_view(report)
    text = mv.text
    tokens, offsets = match_tokens(report)
    boundaries = set(offsets)
    boundaries.add(len(text))
    splits: list[int] = []
    gaz = _gazetteer(text, lex, boundaries, splits)
    if splits:
        tokens, offsets = _split_at(tokens, offsets, splits)
        boundaries.update(splits)
    known, gaz_start = _known(text, gaz)
    rtokens, roffsets = repaired_tokens(tokens, offsets, lex)
    named = _suffix_rules(text, rtokens, roffsets, lex, gaz, known, gaz_start)
    rules = _inside_quotes(text, named + _roads(text, tokens, offsets)
                           + _own_type_first(text, named, _lists(text, rtokens, roffsets, _marked(known, named), boundaries, lex), lex.names, known)
                           + _appositions(text, tokens, offsets)
                           + _routes(text, rtokens, roffsets, known, boundaries) + _shared_heads(text, rtokens, roffsets, lex)
                           + _campaigns(text, rtokens, roffsets, known, boundaries)
                           + _launched_plans(text, rtokens, roffsets, known, boundaries)
                           + _always_named(text, rtokens, roffsets, lex) + _linked_works(text, rtokens, roffsets, known)
                           + _instruments(text, rtokens, roffsets) + _short_lines(text, rtokens, roffsets)
                           + _city_pair_lines(text, rtokens, roffsets)
                           + _city_groups(text, boundaries) + _abbreviation_pairs(text, rtokens, roffsets)
                           + _phase_items(text, rtokens, roffsets)
                           + _counted_lists(text, rtokens, roffsets, boundaries) + _agreements(text, boundaries)
                           + _horizon_plans(text, rtokens, roffsets, boundaries))
    quoted = _quoted(text, lex)
    cands = (_inside_quotes(text, _drop_event_places(text, gaz)) + _joined_areas(text, gaz) + quoted + _plans_of_names(text, gaz, quoted)
             + _quoted_middle(text, tokens, offsets, lex) + rules)
    # only works, sites and bodies take in a phase, a section, an action or an alias (most candidates are places);
    # a river takes in the works done on it
    cands = [_glued_opening(text, rtokens, roffsets, c) if c.type in ("project", "facility") else c for c in cands]
    cands = [_extend(text, c, lex.names) if c.type in ("project", "facility", "org")
             else _river_works(text, c) if c.type == "place" else c for c in cands]
    cands = [_transit_system(text, c) if c.type == "project" else c for c in cands]
    cands += (_shared_site_heads(text, rtokens, roffsets, known, cands) + _zone_districts(text, cands)
              + _sibling_lines(text, rtokens, roffsets, cands))
    cands = hong_kong_names(report, text, cands, gaz, _Cand)  # Hong Kong's own ways of naming (entities_hongkong.py)
    block_of = BlockLocator(report)
    out = []
    for c in _quotes_kept(text, _resolve(cands)):
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
