"""Exports a researcher takes into Excel, R or pandas.

CSV files start with a UTF-8 BOM so that Excel shows Chinese, and text cells
that begin with = + - @ are prefixed with an apostrophe so a spreadsheet never
runs them as formulas.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..roles import ROLE_ORDER
from .network import (
    ROLE_LETTERS,
    Scope,
    build_graph,
    citation_graph,
    departments,
    projection,
    responsibility_rows,
    tasks,
)

RESPONSIBILITY_COLUMNS = [
    "source", "doc_number", "document_title", "document_kind", "task_id", "task_number",
    "task_title", "department_label", "department", "department_full_name", "department_kind",
    "jurisdiction", "jurisdiction_code", "resolved_by", "role", "name_as_written", "written_start",
    "page", "char_start",
]

FORMATS = ("csv", "xlsx")
PICTURE_FORMATS = ("png", "svg")
GRAPH_FORMATS = ("graphml", "gexf", "json")
GRAPH_KINDS = ("bipartite", "projection", "citations")


# A signed number is a number, not a formula: -2 stays -2 (CSV has no types).
_NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$")


def safe_cell(value: object) -> object:
    """Neutralise spreadsheet formulas (CSV injection) in text cells: the one guard of every
    export and of Datasette's own CSV downloads."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.match(value):
        return "'" + value
    return value


