"""Tables given as tab-separated rows, and indicator tables read from them.

An indicator table (专栏1 计量发展主要指标) has a name column, one column per
target year and usually a category column whose merged cells arrive only on
the first row of each group, and an attribute column (预期性/约束性).  It
becomes one row per indicator and year.
"""

from __future__ import annotations

from .. import patterns as P
from ..ingest.clean import squeeze_cjk_spaces
from ..models import Indicator, Table
from .paragraphs import Paragraph


def build_table(rows: list[Paragraph], title: str | None = None) -> Table:
    cells = [tuple(squeeze_cjk_spaces(c.strip()) for c in r.text.split("\t")) for r in rows]
    width = max(len(c) for c in cells)
    cells = [c + ("",) * (width - len(c)) for c in cells]
    # a table continued on a new page or column repeats its header: not a row
    body = tuple(c for c in cells[1:] if c != cells[0])
    return Table(cells[0], body, rows[0].start, rows[-1].end, title)


def indicators(table: Table) -> list[Indicator]:
    """One indicator per row and year column; [] if the table has no year columns."""
    years = {i: int(m["y"]) for i, h in enumerate(table.header) if (m := P.YEAR_HEADER.match(h))}
    if not years:
        return []
    first_year = min(years)
    name_col = next((i for i, h in enumerate(table.header[:first_year]) if "指标" in h),
                    first_year - 1)
    if name_col < 0:
        return []
    cat_col = name_col - 1 if name_col > 0 else None
    attr_col = next((i for i, h in enumerate(table.header) if i > max(years) and "属性" in h), None)
    out: list[Indicator] = []
    category = None
    for row in table.rows:
        if cat_col is not None and row[cat_col]:
            category = row[cat_col]
        name = row[name_col]
        if not name:
            continue
        unit = None
        um = P.TRAILING_UNIT.search(name)
        if um:
            unit, name = um["unit"], name[: um.start()]
        attr = row[attr_col] if attr_col is not None else None
        for col, year in years.items():
            raw = row[col] if col < len(row) else ""
            if not raw:
                continue
            vm = P.NUMBER_CELL.match(raw)
            value = float(vm["v"]) if vm else None
            out.append(Indicator(category, name, unit, year, value, raw, attr or None))
    return out
