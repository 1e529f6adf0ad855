"""The token grammar of tags: each form a family (other brackets, labels, separators), the
five probes of the review, and the vocabulary as the one source of labels and columns."""

from __future__ import annotations

import pytest

import gongbao
from gongbao import roles as R
from gongbao.parse.resptable import RespRow, column_kind, row_actors
from gongbao.parse.tags import find_sentence_tags, find_tags, read, why_not
from gongbao.parse.tokens import tokenize, view_of


def roles(text: str) -> list[tuple[str, str]]:
    tags = find_tags("做好某项工作。" + text)
    assert len(tags) == 1, tags
    return [(a.name, a.role) for a in tags[0].actors]


# -- the five probes of the review ------------------------------------------------------

@pytest.mark.parametrize("text", ["（所需经费由市财政局负责）", "（由此产生的费用由企业负责）"])
def test_prose_fragments_are_never_actors(text):
    assert find_tags("做好某项工作。" + text) == []
    assert "prose" in why_not(text[1:-1])


def test_huitong_inside_a_support_clause():
    assert roles("（市发展改革委牵头，市财政局会同市教育局配合）") == [
        ("市发展改革委", "lead"), ("市财政局", "support"), ("市教育局", "support")]


def test_a_time_clause_after_the_units_is_a_deadline():
    (tag,) = find_tags("做好某项工作。（市教育局负责，持续推进）")
    assert [(a.name, a.role) for a in tag.actors] == [("市教育局", "sole")]
    assert tag.deadline == "持续推进"


def test_lead_mark_inside_a_table_cell():
    got = row_actors(RespRow("1", {"responsible": "区住建交通局（牵头）、区城管委"}))
    assert [(a.name, a.role) for a in got] == [("区住建交通局", "lead"), ("区城管委", "support")]


# -- families of forms -------------------------------------------------------------------

@pytest.mark.parametrize("open_, close", [("（", "）"), ("【", "】"), ("〔", "〕"), ("[", "]")])
def test_every_bracket(open_, close):
    assert roles(f"{open_}市教育局牵头，市财政局配合{close}") == [("市教育局", "lead"), ("市财政局", "support")]


@pytest.mark.parametrize("sep", ["，", "、", "；", ",", ";"])
def test_any_separator_joins_two_clauses(sep):
    assert roles(f"（市教育局牵头{sep}市财政局、市民政局配合）") == [
        ("市教育局", "lead"), ("市财政局", "support"), ("市民政局", "support")]


@pytest.mark.parametrize("label,role", [
    ("牵头单位", "lead"), ("牵头责任单位", "lead"), ("牵头部门", "lead"), ("主责单位", "lead"),
    ("配合单位", "support"), ("协同责任单位", "support"), ("参与单位", "support"), ("协办处室", "support"),
    ("责任单位", "sole"), ("负责部门", "sole"), ("责任科室", "sole"), ("承办单位", "sole"), ("责任处室", "sole"),
])
def test_label_family(label, role):
    assert roles(f"（{label}：市教育局）") == [("市教育局", role)]


def test_several_units_all_labelled_lead():
    assert roles("（牵头单位：省科技厅、省发展改革委）") == [("省科技厅", "lead"), ("省发展改革委", "lead")]


def test_a_second_label_line_is_not_a_second_task():
    # the drift the issue found: 承办单位 after 牵头单位 became an empty task
    text = "一、重点任务\n1.推进某项工作。\n牵头单位：市教育局\n承办单位：市财政局\n"
    tasks = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    assert [[(a.name, a.role) for a in t.tag.actors] for t in tasks] == [
        [("市教育局", "lead"), ("市财政局", "shared")]]


@pytest.mark.parametrize("label", ["牵头领导", "牵头市领导", "责任领导", "牵头负责领导", "分管市领导"])
def test_persons_are_leaders_not_actors(label):
    r = read(f"{label}：张三；牵头单位：市教育局")
    assert [a.name for a in r.actors] == ["市教育局"] and r.leaders == ["张三"]


def test_heading_person_is_a_leader():
    text = "一、王丹县长牵头重点工作\n1.全县生产总值增长7.5%左右。\n责任单位：县发改局\n"
    (t,) = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    assert t.leaders == ("王丹县长",) and [a.name for a in t.tag.actors] == ["县发改局"]


@pytest.mark.parametrize("note", ["列第一位者为牵头单位，下同", "首位单位为牵头单位，下同",
                                  "排名第一位为牵头单位，下同", "排在第一位的部门为牵头部门，下同"])
def test_first_leads_notes_in_any_wording(note):
    (tag,) = find_tags(f"做好。（市教育局、市财政局、市民政局负责，{note}）")
    assert [a.role for a in tag.actors] == ["lead", "support", "support"]


