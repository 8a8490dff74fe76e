"""Build ``annotate/lexicon/regions.tsv`` from an administrative-division table.

Run once by a developer, never at run time:

    pip download --no-deps cpca==0.5.5 && unzip cpca-0.5.5-*.whl 'cpca/resources/adcodes.csv'
    python scripts/make_region_gazetteer.py cpca/resources/adcodes.csv > annotate/lexicon/regions.tsv

The input is the adcode list bundled with cpca (MIT licence, (c) 2018 QinYuan Du; the codes are the
National Bureau of Statistics' division codes).  Every row of the output is one region:
``code  name  level  parent  aliases``.  ``level`` is province (provinces, autonomous regions and
the four municipalities), sar, city (prefecture level) or district (districts, counties and
county-level cities).  ``aliases`` (``|``-separated) are the names a report uses instead of the
full one: the name without its administrative suffix, the provinces' one-character abbreviations
and pinyin (file names), and former names.  Traditional spellings are not stored: the reader
looks names up on the simplified view of a report.
"""

from __future__ import annotations

import csv
import re
import sys

# Provincial abbreviations (简称) and the pinyin a file name uses; these are not in the code table.
PROVINCE_EXTRA = {
    "北京市": "京|beijing", "天津市": "津|tianjin", "河北省": "冀|hebei", "山西省": "晋|shanxi",
    "内蒙古自治区": "内蒙古|蒙|neimenggu|inner-mongolia", "辽宁省": "辽|liaoning", "吉林省": "吉|jilin",
    "黑龙江省": "黑|heilongjiang", "上海市": "沪|申|shanghai", "江苏省": "苏|jiangsu", "浙江省": "浙|zhejiang",
    "安徽省": "皖|anhui", "福建省": "闽|fujian", "江西省": "赣|jiangxi", "山东省": "鲁|shandong",
    "河南省": "豫|henan", "湖北省": "鄂|hubei", "湖南省": "湘|hunan", "广东省": "粤|guangdong",
    "广西壮族自治区": "广西|桂|guangxi", "海南省": "琼|hainan", "重庆市": "渝|chongqing", "四川省": "川|蜀|sichuan",
    "贵州省": "黔|贵|guizhou", "云南省": "滇|云|yunnan", "西藏自治区": "西藏|藏|xizang|tibet",
    "陕西省": "陕|秦|shaanxi", "甘肃省": "甘|陇|gansu", "青海省": "青|qinghai",
    "宁夏回族自治区": "宁夏|宁|ningxia", "新疆维吾尔自治区": "新疆|新|xinjiang",
    "台湾省": "台湾|臺灣|台|taiwan", "香港特别行政区": "香港|港|hongkong|hong-kong|hksar",
    "澳门特别行政区": "澳门|澳|macau|macao",
}
FORMER = {"襄阳市": "襄樊", "普洱市": "思茅", "黄山市": "徽州", "三明市": "", "昆山市": ""}

SUFFIX = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|盟|省|市|区|县|旗)$")


def short_name(name: str) -> str:
    """``广州市`` → ``广州``; ``延边朝鲜族自治州`` → ``延边``; names of two characters keep theirs."""
    base = re.sub(r"(.{2,}?)([\u4e00-\u9fff]{1,3}族)+自治(州|县|旗)$", r"\1", name)
    if base != name:
        return base
    m = SUFFIX.search(name)
    if m and len(name) - len(m.group(1)) >= 2:
        return name[: -len(m.group(1))]
    return name


def main(src: str) -> None:
    rows = {}
    for r in csv.DictReader(open(src, encoding="utf-8")):
        code = r["adcode"][:6]
        name = r["name"]
        if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划") or "直辖" in name:
            continue
        rows[code] = name
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["code", "name", "level", "parent", "aliases"])
    out.writerow(["000000", "全国", "national", "", "中国|中华人民共和国|national|china|prc"])
    for code in sorted(rows):
        name = rows[code]
        if code.endswith("0000"):
            level = "sar" if code[:2] in ("81", "82") else "province"
            parent = "000000"
            aliases = PROVINCE_EXTRA.get(name, "")
        elif code.endswith("00"):
            level, parent = "city", code[:2] + "0000"
            aliases = short_name(name)
        else:
            level = "district"
            city = code[:4] + "00"
            parent = city if city in rows else code[:2] + "0000"
            aliases = short_name(name)
        if FORMER.get(name):
            aliases = "|".join(a for a in (aliases, FORMER[name]) if a)
        if aliases == name:
            aliases = ""
        out.writerow([code, name, level, parent, aliases])


if __name__ == "__main__":
    main(sys.argv[1])
