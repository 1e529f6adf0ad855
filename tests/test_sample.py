"""The sample issue against the hand annotation in fixtures/jinan-2023-22.annotation.json."""

from __future__ import annotations

import re
from collections import Counter

from gongbao.parse.masthead import normalise_title


def _doc(parsed, kind):
    return [d for d in parsed.documents if d.kind == kind]


def test_masthead(parsed, annotation):
    i = parsed.issue
    want = annotation["issue"]
    assert (i.gazette, i.year, i.number, i.total_number, i.published) == (
        want["gazette"], want["year"], want["number"], want["total_number"], want["published"])


def test_contents(parsed, annotation):
    got = [(normalise_title(e.title), e.doc_number, e.page) for e in parsed.issue.toc]
    want = [(normalise_title(e["title"]), e["doc_number"], e["page"]) for e in annotation["toc"]]
    assert got == want
    assert not [f for f in parsed.findings if f.kind == "toc_mismatch"]


def test_notices_and_issued_documents(parsed, annotation):
    notices = _doc(parsed, "notice")
    assert len(notices) == len(annotation["notices"]) == 2
    for n, want in zip(notices, annotation["notices"], strict=True):
        assert normalise_title(n.title) == normalise_title(want["title"])
        assert n.doc_number == want["doc_number"]
        assert n.issuer == want["issuer"]
        assert n.recipients == want["recipients"]
        assert n.signed_date == want["signed_date"]
        children = [d for d in parsed.documents if d.parent == parsed.documents.index(n)]
        assert [normalise_title(c.title) for c in children] == [
            normalise_title(want["issued_document_title"])]
    issued = [d for d in parsed.documents if d.kind in ("plan", "measures")]
    assert [(normalise_title(d.title), d.printed_date) for d in issued] == [
        (normalise_title(w["title"]), w["printed_date"]) for w in annotation["issued_documents"]]


def test_attachment_is_a_child_of_the_measures(parsed):
    (att,) = _doc(parsed, "attachment")
    assert att.title == "评议内容要点"
    assert parsed.documents[att.parent].kind == "measures"


def test_chapters(parsed, annotation):
    (plan,) = _doc(parsed, "plan")
    got = [(s.number, s.title) for s in plan.sections if s.kind == "item"]
    assert got == [(c["number"], c["title"]) for c in annotation["chapters"]]


def test_articles_keep_duplicates(parsed, annotation):
    (measures,) = _doc(parsed, "measures")
    got = [s.number for s in measures.sections if s.kind == "article"]
    assert got == [a["number"] for a in annotation["articles"]]


def test_numbering_problems_are_warnings(parsed, annotation):
    msgs = {f.kind: f.message for f in parsed.findings if f.kind.startswith("numbering")}
    for p in annotation["numbering_problems"]:
        kind = "numbering_gap" if p["problem"] == "missing" else "numbering_duplicate"
        assert p["number"] in msgs[kind]
    assert len([f for f in parsed.findings if f.kind.startswith("numbering")]) == len(
        annotation["numbering_problems"])


def _task_key(number: str) -> str:
    return number


def test_tasks_and_roles(parsed, annotation):
    got = {
        t.number: sorted((a.written, a.role) for a in t.tag.actors)
        for d in parsed.documents for t in d.tasks
    }
    want = {
        t["chapter"] + t["section"]: sorted((a["name"], a["role"]) for a in t["actors"])
        for t in annotation["tasks"]
    }
    assert got == want
    assert len(want) == 25
    assert sum(len(v) for v in want.values()) == 63


def test_task_titles(parsed, annotation):
    got = {t.number: t.title for d in parsed.documents for t in d.tasks}
    for t in annotation["tasks"]:
        assert got[t["chapter"] + t["section"]] == t["title"]


def test_collective_actor_is_one_group(parsed):
    names = Counter(a.written for d in parsed.documents for t in d.tasks for a in t.tag.actors)
    assert names["各区县政府及代管镇、街道的功能区管理机构"] == 3
    assert not any(n.startswith("街道") for n in names)
    kinds = {a.written: a.kind for d in parsed.documents for t in d.tasks for a in t.tag.actors}
    assert kinds["市政府有关部门"] == "group"
    assert kinds["各区县政府及代管镇、街道的功能区管理机构"] == "group"


