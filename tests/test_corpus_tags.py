"""Tags of the six national documents against an annotation made by reading them
(tests/fixtures/corpus-tags.annotation.json): same tags, same actors, same roles."""

from __future__ import annotations

import json

import pytest

import gongbao

from .conftest import CORPUS, FIXTURES

ANNOTATION = json.loads((FIXTURES / "corpus-tags.annotation.json").read_text(encoding="utf-8"))
FILES = {p.name[:2]: p for p in CORPUS.glob("0*.txt")}


def _norm(tag: str) -> str:
    return tag.replace("(", "（").replace(")", "）").replace(" ", "")


@pytest.mark.parametrize("key", sorted(ANNOTATION))
def test_tags_match_reading(key):
    want = ANNOTATION[key]["tags"]
    ps = gongbao.parse(FILES[key])
    got = [t for d in ps.documents for t in d.tasks]
    assert len(got) == ANNOTATION[key]["count"] == len(want)
    for t, w in zip(got, want, strict=True):
        assert _norm(t.tag.text) == _norm(w["tag"])
        assert [(a.written, a.role) for a in t.tag.actors] == [
            (a["name"], a["role"]) for a in w["actors"]], w["tag"]


def test_no_actor_name_carries_a_verb_or_separator():
    for path in FILES.values():
        ps = gongbao.parse(path)
        for d in ps.documents:
            for t in d.tasks:
                for a in t.tag.actors:
                    assert not any(w in a.written for w in ("负责", "牵头", "，", "、", "参与", "指导"))
