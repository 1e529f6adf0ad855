"""Named cleaning steps that turn extracted text into lines the parser can read.

Offsets are sacred: every step here either maps characters one-for-one
(``fold_width``) or works on (start, end) windows of the untouched source
text, so that every parsed piece can point back into the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import patterns as P

# Half-width → full-width, one character for one, so offsets do not move.
# Only brackets and the punctuation that decides structure are folded; the
# ASCII dot stays (it is the item marker "1." and the decimal point).
_WIDTH = str.maketrans({
    "(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！",
    "\u3000": " ", "\xa0": " ",
})


def fold_width(text: str) -> str:
    """Fold half-width punctuation to full width without changing length."""
    return text.translate(_WIDTH)


_CJK_GAP = re.compile(rf"(?<=[{P.CJK}《》〈〉“”（）、，。：；])[ \t\u3000]+(?=[{P.CJK}《》〈〉“”（）、，。：；])")


def squeeze_cjk_spaces(text: str) -> str:
    """Drop spaces between Chinese characters: layout artefacts such as
    ``专栏 6``, ``第一章　总  则`` or a title line broken by justification."""
    return _CJK_GAP.sub("", text)


# A printed page number alone on a line: "23", "— 5 —", "- 5 -".
PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$")


@dataclass(frozen=True)
class Line:
    """One non-blank line of the source: folded text and its source window."""

    text: str  # width-folded, stripped, bullets removed
    start: int
    end: int
    gap_before: bool  # a blank line (or page break) separated it from the previous line
    page_break_before: bool


# Where a web copy ran several lines into one: a space, then an outline marker or a label.
# Only lines much longer than a printed line are cut (a PDF line is never this long).
_RUN_TOGETHER = re.compile(
    r"(?<=[。；！？：）\u4e00-\u9fff])[ \u3000]+(?=(?:\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]{1,3}、|"
    r"（[一二三四五六七八九十]{1,3}）|第[一二三四五六七八九十百]{1,5}[章条]|"
    rf"{P.ANY_LABEL.pattern}))"  # a label of the vocabulary (责任单位：, 牵头领导：)
)
RUN_TOGETHER_MIN = 150


def _cut_run_together(line: Line) -> list[Line]:
    if len(line.text) < RUN_TOGETHER_MIN:
        return [line]
    out, pos = [], 0
    for m in _RUN_TOGETHER.finditer(line.text):
        piece = line.text[pos:m.start()]
        if piece:
            out.append(Line(piece, line.start + pos, line.start + m.start(),
                            line.gap_before if not out else False, line.page_break_before if not out else False))
        pos = m.end()
    if not out:
        return [line]
    out.append(Line(line.text[pos:], line.start + pos, line.end, False, False))
    return out


def split_lines(text: str) -> list[Line]:
    """Cut text into stripped, width-folded lines with their offsets.

    A blank line or a form feed between two lines is remembered: in text
    extracted from a PDF that is where a page (or column) used to break.
    Only ``\n`` ends a line (``decode`` normalised the others), so offsets
    are exact.
    """
    folded = fold_width(text)
    lines: list[Line] = []
    gap = False
    page_break = False
    pos = 0
    for raw in folded.split("\n"):
        start = pos
        pos += len(raw) + 1
        content = raw
        if "\f" in content:
            page_break = True
            content = content.replace("\f", " ")
            # The last line of a page that is only a number is its page number.
            if lines and PAGE_NUMBER.match(lines[-1].text):
                lines.pop()
        # Tabs separate table cells: a leading tab is an empty first cell.
        is_row = "\t" in content.strip()
        stripped = content.strip(" \u3000\xa0\r\v") if is_row else content.strip()
        if not stripped.strip():
            gap = True
            continue
        s = start + content.index(stripped)
        bullet = P.BULLET.match(stripped)
        if bullet:
            stripped = stripped[bullet.end():]
            s += bullet.end()
        lines.extend(_cut_run_together(Line(stripped, s, s + len(stripped), gap, page_break)))
        gap = False
        page_break = False
    return lines
