"""PDF ingestion (issue 4): the gazette PDFs rendered from the sample give the same
knowledge base as its text, with printed pages; edge cases from tests/pdfgen.py;
bad PDFs are refused with the file named."""

from __future__ import annotations

import collections
import difflib
import json
import re
from pathlib import Path

import pytest

import gongbao
from gongbao.errors import InputError
from gongbao.ingest import read_source
from gongbao.ingest.clean import fold_width
from gongbao.ingest.pdf import PdfSettings, check_text_layer
from gongbao.parse.masthead import normalise_title

from . import pdfgen
from .conftest import CORPUS, FIXTURES, SAMPLE

PDFS = sorted((FIXTURES / "pdf").glob("*.pdf"))


def norm(t: str) -> str:
    return re.sub(r"\s+", "", fold_width(t))


def summary(ps):
    docs = [(d.kind, normalise_title(d.title), d.doc_number, d.signed_date, d.printed_date, d.parent)
            for d in ps.documents]
    tasks = [(t.number, tuple((a.written, a.role) for a in t.tag.actors))
             for d in ps.documents for t in d.tasks]
    boxes = [(b.number, b.title, len(b.indicators)) for d in ps.documents for b in d.boxes]
    inds = sorted((x.category, x.name, x.unit, x.year, x.value, x.attribute)
                  for d in ps.documents for b in d.boxes for x in b.indicators)
    warns = collections.Counter(f.kind for f in ps.findings if f.severity != "info")
    return {"documents": docs, "tasks": tasks, "boxes": boxes, "indicators": inds, "warnings": warns}


@pytest.fixture(scope="module")
def text_summary():
    return summary(gongbao.parse(SAMPLE))


@pytest.fixture(scope="module", params=PDFS, ids=lambda p: p.stem)
def pdf(request):
    truth = json.loads(Path(str(request.param)[:-4] + ".truth.json").read_text("utf-8"))
    return request.param, gongbao.parse(request.param), truth


def test_same_knowledge_base_as_the_text(pdf, text_summary):
    _, ps, _ = pdf
    got = summary(ps)
    for key, want in text_summary.items():
        assert got[key] == want, key
    assert len(got["tasks"]) == 25 and sum(len(a) for _, a in got["tasks"]) == 63


def test_page_text_in_reading_order(pdf):
    path, _, truth = pdf
    pages = read_source(path).text.split("\f")
    assert len(pages) == truth["n_pages"]
    for page, want in zip(pages, truth["pages"], strict=True):
        body = "".join(b["text"] for b in want["blocks"] if b["kind"] not in ("header", "footer"))
        ratio = difflib.SequenceMatcher(None, norm(page), norm(body), autojunk=False).ratio()
        assert ratio >= 0.99, (want["page"], ratio)


def test_every_task_has_its_printed_page(pdf):
    _, ps, truth = pdf
    pages = [(p["printed_page"], norm(p["text"])) for p in truth["pages"]]
    for d in ps.documents:
        for t in d.tasks:
            head = norm(t.text)[:14]
            want = next(n for n, text in pages if head in text)
            assert t.page == want, (t.number, t.page, want)
    assert ps.printed_pages == tuple(p["printed_page"] for p in truth["pages"])


def test_a_box_in_two_frames_is_one_box(pdf):
    _, ps, truth = pdf
    plan = next(d for d in ps.documents if d.kind == "plan")
    assert len(plan.boxes) == 6
    for split in truth["box_splits"]:
        number = int(re.sub(r"\D", "", split["box_id"]))
        box = next(b for b in plan.boxes if b.number == number)
        parts = [blk for p in truth["pages"] for blk in p["blocks"]
                 if blk["kind"] == "box" and blk.get("box_id") == split["box_id"]]
        assert len(parts) == 2
        for part in parts:
            tail = norm(part["text"])[-12:]
            assert tail in norm(box.text + "".join(
                "\t".join(r) for r in (box.table.rows if box.table else ())))


