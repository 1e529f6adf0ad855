"""The responsibility graph: task and department nodes, edges labelled by role.

The knowledge base is the source of truth; graphs are built from it on demand
for a scope (one document, one issue, a jurisdiction, a year range, a kind of
document, or everything), so that every export and measure sees the same rows.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import networkx as nx

from ..errors import DatabaseError
from ..roles import ROLE_ORDER, role_rank_sql

RESPONSIBILITY_SQL = """
SELECT s.path AS source, COALESCE(d.doc_number, p.doc_number) AS doc_number,
       d.id AS document_id, d.title AS document_title, d.kind AS document_kind,
       t.id AS task_id, t.number AS task_number, t.title AS task_title,
       dep.id AS department_id, dep.name AS department, dep.full_name AS department_full_name,
       COALESCE(dep.label, dep.name) AS department_label,
       dep.kind AS department_kind, dep.jurisdiction AS jurisdiction,
       dep.jurisdiction_code AS jurisdiction_code, dep.resolved_by AS resolved_by, r.role AS role,
       r.name_as_written AS name_as_written, r.written_start AS written_start, t.page AS page,
       t.char_start AS char_start
FROM responsibilities r
JOIN tasks t ON t.id = r.task_id
JOIN documents d ON d.id = t.document_id
LEFT JOIN documents p ON p.id = d.parent_id
JOIN sources s ON s.id = d.source_id
JOIN departments dep ON dep.id = r.department_id
LEFT JOIN issues i ON i.id = d.issue_id
{where}
ORDER BY s.path, d.seq, t.id, {rank}, dep.id
"""

# One letter per role for compact matrices.
ROLE_LETTERS = {"lead": "L", "sole": "O", "shared": "S", "support": "P", "guide": "G"}
# The year of a document: its issue's year, else its signing or printing date.
YEAR_SQL = ("COALESCE(i.year, CAST(substr(COALESCE(d.signed_date, p.signed_date, d.printed_date), 1, 4) "
            "AS INTEGER))")


@dataclass(frozen=True)
class Scope:
    """Which part of the knowledge base a graph or export covers (all fields optional)."""

    document_id: int | None = None  # the document and its attachments / issued documents
    issue_id: int | None = None
    jurisdiction: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    kind: str | None = None  # document kind: plan, measures, opinions…

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.document_id is not None:
            clauses.append("(d.id = ? OR d.parent_id = ? OR p.parent_id = ?)")
            params += [self.document_id] * 3
        if self.issue_id is not None:
            clauses.append("d.issue_id = ?")
            params.append(self.issue_id)
        if self.jurisdiction is not None:
            clauses.append("(d.jurisdiction = ? OR dep.jurisdiction = ? OR d.jurisdiction_code = ? "
                           "OR dep.jurisdiction_code = ?)")  # 济南市 or its code 370100
            params += [self.jurisdiction] * 4
        if self.year_from is not None:
            clauses.append(f"{YEAR_SQL} >= ?")
            params.append(self.year_from)
        if self.year_to is not None:
            clauses.append(f"{YEAR_SQL} <= ?")
            params.append(self.year_to)
        if self.kind is not None:
            clauses.append("d.kind = ?")
            params.append(self.kind)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


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
                        jurisdiction: str | None = None, scope: Scope | None = None) -> list[dict]:
    """One row per task–actor pair, with document and department context."""
    scope = scope or Scope(document_id=document_id, jurisdiction=jurisdiction)
    where, params = scope.where()
    conn = connect(db_path)
    try:
        sql = RESPONSIBILITY_SQL.format(where=where, rank=role_rank_sql("r.role"))
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def build_graph(rows: list[dict]) -> nx.Graph:
    """A bipartite graph: ``task:N`` and ``dept:N`` nodes, one edge per pair with its role."""
    g = nx.Graph()
    for r in rows:
        t, d = f"task:{r['task_id']}", f"dept:{r['department_id']}"
        g.add_node(t, bipartite="task", label=f"{r['task_number'] or ''} {r['task_title'] or ''}".strip(),
                   document=r["document_title"], document_id=r["document_id"],
                   number=r["task_number"] or "", title=r["task_title"] or "",
                   doc_number=r["doc_number"] or "")
        g.add_node(d, bipartite="department", label=r["department_label"], name=r["department_label"],
                   short_name=r["department"],
                   full_name=r["department_full_name"], kind=r["department_kind"],
                   jurisdiction=r["jurisdiction"] or "", department_id=r["department_id"])
        if g.has_edge(t, d):  # a unit named twice in one tag keeps its strongest role
            old = g.edges[t, d]["role"]
            if ROLE_ORDER.index(r["role"]) >= ROLE_ORDER.index(old):
                continue
        g.add_edge(t, d, role=r["role"])
    return g


def display_names(g, nodes) -> dict:
    """What a picture writes by each department: its short name when all are of one government
    (a document's graph), its label with the government when they are not."""
    govs = {g.nodes[n].get("jurisdiction") for n in nodes}
    one = len(govs) == 1
    return {n: (g.nodes[n].get("short_name") or g.nodes[n]["name"]) if one else g.nodes[n]["name"]
            for n in nodes}


def departments(g: nx.Graph) -> list[str]:
    return [n for n, a in g.nodes(data=True) if a["bipartite"] == "department"]


def tasks(g: nx.Graph) -> list[str]:
    return [n for n, a in g.nodes(data=True) if a["bipartite"] == "task"]


def projection(g: nx.Graph) -> nx.Graph:
    """Departments linked by the tasks they share.

    Edge attributes: ``weight`` (shared tasks), ``lead_support`` (tasks where one
    leads and the other supports), ``same_role`` (tasks where both have the same
    role), ``tasks`` (the task ids, comma-separated).
    """
    p = nx.Graph()
    for d in departments(g):
        p.add_node(d, **g.nodes[d])
    for t in tasks(g):
        actors = sorted(g.neighbors(t))
        for a, b in combinations(actors, 2):
            ra, rb = g.edges[t, a]["role"], g.edges[t, b]["role"]
            if not p.has_edge(a, b):
                p.add_edge(a, b, weight=0, lead_support=0, same_role=0, tasks="")
            e = p.edges[a, b]
            e["weight"] += 1
            e["lead_support"] += int({ra, rb} == {"lead", "support"})
            e["same_role"] += int(ra == rb)
            e["tasks"] = ",".join(filter(None, [e["tasks"], t.split(":")[1]]))
    return p


def top_pairs(p: nx.Graph, n: int = 5) -> list[tuple[str, str, int]]:
    """The department pairs that share the most tasks (names, count), ties by name."""
    pairs = [(p.nodes[a]["name"], p.nodes[b]["name"], d["weight"]) for a, b, d in p.edges(data=True)]
    pairs = [(min(a, b), max(a, b), w) for a, b, w in pairs]
    return sorted(pairs, key=lambda x: (-x[2], x[0], x[1]))[:n]


def position(p: nx.Graph) -> tuple[dict, dict]:
    """Betweenness (unweighted) and Louvain community (seeded; 1 = largest) of each
    department in a co-responsibility network."""
    if not p.number_of_edges():
        return {}, {}
    between = nx.betweenness_centrality(p, weight=None)
    community = {}
    comms = nx.community.louvain_communities(p, weight="weight", seed=1)
    for k, members in enumerate(sorted(comms, key=lambda c: (-len(c), sorted(c))), 1):
        for m in members:
            community[m] = k
    return between, community


def measures(g: nx.Graph) -> list[dict]:
    """Per department: task counts by role and its position in the projection."""
    p = projection(g)
    between, community = position(p)
    out = []
    for d in departments(g):
        roles = Counter(g.edges[d, t]["role"] for t in g.neighbors(d))
        out.append({
            "department_id": g.nodes[d]["department_id"], "name": g.nodes[d]["name"],
            "tasks": g.degree(d), "lead_tasks": roles["lead"], "sole_tasks": roles["sole"],
            "shared_tasks": roles["shared"], "support_tasks": roles["support"],
            "guide_tasks": roles["guide"], "degree": p.degree(d),
            "weighted_degree": p.degree(d, weight="weight"),
            "betweenness": round(between.get(d, 0.0), 6), "community": community.get(d),
        })
    return sorted(out, key=lambda r: (-r["tasks"], r["name"]))


def _title_key(title: str) -> str:
    """Titles compared without quotation brackets (《》 inside a title is written 〈〉
    when the title is itself quoted), spaces or bracket width."""
    return re.sub(r"[《》〈〉<>\s]", "", title).replace("(", "（").replace(")", "）")


def citation_graph(db_path: str | Path, scope: Scope | None = None) -> nx.DiGraph:
    """Documents → the documents they cite (by 文号, else by title), resolved to
    documents in the knowledge base where present, else an ``external`` node."""
    conn = connect(db_path)
    try:
        docs = {r["id"]: dict(r) for r in conn.execute(
            "SELECT id, title, doc_number, kind FROM documents")}
        by_number = {d["doc_number"]: i for i, d in docs.items() if d["doc_number"]}
        by_title = {_title_key(d["title"]): i for i, d in docs.items()}
        g = nx.DiGraph()
        rows = conn.execute("SELECT document_id, title, doc_number FROM citations").fetchall()
    finally:
        conn.close()
    allowed = None
    if scope is not None and scope != Scope():
        allowed = {r["document_id"] for r in responsibility_rows(db_path, scope=scope)}
    for did, d in docs.items():
        if allowed is None or did in allowed:
            g.add_node(f"doc:{did}", label=d["title"], doc_number=d["doc_number"] or "",
                       kind=d["kind"], in_kb=True)
    for r in rows:
        src = f"doc:{r['document_id']}"
        if src not in g:
            continue
        hit = by_number.get(r["doc_number"]) if r["doc_number"] else None
        hit = hit if hit is not None else by_title.get(_title_key(r["title"]))
        if hit is not None:
            dst = f"doc:{hit}"
            if dst not in g:
                d = docs[hit]
                g.add_node(dst, label=d["title"], doc_number=d["doc_number"] or "", kind=d["kind"],
                           in_kb=True)
        else:
            dst = f"ext:{r['doc_number'] or r['title']}"
            g.add_node(dst, label=r["title"], doc_number=r["doc_number"] or "", kind="external",
                       in_kb=False)
        if dst != src:
            g.add_edge(src, dst)
    return g
