"""The tokenizer of responsibility tags: the view it reads and the tokens it gives.

Tokens (``roles`` gives the words)::

    ACTOR   a unit: a known name (longest match in the lexicon) or text ending like one
    VERB    …负责 / …牵头 / …配合 (at the end of a clause)     LABEL   责任单位： …
    PERSON  牵头领导：王健        DEADLINE  完成时限：… / 年内持续推进     SCOPE  适用范围：…
    MARK    （牵头） after a unit  NOTE  列第一位者为牵头单位，下同 / 以下…不再列出
    PREP    由 (opens a clause), 会同 (joins a leading unit and its partners)
    SEP     、，,；;。 以及 — any of them joins two units or two clauses
    CONJ    和 及 与 — a separator only between two names (工业和信息化部 is one name)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import roles as R
from ..ingest.clean import fold_width
from .orgnames import PERSON_NAME, PINYIN, Lexicon, is_org, lexicon_for
from .script import simplified

OPEN, CLOSE = "（【〔[<〈‹", "）】〕]>〉›"
LIST_SEP = "、"
CLAUSE_SEP = "，；。"
CONJ = "和及与"


@dataclass(frozen=True)
class Token:
    kind: str
    start: int  # in the view
    end: int
    role: str | None = None
    value: str = ""  # a label's value (PERSON, DEADLINE, SCOPE)


# -- the view: simplified script, folded width, no spaces or mirror pinyin ---------------

_SPACE = re.compile(r"\s")
_VALUE_END = re.compile(r"[；。]")
_SAME_BELOW = re.compile(r"[，,]?下同")  # …为牵头单位，下同
_MAINLY = re.compile(r"以(?P<a>[^，；。、]{2,30}?)为主")  # 以市教育局为主: the unit leads


def view_of(text: str) -> tuple[str, Sequence[int]]:
    """The text the tokenizer reads and, for each of its characters, the index in ``text``."""
    folded = simplified(fold_width(text))
    if not _SPACE.search(folded) and not PINYIN.search(folded):
        return folded, range(len(folded))  # nothing to drop: the view is the text
    drop = set()
    for m in PINYIN.finditer(folded):
        drop.update(range(m.start(), m.end()))
    keep = [i for i, c in enumerate(folded) if i not in drop and not c.isspace()]
    return "".join(folded[i] for i in keep), keep


def written_of(text: str, index: Sequence[int], a: int, b: int) -> str:
    """The characters of ``text`` behind view[a:b], as written (pinyin kept, spaces out)."""
    if a >= b:
        return ""
    return "".join(c for c in fold_width(text[index[a]: index[b - 1] + 1]) if not c.isspace())


# -- tokenizer ----------------------------------------------------------------------------

def _bracket_end(v: str, i: int) -> int | None:
    """End of the bracket group opening at ``i`` (nesting counted), or None."""
    depth = 0
    for j in range(i, min(len(v), i + 60)):
        if v[j] in OPEN:
            depth += 1
        elif v[j] in CLOSE:
            depth -= 1
            if depth == 0:
                return j + 1
    return None


def _label_value_end(v: str, i: int) -> int:
    """A PERSON/DEADLINE/SCOPE value runs to the next ；。 or the next label."""
    m = _VALUE_END.search(v, i)
    stop = m.start() if m else len(v)
    lm = R.ANY_LABEL.search(v, i)
    if lm and lm.start() < stop:
        stop = lm.start()
    return stop


def _boundary(v: str, j: int) -> bool:
    return j >= len(v) or v[j] in LIST_SEP + CLAUSE_SEP + OPEN + CLOSE or v.startswith("以及", j) \
        or R.ANY_LABEL.match(v, j) is not None or R.DEADLINE_PHRASE.match(v, j) is not None


def tokenize(v: str, lexicon: Lexicon | None = None) -> list[Token]:
    """Tokens of a tag's view, left to right; text between tokens is ACTOR text."""
    lexicon = lexicon if lexicon is not None else lexicon_for()
    known = {a: b for a, b in lexicon.matches(v)}
    out: list[Token] = []
    gap = -1  # start of the actor text being read

    def close_gap(at: int) -> None:
        nonlocal gap
        if gap >= 0 and at > gap:
            out.append(Token("ACTOR", gap, at))
        gap = -1

    i = 0
    clause_start = True
    while i < len(v):
        c = v[i]
        m = None
        if c in OPEN:
            end = _bracket_end(v, i)
            inner = v[i + 1: end - 1] if end else ""
            if end and R.MARK.fullmatch(v, i, end):
                close_gap(i)
                out.append(Token("MARK", i, end, R.mark_role(inner)))
                i = end
                continue
            if end and (R.FIRST_LEADS.search(inner) or R.NOTE.search(inner)):
                close_gap(i)
                out.append(Token("NOTE", i + 1, end - 1, "first_leads" if R.FIRST_LEADS.search(inner) else None))
                i = end
                continue
            if end and gap >= 0:  # a qualifier or second name: part of the unit
                i = end
                continue
        if R.STAR.match(v, i) and (gap >= 0 or (out and out[-1].kind == "ACTOR")):
            close_gap(i)  # 区政府办公室*: the star marks the lead
            out.append(Token("MARK", i, i + 1, "lead"))
            i += 1
            continue
        for kind, rx in (("PERSON", R.PERSON_LABEL), ("LABEL", R.LABEL), ("DEADLINE", R.DEADLINE_LABEL),
                         ("SCOPE", R.SCOPE_LABEL)):
            m = rx.match(v, i)
            if m:
                close_gap(i)
                if kind == "LABEL":
                    out.append(Token("LABEL", i, m.end(), R.label_role(m["label"])))
                    i = m.end()
                else:
                    stop = _label_value_end(v, m.end())
                    out.append(Token(kind, i, stop, None, v[m.end():stop]))
                    i = stop
                break
        if m:
            clause_start = False
            continue
        nm = R.FIRST_LEADS.match(v, i) or R.STANDING.match(v, i)
        if nm:
            close_gap(i)
            end = nm.end()
            tail = _SAME_BELOW.match(v, end)
            end = tail.end() if tail else end
            out.append(Token("NOTE", i, end, "first_leads" if R.FIRST_LEADS.match(v, i) else "standing"))
            i = end
            continue
        if i in known and (gap < 0 or i == gap):
            # a known name is one unit: no verb or conjunction is read inside it
            j = known[i]
            if _boundary(v, j) or R.VERB.match(v, j) or v.startswith(("会同", "等"), j) or v[j:j + 1] in CONJ:
                if gap < 0:
                    gap = i
                close_gap(j)
                i = j
                clause_start = False
                continue
        vm = R.VERB.match(v, i)
        if vm and (gap >= 0 or (out and out[-1].kind in ("ACTOR", "MARK"))):
            end = vm.end()
            while True:  # 牵头负责落实: one verb run
                more = R.VERB.match(v, end)
                if not more or more.end() == end:
                    break
                end = more.end()
            role = R.verb_role(v[i:vm.end()])
            if not _boundary(v, end) and role in ("lead", "shared"):
                # 牵头督办, 按职责分工推动: one more word of an unlisted verb
                for k in (1, 2):
                    if _boundary(v, end + k) and re.fullmatch(r"[\u4e00-\u9fff]+", v[end:end + k]) \
                            and not is_org(v[end:end + k]):
                        end += k
                        break
            if _boundary(v, end):
                close_gap(i)
                out.append(Token("VERB", i, end, _run_role(v[i:end])))
                i = end
                clause_start = False
                continue
        if clause_start and c == "由":
            out.append(Token("PREP", i, i + 1, None))
            i += 1
            continue
        if (gap >= 0 or (out and out[-1].kind in ("ACTOR", "MARK"))) and v.startswith(("会同", "联合"), i):
            close_gap(i)
            out.append(Token("PREP", i, i + 2, "with"))
            i += 2
            continue
        pm = _MAINLY.match(v, i)
        if pm and clause_start:
            out.append(Token("ACTOR", pm.start("a"), pm.end("a")))
            out.append(Token("MARK", pm.end("a"), pm.end(), "lead"))
            i = pm.end()
            continue
        if c in LIST_SEP + CLAUSE_SEP or v.startswith("以及", i) or v.startswith("等和", i):
            close_gap(i)
            width = 2 if v.startswith(("以及", "等和"), i) else 1
            out.append(Token("SEP", i, i + width, "clause" if c in CLAUSE_SEP else "list"))
            i += width
            clause_start = c in CLAUSE_SEP
            continue
        if c in CONJ and (gap >= 0 or (out and out[-1].kind == "ACTOR")):
            close_gap(i)
            out.append(Token("CONJ", i, i + 1))
            i += 1
            continue
        if gap < 0:
            gap = i
        clause_start = False
        i += 1
    close_gap(len(v))
    return _merge_actors(v, out, lexicon)


