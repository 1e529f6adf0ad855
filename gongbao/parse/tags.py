"""Responsibility tags: the parenthesis after a task that says who does it.

Grammar (after width folding and removing spaces)::

    tag     := "（" clause ( [，；。] clause )* [note] "）"
    clause  := actors VERB | LABEL "：" actors
    actors  := actor ( 、 actor )* [等] [和|及 各…]
    VERB    := 牵头[负责] | (依|按)职责分工负责 | 负责[落实] | 配合 | 参与 | 协助 | 指导 …

Comma-separated actor lists without a verb of their own take the verb of the
next clause: in （各区县政府…，市政府有关部门依职责分工负责） both share.
A parenthesis is only a tag when every actor looks like an organisation, so
（负责隔离医学观察的单位） or （…与生态环境部门联网） are not tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ingest.clean import squeeze_cjk_spaces

# A parenthesis with at most one level of nesting: （各区县政府（功能区管委会）负责）.
PAREN = re.compile(r"（(?:[^（）]|（[^（）]*）){2,300}）")

# Verbs at the end of a clause, longest first, with the role they give.
VERBS: tuple[tuple[str, str], ...] = (
    (r"(?:依|按|根据)(?:照)?(?:各自)?职责(?:分工)?(?:负责|落实)", "shared"),
    (r"分工负责", "shared"),
    (r"(?:共同|分别|各自)(?:负责|落实)", "shared"),
    (r"(?:负总责|总负责|牵头抓总)", "lead"),
    (r"(?:具体|全面|主要)负责", "responsible"),
    (r"牵头(?:负责|落实|组织)?", "lead"),
    (r"(?:负责落实|负责实施|组织落实|组织实施)", "implement"),
    (r"负责", "responsible"),
    (r"(?:配合|参与|协助|协同|协办)(?:落实|实施)?", "support"),
    (r"指导", "guide"),
    (r"落实", "implement"),
)
VERB_AT_END = re.compile(r"(?P<verb>" + "|".join(v for v, _ in VERBS) + r")$")

# "责任单位：…", "牵头单位：…，配合单位：…".
LABELS = {
    "牵头责任单位": "lead", "牵头单位": "lead", "牵头部门": "lead", "主责单位": "lead",
    "主办单位": "lead", "主要责任单位": "lead",
    "责任单位": "responsible", "责任部门": "responsible", "实施单位": "responsible",
    "责任主体": "responsible", "承办单位": "responsible", "责任处室": "responsible",
    "配合单位": "support", "配合部门": "support", "协办单位": "support", "参与单位": "support",
    "协助单位": "support", "协同单位": "support",
}
# Labels naming people or dates, kept as notes: 责任领导：张三；完成时限：2025年底.
NOTE_LABELS = ("责任领导", "牵头领导", "牵头市领导", "分管领导", "责任人", "联系人")
ANY_LABEL = re.compile("(?:" + "|".join(sorted(
    [*LABELS, *NOTE_LABELS, "完成时限", "完成时间", "时间节点", "时限要求", "时限"],
    key=len, reverse=True)) + ")：")
LABEL = re.compile(r"^(?P<label>" + "|".join(LABELS) + r")：")
# A deadline written as a part of a tag: 2025年底前完成, 2025年完成, 2024年6月底前.
DEADLINE_PART = re.compile(
    r"(?:于|在)?(?:19|20)\d{2}年[^，；。]{0,10}?(?:前|底|末|内)?(?:完成|实现|建成|到位)?(?:任务)?"
)
# "完成时限：2024年底" inside a tag or on its own line after one.
DEADLINE_LABEL = re.compile(r"^(?:完成时限|完成时间|时间节点|时限要求|时限)：(?P<deadline>.+)$")

# What an organisation's name ends with (or starts with, for collectives).
ORG = re.compile(
    r"(局|委|部|厅|办|署|院|会|府|单位|部门|机构|中心|集团|公司|社|行|室|组|区|县|市|镇|乡|"
    r"街道|团|联|协|所|站|队|馆|海关|中央|总局|办事处|管理办|管委会|企业|机关|政府|组织|级市)$"
)

# Notes inside a tag that are not actors: "排在第一位的部门为牵头部门，下同".
NOTE = re.compile(r"(下同|不再列出|不再一一列出|为牵头|列第一位|排在第一位|排名第一)")


# A whole sentence of a tag that is a standing note, not a clause.
NOTE_PART = re.compile(r"^以下|不再(?:一一)?列出")


@dataclass(frozen=True)
class RawActor:
    name: str
    role: str


@dataclass(frozen=True)
class RawTag:
    text: str  # the whole parenthesis as written
    start: int  # index in the paragraph text
    end: int
    actors: tuple[RawActor, ...]  # roles as the tag alone gives them
    notes: tuple[str, ...]
    raw_actors: tuple[RawActor, ...] = ()  # before plain 负责 is read in context
    in_sentence: bool = False


def _role(verb: str) -> str:
    for rx, role in VERBS:
        if re.fullmatch(rx, verb):
            return role
    return "responsible"


# A bare administrative level after a collective: 各区、县级市 is one actor.
LEVEL = re.compile(r"^(?:县级市|县（市、区）|县（市）|县市区|区县|县区|县|区|市|镇|乡|乡镇|街道|旗|盟|州|自治州|自治县)"
                   r"(?:人民)?(?:政府)?$")
# A place name with the organ written once for a list: 浦东新区、徐汇区、长宁区政府.
PLACE = re.compile(r"^[^、，各有相]{1,8}?(?:新区|区|县|市|镇|乡|街道)$")
PLACE_ORGAN = re.compile(
    r"^(?P<place>[^、，]{1,8}?(?:新区|区|县|市|镇|乡|街道))(?P<organ>人民政府|政府|管委会|办事处)$"
)


# Two named organisations joined by a conjunction: the second starts like a name.
_CONJOINED = re.compile(r"^(?P<a>.{2,20}?)(?:和|及|与)(?P<b>(?:市|省|区|县|国家|中央|各).{1,20})$")


def is_org(name: str) -> bool:
    """Ends like an organisation, a bracketed qualifier aside: 各乡镇（街道）."""
    return ORG.search(re.sub(r"（[^（）]{1,20}）$", "", name)) is not None


# A role written after a unit inside a list: 区住建交通局（牵头）.
ROLE_MARK = re.compile(r"（(?:牵头|主责|负总责)）$")


def _split_outside_brackets(text: str) -> list[str]:
    """Split on 、 ， and list conjunctions, but not inside （…）: 各县（市、区）人民政府."""
    out, depth, cur = [], 0, ""
    i = 0
    seps = ("等和", "以及", "、", "，")
    while i < len(text):
        ch = text[i]
        if ch == "（":
            depth += 1
        elif ch == "）":
            depth = max(depth - 1, 0)
        if depth == 0:
            sep = next((x for x in seps if text.startswith(x, i)), None)
            if sep is None and ch in "和及" and text.startswith("各", i + 1):
                sep = ch
            if sep:
                out.append(cur)
                cur = ""
                i += len(sep)
                continue
        cur += ch
        i += 1
    out.append(cur)
    return out


def split_actors(text: str) -> list[str]:
    """Split an actor list on 、 without breaking collectives, and distribute shared organs.

    ``各区县政府及代管镇、街道的功能区管理机构`` is one actor (the 、 joins two
    modifiers of one noun: a piece with 的 after a short modifier continues the
    piece before it); ``各区、县级市`` is one collective; ``浦东新区、徐汇区、
    长宁区政府`` is three district governments.
    """
    text = text.strip("，、 ")
    pieces: list[str] = []
    for raw in _split_outside_brackets(text):
        p = raw.strip()
        if not p:
            continue
        if pieces and "的" in p and len(p.split("的")[0]) <= 4:
            pieces[-1] += "、" + p
            continue
        if pieces and pieces[-1].startswith("各") and LEVEL.match(p):
            pieces[-1] += "、" + p
            continue
        pieces.append(p)
    # distribute the organ of the last place to bare places before it
    for k in range(len(pieces) - 1, 0, -1):
        m = PLACE_ORGAN.match(pieces[k])
        if not m:
            continue
        j = k - 1
        while j >= 0 and PLACE.match(pieces[j]):
            pieces[j] += m["organ"]
            j -= 1
    # 市教育局和市财政局: two organisations joined by 和/及/与 (not 工业和信息化局)
    joined: list[str] = []
    for p in pieces:
        m = _CONJOINED.match(p)
        if m and "的" not in p and len(m["a"]) >= 3 and ORG.search(m["a"]) and ORG.search(m["b"]):
            joined += [m["a"], m["b"]]
        else:
            joined.append(p)
    pieces = joined
    out: list[str] = []
    for p in pieces:
        # "A等有关部门" → A + 有关部门; a trailing 等 (etc.) is dropped.
        m = re.match(r"^(.+?)等((?:各|其他)?(?:有关|相关).+)$", p)
        if m:
            out.extend([m.group(1), m.group(2)])
            continue
        out.append(re.sub(r"等(?:部门|单位|机构)?$", "", p))
    # a unit's second name in brackets: 市发展改革委（市能源局） → 市发展改革委
    # (not a collective's qualifier: 各乡镇（街道）, 各县（市、区）)
    return [re.sub(r"（[^（）]{1,20}）$", "", o)
            if not o.startswith("各") and not ROLE_MARK.search(o)
            and ORG.search(re.sub(r"（[^（）]{1,20}）$", "", o)) else o
            for o in out if o]


def parse_tag(content: str) -> tuple[list[RawActor], list[str]] | None:
    """Actors and notes of a tag's inner text, or None if it is not a tag."""
    content = squeeze_cjk_spaces(content).replace(" ", "")
    parts = []
    for chunk in re.split(r"[；。]", content):
        # a label starts a new part, with or without a separator before it; the
        # longest label wins where one contains another (牵头责任单位, 完成时限)
        cuts = [m.start() for m in ANY_LABEL.finditer(chunk)]
        for a, b in zip([0, *cuts], [*cuts, len(chunk)], strict=True):
            piece = chunk[a:b].strip("，、 \u3000")
            if piece:
                parts.append(piece)
    actors: list[RawActor] = []
    notes: list[str] = []
    for part in parts:
        if NOTE_PART.search(part):  # 以下均需试点城市政府落实，不再列出
            notes.append(part)
            continue
        if DEADLINE_LABEL.match(part) or DEADLINE_PART.fullmatch(part) or \
                part.startswith(tuple(f"{x}：" for x in NOTE_LABELS)):
            notes.append(part)  # a deadline or a person: not an actor
            continue
        lm = LABEL.match(part)
        if lm:
            role = LABELS[lm["label"]]
            names = split_actors(part[lm.end():])
            # 责任单位：区住建交通局（牵头）、区城管委: the marked unit leads, the others support
            marked = [n for n in names if re.search(r"（(?:牵头|主责|负总责)）$", n)]
            for n in names:
                bare = re.sub(r"（(?:牵头|主责|负总责)）$", "", n)
                actors.append(RawActor(bare, "lead" if n in marked else
                                       ("support" if marked and role == "responsible" else role)))
            continue
        pending: list[str] = []
        for clause in part.split("，"):
            if NOTE.search(clause) or DEADLINE_PART.fullmatch(clause):
                notes.append(clause)
                continue
            vm = VERB_AT_END.search(clause)
            if not vm:
                pending.append(clause)
                continue
            head = clause[: vm.start()]
            role = _role(vm["verb"])
            if "会同" in head:  # "A会同有关部门负责": A leads, the others support
                lead, _, rest = head.partition("会同")
                names = split_actors("、".join([*pending, lead]))
                actors.extend(RawActor(a, "lead") for a in names)
                actors.extend(RawActor(a, "support") for a in split_actors(rest))
            else:
                names = split_actors("、".join([*pending, head]))
                if not names:
                    return None
                actors.extend(RawActor(a, role) for a in names)
            pending = []
        if pending:
            return None  # actor names with no verb: not a tag we understand
    if not actors or not all(is_org(a.name) and len(a.name) <= 40 for a in actors):
        return None
    return actors, notes


