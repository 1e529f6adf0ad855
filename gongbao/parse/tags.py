"""Responsibility tags: a tokenizer and a small grammar over its tokens.

The same path reads a tag in brackets (（市教育局牵头，市财政局配合）), a label line
(责任单位：…), a table cell and a tag written as a sentence; ``tokens`` cuts them into
typed tokens.  Grammar: units gather until a VERB (which gives them its role) or a new LABEL (which gave
them the label's role); units with neither are a bare list.  ``finalize_roles`` is the one
decision table that turns plain 负责 into sole/shared, applies first-leads notes and adds
standing actors.  A tag whose units are not all organisations is no tag: ``parse_tag``
returns None and ``why_not`` says why, so the caller can report it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import roles as R
from ..ingest.clean import fold_width
from .orgnames import COLLECTIVE, LEVEL_ONLY, Lexicon, bare, is_org, lexicon_for, org_problem
from .script import simplified
from .tokens import Token, tokens_of, view_of, written_of

# A parenthesis with up to two levels of nesting, in any bracket a document uses:
# （各区县政府（功能区管委会）负责）, 〔…〕, 【…】, [...].
_IN = r"[^（）【】〔〕\[\]]"
PAREN = re.compile(
    rf"（(?:{_IN}|（(?:{_IN}|（{_IN}*）)*）)" r"{2,400}）"
    rf"|【(?:{_IN}|（{_IN}*）){{2,400}}】|〔(?:{_IN}|（{_IN}*）){{2,400}}〕"
    rf"|\[(?:{_IN}|（{_IN}*）){{2,400}}\]"
)


@dataclass(frozen=True)
class RawActor:
    name: str
    role: str


@dataclass(frozen=True)
class RawTag:
    text: str  # the whole tag as written
    start: int  # index in the paragraph text
    end: int
    actors: tuple[RawActor, ...]  # roles as the tag alone gives them
    notes: tuple[str, ...]
    raw_actors: tuple[RawActor, ...] = ()  # before plain 负责 is read in context
    leaders: tuple[str, ...] = ()
    deadline: str | None = None
    first_leads: bool = False
    standing: tuple[str, ...] = ()


@dataclass
class Reading:
    """What the grammar made of a tag's content."""

    actors: list[RawActor]
    notes: list[str]
    leaders: list[str]
    deadline: str | None
    first_leads: bool
    standing: list[str]
    has_verb: bool
    problem: str | None = None


# -- grammar --------------------------------------------------------------------------------

def _names(v: str, text: str, index: Sequence[int], tok: Token) -> list[tuple[str, str]]:
    """(view name, written name) of an ACTOR token after 等 and place-organ rules."""
    name = v[tok.start:tok.end]
    written = written_of(text, index, tok.start, tok.end)
    m = re.match(r"^(.+?)等((?:各|其他|其它)?(?:省|市|区|县|州|盟|旗)?(?:直|级|属)?(?:有关|相关|其他).+)$", name)
    if m:  # A等有关部门 → A + 有关部门
        k = len(m.group(1))
        return [(m.group(1), written_of(text, index, tok.start, tok.start + k)),
                (m.group(2), written_of(text, index, tok.start + k + 1, tok.end))]
    m = re.search(r"等(?:部门|单位|机构|地区)?$", name)
    if m and m.start() > 0:  # a trailing 等 (etc.) is not a unit
        return [(name[:m.start()], written_of(text, index, tok.start, tok.start + m.start()))]
    return [(name, written)]  # a second name in brackets (区发展改革局（区数据局）) is kept as written


# A place with the organ written once for a list: 浦东新区、徐汇区、长宁区政府.
PLACE = re.compile(r"^[^、，各有相]{1,8}?(?:新区|区|县|市|镇|乡|街道)$")
PLACE_ORGAN = re.compile(r"^(?P<place>[^、，]{1,8}?(?:新区|区|县|市|镇|乡|街道))"
                         r"(?P<organ>人民政府|政府|管委会|办事处)$")


