"""The geometry of a PDF page's characters: rows, segments, rectangles.

Shared by the page layout (pdf.py) and the ruled tables (pdftables.py), so neither reaches
into the other's private helpers.
"""

from __future__ import annotations

import re

Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom


def char_rows(chars: list[dict], tol: float) -> list[list[dict]]:
    """Cluster characters into rows by vertical centre, each row sorted left to right."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        mid = (c["top"] + c["bottom"]) / 2
        if rows and abs(mid - rows[-1][-1]["_mid"]) <= tol:
            c["_mid"] = mid
            rows[-1].append(c)
        else:
            c["_mid"] = mid
            rows.append([c])
    return [sorted(r, key=lambda c: c["x0"]) for r in rows]


def segments(row: list[dict], gap: float) -> list[list[dict]]:
    segs = [[row[0]]]
    for c in row[1:]:
        prev = segs[-1][-1]
        if c["x0"] - prev["x1"] > gap * max(prev["size"], 1):
            segs.append([c])
        else:
            segs[-1].append(c)
    return segs


def line_text(chars: list[dict]) -> str:
    """Join characters, with a space only where a visible gap separates Latin/digits."""
    out = []
    prev = None
    for c in chars:
        t = c["text"]
        if not t.strip():
            prev = c
            continue
        if prev is not None and out and c["x0"] - prev["x1"] > 0.25 * c["size"] \
                and re.match(r"[A-Za-z0-9]", t) and re.match(r"[A-Za-z0-9.%]", out[-1][-1]):
            out.append(" ")
        out.append(t)
        prev = c
    return "".join(out)


def contains(outer, inner, pad: float = 2.0) -> bool:
    return (outer[0] - pad <= inner[0] and outer[1] - pad <= inner[1]
            and outer[2] + pad >= inner[2] and outer[3] + pad >= inner[3])


def inside(c: dict, bbox: tuple[float, float, float, float], pad: float = 1.0) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return x0 - pad <= cx <= x1 + pad and top - pad <= cy <= bottom + pad


def touch(a: Bbox, b: Bbox, tol: float = 2.0) -> bool:
    """Two rectangles that share part of an edge: cells of one table."""
    overlap_x = a[0] - tol <= b[2] and b[0] - tol <= a[2]
    overlap_y = a[1] - tol <= b[3] and b[1] - tol <= a[3]
    return overlap_x and overlap_y and (
        abs(a[0] - b[2]) <= tol or abs(a[2] - b[0]) <= tol or abs(a[1] - b[3]) <= tol
        or abs(a[3] - b[1]) <= tol)
