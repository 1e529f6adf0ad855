"""Exports: CSV with BOM and formula escaping, XLSX, the matrix's shape and cells."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

import gongbao
from gongbao.graph.export import RESPONSIBILITY_COLUMNS, safe_cell


def test_responsibilities_csv(built_db, tmp_path, annotation):
    out = tmp_path / "resp.csv"
    n = gongbao.export_responsibilities(built_db, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert n == len(rows) == sum(len(t["actors"]) for t in annotation["tasks"])
    assert list(rows[0]) == RESPONSIBILITY_COLUMNS
    first = rows[0]
    assert first["doc_number"] == "济政发〔2023〕11号"
    assert first["department_full_name"] == "济南市市场监督管理局"
    lead = [r for r in rows if r["role"] == "lead"]
    assert [(r["task_number"], r["department"]) for r in lead] == [("四（一）", "市市场监管局")]


def test_matrix_csv(built_db, tmp_path, annotation):
    out = tmp_path / "matrix.csv"
    n = gongbao.export_matrix(built_db, out)
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert n == len(body) == len(annotation["tasks"])
    actors = {a["name"] for t in annotation["tasks"] for a in t["actors"]}
    # the sample writes 市水务局; the directory's short name is the same unit
    assert len(header) - 5 == len(actors)
    col = header.index("济南市 · 市市场监管局")  # labelled with its government
    row = next(r for r in body if r[3] == "四（一）")
    assert row[col] == "lead"
    row = next(r for r in body if r[3] == "五（二）")
    assert row[col] == "sole"
    assert sum(1 for r in body if r[col]) == 21


def test_matrix_xlsx(built_db, tmp_path):
    out = tmp_path / "matrix.xlsx"
    n = gongbao.export_matrix(built_db, out, fmt="xlsx")
    ws = load_workbook(out).active
    assert ws.max_row == n + 1
    assert ws.cell(1, 1).value == "document"


def test_formula_injection_is_neutralised():
    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert safe_cell("+1-A1") == "'+1-A1" and safe_cell("@SUM") == "'@SUM" and safe_cell("-A1") == "'-A1"
    assert safe_cell("-2") == "-2"  # a signed number is a number: the same rule as the served CSV
    assert safe_cell("市市场监管局") == "市市场监管局" and safe_cell(3) == 3


def test_one_formula_guard_for_every_csv():
    from gongbao.publish.dsplugin import safe_csv

    for cell, want in [("-2", "-2"), ("+3.5", "+3.5"), ("=1+1", "'=1+1"), ("-x", "'-x"), ("@a", "'@a")]:
        assert safe_cell(cell) == want
        assert safe_csv(f"a\r\n{cell}\r\n".encode()).decode().splitlines()[1].strip('"') == want
