"""Graph measures written back into the knowledge base, so Datasette shows them
(and so the canned queries over departments stay fast on thousands of issues).

Recomputed after every build for the whole knowledge base (scope ``all``) and for
each document's own tasks (scope ``document``): which bureau carries a plan is
then one sorted column away.
"""

from __future__ import annotations

import sqlite_utils

from ..graph.network import build_graph, measures, projection, responsibility_rows
from .schema import set_meta


def write_measures(db: sqlite_utils.Database, db_path: str) -> int:
    """Replace ``department_measures``; returns the rows written."""
    everything = responsibility_rows(db_path)
    g = build_graph(everything)
    rows = [{"scope": "all", "document_id": None, **m} for m in measures(g)]
    p = projection(g)
    pairs = sorted(
        ({"department_a": p.nodes[a]["department_id"], "department_b": p.nodes[b]["department_id"],
          "name_a": p.nodes[a]["name"], "name_b": p.nodes[b]["name"], "shared_tasks": d["weight"],
          "lead_support": d["lead_support"], "same_role": d["same_role"]}
         for a, b, d in p.edges(data=True)),
        key=lambda r: (-r["shared_tasks"], r["name_a"], r["name_b"]))
    by_doc: dict[int, list[dict]] = {}
    for r in everything:  # one pass, not one query per document
        by_doc.setdefault(r["document_id"], []).append(r)
    for doc_id in sorted(by_doc):
        rows += [{"scope": "document", "document_id": doc_id, **m}
                 for m in measures(build_graph(by_doc[doc_id]))]
    with db.atomic():
        db.execute("DELETE FROM department_measures")
        db.execute("DELETE FROM department_pairs")
        db["department_measures"].insert_all(rows)
        db["department_pairs"].insert_all(pairs)
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
