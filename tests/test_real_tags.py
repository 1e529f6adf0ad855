"""Tags of real documents of many governments (tests/fixtures/real/, read by hand; see its
README) against what the parser finds: exact for the pieces it reads fully, no tag invented
in documents without tags, and total F1 floors that only move up."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from .conftest import FIXTURES, ROOT

_spec = importlib.util.spec_from_file_location("bench_tags", ROOT / "benchmarks" / "bench_tags.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_tags"] = bench
_spec.loader.exec_module(bench)

REAL = FIXTURES / "real"
ANNOTATIONS = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(REAL.glob("[0-9][0-9].json"))}
# Pieces read exactly today: a change that breaks one of them is a regression.
EXACT = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15",
         "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30",
         "31", "32", "33", "34", "40", "42", "44", "46", "47"]


def _result(key: str):
    ann = ANNOTATIONS[key]
    gold = [(t["raw"], [tuple(a) for a in t["actors"]]) for t in ann["tags"]]
    return bench.score(key, gold, bench.found_tags(REAL / ann["file"]))


@pytest.mark.parametrize("key", EXACT)
def test_piece_read_exactly(key):
    r = _result(key)
    assert (r.missed, r.invented, r.wrong) == ([], [], [])


@pytest.mark.parametrize("key", [k for k, a in ANNOTATIONS.items() if a["category"] == "negative"])
def test_no_tag_invented_without_tags(key):
    assert _result(key).invented == []


def test_totals_do_not_fall():
    results = bench.real_set(REAL)
    tags, pairs, roles = bench.Score(), bench.Score(), bench.Score()
    for r in results:
        tags.add(r.tags)
        pairs.add(r.pairs)
        roles.add(r.roles)
    assert tags.prf()[0] >= 0.95 and pairs.prf()[0] >= 0.93  # precision: no junk
    assert tags.prf()[2] >= 0.97 and pairs.prf()[2] >= 0.96 and roles.prf()[2] >= 0.94


HELDOUT = tuple(ROOT / "tests" / f"heldout{n}" for n in ("", "2", "3", "4"))
HELD = {p.stem: (p.parent, json.loads(p.read_text(encoding="utf-8")))
        for folder in HELDOUT for p in sorted(folder.glob("[0-9]*.json"))}
# Held-out pieces (read by hand, first measured before any rule was written for them) read
# exactly now; the others are not (see CHANGELOG.md for the forms they hold).
HELD_EXACT = ["50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61", "70", "72", "74",
              "75", "77", "78", "79", "80", "81", "82", "83", "84", "86", "87", "91", "92", "93", "94",
              "95", "96", "97", "98", "99", "100", "111", "115", "117", "130", "132", "133", "135", "136",
              "138", "139", "140", "150", "151", "156", "172", "173", "174", "175", "176", "177", "178",
              "179", "180"]


@pytest.mark.parametrize("key", HELD_EXACT)
def test_heldout_piece_read_exactly(key):
    folder, ann = HELD[key]
    gold = [(t["raw"], [tuple(a) for a in t["actors"]]) for t in ann["tags"]]
    r = bench.score(key, gold, bench.found_tags(folder / ann["file"]))
    assert (r.missed, r.invented, r.wrong) == ([], [], [])


@pytest.mark.parametrize("folder", HELDOUT, ids=lambda p: p.name)
def test_heldout_totals_do_not_fall(folder):
    tags, pairs = bench.Score(), bench.Score()
    for r in bench.real_set(folder):
        tags.add(r.tags)
        pairs.add(r.pairs)
    assert tags.prf()[0] >= 0.90 and tags.prf()[2] >= 0.85 and pairs.prf()[2] >= 0.85
