"""Departments against annotations made by reading: the government of each document, and for
every unit its tags name, the government it belongs to and its official full name.

The annotations are ``tests/fixtures/units/*.json`` (conventions in their README), read by hand
from the texts, never produced by gongbao.  A unit is scored when the parser found a unit written
the same way in that piece (units of missed tags are counted apart: ``bench_tags`` scores them).
Governments are compared by GB/T 2260 code; an annotated government below the county level (a
town) has no code and is counted apart.  Full names are compared with widths and spaces folded,
in simplified characters.

``heldout5`` (``tests/heldout5/units.json``) was read by hand after this work and measured once.

Run: ``python benchmarks/bench_units.py [--set real|heldout-ab|heldout-cd|heldout5] [--errors]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNITS = ROOT / "tests" / "fixtures" / "units"
FOLDERS = {"real": ROOT / "tests" / "fixtures" / "real", "heldout": ROOT / "tests" / "heldout",
           "heldout2": ROOT / "tests" / "heldout2", "heldout3": ROOT / "tests" / "heldout3",
           "heldout4": ROOT / "tests" / "heldout4", "heldout5": ROOT / "tests" / "heldout5"}
sys.path.insert(0, str(ROOT))

import gongbao  # noqa: E402
from gongbao.parse.divisions import NATION_NAME, divisions  # noqa: E402
from gongbao.parse.script import simplified  # noqa: E402


def norm(s: str | None) -> str:
    """Widths, spaces and script folded; a national body with or without 中华人民共和国
    (国家发展和改革委员会 is 中华人民共和国国家发展和改革委员会)."""
    return "".join(simplified(unicodedata.normalize("NFKC", s or "")).split()).removeprefix(NATION_NAME)


def code_of(path: str | None) -> str | bool | None:
    """GB/T 2260 code of an annotated path (山东省/济南市); False when it goes below a county."""
    if not path:
        return None
    D = divisions()
    if path == NATION_NAME:
        return "100000"
    level: list[str] = [c for c, d in D.by_code.items() if d.level == "province"]
    code = None
    for part in path.split("/"):
        hit = [c for c in level if D.by_code[c].name == part]
        if not hit:
            return False
        code = hit[0]
        level = D.children.get(code, [])
    return code


@dataclass
class Tally:
    docs: int = 0
    docs_right: int = 0
    units: int = 0
    gov_right: int = 0
    named: int = 0  # units with an annotated full name
    name_right: int = 0
    missed: int = 0  # annotated units the parser found no actor for
    below_county: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self, label: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{a / b:.2f}" if b else "-"
        return (f"{label:12} documents {self.docs_right}/{self.docs} ({pct(self.docs_right, self.docs)})  "
                f"units in the right government {self.gov_right}/{self.units} "
                f"({pct(self.gov_right, self.units)})  official full name {self.name_right}/{self.named} "
                f"({pct(self.name_right, self.named)})  not found {self.missed}, "
                f"below county {self.below_county}")


def _source(entry_file: str, set_name: str) -> Path:
    folder, name = (entry_file.split("/", 1) if "/" in entry_file else ("real", entry_file))
    stem = name.removesuffix(".json")
    return next(p for p in FOLDERS[folder].glob(f"{stem}_*") if p.suffix in (".txt", ".html"))


def score_set(set_name: str) -> Tally:
    where = UNITS / f"{set_name}.json"
    if not where.exists():  # a held-out set keeps its units beside its pieces
        where = ROOT / "tests" / set_name / "units.json"
    data = json.loads(where.read_text(encoding="utf-8"))
    t = Tally()
    for doc in data["documents"]:
        path = _source(doc["file"], set_name)
        ps = gongbao.parse(path)
        actors: dict[str, list] = {}
        for d in ps.documents:
            for task in d.tasks:
                for a in task.tag.actors:
                    actors.setdefault(norm(a.written), []).append(a)
        main = max(ps.documents, key=lambda d: len(d.tasks), default=None)
        want = code_of(doc.get("government"))
        if want:
            t.docs += 1
            got = main.jurisdiction_code if main else None
            if got == want:
                t.docs_right += 1
            else:
                t.errors.append(f"{doc['file']}: document government {got} "
                                f"({main.jurisdiction if main else None}), read {doc['government']}")
        for u in doc["units"]:
            found = actors.get(norm(u["written"]))
            if not found:
                t.missed += 1
                continue
            a = found[0]
            ucode = code_of(u.get("government"))
            if ucode is False:
                t.below_county += 1
            else:
                t.units += 1
                if a.jurisdiction_code == ucode:
                    t.gov_right += 1
                else:
                    t.errors.append(f"{doc['file']}: {u['written']} in {a.jurisdiction} ({a.jurisdiction_code}), "
                                    f"read {u.get('government')}")
            if u.get("full_name"):
                t.named += 1
                if norm(a.full_name) == norm(u["full_name"]):
                    t.name_right += 1
                else:
                    t.errors.append(f"{doc['file']}: {u['written']} → {a.full_name}, read {u['full_name']}")
    return t


SETS = ("real", "heldout-ab", "heldout-cd", "heldout5")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=SETS, action="append")
    ap.add_argument("--errors", action="store_true", help="print every disagreement")
    args = ap.parse_args(argv)
    for name in args.set or SETS:
        t = score_set(name)
        print(t.line(name))
        if args.errors:
            for e in t.errors:
                print("   ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
