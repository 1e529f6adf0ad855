"""What a researcher looks at before trusting a new source: per document, how much
was understood and what was not."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .models import ParsedSource
from .pipeline import parse


@dataclass(frozen=True)
class DocumentCheck:
    title: str
    kind: str
    doc_number: str | None
    jurisdiction: str | None
    items: int  # numbered outline nodes (candidate tasks)
    tagged_tasks: int
    actors: int  # task–actor pairs
    unresolved: tuple[str, ...]  # names neither a directory nor the template knows (collectives excepted)
    warnings: dict[str, int]  # by severity
    resolved_by: dict[str, int] | None = None  # how the units were resolved: directory, template, place …


def check_parsed(ps: ParsedSource) -> list[DocumentCheck]:
    out = []
    for i, d in enumerate(ps.documents):
        unresolved = sorted({a.written for t in d.tasks for a in t.tag.actors
                             if not a.known and a.kind != "group"})
        how = Counter(a.resolved_by for t in d.tasks for a in t.tag.actors)
        sev = Counter(f.severity for f in ps.findings if f.document == i)
        out.append(DocumentCheck(
            d.title, d.kind, d.doc_number, d.jurisdiction,
            sum(1 for s in d.sections if s.number), len(d.tasks),
            sum(len(t.tag.actors) for t in d.tasks), tuple(unresolved), dict(sev), dict(how),
        ))
    return out


def check(path: str | Path) -> tuple[ParsedSource, list[DocumentCheck]]:
    ps = parse(path)
    return ps, check_parsed(ps)