# The second half of a collective over two levels: 各市、县（市、区）政府 / 相关市、县政府.
LEVEL_ORGAN = re.compile(r"^(?:省|市|区|县|镇|乡|街道|旗|州|县级市|乡镇|县区|区县)(?:人民)?(?:政府|管委会)?$")
def _levels_only(name: str) -> bool:
    """各县 / 各县、市 / 相关市: a collective of levels still waiting for its organ (…、区政府)."""
    if not name.startswith(("各", "相关", "有关")):
        return False
    first, *rest = re.sub(r"^(?:相关|有关)", "各", name).split("、")
    return LEVEL_ONLY.match(first) is not None and all(LEVEL_ORGAN.match(p) for p in rest)


BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


# Two organs of one place written once: 各县（市、区）党委和人民政府, 高新区党工委和管委会.
_ORGANS = r"(?:党委|党工委|人民政府|政府|管委会|办事处)"
TWO_ORGANS = re.compile(rf"^(?P<place>.{{2,20}}?)(?P<o1>{_ORGANS})(?:和|及|与|、)(?P<o2>{_ORGANS})$")


def _two_organs(group: list[list]) -> None:
    """A place with two organs is two units, and bare places before it share both:
    城乡一体化示范区、高新区党工委和管委会 → 城乡一体化示范区党工委/管委会, 高新区党工委/管委会."""
    k = 0
    while k < len(group):
        m = TWO_ORGANS.match(group[k][0])
        if not m:
            k += 1
            continue
        j = k
        while j - 1 >= 0 and PLACE.match(group[j - 1][0]):  # a bare place: no organ of its own
            j -= 1
        out = []
        for g in group[j:k + 1]:
            place = m["place"] if g is group[k] else g[0]
            wplace = (g[1][: len(g[1]) - len(m["o1"]) - len(m["o2"]) - 1] if g is group[k] else g[1])
            out += [[place + o, wplace + o, g[2], g[3]] for o in (m["o1"], m["o2"])]
        group[j:k + 1] = out
        k = j + len(out)


def _a_place(name: str) -> bool:
    """A bare word that names a place (哈尔滨, 海盐), not a fragment a line break left (省 牵)."""
    from .divisions import divisions

    d = divisions()
    return name in d.forms or name in d.short_names


def _distribute(group: list[list]) -> None:
    _two_organs(group)
    """The organ of the last place goes to the bare places before it."""
    for k in range(len(group) - 1, 0, -1):
        m = PLACE_ORGAN.match(group[k][0])
        if not m:
            continue
        j = k - 1
        level = m["place"][-1]
        while j >= 0 and (PLACE.match(group[j][0]) or (BARE_PLACE.match(group[j][0]) and not is_org(group[j][0])
                                                        and _a_place(group[j][0]))):
            # 哈尔滨、黑河、绥芬河市政府: a bare place takes the level and the organ
            add = m["organ"] if PLACE.match(group[j][0]) else level + m["organ"]
            group[j][0] += add
            group[j][1] += add
            j -= 1