def test_first_leads_note_after_the_first_unit_of_a_label():
    (tag,) = find_sentence_tags("责任单位：县发改局（首位单位为牵头单位，下同）、县财政局、县税务局")
    assert [(a.name, a.role) for a in tag.actors] == [("县发改局", "lead"), ("县财政局", "support"),
                                                      ("县税务局", "support")]


def test_separately_leading_units_all_lead():
    assert [r for _, r in roles("（市金融办、人民银行潍坊市中心支行分别牵头落实）")] == ["lead", "lead"]


def test_bare_list_after_a_sentence_is_a_tag_but_not_an_alias():
    assert roles("（市教育局、市委农办、各县<市、区>人民政府）") == [
        ("市教育局", "shared"), ("市委农办", "shared"), ("各县<市、区>人民政府", "shared")]
    assert find_tags("市发展改革委（市能源局）负责。") == [] or all(
        a.name != "市能源局" for t in find_tags("市发展改革委（市能源局）负责。") for a in t.actors)


def test_scope_clause_is_not_an_actor():
    assert roles("（负责部门：海关总署，适用范围：福建自贸试验区）") == [("海关总署", "sole")]


def test_level_only_and_cut_off_names_are_not_actors():
    assert find_tags("做好。（市、区负责）") == []
    assert "cut off" in why_not("市教育局、人民银")


def test_standing_actors_in_another_wording():
    text = ("一、任务\n1.做好甲。〔责任单位：省发展改革委按职责分工负责。具体任务均涉及相关市（州）人民政府，"
            "不再做分工，下同。〕\n2.做好乙。〔责任单位：省市场监管局〕\n")
    tasks = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    assert [[a.name for a in t.tag.actors] for t in tasks] == [
        ["省发展改革委", "相关市（州）人民政府"], ["省市场监管局", "相关市（州）人民政府"]]


def test_traditional_script_is_read_and_stored_as_written():
    text = "一、任務\n1.推進某項工作。(牽頭單位:省科技廳、省工業和信息化廳)\n"
    (t,) = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    assert [(a.written, a.role) for a in t.tag.actors] == [("省科技廳", "lead"), ("省工業和信息化廳", "lead")]
    assert "推進" in t.text  # stored as written


def test_mirror_pinyin_inside_names_is_read_through():
    r = read("責任單位:省通信管理(lǐ)局、省財政廳")
    assert len(r.actors) == 2 and r.problem is None


def test_known_names_are_one_token():
    v, _ = view_of("工业和信息化部、市场监管总局负责")
    kinds = [(t.kind, v[t.start:t.end]) for t in tokenize(v)]
    assert kinds[0] == ("ACTOR", "工业和信息化部") and kinds[-1] == ("VERB", "负责")


# -- one vocabulary ------------------------------------------------------------------------

@pytest.mark.parametrize("header,kind", [("牵头单位", "lead"), ("配合单位", "support"), ("责任科室", "responsible"),
                                         ("协同配合单位", "support"), ("责任领导", "person"), ("完成时限", "deadline")])
def test_table_columns_come_from_the_vocabulary(header, kind):
    assert column_kind(header) == kind
    if kind in ("lead", "support", "responsible"):
        assert R.label_role(header) == kind and R.LABEL_LINE.match(header + "：")


def test_a_document_adds_its_own_names_to_the_lexicon():
    from gongbao.parse.orgnames import Lexicon

    base = Lexicon({"市教育局"})
    doc = base.with_names({"市科学技术和工业信息化局"})
    assert doc.matches("市科学技术和工业信息化局、市教育局") == [(0, 12), (13, 17)]
    assert base.matches("市科学技术和工业信息化局") == []  # the directory lexicon is unchanged
    # the name is one unit, not split at its 和
    r = read("市科学技术和工业信息化局负责", doc)
    assert [a.name for a in r.actors] == ["市科学技术和工业信息化局"]


def test_leaders_are_stored_beside_the_task(tmp_path):
    import sqlite3

    src = tmp_path / "plan.txt"
    src.write_text("一、主要目标\n1.地区生产总值增长5.5%左右。\n牵头领导：王 健\n牵头单位：省发展改革委\n"
                   "责任单位：省财政厅\n", encoding="utf-8")
    db = tmp_path / "kb.db"
    assert gongbao.build([src], db, analyze=False).ok
    rows = sqlite3.connect(db).execute("select leaders, tag_text from tasks").fetchall()
    assert len(rows) == 1 and rows[0][0] == "王健"
    names = [r[0] for r in sqlite3.connect(db).execute(
        "select d.name from responsibilities r join departments d on d.id = r.department_id")]
    assert "王健" not in names and "省发展改革委" in names


