"""Dates, periods and ranks (DOMAIN.md 3).

Contract:
- :func:`find_dates` / :func:`find_periods` / :func:`find_ranks` take a plain string (raw or
  normalized; full-width digits and a space between CJK and digits are accepted) and return
  spans with ``block=""`` and ids ``d1``/``pd1``/``r1``… in document order (periods are ``pd``:
  targets own ``t``, and stand-off relations point at ids, so no two layers share a prefix).
- :func:`annotate_dates` (registered, adds ``dates``) fills ``dates``, ``periods`` and ``ranks``
  of a :class:`~annotate.model.Report`; :func:`annotate_periods` and :func:`annotate_ranks` are
  registered for their own layers so the registry orders their readers after them.  ``block`` is
  ``Report.block_id_at`` of each span's start (innermost p/item, else the heading/title block).
  Traditional reports are matched on ``report.simplified`` and mapped back to ``report.text``.

Values:
- DateSpan.value is ISO-like: ``2021-12-15``, ``2022-03``, ``2022``; a month/day with no year is
  ``--12-15`` / ``--09`` (ISO 8601's year-less form).
- Period.value: ``--01/--11`` (1-11月), ``Q1/Q3`` (1-3季度, 前三季度), ``Q1``, ``H1``/``H2``
  (上半年/下半年), ``--01/--09`` (首九个月), ``year`` (全年), ``year-end`` (年底/年末), ``year-start`` (年初), ``within-year``
  (年内), ``2021/2025`` (“十四五”时期, 2021—2025年), ``P5Y`` (这五年, 近五年, 过去五年; 过去一年 and
  一年来 are ``P1Y``), ``Q2`` (第二季度, and Hong Kong's 第二季), ``mid-year`` (今年中),
  ``2025:year-end`` (2025年底); the year relative to the speech is kept: ``今年内`` is
  ``within-year``, ``明年底`` ``next:year-end``, ``上年末``/``去年底`` ``last:year-end``.
- Rank.position is the 1-based place (首位 = 1); scope the area or group ranked (全市, 全国, 各行业).
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Callable, Iterable, Optional

from ..model import DateSpan, Period, Rank, Report
from ..reading.numerals import parse_number
from . import register
from ..lazyre import compiled, lazy

_D = r"[0-9０-９]"
_SP = r"[ \u3000]?"
_CN = "零〇一二两三四五六七八九十"
_YEAR = rf"(?:(?:19|20|１９|２０){_D}{{2}}|[一二][〇零一二三四五六七八九]{{3}})"
_MONTH = rf"(?:1[0-2]|１[０-２]|0?[1-9]|０?[１-９]|十[一二]?|[一二三四五六七八九])"
_DAY = rf"(?:3[01]|[12]{_D}|0?[1-9]|３[０１]|[１２][０-９]|０?[１-９]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_RANGE = r"(?:[-－~～—–]|至|到)"
_PLAN = r"[“\"「]?十[一二三四五六七八九]?五[”\"」]?"

_PERIOD_WORDS = {
    "全年": "year",
    "上半年": "H1",
    "下半年": "H2",
    "年底": "year-end",
    "年末": "year-end",
    "年初": "year-start",
    "年中": "mid-year",
    "年内": "within-year",
    "一季度": "Q1",
    "二季度": "Q2",
    "三季度": "Q3",
    "四季度": "Q4",
}

# The order of alternatives matters: longer, more specific forms first.
_FIRST = "0-9０-９零〇一二两三四五六七八九十前首第这近过今未最全上下年明本当去“\"「"
_PATTERN = compiled(
    # a cheap first-character test lets the scan skip most positions without trying every branch
    rf"(?=[{_FIRST}])(?:"
    + "|".join(
        [
            # year range: 2021—2025年, 2021-2025年  -> period
            rf"(?P<yr1>{_YEAR}){_SP}年?{_SP}{_RANGE}{_SP}(?P<yr2>{_YEAR}){_SP}年(?!{_SP}{_D}|度)",
            # ISO-like dates in page headers: 2026-02-02, 2025/3/5
            rf"(?P<iy>(?:19|20)[0-9]{{2}})(?P<isep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=isep)(?P<id>3[01]|[12][0-9]|0?[1-9])(?![0-9])",
            # fiscal / school years: 2026-27年度, 2024/25学年 -> period
            rf"(?P<fy1>{_YEAR})[-/／－](?P<fy2>{_D}{{2}})(?![0-9])(?:{_SP}(?:财政年度|年度|学年|年))?",
            # 今明两年 -> period
            r"(?P<jm>今明两年)",
            # 今年内, 明年底, 上年末: a period of the year relative to the speech
            # (上年年初 repeats 年; 今年中 is mid-year, but not 今年中央/中国…)
            r"(?P<rel>今|明|本|当|去|上)年年?(?P<relw>底|末|初|内|中(?![央国华心部学小医期共外]))",
            # 2025年底 / 年末 / 年初 -> period with a year
            rf"(?P<yey>{_YEAR}){_SP}年(?P<yew>底|末|初|中)",
            # full date / year-month / year
            rf"(?P<y>{_YEAR}){_SP}年(?:度)?(?:{_SP}(?P<m>{_MONTH}){_SP}月(?:{_SP}(?P<d>{_DAY}){_SP}[日号])?)?",
            # month range: 1-11月, 6-9 月  -> period
            rf"(?P<m1>{_MONTH}){_SP}{_RANGE}{_SP}(?P<m2>{_MONTH}){_SP}月(?!份额)",
            # quarter range: 1-3季度, 一至三季度
            rf"(?P<q1>[1-4１-４一二三四]){_SP}{_RANGE}{_SP}(?P<q2>[1-4１-４一二三四]){_SP}季度",
            # 首九个月, 前两个月 -> the first months of the year
            rf"(?:首|前)(?P<fm>[一二两三四五六七八九十]{{1,2}}|1[0-2]|[1-9]){_SP}个月",
            # 前三季度, 前两个季度
            rf"前(?P<qf>[1-4一二两三四])个?季度",
            # 第一季度 / 一季度
            rf"第?(?P<qn>[1-4１-４一二三四])季度",
            # Hong Kong writes a quarter as 第二季 (季度 elsewhere); 第二季节 is not one
            rf"第(?P<qn2>[1-4一二三四])季(?![度节])",
            # month/day without a year: 12月15日, 9月
            rf"(?<![0-9０-９{_CN}])(?P<mm>{_MONTH}){_SP}月(?:{_SP}(?P<dd>{_DAY}){_SP}[日号])?(?![份])",
            # Five-Year Plan periods: “十四五”时期
            rf"(?P<plan>{_PLAN})(?:时期|期间)",
            # recent years: 这五年, 近五年, 过去五年, 五年来
            rf"(?P<lastw>这|近|过去|今后|未来|最近)(?P<lastn>[{_CN}]|[0-9]{{1,2}}){_SP}年(?!度|级|半)",
            # 一年来 is the review year (P1Y); 28年来 takes both digits
            rf"(?<![0-9０-９])(?P<sincen>[一二三四五六七八九十]|[1-9][0-9]?){_SP}年来",
            # bare period words
            # (not after a numeral: 五年内 is "within five years", a quantity)
            # (nor the 年 of a word: 青年内地, 成年内, 周年内)
            rf"(?<![0-9０-９{_CN}百千])(?P<pw>全年|上半年|下半年|(?<![青少成老周历往])(?:年底|年末|年初|年内))",
        ]
    )
    + ")"
)

_RANK = compiled(
    r"(?=[位居排列名全世各同中西东副首第])"  # first-character test: skip most positions cheaply
    r"(?P<verb>位居|居于|居|位列|位于|排名|排在|列|名列)?"
    r"(?P<scope>全国|全省|全市|全区|全县|全球|世界|全国同类城市|同类城市|各行业|各区|各省|中部|西部|东部|副省级城市"
    # after 居 any short scope (居各省区首位, 居全国区域碳市场首位); not 居民/居住…
    r"|(?<=居)[^\s，。；、：:0-9０-９第首民住家委室屋「」“”（）()《》]{1,8}?)?"
    r"(?P<first>首位|第(?P<n>[一二三四五六七八九十]{1,3}|[0-9]{1,3})(?:位|名)?)"
)


def _plan_years(plan: str) -> Optional[str]:
    """“十四五” → ``2021/2025`` (the n-th Five-Year Plan; the 3rd began in 1966)."""
    core = plan.strip("“”\"「」")
    n = parse_number(core[:-1])
    if n is None:
        return None
    start = 1966 + 5 * (int(n) - 3)
    return f"{start}/{start + 4}"


def _year(s: str) -> int:
    v = parse_number(s.replace(" ", ""))
    if v is None:  # 二〇二一
        from ..reading.numerals import CN_DIGITS

        v = int("".join(str(CN_DIGITS[c]) for c in s))
    return int(v)


def _num(s: str) -> int:
    v = parse_number(s)
    return int(v) if v is not None else 0


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]], list[tuple[int, int, Optional[str], int]]]:
    """(dates, periods, ranks) as offset tuples into ``text``."""
    dates: list[tuple[int, int, str]] = []
    periods: list[tuple[int, int, str]] = []
    for m in _PATTERN.finditer(text):
        g = m.groupdict()
        s, e = m.span()
        if g["iy"]:
            dates.append((s, e, f"{g['iy']}-{int(g['im']):02d}-{int(g['id']):02d}"))
        elif g["yr1"]:
            periods.append((s, e, f"{_year(g['yr1'])}/{_year(g['yr2'])}"))
        elif g["fy1"]:
            y1 = _year(g["fy1"])
            periods.append((s, e, f"{y1}/{y1 // 100 * 100 + _num(g['fy2'])}"))
        elif g["jm"]:
            periods.append((s, e, "P2Y"))
        elif g["rel"]:
            kind = {"底": "year-end", "末": "year-end", "初": "year-start", "内": "within-year", "中": "mid-year"}[g["relw"]]
            # this year's is the plain word's value; next/last year's say which year
            prefix = {"明": "next:", "去": "last:", "上": "last:"}.get(g["rel"], "")
            periods.append((s, e, prefix + kind))
        elif g["yey"]:
            kind = {"底": "year-end", "末": "year-end", "初": "year-start", "中": "mid-year"}[g["yew"]]
            periods.append((s, e, f"{_year(g['yey'])}:{kind}"))
        elif g["y"]:
            value = str(_year(g["y"]))
            if g["m"]:
                value += f"-{_num(g['m']):02d}"
                if g["d"]:
                    value += f"-{_num(g['d']):02d}"
            dates.append((s, e, value))
        elif g["m1"]:
            periods.append((s, e, f"--{_num(g['m1']):02d}/--{_num(g['m2']):02d}"))
        elif g["q1"]:
            periods.append((s, e, f"Q{_num(g['q1'])}/Q{_num(g['q2'])}"))
        elif g["fm"]:
            n = _num(g["fm"])
            periods.append((s, e, "--01" if n == 1 else f"--01/--{n:02d}"))
        elif g["qf"]:
            n = _num(g["qf"])
            periods.append((s, e, "Q1" if n == 1 else f"Q1/Q{n}"))
        elif g["qn"] or g["qn2"]:
            periods.append((s, e, f"Q{_num(g['qn'] or g['qn2'])}"))
        elif g["mm"]:
            value = f"--{_num(g['mm']):02d}"
            if g["dd"]:
                value += f"-{_num(g['dd']):02d}"
            dates.append((s, e, value))
        elif g["plan"]:
            years = _plan_years(g["plan"])
            if years:
                periods.append((s, e, years))
        elif g["lastw"]:
            n = _num(g["lastn"])
            if n >= 1:  # 过去一年 is the review year: a period like 过去五年
                periods.append((s, e, f"P{n}Y"))
        elif g["sincen"]:
            periods.append((s, e, f"P{_num(g['sincen'])}Y"))
        elif g["pw"]:
            periods.append((s, e, _PERIOD_WORDS[g["pw"]]))
    ranks: list[tuple[int, int, Optional[str], int]] = []
    for m in _RANK.finditer(text):
        if not (m.group("verb") or m.group("scope")):
            # a bare 第三 is an ordinal (第四次, 第14届), not a rank — unless it continues a list
            # of ranks: 分别居全国第2位、第7位 (the second shares the first one's scope)
            prev = ranks[-1] if ranks else None
            if prev is None or text[prev[1] : m.start()] not in ("、", "和", "，") \
                    or not m.group("first").endswith(("位", "名")):
                continue
            ranks.append((m.start(), m.end(), prev[2], _num(m.group("n")) if m.group("n") else 1))
            continue
        if text.startswith(("梯队", "方阵", "阵营", "梯次"), m.end()):
            continue  # 全国第一梯队: a tier, not a place
        tail = text[m.end() : m.end() + 1]
        if m.group("n") and not m.group("verb") and tail and tail in "次届批个章条款项期轮部年季":
            continue
        pos = 1 if m.group("first") == "首位" else _num(m.group("n"))
        if pos <= 0:
            continue
        ranks.append((m.start(), m.end(), m.group("scope"), pos))
    return dates, periods, ranks


def _view(report: Report) -> tuple[str, Callable[[int], int]]:
    """The text to match (simplified for traditional reports) and a map back to report.text."""
    if report.meta.script != "simplified":
        try:
            view = report.simplified
            return view.view, lambda i: view.to_text[i]
        except (ImportError, AttributeError):  # script.py not available: match the text as is
            pass
    return report.text, lambda i: i


def text_view(text: str) -> tuple[str, Callable[[int], int]]:
    """``text`` to match on and the map back: traditional text goes through its simplified view.

    A cheap test first (does the text hold any character that simplification changes?) so that
    simplified strings pay nothing.
    """
    try:
        from ..reading.script import detect_script, simplified_view
    except ImportError:  # script.py absent: match as is
        return text, lambda i: i
    if not _TRAD_HINT().search(text) or detect_script(text) != "traditional":
        return text, lambda i: i
    view = simplified_view(text, "traditional")
    return view.view, lambda i: view.to_text[i]


# characters frequent in traditional reports and never in simplified ones
_TRAD_HINT = lazy("[億萬個項間區兩點張處輛臺歲場條噸畝週時鐘層隻種餘約達內與為來們這經發國會價產業實現務長]")


def find_dates(text: str) -> list[DateSpan]:
    """Dates in ``text`` (``block=""``)."""
    view, back = text_view(text)
    return [DateSpan(f"d{i}", "", back(s), back(e), text[back(s):back(e)], v) for i, (s, e, v) in enumerate(_scan(view)[0], 1)]


def find_periods(text: str) -> list[Period]:
    """Periods in ``text`` (``block=""``)."""
    view, back = text_view(text)
    return [Period(f"pd{i}", "", back(s), back(e), text[back(s):back(e)], v) for i, (s, e, v) in enumerate(_scan(view)[1], 1)]


def find_ranks(text: str) -> list[Rank]:
    """Ranks in ``text`` (``block=""``)."""
    view, back = text_view(text)
    return [Rank(f"r{i}", "", back(s), back(e), text[back(s):back(e)], sc, p)
            for i, (s, e, sc, p) in enumerate(_scan(view)[2], 1)]


def time_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of every date and period in ``text``: numbers inside them are not quantities."""
    dates, periods, _ = _scan(text)
    return sorted((s, e) for s, e, _v in dates + periods)


