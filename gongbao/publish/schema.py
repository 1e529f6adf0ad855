"""The knowledge base schema: a public contract that researchers write SQL against.

Tables are created with sqlite-utils, with foreign keys declared and an index
on every join column.  Column order here is the order Datasette shows.
"""

from __future__ import annotations

import sqlite_utils

SCHEMA_VERSION = 2

# table -> (columns, primary key, foreign keys)
TABLES: dict[str, tuple[dict[str, type], str | tuple[str, ...] | None, list[tuple[str, str]]]] = {
    "sources": ({
        "id": int, "path": str, "sha256": str, "format": str, "pages": int,
        "parser_version": str, "analysis_version": str, "built_at": str, "n_documents": int,
        "n_tasks": int,
        "n_warnings": int, "text": str,
    }, "id", []),
    "issues": ({
        "id": int, "source_id": int, "gazette": str, "year": int, "number": int,
        "total_number": int, "published": str,
    }, "id", [("source_id", "sources")]),
    "documents": ({
        "id": int, "source_id": int, "issue_id": int, "parent_id": int, "seq": int, "kind": str,
        "title": str, "doc_number": str, "issuer": str, "jurisdiction": str,
        "jurisdiction_code": str, "jurisdiction_from": str, "signed_date": str,
        "printed_date": str, "recipients": str, "index_number": str, "subject": str,
        "published": str, "page_start": int, "pdf_page": int, "char_start": int, "char_end": int,
    }, "id", [("source_id", "sources"), ("issue_id", "issues"), ("parent_id", "documents")]),
    "toc": ({
        "id": int, "issue_id": int, "seq": int, "category": str, "title": str, "doc_number": str,
        "page": int, "document_id": int, "char_start": int,
    }, "id", [("issue_id", "issues"), ("document_id", "documents")]),
    "sections": ({
        "id": int, "document_id": int, "parent_id": int, "seq": int, "kind": str, "number": str,
        "path": str, "title": str, "text": str, "page": int, "pdf_page": int, "char_start": int,
        "char_end": int,
        "spans": str,
    }, "id", [("document_id", "documents"), ("parent_id", "sections")]),
    "boxes": ({
        "id": int, "document_id": int, "section_id": int, "number": int, "title": str,
        "text": str, "is_table": int, "page": int, "pdf_page": int, "char_start": int, "char_end": int,
    }, "id", [("document_id", "documents"), ("section_id", "sections")]),
    "doc_tables": ({
        "id": int, "document_id": int, "box_id": int, "title": str, "columns": str,
        "n_rows": int, "char_start": int, "char_end": int,
    }, "id", [("document_id", "documents"), ("box_id", "boxes")]),
    "table_rows": ({
        "id": int, "table_id": int, "row": int, "cells": str, "text": str,
    }, "id", [("table_id", "doc_tables")]),
    "indicators": ({
        "id": int, "document_id": int, "box_id": int, "category": str, "name": str, "unit": str,
        "year": int, "value": float, "value_text": str, "attribute": str,
    }, "id", [("document_id", "documents"), ("box_id", "boxes")]),
    "tasks": ({
        "id": int, "document_id": int, "section_id": int, "number": str, "title": str,
        "text": str, "tag_text": str, "n_actors": int, "deadline": str, "leaders": str, "page": int,
        "pdf_page": int, "char_start": int,
        "char_end": int, "tag_start": int, "spans": str,
    }, "id", [("document_id", "documents"), ("section_id", "sections")]),
    "departments": ({
        "id": int, "label": str, "name": str, "full_name": str, "kind": str, "jurisdiction": str,
        "jurisdiction_code": str, "level": str, "resolved_by": str,
        "in_directory": int, "current_full_name": str,
    }, "id", []),
    "department_history": ({
        "id": int, "jurisdiction": str, "full_name": str, "name": str, "kind": str,
        "until": str, "successor": str, "current_full_name": str,
    }, "id", []),
    "responsibilities": ({
        "task_id": int, "department_id": int, "role": str, "name_as_written": str,
        "written_start": int, "written_end": int,
    }, ("task_id", "department_id", "role"), [("task_id", "tasks"), ("department_id", "departments")]),
    "aliases": ({
        "id": int, "document_id": int, "alias": str, "full_name": str, "char_start": int,
    }, "id", [("document_id", "documents")]),
    "citations": ({
        "id": int, "document_id": int, "title": str, "doc_number": str, "char_start": int,
    }, "id", [("document_id", "documents")]),
    "warnings": ({
        "id": int, "source_id": int, "document_id": int, "kind": str, "severity": str,
        "message": str, "char_start": int, "page": int, "pdf_page": int,
    }, "id", [("source_id", "sources"), ("document_id", "documents")]),
    "mentions": ({
        "id": int, "source_id": int, "document_id": int, "section_id": int, "box_id": int,
        "name": str, "label": str, "full_name": str, "kind": str, "jurisdiction": str,
        "in_directory": int, "department_id": int, "in_tag": int, "char_start": int,
        "char_end": int,
    }, "id", [("source_id", "sources"), ("document_id", "documents"), ("section_id", "sections"),
              ("box_id", "boxes"), ("department_id", "departments")]),
    "task_keywords": ({
        "id": int, "task_id": int, "keyword": str, "weight": float, "rank": int,
    }, "id", [("task_id", "tasks")]),
    "department_measures": ({
        "id": int, "scope": str, "document_id": int, "department_id": int, "name": str,
        "tasks": int, "lead_tasks": int, "sole_tasks": int, "shared_tasks": int,
        "support_tasks": int, "guide_tasks": int, "degree": int, "weighted_degree": int,
        "betweenness": float, "community": int,
    }, "id", [("document_id", "documents"), ("department_id", "departments")]),
    "department_pairs": ({
        "id": int, "department_a": int, "department_b": int, "name_a": str, "name_b": str,
        "shared_tasks": int, "lead_support": int, "same_role": int,
    }, "id", [("department_a", "departments"), ("department_b", "departments")]),
    "pages": ({
        "id": int, "source_id": int, "pdf_page": int, "printed_page": int, "char_start": int,
        "char_end": int,
    }, "id", [("source_id", "sources")]),
}

