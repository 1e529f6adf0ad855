"""Real national documents (tests/fixtures/corpus, from shared/corpus): they build,
their tags become tasks with actors, and nothing garbage becomes a department."""

from __future__ import annotations

import pytest

import gongbao

from .conftest import CORPUS

TEXTS = sorted(CORPUS.glob("*.txt"))
HTML = sorted(CORPUS.glob("*.html"))

# Tag counts from the corpus README (counted by reading the documents).
TAG_COUNTS = {"01": 21, "02": 15, "03": 39, "04": 17, "05": 30, "06": 0, "11": 0}


@pytest.mark.parametrize("path", TEXTS + HTML, ids=lambda p: p.name[:40])
def test_document_parses(path):
    ps = gongbao.parse(path)
    assert ps.documents
    tasks = [t for d in ps.documents for t in d.tasks]
    assert len(tasks) == TAG_COUNTS[path.name[:2]]
    for t in tasks:
        assert t.tag.actors, t.tag.text
        for a in t.tag.actors:
            # every actor is a directory department or an honest collective
            assert a.known or a.kind == "group", (a.written, t.tag.text)
            assert len(a.written) <= 30


def test_distractor_parenthesis_is_not_a_tag():
    ps = gongbao.parse(CORPUS / "03_national_guobanfa-2018-128_zero-waste-city.txt")
    tags = [t.tag.text for d in ps.documents for t in d.tasks]
    assert not any("联网" in t for t in tags)
    # several tags inside one paragraph each close their own task
    numbers = [t.number for d in ps.documents for t in d.tasks]
    assert any(n.endswith("-2") for n in numbers)


def test_notice_without_attachment_label_issues_its_plan():
    ps = gongbao.parse(CORPUS / "03_national_guobanfa-2018-128_zero-waste-city.txt")
    kinds = [(d.kind, d.parent) for d in ps.documents]
    assert kinds == [("notice", None), ("plan", 0)]
    assert ps.documents[0].doc_number == "国办发〔2018〕128号"


def test_items_numbered_across_sections_are_not_errors():
    ps = gongbao.parse(CORPUS / "01_national_guofa-2019-3_bonded-zones.txt")
    assert not [f for f in ps.findings if f.kind.startswith("numbering")]
    assert ps.documents[0].jurisdiction == "中华人民共和国"


def test_national_names_resolve():
    ps = gongbao.parse(CORPUS / "01_national_guofa-2019-3_bonded-zones.txt")
    full = {a.written: a.full_name for d in ps.documents for t in d.tasks for a in t.tag.actors}
    assert full["税务总局"] == "国家税务总局"
    assert full["发展改革委"] == "国家发展和改革委员会"


def test_pdf_text_splits_attachments():
    ps = gongbao.parse(CORPUS / "11_national_lflk-zongfa-2022-71_covid-prevention-plan-v9.txt")
    notice = ps.documents[0]
    assert notice.kind == "notice" and notice.doc_number == "联防联控机制综发〔2022〕71号"
    assert notice.signed_date == "2022-06-27"
    atts = [d for d in ps.documents if d.kind == "attachment"]
    assert len(atts) >= 14
    sub = next(d for d in atts if d.title == "新冠肺炎病例核心信息")
    assert ps.documents[sub.parent].title.startswith("新冠肺炎疫情流行病学调查")


def test_work_rules_chapters_hold_items():
    ps = gongbao.parse(CORPUS / "06_national_guofa-2004-18_state-council-work-rules.txt")
    rules = ps.documents[1]
    assert rules.title == "国务院工作规则"
    chapters = [s for s in rules.sections if s.kind == "chapter"]
    assert [c.title for c in chapters][:2] == ["总则", "组成人员职责"]
    items = [s for s in rules.sections if s.kind == "item"]
    assert len(items) == 54
    assert ps.documents[0].signed_date == "2004-06-26"
