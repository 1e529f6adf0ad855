"""Whose document, whose unit: governments read from issuers, titles, 文号, recipients and names.

A document's government comes from what names it, strongest first: the issuer (and every
signatory of a joint signature), the place its title starts with, the 文号 prefix (豫政 → 河南省;
济政发 → a division whose short name starts with 济, checked against the places the text names),
the parent document (a plan issued by a notice), and the places the text names, weighed by the
level its recipients and its units' prefixes speak of (各县（市、区）人民政府 and 市发展改革委 say
"a city").  A unit's government comes from its own prefix (洛阳市, 省, 县委, 国家) relative to the
document's, or is the document's when it has none.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .divisions import NATION, Division, Divisions, divisions

# Level words a unit's name starts with, longest first: 自治区发展改革委, 省科技厅, 区委宣传部.
LEVEL_WORDS = ("自治区", "自治州", "自治县", "自治旗", "直辖市", "街道", "省", "市", "州", "盟", "县", "区",
               "旗", "镇", "乡")
# What makes a name national whatever the document: 国家发展改革委, 国务院办公厅, 中央网信办.
NATIONAL_LEAD = re.compile(r"^(?:国家|国务院|中央|全国|中共中央|中华人民共和国)")
# The types a level word stands for in the chain of the document's government.
_WORD_TYPES = {
    "省": ("省",), "自治区": ("自治区",), "直辖市": ("直辖市",), "市": ("地级市", "县级市", "直辖市"),
    "州": ("自治州",), "自治州": ("自治州",), "盟": ("盟",), "县": ("县", "自治县"), "自治县": ("自治县",),
    "区": ("市辖区", "自治区"), "旗": ("旗", "自治旗"), "自治旗": ("自治旗",),
}
_LEVEL_OF_WORD = {"省": "province", "自治区": "province", "直辖市": "province", "市": "city", "州": "city",
                  "自治州": "city", "盟": "city", "县": "county", "区": "county", "旗": "county",
                  "自治县": "county", "自治旗": "county", "镇": "town", "乡": "town", "街道": "town"}
# Recipients name the level below the issuer: 各市、县（市、区）人民政府 → a province.
_RECIPIENT_LEVEL = (
    (re.compile(r"各(?:省|自治区|直辖市)"), "national"),
    (re.compile(r"各(?:市|地级以上市|设区的市|州|盟|市州|市、州)"), "province"),
    (re.compile(r"各(?:县|区|县区|区县|县（市、区）|县\(市、区\)|县市区|旗|县（区）|区（县）)"), "city"),
    (re.compile(r"各(?:乡|镇|乡镇|街道)"), "county"),
)
# 文号 prefix: the abbreviation before 政/府/办 (豫政办〔2023〕1号, 济政发, 郑政文, 川府发).
DOC_NUMBER_PREFIX = re.compile(r"^([\u4e00-\u9fff]{1,3}?)(?:政|府|办|委)")
# A line that is only a government's name (a web page's masthead, a letterhead).
MASTHEAD = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:人民政府|政府)(?:办公厅|办公室)?(?:门户网站|网站)?$")
# The State Council's own series: 国发, 国办发, 国函, 国办函, 国令 (国务院令).
NATIONAL_NUMBER = re.compile(r"^(?:国(?:发|函|令|办发|办函|办明电|务院令)|中发|中办发|厅字)")


@dataclass(frozen=True)
class UnitPrefix:
    """How a unit's name starts: a place, a level word, the Party, or nothing."""

    place: Division | None
    level_word: str | None
    party: bool
    national: bool
    rest: str


def split_unit(name: str, context: list[Division], party_forms) -> UnitPrefix:
    """Cut ``name`` into what says whose unit it is and the rest (the stem's written form).

    ``party_forms(rest)`` tells whether a rest is a Party organ's form (宣传部, 纪委)."""
    D = divisions()
    n = name
    party = False
    if n.startswith("中共") and not n.startswith("中共中央"):
        n, party = n[2:], True
    if NATIONAL_LEAD.match(n):
        rest = re.sub(r"^(?:中华人民共和国|国家|国务院)", "", n) or n
        return UnitPrefix(NATION, None, party, True, rest if n.startswith("国家") else n)
    place = None
    hit = D.at_start(n)
    if hit is not None and hit[0] < len(n):
        place = D.pick(hit[1], context)
        n = n[hit[0]:]
    word = None
    for w in LEVEL_WORDS:
        if n.startswith(w) and len(n) > len(w):
            word = w
            break
    if word is not None and place is None:
        rest = n[len(word):]
        if rest[:1] in "场域级" or re.match(r"政(?:局|工程|设施|公用|园林|和园林|管理)", rest) or not (
                rest.startswith("委") or party_forms(rest) or _plain_stem(rest)):
            word = None  # 市场监管局, 区域中心, 市政局: the character belongs to the name
        else:
            n = rest
    elif place is not None and word is None and n.startswith("委"):
        word = ""  # 洛阳市委宣传部
    if (word is not None or place is not None) and n.startswith("委") and (
            n == "委" or party_forms(n[1:]) or _plain_stem(n[1:])):  # 市委宣传部, 市委督查室
        return UnitPrefix(place, word, True, False, n[1:] or "委员会")
    return UnitPrefix(place, word or None, party, False, n)


