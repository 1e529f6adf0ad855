"""Chinese full-text search that finds exactly what a substring search finds.

SQLite's FTS5 tokenizers do not fit Chinese: unicode61 makes a whole run of
Chinese characters one token (a search for 计量 finds nothing inside 计量基础),
trigram cannot match queries shorter than three characters, and a jieba-cut
index misses words jieba cut differently.  So every character is indexed as its
own token: the indexed text is the row's text with a space between characters
(whitespace becomes a private-use token, so a phrase cannot run across it, and
fields are separated by another).  A query word becomes the phrase of its
characters, which matches exactly where the word occurs as a substring; words
separated by spaces must all occur.

The index is a contentless FTS5 table (``tasks_fts``; it stores no text, reads
of its column give NULL) named in ``metadata.json`` as the table's
``fts_table``, so Datasette shows a search box; the gongbao plugin replaces
Datasette's ``escape_fts`` SQL function with :func:`fts_query` so the box and the
JSON API search this way, and adds ``/-/search`` across all searchable tables.
(An external-content index, ``content="tasks"``, would be detected without
metadata but breaks every read of the index — ``.dump`` included — because the
segmented text is not a column of ``tasks``.)
"""

from __future__ import annotations

import re

import sqlite_utils

# Searchable tables and the fields their index holds, in order.
SEARCHABLE: dict[str, tuple[str, ...]] = {
    "documents": ("title", "doc_number", "issuer", "recipients"),
    "sections": ("title", "text"),
    "tasks": ("title", "text", "tag_text"),
    "boxes": ("title", "text"),
}
FIELD_SEP = "\ue000"  # between fields: a phrase never spans two fields
SPACE = "\ue001"  # stands for whitespace: a phrase never spans it
# Punctuation kept as tokens, so "PM2.5" or "（一）" match only themselves.
TOKENCHARS = ".-%/+@#&_:：，。、；！？（）《》〔〕【】〈〉“”‘’—…·~*=<>≥≤°"
TOKENIZE = f"unicode61 tokenchars '{TOKENCHARS}'"


def segment(text: str) -> str:
    """One token per character: 计量基础 → "计 量 基 础"."""
    return " ".join(SPACE if ch.isspace() else ch for ch in text)


def index_text(values: list[str | None]) -> str:
    return f" {FIELD_SEP} ".join(segment(v or "") for v in values)


def fts_query(query: str) -> str:
    """A search box query as FTS5: each space-separated word a phrase of characters.

    ``计量 标准`` → ``"计 量" "标 准"`` (both must occur, each as a substring).
    """
    words = [w for w in re.split(r"\s+", query.strip()) if w]
    phrases = []
    for w in words:
        chars = " ".join(w.replace('"', '""'))
        phrases.append(f'"{chars}"')
    return " ".join(phrases) or '""'


def ensure_fts(db: sqlite_utils.Database) -> None:
    for table in SEARCHABLE:
        db.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS [{table}_fts] USING fts5("
            f"search_text, content='', tokenize=\"{TOKENIZE}\")"
        )


def _rows(db: sqlite_utils.Database, table: str, where: str, params: list) -> list[tuple]:
    cols = ", ".join(f"[{c}]" for c in SEARCHABLE[table])
    return db.execute(f"SELECT id, {cols} FROM [{table}] WHERE {where}", params).fetchall()


def index_rows(db: sqlite_utils.Database, table: str, where: str, params: list) -> None:
    """Add the rows matching ``where`` to the table's index."""
    db.conn.executemany(
        f"INSERT INTO [{table}_fts](rowid, search_text) VALUES (?, ?)",
        [(r[0], index_text(list(r[1:]))) for r in _rows(db, table, where, params)],
    )


def unindex_rows(db: sqlite_utils.Database, table: str, where: str, params: list) -> None:
    """Remove rows from a contentless index (it needs the indexed text back)."""
    db.conn.executemany(
        f"INSERT INTO [{table}_fts]([{table}_fts], rowid, search_text) VALUES ('delete', ?, ?)",
        [(r[0], index_text(list(r[1:]))) for r in _rows(db, table, where, params)],
    )


def snippet(text: str, query: str, width: int = 40) -> tuple[str, str, str] | None:
    """(before, match, after) around the first word of ``query`` found in ``text``."""
    for w in (w for w in re.split(r"\s+", query.strip()) if w):
        i = text.lower().find(w.lower())
        if i >= 0:
            return (text[max(0, i - width):i], text[i:i + len(w)], text[i + len(w):i + len(w) + width])
    return None
