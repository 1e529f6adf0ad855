"""Hostile and broken input (issue 12): each a regression test of a crash or a hang found by
attacking the tool."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import gongbao
from gongbao.cli import cli
from gongbao.errors import InputError

from .conftest import SAMPLE


@pytest.mark.parametrize("data", ["索引号：\n", "发布日期：2023年1月1日", "标题：\n发文字号：\n"])
def test_a_page_that_is_only_a_metadata_table(tmp_path, data):
    f = tmp_path / "meta.txt"
    f.write_text(data, encoding="utf-8")
    ps = gongbao.parse(f)
    assert ps.documents == ()
    assert [x.kind for x in ps.findings] == ["not_a_document"]
    r = CliRunner().invoke(cli, ["check", str(f)])
    assert r.exit_code == 0 and "not_a_document" in r.output


def test_a_broken_utf16_file_is_named_not_a_traceback(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_bytes(b"\xff\xfe\x41")
    with pytest.raises(InputError, match="UTF-16"):
        gongbao.parse(f)
    r = CliRunner().invoke(cli, ["check", str(f)])
    assert r.exit_code != 0 and "bad.txt" in r.output and "Traceback" not in r.output


def test_a_line_of_thirty_thousand_unclosed_brackets(tmp_path):
    sample_text = SAMPLE.read_text(encoding="utf-8")
    f = tmp_path / "brackets.txt"
    f.write_text(sample_text[:30000] + "\n" + "（" * 30000 + "\n" + sample_text[30000:60000],
                 encoding="utf-8")
    ps = gongbao.parse(f)  # was quadratic (33 s): the bracket patterns are bounded now
    assert ps.documents and any(d.tasks for d in ps.documents)


def test_a_missing_department_folder_is_an_error(tmp_path):
    from gongbao.errors import GongbaoError
    from gongbao.parse.departments import Directory

    with pytest.raises(GongbaoError, match="no department directory"):
        Directory(tmp_path / "nowhere")


def test_the_parser_version_follows_its_code_and_data(tmp_path):
    import importlib

    parse_pkg = importlib.import_module("gongbao.parse")
    a = tmp_path / "parse" / "x.py"
    a.parent.mkdir()
    a.write_text("X = 1\n")
    before = parse_pkg.fingerprint([a])
    a.write_text("X = 2\n")
    assert parse_pkg.fingerprint([a]) != before
    assert parse_pkg.PARSER_VERSION.startswith(parse_pkg.RELEASE + "+")
    assert gongbao.parse_text("一、任务\n").parser_version == parse_pkg.PARSER_VERSION


def test_an_unreadable_file_is_named_and_the_others_are_built(tmp_path, monkeypatch):
    from pathlib import Path

    from .conftest import FIXTURES

    good = FIXTURES / "genres" / "03_luoyang_city_plan.txt"
    bad = tmp_path / "locked.txt"
    bad.write_text("一、任务\n", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = CliRunner().invoke(cli, ["build", str(good), str(bad), "--db", str(tmp_path / "kb.db")])
    assert r.exit_code == 1
    assert "locked.txt: cannot be read: permission denied" in r.output
    assert "1 built" in r.output and "internal error" not in r.output


def test_a_source_over_the_time_limit_fails_alone(tmp_path, monkeypatch):
    import time

    import gongbao.pipeline as pipeline

    from .conftest import FIXTURES

    good = FIXTURES / "genres" / "03_luoyang_city_plan.txt"
    slow = tmp_path / "slow.txt"
    slow.write_text("一、任务\n（一）建设平台。（市发展改革委负责）\n", encoding="utf-8")
    real = pipeline.parse

    def parse(path, directory=None):
        if str(path).endswith("slow.txt"):
            time.sleep(5)  # as a pathological input would
        return real(path, directory)
    monkeypatch.setattr(pipeline, "parse", parse)
    report = pipeline.build([good, slow], tmp_path / "kb.db", jobs=1, analyze=False, time_limit=0.5)
    assert [r.path for r in report.results if r.status == "built"] == [str(good)]
    (failure,) = report.failures
    assert "slow.txt" in str(failure) and "more than 0.5 s" in str(failure)


def test_a_fragment_before_a_zone_is_no_place_regression():
    """Found by the fuzz test: 「省 牵,省沈抚示范区管委会」 made the unit 省牵区管委会 (a fragment read as
    a bare place taking the next name's level and organ). Now nothing is invented and the line
    is reported."""
    ps = gongbao.parse_text("2024年重点工作分工方案\n一、主要预期目标\n  1.地区生产总值增长5.5%左右。\n"
                            "  牵头单位:省发展改革委\n  责任单位:省工业和信息化厅、省 牵,省沈抚示范区管委会\n"
                            "  2.城镇新增就业45万人。\n  牵头单位:省人力资源社会保障厅\n")
    names = [a.written for d in ps.documents for t in d.tasks for a in t.tag.actors]
    assert "省牵区管委会" not in names and "省人力资源社会保障厅" in names
    assert any(f.kind == "tag_unparsed" and "省牵" in f.message for f in ps.findings)