# Regressions from the first held-out set (tests/heldout/50–61), one per form family.
def test_a_level_collective_does_not_swallow_the_next_unit():
    r = read("责任单位：各街道，区市场局、各市、县（市、区）政府")
    assert [a.name for a in r.actors] == ["各街道", "区市场局", "各市、县（市、区）政府"]


def test_first_leads_note_naming_a_work_lead():
    (tag,) = find_sentence_tags("责任单位：市经信局、市财政局、市税务局（列第一位者为工作牵头单位或汇总单位，下同）")
    assert [a.role for a in tag.actors] == ["lead", "support", "support"]


def test_host_unit_label_is_responsible_not_lead():
    assert roles("（主办单位：市财政局）") == [("市财政局", "sole")]
    assert roles("（主办单位：市财政局；协办单位：市统计局）") == [("市财政局", "sole"), ("市统计局", "support")]


def test_parks_are_units():
    assert [n for n, _ in roles("（牵头单位：县园区发展服务中心；责任单位：新材料产业园、食品产业园等）")] == [
        "县园区发展服务中心", "新材料产业园", "食品产业园"]


# Regressions from the second held-out set (tests/heldout/70–79), one per form family.
def test_a_space_between_two_units_separates_them():
    assert [a.name for a in read("县教体局 各相关乡镇政府").actors] == ["县教体局", "各相关乡镇政府"]
    assert [a.name for a in read("自治 区农牧厅").actors] == ["自治区农牧厅"]  # a space inside a name


def test_label_written_with_a_semicolon():
    assert roles("（责任单位;住建局、各乡镇场）") == [("住建局", "shared"), ("各乡镇场", "shared")]


def test_standing_note_listing_units_with_commas():
    (tag,) = find_tags("做好。〔责任单位：省工信厅。以下均需各市、县（区）人民政府，平潭综合实验区管委会"
                       "落实，不再列出〕")
    assert tag.standing == ("各市、县（区）人民政府", "平潭综合实验区管委会")


def test_a_second_name_in_brackets_stays_written():
    text = "一、任务\n1.做好粮食工作。[牵头单位：县发改局（粮食局）；责任单位：各镇人民政府]\n"
    (t,) = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    lead = t.tag.actors[0]
    assert (lead.name, lead.written) == ("县发改局", "县发改局（粮食局）")


def test_heading_naming_the_leading_unit():
    text = "一、县示范区管委会牵头工作（8项）\n1.建设现代农业产业园。\n"
    tasks = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    assert [(a.name, a.role) for a in tasks[0].tag.actors] == [("县示范区管委会", "lead")]
    # a person's heading gives leaders, not a unit
    text = "一、王丹县长牵头重点工作\n1.做好甲。（县发改局负责）\n"
    (t,) = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    assert t.leaders == ("王丹县长",) and [a.name for a in t.tag.actors] == ["县发改局"]


def test_table_with_a_lead_column_before_the_task_and_bars_opening_cells():
    text = ("牵头单位\n| 目 标 任 务\n| 责 任 单 位\n|\n市政\n府办\n公厅\n| 强化行政监督。\n| 市直各单位、各区县市\n|\n"
            "推进国家安全工作。\n| 市直各单位\n|\n市\n监\n察\n局\n| 查处腐败行为。\n| 审计局、财政局\n|\n")
    tasks = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    assert [[(a.name, a.role) for a in t.tag.actors] for t in tasks] == [
        [("市政府办公厅", "lead"), ("市直各单位", "shared"), ("各区县市", "shared")],
        [("市政府办公厅", "lead"), ("市直各单位", "shared")],  # the merged lead cell
        [("市监察局", "lead"), ("审计局", "shared"), ("财政局", "shared")]]


# Regressions from the third held-out set (tests/heldout2/90–100), one per form family.
def test_label_lines_ending_in_a_full_stop_are_one_tag():
    text = "一、任务\n1.扩大有效投资。\n牵头责任单位：省发展改革委。\n协同责任单位：省政府各部门、各直属机构\n"
    (t,) = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    assert [(a.name, a.role) for a in t.tag.actors] == [
        ("省发展改革委", "lead"), ("省政府各部门", "support"), ("各直属机构", "support")]


def test_a_heading_lead_leads_the_partner_only_tasks_under_it():
    text = ("一、目标责任\n（一）省审计厅牵头的工作\n全面加强审计工作。\n协同单位：省直各部门和各市人民政府。\n"
            "（二）省统计局牵头的工作\n做好统计。（省统计局负责）\n")
    tasks = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    assert [[(a.name, a.role) for a in t.tag.actors] for t in tasks] == [
        [("省审计厅", "lead"), ("省直各部门", "support"), ("各市人民政府", "support")],
        [("省统计局", "lead")], [("省统计局", "sole")]]


