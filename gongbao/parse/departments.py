"""Department directories: explicit lists of one government's bodies, overriding the template.

The directories are data (``data/departments/*.json``), one file per government, named by its
GB/T 2260 code (370100-jinan.json), so that a researcher can add a government without touching
code. ``parse/resolve.py`` asks a directory only for names of its own government; the kinds of
names no list knows are guessed from their suffix here.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

NATIONAL = "中华人民共和国"


def default_directory_path() -> Path:
    env = os.environ.get("GONGBAO_DEPARTMENTS")
    if env:
        return Path(env)
    from ..resources import data_path

    return data_path("departments")


@dataclass(frozen=True)
class Entry:
    full_name: str
    kind: str
    jurisdiction: str
    short_name: str  # the first short form documents use, or the full name
    until: str | None = None  # abolished, merged or renamed then (YYYY-MM)
    successor: str | None = None  # full name of the unit that took over


@dataclass(frozen=True)
class Resolved:
    name: str
    full_name: str
    kind: str
    jurisdiction: str | None
    known: bool
    current_full_name: str = ""  # the unit today, after reorganisations


# Kinds guessed from how a name ends, for names no directory lists.
_GROUP = re.compile(r"^(各|有关|相关|其他|试点|地方)|有关|相关|各级|(部门|单位|机构|成员单位)(和单位)?$")
_SUFFIX_KINDS = (
    (re.compile(r"^(中共|中央(?!军委)|省委|市委|区委|县委|州委|党委|党组)|^.{0,6}?(省|市|区|县)委(组织|宣传|统战|政法|社会工作)?"
                r"(部|办|委)$|^.{0,6}?(省|市|区|县)委(网信|编|外|金融|巡察|台)办$"), "party"),
    (re.compile(r"(团.{0,2}委|团委|共青团.*|总工会|工会|妇联|妇女联合会|科协|科学技术协会|工商联|残联|侨联|文联|"
                r"红十字会|青联|社科联)$"), "mass_org"),
    (re.compile(r"(区|县|县级市|市|镇|乡|街道)(人民)?政府$|^[^市]{1,8}(区|县)$|街道(办事处|管理办)?$"),
     "district"),
    (re.compile(r"(委员会|委|管委会)$"), "commission"),
    (re.compile(r"(部)$"), "ministry"),
    (re.compile(r"(局|署|总局|办|厅)$"), "bureau"),
    (re.compile(r"(集团|公司)$"), "enterprise"),
)


def guess_kind(name: str) -> str:
    if _GROUP.search(name):
        return "group"
    for rx, kind in _SUFFIX_KINDS:
        if rx.search(name):
            return kind
    return "other"


class Directory:
    """All department directories, indexed by jurisdiction and by name."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_directory_path()
        self.by_jurisdiction: dict[str, dict[str, Entry]] = {}
        self.prefixes: dict[str, tuple[str, ...]] = {}
        self.jurisdiction_of_code: dict[str, str] = {}  # GB/T 2260 code → directory
        if not self.path.is_dir():  # never an empty directory that silently resolves nothing
            from ..errors import GongbaoError

            raise GongbaoError(f"{self.path}: no department directory folder here")
        for f in sorted(self.path.glob("*.json")):
            self._load(f)

    def _load(self, f: Path) -> None:
        from ..errors import GongbaoError

        try:
            data = json.loads(f.read_text(encoding="utf-8"))
            jur = data["jurisdiction"]
            missing = [d for d in data["departments"] if not d.get("full_name") or not d.get("kind")]
            if missing:
                raise KeyError(f"full_name or kind missing in {missing[0]}")
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise GongbaoError(f"{f}: not a department directory ({type(e).__name__}: {e})") from e
        index = self.by_jurisdiction.setdefault(jur, {})
        code = str(data.get("code") or re.match(r"\d*", f.name).group(0))
        if len(code) == 6:
            self.jurisdiction_of_code[code] = jur
        self.prefixes[jur] = tuple(data.get("abbreviation_prefixes", ()))
        for d in data["departments"]:
            names = list(d.get("names", []))
            entry = Entry(d["full_name"], d["kind"], jur, names[0] if names else d["full_name"],
                          d.get("until"), d.get("successor"))
            for n in [d["full_name"], *names]:
                index.setdefault(n, entry)

    def _find(self, jur: str, names) -> Entry | None:
        index = self.by_jurisdiction.get(jur, {})
        return next((index[n] for n in names if n in index), None)

    def _forms(self, jur: str, name: str, rest: str) -> list[str]:
        """The ways a directory may list a name: as written, without its level word, with the
        directory's prefix (市场监管局 → 市市场监管局), nationally with 国家 or 中共."""
        return [name, rest, *(p + rest for p in self.prefixes.get(jur, ())),
                *(("国家" + rest, "中共" + name) if jur == NATIONAL else ())]

    def current(self, entry: Entry) -> Entry:
        """Follow successors to the unit that carries the functions today
        (工商局 → 市场监督管理局), so counts across years are comparable."""
        seen = {entry.full_name}
        while entry.successor:
            nxt = self._find(entry.jurisdiction, [entry.successor]) or self._find(NATIONAL, [entry.successor])
            if nxt is None or nxt.full_name in seen:
                break
            seen.add(nxt.full_name)
            entry = nxt
        return entry

    def history(self) -> list[Entry]:
        """Every unit a directory marks as abolished, merged or renamed."""
        seen, out = set(), []
        for index in self.by_jurisdiction.values():
            for e in index.values():
                if (e.until or e.successor) and e.full_name not in seen:
                    seen.add(e.full_name)
                    out.append(e)
        return sorted(out, key=lambda e: (e.jurisdiction, e.until or "", e.full_name))

    def lookup_in(self, code: str, name: str, rest: str) -> Entry | None:
        """A directory's own entry for a name of its government (an override of the template)."""
        jur = self.jurisdiction_of_code.get(code)
        return None if jur is None else self._find(jur, self._forms(jur, name, rest))


@lru_cache(maxsize=4)
def load_directory(path: str | None = None) -> Directory:
    return Directory(Path(path) if path else None)
