"""Corpus behaviour (issue 7): incremental builds, re-parsing, pruning, bad input,
and a build killed half-way that leaves a sound database."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import gongbao
from gongbao.cli import cli

from .conftest import CORPUS, FIXTURES, SAMPLE

COUNTED = ("documents", "sections", "boxes", "tasks", "responsibilities", "indicators",
           "aliases", "citations", "warnings", "mentions", "task_keywords")


def counts(db) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0] for t in COUNTED}
    finally:
        conn.close()


def corpus_copy(tmp_path: Path, n: int = 6) -> Path:
    folder = tmp_path / "issues 公报"
    folder.mkdir()
    files = [SAMPLE, *sorted(CORPUS.glob("0*.txt"))][:n]
    for f in files:
        shutil.copy(f, folder / f.name)
    return folder


def test_reparse_rebuilds_what_an_older_parser_made(tmp_path):
    db = tmp_path / "kb.db"
    gongbao.build([SAMPLE], db)
    conn = sqlite3.connect(db)
    conn.execute("update sources set parser_version = '0.0.1'")
    conn.commit()
    conn.close()
    assert gongbao.build([SAMPLE], db).count("unchanged") == 1  # without --reparse: kept
    report = gongbao.build([SAMPLE], db, reparse=True)
    assert report.count("replaced") == 1
    conn = sqlite3.connect(db)
    assert conn.execute("select parser_version from sources").fetchall() == [
        (gongbao.parse(SAMPLE).parser_version,)]
    assert counts(db)["tasks"] == 25


def test_prune_removes_sources_no_longer_given(tmp_path):
    folder = corpus_copy(tmp_path, 3)
    db = tmp_path / "kb.db"
    gongbao.build([folder], db)
    removed = sorted(folder.iterdir())[0]
    removed.unlink()
    report = gongbao.build([folder], db, prune=True)
    assert report.pruned == [str(removed)]
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from sources").fetchone()[0] == 2
    assert conn.execute("pragma foreign_key_check").fetchall() == []


def test_cli_summary_and_unicode_paths(tmp_path):
    folder = corpus_copy(tmp_path, 3)
    (folder / "坏 文件.txt").write_bytes(b"")
    r = CliRunner().invoke(cli, ["build", str(folder), "--db", str(tmp_path / "kb.db"), "-j", "2"])
    assert r.exit_code == 1
    assert "坏 文件.txt: the file is empty" in r.output
    assert "3 built, 0 unchanged, 1 failed" in r.output


@pytest.mark.parametrize("name,content,needle", [
    ("empty.txt", b"", "empty"),
    ("junk.txt", os.urandom(4000), "not text"),
    ("junk.pdf", os.urandom(4000), "not a PDF"),
    ("nav.html", "<html><body><a href='/'>首页</a><script>var x=1;</script></body></html>"
     .encode(), "without document text"),
    ("missing.txt", None, "no such file"),
])
def test_bad_input_one_line_error_nothing_written(tmp_path, name, content, needle):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    db = tmp_path / "kb.db"
    r = CliRunner().invoke(cli, ["build", str(path), "--db", str(db)])
    assert r.exit_code == 1
    line = next(ln for ln in r.output.splitlines() if ln.startswith("failed"))
    assert name in line and needle in line
    assert sqlite3.connect(db).execute("select count(*) from sources").fetchone()[0] == 0


def test_utf16_and_gb18030_are_read(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    for name in ("u16.txt", "gbk.txt"):
        ps = gongbao.parse(tmp_path / name)
        assert sum(len(d.tasks) for d in ps.documents) == 25, name


def test_not_a_gazette_builds_with_a_warning(tmp_path):
    path = tmp_path / "随笔.txt"
    path.write_text("今天天气很好，我们去公园散步。\n晚上回家吃饭，看了一会儿书。\n" * 30,
                    encoding="utf-8")
    db = tmp_path / "kb.db"
    assert gongbao.build([path], db).ok
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from tasks").fetchone()[0] == 0
    assert conn.execute("select kind from warnings where kind = 'not_a_document'").fetchone()


def test_killed_build_leaves_a_sound_database(tmp_path):
    """kill -9 in the middle of a build: the database is intact, holds whole sources
    only, and the next build finishes to exactly what a clean build gives."""
    folder = tmp_path / "many"
    folder.mkdir()
    sources = [SAMPLE, *sorted(CORPUS.glob("0*.txt")), *sorted((FIXTURES / "styles").glob("*.txt"))]
    for k in range(3):  # distinct contents: the corpus three times over, slightly changed
        for f in sources:
            (folder / f"{k}-{f.name}").write_text(
                f.read_text(encoding="utf-8") + f"\n（副本{k}）\n", encoding="utf-8")
    db = tmp_path / "kb.db"
    code = ("import sys, gongbao; gongbao.build([sys.argv[1]], sys.argv[2], jobs=1)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(folder), str(db)])
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until some, not all, sources are in
        time.sleep(0.05)
        try:
            n = sqlite3.connect(db, timeout=0.1).execute("select count(*) from sources").fetchone()[0]
        except sqlite3.Error:
            continue
        if n >= 3:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    stored = conn.execute("select count(*) from sources").fetchone()[0]
    assert 0 < stored < len(list(folder.iterdir()))
    # every stored source is whole: its task count is what parsing it gives
    for path, n_tasks in conn.execute("select path, n_tasks from sources"):
        in_db = conn.execute("select count(*) from tasks t join documents d on d.id = t.document_id "
                             "join sources s on s.id = d.source_id where s.path = ?", [path]).fetchone()[0]
        assert in_db == n_tasks == sum(len(d.tasks) for d in gongbao.parse(path).documents)
    conn.close()
    gongbao.build([folder], db)
    clean = tmp_path / "clean.db"
    gongbao.build([folder], clean)
    assert counts(db) == counts(clean)


def test_reorganised_departments_map_to_their_successor(tmp_path):
    """A 2017 document naming 市工商局 and 市质监局 keeps the old units and says which
    unit carries their functions today, so counts across years are comparable."""
    old = tmp_path / "2017.txt"
    old.write_text(
        "济南市人民政府办公厅关于印发济南市质量提升行动方案的通知\n\n济政办发〔2017〕30号\n\n"
        "各区县人民政府，市政府各部门：\n\n现将《济南市质量提升行动方案》印发给你们。\n\n"
        "济南市人民政府办公厅\n\n2017年6月1日\n\n济南市质量提升行动方案\n\n一、主要任务\n\n"
        "（一）加强质量监管。开展产品质量监督抽查。（市质监局、市工商局依职责分工负责）\n\n"
        "（二）强化食品安全。开展食品安全专项整治。（市食药监局负责）\n\n"
        "（2017年6月1日印发）\n", encoding="utf-8")
    db = tmp_path / "kb.db"
    assert gongbao.build([old, SAMPLE], db).ok
    conn = sqlite3.connect(db)
    rows = dict(conn.execute("select name, current_full_name from departments "
                             "where name in ('市质监局', '市工商局', '市食药监局', '市市场监管局')"))
    assert rows == {n: "济南市市场监督管理局" for n in ("市质监局", "市工商局", "市食药监局", "市市场监管局")}
    # tasks per unit of today, across the 2017 and 2023 documents
    n = conn.execute("select count(distinct r.task_id) from responsibilities r join departments d "
                     "on d.id = r.department_id where d.current_full_name = '济南市市场监督管理局'"
                     ).fetchone()[0]
    assert n == 21 + 2
    hist = dict(conn.execute("select full_name, until from department_history"))
    assert hist["济南市工商行政管理局"].startswith("2019")
    assert hist["国家工商行政管理总局"] == "2018-03"


def test_large_files_are_built_in_parts(tmp_path, monkeypatch):
    """Above a size limit a text file is read part by part (cut at document starts),
    each part its own source: memory stays bounded (benchmarks/bench_large.py
    measures it on 200 MB); the parts together give the whole file's tasks."""
    from gongbao.ingest import text

    monkeypatch.setattr(text, "LARGE_BYTES", 20_000)
    monkeypatch.setattr(text, "PART_CHARS", 8_000)
    src = tmp_path / "big 合订本.txt"
    shutil.copy(SAMPLE, src)
    db = tmp_path / "kb.db"
    report = gongbao.build([src], db)
    assert report.ok and len(report.results) == 2
    conn = sqlite3.connect(db)
    assert [r[0] for r in conn.execute("select path from sources order by id")] == [
        f"{src}#part-0001", f"{src}#part-0002"]
    assert conn.execute("select count(*) from tasks").fetchone()[0] == 25
    assert conn.execute("select count(*) from responsibilities").fetchone()[0] == 63
    # offsets point into each part's text
    for text_, start, end, tag in conn.execute(
            "select s.text, t.tag_start, t.char_end, t.tag_text from tasks t join documents d "
            "on d.id = t.document_id join sources s on s.id = d.source_id"):
        assert text_[start:end].replace("(", "（").replace(")", "）").replace(" ", "") == tag
    assert all(r.status == "unchanged" for r in gongbao.build([src], db).results)
    # an interrupted build resumes: a missing part is built, the others stay
    conn.execute("delete from gongbao_meta")
    conn.commit()
    from gongbao.publish.store import delete_source, open_db

    kb = open_db(str(db))
    with kb.atomic():
        delete_source(kb, 2)
    kb.close()
    assert [r.status for r in gongbao.build([src], db).results] == ["unchanged", "built"]
    # a changed file replaces its parts
    src.write_text(src.read_text(encoding="utf-8").replace("氢能", "氦能"), encoding="utf-8")
    report = gongbao.build([src], db)
    assert [r.status for r in report.results] == ["built", "built"]  # old parts removed first
    assert conn.execute("select count(*) from sources").fetchone()[0] == 2
    assert conn.execute("pragma foreign_key_check").fetchall() == []