def finalize_roles(actors: list[RawActor] | tuple[RawActor, ...],
                   first_leads: bool = False) -> list[RawActor]:
    """Give plain 负责/落实 (role ``responsible``) its meaning in context.

    - The document said the first-listed unit leads (排在第一位的部门为牵头部门，
      下同): the first unit leads, the others support.
    - The tag names a lead: units that implement (X牵头负责，Y组织落实) support, units
      that are responsible (X牵头，Y负责) share it.
    - Otherwise one unit alone is ``sole`` and several are ``shared``.
    """
    actors = list(actors)
    has_lead = any(a.role == "lead" for a in actors)
    plain = [a for a in actors if a.role in ("responsible", "implement", "shared")]
    collective = plain and re.match(r"^(各|有关|相关|其他)", plain[0].name)
    if first_leads and not has_lead and len(plain) >= 2 and not collective:
        first = plain[0]
        return [RawActor(a.name, "lead" if a is first else
                         ("support" if a.role in ("responsible", "implement", "shared") else a.role))
                for a in actors]
    n = sum(a.role in ("responsible", "implement", "shared") for a in actors)
    out = []
    for a in actors:
        role = a.role
        if role == "implement":  # X牵头负责，Y组织落实: Y carries it out under X
            role = "support" if has_lead else ("sole" if n == 1 else "shared")
        elif role == "responsible":  # 负责 next to a lead shares the task
            role = "shared" if has_lead or n > 1 else "sole"
        out.append(RawActor(a.name, role))
    return out


