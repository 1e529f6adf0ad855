"""Departments of every government (issue 11): divisions, the template, resolution in the
document's government, and a knowledge base of several governments."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys

import pytest

import gongbao
from gongbao.parse.departments import load_directory
from gongbao.parse.divisions import NATION, divisions
from gongbao.parse.government import document_government
from gongbao.parse.resolve import resolver_for

from .conftest import FIXTURES, ROOT

D = divisions()
R = resolver_for(load_directory())
HENAN, LUOYANG, JINAN, LISHAN = (D.by_code[c] for c in ("410000", "410300", "370100", "210304"))


def full(name, gov, carry=None):
    return R.resolve(name, gov, carry).full_name


# --- the divisions ---------------------------------------------------------------------------

@pytest.mark.parametrize("form,code", [
    ("河南省", "410000"), ("河南", "410000"), ("鞍山市立山区", "210304"), ("立山区", "210304"),
    ("黔南布依族苗族自治州", "522700"), ("黔南州", "522700"), ("锡林郭勒盟", "152500"),
    ("达拉特旗", "150621"), ("义乌市", "330782"), ("广西", "450000"), ("内蒙古", "150000"),
])
def test_forms_of_a_division_name(form, code):
    assert code in D.forms[form]


def test_every_level_and_type_is_there():
    types = {d.type for d in D.by_code.values()}
    assert {"省", "自治区", "直辖市", "地级市", "自治州", "盟", "地区", "县", "县级市", "市辖区", "旗",
            "自治县"} <= types
    assert sum(d.level == "province" for d in D.by_code.values()) == 34
    assert sum(d.level == "county" for d in D.by_code.values()) > 2800


def test_a_district_is_prefixed_with_its_city_a_county_is_not():
    assert D.prefix(LISHAN) == "鞍山市立山区"
    assert D.prefix(D.by_code["330424"]) == "海盐县"
    assert D.prefix(D.by_code["500103"]) == "重庆市渝中区"


def test_a_shared_name_is_picked_by_its_context():
    gulou = D.forms["鼓楼区"]
    assert len(gulou) >= 3
    assert D.pick(tuple(gulou), [D.by_code["350100"]]).code == "350102"  # 福州
    assert D.pick(tuple(gulou), [D.by_code["320100"]]).code == "320106"  # 南京


# --- the document's government ---------------------------------------------------------------

@pytest.mark.parametrize("issuer,title,number,recipients,text,want", [
    ("河南省人民政府办公厅", None, None, None, "", "410000"),
    ("中共淄博市委办公室、淄博市人民政府办公室", None, None, None, "", "370300"),
    ("国务院办公厅", None, None, None, "", NATION.code),
    (None, "洛阳市推进制造业高质量发展实施方案", None, None, "", "410300"),
    (None, "【文字解读】凤凰县人民政府办公室关于印发办法的通知", None, None, "", "433123"),
    (None, None, "豫政办〔2023〕5号", None, "", "410000"),
    (None, None, "鲁政办字〔2022〕8号", "各市人民政府，各县（市、区）人民政府，省政府各部门：", "", "370000"),
    (None, None, "济政发〔2023〕11号", "各区县人民政府，市政府各部门：", "济南市各区县要……济南市", "370100"),
    (None, None, None, "各乡镇人民政府，县政府各部门：", "海盐县……海盐县……嘉兴市", "330424"),
    (None, None, "国办发〔2018〕121号", None, "北京市、上海市", NATION.code),
])
def test_document_government(issuer, title, number, recipients, text, want):
    ev = document_government(issuer, title, number, recipients, text, [])
    assert ev.government is not None and ev.government.code == want


def test_a_short_local_name_is_not_national_in_a_local_document():
    # a Henan provincial document's 发展改革委 is Henan's, not 国家发展和改革委员会
    assert full("发展改革委", HENAN) == "河南省发展和改革委员会"
    assert R.resolve("发展改革委", HENAN).jurisdiction_code == "410000"
    assert full("发展改革委", NATION) == "国家发展和改革委员会"


# --- one path for every name -----------------------------------------------------------------

@pytest.mark.parametrize("name,gov,want", [
    # the level word: the document's own level, a higher one, and none
    ("省发展改革委", HENAN, "河南省发展和改革委员会"),
    ("财政厅", HENAN, "河南省财政厅"),
    ("省财政厅", HENAN, "河南省财政厅"),
    ("省发展改革委", LUOYANG, "河南省发展和改革委员会"),
    ("市住房城乡建设局", LUOYANG, "洛阳市住房和城乡建设局"),
    ("市人力资源社会保障局", LUOYANG, "洛阳市人力资源和社会保障局"),
    ("市市场监管局", LUOYANG, "洛阳市市场监督管理局"),
    ("市场监管局", LUOYANG, "洛阳市市场监督管理局"),
    ("区财政局", LISHAN, "鞍山市立山区财政局"),
    ("市财政局", LISHAN, "鞍山市财政局"),
    # a place named in the name
    ("洛阳市教育局", HENAN, "洛阳市教育局"),
    ("鞍山市立山区财政局", HENAN, "鞍山市立山区财政局"),
    # the Party, mass organisations, courts, vertical systems
    ("省委宣传部", HENAN, "中共河南省委宣传部"),
    ("区委组织部", LISHAN, "中共鞍山市立山区委组织部"),
    ("市委网信办", LUOYANG, "中共洛阳市委网络安全和信息化委员会办公室"),
    ("团市委", LUOYANG, "共青团洛阳市委员会"),
    ("市妇联", LUOYANG, "洛阳市妇女联合会"),
    ("市中院", LUOYANG, "洛阳市中级人民法院"),
    ("区税务局", LISHAN, "国家税务总局鞍山市立山区税务局"),
    ("市税务局", LUOYANG, "国家税务总局洛阳市税务局"),
    # national names stay national in a local document
    ("国家发展改革委", LUOYANG, "国家发展和改革委员会"),
    ("财政部", LUOYANG, "中华人民共和国财政部"),
    # the directory overrides the template where one exists
    ("市市场监管局", JINAN, "济南市市场监督管理局"),
    # before the 2018 reform
    ("市工商局", LUOYANG, "洛阳市工商行政管理局"),
])
def test_resolved_in_its_government(name, gov, want):
    assert full(name, gov) == want


def test_reorganised_units_know_their_successor():
    r = R.resolve("市工商局", LUOYANG)
    assert r.current_full_name == "洛阳市市场监督管理局"


def test_a_prefix_written_once_carries_through_the_list():
    ps = gongbao.parse_text(
        "洛阳市人民政府办公室关于印发方案的通知\n洛政办〔2023〕1号\n各县（市、区）人民政府，市人民政府各部门：\n"
        "现将方案印发给你们。\n\n洛阳市人民政府办公室\n2023年5月1日\n\n洛阳市数字经济实施方案\n一、重点任务\n"
        "（一）建设平台。建设数据平台。（省发展改革委、财政厅、科技厅，市发展改革委负责）\n")
    (task,) = [t for d in ps.documents for t in d.tasks]
    names = [(a.full_name, a.jurisdiction_code) for a in task.tag.actors]
    assert names == [("河南省发展和改革委员会", "410000"), ("河南省财政厅", "410000"),
                     ("河南省科学技术厅", "410000"), ("洛阳市发展和改革委员会", "410300")]


def test_collectives_stay_collectives_with_their_government():
    r = R.resolve("各区县政府", JINAN)
    assert (r.kind, r.full_name, r.jurisdiction_code) == ("group", "各区县政府", "370100")
    r = R.resolve("市政府有关部门", LUOYANG)
    assert (r.kind, r.jurisdiction_code) == ("group", "410300")


def test_a_joint_signature_two_to_a_line_is_a_list_of_issuers():
    ps = gongbao.parse_text(
        "国家发展改革委 财政部 商务部关于印发《促进消费若干措施》的通知\n发改就业〔2023〕1017号\n\n"
        "各省、自治区、直辖市人民政府：\n现将《促进消费若干措施》印发给你们。\n\n"
        "国家发展改革委　　　　财　政　部\n商　务　部　　　　工业和信息化部\n自然资源部　　　　市场监管总局\n"
        "2023年7月28日\n")
    notice = ps.documents[0]
    assert notice.issuer == "国家发展改革委、财政部、商务部、工业和信息化部、自然资源部、市场监管总局"
    assert notice.jurisdiction_code == NATION.code


def test_the_written_unit_keeps_its_span():
    ps = gongbao.parse_text("一、任务\n（一）建设平台。建设数据平台。（济南市发展改革委、市财政局负责）\n")
    (task,) = [t for d in ps.documents for t in d.tasks]
    for a in task.tag.actors:
        assert ps.text[a.written_start:a.written_end] == a.written


# --- read by hand ----------------------------------------------------------------------------

def _bench():
    spec = importlib.util.spec_from_file_location("bench_units", ROOT / "benchmarks" / "bench_units.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_units"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def test_the_annotations_cover_150_units_of_20_governments():
    import json

    govs, units = set(), 0
    for f in (FIXTURES / "units").glob("*.json"):
        for doc in json.loads(f.read_text(encoding="utf-8"))["documents"]:
            units += sum(1 for u in doc["units"] if u.get("full_name"))
            govs |= {u["government"] for u in doc["units"] if u.get("government")}
    assert units >= 150 and len(govs) >= 20


def test_units_of_real_documents_land_in_their_government():
    t = _bench().score_set("real")
    assert t.docs_right / t.docs >= FLOOR["docs"], t.errors[:20]
    assert t.gov_right / t.units >= FLOOR["gov"], t.errors[:20]
    assert t.name_right / t.named >= FLOOR["name"], t.errors[:20]


FLOOR = {"docs": 0.85, "gov": 0.88, "name": 0.82}


@pytest.mark.parametrize("name,floor", [("heldout-ab", (0.80, 0.85, 0.75)), ("heldout-cd", (0.72, 0.83, 0.70)),
                                        ("heldout5", (0.80, 0.80, 0.68))])
def test_units_of_held_out_pieces_do_not_fall(name, floor):
    t = _bench().score_set(name)
    got = (t.docs_right / t.docs, t.gov_right / t.units, t.name_right / t.named)
    assert all(g >= f for g, f in zip(got, floor, strict=True)), (got, t.errors[:20])


# --- a knowledge base of several governments -------------------------------------------------

@pytest.fixture(scope="module")
def many(tmp_path_factory):
    from click.testing import CliRunner

    from gongbao.cli import cli

    db = tmp_path_factory.mktemp("many") / "kb.db"
    genres = sorted(p for p in (FIXTURES / "genres").iterdir() if p.suffix in (".txt", ".html"))
    r = CliRunner().invoke(cli, ["build", str(ROOT / "data" / "samples" / "jinan-gazette-2023-22.txt"),
                                 *map(str, genres), "--db", str(db)])
    assert r.exit_code == 0, r.output
    return db


def test_no_duplicate_matrix_header(many):
    from gongbao.graph.export import matrix_rows

    header = matrix_rows(many)[0]
    dups = sorted({h for h in header if header.count(h) > 1})
    assert not dups


def test_every_department_has_a_government(many):
    conn = sqlite3.connect(many)
    rows = conn.execute("select label from departments where jurisdiction_code is null").fetchall()
    assert rows == []
    n = conn.execute("select count(distinct jurisdiction_code) from departments").fetchone()[0]
    assert n >= 10


def test_tasks_of_a_department_in_one_government(many):
    import json

    sql = json.loads((ROOT / "metadata.json").read_text(encoding="utf-8"))[
        "databases"]["gazette"]["queries"]["tasks_of_department"]["sql"]
    conn = sqlite3.connect(many)
    both = conn.execute(sql, {"department": "市市场监管局", "government": ""}).fetchall()
    jinan = conn.execute(sql, {"department": "市市场监管局", "government": "济南市"}).fetchall()
    by_code = conn.execute(sql, {"department": "市市场监管局", "government": "370100"}).fetchall()
    assert jinan and jinan == by_code and len(both) > len(jinan)
    govs = {r[7] for r in both}
    assert "济南市" in govs and len(govs) >= 2


def test_departments_of_a_government(many):
    import json

    sql = json.loads((ROOT / "metadata.json").read_text(encoding="utf-8"))[
        "databases"]["gazette"]["queries"]["departments_of_government"]["sql"]
    conn = sqlite3.connect(many)
    luoyang = conn.execute(sql, {"government": "410300"}).fetchall()
    assert luoyang and all(r[0].startswith("洛阳市 · ") for r in luoyang)
    assert any(r[1] == "洛阳市发展和改革委员会" for r in luoyang)


# --- the template as data --------------------------------------------------------------------

def test_the_template_is_consistent():
    import json

    data = json.loads((ROOT / "data" / "templates" / "departments.json").read_text(encoding="utf-8"))
    stems = {u["stem"] for u in data["units"]}
    kinds = {"department", "office", "government", "party", "mass_org", "judicial", "vertical", "institution"}
    for u in data["units"]:
        assert u["kind"] in kinds and set(u["levels"]) <= {"province", "city", "county"}, u
        assert not u.get("successor") or u["successor"] in stems, u
        assert not u.get("pattern") or "{gov}" in u["pattern"] or "{short}" in u["pattern"], u

    def span(u):
        return (int((u.get("since") or "0")[:4]), int((u.get("until") or "9999")[:4]))

    by_form: dict = {}
    for u in data["units"]:
        for form in [u["stem"], *u["short"]]:
            by_form.setdefault(form, []).append(u)
    for form, us in by_form.items():
        for i, a in enumerate(us):
            for b in us[i + 1:]:
                if a["stem"] == b["stem"] or (a["kind"] == "party") != (b["kind"] == "party") \
                        or not set(a["levels"]) & set(b["levels"]):
                    continue
                (s1, e1), (s2, e2) = span(a), span(b)
                # one form, one level: the periods may touch at a reform year, never overlap
                assert e1 <= s2 or e2 <= s1, (form, a["stem"], b["stem"])


@pytest.mark.parametrize("year,want", [
    (2017, "潍坊市人民政府金融工作办公室"),
    (2021, "潍坊市地方金融监督管理局"),
    (2025, "中共潍坊市委金融委员会办公室"),
])
def test_a_form_that_changed_owner_is_read_by_the_year(year, want):
    assert R.resolve("市金融办", D.by_code["370700"], None, year).full_name == want


# read from each genre fixture's issuer and title
GENRE_GOVERNMENTS = {
    "01_ndrc_ministry_notice.txt": "100000", "02_henan_office_plan.html": "410000",
    "03_luoyang_city_plan.txt": "410300", "04_wuhou_district_workplan.txt": "510107",
    "05_xian_measures_chapters.txt": "610100", "06_zhejiang_opinions_12.txt": "330000",
    "07_zhuzhou_division_table.txt": "430200", "08_hefei_zhuanlan_plan.txt": "340100",
    "09_guangdong_two_attachments.txt": "440000", "10_jiangxi_guide_participate.txt": "360000",
    "11_qingdao_halfwidth.txt": "370200", "12_guobanfa_xiatong.txt": "100000",
    "13_jiangsu_standing_note.html": "320000", "14_zibo_heading_tags.txt": "370300",
    "15_changxing_county_plan.html": "330522",
}


@pytest.mark.parametrize("name,code", sorted(GENRE_GOVERNMENTS.items()))
def test_government_of_each_genre_document(name, code):
    ps = gongbao.parse(FIXTURES / "genres" / name)
    assert {d.jurisdiction_code for d in ps.documents} == {code}
    units = [a for d in ps.documents for t in d.tasks for a in t.tag.actors]
    # every unit has a government, and most are the document's own (the rest: its province,
    # the nation, a named district)
    assert all(a.jurisdiction_code for a in units), [a.written for a in units if not a.jurisdiction_code]
    assert sum(a.jurisdiction_code == code for a in units) >= 0.6 * len(units)
