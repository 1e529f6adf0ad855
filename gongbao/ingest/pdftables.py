"""Ruled tables from PDFium's drawing objects, through pdfplumber's table algorithm.

pdfplumber finds a table by snapping and joining ruling edges, intersecting
them, and grouping the resulting cells.  Those steps are pure functions of the
edges (``pdfplumber.table``); only gathering the edges needs pdfplumber to
interpret the whole page, which costs more than everything else together (and,
for CID fonts, loads large CMaps).  Here the edges come from PDFium's path
objects, the cells go through pdfplumber's own functions, and the cell text is
made of PDFium's characters.
"""

from __future__ import annotations

from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)

from .chars import Bbox, char_rows, line_text

TOLERANCE = 3.0  # pdfplumber's default snap / join / intersection tolerance


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": "line"}


def edges(rules: list[Bbox], cells: list[Bbox]) -> list[dict]:
    """Ruling edges: thin lines become one edge, small rectangles four."""
    out = []
    for x0, top, x1, bottom in rules:
        if bottom - top <= x1 - x0:
            y = (top + bottom) / 2
            out.append(_edge(x0, y, x1, y, "h"))
        else:
            x = (x0 + x1) / 2
            out.append(_edge(x, top, x, bottom, "v"))
    for x0, top, x1, bottom in cells:
        out += [_edge(x0, top, x1, top, "h"), _edge(x0, bottom, x1, bottom, "h"),
                _edge(x0, top, x0, bottom, "v"), _edge(x1, top, x1, bottom, "v")]
    return [e for e in out if max(e["width"], e["height"]) >= TOLERANCE]


def cell_text(chars: list[dict]) -> str:
    """Characters of a cell in reading order; wrapped lines joined without a break."""
    lines = [line_text(r) for r in char_rows(chars, 2.5)]
    out = ""
    for ln in lines:
        if out and out[-1].isascii() and out[-1].isalnum() and ln[:1].isascii() and ln[:1].isalnum():
            out += " "
        out += ln
    return out


def find_tables(rules: list[Bbox], cells: list[Bbox], chars: list[dict]
                ) -> list[tuple[Bbox, list[list[str]]]]:
    """Tables as (bbox, rows of cell strings); a cell covered by a merged cell is ""."""
    es = merge_edges(edges(rules, cells), TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE)
    if not es:
        return []
    found = []
    for group in cells_to_tables(intersections_to_cells(edges_to_intersections(es, TOLERANCE,
                                                                               TOLERANCE))):
        xs = sorted({c[0] for c in group})
        ys = sorted({c[1] for c in group})
        if len(xs) < 2 or len(ys) < 2:
            continue
        grid = [["" for _ in xs] for _ in ys]
        for x0, top, x1, bottom in group:
            inside = [c for c in chars
                      if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
            grid[ys.index(top)][xs.index(x0)] = cell_text(inside)
        bbox = (min(c[0] for c in group), min(c[1] for c in group),
                max(c[2] for c in group), max(c[3] for c in group))
        found.append((bbox, grid))
    return found
