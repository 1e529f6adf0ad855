"""The outline of a document body: sections, boxes, tables and tagged tasks.

Levels are not fixed by marker kind.  Each document decides them by the order
in which kinds appear (a stack): 一、 over （一） over 1. in a plan, 第X条 over
（一） in measures, 第X章 over 一、 in work rules.  A marker whose kind is on
the stack closes everything below that level; a new kind opens a level.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import patterns as P
from ..ingest.clean import Line, squeeze_cjk_spaces
from ..models import Box, Finding, Section, Table
from ..roles import LABEL_LINE
from .paragraphs import Paragraph, build_paragraphs
from .tables import build_table, indicators
from .tags import PAREN, find_sentence_tags, find_tags, looks_like_tag, view_of, why_not
from .titles import heading_title

MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", P.CHAPTER), ("part", P.PART), ("article", P.ARTICLE), ("item", P.CN_ITEM),
    ("section", P.PAREN_CN), ("subitem", P.ARABIC), ("clause", P.PAREN_ARABIC),
    ("point", P.CIRCLED),
)
# Kinds that number list items inside a section rather than sections.
LIST_KINDS = ("subitem", "clause", "point")
_FORMAT = {
    "chapter": "第{}章", "part": "第{}节", "article": "第{}条", "item": "{}",
    "section": "（{}）", "subitem": "{}", "clause": "（{}）", "point": "{}",
}


def classify(text: str) -> tuple[str, str, int | None, str] | None:
    """(kind, number as printed, ordinal, rest of the text) of a numbered paragraph."""
    for kind, rx in MARKERS:
        m = rx.match(text)
        if m:
            n = m["n"]
            ordinal = (ord(n) - ord("①") + 1) if kind == "point" else P.cn_to_int(n)
            return kind, _FORMAT[kind].format(n), ordinal, m["rest"]
    return None


@dataclass
class Node:
    key: str
    parent: Node | None
    kind: str
    number: str | None
    ordinal: int | None
    path: str
    title: str | None
    paras: list[Paragraph] = field(default_factory=list)
    children: int = 0
    seq: int = 0


@dataclass
class BoxB:
    number: int | None
    title: str | None
    section: Node | None
    paras: list[Paragraph] = field(default_factory=list)
    start: int = 0


@dataclass
class Outline:
    nodes: list[Node]
    boxes: list[Box]
    tables: list[Table]
    paragraphs: list[Paragraph]


def _title(para: Paragraph, rest: str) -> str | None:
    """The heading's title, looking at its first two lines when it has several."""
    if len(para.spans) < 2:
        return heading_title(rest)
    n0 = para.spans[0][1] - para.spans[0][0]
    n1 = para.spans[1][1] - para.spans[1][0]
    c = classify(para.text[:n0])
    first = c[3] if c else None
    return heading_title(rest, first, para.text[n0:n0 + n1]) if first is not None else heading_title(rest)


def _is_tag_only(p: Paragraph) -> bool:
    tags = find_tags(p.text)
    return len(tags) == 1 and tags[0].start == 0 and tags[0].end == len(p.text)


