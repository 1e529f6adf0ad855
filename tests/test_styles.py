"""Other governments' responsibility grammar (issue 3), on small documents in
tests/fixtures/styles written in those styles; expectations read off the fixtures."""

from __future__ import annotations

import pytest

import gongbao

from .conftest import FIXTURES

STYLES = FIXTURES / "styles"


def tasks_of(name):
    ps = gongbao.parse(STYLES / name)
    return ps, {t.number: t for d in ps.documents for t in d.tasks}


def actors(task):
    return [(a.name, a.role) for a in task.tag.actors]


@pytest.fixture(scope="module")
def shanghai():
    return tasks_of("shanghai-style-plan.txt")


def test_label_form_first_unit_is_not_lead(shanghai):
    _, t = shanghai
    assert actors(t["一（一）1"]) == [
        ("市规划资源局", "shared"), ("市住房城乡建设管理委", "shared"), ("各区政府", "shared")]


def test_distributive_district_names(shanghai):
    _, t = shanghai
    assert [a.name for a in t["一（一）2"].tag.actors] == ["浦东新区政府", "徐汇区政府", "长宁区政府"]
    assert {a.kind for a in t["一（一）2"].tag.actors} == {"district"}


def test_tag_on_own_line_after_second_paragraph(shanghai):
    _, t = shanghai
    task = t["一（二）3"]
    assert "配置养老、托育等设施" in task.text
    assert actors(task) == [("黄浦区政府", "shared"), ("打浦桥街道管理办", "shared")]


def test_two_tags_in_one_paragraph(shanghai):
    _, t = shanghai
    assert [a.kind for a in t["一（二）4-1"].tag.actors] == ["enterprise", "enterprise"]
    assert actors(t["一（二）4-2"]) == [("市交通委", "shared"), ("市发展改革委", "shared")]
    assert t["一（二）4-2"].title == "推进站城一体化开发"


def test_in_sentence_forms(shanghai):
    _, t = shanghai
    assert actors(t["一（二）5"]) == [
        ("市发展改革委", "lead"), ("市财政局", "support"), ("各区政府", "support")]
    assert actors(t["一（二）6"]) == [("各部门", "shared")]
    assert t["一（二）6"].tag.actors[0].kind == "group"


def test_party_and_mass_organisations(shanghai):
    _, t = shanghai
    kinds = {a.name: a.kind for a in t["一（二）7"].tag.actors}
    assert kinds == {"市委组织部": "party", "团市委": "mass_org", "市科协": "mass_org"}


def test_full_width_dot_items_numbered_across_sections(shanghai):
    ps, t = shanghai
    assert sorted(t) == sorted(["一（一）1", "一（一）2", "一（二）3", "一（二）4-1", "一（二）4-2",
                                "一（二）5", "一（二）6", "一（二）7"])
    assert not [f for f in ps.findings if f.kind.startswith("numbering")]


def test_negative_controls(shanghai):
    ps, t = shanghai
    assert not any("联网" in x.tag.text or "副市长" in x.tag.text for x in t.values())
    assert ps.documents[1].jurisdiction == "上海市"


@pytest.fixture(scope="module")
def guangzhou():
    return tasks_of("guangzhou-style-measures.txt")


def test_lead_and_support_labels(guangzhou):
    _, t = guangzhou
    assert actors(t["一"]) == [
        ("市工业和信息化局", "lead"), ("市住房城乡建设局", "support"), ("各区、县级市", "support")]
    assert t["一"].tag.actors[2].kind == "group"


@pytest.mark.parametrize("number,want", [
    ("二", [("市工业和信息化局", "lead"), ("市科技局", "support"), ("市商务局", "support")]),
    ("三", [("市政务服务数据管理局", "lead"), ("市发展改革委", "support")]),
    ("四", [("市财政局", "lead")]),
    ("五", [("市工业和信息化局", "shared"), ("市发展改革委", "shared"), ("市委网信办", "support")]),
])
def test_label_separators_and_lead_only(guangzhou, number, want):
    _, t = guangzhou
    assert actors(t[number]) == want


def test_items_that_are_tasks(guangzhou):
    ps, t = guangzhou
    assert len(t) == 5
    assert [d.kind for d in ps.documents] == ["measures"]


def test_flattened_division_table():
    ps, t = tasks_of("division-table-flat.txt")
    assert sorted(t) == ["1", "2", "3", "4"]
    assert actors(t["1"]) == [("市行政审批服务局", "lead"), ("市大数据局", "support"),
                              ("各区县政府", "support")]
    # merged cell given once: row 2 inherits its task name
    assert t["2"].text.startswith("提升政务服务效能")
    assert "减少企业提交材料" in t["2"].text  # a cell split over two lines
    # a unit list split over two lines, and the repeated header skipped
    assert [a.name for a in t["3"].tag.actors] == [
        "市市场监管局", "市公安局", "市人力资源社会保障局", "市税务局"]
    assert actors(t["4"]) == [("市司法局", "lead"), ("各区县政府", "support")]
    assert [t[k].deadline for k in "1234"] == ["2024年12月底前", "2024年9月底前", "长期坚持",
                                              "2024年10月底前"]
    att = ps.documents[-1]
    assert att.kind == "attachment" and att.title == "重点任务分工表"


