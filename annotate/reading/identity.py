"""Who issued a report, for which region and year, and of what kind: with the evidence for each.

Contract
--------
``identify(readings, hints=()) -> Identity``.  ``readings`` is what the structure step read from the
report (title, dateline, speaker, issuer line, meeting, headings, the opening paragraphs, the text,
the file name); ``hints`` are what the user said (``--issuer``/``--year`` on the command line, a
``report.meta.json`` sidecar), strongest first.

- ``issuer`` is the canonical full name of the issuing body: ``安徽省人民政府`` (never ``省人民政府``
  or ``安徽省政府``), ``国务院`` (also for ``中央人民政府`` and ``中华人民共和国国务院``),
  ``香港特别行政区行政长官``, ``北京市通州区发展和改革委员会``.  Mainland bodies are named in
  simplified characters whatever the script of the copy; Hong Kong, Macao and Taiwan bodies in
  the script the report is written in.
- ``region`` (``安徽省``, ``全国``, ``香港特别行政区``, ``北京市通州区``) and ``level`` (national,
  province, city, district, sar) come from the region gazetteer (``regions.py``).
- ``year`` is the year the report's targets are for: the year of delivery for work reports and
  policy addresses; for plan and budget reports the plan year (a plan report delivered in December
  2021 is for 2022).  ``delivered`` is the ISO date, or the year, it was delivered;
  ``review_year`` the year its review half covers (``None`` for policy addresses).
- ``kind``: gov-work-report, plan-report, budget-report, final-accounts-report,
  info-disclosure-report, policy-address.
- ``evidence`` says where each field came from (override, sidecar, title, dateline, meeting,
  issuer line, speaker, heading, body, file name, kind), quoting the words; the file name is the
  last resort.  Readings that disagree give a ``warning`` naming both, never a silent pick.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Optional, Sequence

from ..model import Evidence
from .regions import Gazetteer, Region, gazetteer
from ..lexicon import DIR as LEXICON_DIR
from ..lazyre import compiled, lazy

_LEXICON = LEXICON_DIR


@dataclass(frozen=True)
class Hints:
    """What a user says a report is (``source``: ``override`` or ``sidecar``)."""

    source: str = "override"
    issuer: Optional[str] = None
    year: Optional[int] = None
    region: Optional[str] = None
    kind: Optional[str] = None
    delivered: Optional[str] = None


@dataclass(frozen=True)
class Readings:
    """What the structure step read from the report, in simplified characters."""

    title: Optional[str] = None
    subtitle: Optional[str] = None
    speaker: Optional[str] = None
    issuer_line: Optional[str] = None
    date: Optional[str] = None  # ISO date from the dateline
    headings: tuple[str, ...] = ()
    lead: str = ""  # the opening paragraphs
    text: str = ""
    file_name: str = ""
    script: str = "simplified"


@dataclass(frozen=True)
class Identity:
    issuer: Optional[str] = None
    region: Optional[str] = None
    level: Optional[str] = None
    year: Optional[int] = None
    delivered: Optional[str] = None
    review_year: Optional[int] = None
    kind: Optional[str] = None
    evidence: tuple[Evidence, ...] = ()
    warnings: tuple[str, ...] = field(default=())


KINDS = ("gov-work-report", "plan-report", "budget-report", "final-accounts-report",
         "info-disclosure-report", "policy-address")

# ----------------------------------------------------------------------------------- years

_CN_DIGIT = str.maketrans("〇○零一二三四五六七八九", "00012345678" "9")
# a year, or a span of years whose end is written with two digits (二零零五至零六年: the Hong Kong
# policy addresses of 2005-2012 are named by the financial year they open)
_CN_YEAR = compiled(r"[一二][〇○零一二三四五六七八九]{3}(?:[至到][〇○零一二三四五六七八九]{2})?(?=年)")


def arabic_years(s: str) -> str:
    """``一九五八年`` → ``1958年``, ``二零零五至零六年`` → ``2005至06年`` (same length: offsets into
    ``s`` stay valid)."""
    return _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGIT), s)


_YEAR = compiled(r"((?:19|20)\d{2})(?:\s*[至到\-－–—/]\s*\d{2})?\s*年")  # 2005至06年, 2026-27年度: the first
_REVIEW_HEAD = compiled(r"((?:19|20)\d{2})\s*年.{0,12}?(?:工作回顾|工作的回顾|工作总结|国内工作的回顾)")
_PLAN_HEAD = compiled(r"((?:19|20)\d{2})\s*年.{0,24}?(?:工作任务|重点工作|工作安排|主要目标|主要任务|目标任务|"
                        r"总体要求|总体部署|政府工作的建议|工作建议|主要措施|重点任务|工作的基本方针)")
_LEAD_PLAN = compiled(r"关于((?:19|20)\d{2})(?:、(?:19|20)\d{2})*\s*年度?(?:国民经济|国家预算|国家决算|经济|社会)")
_JUST_PAST = compiled(r"(?:刚刚过去的|去年[（(])((?:19|20)\d{2})年")
_THIS_YEAR = compiled(r"今年[（(]((?:19|20)\d{2})年")
_YEAR_IS = compiled(r"((?:19|20)\d{2})年是")
_NUM = "一二三四五六七八九十"
# copies mixing scripts (会議) are read as they are: the variants are in the patterns
_NPC_NAME = rf"第[{_NUM}]{{1,3}}[届屆]全[国國]人民代表大[会會](?:第[{_NUM}]{{1,3}}次[会會][议議])?"
_NPC = compiled(rf"第([{_NUM}]{{1,3}})[届屆]全[国國]人民代表大[会會](?:第([{_NUM}]{{1,3}})次[会會][议議])?")
_NPC_NOW = compiled(rf"(?:向|在|我们|我們|这次|本次)({_NPC_NAME})")
_NPC_LAST_YEAR = compiled(rf"去年.{{0,8}}?({_NPC_NAME})")
_ROC_DATED = compiled(r"中华民国\s*(1[0-4]\d)\s*年")
_ROC_YEAR = compiled(r"(?:中华民国|民国)?(?<!\d)(1[0-4]\d)\s*年度?")
_FILE_YEAR = compiled(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _cn_int(s: str) -> int:
    """``十四`` → 14, ``二十`` → 20, ``五`` → 5."""
    if "十" not in s:
        return _NUM.index(s) + 1
    tens, _, ones = s.partition("十")
    return (_NUM.index(tens) + 1 if tens else 1) * 10 + (_NUM.index(ones) + 1 if ones else 0)


@lru_cache(maxsize=1)
def _npc_sessions() -> dict[tuple[int, int], int]:
    table = {}
    with open(_LEXICON / "npc_sessions.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "term")) or not line.strip():
                continue
            term, session, year = line.split("\t")
            table[int(term), int(session)] = int(year)
    return table


def npc_year(meeting: str) -> Optional[int]:
    """The year of the NPC session ``第五届全国人民代表大会第三次会议`` names (a term alone: its first)."""
    m = _NPC.search(meeting)
    if not m:
        return None
    return _npc_sessions().get((_cn_int(m.group(1)), _cn_int(m.group(2)) if m.group(2) else 1))


# ----------------------------------------------------------------------------------- kinds

_KIND_WORDS = (
    ("info-disclosure-report", compiled(r"政府信息公开工作年度报告|政府信息公开.{0,4}年度报告")),
    ("plan-report", compiled(r"计划执行情况|计划草案|计划的报告")),
    ("final-accounts-report", compiled(r"决算")),
    ("budget-report", compiled(r"预算执行情况|预算草案|预算的报告|预算报告|预算案|部门预算|单位预算|总预算|追加预算")),
    ("policy-address", compiled(r"施政报告")),
    ("gov-work-report", compiled(r"政府工作报告")),
)
_BODY_KINDS = (("plan-report", compiled(r"发展和改革委员会|发展改革委|计划委员会")),
               ("budget-report", compiled(r"财政局|财政厅|财政部")))


def _kind(r: Readings, ev: list[Evidence]) -> str:
    for source, s in (("title", r.title), ("issuer line", r.issuer_line)):
        if not s:
            continue
        for kind, rx in _KIND_WORDS + (_BODY_KINDS if source == "issuer line" else ()):
            m = rx.search(s)
            if m:
                ev.append(Evidence("kind", kind, source, s))
                return kind
    m = re.search("施政报告", r.text[:300])
    if m:
        ev.append(Evidence("kind", "policy-address", "body", r.text[:40]))
        return "policy-address"
    ev.append(Evidence("kind", "gov-work-report", "default", "no title naming another kind"))
    return "gov-work-report"


# ----------------------------------------------------------------------------------- issuers

_BODY_NAMES = (
    ("发展和改革委员会", compiled(r"发展和改革委员会|发展改革委员会|发展改革委|发改委")),
    ("财政局", compiled(r"财政局")), ("财政厅", compiled(r"财政厅")), ("财政部", compiled(r"财政部")),
    ("人民政府", compiled(r"人民政府|政府")),
)
_NATIONAL_BODY = compiled(r"国务院|中央人民政府|政务院")
_DELEGATE = compiled(r"(?:我|现在我|我们)(?:受|代表)(中华人民共和国国务院|中央人民政府|国务院|[\u4e00-\u9fff]{0,14}?人民政府|"
                       r"[\u4e00-\u9fff]{0,10}?政府)")
_SPEAKER_OFFICE = compiled(r"(国务院总理|行政长官|[\u4e00-\u9fff]{2,14}?(?:省长|市长|区长|县长|州长|盟长|主席))")
_PARTY = lazy(r"中共([\u4e00-\u9fff]{2,8}?)(?:省|市|自治区)?委")
_WHOLE = lazy(r"全(省|市|区|县|州)")


def _national_issuer(kind: str) -> str:
    return {"plan-report": "国家发展和改革委员会", "budget-report": "财政部",
            "final-accounts-report": "财政部"}.get(kind, "国务院")


def _body_for(kind: str, level: str) -> str:
    if kind == "policy-address":
        return "行政长官"
    if kind == "plan-report":
        return "发展和改革委员会"
    if kind in ("budget-report", "final-accounts-report"):
        return "财政厅" if level == "province" else "财政局"
    return "人民政府"


def _canonical_body(words: str) -> Optional[str]:
    for body, rx in _BODY_NAMES:
        if rx.search(words):
            return body
    return None


def _executive_yuan(r: Readings) -> Optional[str]:
    """The words naming 行政院 as the report's author (title, issuer line, opening, or a cover
    spaced out ``行 政 院``), or None."""
    head = re.sub(r"[\s\u3000]+", "", r.text[:600])
    return next((t for t in (r.title, r.issuer_line, r.lead[:600], head) if t and "行政院" in t), None)


def _region_readings(r: Readings, g: Gazetteer, kind: str) -> list[tuple[Region, Evidence]]:
    """Every reading of the region, strongest source first."""
    out: list[tuple[Region, Evidence]] = []

    def add(region: Optional[Region], source: str, text: str) -> None:
        if region is not None:
            out.append((region, Evidence("region", g.display_name(region), source, text)))

    if r.issuer_line:
        add(g.parse(r.issuer_line), "issuer line", r.issuer_line)
    if r.title:
        # the place after the year first (2025年北京市政府工作报告: not a place in a quoted name
        # before it), else anywhere (湖南省2026年政府工作报告)
        add(g.parse(re.sub(r"^.*?\d{4}\s*年", "", r.title)) or g.parse(r.title), "title", r.title)
    executive_yuan = _executive_yuan(r)
    if executive_yuan and "台湾省" in g.by_name:
        add(g.by_name["台湾省"][0], "title" if executive_yuan == r.title else "body", executive_yuan[:60])
    if kind == "policy-address" and not out:
        # 施政报告 of a SAR whose title names none (行政长官2025年施政报告, 二〇二五年财政年度施政报告):
        # the SAR the address speaks of most
        head = r.text[:20000]
        hk, macao = head.count("香港"), head.count("澳门")
        if hk or macao:
            sar = "澳门特别行政区" if macao > hk else "香港特别行政区"
            add(g.by_name[sar][0], "body", f"香港 {hk} times, 澳门 {macao} times")
    if r.subtitle:
        if _NPC.search(r.subtitle) or "全国人民代表大会" in r.subtitle:
            add(g.national, "dateline", r.subtitle)
        else:
            add(g.parse(re.sub(r"^.*?日", "", r.subtitle)), "dateline", r.subtitle)
    if r.speaker:
        m = _SPEAKER_OFFICE.search(r.speaker)
        if m and m.group(1) == "国务院总理":
            add(g.national, "speaker", r.speaker)
        elif m:
            add(g.parse(m.group(1)), "speaker", r.speaker)
    lead = r.lead
    for m in _DELEGATE.finditer(lead):
        who = m.group(1)
        if _NATIONAL_BODY.search(who):
            add(g.national, "body", m.group(0))
        else:
            add(g.parse(who), "body", m.group(0))
    nm = _NPC_NOW.search(lead)
    if nm:
        add(g.national, "meeting", nm.group(0))
    return out


def _ambiguous_by_body(r: Readings, g: Gazetteer) -> Optional[tuple[Region, Evidence]]:
    """A district or city name several regions share (``通州区政府工作报告``): the one whose
    province the report names most."""
    for source, s in (("issuer line", r.issuer_line), ("title", re.sub(r"^.*?\d{4}\s*年", "", r.title or ""))):
        options = g.ambiguous(s)
        if not options:
            continue
        counts = g.count_provinces(r.text[:20000])
        best = max(options, key=lambda reg: counts.get(g.province_of(reg).code, 0))
        if counts.get(g.province_of(best).code, 0) > 0:
            return best, Evidence("region", g.display_name(best), source,
                                  f"{s[:30]}; {g.province_of(best).name} named {counts[g.province_of(best).code]} times")
    return None


def _region_from_body(r: Readings, g: Gazetteer) -> Optional[tuple[Region, Evidence]]:
    """A report that never names its own region in the title: the party committee it cites
    (中共湖南省委), else the province it names most, when it speaks of 全省/全区/全市."""
    head = r.text[:20000]
    for m in _PARTY().finditer(head):
        reg = g.parse(m.group(1) + "省") or g.parse(m.group(1) + "市") or g.parse(m.group(1))
        if reg is None:
            c = g.count_provinces(m.group(1))
            reg = g.by_code[c.most_common(1)[0][0]] if c else None
        if reg is not None and reg.level in ("province", "city"):
            return reg, Evidence("region", g.display_name(reg), "body", m.group(0))
    if not _WHOLE().search(head):
        # a national report speaks of 全国 and 国务院, never of 全省/全市
        if head.count("全国") >= 5 and "国务院" in head:
            return g.national, Evidence("region", "全国", "body", f"全国 {head.count('全国')} times, 国务院")
        return None
    counts = g.count_provinces(head).most_common(2)
    if counts and counts[0][1] >= 3 and (len(counts) == 1 or counts[0][1] >= 2 * counts[1][1]):
        reg = g.by_code[counts[0][0]]
        return reg, Evidence("region", reg.name, "body", f"named {counts[0][1]} times")
    return None


_UNLISTED = lazy(r"^(?:.*?\d{4}\s*年)?([\u4e00-\u9fff]{2,12}?(特别行政区|自治区|省|市|区|县|旗))"
                       r"(?:人民政府|政府|发展和改革委员会|发展改革委|财政局|财政厅)")
_SUFFIX_LEVEL = {"特别行政区": "sar", "自治区": "province", "省": "province", "市": "city", "区": "district",
                 "县": "district", "旗": "district"}


def _unlisted_region(r: Readings) -> Optional[tuple[str, str, str, str]]:
    """A place the gazetteer does not list (a new district, an invented name) named before the
    issuing body in the issuer line or title: (name, level by its suffix, source, text)."""
    for source, s in (("issuer line", r.issuer_line), ("title", r.title)):
        m = _UNLISTED().match(s or "")
        if m:
            return m.group(1), _SUFFIX_LEVEL[m.group(2)], source, s
    return None


def _region_from_file(name: str, g: Gazetteer) -> Optional[tuple[Region, Evidence]]:
    stem = PurePath(name).name
    reg = g.parse(stem)
    if reg is None:
        for word in re.split(r"[^A-Za-z]+", stem):
            reg = g.from_ascii(word) if word else None
            if reg:
                break
    if reg is None:
        return None
    return reg, Evidence("region", g.display_name(reg), "file name", stem)


# ----------------------------------------------------------------------------------- resolve


def _hint_evidence(hints: Sequence[Hints], name: str) -> Optional[tuple[object, Evidence]]:
    for h in hints:
        v = getattr(h, name)
        if v is not None:
            return v, Evidence(name, str(v), h.source, f"{name}={v}")
    return None


def _years(r: Readings, kind: str, ev: list[Evidence], warnings: list[str],
           roc: bool = False) -> tuple[Optional[int], Optional[str]]:
    """(year, delivered) from the readings; records evidence and disagreements."""
    delivered: Optional[str] = None
    delivered_year: Optional[int] = None
    if r.date:
        delivered, delivered_year = r.date, int(r.date[:4])
        ev.append(Evidence("delivered", r.date, "dateline", r.subtitle or r.date))
    lead = arabic_years(r.lead)
    nm = _NPC_NOW.search(lead) or (_NPC_NOW.search(r.subtitle) if r.subtitle else None)
    if nm:
        y = npc_year(nm.group(1))
        if y and delivered_year is None:
            delivered, delivered_year = str(y), y
            ev.append(Evidence("delivered", str(y), "meeting", nm.group(0)))
        elif y and y != delivered_year:
            warnings.append(f"the dateline says {delivered_year}, the meeting ({nm.group(1)}) {y}")
    title_years = [int(y) for y in _YEAR.findall(arabic_years(r.title or ""))]
    if roc:  # 中华民国114年 / 114年度: the Republic of China calendar, 1911 years behind
        title_years += [int(y) + 1911 for y in _ROC_YEAR.findall(r.title or "")]
        if not title_years and not r.date:
            m = _ROC_DATED.search(r.text[:3000]) or _ROC_YEAR.search(r.lead + "\n" + r.text[:3000])
            if m:
                title_years.append(int(m.group(1)) + 1911)
    plan_like = kind in ("plan-report", "budget-report", "final-accounts-report")
    candidates: list[tuple[int, Evidence]] = []
    if title_years:
        y = max(title_years) if plan_like else title_years[0]
        candidates.append((y, Evidence("year", str(y), "title", r.title or "")))
    if delivered_year is not None and not plan_like:
        candidates.append((delivered_year, Evidence("year", str(delivered_year), ev[-1].source, ev[-1].text)))
    heads = [arabic_years(h) for h in r.headings]
    for h in heads:
        m = _REVIEW_HEAD.search(h)
        if m:
            candidates.append((int(m.group(1)) + 1, Evidence("year", str(int(m.group(1)) + 1), "heading", h)))
            break
    for h in heads:
        m = _PLAN_HEAD.search(h)
        if m:
            candidates.append((int(m.group(1)), Evidence("year", m.group(1), "heading", h)))
            break
    m = _LEAD_PLAN.search(lead)
    if m:
        candidates.append((int(m.group(1)), Evidence("year", m.group(1), "body", m.group(0))))
    body = arabic_years(r.text[:30000])
    for rx, shift in ((_JUST_PAST, 1), (_THIS_YEAR, 0)):
        m = rx.search(body)
        if m:
            candidates.append((int(m.group(1)) + shift, Evidence("year", str(int(m.group(1)) + shift), "body", m.group(0))))
    m = _NPC_LAST_YEAR.search(body)
    if m and npc_year(m.group(1)):
        y = npc_year(m.group(1)) + 1
        candidates.append((y, Evidence("year", str(y), "body", m.group(0))))
    if plan_like and delivered_year is not None:
        mo = int(r.date[5:7]) if r.date and len(r.date) >= 7 else 1
        y = delivered_year + 1 if mo >= 9 else delivered_year
        candidates.append((y, Evidence("year", str(y), "dateline", r.subtitle or r.date or "")))
    if not candidates:
        fm = _FILE_YEAR.search(PurePath(r.file_name).name) if r.file_name else None
        if fm:
            candidates.append((int(fm.group(1)), Evidence("year", fm.group(1), "file name", PurePath(r.file_name).name)))
    # "1986年是…的一年" may be the review's year as well as the plan's: the weakest reading of all
    m = _YEAR_IS.search(body[:6000]) if not candidates else None
    if m:
        candidates.append((int(m.group(1)), Evidence("year", m.group(1), "body", m.group(0))))
        warnings.append(f"year {m.group(1)} read only from “{m.group(0)}…”, which may be the year under review; "
                        "check it or give --year")
    if not candidates:
        return None, delivered
    year, best = candidates[0]
    ev.append(best)
    strong = {"title", "dateline", "meeting", "override", "sidecar"}
    for y, e in candidates[1:]:
        if y != year and e.source in strong and best.source in strong:
            warnings.append(f"year: the {best.source} says {year} ({best.text[:40]}), the {e.source} {y} ({e.text[:40]})")
            break
    if delivered is None and not plan_like:
        delivered = str(year)
    return year, delivered


def _to_script(name: str, script: str) -> str:
    if script != "traditional":
        return name
    from .script import to_traditional

    return to_traditional(name)


_HEAD_ISSUER = compiled(r"(?:预算单位|编制单位|单位名称|报告单位)[：:]\s*([\u4e00-\u9fff]{2,30}?(?:局|厅|委员会|人民政府|办公室))"
                          r"|^([\u4e00-\u9fff]{2,24}?(?:人民政府|财政局|财政厅|发展和改革委员会|行政院))")
# a first line that names the kind of document (never a numbered heading such as 一、2019年工作回顾)
_HEAD_TITLE = lazy(r"^(?![一二三四五六七八九十]+[、.．]|[（(]|\d+[.．、]).*(?:预算|决算|施政报告|工作报告|年度报告)")


def _from_head(r: Readings) -> Readings:
    """A report with no title or issuer line in its front matter (a budget PDF opening
    ``上海市普陀区财政局2024年度部门决算``, a cover spaced ``行 政 院``): its first lines stand in."""
    lines = [re.sub(r"[\s\u3000]+", "", ln) for ln in r.text[:1500].split("\n")[:8]]
    lines = [ln for ln in lines if ln]
    changes: dict = {}
    if r.issuer_line is None:
        for ln in lines:
            m = _HEAD_ISSUER.search(ln)
            if m:
                changes["issuer_line"] = m.group(1) or m.group(2)
                break
    if r.title is None:
        title = next((ln for ln in lines if len(ln) <= 60 and _HEAD_TITLE().search(ln)), None)
        if title:
            changes["title"] = title
    return replace(r, **changes) if changes else r


def identify(r: Readings, hints: Sequence[Hints] = ()) -> Identity:
    g = gazetteer()
    ev: list[Evidence] = []
    warnings: list[str] = []
    r = _from_head(r)
    hk = _hint_evidence(hints, "kind")
    if hk:
        kind = str(hk[0])
        ev.append(hk[1])
    else:
        kind = _kind(r, ev)

    # region
    hint_issuer = _hint_evidence(hints, "issuer")
    hint_region = _hint_evidence(hints, "region")
    readings = _region_readings(r, g, kind)
    region: Optional[Region] = None
    if hint_region:
        region = g.parse(str(hint_region[0]))
    if region is None and hint_issuer:
        words = str(hint_issuer[0])
        region = g.national if _NATIONAL_BODY.search(words) else g.parse(words)
    if region is None and readings:
        region, first = readings[0]
        ev.append(first)
        # a reading that names a deeper region under the first one refines it (北京市 → 北京市通州区)
        for reg, e in readings[1:]:
            if g.is_under(reg, region):
                region = reg
                ev.append(e)
    elif region is not None:
        ev.append(Evidence("region", g.display_name(region), (hint_region or hint_issuer)[1].source,
                           (hint_region or hint_issuer)[1].text))
    if region is None:
        found = _ambiguous_by_body(r, g)
        if found:
            region = found[0]
            ev.append(found[1])
    if region is None:
        found = _region_from_body(r, g) or (_region_from_file(r.file_name, g) if r.file_name else None)
        if found:
            region = found[0]
            ev.append(found[1])
    if region is None and hint_issuer is None:
        unlisted = _unlisted_region(r)
        if unlisted:
            region = Region(code="", name=unlisted[0], level=unlisted[1], parent=None, aliases=())
            ev.append(Evidence("region", unlisted[0], unlisted[2], unlisted[3]))
    if region is not None:
        for reg, e in readings:
            if reg.code != region.code and not g.is_under(reg, region) and not g.is_under(region, reg):
                warnings.append(f"region: {_last_region(ev)} but the {e.source} reads {e.value} ({e.text[:40]})")
                break

    # issuer
    level = region.level if region else None
    if hint_issuer:
        issuer = str(hint_issuer[0])
        ev.append(hint_issuer[1])
    elif region is None:
        issuer = None
    else:
        explicit = _canonical_body(r.issuer_line) if r.issuer_line else None
        quote = r.issuer_line or kind
        if region.level == "national":
            issuer = _national_issuer(kind)
            found = next((e for e in ev if e.field == "region"), None)
            body_src = "kind" if kind != "gov-work-report" else found.source if found else "default"
            if found is not None and body_src == found.source and not r.issuer_line:
                quote = found.text  # 国务院 is read off the words that made the report national, not its kind id
        else:
            body = explicit or _body_for(kind, region.level)
            if region.level == "sar" and body == "人民政府":
                body = "行政长官"
            issuer = g.display_name(region) + body
            body_src = "issuer line" if explicit else "kind"
            if region.code.startswith("71") and _executive_yuan(r):
                issuer, body_src = "行政院", "title" if "行政院" in (r.title or "") else "body"
            if region.level == "sar" or region.code.startswith("71"):
                issuer = _to_script(issuer, r.script)
        ev.append(Evidence("issuer", issuer, body_src, quote))

    # years
    roc = region is not None and region.code.startswith("71")
    hy = _hint_evidence(hints, "year")
    if hy:
        year: Optional[int] = int(hy[0])
        ev.append(hy[1])
        _y, delivered = _years(r, kind, [], [], roc)
    else:
        year, delivered = _years(r, kind, ev, warnings, roc)
    hd = _hint_evidence(hints, "delivered")
    if hd:
        delivered = str(hd[0])
        ev.append(hd[1])
    if issuer is None:
        warnings.append("issuer not found: no title, dateline, signature or body names it; give --issuer "
                        "or a report.meta.json beside the file")
    if year is None:
        warnings.append("year not found: no title, dateline, meeting or heading dates it; give --year "
                        "or a report.meta.json beside the file")
    review_year = None
    if year is not None and kind != "policy-address":
        review_year = year - 1
    return Identity(issuer=issuer, region=g.display_name(region) if region else None, level=level, year=year,
                    delivered=delivered, review_year=review_year, kind=kind, evidence=tuple(ev),
                    warnings=tuple(warnings))


def _last_region(ev: Sequence[Evidence]) -> str:
    found = [e for e in ev if e.field == "region"]
    return f"the {found[-1].source} reads {found[-1].value}" if found else "no region"


# ----------------------------------------------------------------------------------- user hints

_SIDECAR_KEYS = {"issuer": str, "year": int, "region": str, "kind": str, "delivered": str}


def sidecar_path(path: str) -> Optional[Path]:
    """``dir/report.meta.json`` for ``dir/report.txt`` (none for stdin)."""
    if not path or path == "-":
        return None
    p = Path(path)
    return p.with_name(p.with_suffix("").name + ".meta.json")


def read_sidecar(path: str) -> Optional[Hints]:
    """The hints of a ``report.meta.json`` beside ``path``, or None when there is none.

    The file is a JSON object with any of ``issuer``, ``year``, ``region``, ``kind``,
    ``delivered``; anything else in it is an error (a typo must not be ignored silently).
    """
    import json

    from ..errors import AnnotateError

    side = sidecar_path(path)
    if side is None or not side.is_file():
        return None
    try:
        data = json.loads(side.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AnnotateError(str(side), f"is not a readable JSON file ({exc})",
                            "fix it or remove it; it says who issued the report beside it") from None
    if not isinstance(data, dict) or set(data) - set(_SIDECAR_KEYS):
        raise AnnotateError(str(side), "holds keys other than " + ", ".join(_SIDECAR_KEYS),
                            'write e.g. {"issuer": "湖南省人民政府", "year": 2026}')
    values = {}
    for key, typ in _SIDECAR_KEYS.items():
        if data.get(key) is None:
            continue
        try:
            values[key] = typ(data[key])
        except (TypeError, ValueError):
            raise AnnotateError(str(side), f"{key} must be a {typ.__name__}", "fix the value") from None
    return Hints(source="sidecar", **values)


def override(meta, hints: Sequence[Hints]):
    """``meta`` with the fields the hints give replaced (an annotated XML read back)."""
    from dataclasses import replace

    changes: dict = {}
    evidence = list(meta.identity_evidence)
    for name in ("kind", "delivered", "year", "region", "issuer"):
        found = _hint_evidence(hints, name)
        if found:
            changes[name] = found[0]
            evidence = [e for e in evidence if e.field != name] + [found[1]]
    if "year" in changes and (changes.get("kind") or meta.kind) != "policy-address":
        changes["review_year"] = int(changes["year"]) - 1
    if "issuer" in changes and "region" not in changes:
        g = gazetteer()
        reg = g.national if _NATIONAL_BODY.search(str(changes["issuer"])) else g.parse(str(changes["issuer"]))
        if reg is not None:
            changes["region"], changes["level"] = g.display_name(reg), reg.level
    return replace(meta, identity_evidence=tuple(evidence), **changes)