class OutlineBuilder:
    def __init__(self, doc_index: int, findings: list[Finding],
                 page_at: Callable[[int], int | None],
                 box_regions: tuple[tuple[int, int], ...] = ()) -> None:
        self.box_regions = box_regions
        self.last_box: BoxB | None = None
        self.last_box_table: Table | None = None
        self.box_table: Table | None = None  # the table of the box being read
        self.doc = doc_index
        self.findings = findings
        self.page_at = page_at
        self.nodes: list[Node] = []
        self.stack: list[Node] = []
        self.top_children = 0
        self.box: BoxB | None = None
        self.boxes: list[Box] = []
        self.tables: list[Table] = []
        self.table_rows: list[Paragraph] = []
        self.last_text_para: Paragraph | None = None

    # -- nodes -----------------------------------------------------------
    def _new(self, kind: str, number: str | None, ordinal: int | None,
             title: str | None, para: Paragraph) -> Node:
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            self.top_children += 1
            key, path = str(self.top_children), number or ""
        else:
            parent.children += 1
            key, path = f"{parent.key}.{parent.children}", parent.path + (number or "")
        node = Node(key, parent, kind, number, ordinal, path, title, [para], seq=len(self.nodes) + 1)
        self.nodes.append(node)
        self.stack.append(node)
        return node

    def _flush_table(self) -> None:
        if not self.table_rows:
            return
        title = self.box.title if self.box else None
        table = build_table(self.table_rows, title)
        if self.box is not None:
            self.box.paras.extend(self.table_rows)
            self.box_table = table
        else:
            self.tables.append(table)
        self.table_rows = []

    def _close_box(self) -> None:
        self._flush_table()
        b = self.box
        if b is None:
            return
        self.box = None
        table = self.box_table
        self.last_box, self.last_box_table = b, table
        self.box_table = None
        text = "\n".join(squeeze_cjk_spaces(p.text) for p in b.paras if not p.is_table_row)
        if table is not None:
            text = "\n".join(filter(None, [text, *("\t".join(r) for r in (table.header, *table.rows))]))
        end = b.paras[-1].end if b.paras else b.start
        self.boxes.append(Box(
            b.number, b.title, text, b.section.key if b.section else None, b.start, end,
            table, tuple(indicators(table)) if table else (), self.page_at(b.start),
        ))

    def _box_anchor(self) -> Node | None:
        """Boxes illustrate a section: skip list items (1. （1）) to the section."""
        for node in reversed(self.stack):
            if node.kind not in LIST_KINDS:
                return node
        return self.stack[-1] if self.stack else None

    def _reopen_box(self) -> None:
        assert self.last_box is not None
        self.boxes.pop()
        self.box = self.last_box
        self.box_table = self.last_box_table

    def _in_box(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.box_regions)

    def add(self, para: Paragraph) -> None:
        # With a known layout, a box is exactly the text drawn inside its frame.
        if self.box_regions and self.box is not None and not self._in_box(para.start):
            self._close_box()
        if para.is_table_row:
            self.table_rows.append(para)
            return
        self._flush_table()
        text = para.text
        bm = P.BOX.match(text)
        if bm:
            self._close_box()
            n = bm["n"]
            self.box = BoxB(P.cn_to_int(n), squeeze_cjk_spaces(bm["rest"]).strip() or None,
                            self._box_anchor(), [], para.start)
            self.box_table = None
            return
        if P.ATTACHMENT_LIST.match(text):  # "附件：1.… 2.…" lists the attachments
            self._close_box()
            self.stack.clear()
            self._new("attachments", None, None, None, para)
            self.last_text_para = para
            return
        if self.box is None and self.box_regions and self._in_box(para.start) and self.last_box:
            self._reopen_box()  # the next part of a box drawn in two frames
        c = classify(text)
        kinds = [n.kind for n in self.stack]
        if self.stack and self.stack[-1].kind == "attachments" and c and c[0] == "subitem" \
                and len(text) <= 60 and "。" not in text:
            self.stack[-1].paras.append(para)  # 附件：1.… / 2.…: the list goes on
            self.last_text_para = para
            return
        if self.box is not None:
            if self.box_regions or ((c is None or c[0] not in kinds) and not _is_tag_only(para)):
                self.box.paras.append(para)
                return
            self._close_box()
        if c is None:
            self._add_text(para)
            return
        kind, number, ordinal, rest = c
        if self.stack and self.stack[0].kind == "preamble":
            self.stack.clear()  # the opening text is a sibling of the first heading
            kinds = []
        if kind in kinds:
            del self.stack[kinds.index(kind):]
        self._new(kind, number, ordinal, None if kind == "article" else _title(para, rest), para)
        self.last_text_para = para

    def _add_text(self, para: Paragraph) -> None:
        prev = self.last_text_para
        if prev is not None and P.LABEL_LINE.match(para.text) and P.LABEL_LINE.match(prev.text) \
                and not P.DEADLINE_LABEL_LINE.match(para.text):
            prev.text += para.text  # 牵头单位：… / 配合单位：… on two lines: one tag
            prev.spans.extend(para.spans)
            return
        if _is_tag_only(para) and self.last_text_para is not None:
            prev = self.last_text_para
            prev.text += para.text
            prev.spans.extend(para.spans)
            return
        # A paragraph after a list introduced by "…：" returns to the list's parent.
        while len(self.stack) >= 2:
            parent = self.stack[-2]
            intro = [p for p in parent.paras if p.text.endswith("：")]
            if intro and self.stack[-1].kind in ("section", *LIST_KINDS):
                self.stack.pop()
            else:
                break
        if not self.stack:
            node = self._new("preamble", None, None, None, para)
            self.stack.pop()
            self.stack.append(node)
        else:
            self.stack[-1].paras.append(para)
        self.last_text_para = para

    def finish(self) -> None:
        self._flush_table()
        self._close_box()


