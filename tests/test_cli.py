"""The command line: thin, with clear errors and non-zero exits."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gongbao.cli import cli

from .conftest import SAMPLE


def test_build_parse_export(tmp_path):
    runner = CliRunner()
    db = tmp_path / "kb.db"
    r = runner.invoke(cli, ["build", str(SAMPLE), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "25 tasks" in r.output
    r = runner.invoke(cli, ["export", "matrix", "--db", str(db), "-o", str(tmp_path / "m.csv")])
    assert r.exit_code == 0 and (tmp_path / "m.csv").exists()
    r = runner.invoke(cli, ["export", "responsibilities", "--db", str(db)])
    assert r.exit_code == 0 and r.output.count("\n") == 64
    r = runner.invoke(cli, ["parse", str(SAMPLE)])
    tree = json.loads(r.output)
    assert [d["kind"] for d in tree["documents"]] == [
        "notice", "plan", "notice", "measures", "attachment"]
    assert "text" not in tree


def test_errors_name_the_file(tmp_path):
    runner = CliRunner()
    r = runner.invoke(cli, ["parse", str(tmp_path / "missing.txt")])
    assert r.exit_code != 0 and "missing.txt" in r.output and "no such file" in r.output
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = runner.invoke(cli, ["build", str(empty), "--db", str(tmp_path / "kb.db")])
    assert r.exit_code == 1 and "empty.txt: the file is empty" in r.output
    r = runner.invoke(cli, ["export", "matrix", "--db", str(tmp_path / "none.db")])
    assert r.exit_code != 0 and "run `gongbao build` first" in r.output


def test_serve_is_read_only_and_time_limited(built_db):
    r = CliRunner().invoke(cli, ["serve", "--db", str(built_db), "--dry-run"])
    assert r.exit_code == 0
    assert " -i " in r.output and "sql_time_limit_ms" in r.output
    r = CliRunner().invoke(cli, ["serve", "--db", str(built_db), "--dry-run", "--host", "0.0.0.0"])
    assert "warning" in r.output


def test_check_lists_every_tag_it_could_not_read(tmp_path):
    src = tmp_path / "plan.txt"
    src.write_text("一、保障措施\n（一）经费保障。做好经费保障工作（所需经费由市财政局负责）。\n"
                   "（二）推进工作。开展试点（市教育局牵头，市财政局配合）。\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", str(src)])
    assert r.exit_code == 0
    unread = [ln for ln in r.output.splitlines() if ln.startswith("  ? ")]
    assert len(unread) == 1 and "（所需经费由市财政局负责）" in unread[0] and "prose" in unread[0]
    assert "1 tagged tasks" in r.output