def read(content: str, lexicon: Lexicon | None = None) -> Reading:
    """Read a tag's content (inner text) with the grammar."""
    v, index, toks = tokens_of(content, lexicon)
    lex = lexicon if lexicon is not None else lexicon_for()
    actors: list[RawActor] = []
    notes: list[str] = []
    leaders: list[str] = []
    deadline: str | None = None
    first_leads = False
    standing: list[str] = []
    label: str | None = None
    group: list[list] = []  # [view name, written, mark role, after 会同]
    partner = False
    has_verb = False
    problem: str | None = None

    def flush(role: str | None) -> None:
        nonlocal group, partner
        _distribute(group)
        marked = any(g[2] == "lead" for g in group)
        for name, written, mark, with_ in group:
            r = role or "bare"
            if marked and not mark and r in ("responsible", "bare"):
                r = "support"  # 责任单位：区住建交通局（牵头）、区城管委: the others support
            if with_:
                r = "lead" if r == "lead" else "support"
            elif any(g[3] for g in group) and r in ("responsible", "implement", "shared", "bare"):
                r = "lead"  # A会同B负责: A leads
            if mark:
                r = mark
            actors.append(RawActor(written if written else name, r))
            names.append(name)
        group = []
        partner = False

    names: list[str] = []
    for t in toks:
        text_of = v[t.start:t.end]
        if t.kind == "ACTOR":
            for name, written in _names(v, content, index, t):
                if group and "的" in name and len(name.split("的")[0]) <= 4 and not group[-1][2]:
                    # 各区县政府及代管镇、街道的功能区管理机构: 、 joins two modifiers of one noun
                    group[-1][0] += "、" + name
                    group[-1][1] += "、" + written
                    continue
                if group and _levels_only(group[-1][0]) \
                        and LEVEL_ORGAN.match(re.sub(r"[（(<〈][^）)>〉]*[）)>〉]", "", bare(name))):
                    # 各市、县（市、区）政府: one collective over two levels
                    group[-1][0] += "、" + name
                    group[-1][1] += "、" + written
                    continue
                group.append([name, written, None, partner])
        elif t.kind == "MARK" and group:
            group[-1][2] = t.role
        elif t.kind == "PREP" and t.role == "with":
            partner = True
        elif t.kind == "VERB":
            has_verb = True
            flush(t.role if label is None or t.role != "responsible" else label)
            label = None
        elif t.kind == "LABEL":
            flush(label)
            label = t.role
        elif t.kind in ("PERSON", "DEADLINE", "SCOPE"):
            flush(label)
            label = None
            value = t.value.strip("，、 ")
            if t.kind == "PERSON":
                leaders += [p for p in re.split(r"[、，,]", value) if p]
            elif t.kind == "DEADLINE":
                deadline = deadline or value
            notes.append(text_of)
        elif t.kind == "NOTE":
            if t.role == "first_leads":
                first_leads = True
            elif t.role == "standing":
                sm = R.STANDING.search(text_of)
                if sm:
                    standing += standing_units(sm["actor"])
            notes.append(text_of)
        elif t.kind == "SEP" and t.role == "clause" and label is not None and text_of in "；。":
            flush(label)
            label = None
    if group:
        # verbless units at the end: the label's role, or a bare list
        if label is None and all(R.DEADLINE_PHRASE.fullmatch(g[0]) for g in group) and actors:
            for g in group:  # 年内持续推进 after the clauses: a deadline
                deadline = deadline or g[0]
                notes.append(g[0])
            group = []
        else:
            flush(label)
    # verbless text after the units: a deadline phrase ends the tag, anything else is not ours
    final: list[RawActor] = []
    for a, name in zip(actors, names, strict=True):
        if R.DEADLINE_PHRASE.fullmatch(name) and final:
            deadline = deadline or name
            notes.append(name)
            continue
        p = org_problem(name, name in lex)
        if p and not problem:
            problem = f"{a.name}: {p}"
        final.append(a)
    if not final and not problem:
        problem = "no unit"
    return Reading(final, notes, leaders, deadline, first_leads, standing, has_verb, problem)


def standing_units(actor: str) -> list[str]:
    """以下政策措施均需各县区人民政府、园区管委会落实 → [各县区人民政府, 园区管委会]: the units
    after the last 均需/需由/由 of a standing note."""
    cuts = [m.end() for m in re.finditer(r"均需由|均需|需由|均由|均请|均要|均涉及|都需|需|由|请|涉及|包括", actor)]
    return split_actors(actor[cuts[-1]:] if cuts else actor)


def split_actors(text: str) -> list[str]:
    """Units of a list as written (、，和 and the 等 rules; brackets kept whole)."""
    r = read(text)
    return [a.name for a in r.actors]


def parse_tag(content: str, lexicon: Lexicon | None = None) -> tuple[list[RawActor], list[str]] | None:
    """Actors and notes of a tag's inner text, or None if it is not a tag."""
    r = read(content, lexicon)
    if r.problem or not r.actors:
        return None
    return _bare_to_plain(r.actors), r.notes