def test_built_database_has_pages(tmp_path):
    db = tmp_path / "kb.db"
    report = gongbao.build([PDFS[0]], db)
    assert report.ok
    import sqlite3

    conn = sqlite3.connect(db)
    n_pages = conn.execute("select count(*) from pages").fetchone()[0]
    assert n_pages == len(read_source(PDFS[0]).page_starts)
    assert conn.execute("select count(*) from tasks where page is null or pdf_page is null"
                        ).fetchone()[0] == 0
    assert conn.execute("select count(*) from tasks where pdf_page - page != 2").fetchone()[0] == 0


# -- edge cases made by our own generator --------------------------------------

@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    path = pdfgen.edge_case_issue(tmp_path_factory.mktemp("pdf") / "edge.pdf")
    return gongbao.parse(path)


def test_tag_split_by_a_column_break(edge):
    task = next(t for d in edge.documents for t in d.tasks if t.number == "一（一）")
    assert [(a.name, a.role) for a in task.tag.actors] == [("市发展改革委", "shared"), ("市财政局", "shared")]
    assert task.page == 2


def test_box_across_a_page_break(edge):
    (box,) = [b for d in edge.documents for b in d.boxes]
    assert box.title == "重点工程" and box.page == 2
    assert "数据工程" in box.text and "算力工程" in box.text


def test_table_across_pages_with_repeated_header(edge):
    rows = {t.number: t for d in edge.documents for t in d.tasks if t.number and t.number.isdigit()}
    assert sorted(rows) == ["1", "2", "3", "4"]
    assert [(a.name, a.role) for a in rows["3"].tag.actors] == [
        ("市工业和信息化局", "lead"), ("市科技局", "support"), ("市商务局", "support")]
    assert (rows["2"].page, rows["3"].page) == (3, 4)
    assert rows["4"].deadline == "长期坚持"


# -- bad input ------------------------------------------------------------------

def test_scanned_pdf_needs_ocr(tmp_path):
    path = pdfgen.scanned_page(tmp_path / "scan 扫描件.pdf")
    with pytest.raises(InputError, match="OCR") as e:
        read_source(path)
    assert "scan 扫描件.pdf" in str(e.value)


def test_encrypted_pdf(tmp_path):
    path = pdfgen.edge_case_issue(tmp_path / "locked.pdf", encrypt="secret")
    with pytest.raises(InputError, match="encrypted") as e:
        read_source(path)
    assert "locked.pdf" in str(e.value)


def test_truncated_pdf(tmp_path):
    data = PDFS[0].read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError) as e:
        read_source(path)
    assert "cut.pdf" in str(e.value)


def test_not_a_pdf(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"\x00\x01garbage" * 100)
    with pytest.raises(InputError, match="not a PDF"):
        read_source(path)


def test_text_layer_without_unicode_map_is_refused():
    with pytest.raises(InputError, match="OCR"):
        check_text_layer("x.pdf", ["(cid:1234)(cid:88)(cid:17)" * 20])
    with pytest.raises(InputError, match="unreadable"):
        check_text_layer("x.pdf", ["\ue012\ue013\ue014\ue015" * 50])
    check_text_layer("x.pdf", ["济南市人民政府公报 2023年第22期"])


def test_settings_are_validated():
    with pytest.raises(ValueError):
        PdfSettings(row_tolerance=0)
    with pytest.raises(ValueError):
        PdfSettings(header_band=0.5)


def test_real_national_pdf_builds_with_attachments():
    ps = gongbao.parse(CORPUS / "11_national_lflk-zongfa-2022-71_covid-prevention-plan-v9.pdf")
    assert ps.documents[0].kind == "notice"
    assert ps.documents[0].doc_number == "联防联控机制综发〔2022〕71号"
    atts = [d for d in ps.documents if d.kind == "attachment"]
    assert len(atts) >= 20  # 附件1–14 and sub-attachments such as 附件4-1
    assert sum(len(d.tables) for d in ps.documents) >= 5
    assert len(ps.page_starts) == 159
    assert all(ps.pdf_page_at(d.start) for d in ps.documents)
    # printed numbers are read from the page footers (a landscape form may have none)
    assert sum(1 for d in ps.documents if d.page_start) >= 0.9 * len(ps.documents)