def test_ctrl_c_stops_cleanly(tmp_path):
    folder = corpus_copy(tmp_path, 7)
    db = tmp_path / "kb.db"
    proc = subprocess.Popen([sys.executable, "-m", "gongbao.cli", "build", str(folder), "--db",
                             str(db), "-j", "1", "--quiet"], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.05)
        try:
            if sqlite3.connect(db, timeout=0.1).execute("select count(*) from sources").fetchone()[0]:
                break
        except sqlite3.Error:
            continue
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (130, 0)  # 0 when it had just finished
    if proc.returncode == 130:
        assert "interrupted" in err
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
    assert conn.execute("pragma foreign_key_check").fetchall() == []


def test_full_disk_rolls_back_the_source(tmp_path, monkeypatch):
    from gongbao import pipeline
    from gongbao.publish import store

    db = tmp_path / "kb.db"
    gongbao.build([SAMPLE], db)
    before = counts(db)
    real = store.open_db

    def small_disk(path):
        kb = real(path)
        pages = kb.execute("pragma page_count").fetchone()[0]
        kb.execute(f"pragma max_page_count = {pages + 3}")  # the disk is about to be full
        return kb

    monkeypatch.setattr(pipeline, "open_db", small_disk)
    report = gongbao.build([CORPUS / "03_national_guobanfa-2018-128_zero-waste-city.txt"], db,
                           analyze=False)
    assert not report.ok and "full" in str(report.failures[0])
    assert counts(db) == before
    assert sqlite3.connect(db).execute("pragma integrity_check").fetchone() == ("ok",)