def _layers(report: Report) -> dict[str, tuple]:
    """The three layers of ``report`` (one cached scan serves all three annotators)."""
    view, back = _view(report)
    dates, periods, ranks = _scan(view)
    t = report.text

    def spans(items: Iterable[tuple], make) -> tuple:
        out = []
        for i, item in enumerate(items, 1):
            s, e = back(item[0]), back(item[1])
            out.append(make(i, s, e, item[2:]))
        return tuple(out)

    return {
        "dates": spans(dates, lambda i, s, e, r: DateSpan(f"d{i}", report.block_id_at(s), s, e, t[s:e], r[0])),
        "periods": spans(periods, lambda i, s, e, r: Period(f"pd{i}", report.block_id_at(s), s, e, t[s:e], r[0])),
        "ranks": spans(ranks, lambda i, s, e, r: Rank(f"r{i}", report.block_id_at(s), s, e, t[s:e], r[0], r[1])),
    }


@register(adds="dates")
def annotate_dates(report: Report) -> Report:
    """Fill ``dates`` (and, for callers using this one function, ``periods`` and ``ranks``)."""
    return dataclasses.replace(report, **_layers(report))


# Separate registrations so that annotators declaring ``requires=("periods", "ranks")`` are
# ordered after the layers they read; the scan is cached, so this costs nothing extra.
@register(adds="periods", requires=("dates",))
def annotate_periods(report: Report) -> Report:
    """Fill ``periods``."""
    return dataclasses.replace(report, periods=_layers(report)["periods"])


@register(adds="ranks", requires=("dates",))
def annotate_ranks(report: Report) -> Report:
    """Fill ``ranks``."""
    return dataclasses.replace(report, ranks=_layers(report)["ranks"])
