"""Write parsed sources into the knowledge base, one transaction per source.

A source is identified by its content hash: an unchanged file is skipped, a
changed file replaces the rows its path had, so building twice gives the same
database.  Everything of one source is written inside one transaction; a
failure leaves the database exactly as it was.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlite_utils

from ..models import Actor, ParsedSource
from .schema import DELETE_ORDER, ensure_schema
from .search import SEARCHABLE, index_rows, unindex_rows


@dataclass(frozen=True)
class StoreResult:
    path: str
    status: str  # built | replaced | unchanged
    source_id: int
    documents: int = 0
    tasks: int = 0
    warnings: int = 0


# A second build on the same file waits for the first one's transaction instead of failing
# with "database is locked" (each source is one short transaction).
BUSY_TIMEOUT_MS = 60_000


@contextmanager
def writing(db: sqlite_utils.Database):
    """One write transaction, begun IMMEDIATE: a deferred one that read first could not take the
    write lock while another build holds it (SQLite then fails at once instead of waiting)."""
    if db.conn.in_transaction:
        with writing(db):
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def open_db(path: str) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    with writing(db):  # two builds creating the tables at once: one after the other
        ensure_schema(db)
    return db


def _of_source(table: str) -> str:
    """SQL condition for the rows of ``table`` that came from source ``?``."""
    if table == "documents":
        return "source_id = ?"
    return "document_id IN (SELECT id FROM documents WHERE source_id = ?)"


def delete_source(db: sqlite_utils.Database, source_id: int) -> None:
    """Remove every row that came from one source (children first)."""
    docs = f"SELECT id FROM documents WHERE source_id = {int(source_id)}"
    where = {
        "responsibilities": f"task_id IN (SELECT id FROM tasks WHERE document_id IN ({docs}))",
        "table_rows": f"table_id IN (SELECT id FROM doc_tables WHERE document_id IN ({docs}))",
        "toc": f"issue_id IN (SELECT id FROM issues WHERE source_id = {int(source_id)})",
        "warnings": f"source_id = {int(source_id)}",
        "documents": f"source_id = {int(source_id)}",
        "issues": f"source_id = {int(source_id)}",
        "pages": f"source_id = {int(source_id)}",
        "mentions": f"source_id = {int(source_id)}",
        "department_measures": "1",  # recomputed after every build
        "department_pairs": "1",
        "task_keywords": f"task_id IN (SELECT id FROM tasks WHERE document_id IN ({docs}))",
    }
    for table in SEARCHABLE:
        unindex_rows(db, table, _of_source(table), [source_id])
    db.execute("UPDATE documents SET parent_id = NULL WHERE source_id = ?", [source_id])
    db.execute("UPDATE sections SET parent_id = NULL WHERE document_id IN (" + docs + ")")
    for table in DELETE_ORDER:
        db.execute(f"DELETE FROM [{table}] WHERE {where.get(table, f'document_id IN ({docs})')}")
    db.execute("DELETE FROM sources WHERE id = ?", [source_id])


def prune_departments(db: sqlite_utils.Database) -> None:
    """Departments no responsibility names any more are removed."""
    db.execute("UPDATE mentions SET department_id = NULL WHERE department_id NOT IN "
               "(SELECT department_id FROM responsibilities)")
    db.execute("DELETE FROM department_measures WHERE department_id NOT IN "
               "(SELECT department_id FROM responsibilities)")
    db.execute("DELETE FROM department_pairs")  # recomputed after every build
    db.execute(
        "DELETE FROM departments WHERE id NOT IN (SELECT department_id FROM responsibilities)"
    )


def _department_id(db: sqlite_utils.Database, a: Actor) -> int:
    row = db.execute(
        "SELECT id FROM departments WHERE full_name = ? AND jurisdiction IS ?",
        [a.full_name, a.jurisdiction],
    ).fetchone()
    if row:
        return row[0]
    return db["departments"].insert({
        "name": a.name, "label": f"{a.jurisdiction} · {a.name}" if a.jurisdiction else a.name,
        "full_name": a.full_name, "kind": a.kind,
        "jurisdiction": a.jurisdiction, "jurisdiction_code": a.jurisdiction_code, "level": a.level,
        "resolved_by": a.resolved_by, "in_directory": int(a.resolved_by == "directory"),
        "current_full_name": a.current_full_name or a.full_name,
    }).last_pk


def store_source(db: sqlite_utils.Database, ps: ParsedSource,
                 replace_same: bool = False) -> StoreResult:
    """Insert one parsed source, replacing an older version of the same path (and,
    with ``replace_same``, the same content built by an older parser)."""
    same = db.execute("SELECT id, parser_version FROM sources WHERE sha256 = ?",
                      [ps.sha256]).fetchone()
    if same and not (replace_same and same[1] != ps.parser_version):
        return StoreResult(ps.path, "unchanged", same[0])
    with writing(db):
        old = db.execute("SELECT id FROM sources WHERE path = ? OR sha256 = ?",
                         [ps.path, ps.sha256]).fetchone()
        if old:
            delete_source(db, old[0])
        n_tasks = sum(len(d.tasks) for d in ps.documents)
        source_id = db["sources"].insert({
            "path": ps.path, "sha256": ps.sha256, "format": ps.format, "pages": ps.pages,
            "parser_version": ps.parser_version,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "n_documents": len(ps.documents), "n_tasks": n_tasks,
            "n_warnings": len(ps.findings), "text": ps.text,
        }).last_pk
        _write_body(db, ps, source_id)
        for table in SEARCHABLE:
            index_rows(db, table, _of_source(table), [source_id])
        prune_departments(db)
    return StoreResult(ps.path, "replaced" if old else "built", source_id, len(ps.documents),
                       n_tasks, len(ps.findings))


def _write_body(db: sqlite_utils.Database, ps: ParsedSource, source_id: int) -> None:
    issue_id = None
    if ps.issue is not None:
        i = ps.issue
        issue_id = db["issues"].insert({
            "source_id": source_id, "gazette": i.gazette, "year": i.year, "number": i.number,
            "total_number": i.total_number, "published": i.published,
        }).last_pk
    doc_ids: list[int] = []
    for seq, d in enumerate(ps.documents, 1):
        doc_ids.append(db["documents"].insert({
            "source_id": source_id, "issue_id": issue_id,
            "parent_id": doc_ids[d.parent] if d.parent is not None else None, "seq": seq,
            "kind": d.kind, "title": d.title, "doc_number": d.doc_number, "issuer": d.issuer,
            "jurisdiction": d.jurisdiction, "jurisdiction_code": d.jurisdiction_code,
            "jurisdiction_from": d.jurisdiction_from, "signed_date": d.signed_date,
            "printed_date": d.printed_date, "recipients": d.recipients,
            "index_number": d.index_number, "subject": d.subject, "published": d.published,
            "page_start": d.page_start, "pdf_page": ps.pdf_page_at(d.start),
            "char_start": d.start, "char_end": d.end,
        }).last_pk)
    if ps.issue is not None:
        by_number = {d.doc_number: doc_ids[k] for k, d in enumerate(ps.documents) if d.doc_number}
        db["toc"].insert_all([{
            "issue_id": issue_id, "seq": k, "category": e.category, "title": e.title,
            "doc_number": e.doc_number, "page": e.page,
            "document_id": by_number.get(e.doc_number), "char_start": e.start,
        } for k, e in enumerate(ps.issue.toc, 1)])
    for d, doc_id in zip(ps.documents, doc_ids, strict=True):
        _write_document(db, ps, d, doc_id)
    db["warnings"].insert_all([{
        "source_id": source_id,
        "document_id": doc_ids[f.document] if f.document is not None else None,
        "kind": f.kind, "severity": f.severity, "message": f.message, "char_start": f.start,
        "page": ps.page_at(f.start), "pdf_page": ps.pdf_page_at(f.start),
    } for f in ps.findings])
    ends = [*ps.page_starts[1:], len(ps.text)] if ps.page_starts else []
    db["pages"].insert_all([{
        "source_id": source_id, "pdf_page": k, "printed_page":
        ps.printed_pages[k - 1] if ps.printed_pages else None, "char_start": start,
        "char_end": end,
    } for k, (start, end) in enumerate(zip(ps.page_starts, ends, strict=True), 1)])


def _write_document(db: sqlite_utils.Database, ps: ParsedSource, d, doc_id: int) -> None:
    section_ids: dict[str, int] = {}
    for s in d.sections:
        section_ids[s.key] = db["sections"].insert({
            "document_id": doc_id,
            "parent_id": section_ids.get(s.parent_key) if s.parent_key else None,
            "seq": s.seq, "kind": s.kind, "number": s.number, "path": s.path or None,
            "title": s.title, "text": s.text, "page": s.page,
            "pdf_page": ps.pdf_page_at(s.start), "char_start": s.start,
            "char_end": s.end, "spans": json.dumps(s.spans),
        }).last_pk
    for b in d.boxes:
        box_id = db["boxes"].insert({
            "document_id": doc_id, "section_id": section_ids.get(b.section_key or ""),
            "number": b.number, "title": b.title, "text": b.text,
            "is_table": int(b.table is not None), "page": b.page,
            "pdf_page": ps.pdf_page_at(b.start), "char_start": b.start,
            "char_end": b.end,
        }).last_pk
        if b.table is not None:
            _write_table(db, b.table, doc_id, box_id)
        db["indicators"].insert_all([{
            "document_id": doc_id, "box_id": box_id, "category": x.category, "name": x.name,
            "unit": x.unit, "year": x.year, "value": x.value, "value_text": x.value_text,
            "attribute": x.attribute,
        } for x in b.indicators])
    for t in d.tables:
        _write_table(db, t, doc_id, None)
    for t in d.tasks:
        task_id = db["tasks"].insert({
            "document_id": doc_id, "section_id": section_ids.get(t.section_key or ""),
            "number": t.number, "title": t.title, "text": t.text, "tag_text": t.tag.text,
            "n_actors": len(t.tag.actors), "deadline": t.deadline, "leaders": "、".join(t.leaders) or None,
            "page": t.page,
            "pdf_page": ps.pdf_page_at(t.start), "char_start": t.start,
            "char_end": t.end, "tag_start": t.tag.start, "spans": json.dumps(t.spans),
        }).last_pk
        rows = {}
        for a in t.tag.actors:
            dep = _department_id(db, a)
            rows.setdefault((dep, a.role), a)
        db["responsibilities"].insert_all([
            {"task_id": task_id, "department_id": dep, "role": role,
             "name_as_written": a.written or a.name, "written_start": a.written_start,
             "written_end": a.written_end}
            for (dep, role), a in rows.items()
        ])
    db["aliases"].insert_all([{
        "document_id": doc_id, "alias": a.alias, "full_name": a.full_name, "char_start": a.start,
    } for a in d.aliases])
    db["citations"].insert_all([{
        "document_id": doc_id, "title": c.title, "doc_number": c.doc_number,
        "char_start": c.start,
    } for c in d.citations])


def _write_table(db: sqlite_utils.Database, table, doc_id: int, box_id: int | None) -> None:
    table_id = db["doc_tables"].insert({
        "document_id": doc_id, "box_id": box_id, "title": table.title,
        "columns": json.dumps(table.header, ensure_ascii=False), "n_rows": len(table.rows),
        "char_start": table.start, "char_end": table.end,
    }).last_pk
    db["table_rows"].insert_all([{
        "table_id": table_id, "row": k,
        "cells": json.dumps(dict(zip(table.header, row, strict=True)), ensure_ascii=False),
        "text": " | ".join(row),
    } for k, row in enumerate(table.rows, 1)])


def refresh_history(db: sqlite_utils.Database, directory) -> None:
    """``department_history`` mirrors the reorganisations the directories record for their
    governments, and those of the template every government went through (工商行政管理局 →
    市场监督管理局, with the levels and years), rewritten only when they changed, so an
    unchanged rebuild leaves the file as it was."""
    from ..parse.template import load_template

    rows = [{"jurisdiction": e.jurisdiction, "full_name": e.full_name, "name": e.short_name,
             "kind": e.kind, "until": e.until, "successor": e.successor,
             "current_full_name": directory.current(e).full_name} for e in directory.history()]
    template = load_template()
    for stems in template.stems.values():
        for st in stems:
            if st.until or st.successor:
                level = st.levels[0]
                rows.append({"jurisdiction": "(every " + "/".join(st.levels) + " government)",
                             "full_name": st.stem, "name": st.stem, "kind": st.kind, "until": st.until,
                             "successor": st.successor,
                             "current_full_name": template.successor(st, level).stem})
    have = [dict(zip(("jurisdiction", "full_name", "name", "kind", "until", "successor",
                      "current_full_name"), r, strict=True)) for r in db.execute(
        "SELECT jurisdiction, full_name, name, kind, until, successor, current_full_name "
        "FROM department_history ORDER BY id")]
    if have == rows:
        return
    with writing(db):
        db.execute("DELETE FROM department_history")
        db["department_history"].insert_all(rows)