def test_tab_separated_division_table():
    ps, t = tasks_of("division-table-tabs.txt")
    assert sorted(t) == ["1", "2", "3"]
    assert t["2"].title == "建设高标准农田2万亩"
    assert t["2"].text.startswith("稳定粮食生产")
    assert actors(t["2"]) == [("县农业农村局", "lead"), ("县财政局", "support"),
                              ("县自然资源局", "support")]
    assert t["3"].deadline == "持续推进"
    assert ps.documents[1].title == "某某县乡村振兴重点工作任务分工"


def test_national_lead_note_applies_to_later_tags():
    ps = gongbao.parse(FIXTURES / "corpus" / "01_national_guofa-2019-3_bonded-zones.txt")
    tasks = [t for d in ps.documents for t in d.tasks]
    assert actors(tasks[0]) == [("税务总局", "lead"), ("财政部", "support"), ("海关总署", "support")]
    assert actors(tasks[4]) == [("海关总署", "sole")]
    assert all(t.tag.actors[0].role in ("lead", "sole") for t in tasks)


def test_standing_actor_joins_later_tasks():
    ps = gongbao.parse(FIXTURES / "corpus" / "03_national_guobanfa-2018-128_zero-waste-city.txt")
    tasks = [t for d in ps.documents for t in d.tasks]
    k = next(i for i, t in enumerate(tasks) if "不再列出" in t.tag.text)
    assert all("试点城市政府" in [a.name for a in t.tag.actors] for t in tasks[k:])
    assert "试点城市政府" not in [a.name for a in tasks[0].tag.actors]


def test_deadline_from_text():
    ps = gongbao.parse(FIXTURES / "corpus" / "03_national_guobanfa-2018-128_zero-waste-city.txt")
    first = next(t for d in ps.documents for t in d.tasks)
    assert first.deadline == "2019年6月底前"


def test_gov_cn_page_metadata_and_chrome():
    ps = gongbao.parse(FIXTURES / "corpus" / "01_national_guofa-2019-3_bonded-zones.html")
    d = ps.documents[0]
    assert (d.index_number, d.subject, d.published) == (
        "000014349/2019-00003", "商贸、海关、旅游\\海关", "2019-01-25")
    assert d.signed_date == "2019-01-12" and d.issuer == "国务院"
    assert not any("扫一扫" in s.text for s in d.sections)
    assert not [f for f in ps.findings if f.kind == "unassigned_text"]
    assert [f.kind for f in ps.findings] == ["page_chrome"]


