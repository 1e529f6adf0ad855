"""The responsibility-tag grammar, one case per style (regressions included)."""

from __future__ import annotations

import pytest

from gongbao.parse.tags import find_tags, parse_tag, split_actors


def roles(text: str) -> list[tuple[str, str]]:
    tags = find_tags(text)
    assert len(tags) == 1, tags
    return [(a.name, a.role) for a in tags[0].actors]


@pytest.mark.parametrize("text,want", [
    ("（市市场监管局、市科技局依职责分工负责）",
     [("市市场监管局", "shared"), ("市科技局", "shared")]),
    ("（市市场监管局牵头，市政府有关部门依职责分工负责）",
     [("市市场监管局", "lead"), ("市政府有关部门", "shared")]),
    ("（市市场监管局负责）", [("市市场监管局", "sole")]),
    ("（海关总署、商务部负责）", [("海关总署", "shared"), ("商务部", "shared")]),
    ("（生态环境部牵头，国家发展改革委、工业和信息化部参与）",
     [("生态环境部", "lead"), ("国家发展改革委", "support"), ("工业和信息化部", "support")]),
    ("（商务部指导，供销合作总社参与）", [("商务部", "guide"), ("供销合作总社", "support")]),
    ("（国家发展改革委、财政部会同有关部门负责）",
     [("国家发展改革委", "lead"), ("财政部", "lead"), ("有关部门", "support")]),
    ("（人力资源社会保障部、科技部，各省级人民政府按职责分工负责）",
     [("人力资源社会保障部", "shared"), ("科技部", "shared"), ("各省级人民政府", "shared")]),
    ("（扶贫办、全国总工会等和各省级人民政府负责）",
     [("扶贫办", "shared"), ("全国总工会", "shared"), ("各省级人民政府", "shared")]),
    ("（海关总署、商务部等有关部门负责）",
     [("海关总署", "shared"), ("商务部", "shared"), ("有关部门", "shared")]),
    ("（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局）",
     [("市发展改革委", "lead"), ("市委组织部", "support"), ("市人力资源和社会保障局", "support")]),
    ("（责任单位：市规划资源局、市水务局）",
     [("市规划资源局", "shared"), ("市水务局", "shared")]),
])
def test_tag_styles(text, want):
    assert roles("做好某项工作。" + text) == want


def test_half_width_brackets_after_folding():
    from gongbao.ingest.clean import fold_width

    assert roles(fold_width("(市市场监管局、市发展改革委依职责分工负责)")) == [
        ("市市场监管局", "shared"), ("市发展改革委", "shared")]


def test_enumeration_comma_inside_a_collective_actor():
    assert split_actors("各区县政府及代管镇、街道的功能区管理机构") == [
        "各区县政府及代管镇、街道的功能区管理机构"]
    assert split_actors("各区县政府及代管镇、街道的功能区管理机构，市财政局、市市场监管局") == [
        "各区县政府及代管镇、街道的功能区管理机构", "市财政局", "市市场监管局"]


def test_standing_note_is_not_an_actor():
    got = roles("（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）")
    assert got == [("生态环境部", "guide"), ("试点城市政府", "sole")]


def test_lead_note_is_not_an_actor():
    got = roles("（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）")
    assert [n for n, _ in got] == ["税务总局", "财政部", "海关总署"]


@pytest.mark.parametrize("text", [
    "（负责隔离医学观察的单位）",
    "（垃圾焚烧企业依法依规安装污染物排放自动监测设备、自动监测设备与生态环境部门联网）",
    "（2019-nCoV，以下简称新冠病毒）",
    "（以下简称市食药安委）",
    "（含代管镇、街道的功能区管委会，下同）",
    "（名次前移2位及以上的）",
])
def test_parentheses_that_are_not_tags(text):
    assert find_tags("一些文字" + text + "。") == []


def test_prose_responsibility_is_not_a_tag():
    assert find_tags("副总理、国务委员按分工负责处理分管工作。") == []
    assert parse_tag("按分工负责处理分管工作") is None


# Regressions found in review: one case per bug.
@pytest.mark.parametrize("text,want", [
    ("（市教育局牵头，市财政局配合；2025年底前完成）", [("市教育局", "lead"), ("市财政局", "support")]),
    ("（责任单位：市交通运输局；2024年底前完成）", [("市交通运输局", "sole")]),
    ("（市卫生健康委负责，2025年完成）", [("市卫生健康委", "sole")]),
    ("（责任主体：市住建局）", [("市住建局", "sole")]),
    ("（责任领导：张三；责任单位：市教育局）", [("市教育局", "sole")]),
    ("（牵头单位：市教育局\u3000配合单位：市财政局）", [("市教育局", "lead"), ("市财政局", "support")]),
    ("（牵头责任单位：市教育局，配合单位：市财政局）", [("市教育局", "lead"), ("市财政局", "support")]),
    ("（责任单位：各县（市、区）人民政府）", [("各县（市、区）人民政府", "sole")]),
    ("（市教育局和市财政局负责）", [("市教育局", "shared"), ("市财政局", "shared")]),
    ("（各区县政府负总责，市直有关部门配合）", [("各区县政府", "lead"), ("市直有关部门", "support")]),
    ("（市发展改革委，各区县政府具体负责）", [("市发展改革委", "shared"), ("各区县政府", "shared")]),
    ("（中央和国家机关工委、教育部负责）", [("中央和国家机关工委", "shared"), ("教育部", "shared")]),
])
def test_review_regressions(text, want):
    assert roles("做好某项工作。" + text) == want


def test_deadline_parts_become_notes():
    (tag,) = find_tags("做好。（市教育局牵头，市财政局配合；2025年底前完成）")
    assert tag.notes == ("2025年底前完成",)


@pytest.mark.parametrize("text", ["各级政府要切实负责。", "各项任务要抓好落实。", "有关单位要积极参与。"])
def test_prose_sentences_are_not_tags(text):
    from gongbao.parse.tags import find_sentence_tags

    assert find_sentence_tags(text) == []