def _run_role(run: str) -> str:
    """The role of a verb run: the strongest word in it (牵头负责 leads, 配合落实 supports)."""
    roles = []
    pos = 0
    while pos < len(run):
        m = R.VERB.match(run, pos)
        if not m or m.end() == pos:
            break
        roles.append(R.verb_role(m.group(0)))
        pos = m.end()
    for r in ("lead", "guide", "support", "shared", "responsible", "implement"):
        if r in roles:
            return r
    return "responsible"


def _merge_actors(v: str, toks: list[Token], lexicon: Lexicon) -> list[Token]:
    """Adjacent ACTOR pieces are one unit; 和/及/与 splits only two organisations."""
    out = toks
    merged: list[Token] = []
    k = 0
    while k < len(out):
        t = out[k]
        if t.kind == "CONJ" and merged and merged[-1].kind == "ACTOR" and k + 1 < len(out) \
                and out[k + 1].kind == "ACTOR":
            left, right = merged[-1], out[k + 1]
            a, b = v[left.start:left.end], v[right.start:right.end]
            whole = v[left.start:right.end]
            split = whole not in lexicon and is_org(a) and len(a) >= 3 and is_org(b) \
                and (re.match(r"(?:市|省|区|县|国家|中央|各|有关|相关)", b) or b in lexicon)
            if not split:
                merged[-1] = Token("ACTOR", left.start, right.end)
                k += 2
                continue
            merged.append(Token("SEP", t.start, t.end, "list"))
            k += 1
            continue
        if t.kind == "CONJ":  # 和 with no unit on one side: part of a name
            if merged and merged[-1].kind == "ACTOR":
                merged[-1] = Token("ACTOR", merged[-1].start, t.end)
            else:
                merged.append(Token("ACTOR", t.start, t.end))
            k += 1
            continue
        if t.kind == "ACTOR" and merged and merged[-1].kind == "ACTOR" and merged[-1].end == t.start:
            merged[-1] = Token("ACTOR", merged[-1].start, t.end)
            k += 1
            continue
        merged.append(t)
        k += 1
    return merged


