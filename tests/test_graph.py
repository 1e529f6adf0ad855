"""The responsibility graph (issue 6): networkx graph, projection, measures, exports,
pictures — checked against the hand annotation of the sample."""

from __future__ import annotations

import io
import json
import sqlite3
from collections import Counter
from itertools import combinations

import networkx as nx
import pytest
from click.testing import CliRunner

from gongbao.cli import cli
from gongbao.graph.export import export_department, export_graph, export_matrix, matrix_rows
from gongbao.graph.network import (
    Scope,
    build_graph,
    citation_graph,
    departments,
    measures,
    projection,
    responsibility_rows,
    tasks,
    top_pairs,
)


@pytest.fixture(scope="module")
def g(built_db):
    return build_graph(responsibility_rows(built_db))


# Departments are labelled with their government: every unit of the sample is Jinan's.
J = "济南市 · "


def annotated_pairs(annotation) -> Counter:
    pairs: Counter = Counter()
    for t in annotation["tasks"]:
        for a, b in combinations(sorted({J + x["name"] for x in t["actors"]}), 2):
            pairs[a, b] += 1
    return pairs


def test_nodes_and_edges(g, annotation):
    assert len(tasks(g)) == len(annotation["tasks"]) == 25
    names = {a["name"] for t in annotation["tasks"] for a in t["actors"]}
    assert {g.nodes[d]["short_name"] for d in departments(g)} == names
    assert {g.nodes[d]["name"] for d in departments(g)} == {J + n for n in names}
    assert g.number_of_edges() == sum(len(t["actors"]) for t in annotation["tasks"]) == 63
    d = next(d for d in departments(g) if g.nodes[d]["name"] == J + "市市场监管局")
    assert g.nodes[d]["full_name"] == "济南市市场监督管理局" and g.nodes[d]["kind"] == "bureau"
    t = next(t for t in tasks(g) if g.nodes[t]["number"] == "四（一）")
    assert g.edges[t, d]["role"] == "lead"


def test_projection_heaviest_pair(g, annotation):
    p = projection(g)
    counted = annotated_pairs(annotation)
    best = max(counted.values())
    heaviest = max(p.edges(data=True), key=lambda e: e[2]["weight"])
    assert heaviest[2]["weight"] == best
    pair = tuple(sorted((p.nodes[heaviest[0]]["name"], p.nodes[heaviest[1]]["name"])))
    assert pair in {k for k, v in counted.items() if v == best}
    assert [(a, b, w) for a, b, w in top_pairs(p, 5)] == [
        (a, b, w) for (a, b), w in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[:5]]
    # 四（一）: 市市场监管局 leads, 市政府有关部门 shares: not a lead–support pair
    assert sum(d["lead_support"] for *_, d in p.edges(data=True)) == 0


def test_measures(g, annotation):
    m = {r["name"]: r for r in measures(g)}
    roles = Counter(a["role"] for t in annotation["tasks"] for a in t["actors"]
                    if a["name"] == "市市场监管局")
    row = m[J + "市市场监管局"]
    assert (row["lead_tasks"], row["sole_tasks"], row["shared_tasks"]) == (
        roles["lead"], roles["sole"], roles["shared"])
    assert row["tasks"] == sum(roles.values()) == 21
    assert max(m.values(), key=lambda r: r["betweenness"])["name"] == J + "市市场监管局"
    assert all(r["community"] for r in m.values())


def test_measures_table_in_the_knowledge_base(built_db):
    conn = sqlite3.connect(built_db)
    rows = conn.execute("select name, tasks, lead_tasks from department_measures "
                        "where scope = 'all' order by tasks desc limit 1").fetchall()
    assert rows == [(J + "市市场监管局", 21, 1)]
    assert conn.execute("select count(distinct document_id) from department_measures "
                        "where scope = 'document'").fetchone()[0] == 1


def test_graphml_round_trip(built_db, tmp_path):
    out = tmp_path / "g.graphml"
    export_graph(built_db, out, "graphml")
    back = nx.read_graphml(out)
    g = build_graph(responsibility_rows(built_db))
    assert set(back.nodes) == set(g.nodes) and back.number_of_edges() == g.number_of_edges()
    for n, a in g.nodes(data=True):
        assert back.nodes[n] == {k: ("" if v is None else v) for k, v in a.items()}, n
    for u, v, a in g.edges(data=True):
        assert back.edges[u, v] == a
    assert "济南市市场监督管理局" in out.read_text(encoding="utf-8")


def test_gexf_and_json_load(built_db, tmp_path):
    export_graph(built_db, tmp_path / "p.gexf", "gexf", "projection")
    p = nx.read_gexf(tmp_path / "p.gexf")
    assert p.number_of_nodes() == 20
    buf = io.StringIO()
    export_graph(built_db, buf, "json")
    data = json.loads(buf.getvalue())
    assert len(data["nodes"]) == 45 and len(data["links"]) == 63


def test_citation_graph(built_db):
    c = citation_graph(built_db)
    ext = [n for n, a in c.nodes(data=True) if not a["in_kb"]]
    assert any(c.nodes[n]["doc_number"] == "国发〔2021〕37号" for n in ext)
    # the notice cites the plan it issues, which is in the knowledge base
    assert ("doc:1", "doc:2") in c.edges


def test_scopes(built_db):
    assert len(responsibility_rows(built_db, scope=Scope(kind="plan"))) == 63
    assert responsibility_rows(built_db, scope=Scope(kind="measures")) == []
    assert len(responsibility_rows(built_db, scope=Scope(year_from=2023, year_to=2023))) == 63
    assert responsibility_rows(built_db, scope=Scope(year_from=2024)) == []
    assert len(responsibility_rows(built_db, scope=Scope(jurisdiction="济南市"))) == 63
    assert len(responsibility_rows(built_db, scope=Scope(document_id=1))) == 63  # notice → plan


def test_matrix_letters(built_db):
    rows = matrix_rows(built_db, letters=True)
    cells = {c for r in rows[1:] for c in r[5:]}
    assert cells == {"", "L", "O", "S"}


def test_department_workload(built_db):
    buf = io.StringIO()
    n = export_department(built_db, "市科技局", buf, "md")
    text = buf.getvalue()
    assert n == 5 and text.startswith("# 济南市 · 市科技局（济南市科学技术局）")
    assert "### shared" in text and "二（一） 加强计量基础和前沿技术应用研究" in text
    buf = io.StringIO()
    assert export_department(built_db, "济南市市场监督管理局", buf, "csv") == 21


def test_heatmap_picture(built_db, tmp_path):
    out = tmp_path / "m.png"
    assert export_matrix(built_db, out, "png") == 25
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = tmp_path / "m.svg"
    export_matrix(built_db, svg, "svg")
    assert "<svg" in svg.read_text(encoding="utf-8")


def test_cli_exports(built_db, tmp_path):
    r = CliRunner().invoke(cli, ["export", "graph", "--db", str(built_db), "--graph", "citations",
                                 "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output)["directed"] is True
    r = CliRunner().invoke(cli, ["export", "department", "无此局", "--db", str(built_db)])
    assert r.exit_code != 0 and "无此局" in r.output
    r = CliRunner().invoke(cli, ["export", "matrix", "--db", str(built_db), "--format", "png"])
    assert r.exit_code != 0 and "needs -o" in r.output