def test_tag_after_page_break_belongs_to_its_task(parsed):
    (plan,) = _doc(parsed, "plan")
    task = next(t for t in plan.tasks if t.number == "五（一）")
    assert task.title == "构建现代化计量监管体系"
    assert task.tag.text == "（市市场监管局负责）"
    # the tag stands on its own line: the task keeps both pieces as spans
    assert len(task.spans) >= 2
    assert parsed.text[task.tag.start:task.tag.end] == "（市市场监管局负责）"


def test_departments_resolved(parsed):
    actors = {a.written: a for d in parsed.documents for t in d.tasks for a in t.tag.actors}
    assert actors["市市场监管局"].full_name == "济南市市场监督管理局"
    assert actors["市市场监管局"].kind == "bureau"
    assert actors["市卫生健康委"].kind == "commission"
    assert actors["市市场监管局"].jurisdiction == "济南市"
    unknown = [a for a in actors.values() if not a.known and a.kind != "group"]
    assert unknown == []


def test_boxes(parsed, annotation):
    (plan,) = _doc(parsed, "plan")
    by_key = {s.key: s for s in plan.sections}
    got = [(b.number, b.title, by_key[b.section_key].path, b.table is not None) for b in plan.boxes]
    want = [(b["number"], b["title"], b["in_chapter"] + b["in_section"], b["is_table"])
            for b in annotation["boxes"]]
    assert got == want


def test_box_text_items(parsed, annotation):
    (plan,) = _doc(parsed, "plan")
    for box, want in zip(plan.boxes, annotation["boxes"], strict=True):
        for item in want.get("items", []):
            assert item in box.text


def test_indicators(parsed, annotation):
    (plan,) = _doc(parsed, "plan")
    got = sorted(
        (x.category, x.name, x.unit, x.year, x.value, x.attribute)
        for b in plan.boxes for x in b.indicators)
    want = sorted(
        (x["category"], x["name"], x["unit"], x["year"], float(x["value"]), x["attribute"])
        for x in annotation["indicators"])
    assert got == want
    assert len(got) == 24


def test_attachment_table(parsed, annotation):
    (att,) = _doc(parsed, "attachment")
    (table,) = att.tables
    assert table.header == ("序号", "评议内容", "分值", "评议要点")
    got = [(int(r[0]), r[1], r[2] or None, r[3]) for r in table.rows]
    want = [(w["seq"], w["content"], w["score"], w["points"]) for w in annotation["attachment_table"]]
    assert got == want


def test_aliases(parsed, annotation):
    got = {(a.alias, a.full_name) for d in parsed.documents for a in d.aliases}
    want = {(a["alias"], a["full_name"]) for a in annotation["aliases"]
            if a["marker"] == "以下简称"}
    assert want <= got


def test_citations(parsed, annotation):
    (plan,) = _doc(parsed, "plan")
    got = {(c.title, c.doc_number) for c in plan.citations}
    want = {(c["title"], c["doc_number"]) for c in annotation["citations"] if c["document"] == "plan"}
    assert got == want


def test_page_break_joins(parsed, annotation):
    texts = "\n".join(
        s.text for d in parsed.documents for s in d.sections) + "\n".join(
        b.text for d in parsed.documents for b in d.boxes)
    for j in annotation["page_break_joins"]:
        assert j["joined"] in texts, j
    joins = [f for f in parsed.findings if f.kind == "rejoined"]
    assert len(joins) >= len(annotation["page_break_joins"])


def test_garbled_article_is_reported_not_repaired(parsed):
    garbled = [f for f in parsed.findings if f.kind == "garbled_text"]
    assert garbled and "落实省委" in garbled[0].message


def test_bullets_are_not_text(parsed):
    for d in parsed.documents:
        for s in d.sections:
            assert not re.search(r"(^|\n)- ", s.text)


def test_offsets_point_into_the_source(parsed):
    for d in parsed.documents:
        for t in d.tasks:
            assert parsed.text[t.tag.start:t.tag.end].replace("(", "（").replace(")", "）") \
                .replace(" ", "") == t.tag.text
        for s in d.sections:
            head = s.text.replace("\n", "")[:4]
            assert parsed.text[s.start:s.end].replace("(", "（").replace(")", "）").replace(
                " ", "").startswith(head.replace(" ", ""))


def test_opening_text_is_not_the_parent_of_the_chapters(parsed):
    # regression: the preamble node stayed on the outline stack and adopted 一、…六、
    (plan,) = _doc(parsed, "plan")
    assert [s.parent_key for s in plan.sections if s.kind in ("preamble", "item")] == [None] * 7
