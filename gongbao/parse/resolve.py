"""A unit as written → the department of the right government, with its official full name.

One path for every name: cut off what says whose unit it is (a place, a level word, the Party,
国家), find that government relative to the document's (省 in a city's document is its province),
then look the rest up — in that government's own directory file where one exists (济南市, the
national one: overrides), else in the standard template of its level (河南省 + 发展改革委 →
河南省发展和改革委员会), else keep the name as written, placed in its government.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .departments import NATIONAL, Directory, guess_kind
from .divisions import NATION, Division, divisions
from .government import government_for_word, level_of_word, split_unit
from .orgnames import TOWN, ZONE, is_org
from .template import Stem, Template, load_template

# Template kinds in the knowledge base's vocabulary (the directories' kinds).
_KIND = {"judicial": "court_procuratorate"}


@dataclass(frozen=True)
class Resolved:
    name: str  # as documents write it (the directory's short form when it has one)
    full_name: str
    kind: str
    jurisdiction: str | None  # the government's label: 济南市, 鞍山市立山区, 中华人民共和国
    known: bool  # an official name: from a directory or the template
    current_full_name: str = ""  # the unit today, after reorganisations
    jurisdiction_code: str | None = None  # GB/T 2260
    level: str | None = None  # national | province | city | county | town
    resolved_by: str = "written"  # directory | template | place | collective | written
    government: Division | None = None  # for a list's next names (省发展改革委、财政厅)


def _department_kind(stem: Stem, full_name: str) -> str:
    if stem.kind == "department":
        k = guess_kind(full_name)
        return k if k in ("bureau", "commission", "ministry") else "bureau"
    return _KIND.get(stem.kind, stem.kind)


class Resolver:
    """Directories, template and divisions together; one per build."""

    def __init__(self, directory: Directory, template: Template | None = None) -> None:
        self.directory = directory
        self.template = template or load_template()
        self.divisions = divisions()
        self._party = {f for f, stems in self.template.forms.items() if any(s.kind == "party" for s in stems)}

    def is_party_form(self, rest: str) -> bool:
        return rest in self._party

    def label(self, d: Division | None) -> str | None:
        return None if d is None else d.name if d.code == NATION.code else self.divisions.label(d)

    def resolve(self, name: str, government: Division | None, carry: Division | None = None,
                year: int | None = None) -> Resolved:
        """``carry``: the government a level word of an earlier name of the same list named (a
        prefix written once: 省发展改革委、财政厅); ``year``: the document's, for bodies that
        changed (金融办)."""
        whole = self.template.whole.get(name)
        if whole is not None:  # 团市委: the level is inside the written form
            word = next((w for w in ("自治区", "省", "市", "州", "县", "区", "旗") if w in name), "")
            gov = government_for_word(word, government) or government
            if gov is not None:
                full = whole.full_name(self.divisions.prefix(gov), gov.short)
                return self._made(name, full, _KIND.get(whole.kind, whole.kind), gov, True, "template",
                                  word != "")
        system = self.template.system_name(name)
        kind = "vertical" if system != name else guess_kind(name)  # 人行 → 中国人民银行…
        name = system
        context = [g for g in (carry, government) if g is not None]
        place = self.divisions.forms.get(name)
        if place and kind != "group":  # 岳麓区 as a unit: its people's government
            gov = self.divisions.pick(tuple(place), context)
            full = self.divisions.prefix(gov) + "人民政府"
            below = government is not None and gov.code != government.code
            return self._made(name, full, "district" if below else "government", gov, True, "template", False)
        up = split_unit(name.removeprefix("各"), context, self.is_party_form)
        inner = self._place_inside(name, up, context)
        if inner is not None and kind != "group":  # 国家开发银行云南省分行, 人民银行潍坊市中心支行
            return self._made(name, name, "vertical" if up.national else kind, inner, False, "place", False)
        if up.place is not None and not up.national and not name.startswith(up.place.name) and kind != "group" \
                and self.template.find(up.rest, up.place.level) is None:
            # 广东电网公司, 青岛地铁集团, 济南海关: a short place name is part of the name
            return self._made(name, name, kind, up.place, False, "place", False)
        explicit = up.national or up.place is not None or up.level_word is not None
        if up.national:
            gov = NATION
        elif up.place is not None:
            gov = up.place
        elif up.level_word is not None:
            gov = government_for_word(up.level_word, government)
        else:
            gov = carry or government
        if kind == "group":
            return self._made(name, name, "group", gov or government, False, "collective", False)
        if gov is None and not explicit:
            gov = self._national_by_name(name)
        if gov is not None and not explicit:
            gov = self._level_fit(up.rest, gov)
        if gov is not None:
            entry = self.directory.lookup_in(gov.code, name, up.rest)
            if entry is not None:
                return self._made(entry.short_name, entry.full_name, entry.kind, gov, True, "directory",
                                  False, self.directory.current(entry).full_name)
            if gov.code != NATION.code and not explicit and government is not None \
                    and government.code != NATION.code and self._national_only(name, up.rest, gov):
                nat = self.directory.lookup_in(NATION.code, name, up.rest)
                if nat is not None:  # 财政部 in a city's document
                    return self._made(nat.short_name, nat.full_name, nat.kind, NATION, True, "directory",
                                      False, self.directory.current(nat).full_name)
        carried = up.level_word is not None and up.place is None and not up.national
        branch = self._branch(up, gov, year)
        if branch is not None:
            return branch
        level = gov.level if gov is not None else level_of_word(up.level_word)
        stem = self.template.find(up.rest, level, up.party, year)
        if stem is None and self.template.expand(up.rest) != up.rest:
            stem = self.template.find(self.template.expand(up.rest), level, up.party, year)
        if stem is not None and gov is not None and gov.code != NATION.code:
            prefix, short = self.divisions.prefix(gov), gov.short
            full = stem.full_name(prefix, short)
            current = self.template.successor(stem, gov.level).full_name(prefix, short)
            kind = _department_kind(stem, full)
            if kind == "government" and government is not None and gov.code != government.code \
                    and gov.level == "county":
                kind = "district"  # a lower government acting as a unit (浦东新区政府 in the city's plan)
            return self._made(name, full, kind, gov, True, "template", carried, current)
        if gov is not None and gov.code != NATION.code and is_org(up.rest) and len(up.rest) >= 2:
            prefix = self.divisions.prefix(gov)
            party = "中共" + prefix + "委" if up.party and not up.rest.startswith("委") else ""
            rest = self.template.expand(up.rest)
            if ZONE.search(rest) and not party:  # 高新区管委会 → 平顶山高新技术产业开发区管理委员会
                prefix = gov.short if gov.level in ("province", "city") else prefix
            rest = TOWN.sub(lambda m: m.group(0) + ("办事处" if m.group(0).endswith("街道") else "人民政府"), rest)
            full = (party or prefix) + rest if not rest.startswith(prefix) else rest
            return self._made(name, full, kind, gov, False, "place", carried)
        return self._made(name, name, kind, gov, False, "written", carried)

    def _branch(self, up, gov: Division | None, year: int | None) -> Resolved | None:
        """区国土分局, 县公安分局: a branch the city's bureau keeps in the district is the city's
        (昆明市国土资源局官渡分局), however the district's documents write it."""
        if gov is None or gov.level != "county" or not up.rest.endswith("分局") or len(up.rest) < 4:
            return None
        city = self.divisions.parent_of(gov)
        if city is None or city.level == "national":
            return None
        bureau = up.rest[:-2] + "局"
        stem = self.template.find(bureau, city.level, False, year) or self.template.find(
            self.template.expand(bureau), city.level, False, year)
        parent = stem.full_name(self.divisions.prefix(city), city.short) if stem else \
            self.divisions.prefix(city) + self.template.expand(bureau)
        return self._made(up.rest, parent + gov.short + "分局", "bureau", city, stem is not None,
                          "template" if stem else "place", False)

    def _place_inside(self, name: str, up, context: list[Division]) -> Division | None:
        """A place named after the start of a name (…云南省分行, 人民银行潍坊市中心支行): the unit
        serves that place, and its name is already whole."""
        start = 0 if up.national else 1
        for s, e, codes in self.divisions.matches(name[start:]):
            d = self.divisions.pick(codes, context)
            if (e - s >= 3 or d.level in ("province", "city")) and s + start > 0 and e + start < len(name):
                if d.level == "city" and d.code[2:4] == "01" and "中心支行" in name:
                    # the People's Bank's central sub-branch in a provincial capital (its prefecture
                    # 01) was the province's branch until the 2023 reform: 人行长春中心支行
                    return self.divisions.parent_of(d) or d
                return d
        return None

    def _made(self, name: str, full: str, kind: str, gov: Division | None, known: bool, how: str,
              explicit: bool, current: str = "") -> Resolved:
        return Resolved(name, full, kind, self.label(gov), known, current or full,
                        gov.code if gov else None, gov.level if gov else None, how,
                        gov if explicit else None)

    def _national_by_name(self, name: str) -> Division | None:
        """A document with no government: a name only the national directory knows (财政部) is
        national; a short name local governments share (发展改革委) is nobody's yet."""
        if self.template.find(name, None) is not None:
            return None
        return NATION if self.directory.lookup_in(NATION.code, name, name) is not None else None

    def _national_only(self, name: str, rest: str, gov: Division) -> bool:
        """A national name in a local document (财政部, 工业和信息化部): the template of local
        governments has no such form."""
        return self.template.find(rest, gov.level) is None and self.template.find(name, gov.level) is None

    def _level_fit(self, rest: str, gov: Division) -> Division | None:
        """A form that exists only at a higher level (财政厅 in a city's document) is that level's;
        one that exists only lower (财政局 in a province's) is some lower government's: not said."""
        levels = self.template.levels_of(rest)
        if not levels or gov.level in levels or gov.code == NATION.code:
            return gov
        for a in self.divisions.chain(gov)[1:]:
            if a.level in levels:
                return a
        return None


@lru_cache(maxsize=4)
def resolver_for(directory: Directory) -> Resolver:
    """One resolver per directory (the template and divisions are loaded once)."""
    return Resolver(directory)


def national_names(directory: Directory) -> frozenset[str]:
    return frozenset(directory.by_jurisdiction.get(NATIONAL, {}))
