"""Graph measures written back into the knowledge base, so Datasette shows them.

Recomputed after every build for the whole knowledge base (scope ``all``) and for
each document's own tasks (scope ``document``): which bureau carries a plan is
then one sorted column away.
"""

from __future__ import annotations

import sqlite_utils

from ..graph.network import build_graph, measures, responsibility_rows
from .schema import set_meta


def write_measures(db: sqlite_utils.Database, db_path: str) -> int:
    """Replace ``department_measures``; returns the rows written."""
    everything = responsibility_rows(db_path)
    rows = [{"scope": "all", "document_id": None, **m} for m in measures(build_graph(everything))]
    by_doc: dict[int, list[dict]] = {}
    for r in everything:  # one pass, not one query per document
        by_doc.setdefault(r["document_id"], []).append(r)
    for doc_id in sorted(by_doc):
        rows += [{"scope": "document", "document_id": doc_id, **m}
                 for m in measures(build_graph(by_doc[doc_id]))]
    with db.atomic():
        db.execute("DELETE FROM department_measures")
        db["department_measures"].insert_all(rows)
    return len(rows)


def refresh_measures(db: sqlite_utils.Database, db_path: str) -> bool:
    """Recompute the measures when the set of sources changed since they were last
    computed (also after an interrupted build); returns whether it did."""
    signature = ",".join(f"{r[0]}:{r[1]}" for r in db.execute(
        "SELECT id, sha256 FROM sources ORDER BY id"))
    row = db.execute("SELECT value FROM gongbao_meta WHERE key = 'measures_signature'").fetchone()
    if row and row[0] == signature:
        return False
    write_measures(db, db_path)
    with db.atomic():
        set_meta(db, "measures_signature", signature)
    return True
