"""Frozen dataclasses shared by every pipeline stage.

Every piece of a parsed document carries ``start``/``end`` offsets into the
source's extracted text (``ParsedSource.text``) so that a researcher can go
back from any row in the database to the characters it was read from.  Pieces
that were re-joined across a page break also keep their ``spans``: the list of
the original fragments.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True)
class Finding:
    """Something the parser could not fully understand, or repaired.

    Findings become rows of the ``warnings`` table: nothing is dropped or
    invented silently.  ``severity`` is ``info`` for repairs (a re-joined
    sentence), ``warning`` for doubts (an unknown department) and ``error``
    for defects of the source (a missing article number).
    """

    kind: str
    message: str
    start: int | None = None
    document: int | None = None  # index into ParsedSource.documents
    severity: str = "warning"


@dataclass(frozen=True)
class TocEntry:
    title: str
    doc_number: str | None
    page: int | None
    category: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Issue:
    """The masthead of a gazette issue (期)."""

    gazette: str | None
    year: int | None
    number: int | None
    total_number: int | None
    published: str | None  # ISO date
    toc: tuple[TocEntry, ...] = ()
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Actor:
    """One unit named in a responsibility tag, as written and as resolved."""

    name: str  # as written (after alias resolution is recorded separately)
    role: str  # lead | shared | sole | support | guide
    full_name: str
    kind: str
    jurisdiction: str | None
    known: bool  # found in a department directory
    written: str = ""  # the exact text in the tag, before alias resolution
    current_full_name: str = ""  # the unit today, after reorganisations
    jurisdiction_code: str | None = None  # GB/T 2260 code of the unit's government
    level: str | None = None  # national | province | city | county
    resolved_by: str = "written"  # directory | template | place | collective | written
    written_start: int | None = None  # where ``written`` is in the source text
    written_end: int | None = None


@dataclass(frozen=True)
class Tag:
    text: str
    start: int
    end: int
    actors: tuple[Actor, ...]


@dataclass(frozen=True)
class Section:
    """A node of the outline: chapter, section, item, article, clause or paragraph."""

    key: str  # document-local id, e.g. "3.1" (positions among siblings)
    parent_key: str | None
    kind: str
    number: str | None
    ordinal: int | None
    path: str  # numbers of the ancestors and self, e.g. "二（一）"
    title: str | None
    text: str
    seq: int
    start: int
    end: int
    spans: tuple[Span, ...] = ()
    page: int | None = None


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    start: int
    end: int
    title: str | None = None


@dataclass(frozen=True)
class Indicator:
    category: str | None
    name: str
    unit: str | None
    year: int
    value: float | None
    value_text: str
    attribute: str | None


@dataclass(frozen=True)
class Box:
    """A 专栏: a framed special-topic box, text or table."""

    number: int | None
    title: str | None
    text: str
    section_key: str | None
    start: int
    end: int
    table: Table | None = None
    indicators: tuple[Indicator, ...] = ()
    page: int | None = None


@dataclass(frozen=True)
class Task:
    """A unit of work that a responsibility tag assigns to actors."""

    section_key: str | None
    number: str | None
    title: str | None
    text: str
    tag: Tag
    start: int
    end: int
    spans: tuple[Span, ...] = ()
    page: int | None = None
    deadline: str | None = None
    leaders: tuple[str, ...] = ()  # persons in charge (牵头领导：王健), never actors


@dataclass(frozen=True)
class Alias:
    alias: str
    full_name: str
    start: int


@dataclass(frozen=True)
class Citation:
    title: str
    doc_number: str | None
    start: int


@dataclass(frozen=True)
class Document:
    kind: str  # notice | plan | measures | opinions | attachment | document ...
    title: str
    doc_number: str | None
    issuer: str | None
    recipients: str | None
    signed_date: str | None
    printed_date: str | None
    jurisdiction: str | None
    parent: int | None  # index of the parent document in ParsedSource.documents
    start: int
    end: int
    page_start: int | None = None
    sections: tuple[Section, ...] = ()
    boxes: tuple[Box, ...] = ()
    tasks: tuple[Task, ...] = ()
    tables: tuple[Table, ...] = ()
    aliases: tuple[Alias, ...] = ()
    citations: tuple[Citation, ...] = ()
    # From a web page's metadata table (gov.cn): 索引号, 主题分类, 发布日期.
    index_number: str | None = None
    subject: str | None = None
    published: str | None = None
    jurisdiction_code: str | None = None  # GB/T 2260 code of the document's government
    jurisdiction_from: str | None = None  # what gave it: issuer, title, doc_number, parent, text


@dataclass(frozen=True)
class SourceText:
    """One file read into text: what the ingest stage hands the parser."""

    path: str
    sha256: str
    format: str  # text | html | pdf
    text: str
    # Offsets where each page starts (page 1 at index 0); empty when unknown.
    page_starts: tuple[int, ...] = field(default_factory=tuple)
    # Printed page number of each page, when known (None for cover/contents).
    printed_pages: tuple[int | None, ...] = field(default_factory=tuple)
    # Character ranges drawn inside a frame (专栏 boxes), when the layout is known.
    box_regions: tuple[tuple[int, int], ...] = field(default_factory=tuple)
    # Lines not separated by a blank line are wraps of one paragraph (PDF layout).
    hard_wraps: bool = False

    @property
    def pages(self) -> int | None:
        return len(self.page_starts) or None

    def pdf_page_at(self, offset: int) -> int | None:
        return pdf_page_at(self.page_starts, offset)

    def page_at(self, offset: int) -> int | None:
        return page_at(self.page_starts, self.printed_pages, offset)


@dataclass(frozen=True)
class ParsedSource:
    """Everything read from one file: the unit of one database transaction."""

    path: str
    sha256: str
    format: str
    text: str
    pages: int | None
    issue: Issue | None
    documents: tuple[Document, ...]
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    parser_version: str = ""
    # Where each page starts in ``text`` and its printed number (None: unnumbered).
    page_starts: tuple[int, ...] = ()
    printed_pages: tuple[int | None, ...] = ()

    def pdf_page_at(self, offset: int | None) -> int | None:
        return pdf_page_at(self.page_starts, offset)

    def page_at(self, offset: int | None) -> int | None:
        return page_at(self.page_starts, self.printed_pages, offset)


def pdf_page_at(page_starts: tuple[int, ...], offset: int | None) -> int | None:
    """Position (1-based) in the file of the page holding ``offset``."""
    if offset is None or not page_starts:
        return None
    from bisect import bisect_right

    return max(bisect_right(page_starts, offset) - 1, 0) + 1


def page_at(page_starts: tuple[int, ...], printed_pages: tuple[int | None, ...],
            offset: int | None) -> int | None:
    """The printed page number at ``offset`` (what a researcher cites); the page's
    position when no numbers are printed; None when the source has no pages."""
    i = pdf_page_at(page_starts, offset)
    if i is None:
        return None
    return printed_pages[i - 1] if printed_pages else i
