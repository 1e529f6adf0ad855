"""Abbreviations a document defines and other documents it cites."""

from __future__ import annotations

import re

from .. import patterns as P
from ..ingest.clean import squeeze_cjk_spaces
from ..models import Alias, Citation
from .paragraphs import Paragraph

# Where the defined name starts: after the last punctuation, or after a verb
# that introduces it (评议工作由市食品药品安全委员会（以下简称…）).
_BOUNDARY = re.compile(r"[，。、；：！？“”《》（）\s]|由|会同|受|对|向|将|经|与|和|及|在|按照|根据|组织")


def defined_name(before: str, alias: str) -> str | None:
    """The full name an alias abbreviates, read backwards from the definition."""
    cut = 0
    for m in _BOUNDARY.finditer(before):
        cut = m.end()
    name = before[cut:]
    if alias and alias[0] in name:
        trimmed = name[name.index(alias[0]):]
        if trimmed != alias and len(trimmed) >= 2:
            name = trimmed
    return name if len(name) >= 2 else None


def find_aliases(paras: list[Paragraph]) -> list[Alias]:
    out: list[Alias] = []
    seen: set[str] = set()
    for para in paras:
        for m in P.ALIAS_DEF.finditer(para.text):
            alias = squeeze_cjk_spaces(m["alias"]).strip()
            full = defined_name(para.text[: m.start()], alias)
            if not full or alias in seen:
                continue
            seen.add(alias)
            out.append(Alias(alias, squeeze_cjk_spaces(full), para.offset(m.start())))
    return out


def find_citations(paras: list[Paragraph]) -> list[Citation]:
    out: list[Citation] = []
    seen: set[tuple[str, str | None]] = set()
    for para in paras:
        for m in P.CITATION.finditer(para.text):
            title = squeeze_cjk_spaces(m["title"]).replace("<", "〈").replace(">", "〉")
            num = re.sub(r"\s+", "", m["num"]) if m["num"] else None
            if (title, num) in seen:
                continue
            seen.add((title, num))
            out.append(Citation(title, num, para.offset(m.start())))
    return out