def _plain_stem(rest: str) -> bool:
    from .orgnames import ORG_SUFFIX

    return len(rest) >= 2 and ORG_SUFFIX.search(rest) is not None


def government_for_word(word: str, g: Division | None, D: Divisions | None = None) -> Division | None:
    """The government a level word means in a document of ``g``: 省 in a city's document is its
    province; 市 in a district's document its city; 县 in a city's document is not said."""
    if g is None:
        return None
    D = D or divisions()
    types = _WORD_TYPES.get(word)
    if types is None:
        return None
    for a in D.chain(g):
        if a.type in types:
            return a
    if word == "区" and g.type == "自治区":
        return g
    return None


def level_of_word(word: str | None) -> str | None:
    return _LEVEL_OF_WORD.get(word or "")


@dataclass(frozen=True)
class Evidence:
    government: Division | None
    how: str  # issuer | title | doc_number | parent | text | none


def document_government(issuer: str | None, title: str | None, doc_number: str | None,
                        recipients: str | None, text: str, unit_names: list[str],
                        parent: Division | None = None, national_names=frozenset(),
                        page: dict[str, str] | None = None, around: str = "") -> Evidence:
    """The government a document belongs to, and which signal gave it; ``page`` holds what a
    web page's metadata table says (发文机关, 发布机构, 文号, 标题) when the text does not;
    ``around`` the rest of the source, whose places count when the document's own name none."""
    page = page or {}
    issuer = issuer or page.get("issuer")
    title = title or page.get("title")
    doc_number = doc_number or page.get("doc_number")
    D = divisions()
    own_places = _places(text)
    around_places = _places(around) if around else []
    places = own_places or around_places
    mentioned = Counter(p.code for p in places)
    context = [D.by_code[c] for c, _ in mentioned.most_common(8)]
    for signatory in re.split(r"[、，,\s]+", issuer or ""):
        g = _named_at_start(signatory, context, national_names)
        if g is not None:
            return Evidence(g, "issuer")
    g = _named_at_start(title or "", context, national_names, title=True)
    if g is not None:
        return Evidence(g, "title")
    for line in (around or text).splitlines()[:40]:  # a page's masthead: 嵊州市人民政府 on its own line
        m = MASTHEAD.match(line.strip())
        if m:
            g = _named_at_start(m.group(0), context, national_names)
            if g is not None:
                return Evidence(g, "masthead")
    level = _level_hint(issuer, recipients, unit_names, title)
    if doc_number:
        g = _from_doc_number(doc_number, level, mentioned, D)
        if g is not None:
            return Evidence(g, "doc_number")
    if parent is not None:
        return Evidence(parent, "parent")
    if level == "national":
        return Evidence(NATION, "text")
    own = (recipients or "") + "\n" + text
    g = _from_places(_places(recipients or "") + own_places, level, own, D) or _from_places(
        around_places, level, around, D)
    return Evidence(g, "text" if g is not None else "none")


_ORDER = {"national": 0, "province": 1, "city": 2, "county": 3}


def _from_places(places: list[Division], level: str | None, text: str, D: Divisions) -> Division | None:
    """The government the places a text names point to, at the level it speaks from: a
    province's plan names its cities (climb to the province); a county's names its city (find
    the county by its short name among the city's counties, or say nothing); a city's plan names
    all its counties alike (their city)."""
    if not places:
        return None
    mentioned = Counter(p.code for p in places)
    first = {p.code: k for k, p in reversed(list(enumerate(places)))}

    def best(codes) -> Division:
        return D.by_code[max(codes, key=lambda c: (mentioned[c], -first.get(c, 0)))]
    if level in _ORDER and level != "national":
        # a county-level city speaks of itself as 市 (定州市, 义乌市)
        top = mentioned.most_common(1)[0][0]
        at = [c for c in mentioned if D.by_code[c].level == level
              or (level == "city" and D.by_code[c].type == "县级市")
              or (level == "city" and D.by_code[c].type == "直辖市" and c == top)]
        if at:
            return best(at)
        higher = [D.by_code[c] for c in mentioned if _ORDER[D.by_code[c].level] > _ORDER[level]]
        if higher:  # climb: 银川市 ×14, 吴忠市 ×3 in a region's plan → 宁夏回族自治区
            up = Counter()
            for d in higher:
                a = D.above(d, level)
                if a is not None:
                    up[a.code] += mentioned[d.code]
            if up:
                return D.by_code[up.most_common(1)[0][0]]
        return _county_by_short(mentioned, text, D) if level == "county" else None
    counties = [D.by_code[c] for c in mentioned if D.by_code[c].level == "county"]
    parents = Counter(d.parent for d in counties)
    if parents and len(counties) >= 3:
        parent, n = parents.most_common(1)[0]
        top = mentioned.most_common(1)[0][1]
        if n >= 3 and sum(1 for d in counties if d.parent == parent and mentioned[d.code] == top) >= 3:
            return D.by_code[parent]  # 端州区、鼎湖区、高要区… alike: 肇庆市's plan
    return best(mentioned)


