"""Language analysis (issue 5): mentions of departments in body text, keywords per task."""

from __future__ import annotations

import sqlite3

from gongbao.parse.language import find_mentions, keywords


def rows(db, sql, *params):
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    return conn.execute(sql, params).fetchall()


# Departments and bodies the sample names in its body text but in no tag, found by
# reading it (tests/fixtures/jinan-2023-22.annotation.json lists all body mentions),
# with what each resolves to.
BODY_ONLY = {
    "市市场监管部门": "济南市市场监督管理局",
    "市食品药品安全委员会": "济南市食品药品安全委员会",
    "市食药安委": "济南市食品药品安全委员会",
    "市食品药品安全委员会办公室": "济南市食品药品安全委员会办公室",
    "市食药安办": "济南市食品药品安全委员会办公室",
    "食药安办": "济南市食品药品安全委员会办公室",
    "市政府": "济南市人民政府",
    "各区政府": "各区政府",
    "各区县政府": "各区县政府",
    "相关成员单位": "市食药安委相关成员单位",
    # the province and the Party committees of a Jinan document are Shandong's and Jinan's
    "省委": "中共山东省委员会", "省政府": "山东省人民政府", "市委": "中共济南市委员会", "党中央": "党中央",
}


def test_mentions_in_body_text(built_db, annotation):
    tagged = {a["name"] for t in annotation["tasks"] for a in t["actors"]}
    body: dict[str, set[str]] = {}
    for r in rows(built_db, "select name, full_name from mentions where label = 'ORG' and in_tag = 0"):
        body.setdefault(r["name"], set()).add(r["full_name"])
    for name, full in BODY_ONLY.items():
        assert name in annotation["body_department_mentions_not_in_tags"]
        assert name not in tagged
        assert full in body.get(name, set()), name


def test_tags_are_mentions_too(built_db):
    n = rows(built_db, "select count(*) from mentions where in_tag = 1 and name = '市市场监管局'")[0][0]
    assert n == 21  # the tasks 市市场监管局 carries


def test_mention_offsets_point_at_the_name(built_db):
    text = rows(built_db, "select text from sources")[0][0]
    for r in rows(built_db, "select name, char_start, char_end from mentions"):
        written = text[r["char_start"]:r["char_end"]].replace("(", "（").replace(")", "）")
        assert "".join(written.split()) == r["name"]  # a name may wrap at a line end


def test_regex_entities():
    (found,) = find_mentions(["根据《计量发展规划（2021—2035年）》（国发〔2021〕37号），2023年11月13日印发。"], ())
    labels = {(m.label, m.name) for m in found}
    assert ("TITLE", "《计量发展规划（2021—2035年）》") in labels
    assert ("DOC_NUMBER", "国发〔2021〕37号") in labels
    assert ("DATE", "2023年11月13日") in labels


def test_short_names_do_not_match_inside_words():
    (found,) = find_mentions(["健全总体框架，完善全总工作。"], ("全总",))
    assert all(m.start != 1 for m in found)  # not the 全总 inside 健全总体


def test_keywords_give_topics(built_db):
    top = {r["number"]: r["keyword"] for r in rows(
        built_db, "select t.number, k.keyword from task_keywords k join tasks t on t.id = k.task_id "
                  "where k.rank = 1")}
    assert top["二（一）"] == "计量"
    words = {r[0] for r in rows(built_db, "select keyword from task_keywords")}
    assert {"计量", "氢能"} <= words
    assert not words & {"加强", "推进", "体系", "市市场监管局"}


def test_keywords_function():
    got = [w for w, _ in keywords("加强碳计量关键技术研究，完善排放监测体系，发展氢能产业。")]
    assert {"计量", "氢能"} <= set(got)
    assert not {"加强", "完善", "体系"} & set(got)


def test_jieba_caches_per_user(tmp_path, monkeypatch):
    from gongbao.parse.language import cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "gongbao" and cache_dir().is_dir()
