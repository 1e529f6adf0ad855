"""Fifteen short documents in the styles of other governments and levels (a ministry, provinces,
cities, a district, a county; text and web pages), each with the tasks, actors, roles and
document fields a reader gives them (tests/fixtures/genres/*.json, written by reading)."""

from __future__ import annotations

import json
import unicodedata

import pytest

import gongbao

from .conftest import FIXTURES

GENRES = FIXTURES / "genres"
CASES = sorted(p for p in GENRES.iterdir() if p.suffix in (".txt", ".html"))


def norm(s):
    return unicodedata.normalize("NFKC", s).replace("(", "（").replace(")", "）") if s else s


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_genre_document(path):
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    ps = gongbao.parse(path)
    docs = ps.documents
    for i, want in enumerate(truth["documents"]):
        for k, v in want.items():
            if k in ("attachment_number", "kind_alternatives") or k.endswith("_note"):
                continue
            got = getattr(docs[i], k)
            if k == "kind" and got in want.get("kind_alternatives", []):
                continue
            assert got == v, (i, k)
    tasks: dict[str, list] = {}
    for di, d in enumerate(docs):
        for t in d.tasks:
            tasks.setdefault(norm(t.number), []).append((di, t))
    assert sum(len(v) for v in tasks.values()) == len(truth["tasks"])
    for want in truth["tasks"]:
        candidates = [c for c in tasks.get(norm(want["number"]), [])
                      if "document" not in want or c[0] == want["document"]]
        assert candidates, want["number"]
        _, t = candidates[0]
        got = [[a.name, a.role] for a in t.tag.actors]
        written = [[a.written or a.name, a.role] for a in t.tag.actors]
        assert want["actors"] in (got, written), want["number"]
        assert norm(t.title) == norm(want["title"]), want["number"]
        if want.get("deadline"):
            assert t.deadline == want["deadline"], want["number"]
        for key in ("text_must_contain", "text_contains"):
            if isinstance(want.get(key), str):
                assert want[key] in t.text, want["number"]
