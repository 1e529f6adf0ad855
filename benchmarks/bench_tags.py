"""Tag accuracy against annotations made by reading: precision, recall and F1 of tags,
task–unit pairs and pairs with their role, per file and in total.

Sets (all read by hand, none produced by the parser):

- ``real``: ``tests/fixtures/real/NN.json`` — real pieces of many governments;
- ``heldout``, ``heldout2``: ``tests/heldout*/NN.json`` — real pieces read by hand and first
  measured before any rule was written for them;
- ``national``: ``tests/fixtures/corpus-tags.annotation.json`` — the national corpus;
- ``sample``: ``tests/fixtures/jinan-2023-22.annotation.json`` — the bundled sample;
- ``genres``: ``tests/fixtures/genres/*.json`` — documents written in other governments' styles
  (matched by task number: they record no tag text).

A found tag matches an annotated one when one's text contains the other's (brackets, widths
and spaces folded), aligned in document order, so a repeated tag text counts once per task.
Pairs are (tag, unit as written); roles are (tag, unit, role).

Run: ``python benchmarks/bench_tags.py [--set real] [--files]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT))

import gongbao  # noqa: E402
from gongbao.roles import ANY_LABEL  # noqa: E402

_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "[": "(", "]": ")", "【": "(", "】": ")",
                           "<": "(", ">": ")", "‹": "(", "›": ")", "〈": "(", "〉": ")"})


# separators, cell bars and the labels a found table row is shown with (牵头单位：): a unit cell
# read by hand as 「县教育局 |\n县各有关单位」 is the row shown as 牵头单位：县教育局；责任单位：县各有关单位
_SEPS = re.compile(r"[、，,；;。|]")
_LABELS = ANY_LABEL  # the labels a found row is shown with (locating only, never scoring)


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").translate(_BRACKETS)
    return "".join(s.split()).replace(":", ":")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Result:
    name: str
    tags: Score = field(default_factory=Score)
    pairs: Score = field(default_factory=Score)
    roles: Score = field(default_factory=Score)
    missed: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def _align(gold: list[str], found: list[str]) -> list[tuple[int, int]]:
    """Longest in-order matching of gold and found tag texts (containment either way, list
    separators aside: a cell written one unit per line is the same tag as its 、-joined list)."""
    def ok(g: str, f: str) -> bool:
        g, f = _SEPS.sub("", g), _SEPS.sub("", f)
        return bool(g) and bool(f) and (g in f or (f in g and len(f) >= 4) or (
            not _LABELS.search(g) and len(g) >= 4 and g in _LABELS.sub("", f)))

    n, m = len(gold), len(found)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1],
                             best[i + 1][j + 1] + 1 if ok(gold[i], found[j]) else 0)
    out, i, j = [], 0, 0
    while i < n and j < m:
        if ok(gold[i], found[j]) and best[i][j] == best[i + 1][j + 1] + 1:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def score(name: str, gold: list[tuple[str, list[tuple[str, str]]]],
          found: list[tuple[str, list[tuple[str, str]]]]) -> Result:
    res = Result(name)
    pairs = _align([norm(g) for g, _ in gold], [norm(f) for f, _ in found])
    res.tags = Score(len(pairs), len(found) - len(pairs), len(gold) - len(pairs))
    gi = {i for i, _ in pairs}
    fj = {j for _, j in pairs}
    res.missed = [gold[i][0] for i in range(len(gold)) if i not in gi]
    res.invented = [found[j][0] for j in range(len(found)) if j not in fj]
    for i, j in pairs:
        g = [(norm(a), r) for a, r in gold[i][1]]
        f = [(norm(a), r) for a, r in found[j][1]]
        gnames, fnames = [a for a, _ in g], [a for a, _ in f]
        tp = sum(min(gnames.count(a), fnames.count(a)) for a in set(gnames))
        res.pairs.add(Score(tp, len(f) - tp, len(g) - tp))
        tpr = sum(min(g.count(x), f.count(x)) for x in set(g))
        res.roles.add(Score(tpr, len(f) - tpr, len(g) - tpr))
        if tpr < len(g) or tpr < len(f):
            res.wrong.append(f"{gold[i][0]}\n      want {g}\n      got  {f}")
    for i in range(len(gold)):
        if i not in gi:
            res.pairs.fn += len(gold[i][1])
            res.roles.fn += len(gold[i][1])
    for j in range(len(found)):
        if j not in fj:
            res.pairs.fp += len(found[j][1])
            res.roles.fp += len(found[j][1])
    return res


def found_tags(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    ps = gongbao.parse(path)
    return [(t.tag.text, [(a.written or a.name, a.role) for a in t.tag.actors])
            for d in ps.documents for t in d.tasks]


def real_set(folder: Path = FIX / "real") -> list[Result]:
    out = []
    for jf in sorted(folder.glob("[0-9]*.json"), key=lambda p: int(p.stem)):
        ann = json.loads(jf.read_text(encoding="utf-8"))
        gold = [(t["raw"], [tuple(a) for a in t["actors"]]) for t in ann["tags"]]
        out.append(score(f"{folder.name}/{jf.stem}", gold, found_tags(folder / ann["file"])))
    return out


def heldout_set() -> list[Result]:
    return real_set(ROOT / "tests" / "heldout")


def heldout2_set() -> list[Result]:
    return real_set(ROOT / "tests" / "heldout2")


def heldout3_set() -> list[Result]:
    return real_set(ROOT / "tests" / "heldout3")


def heldout4_set() -> list[Result]:
    return real_set(ROOT / "tests" / "heldout4")


def heldout5_set() -> list[Result]:
    return real_set(ROOT / "tests" / "heldout5")


def national_set() -> list[Result]:
    ann = json.loads((FIX / "corpus-tags.annotation.json").read_text(encoding="utf-8"))
    files = {p.name[:2]: p for p in (FIX / "corpus").glob("0*.txt")}
    out = []
    for key in sorted(ann):
        gold = [(t["tag"], [(a["name"], a["role"]) for a in t["actors"]]) for t in ann[key]["tags"]]
        out.append(score(f"national/{key}", gold, found_tags(files[key])))
    return out


def sample_set() -> list[Result]:
    ann = json.loads((FIX / "jinan-2023-22.annotation.json").read_text(encoding="utf-8"))
    gold = [(t["tag"], [(a["name"], a["role"]) for a in t["actors"]]) for t in ann["tasks"]]
    return [score("sample/jinan", gold, found_tags(ROOT / "data" / "samples" / "jinan-gazette-2023-22.txt"))]


def genre_set() -> list[Result]:
    out = []
    for jf in sorted((FIX / "genres").glob("*.json")):
        ann = json.loads(jf.read_text(encoding="utf-8"))
        src = next(p for p in jf.parent.glob(jf.stem + ".*") if p.suffix in (".txt", ".html"))
        ps = gongbao.parse(src)
        found = [(f"{di}:{norm(t.number)}", [(a.written or a.name, a.role) for a in t.tag.actors])
                 for di, d in enumerate(ps.documents) for t in d.tasks]
        gold = []
        for t in ann["tasks"]:
            di = t.get("document")
            if di is None:  # the first document holding a task of that number
                di = next((k for k, (f, _) in enumerate(found) if f.split(":", 1)[1] == norm(t["number"])),
                          None)
                di = int(found[di][0].split(":")[0]) if di is not None else 0
            gold.append((f"{di}:{norm(t['number'])}", [tuple(a) for a in t["actors"]]))
        # task numbers are exact keys: match only equal ones
        res = score(f"genres/{jf.stem}", [(g + "#", a) for g, a in gold], [(f + "#", a) for f, a in found])
        out.append(res)
    return out


SETS = {"real": real_set, "heldout": heldout_set, "heldout2": heldout2_set, "heldout3": heldout3_set,
        "heldout4": heldout4_set, "heldout5": heldout5_set, "national": national_set,
        "sample": sample_set, "genres": genre_set}


def _line(name: str, r: Result | None = None, s: tuple[Score, Score, Score] | None = None) -> str:
    tags, pairs, roles = s if s else (r.tags, r.pairs, r.roles)
    cells = []
    for sc in (tags, pairs, roles):
        p, rc, f = sc.prf()
        cells.append(f"{p:5.2f} {rc:5.2f} {f:5.2f}")
    return f"{name:<22} {tags.tp + tags.fn:4d} {tags.tp + tags.fp:4d}  " + "   ".join(cells)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=sorted(SETS), action="append")
    ap.add_argument("--files", action="store_true", help="a line per file")
    ap.add_argument("--errors", action="store_true", help="list missed, invented and wrong tags")
    args = ap.parse_args(argv)
    cols = "   ".join(f"{k:<5} P     R     F1" for k in ("tags", "pairs", "roles"))
    head = f"{'':<22} {'gold':>4} {'got':>4}  {cols}"
    print(head)
    for name in args.set or list(SETS):
        results = SETS[name]()
        total = (Score(), Score(), Score())
        for r in results:
            for acc, sc in zip(total, (r.tags, r.pairs, r.roles), strict=True):
                acc.add(sc)
            if args.files:
                print(_line(r.name, r))
            if args.errors:
                for m in r.missed:
                    print(f"    MISSED   {m}")
                for m in r.invented:
                    print(f"    INVENTED {m}")
                for m in r.wrong:
                    print(f"    WRONG    {m}")
        print(_line(f"TOTAL {name}", s=total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
