"""What an organisation's name looks like, and the names the knowledge base already knows.

The one owner of "is this an organisation": tags, label lines, table cells and sentence tags
all ask ``org_problem``.  Known names (every name and short form of the department
directories, read by longest match through an Aho–Corasick automaton) come first; the suffix
rule is the fallback for names no directory lists.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

# What an organisation's name ends with.
ORG_SUFFIX = re.compile(
    r"(局|委|部|厅|办|署|院|会|府|单位|部门|机构|中心|集团|公司|社|行|室|组|区|县|市|镇|乡|旗|盟|州|"
    r"街道|团|联|协|所|站|队|馆|海关|中央|总局|办事处|管理办|管委会|企业|机关|政府|组织|级市|科|股|处|"
    r"支行|分行|分局|银行|学校|高校|院校|大学|医院|园区|基地|协会|商会|联合会|工作专班|专班|指挥部|总社|"
    r"国企|央企|平台|工作部|园|场|大队|中队|机制|联席会议|库)$"
)
# A name that is only an administrative level: 市, 各区, 县级市 (a fragment, not a unit).
LEVEL_ONLY = re.compile(r"^各?(?:省|市|区|县|镇|乡|街道|旗|盟|州|县级市|乡镇|区县|县区|县市区|自治区|直辖市|自治州|"
                        r"自治县|地区|省份|地市|市州|市县)$")
# Words of prose, not of names: （所需经费由市财政局负责）, （由此产生的费用由企业负责）.
PROSE = re.compile(r"由|所需|经费|费用|资金|产生|按照|根据|通过|对于|关于|要求|其中|如果|凡|均|须|应当|"
                   r"确保|是否|此|该|本次|进行|开展|加强|推进|[。！？“”《》：:]")
# People, not units, though 干部 ends like 部: 全体乡村两级干部 (an audience column), 广大群众.
PEOPLE = re.compile(r"(?:干部|群众|党员|职工|人员|居民|村民|学生|对象|群体|市民|企业家|社会)$")
# Collectives: 各县（市、区）人民政府, 市直有关部门, 各科室.
COLLECTIVE = re.compile(r"^(?:各|有关|相关|其他|其它)|(?:有关|相关|各)(?:部门|单位|科室|机构)")
# A qualifier or second name in brackets after a name: 市发展改革委（市能源局）, 各乡镇（街道）.
QUALIFIER = re.compile(r"[（(<〈][^（）()<>〈〉]{1,20}[）)>〉]$")
# Pinyin a mirror site injected after a character: 省通信管理(lǐ)局.
PINYIN = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[）)]")


# A development zone (its committee) is named with its city's short name (咸宁高新技术产业开发区管理委员会).
ZONE = re.compile(r"(?:开发区|示范区|实验区|新区|园区|先导区)(?:管理委员会|工作委员会)?$")
# A town or street office as a unit is its government (孝顺镇 → 孝顺镇人民政府, 东孝街道 → …办事处).
TOWN = re.compile(r"^[\u4e00-\u9fff]{2,6}?(?<!乡)(?:镇|乡|街道)$")
# A person's name as tables and label lines give it: 2–4 characters (王健, 伍泽国).
PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def unit_name(name: str) -> str:
    """The name without a second name in brackets (县发改局（粮食局） → 县发改局); a collective's
    qualifier stays (各乡镇（街道）)."""
    q = QUALIFIER.search(name)
    if q and q.start() > 0 and not name.startswith("各") and is_org(name[:q.start()]):
        return name[:q.start()]
    return name


def bare(name: str) -> str:
    """The name without mirror pinyin and a trailing bracketed qualifier."""
    return QUALIFIER.sub("", PINYIN.sub("", name))


def org_problem(name: str, known: bool = False) -> str | None:
    """Why ``name`` is not an organisation's name, or None if it is one."""
    if known:
        return None
    core = bare(name)
    if not core:
        return "empty"
    if len(core) > 40:
        return "too long for a name"
    if LEVEL_ONLY.match(core) and not core.startswith("各"):  # 各乡镇 is a collective
        return "only an administrative level"
    if PROSE.search(core):
        return "prose, not a name"
    if PEOPLE.search(core):
        return "people, not a unit"
    if not ORG_SUFFIX.search(core):
        return "does not end like an organisation (cut off?)"
    if re.search(r"\d", core) and not re.search(r"\d+(?:号|师|团)", core):
        return "has digits"
    return None


# Endings strong enough to trust a name at the very end of a text; 市协 there may be cut off.
STRONG_SUFFIX = re.compile(r"(局|委|厅|办|署|部门|单位|机构|政府|中心|公司|管委会|办事处|集团|总局|委员会|机关|"
                           r"支行|分行|银行|医院|学校|大学|科室|处室)$")


def cut_short(name: str) -> bool:
    """A unit at the very end of a text that may have been cut there: unknown, weakly named and
    short (市协, 市科 — left of 市科协, 市科技局), where 综合科 or 县民政局 is whole."""
    return name not in lexicon_for() and STRONG_SUFFIX.search(name) is None and len(bare(name)) <= 2


def is_org(name: str) -> bool:
    return org_problem(name) is None


class Lexicon:
    """Known names, matched longest first: 工业和信息化部 is one name, not 工业 + 信息化部.

    The directories' names are one automaton, built once; a document adds its own (aliases it
    defines, units its earlier tags named) with ``with_names``, which shares that automaton."""

    def __init__(self, names: set[str] | frozenset[str], _auto: ahocorasick.Automaton | None = None,
                 extra: frozenset[str] = frozenset()) -> None:
        self.base = frozenset(n for n in names if len(n) >= 2)
        self.extra = frozenset(n for n in extra if len(n) >= 2 and n not in self.base)
        self.names = self.base | self.extra
        if _auto is None:
            _auto = ahocorasick.Automaton()
            for n in self.base:
                _auto.add_word(n, n)
            if self.base:
                _auto.make_automaton()
        self._auto = _auto

    def with_names(self, extra: set[str] | frozenset[str]) -> Lexicon:
        """This lexicon and a document's own names."""
        return Lexicon(self.base, self._auto, frozenset(extra) | self.extra)

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def matches(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) of known names, longest first, left to right."""
        found = [(end - len(n) + 1, end + 1) for end, n in self._auto.iter_long(text)] if self.base else []
        for n in self.extra:
            at = text.find(n)
            while at >= 0:
                found.append((at, at + len(n)))
                at = text.find(n, at + 1)
        found.sort(key=lambda se: (se[0], -(se[1] - se[0])))
        out: list[tuple[int, int]] = []
        for s, e in found:
            if not out or s >= out[-1][1]:
                out.append((s, e))
        return out


@lru_cache(maxsize=4)
def lexicon_for(directory_path: str | None = None) -> Lexicon:
    from .departments import load_directory

    d = load_directory(directory_path)
    names: set[str] = set()
    for index in d.by_jurisdiction.values():
        names.update(index)
    return Lexicon(names)