def tokens_of(content: str, lexicon: Lexicon | None = None) -> tuple[str, Sequence[int], list[Token]]:
    """The view of a tag's content, its index into the content, and its tokens."""
    v, index = view_of(content)
    return v, index, _split_at_spaces(v, content, index, tokenize(v, lexicon), lexicon)


def _split_at_spaces(v: str, text: str, index: Sequence[int], toks: list[Token],
                     lexicon: Lexicon | None) -> list[Token]:
    """A space between two names is a separator (a table cell 县教体局 各相关乡镇政府); a space
    inside one (自治 区农牧厅, from a PDF) is not: split only where both sides are units."""
    if isinstance(index, range):
        return toks  # no space was dropped
    lex = lexicon if lexicon is not None else lexicon_for()
    out: list[Token] = []
    for t in toks:
        if t.kind != "ACTOR":
            out.append(t)
            continue
        start = t.start
        for g in range(t.start + 1, t.end):
            if not text[index[g - 1] + 1:index[g]].isspace():
                continue
            a, b = v[start:g], v[g:t.end]
            if v[start:t.end] not in lex and is_org(a) and is_org(b) and len(a) >= 3 and len(b) >= 3:
                out.append(Token("ACTOR", start, g))
                out.append(Token("SEP", g, g, "list"))
                start = g
            elif is_org(a) and PERSON_NAME.fullmatch(b) and not is_org(b) and not R.VERB.search(b) \
                    and not R.TIME_WORD.search(b):
                # 市民政局 伍泽国 (a 牵头单位及主要负责人 cell): the unit, then its head
                out.append(Token("ACTOR", start, g))
                out.append(Token("PERSON", g, t.end, None, b))
                start = t.end
                break
        if start < t.end:
            out.append(Token("ACTOR", start, t.end))
    return out
