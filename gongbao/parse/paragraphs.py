"""Re-join lines into paragraphs, undoing the breaks that PDF extraction left.

Text taken from a PDF breaks a sentence wherever a page or column ended
(``建`` / ``设计量文化基地``) and wraps long paragraphs line by line.  A line is
joined to the next one unless it is complete (ends with sentence-final
punctuation), is a heading, or the next line starts a new numbered item.  The
pieces are kept as spans so every paragraph still points into the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import patterns as P
from ..ingest.clean import Line

# Markers that always begin a new paragraph.
STARTERS = (
    P.CHAPTER, P.PART, P.ARTICLE, P.CN_ITEM, P.PAREN_CN, P.ARABIC, P.PAREN_ARABIC,
    P.CIRCLED, P.BOX, P.ATTACHMENT_HEADING, P.ATTACHMENT_LIST, P.PRINTED_LINE, P.LABEL_LINE,
)

# Headings that have no sentence punctuation but are complete all the same.
HEADINGS = (P.CHAPTER, P.PART, P.CN_ITEM, P.BOX, P.ATTACHMENT_HEADING)

OPENERS = "（《“‘〈【"


@dataclass
class Paragraph:
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    joins: list[int] = field(default_factory=list)  # source offsets of re-joined page breaks
    is_table_row: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def offset(self, i: int) -> int:
        """Source offset of character ``i`` of ``text``."""
        for s, e in self.spans:
            n = e - s
            if i < n:
                return s + i
            i -= n
        return self.end

    def extend(self, line: Line, page_break: bool) -> None:
        if page_break:
            self.joins.append(line.start)
        self.text += line.text
        self.spans.append((line.start, line.end))


def starts_item(text: str) -> bool:
    return any(p.match(text) for p in STARTERS)


def is_heading(text: str) -> bool:
    """A short numbered heading line without a full stop (一、总体要求; 专栏2 …; a
    （一）指导思想 on its own line, but not a wrapped line that starts with （一）)."""
    if "。" in text or len(text) > 45:
        return False
    if P.PAREN_CN.match(text) and len(text) <= 16 and not re.search(r"[，、；：]", text):
        return True
    return any(p.match(text) for p in HEADINGS)


def _name_goes_on(a: str, b: str) -> bool:
    from .orgnames import is_org

    last = re.split(r"[、，：；]", a)[-1]
    first = re.split(r"[、，；。]", b)[0]
    return bool(last) and not is_org(last) and is_org(last + first) and not P.LABEL_LINE.match(b)


def should_join(prev: Paragraph, line: Line) -> bool:
    a, b = prev.text, line.text
    if prev.is_table_row or "\t" in b:
        return False
    if b[0] in "，。、；：）》”！？":
        return True
    if a[-1] in OPENERS:
        return True
    if starts_item(b) or P.DOC_NUMBER_LINE.match(b):
        return False
    if P.LABEL_LINE.match(a) and _name_goes_on(a, b):
        return True  # 协办单位：…、园区党工 / 委、各街道党工委: a name broken by the line end
    if a[-1] in P.TERMINAL or P.LABEL_LINE.match(a):
        return False
    return not is_heading(a)


def build_paragraphs(lines: list[Line], hard_wraps: bool = False) -> list[Paragraph]:
    """Group lines into paragraphs; tab-separated lines stay single table rows.

    With ``hard_wraps`` (text laid out from a PDF) a line that follows another
    without a blank line is a wrap of the same paragraph and is always joined.
    """
    paras: list[Paragraph] = []
    for line in lines:
        wrap = (hard_wraps and paras and not line.gap_before and not line.page_break_before
                and not paras[-1].is_table_row and "\t" not in line.text)
        if paras and (wrap or should_join(paras[-1], line)):
            paras[-1].extend(line, line.gap_before or line.page_break_before)
            continue
        paras.append(
            Paragraph(line.text, [(line.start, line.end)], is_table_row="\t" in line.text)
        )
    return paras