def _labelled(content: str) -> bool:
    return R.ANY_LABEL.search(view_of(content)[0]) is not None


def _bare_to_plain(actors: list[RawActor]) -> list[RawActor]:
    return [RawActor(a.name, "responsible" if a.role == "bare" else a.role) for a in actors]


def why_not(content: str) -> str | None:
    """Why a tag-like content was not read as a tag (for the warnings table)."""
    return read(content).problem


# -- the decision table ----------------------------------------------------------------------

def finalize_roles(actors: list[RawActor] | tuple[RawActor, ...],
                   first_leads: bool = False) -> list[RawActor]:
    """Give plain 负责/落实 and verbless units their meaning in context.

    | tag has                     | first-leads note | plain units (负责, bare, label 责任单位) |
    |-----------------------------|------------------|---------------------------------------|
    | a lead (牵头, label, mark)   | any              | shared; 落实/组织实施 and standing: support |
    | no lead, ≥ 2 plain units    | yes              | first leads, the others support        |
    | no lead, ≥ 2 plain units    | no               | shared                                 |
    | no lead, 1 plain unit       | any              | sole                                   |

    A collective listed first (各省级人民政府) never leads by position.
    """
    actors = list(actors)
    plain_roles = ("responsible", "implement", "shared", "bare")
    has_lead = any(a.role == "lead" for a in actors)
    plain = [a for a in actors if a.role in plain_roles]
    collective = plain and COLLECTIVE.match(plain[0].name)
    if first_leads and not has_lead and len(plain) >= 2 and not collective:
        first = plain[0]
        return [RawActor(a.name, "lead" if a is first else ("support" if a.role in plain_roles else a.role))
                for a in actors]
    n = len(plain)
    out = []
    for a in actors:
        role = a.role
        if role == "implement":
            role = "support" if has_lead else ("sole" if n == 1 else "shared")
        elif role in ("responsible", "bare"):
            role = "shared" if has_lead or n > 1 else "sole"
        # "shared" (按职责分工负责, 共同负责) stays shared: one collective divides it too
        out.append(RawActor(a.name, role))
    return out


# -- finding tags in text ----------------------------------------------------------------

def _tag(text: str, start: int, end: int, content: str,
         lexicon: Lexicon | None = None) -> RawTag | None:
    r = read(content, lexicon)
    if r.problem or not r.actors:
        return None
    if not r.has_verb and not _labelled(content) and not (
            _bare_list_position(text, start, end) and all(_bare_name(a.name) for a in r.actors)):
        return None
    raw = _bare_to_plain(r.actors)
    standing = tuple(dict.fromkeys(r.standing))
    return RawTag(text[start:end], start, end, tuple(finalize_roles(raw, r.first_leads)), tuple(r.notes),
                  tuple(raw), tuple(r.leaders), r.deadline, r.first_leads, standing)


def _bare_name(name: str) -> bool:
    """A unit of a list with no verb: a plain name (no 的, no verb, not 含…/包括…)."""
    return "的" not in name and "简称" not in name and R.VERB.search(name) is None \
        and not name.startswith(("含", "包括", "如", "即", "指", "以下", "下称"))


def _bare_list_position(text: str, start: int, end: int) -> bool:
    """A bracket of bare units is a tag only where tags stand: after a sentence's end, or
    closing its paragraph or a heading (not an alias after a name: 市发展改革委（市能源局）)."""
    before = text[:start].rstrip()
    after = text[end:].strip()
    from .structure import classify

    heading_end = not after and classify(before) is not None
    return (before[-1:] in ("。", "；", "！", "？") or heading_end) and not before.endswith(("简称", "称"))


