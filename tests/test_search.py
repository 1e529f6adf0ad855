"""Full-text search returns exactly the rows a substring (LIKE) search returns,
for queries of every length, mixed scripts and several words (issue 5)."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from datasette.app import Datasette

import gongbao
from gongbao.publish.search import FIELD_SEP, SEARCHABLE, fts_query
from gongbao.publish.serve import metadata_for

from .conftest import CORPUS, SAMPLE

QUERIES = [
    # one character
    "碳", "局", "氢", "县", "5", "D",
    # two
    "计量", "监管", "食品", "标准", "海关", "就业", "扶贫", "废物", "总局", "20",
    # three
    "碳排放", "市场监", "科技局", "国务院", "卫生健", "（一）",
    # four and more
    "市场监管", "食品安全", "人民政府", "综合保税", "计量标准", "市场监管局", "依职责分工负责",
    "国发〔2021〕37号", "2021—2035", "高质量发展",
    # Latin and digits, mixed
    "2025年", "e-CQS", "NQI", "PM2.5", "90%", "PPP", "cqs", "COVID",
    # several words: all must occur
    "计量 标准", "海关 税务", "碳 氢能", "市场监管局 科技局", "就业 补贴 2019",
]


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    db = tmp_path_factory.mktemp("search") / "gazette.db"
    report = gongbao.build([SAMPLE, *sorted(CORPUS.glob("0*.txt"))], db)
    assert report.ok
    return db


def like_ids(conn, table, query):
    fields = SEARCHABLE[table]
    concat = f" || '{FIELD_SEP}' || ".join(f"coalesce([{f}], '')" for f in fields)
    words = query.split()
    where = " AND ".join(f"({concat}) LIKE ? ESCAPE '\\'" for _ in words)
    params = ["%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for w in words]
    return {r[0] for r in conn.execute(f"SELECT id FROM [{table}] WHERE {where}", params)}


def fts_ids(conn, table, query):
    return {r[0] for r in conn.execute(
        f"SELECT rowid FROM [{table}_fts] WHERE [{table}_fts] MATCH ?", [fts_query(query)])}


def test_enough_queries_of_every_length():
    assert len(QUERIES) >= 30
    assert {min(len(w), 5) for q in QUERIES for w in q.split()} >= {1, 2, 3, 4, 5}


@pytest.mark.parametrize("query", QUERIES)
def test_fts_equals_like(kb, query):
    conn = sqlite3.connect(kb)
    total = 0
    for table in SEARCHABLE:
        want = like_ids(conn, table, query)
        assert fts_ids(conn, table, query) == want, (table, query)
        total += len(want)
    if query not in ("PM2.5", "COVID", "就业 补贴 2019"):
        assert total > 0, query  # the list is meant to find things


def test_datasette_search_box_uses_the_index(kb):
    async def run():
        ds = Datasette([str(kb)], metadata=metadata_for(kb))
        r = await ds.client.get("/gazette/tasks.json?_search=计量&_shape=array&_size=max")
        page = await ds.client.get("/gazette/tasks?_search=计量")
        everywhere = await ds.client.get("/-/gongbao/search?q=市场监管局")
        return r, page, everywhere
    r, page, everywhere = asyncio.run(run())
    assert r.status_code == 200
    conn = sqlite3.connect(kb)
    assert {row["id"] for row in r.json()} == like_ids(conn, "tasks", "计量")
    assert "gongbao-snippet" in page.text  # the snippet script is on the page
    assert everywhere.status_code == 200 and "<mark>市场监管局</mark>" in everywhere.text


def test_index_follows_replaced_sources(tmp_path):
    src = tmp_path / "issue.txt"
    src.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "kb.db"
    gongbao.build([src], db)
    src.write_text(SAMPLE.read_text(encoding="utf-8").replace("氢能", "氦能"), encoding="utf-8")
    gongbao.build([src], db)
    conn = sqlite3.connect(db)
    for table in SEARCHABLE:
        assert fts_ids(conn, table, "氢能") == like_ids(conn, table, "氢能") == set()
        assert fts_ids(conn, table, "氦能") == like_ids(conn, table, "氦能")
    assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