# Notes that change how later tags read.
FIRST_LEADS = re.compile(
    r"(?:排在|排|列|位列)?第一位(?:的)?(?:部门|单位|者)?为牵头|排名第一(?:的)?(?:部门|单位)?为牵头"
)
STANDING = re.compile(
    r"以下(?:均|都|各项任务均|任务均)?(?:需|由|请|需由)?(?P<actor>[^，。；]{2,20}?)(?:负责)?(?:落实|实施|执行)"
)


def standing_actor(note: str) -> str | None:
    """以下均需试点城市政府落实，不再列出 → 试点城市政府 (an actor of every later task)."""
    m = STANDING.search(note)
    return m["actor"] if m and ORG.search(m["actor"]) else None


def find_tags(text: str) -> list[RawTag]:
    """Every responsibility tag in a paragraph, in order."""
    out = []
    for m in PAREN.finditer(text):
        parsed = parse_tag(m.group(0)[1:-1])
        if parsed is None:
            continue
        actors, notes = parsed
        out.append(RawTag(m.group(0), m.start(), m.end(), tuple(finalize_roles(actors)),
                          tuple(notes), tuple(actors)))
    return out


# Words that make a "subject 负责" sentence prose, not a tag.
_PROSE = re.compile(r"[对将把在为从向按由的是及与要应须需]|切实|积极|认真|抓好|工作|情况|结果|问题|事项|任务")
_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