def _write(rows: list[list[object]], out: str | Path | io.TextIOBase, fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    rows = [[safe_cell(v) for v in row] for row in rows]
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        for row in rows:
            ws.append(row)
        ws.freeze_panes = "A2"
        wb.save(str(out))
        return
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows(rows)
    else:
        out.write("\ufeff")
        csv.writer(out).writerows(rows)


def export_responsibilities(db_path: str | Path, out: str | Path | io.TextIOBase,
                            fmt: str = "csv", document_id: int | None = None,
                            jurisdiction: str | None = None, scope: Scope | None = None) -> int:
    """One row per task–actor pair; returns the number of rows written."""
    data = responsibility_rows(db_path, document_id, jurisdiction, scope)
    _write([RESPONSIBILITY_COLUMNS, *([r[c] for c in RESPONSIBILITY_COLUMNS] for r in data)],
           out, fmt)
    return len(data)


def matrix_rows(db_path: str | Path, document_id: int | None = None,
                jurisdiction: str | None = None, scope: Scope | None = None,
                letters: bool = False) -> list[list[object]]:
    """Tasks × actors, cells the role (or its letter: L lead, O sole, S shared,
    P support, G guide); actors ordered by how many tasks they carry."""
    g = build_graph(responsibility_rows(db_path, document_id, jurisdiction, scope))
    task_nodes = tasks(g)
    depts = sorted(departments(g), key=lambda n: (-g.degree(n), g.nodes[n]["name"]))
    header: list[object] = ["document", "doc_number", "task_id", "task_number", "task_title",
                            *(g.nodes[d]["name"] for d in depts)]
    rows: list[list[object]] = [header]
    for t in task_nodes:
        a = g.nodes[t]
        cells = []
        for d in depts:
            role = g.edges[t, d]["role"] if g.has_edge(t, d) else ""
            cells.append(ROLE_LETTERS.get(role, role) if letters else role)
        rows.append([a["document"], a["doc_number"], int(t.split(":")[1]), a["number"],
                     a["title"], *cells])
    return rows


def export_matrix(db_path: str | Path, out: str | Path | io.TextIOBase, fmt: str = "csv",
                  document_id: int | None = None, jurisdiction: str | None = None,
                  scope: Scope | None = None, letters: bool = False) -> int:
    """Write the responsibility matrix (a table, or a heatmap picture for png/svg);
    returns the number of task rows."""
    if fmt in PICTURE_FORMATS:
        from .heatmap import draw_heatmap

        g = build_graph(responsibility_rows(db_path, document_id, jurisdiction, scope))
        return draw_heatmap(g, out, fmt)
    rows = matrix_rows(db_path, document_id, jurisdiction, scope, letters)
    _write(rows, out, fmt)
    return len(rows) - 1


def _clean_attrs(g):
    """GraphML and GEXF take strings and numbers only: None becomes ""."""
    for _, a in g.nodes(data=True):
        for k, v in list(a.items()):
            if v is None:
                a[k] = ""
    for *_, a in g.edges(data=True):
        for k, v in list(a.items()):
            if v is None:
                a[k] = ""
    return g


def graph_of(db_path: str | Path, kind: str = "bipartite", scope: Scope | None = None):
    if kind not in GRAPH_KINDS:
        raise ValueError(f"unknown graph {kind!r}; use one of {', '.join(GRAPH_KINDS)}")
    if kind == "citations":
        return citation_graph(db_path, scope)
    g = build_graph(responsibility_rows(db_path, scope=scope))
    return projection(g) if kind == "projection" else g


def export_graph(db_path: str | Path, out: str | Path | io.TextIOBase, fmt: str = "graphml",
                 kind: str = "bipartite", scope: Scope | None = None) -> tuple[int, int]:
    """Write a graph for Gephi, igraph or networkx; returns (nodes, edges)."""
    import json

    import networkx as nx

    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
    g = _clean_attrs(graph_of(db_path, kind, scope))
    if fmt == "json":
        text = json.dumps(nx.node_link_data(g, edges="links"), ensure_ascii=False, indent=1)
    else:  # UTF-8 XML: Chinese stays readable, not character references
        buf = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(g, buf, encoding="utf-8")
        text = buf.getvalue().decode("utf-8")
    if isinstance(out, (str, Path)):
        Path(out).write_text(text, encoding="utf-8")
    else:
        out.write(text)
    return g.number_of_nodes(), g.number_of_edges()


def department_workload(db_path: str | Path, name: str,
                        scope: Scope | None = None) -> list[dict]:
    """One department's tasks (by name as written, short or official name)."""
    rows = [r for r in responsibility_rows(db_path, scope=scope)
            if name in (r["department"], r["department_full_name"], r["name_as_written"],
                        r["department_label"])]
    order = {r: i for i, r in enumerate(ROLE_ORDER)}
    return sorted(rows, key=lambda r: (r["source"], r["document_id"], order.get(r["role"], 9),
                                       r["task_id"]))


def export_department(db_path: str | Path, name: str, out: str | Path | io.TextIOBase,
                      fmt: str = "csv", scope: Scope | None = None) -> int:
    """A department's workload: its tasks grouped by document and role (CSV or Markdown)."""
    from ..errors import GongbaoError

    rows = department_workload(db_path, name, scope)
    if not rows:
        raise GongbaoError(f"no tasks for {name}: check the name in the departments table")
    if fmt == "md":
        lines = [f"# {rows[0]['department_label']}（{rows[0]['department_full_name']}）", ""]
        lines.append(f"{len(rows)} tasks.")
        doc = role = None
        for r in rows:
            if r["document_id"] != doc:
                doc, role = r["document_id"], None
                lines += ["", f"## {r['document_title']}" + (f"（{r['doc_number']}）" if r["doc_number"] else "")]
            if r["role"] != role:
                role = r["role"]
                lines += ["", f"### {role}", ""]
            page = f", p. {r['page']}" if r["page"] else ""
            lines.append(f"- {r['task_number'] or ''} {r['task_title'] or ''} (task {r['task_id']}{page})")
        text = "\n".join(lines) + "\n"
        if isinstance(out, (str, Path)):
            Path(out).write_text(text, encoding="utf-8")
        else:
            out.write(text)
        return len(rows)
    cols = ["doc_number", "document_title", "role", "task_id", "task_number", "task_title", "page",
            "department_label", "department", "department_full_name", "name_as_written"]
    _write([cols, *([r[c] for c in cols] for r in rows)], out, "csv" if fmt == "md" else fmt)
    return len(rows)