def test_etc_before_a_provincial_collective():
    assert [a.name for a in read("省财政厅、省农业厅等省直有关部门和各市人民政府配合").actors] == [
        "省财政厅", "省农业厅", "省直有关部门", "各市人民政府"]


# Regressions from the fourth held-out set (tests/heldout2/80–87, tables), one per form family.
def test_a_unit_and_its_head_in_one_cell():
    r = read("市民政局 伍泽国")
    assert [a.name for a in r.actors] == ["市民政局"] and r.leaders == ["伍泽国"]


def test_people_are_not_units():
    assert "people" in why_not("全体乡村两级干部")
    assert "people" in why_not("全社会")


def test_a_whole_short_unit_at_the_end_is_not_cut_off():
    from gongbao.parse.orgnames import cut_short

    assert cut_short("市科") and cut_short("市协") and not cut_short("综合科")


def test_attachment_heading_with_a_colon():
    from gongbao import patterns as P

    assert P.ATTACHMENT_HEADING.match("附件1：") and not P.ATTACHMENT_HEADING.match("附件：1.分工表")


def test_disclosure_catalogue_publishing_body_column():
    assert column_kind("公开主体") == "responsible"


@pytest.mark.parametrize("text", ["（市教育局、各县‹市、区›人民政府负责）", "（市教育局、各县<市、区>人民政府负责）",
                                  "(市教育局、各县(市、区)人民政府负责)"])
def test_nested_brackets_of_every_kind_and_half_width(text):
    got = roles(text)
    assert len(got) == 2 and got[0][0] == "市教育局"


# Regressions from the fifth and sixth held-out sets (tests/heldout3/), one per form family.
def test_star_marks_the_lead_unit():
    assert roles("（区政府办公室*、区财政局）")[0] == ("区政府办公室", "lead")


def test_lead_responsible_department_column():
    assert column_kind("牵头负责部门") == "lead"
    assert column_kind("评分部门") == "assessor" and column_kind("建设地点") == "place"


def test_last_clause_opened_by_you():
    (t,) = find_sentence_tags("（二）关于“严守耕地保护红线”的问题，由国土资源部会同农业部等部门负责落实。")
    assert [(a.name, a.role) for a in t.actors] == [("国土资源部", "lead"), ("农业部", "support")]


def test_label_line_with_a_name_broken_at_the_line_end():
    text = "一、任务\n1.做好组织工作。\n牵头单位：区委组织部\n协办单位：区委编办、园区党工\n委、各街道党工委\n"
    (t,) = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    assert [a.name for a in t.tag.actors] == ["区委组织部", "区委编办", "园区党工委", "各街道党工委"]


def test_pipe_table_rows_are_lines_and_units_the_last_run():
    text = ("一、专项整治安排表\n专项整治行业名称 | 时间安排 | 责任单位 |\n烟花爆竹 | 1月份 | 安监站 安监所 |\n"
            "电力设施 | 3月份 | 电管所 |\n养老机构 | 4月份 | 民政所 |\n")
    tasks = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    assert [[a.name for a in t.tag.actors] for t in tasks] == [["安监站", "安监所"], ["电管所"], ["民政所"]]


def test_a_place_column_is_not_a_unit():
    text = ("序号\n项目名称\n建设地点\n责任单位\n1\n城区道路改造\n相关镇（街道）\n县住建局\n2\n农村公路\n"
            "纸坊街道\n县交通局\n")
    tasks = [t for d in gongbao.parse_text(text).documents for t in d.tasks]
    assert [[a.name for a in t.tag.actors] for t in tasks] == [["县住建局"], ["县交通局"]]


# Regressions from the seventh and eighth held-out sets (tests/heldout4/), one per form family.
def test_one_place_with_two_organs():
    assert [a.name for a in read("各县（市、区）党委和人民政府，城乡一体化示范区、高新区党工委和管委会").actors] == [
        "各县（市、区）党委", "各县（市、区）人民政府", "城乡一体化示范区党工委", "城乡一体化示范区管委会",
        "高新区党工委", "高新区管委会"]


def test_a_collective_over_three_levels():
    assert [a.name for a in read("市税务局等，各县、市、区政府，咸宁高新区管委会").actors] == [
        "市税务局", "各县、市、区政府", "咸宁高新区管委会"]


def test_depots_and_mechanisms_are_units():
    assert is_org_name("中储粮株洲直属库") and is_org_name("市政务数据共享协调机制")


def is_org_name(name: str) -> bool:
    from gongbao.parse.orgnames import is_org

    return is_org(name)


def test_a_one_line_header_with_a_long_column_name():
    from gongbao.parse.resptable import is_header

    cells = ["序号", "工作任务", "责任单位", "一季度目标", "进展情况、存在问题及下一步打算"]
    assert is_header(cells, loose=True) and not is_header(cells)
