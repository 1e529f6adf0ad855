"""Exports a researcher takes into Excel, R or pandas.

CSV files start with a UTF-8 BOM so that Excel shows Chinese, and text cells
that begin with = + - @ are prefixed with an apostrophe so a spreadsheet never
runs them as formulas.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .network import build_graph, responsibility_rows

RESPONSIBILITY_COLUMNS = [
    "source", "doc_number", "document_title", "document_kind", "task_id", "task_number",
    "task_title", "department", "department_full_name", "department_kind", "jurisdiction",
    "role", "name_as_written", "page", "char_start",
]

FORMATS = ("csv", "xlsx")


def safe_cell(value: object) -> object:
    """Neutralise spreadsheet formulas (CSV injection) in text cells."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
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
                            jurisdiction: str | None = None) -> int:
    """One row per task–actor pair; returns the number of rows written."""
    data = responsibility_rows(db_path, document_id, jurisdiction)
    _write([RESPONSIBILITY_COLUMNS, *([r[c] for c in RESPONSIBILITY_COLUMNS] for r in data)],
           out, fmt)
    return len(data)


def matrix_rows(db_path: str | Path, document_id: int | None = None,
                jurisdiction: str | None = None) -> list[list[object]]:
    """Tasks × actors, cells the role; actors ordered by how many tasks they carry."""
    g = build_graph(responsibility_rows(db_path, document_id, jurisdiction))
    tasks = [n for n, a in g.nodes(data=True) if a["bipartite"] == "task"]
    depts = sorted((n for n, a in g.nodes(data=True) if a["bipartite"] == "department"),
                   key=lambda n: (-g.degree(n), g.nodes[n]["name"]))
    header: list[object] = ["document", "doc_number", "task_id", "task_number", "task_title",
                            *(g.nodes[d]["name"] for d in depts)]
    rows: list[list[object]] = [header]
    for t in tasks:
        a = g.nodes[t]
        rows.append([a["document"], a["doc_number"], int(t.split(":")[1]), a["number"],
                     a["title"], *(g.edges[t, d]["role"] if g.has_edge(t, d) else ""
                                   for d in depts)])
    return rows


def export_matrix(db_path: str | Path, out: str | Path | io.TextIOBase, fmt: str = "csv",
                  document_id: int | None = None, jurisdiction: str | None = None) -> int:
    """Write the responsibility matrix; returns the number of task rows."""
    rows = matrix_rows(db_path, document_id, jurisdiction)
    _write(rows, out, fmt)
    return len(rows) - 1