def test_renamed_folder_then_prune_keeps_everything(tmp_path):
    # regression: unchanged files at a new path were "unchanged" under their old path,
    # and --prune then deleted them all
    first = corpus_copy(tmp_path, 3)
    db = tmp_path / "kb.db"
    gongbao.build([first], db)
    moved = first.with_name("moved 公报")
    first.rename(moved)
    report = gongbao.build([moved], db, prune=True)
    assert report.pruned == [] and report.count("unchanged") == 3
    paths = {r[0] for r in sqlite3.connect(db).execute("select path from sources")}
    assert paths == {str(p) for p in moved.iterdir()}


def test_prune_keeps_the_parts_of_a_large_file(tmp_path, monkeypatch):
    from gongbao.ingest import text

    monkeypatch.setattr(text, "LARGE_BYTES", 20_000)
    monkeypatch.setattr(text, "PART_CHARS", 8_000)
    src = tmp_path / "big.txt"
    shutil.copy(SAMPLE, src)
    db = tmp_path / "kb.db"
    report = gongbao.build([src], db, prune=True)
    assert report.pruned == []
    assert sqlite3.connect(db).execute("select count(*) from sources").fetchone()[0] == 2


def test_database_that_is_not_a_knowledge_base(tmp_path):
    bad = tmp_path / "notdb.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    r = CliRunner().invoke(cli, ["build", str(SAMPLE), "--db", str(bad)])
    assert r.exit_code != 0 and "notdb.db" in r.output and "Traceback" not in r.output
    r = CliRunner().invoke(cli, ["analyze", "--db", str(bad)])
    assert r.exit_code != 0 and "notdb.db" in r.output
    r = CliRunner().invoke(cli, ["serve", "--db", str(bad), "--dry-run"])
    assert r.exit_code != 0 and "not a gongbao knowledge base" in r.output


def test_broken_department_directory_is_named(tmp_path, monkeypatch):
    from gongbao.errors import GongbaoError
    from gongbao.parse.departments import Directory

    (tmp_path / "bad.json").write_text("{bad", encoding="utf-8")
    with pytest.raises(GongbaoError, match=r"bad\.json"):
        Directory(tmp_path)