# Deleting a source removes its rows child-first.
DELETE_ORDER = (
    "department_pairs", "department_measures", "mentions", "task_keywords", "responsibilities", "indicators",
    "table_rows", "doc_tables", "boxes", "tasks", "toc", "aliases", "citations", "sections",
    "warnings", "documents", "issues", "pages",
)

EXTRA_INDEXES = [
    ("sources", ["sha256"], False), ("sources", ["path"], False),
    ("departments", ["full_name", "jurisdiction"], True),
    ("responsibilities", ["role"], False), ("responsibilities", ["name_as_written"], False),
    ("departments", ["name"], False), ("departments", ["jurisdiction_code"], False),
    ("departments", ["label"], False), ("documents", ["doc_number"], False),
    ("warnings", ["kind"], False), ("mentions", ["label"], False),
    ("task_keywords", ["keyword", "weight"], False), ("department_pairs", ["shared_tasks"], False),
]


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables and indexes; an existing knowledge base gains the columns a
    newer release added (sqlite-utils ``add_column``), its rows untouched; one written by a
    newer release is refused rather than half-understood."""
    from ..errors import DatabaseError

    if "gongbao_meta" in db.table_names():
        row = db.execute("SELECT value FROM gongbao_meta WHERE key = 'schema_version'").fetchone()
        if row and row[0].isdigit() and int(row[0]) > SCHEMA_VERSION:
            raise DatabaseError(f"{db.conn.execute('PRAGMA database_list').fetchone()[2]}: built by a newer "
                                f"gongbao (schema {row[0]}, this one knows {SCHEMA_VERSION}): upgrade gongbao")
    db.execute("PRAGMA foreign_keys = ON")
    for name, (columns, pk, fks) in TABLES.items():
        if name in db.table_names():
            have = set(db[name].columns_dict)
            for col, typ in columns.items():
                if col not in have:
                    db[name].add_column(col, typ)
            continue
        db[name].create(columns, pk=pk, foreign_keys=[(c, t, "id") for c, t in fks],
                        not_null={"id"} if pk == "id" else None)
        for col, _ in fks:
            db[name].create_index([col], if_not_exists=True)
    for table, cols, unique in EXTRA_INDEXES:
        db[table].create_index(cols, unique=unique, if_not_exists=True)
    from .search import ensure_fts

    ensure_fts(db)
    db.execute("CREATE TABLE IF NOT EXISTS gongbao_meta (key TEXT PRIMARY KEY, value TEXT)")
    set_meta(db, "schema_version", str(SCHEMA_VERSION))


def set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    """Upsert in place (REPLACE would move the row, so a rebuild would not be identical)."""
    db.execute("INSERT INTO gongbao_meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
               "value = excluded.value WHERE value != excluded.value", [key, value])
