"""The issue masthead (刊头) and table of contents (目录) of a gazette issue."""

from __future__ import annotations

import re

from .. import patterns as P
from ..ingest.clean import Line, squeeze_cjk_spaces
from ..models import Issue, TocEntry


def read_masthead(lines: list[Line], stop: int) -> Issue | None:
    """Read gazette name, year, number, running total, date and contents from lines[:stop].

    Returns None when the region holds no sign of a gazette (a single
    document, or a web page whose metadata block precedes the title).
    """
    gazette = year = number = total = published = None
    contents_at = None
    for i, ln in enumerate(lines[:stop]):
        t = squeeze_cjk_spaces(ln.text)
        if P.CONTENTS_HEADING.match(t.replace(" ", "")):
            contents_at = i
            break
        if gazette is None and P.GAZETTE_NAME.match(t):
            gazette = t
        m = P.ISSUE_YEAR_NUMBER.search(t)
        if m:
            year, number = year or int(m["year"]), number or int(m["num"])
        elif number is None and (m := P.ISSUE_NUMBER.search(t)) and "总" not in t[: m.start()]:
            number = int(m["num"])
        m = P.ISSUE_TOTAL.search(t)
        if m and total is None:
            total = int(m["total"])
        m = P.PUBLISHED.search(t)
        if m and published is None:
            published = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
        if year is None and re.fullmatch(r"(?:19|20)\d{2}", t):
            year = int(t)
    if gazette is None and number is None and contents_at is None:
        return None
    toc = read_contents(lines, contents_at + 1, stop) if contents_at is not None else ()
    end = lines[stop - 1].end if stop else 0
    return Issue(gazette, year, number, total, published, toc, lines[0].start if lines else 0, end)


def read_contents(lines: list[Line], start: int, stop: int) -> tuple[TocEntry, ...]:
    """Contents entries: title lines closed by a line carrying the page number."""
    entries: list[TocEntry] = []
    category = None
    pending: list[Line] = []
    for ln in lines[start:stop]:
        t = ln.text
        cm = P.TOC_CATEGORY.match(t)
        if cm:
            category, pending = cm["cat"], []
            continue
        pm = P.TOC_PAGE_SUFFIX.search(t)
        if not pm:
            pending.append(ln)
            continue
        page = int(pm["p1"] or pm["p2"] or pm["p3"])
        head = t[: pm.start()].strip()
        nm = P.DOC_NUMBER.search(head)
        number = re.sub(r"\s+", "", nm.group(0)) if nm else None
        if nm:
            head = (head[: nm.start()] + head[nm.end():]).strip(" （）")
        parts = [p.text for p in pending] + ([head] if head else [])
        title = squeeze_cjk_spaces("".join(parts))
        first = pending[0] if pending else ln
        if title:
            entries.append(TocEntry(title, number, page, category, first.start, ln.end))
        pending = []
    return tuple(entries)


def normalise_title(title: str) -> str:
    """Compare titles across contents and body: no spaces, one bracket width."""
    return re.sub(r"\s+", "", title).replace("(", "（").replace(")", "）")
