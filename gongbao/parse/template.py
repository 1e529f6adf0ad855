"""The standard template of a local government's bodies, per level (``data/templates/``).

After the 2018 reform every province has the same 厅/委/局, every city and county the same 局/委,
so a name in a document resolves in that document's government without a directory of its own:
河南 + 发展改革委 → 河南省发展和改革委员会.  Each entry is a *stem* (the official name after the
government's name), the short forms documents write, the levels it exists at, its kind, when it
was created or abolished and what took over (工商行政管理局 → 市场监督管理局), and a pattern when
the full name is not simply government + stem (中共{gov}委宣传部, 国家税务总局{gov}税务局).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEVELS = ("province", "city", "county")


@dataclass(frozen=True)
class Stem:
    stem: str
    kind: str
    levels: tuple[str, ...]
    pattern: str | None = None
    since: str | None = None
    until: str | None = None
    successor: str | None = None

    def full_name(self, prefix: str, short: str) -> str:
        """The official name in a government whose units start with ``prefix`` (河南省)."""
        if self.pattern:
            return self.pattern.replace("{gov}", prefix).replace("{short}", short)
        return prefix + self.stem


def default_template_path() -> Path:
    env = os.environ.get("GONGBAO_TEMPLATE")
    if env:
        return Path(env)
    from ..resources import data_path

    return data_path("templates", "departments.json")


class Template:
    """Stems by written form; a form may name different stems at different levels (法院 is a
    中级人民法院 in a city, a 人民法院 in a county)."""

    def __init__(self, path: Path | None = None) -> None:
        from ..errors import GongbaoError

        self.path = path or default_template_path()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            units = data["units"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise GongbaoError(f"{self.path}: not a department template ({type(e).__name__}: {e})") from e
        self.stems: dict[str, list[Stem]] = {}  # a stem may differ by level (its successor does)
        self.forms: dict[str, list[Stem]] = {}  # written form → stems, in file order
        self.whole: dict[str, Stem] = {}  # forms that carry their level inside: 团市委
        self.system_names = {k: v for k, v in data.get("system_names", {}).items() if not k.startswith("_")}
        self.abbreviations = sorted(((k, v) for k, v in data.get("abbreviations", {}).items()
                                     if not k.startswith("_")), key=lambda kv: -len(kv[0]))
        for u in units:
            s = Stem(u["stem"], u["kind"], tuple(u.get("levels") or LEVELS), u.get("pattern"),
                     u.get("since"), u.get("until"), u.get("successor"))
            self.stems.setdefault(s.stem, []).append(s)
            for form in [s.stem, *u.get("short", ())]:
                lst = self.forms.setdefault(form, [])
                if s not in lst:
                    lst.append(s)
            for form in u.get("written_whole", ()):
                self.whole.setdefault(form, s)

    def find(self, rest: str, level: str | None, party: bool = False, year: int | None = None) -> Stem | None:
        """The stem ``rest`` names at ``level`` in ``year``: 金融办 was a government office before
        2018 and is the Party's since 2024.  A form after 中共/省委 is only a Party stem's; a form
        only Party stems have (宣传部) is theirs whatever precedes it."""
        cands = [s for s in self.forms.get(rest, ()) if s.kind == "party" or not party]
        if not cands:
            return None

        def fit(s: Stem) -> tuple[bool, bool, bool]:
            return (level in s.levels, _during(s, year), party == (s.kind == "party"))
        return max(cands, key=fit)  # max keeps the first of equals: file order

    def expand(self, rest: str) -> str:
        """The words a name shortens spelled out (科技和经信局 → 科技和经济信息化局), longest first,
        never inside a word already spelled out (政府 in 人民政府)."""
        out, i = [], 0
        while i < len(rest):
            for short, long in self.abbreviations:
                if rest.startswith(short, i) and not _inside(rest, i, short, long):
                    if out and out[-1] == "和":  # 科技和经信局: one 和 is enough
                        long = long.replace("和", "", 1)
                    out.append(long)
                    i += len(short)
                    break
            else:
                out.append(rest[i])
                i += 1
        full = "".join(out)
        # a name's last word short: 审改办 → …办公室, 经信委 → …委员会, 管委会 → 管理委员会
        for short, long in (("管委会", "管理委员会"), ("办", "办公室"), ("委", "委员会")):
            if full.endswith(short) and len(full) > len(short) + 1:
                return full[: -len(short)] + long
        return full

    def system_name(self, name: str) -> str:
        """A national system's name written short (人行郑州中心支行 → 中国人民银行郑州中心支行)."""
        for short, long in sorted(self.system_names.items(), key=lambda kv: -len(kv[0])):
            if name.startswith(short) and not name.startswith(long):
                return long + name[len(short):]
        return name

    def levels_of(self, rest: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(lv for s in self.forms.get(rest, ()) for lv in s.levels))

    def successor(self, s: Stem, level: str | None = None) -> Stem:
        """The body that carries the functions today, at the same level (省扶贫办 → 农业农村厅)."""
        seen = {s.stem}
        while s.successor and s.successor in self.stems and s.successor not in seen:
            options = self.stems[s.successor]
            s = next((o for o in options if level in o.levels), options[0])
            seen.add(s.stem)
        return s


def _inside(text: str, i: int, short: str, long: str) -> bool:
    k = text.find(long)
    while k >= 0:
        if k <= i and i + len(short) <= k + len(long):
            return True
        k = text.find(long, k + 1)
    return False


def _during(s: Stem, year: int | None) -> bool:
    """Whether the body existed in ``year`` (an unknown year: whether it exists today)."""
    if year is None:
        return s.until is None
    return (s.since is None or int(s.since[:4]) <= year) and (s.until is None or year <= int(s.until[:4]))


@lru_cache(maxsize=2)
def load_template(path: str | None = None) -> Template:
    return Template(Path(path) if path else None)
