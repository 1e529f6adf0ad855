"""A simplified-script view of text, with the same character offsets.

Sources in traditional characters (mirror sites, Hong Kong and Taiwan copies) are stored as
written; the parser reads them through this view so that one vocabulary and one set of
directories serve both scripts.  The map is OpenCC's character table (TSCharacters, shipped by
``opencc-python-reimplemented``): one character for one, so every offset found in the view is
an offset into the source.  Phrase-level conversion (OpenCC's TSPhrases) is not used: it can
change lengths, and the words of responsibility tags convert correctly character by character.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any

# Share of traditional forms above which a source is read through its simplified view.
TRADITIONAL = 0.05


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    text = (resources.files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8")
    out: dict[int, str] = {}
    for line in text.splitlines():
        src, _, targets = line.partition("\t")
        first = targets.split(" ")[0] if targets else ""
        if len(src) == 1 and len(first) == 1 and first != src:
            out[ord(src)] = first
    return out


def simplified(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified form (same length)."""
    return text.translate(_table())


def traditional_share(text: str) -> float:
    """The share of Chinese characters that are traditional forms: above ~0.05 the source is
    written in traditional script (simplified text has almost none)."""
    table = _table()
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(ord(c) in table for c in cjk) / len(cjk)


def reverse_map(text: str) -> dict[int, str]:
    """Simplified → traditional as this source writes it (its most frequent form of each
    character), to give texts read through the view back in the source's script."""
    table = _table()
    seen: dict[str, Counter[str]] = {}
    for c in text:
        t = table.get(ord(c))
        if t is not None:
            seen.setdefault(t, Counter())[c] += 1
    return {ord(s): forms.most_common(1)[0][0] for s, forms in seen.items()}


# Fields that name a resolved unit or a kind: kept in simplified form (resolved names).
_RESOLVED = {"name", "full_name", "kind", "role", "jurisdiction", "current_full_name", "format", "path",
             "sha256", "severity", "parser_version", "label"}


def as_written(obj: Any, back: dict[int, str], source: str) -> Any:
    """``obj`` (frozen dataclasses, tuples, strings) with its texts in the source's script.
    An actor keeps its resolved ``name``; what was written is in ``written``."""
    if isinstance(obj, str):
        return obj.translate(back)
    if isinstance(obj, tuple):
        return tuple(as_written(x, back, source) for x in obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in dataclasses.fields(obj):
            if f.name in _RESOLVED:
                continue
            v = getattr(obj, f.name)
            if f.name == "text" and v is not None and len(v) == len(source):
                changes[f.name] = source  # the source text itself, as written
            elif isinstance(v, (str, tuple)) or dataclasses.is_dataclass(v):
                changes[f.name] = as_written(v, back, source)
        return dataclasses.replace(obj, **changes)
    return obj