def build_outline(body: list[Line], doc_index: int, findings: list[Finding],
                  page_at: Callable[[int], int | None], hard_wraps: bool = False,
                  box_regions: tuple[tuple[int, int], ...] = ()) -> Outline:
    paras = build_paragraphs(body, hard_wraps)
    b = OutlineBuilder(doc_index, findings, page_at, box_regions)
    for p in paras:
        b.add(p)
    b.finish()
    for box in b.boxes:
        for tag in find_tags(box.text):
            findings.append(Finding(
                "tag_in_box", f"a responsibility tag inside 专栏{box.number or ''} is kept in the "
                f"box's text, not as a task: {tag.text[:60]}", box.start, doc_index))
    for p in paras:
        for j in p.joins:
            findings.append(Finding("rejoined", "a sentence broken at a former page break was "
                                    "re-joined", j, doc_index, "info"))
        if p.text.count("（") != p.text.count("）") or p.text.count("《") != p.text.count("》"):
            findings.append(Finding(
                "garbled_text", "unbalanced brackets: the extracted text may be out of order "
                f"here: {squeeze_cjk_spaces(p.text)[:50]}…", p.start, doc_index))
        for m in PAREN.finditer(p.text):
            if looks_like_tag(m.group(0)[1:-1]) and not find_tags(m.group(0)):
                why = why_not(m.group(0)[1:-1]) or "not where a tag stands"
                findings.append(Finding(
                    "tag_unparsed", f"a parenthesis reads like a responsibility tag but was not "
                    f"read as one ({why}): {m.group(0)[:60]}", p.offset(m.start()), doc_index))
        lm = LABEL_LINE.match(view_of(p.text)[0])
        if lm and not find_sentence_tags(p.text):
            # 责任单位：省工业和信息化厅、省 牵，…: a label line whose units cannot all be read
            why = why_not(p.text[lm.end():]) or "its units could not be read"
            findings.append(Finding(
                "tag_unparsed", f"a label line reads like a responsibility tag but was not read as one "
                f"({why}): {squeeze_cjk_spaces(p.text)[:60]}", p.start, doc_index))
    check_numbering(b.nodes, doc_index, findings)
    return Outline(b.nodes, b.boxes, b.tables, paras)


def freeze(node: Node, page_at: Callable[[int], int | None]) -> Section:
    spans = tuple(s for p in node.paras for s in p.spans)
    text = "\n".join(squeeze_cjk_spaces(p.text) for p in node.paras)
    return Section(
        node.key, node.parent.key if node.parent else None, node.kind, node.number, node.ordinal,
        node.path, node.title, text, node.seq, spans[0][0], spans[-1][1], spans,
        page_at(spans[0][0]),
    )


def check_numbering(nodes: list[Node], doc_index: int, findings: list[Finding]) -> None:
    """Report gaps, duplicates and disorder in each run of sibling numbers.

    Numbering restarts at 1 under each parent, or continues across parents
    (items 1.–21. under （一）…（五）); both are accepted.  Anything else is a
    defect of the source and is reported, with both nodes kept.
    """
    by_kind: dict[str, list[Node]] = {}
    for n in nodes:
        if n.ordinal is not None:
            by_kind.setdefault(n.kind, []).append(n)
    for seq in by_kind.values():
        prev: Node | None = None
        for n in seq:
            if prev is None or n.ordinal == 1:
                prev = n  # a list starts (again)
                continue
            assert n.ordinal is not None and prev.ordinal is not None
            if n.parent is not prev.parent and n.ordinal != prev.ordinal + 1:
                missing = "、".join(_renumber(n, k) for k in range(1, n.ordinal))
                findings.append(Finding(
                    "numbering_gap", f"{missing} is missing before {n.number}",
                    n.paras[0].start, doc_index, "error"))
            elif n.ordinal == prev.ordinal:
                findings.append(Finding(
                    "numbering_duplicate", f"{n.number} appears twice in a row; both are kept",
                    n.paras[0].start, doc_index, "error"))
            elif n.ordinal > prev.ordinal + 1:
                missing = "、".join(_renumber(n, k) for k in range(prev.ordinal + 1, n.ordinal))
                findings.append(Finding(
                    "numbering_gap", f"{missing} is missing between {prev.number} and {n.number}",
                    n.paras[0].start, doc_index, "error"))
            elif n.ordinal < prev.ordinal:
                findings.append(Finding(
                    "numbering_order", f"{n.number} follows {prev.number}",
                    n.paras[0].start, doc_index, "error"))
            prev = n


_CN = "零一二三四五六七八九"


def int_to_cn(k: int) -> str:
    if k < 10:
        return _CN[k]
    if k < 20:
        return "十" + (_CN[k % 10] if k % 10 else "")
    if k < 100:
        return _CN[k // 10] + "十" + (_CN[k % 10] if k % 10 else "")
    return str(k)


def _renumber(n: Node, k: int) -> str:
    assert n.number is not None
    digits = re.search(r"\d+", n.number)
    if digits:
        return n.number[: digits.start()] + str(k) + n.number[digits.end():]
    m = re.search(f"[{P.CN_NUM}]+", n.number)
    if m:
        return n.number[: m.start()] + int_to_cn(k) + n.number[m.end():]
    return str(k)