def find_tags(text: str, lexicon: Lexicon | None = None) -> list[RawTag]:
    """Every bracketed responsibility tag in a paragraph, in order."""
    out = []
    folded = fold_width(text)  # (…) and （…） alike; one character for one, offsets kept
    for m in PAREN.finditer(folded):
        t = _tag(text, m.start(), m.end(), m.group(0)[1:-1], lexicon=lexicon)
        if t is not None:
            out.append(t)
    return out


# Words that make a "subject 负责" sentence prose, not a tag.
_PROSE = re.compile(r"[对将把在为从向按的是要应须需]|切实|积极|认真|抓好|工作|情况|结果|问题|事项|任务")
_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")


_VERB_AT_END = re.compile(rf"(?:{R.VERB.pattern})\W*$")


def find_sentence_tags(text: str, lexicon: Lexicon | None = None) -> list[RawTag]:
    """Tags written as a sentence or a label, not in brackets: 市发展改革委牵头负责，市财政局、
    各区政府组织落实。 / 责任单位：县发改局、县财政局 / 各部门按职责分工负责。"""
    out: list[RawTag] = []
    prev_labelled = False
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0).rstrip("。；！？")
        lead = len(sentence) - len(sentence.lstrip())
        body = sentence.strip()
        if not body or len(body) > 300:
            continue
        labelled = ("：" in body or ":" in body) and R.LABEL_LINE.match(view_of(body)[0]) is not None
        if not labelled and _VERB_AT_END.search(simplified(body)):
            # …的问题，由国土资源部会同农业部等部门负责落实: the last clause, opened by 由, is the tag
            cm = re.search(r"[，,]\s*(由[^，,]{2,120})$", body)
            if cm and ("（" in body or "(" in body or len(body) > 120 or read(body, lexicon).problem):
                lead += cm.start(1)
                body = cm.group(1)
        if not labelled:
            if "（" in body or "(" in body or len(body) > 120 or not _VERB_AT_END.search(simplified(body)):
                continue  # a sentence tag ends with its verb
            r = read(body, lexicon)
            if not r.has_verb or any(len(a.name) > 24 or _PROSE.search(a.name) for a in r.actors):
                continue
        start = m.start() + lead
        prev = out[-1] if out else None
        if labelled and prev is not None and prev_labelled and not text[prev.end:start].strip("。；; \n"):
            # 牵头责任单位：省发展改革委。/ 协同责任单位：…: label sentences in a row are one tag
            joined = _tag(text, prev.start, start + len(body), text[prev.start:start + len(body)],
                          lexicon=lexicon)
            if joined is not None:
                out[-1] = joined
                continue
        t = _tag(text, start, start + len(body), body, lexicon=lexicon)
        if t is not None and (labelled or t.actors):
            out.append(t)
            prev_labelled = labelled
    return out


def heading_tag(rest: str, offset: int, lexicon: Lexicon | None = None) -> RawTag | None:
    """The tag of a heading such as 县示范区管委会牵头工作 (``rest``: the heading after its number,
    at ``offset`` in the paragraph); a person heading (王丹县长牵头重点工作) gives none."""
    m = R.HEADING_LEAD.match(rest.strip())
    if not m:
        return None
    start = offset + rest.index(m["tag"])
    t = _tag(m["tag"], 0, len(m["tag"]), m["tag"], lexicon=lexicon)
    if t is None or not all(is_org(a.name) for a in t.raw_actors):
        return None
    return replace(t, start=start, end=start + len(m["tag"]))


def looks_like_tag(content: str) -> bool:
    """A parenthesis that reads like a tag (…负责）, （责任单位：…）) whether or not it parsed."""
    v = view_of(content)[0]
    if len(v) > 300 or v.startswith(("负责", "以下")) or R.VERB.fullmatch(v) or R.MARK.fullmatch(f"（{v}）"):
        return False  # （牵头）alone marks a unit in a list, it is not a tag
    at_end = any(m.end() == len(v) for m in R.VERB.finditer(v))
    return at_end or R.LABEL.search(v) is not None \
        or (re.search(r"负责|牵头|配合|参与", v) is not None and re.search(r"[局委办部厅]", v) is not None)