def _county_by_short(mentioned: Counter, text: str, D: Divisions) -> Division | None:
    """A county's document that names only its city: the city's county whose short name the
    text writes (涉及嘉鱼的…, 龙湾区 written 龙湾)."""
    found = Counter()
    for c in mentioned:
        for k in D.children.get(c, ()):
            d = D.by_code[k]
            if d.level == "county" and len(d.short) >= 2 and d.short != d.name:
                n = text.count(d.short)
                if n:
                    found[k] = n
    if not found:
        return None
    ranked = [*found.most_common(2), (None, 0)]
    (k, n), (_, second) = ranked[0], ranked[1]
    return D.by_code[k] if n > second else None


def _places(text: str) -> list[Division]:
    D = divisions()
    text = text[:20000]
    # a one-character stem with its type (和县, 城区) is too often two words (县财政局和县农业局)
    found = [(s, codes) for s, e, codes in D.matches(text) if e - s > 2 or text[s + 1] not in "县区市旗"]
    found += [(s, codes) for s, _, codes in D.zone_matches(text)]
    return [D.pick(codes, []) for _, codes in sorted(found, key=lambda f: f[0])]


def _named_at_start(s: str, context: list[Division], national_names, title: bool = False) -> Division | None:
    s = re.sub(r"^(?:[【\[〔（(][^】\]〕）)]{0,10}[】\]〕）)])+", "", s.strip())  # 【文字解读】凤凰县…
    s = re.sub(r"^中共(?!中央)", "", s)
    if not s:
        return None
    if re.match(r"^(?:国务院|中共中央|全国|中华人民共和国)", s) or s in national_names or (
            not title and re.match(r"^国家", s)):
        return NATION
    hit = divisions().at_start(s)
    if hit is None:
        return None
    rest = s[hit[0]:]
    if title and not rest:
        return None
    return divisions().pick(hit[1], context)


def _level_hint(issuer: str | None, recipients: str | None, unit_names: list[str],
                title: str | None = None) -> str | None:
    """The level a document speaks from: its recipients', its issuer's or its units' prefixes."""
    for rx, level in _RECIPIENT_LEVEL:
        if recipients and rx.search(recipients):
            return level
    m = re.match(r"^(省|自治区|市|州|盟|县|区|旗)(?:人民)?政府", issuer or "")
    if m:
        return _LEVEL_OF_WORD[m.group(1)]
    # a title that says whose work it lists: 2023年区政府重点民生实事
    m = re.search(r"(?:^|\d年度?|年)(省|自治区|市|州|盟|县|区|旗)(?:人民)?政府", title or "")
    if m:
        return _LEVEL_OF_WORD[m.group(1)]
    words = Counter()
    for n in unit_names:
        for w in LEVEL_WORDS:
            if n.startswith(w) and len(n) > len(w) + 1 and not n.startswith("市场"):
                words[_LEVEL_OF_WORD.get(w)] += 1
                break
    if words:
        return words.most_common(1)[0][0]
    return None


def _from_doc_number(doc_number: str, level: str | None, mentioned: Counter, D: Divisions) -> Division | None:
    if NATIONAL_NUMBER.match(doc_number):
        return NATION
    m = DOC_NUMBER_PREFIX.match(doc_number)
    if not m:
        return None
    abbr = m.group(1)
    if abbr in ("国", "国办"):
        return NATION
    provinces = D.by_abbreviation(abbr) if len(abbr) == 1 else []
    # a city or county whose short name starts with the abbreviation and that the text names
    local = [D.by_code[c] for c in mentioned if D.by_code[c].level in ("city", "county")
             and D.by_code[c].short.startswith(abbr)]
    if level in ("city", "county") and local:
        return max(local, key=lambda d: mentioned[d.code])
    if provinces and level in (None, "province"):
        return provinces[0]
    if local:
        return max(local, key=lambda d: mentioned[d.code])
    return None


# A unit's level word after a separator: （市发展改革委、市财政局…）, 责任单位：县教育局.
_UNIT_WORD = re.compile(r"(?:^|[（(、，,：:；;\s])(省|自治区|市|州|盟|县|区|旗)"
                        r"(?!场|民|级|委员会|政府各|政局|政工程|政设施)[\u4e00-\u9fff]{1,10}?(?:厅|局|委|办)(?=[、，,）)；;\s牵负配])")


def unit_words(text: str) -> list[str]:
    """Unit names with a level word, as the text's tags write them: the level a document speaks
    from before its tags are read."""
    return [m.group(0).lstrip("（(、，,：:；; \n\t") for m in _UNIT_WORD.finditer(text)]
