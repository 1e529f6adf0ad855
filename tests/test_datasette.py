"""Datasette serves the knowledge base with the metadata and the gongbao plugin."""

from __future__ import annotations

import asyncio

import pytest
from datasette.app import Datasette

from gongbao.publish.serve import metadata_for


def _get(db, path):
    async def run():
        ds = Datasette([str(db)], immutables=[], metadata=metadata_for(db),
                       settings={"sql_time_limit_ms": 1000})
        return await ds.client.get(path)
    return asyncio.run(run())


def test_tables_and_canned_queries(built_db):
    r = _get(built_db, "/gazette/tasks.json?_shape=array&_size=100")
    assert r.status_code == 200 and len(r.json()) == 25
    r = _get(built_db, "/gazette/tasks_of_department.json?department=市科技局&_shape=array")
    assert r.status_code == 200 and len(r.json()) == 5
    r = _get(built_db, "/gazette/responsibilities")
    assert r.status_code == 200 and "市市场监管局" in r.text  # label columns resolve ids


def test_provenance_excerpt(built_db):
    r = _get(built_db, "/gazette/tasks")
    assert "/-/gongbao/excerpt/tasks/1" in r.text
    r = _get(built_db, "/-/gongbao/excerpt/tasks/1")
    assert r.status_code == 200
    assert "<mark>（一）加强计量基础和前沿技术应用研究" in r.text


def test_csv_downloads_are_formula_safe(tmp_path):
    import sqlite3

    import gongbao

    from .conftest import SAMPLE

    src = tmp_path / "evil.txt"
    evil = '=HYPERLINK("http://x")'
    src.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        "加强计量基础和前沿技术应用研究", evil), encoding="utf-8")
    db = tmp_path / "gazette.db"
    gongbao.build([src], db)
    assert sqlite3.connect(db).execute(
        "select count(*) from tasks where title like '=HYPERLINK%'").fetchone()[0] == 1
    r = _get(db, "/gazette/tasks.csv?_size=max")
    assert r.status_code == 200
    assert "'=HYPERLINK" in r.text and ",=HYPERLINK" not in r.text
    assert "\r\n25," in r.text  # numbers are left alone


def test_one_huge_value_is_refused_not_built(built_db):
    """One function call the time limit cannot stop (issue 12): its value is capped in size."""
    from urllib.parse import quote

    sql = quote("select replace(hex(zeroblob(100000000)), '0', 'ab') as x")
    r = _get(built_db, f"/gazette.json?sql={sql}")
    assert r.status_code == 400 and len(r.content) < 10_000
    assert "too big" in r.text
    ok = _get(built_db, "/gazette.json?sql=" + quote("select length(text) from sources") + "&_shape=array")
    assert ok.status_code == 200 and ok.json()[0]["length(text)"] > 10_000


def _get_locked(db, path):
    """The database locked to one actor: anonymous readers see nothing of it."""
    async def run():
        meta = metadata_for(db)
        meta["databases"]["gazette"]["allow"] = {"id": "editor"}
        ds = Datasette([str(db)], immutables=[], metadata=meta, settings={"sql_time_limit_ms": 1000})
        return await ds.client.get(path)
    return asyncio.run(run())


@pytest.mark.parametrize("path", ["/-/gongbao/excerpt/tasks/1", "/-/gongbao/search?q=计量",
                                  "/-/gongbao/matrix.csv", "/-/gongbao/graph"])
def test_the_plugin_routes_respect_permissions(built_db, path):
    assert _get_locked(built_db, "/gazette/tasks").status_code == 403
    assert _get_locked(built_db, path).status_code == 403
    assert _get(built_db, path).status_code == 200


@pytest.mark.parametrize("path,status", [
    ("/-/gongbao/search?q=计量&db=nope", 404), ("/-/gongbao/matrix.csv?db=_internal", 404),
    ("/-/gongbao/excerpt/tasks/99999999999999999999999", 404), ("/-/gongbao/excerpt/tasks/999999", 404),
    ("/-/gongbao/search?q=%00", 400), ("/-/gongbao/graph?document=99999999999999999999999", 200),
    ("/-/gongbao/matrix.csv?document=abc", 200),
])
def test_bad_parameters_are_4xx_never_500(built_db, path, status):
    assert _get(built_db, path).status_code == status


def test_a_public_server_runs_no_arbitrary_sql(built_db):
    from urllib.parse import quote

    async def run(path):
        ds = Datasette([str(built_db)], immutables=[], metadata=metadata_for(built_db, public=True))
        return await ds.client.get(path)
    assert asyncio.run(run("/gazette.json?sql=" + quote("select count(*) from tasks"))).status_code == 403
    r = asyncio.run(run("/gazette/tasks_of_department.json?department=市科技局&_shape=array"))
    assert r.status_code == 200 and len(r.json()) == 5
    assert asyncio.run(run("/gazette/tasks.json")).status_code == 200
