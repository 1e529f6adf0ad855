"""Graph measures written back into the knowledge base, so Datasette shows them
(and so the canned queries over departments stay fast on thousands of issues).

Recomputed after a build that changed the sources, for the whole knowledge base
(scope ``all``) and for each document's own tasks (scope ``document``).  Memory
stays flat in the corpus size: role counts and the co-responsibility pairs come
from SQL aggregates, networkx only holds the department network (a few hundred
nodes) and one document's bipartite graph at a time.
"""

from __future__ import annotations

from itertools import groupby

import networkx as nx
import sqlite_utils

from ..graph.network import build_graph, measures, position
from ..roles import role_rank_sql
from .schema import set_meta
from .store import writing

ROLE_COUNTS_SQL = """
SELECT department_id,
       COUNT(DISTINCT task_id) AS tasks,
       COUNT(DISTINCT CASE WHEN role = 'lead' THEN task_id END) AS lead_tasks,
       COUNT(DISTINCT CASE WHEN role = 'sole' THEN task_id END) AS sole_tasks,
       COUNT(DISTINCT CASE WHEN role = 'shared' THEN task_id END) AS shared_tasks,
       COUNT(DISTINCT CASE WHEN role = 'support' THEN task_id END) AS support_tasks,
       COUNT(DISTINCT CASE WHEN role = 'guide' THEN task_id END) AS guide_tasks
FROM responsibilities GROUP BY department_id
"""

PAIRS_SQL = """
WITH best AS (  -- one role per task and department: the strongest
  SELECT task_id, department_id, MIN(""" + role_rank_sql() + """) AS r
  FROM responsibilities GROUP BY task_id, department_id
)
SELECT a.department_id AS a, b.department_id AS b, COUNT(*) AS shared_tasks,
       SUM((a.r = 0 AND b.r = 4) OR (a.r = 4 AND b.r = 0)) AS lead_support,
       SUM(a.r = b.r) AS same_role
FROM best a JOIN best b ON a.task_id = b.task_id AND a.department_id < b.department_id
GROUP BY a.department_id, b.department_id
"""

DOC_ROWS_SQL = """
SELECT t.document_id, d.title AS document_title, t.id AS task_id, t.number AS task_number,
       t.title AS task_title, r.department_id, r.role, NULL AS doc_number
FROM responsibilities r JOIN tasks t ON t.id = r.task_id JOIN documents d ON d.id = t.document_id
ORDER BY t.document_id, t.id
"""


def _department_network(db: sqlite_utils.Database, info: dict[int, dict]) -> tuple[nx.Graph, list[dict]]:
    p = nx.Graph()
    for dep_id, a in info.items():
        p.add_node(dep_id, **a)
    pairs = []
    for a, b, w, ls, same in db.execute(PAIRS_SQL):
        p.add_edge(a, b, weight=w)
        pairs.append({"department_a": a, "department_b": b, "name_a": info[a]["name"],
                      "name_b": info[b]["name"], "shared_tasks": w, "lead_support": ls,
                      "same_role": same})
    pairs.sort(key=lambda r: (-r["shared_tasks"], r["name_a"], r["name_b"]))
    return p, pairs


def write_measures(db: sqlite_utils.Database, db_path: str | None = None) -> int:
    """Replace ``department_measures`` and ``department_pairs``; returns the rows written."""
    info = {r[0]: {"name": r[5] or r[1], "short_name": r[1], "full_name": r[2], "kind": r[3],
                   "jurisdiction": r[4] or "", "department_id": r[0]}
            for r in db.execute("SELECT id, name, full_name, kind, jurisdiction, label FROM departments")}
    p, pairs = _department_network(db, info)
    between, community = position(p)
    rows = []
    for dep_id, *counts in db.execute(ROLE_COUNTS_SQL):
        names = ("tasks", "lead_tasks", "sole_tasks", "shared_tasks", "support_tasks", "guide_tasks")
        rows.append({"scope": "all", "document_id": None, "department_id": dep_id,
                     "name": info[dep_id]["name"], **dict(zip(names, counts, strict=True)),
                     "degree": p.degree(dep_id), "weighted_degree": p.degree(dep_id, weight="weight"),
                     "betweenness": round(between.get(dep_id, 0.0), 6),
                     "community": community.get(dep_id)})
    rows.sort(key=lambda r: (-r["tasks"], r["name"]))
    cursor = db.conn.execute(DOC_ROWS_SQL)
    cols = [c[0] for c in cursor.description]
    for doc_id, group in groupby((dict(zip(cols, r, strict=True)) for r in cursor),
                                 key=lambda r: r["document_id"]):
        doc_rows = []
        for r in group:  # one document in memory at a time
            d = info[r["department_id"]]
            doc_rows.append({**r, "department": d["short_name"], "department_label": d["name"],
                             "department_full_name": d["full_name"],
                             "department_kind": d["kind"], "jurisdiction": d["jurisdiction"]})
        rows += [{"scope": "document", "document_id": doc_id, **m}
                 for m in measures(build_graph(doc_rows))]
    with writing(db):
        db.execute("DELETE FROM department_measures")
        db.execute("DELETE FROM department_pairs")
        db["department_measures"].insert_all(rows, batch_size=2000)
        db["department_pairs"].insert_all(pairs, batch_size=2000)
    return len(rows)


def refresh_measures(db: sqlite_utils.Database, db_path: str | None = None) -> bool:
    """Recompute the measures when the set of sources changed since they were last
    computed (also after an interrupted build); returns whether it did."""
    signature = ",".join(f"{r[0]}:{r[1]}" for r in db.execute(
        "SELECT id, sha256 FROM sources ORDER BY id"))
    row = db.execute("SELECT value FROM gongbao_meta WHERE key = 'measures_signature'").fetchone()
    if row and row[0] == signature:
        return False
    write_measures(db, db_path)
    with writing(db):
        set_meta(db, "measures_signature", signature)
    return True
