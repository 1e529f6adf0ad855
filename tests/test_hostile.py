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