def test_check_command_reports_per_document(tmp_path):
    from click.testing import CliRunner

    from gongbao.cli import cli

    r = CliRunner().invoke(cli, ["check", str(STYLES / "guangzhou-style-measures.txt")])
    assert r.exit_code == 0
    assert "5 tagged tasks" in r.output and "12 task–actor pairs" in r.output
    # eleven Guangzhou bodies the template knows (市委网信办 among them) and one collective
    assert "units resolved by template 11, collective 1" in r.output
    assert "not in any directory or template" not in r.output
    f = tmp_path / "plan.txt"
    f.write_text("广州市推进城市更新实施方案\n一、任务\n（一）推进改造。推进改造。（市住房城乡建设局、市城投集团负责）\n",
                 encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", str(f)])
    assert "not in any directory or template: 市城投集团" in r.output


def test_label_lines_nested_names_and_tag_deadlines():
    _, t = tasks_of("label-lines-plan.txt")
    assert actors(t["一1"]) == [("区大数据中心", "shared"), ("区财政局", "shared")]
    assert t["一1"].deadline == "2025年12月"  # the 完成时限 line after the label line
    # 区发展改革局（区数据局）: the bracketed second name is not part of the unit
    assert actors(t["一2"]) == [("区发展改革局", "lead"), ("区直各有关部门", "shared")]
    # 等部门 is not a unit; a 完成时限 inside the tag is the deadline
    assert actors(t["一3"]) == [("区委网信办", "shared"), ("区公安分局", "shared")]
    assert t["一3"].deadline == "2024年底"


# Regressions from review: documents of other governments (invented, in their styles).
def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return gongbao.parse(p)


def test_date_cell_in_a_table_is_not_a_signature(tmp_path):
    ps = _write(tmp_path, "e.txt", "苏州市人民政府关于推进制造业智能化改造的实施意见\n\n苏府〔2024〕15号\n\n"
                "各市、区人民政府：\n\n一、重点任务\n\n序号\n任务\n责任单位\n完成时限\n1\n建设智能工厂\n市工信局\n"
                "2025年12月31日\n2\n推进企业上云\n市工信局、市大数据局\n2024年12月底前\n\n二、保障措施\n\n"
                "各地各部门要加强组织领导。\n\n苏州市人民政府\n\n2024年3月10日\n")
    (doc,) = ps.documents
    assert doc.issuer == "苏州市人民政府" and doc.signed_date == "2024-03-10"
    assert doc.jurisdiction == "苏州市"
    assert [t.deadline for t in doc.tasks] == ["2025年12月31日", "2024年12月底前"]


def test_attachment_of_a_plain_notice(tmp_path):
    ps = _write(tmp_path, "j.txt", "合肥市人民政府办公室关于做好2024年春耕生产工作的通知\n\n合政办秘〔2024〕11号\n\n"
                "各县（市）、区人民政府：\n\n一、加强农资供应（市供销社负责）\n\n合肥市人民政府办公室\n\n"
                "2024年2月26日\n\n附件\n\n春耕生产重点任务分工表\n\n序号\t重点任务\t牵头单位\t配合单位\n"
                "1\t抓好种子供应\t市农业农村局\t市市场监管局\n2\t保障化肥储备\t市供销社\t市发展改革委\n")
    assert [d.kind for d in ps.documents] == ["notice", "attachment"]
    assert len(ps.documents[1].tasks) == 2
    assert ps.documents[0].tasks[0].title == "加强农资供应"  # the tag is not part of the title


def test_flattened_table_without_row_numbers(tmp_path):
    ps = _write(tmp_path, "l.txt", "厦门市推进绿色低碳发展工作方案\n\n一、主要任务\n\n重点任务\n牵头单位\n配合单位\n"
                "完成时限\n发展光伏发电\n市发展改革委\n市资源规划局\n2025年底\n推广新能源汽车\n市工信局\n"
                "市交通运输局\n2024年底\n")
    tasks = [t for d in ps.documents for t in d.tasks]
    assert [(t.title, t.deadline) for t in tasks] == [("发展光伏发电", "2025年底"), ("推广新能源汽车", "2024年底")]
    assert ps.documents[0].jurisdiction == "厦门市"


def test_short_paren_heading_is_not_joined_to_the_next_line(tmp_path):
    ps = _write(tmp_path, "c.txt", "杭州市人民政府关于加快推进数字经济高质量发展的意见\n\n杭政〔2024〕5号\n\n"
                "一、总体目标\n\n（一）指导思想\n坚持以新发展理念为指导。\n")
    sec = next(s for d in ps.documents for s in d.sections if s.number == "（一）")
    assert sec.title == "指导思想"


def test_cell_line_break_between_units(tmp_path):
    p = tmp_path / "o.html"
    p.write_text("<html><body><h1>郑州市促进消费重点任务分工方案</h1><p>为促进消费，制定本方案。现将重点任务分工如下，"
                 "请各单位认真落实。</p><table><tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td></tr>"
                 "<tr><td>1</td><td>举办消费节活动</td><td>市商务局</td><td>市财政局<br>各区县政府</td></tr>"
                 "</table></body></html>", encoding="utf-8")
    (task,) = [t for d in gongbao.parse(p).documents for t in d.tasks]
    assert [(a.name, a.role) for a in task.tag.actors] == [
        ("市商务局", "lead"), ("市财政局", "support"), ("各区县政府", "support")]


def test_a_short_name_as_issuer_says_nothing_about_the_jurisdiction():
    from gongbao.parse.government import document_government

    def gov(issuer):
        g = document_government(issuer, None, None, None, "", []).government
        return g.name if g else None

    assert gov("市教育局") is None
    assert gov("成都市教育局") == "成都市"
    assert gov("济南市人民政府办公厅") == "济南市"
    assert gov("中共淄博市委办公室") == "淄博市"


def test_tag_inside_a_box_is_reported_and_attachment_list_stays_one():
    ps = gongbao.parse(FIXTURES / "genres" / "08_hefei_zhuanlan_plan.txt")
    assert [f.kind for f in ps.findings if f.kind == "tag_in_box"] == ["tag_in_box"]
    ps = gongbao.parse(FIXTURES / "genres" / "09_guangdong_two_attachments.txt")
    lists = [s for s in ps.documents[0].sections if s.kind == "attachments"]
    assert len(lists) == 1 and "2．广东省森林防灭火应急值守联系表" in lists[0].text
    assert not [s for s in ps.documents[0].sections if s.kind == "subitem"]