def find_sentence_tags(text: str) -> list[RawTag]:
    """Tags written as a sentence, not in brackets: 市发展改革委牵头负责，市财政局、
    各区政府组织落实。 / 各部门按职责分工负责。 Every clause must be units + a verb."""
    out = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0).rstrip("。；！？")
        if ("（" in sentence and not LABEL.match(sentence)) or len(sentence) > 120:
            continue
        body = sentence
        parsed = parse_tag(body)
        if parsed is None:
            continue
        actors, notes = parsed
        if any(len(a.name) > 24 or _PROSE.search(a.name) for a in actors):
            continue
        out.append(RawTag(m.group(0), m.start(), m.end(), tuple(finalize_roles(actors)),
                          tuple(notes), tuple(actors), in_sentence=True))
    return out


def looks_like_tag(content: str) -> bool:
    """A parenthesis that reads like a tag (…负责）, （责任单位：…）) whether or not it parsed."""
    c = content.replace(" ", "")
    if len(c) > 200 or c.startswith(("负责", "以下")) or VERB_AT_END.fullmatch(c):
        return False  # （牵头）alone marks a unit in a list, it is not a tag
    return bool(VERB_AT_END.search(c)) or re.search(r"(单位|部门|主体)：", c) is not None \
        or (re.search(r"(负责|牵头|配合|参与)", c) is not None and re.search(r"[局委办部厅]", c) is not None)
