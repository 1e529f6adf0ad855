"""metadata.json documents the knowledge base: every table and column it names exists,
and every table and column of the schema is described (the docs cannot drift)."""

from __future__ import annotations

import json
import sqlite3

from .conftest import ROOT


def _meta():
    return json.loads((ROOT / "metadata.json").read_text(encoding="utf-8"))


def test_every_documented_table_and_column_exists(built_db):
    conn = sqlite3.connect(built_db)
    tables = _meta()["databases"]["gazette"]["tables"]
    for table, spec in tables.items():
        cols = {r[1] for r in conn.execute(f"pragma table_info([{table}])")}
        assert cols, f"{table} is documented but not in the database"
        for col in spec.get("columns", {}):
            assert col in cols, f"{table}.{col} is documented but missing"
        for col in spec.get("facets", []):
            assert col in cols
        if "label_column" in spec:
            assert spec["label_column"] in cols


def test_every_table_and_column_is_documented(built_db):
    conn = sqlite3.connect(built_db)
    tables = _meta()["databases"]["gazette"]["tables"]
    for (table,) in conn.execute(
            "select name from sqlite_master where type='table' and name not like 'sqlite_%' "
            "and name != 'gongbao_meta' and name not glob '*_fts_*'"):  # FTS5 shadow tables
        assert table in tables, f"{table} is not documented"
        cols = {r[1] for r in conn.execute(f"pragma table_info([{table}])")}
        assert cols == set(tables[table]["columns"]), table


def test_canned_queries_run(built_db, annotation):
    from gongbao.publish.search import fts_query

    conn = sqlite3.connect(built_db)
    conn.create_function("escape_fts", 1, fts_query)  # as the Datasette plugin does
    queries = _meta()["databases"]["gazette"]["queries"]
    params = {"department": "市市场监管局", "words": "计量", "keyword": "计量", "government": ""}
    results = {name: conn.execute(q["sql"], params).fetchall() for name, q in queries.items()}
    assert len(results["tasks_of_department"]) == 21
    assert results["lead_departments"][0][0] == "济南市 · 市市场监管局"  # labelled with its government
    assert results["departments_of_task"]
    # the pair sharing most tasks, counted from the annotation
    from collections import Counter
    from itertools import combinations

    pairs = Counter()
    for t in annotation["tasks"]:
        for a, b in combinations(sorted({"济南市 · " + x["name"] for x in t["actors"]}), 2):
            pairs[a, b] += 1
    best = max(pairs.values())
    top = results["shared_pairs"][0]
    assert top[2] == best
    assert tuple(sorted(top[:2])) in {p for p, n in pairs.items() if n == best}
    led = [r for r in results["tasks_of_department"] if r[4] == "lead"]
    assert len(led) == 1


def test_canned_queries_rank_roles_in_the_one_order():
    import re

    from gongbao.roles import ROLE_ORDER

    for name, q in _meta()["databases"]["gazette"]["queries"].items():
        for case in re.findall(r"(?i)case\s+r\.role\s+(.*?)\s+end", q["sql"]):
            roles = re.findall(r"(?i)when '(\w+)'", case)
            assert tuple(roles) == ROLE_ORDER, name
