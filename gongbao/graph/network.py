"""The responsibility graph: task and department nodes, edges labelled by role.

The knowledge base is the source of truth; the graph is built from it on
demand, so that every export (matrix, GraphML later) sees the same rows.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import networkx as nx

from ..errors import DatabaseError

RESPONSIBILITY_SQL = """
SELECT s.path AS source, COALESCE(d.doc_number, p.doc_number) AS doc_number,
       d.id AS document_id, d.title AS document_title, d.kind AS document_kind,
       t.id AS task_id, t.number AS task_number, t.title AS task_title,
       dep.id AS department_id, dep.name AS department, dep.full_name AS department_full_name,
       dep.kind AS department_kind, dep.jurisdiction AS jurisdiction, r.role AS role,
       r.name_as_written AS name_as_written, t.page AS page, t.char_start AS char_start
FROM responsibilities r
JOIN tasks t ON t.id = r.task_id
JOIN documents d ON d.id = t.document_id
LEFT JOIN documents p ON p.id = d.parent_id
JOIN sources s ON s.id = d.source_id
JOIN departments dep ON dep.id = r.department_id
{where}
ORDER BY s.path, d.seq, t.id, CASE r.role WHEN 'lead' THEN 0 WHEN 'sole' THEN 1
         WHEN 'shared' THEN 2 WHEN 'guide' THEN 3 ELSE 4 END, dep.id
"""

ROLE_ORDER = ("lead", "sole", "shared", "guide", "support")


def connect(db_path: str | Path) -> sqlite3.Connection:
    p = Path(db_path)
    if not p.exists():
        raise DatabaseError(f"{p}: no knowledge base here; run `gongbao build` first")
    conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("SELECT 1 FROM responsibilities LIMIT 1")
    except sqlite3.DatabaseError as e:
        raise DatabaseError(f"{p}: not a gongbao knowledge base ({e})") from e
    return conn


def responsibility_rows(db_path: str | Path, document_id: int | None = None,
                        jurisdiction: str | None = None) -> list[dict]:
    """One row per task–actor pair, with document and department context."""
    clauses, params = [], []
    if document_id is not None:
        clauses.append("(d.id = ? OR d.parent_id = ?)")
        params += [document_id, document_id]
    if jurisdiction is not None:
        clauses.append("dep.jurisdiction = ?")
        params.append(jurisdiction)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    conn = connect(db_path)
    try:
        return [dict(r) for r in conn.execute(RESPONSIBILITY_SQL.format(where=where), params)]
    finally:
        conn.close()


def build_graph(rows: list[dict]) -> nx.Graph:
    """A bipartite graph: ``task:N`` and ``dept:N`` nodes, one edge per pair with its role."""
    g = nx.Graph()
    for r in rows:
        t, d = f"task:{r['task_id']}", f"dept:{r['department_id']}"
        g.add_node(t, bipartite="task", document=r["document_title"], number=r["task_number"],
                   title=r["task_title"] or "", doc_number=r["doc_number"] or "")
        g.add_node(d, bipartite="department", name=r["department"],
                   full_name=r["department_full_name"], kind=r["department_kind"],
                   jurisdiction=r["jurisdiction"] or "")
        if g.has_edge(t, d):  # a unit named twice in one tag keeps its strongest role
            old = g.edges[t, d]["role"]
            if ROLE_ORDER.index(r["role"]) >= ROLE_ORDER.index(old):
                continue
        g.add_edge(t, d, role=r["role"])
    return g
