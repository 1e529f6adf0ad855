"""The built database: counts, constraints, idempotence, one transaction per source."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

import gongbao
from gongbao.errors import GongbaoError

from .conftest import CORPUS, SAMPLE


def q(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_counts(built_db, annotation):
    assert q(built_db, "select count(*) from tasks")[0][0] == len(annotation["tasks"])
    pairs = sum(len(t["actors"]) for t in annotation["tasks"])
    assert q(built_db, "select count(*) from responsibilities")[0][0] == pairs
    assert q(built_db, "select count(*) from boxes")[0][0] == len(annotation["boxes"])
    assert q(built_db, "select count(*) from indicators")[0][0] == len(annotation["indicators"])
    assert q(built_db, "select count(*) from documents where kind = 'notice'")[0][0] == 2
    roles = dict(q(built_db, "select role, count(*) from responsibilities group by role"))
    want: dict[str, int] = {}
    for t in annotation["tasks"]:
        for a in t["actors"]:
            want[a["role"]] = want.get(a["role"], 0) + 1
    assert roles == want


def test_foreign_keys_hold(built_db):
    assert q(built_db, "pragma foreign_key_check") == []
    assert q(built_db, "pragma integrity_check") == [("ok",)]


def test_every_join_column_is_indexed(built_db):
    conn = sqlite3.connect(built_db)
    for (table,) in conn.execute("select name from sqlite_master where type='table'"):
        fks = conn.execute(f"pragma foreign_key_list([{table}])").fetchall()
        indexed = set()
        for idx in conn.execute(f"pragma index_list([{table}])").fetchall():
            cols = conn.execute(f"pragma index_info([{idx[1]}])").fetchall()
            if cols:
                indexed.add(cols[0][2])
        pk = [r[1] for r in conn.execute(f"pragma table_info([{table}])") if r[5] == 1]
        for fk in fks:
            assert fk[3] in indexed or fk[3] in pk[:1], (table, fk[3])


def test_unknown_names_and_numbering_in_warnings(built_db):
    kinds = dict(q(built_db, "select kind, count(*) from warnings group by kind"))
    assert kinds["numbering_gap"] == 1 and kinds["numbering_duplicate"] == 1
    # the department directory lists every named unit of the sample
    assert "unknown_department" not in kinds


def test_plan_tasks_carry_their_notice_number(built_db):
    rows = q(built_db, "select distinct coalesce(d.doc_number, p.doc_number) from tasks t "
                       "join documents d on d.id = t.document_id "
                       "left join documents p on p.id = d.parent_id")
    assert rows == [("济政发〔2023〕11号",)]


def test_rebuild_is_idempotent(tmp_path):
    db = tmp_path / "kb.db"
    gongbao.build([SAMPLE], db)
    dump1 = list(sqlite3.connect(db).iterdump())
    report = gongbao.build([SAMPLE], db)
    assert report.count("unchanged") == 1
    assert list(sqlite3.connect(db).iterdump()) == dump1


def test_changed_source_replaces_its_rows(tmp_path):
    src = tmp_path / "issue.txt"
    shutil.copy(SAMPLE, src)
    db = tmp_path / "kb.db"
    gongbao.build([src], db)
    text = src.read_text(encoding="utf-8").replace("（市市场监管局负责）", "（市市场监管局、市科技局负责）")
    src.write_text(text, encoding="utf-8")
    report = gongbao.build([src], db)
    assert report.count("replaced") == 1
    assert q(db, "select count(*) from sources")[0][0] == 1
    assert q(db, "select count(*) from tasks")[0][0] == 25
    assert q(db, "select count(*) from responsibilities")[0][0] == 63 + 4
    assert q(db, "pragma foreign_key_check") == []


def test_more_sources_join_the_knowledge_base(tmp_path):
    db = tmp_path / "kb.db"
    gongbao.build([SAMPLE], db)
    gongbao.build([CORPUS / "01_national_guofa-2019-3_bonded-zones.txt"], db)
    assert q(db, "select count(*) from sources")[0][0] == 2
    assert q(db, "select count(*) from tasks")[0][0] == 25 + 21
    jur = {r[0] for r in q(db, "select distinct jurisdiction from departments")}
    assert jur == {"济南市", "中华人民共和国"}


def test_failed_source_leaves_database_as_it_was(tmp_path, monkeypatch):
    db = tmp_path / "kb.db"
    gongbao.build([SAMPLE], db)
    before = list(sqlite3.connect(db).iterdump())
    bad = tmp_path / "other.txt"
    shutil.copy(CORPUS / "02_national_guofa-2018-39_employment.txt", bad)

    from gongbao.publish import store

    real = store._write_document

    def boom(db_, ps, d, doc_id):
        real(db_, ps, d, doc_id)
        raise GongbaoError("disk full (simulated)")

    monkeypatch.setattr(store, "_write_document", boom)
    report = gongbao.build([bad], db)
    assert not report.ok and "disk full" in str(report.failures[0])
    assert list(sqlite3.connect(db).iterdump()) == before


@pytest.mark.parametrize("content,problem", [
    (b"", "empty"),
    (b"\x00\x01\x02\x03" * 200, "not text"),
])
def test_bad_input_is_refused_with_the_file_name(tmp_path, content, problem):
    f = tmp_path / "bad issue.txt"
    f.write_bytes(content)
    db = tmp_path / "kb.db"
    report = gongbao.build([f], db)
    assert not report.ok
    msg = str(report.failures[0])
    assert "bad issue.txt" in msg and problem in msg
    assert q(db, "select count(*) from sources")[0][0] == 0


def test_gb18030_text_is_decoded(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    ps = gongbao.parse(f)
    assert sum(len(d.tasks) for d in ps.documents) == 25


def test_an_older_knowledge_base_gains_new_columns(tmp_path):
    import sqlite_utils

    from gongbao.publish.schema import ensure_schema

    db = sqlite_utils.Database(tmp_path / "old.db")
    db["tasks"].create({"id": int, "title": str}, pk="id")  # a tasks table from before `leaders`
    db["tasks"].insert({"id": 1, "title": "旧任务"})
    ensure_schema(db)
    assert "leaders" in db["tasks"].columns_dict
    (row,) = db["tasks"].rows
    assert row["title"] == "旧任务" and row["leaders"] is None  # the old row is kept


def test_a_knowledge_base_from_a_newer_release_is_refused(tmp_path):
    import sqlite_utils

    from gongbao.errors import DatabaseError
    from gongbao.publish.schema import SCHEMA_VERSION, ensure_schema

    path = tmp_path / "kb.db"
    db = sqlite_utils.Database(path)
    ensure_schema(db)
    db.execute("UPDATE gongbao_meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    db.conn.commit()
    with pytest.raises(DatabaseError, match="newer gongbao"):
        ensure_schema(sqlite_utils.Database(path))


def test_two_builds_on_one_database_at_once(tmp_path):
    """The second build waits for the first's transactions: no file is lost to "locked"."""
    import subprocess
    import sys

    from .conftest import FIXTURES

    db = tmp_path / "kb.db"
    genres = sorted(str(p) for p in (FIXTURES / "genres").glob("*.txt"))
    half = len(genres) // 2
    cmd = [sys.executable, "-c", "import sys; from gongbao.cli import cli; sys.exit(cli())", "build", "--db", str(db)]
    a = subprocess.Popen([*cmd, *genres[:half]], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    b = subprocess.Popen([*cmd, *genres[half:]], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outs = [p.communicate(timeout=300) for p in (a, b)]
    assert a.returncode == 0 and b.returncode == 0, outs
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from sources").fetchone()[0] == len(genres)
