"""Tasks: the text a responsibility tag closes, with its actors resolved.

A task runs from the end of the previous tag in the same section (or the
start of the section) to its tag, across paragraphs, so a tag after a task's
second paragraph, or several tags in one paragraph, each get their own task.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..ingest.clean import squeeze_cjk_spaces
from ..models import Actor, Alias, Finding, Tag, Task
from .departments import Directory
from .structure import Node, classify
from .tags import find_tags


def first_sentence(text: str) -> str | None:
    c = classify(text)
    if c:
        text = c[3]
    m = re.search(r"[。；！？]", text)
    head = text[: m.start()] if m else text
    return head if 0 < len(head) <= 60 else None


def resolve_actors(raw, jurisdiction: str | None, directory: Directory,
                   aliases: dict[str, str], doc_index: int, offset: int,
                   findings: list[Finding]) -> tuple[Actor, ...]:
    out = []
    seen: set[tuple[str, str]] = set()
    for a in raw:
        name = aliases.get(a.name, a.name)
        r = directory.resolve(name, jurisdiction)
        if not r.known and r.kind != "group":
            findings.append(Finding(
                "unknown_department", f"{a.name} is in no department directory for "
                f"{jurisdiction or 'this document'}; kept as written", offset, doc_index))
        key = (r.full_name, a.role)
        if key in seen:
            continue
        seen.add(key)
        out.append(Actor(r.name if r.known else name, a.role, r.full_name, r.kind,
                         r.jurisdiction, r.known, a.name))
    return tuple(out)


def extract_tasks(nodes: list[Node], jurisdiction: str | None, directory: Directory,
                  aliases: list[Alias], doc_index: int, findings: list[Finding],
                  page_at: Callable[[int], int | None]) -> list[Task]:
    alias_map = {a.alias: a.full_name for a in aliases}
    tasks: list[Task] = []
    for node in nodes:
        found: list[Task] = []
        pending: list[tuple[str, tuple[int, int]]] = []
        for pi, para in enumerate(node.paras):
            cursor = 0
            for tag in find_tags(para.text):
                piece = para.text[cursor: tag.start]
                parts = [*pending, (piece, (para.offset(cursor), para.offset(tag.start)))]
                text = squeeze_cjk_spaces("".join(t for t, _ in parts)).strip()
                spans = tuple(s for _, s in parts if s[1] > s[0])
                start = spans[0][0] if spans else para.offset(tag.start)
                tstart, tend = para.offset(tag.start), para.offset(tag.end - 1) + 1
                actors = resolve_actors(tag.actors, jurisdiction, directory, alias_map,
                                        doc_index, tstart, findings)
                is_heading_task = pi == 0 and cursor == 0 and not pending
                title = node.title if (is_heading_task and node.title) else first_sentence(text)
                found.append(Task(
                    node.key, node.path or None, title, text,
                    Tag(squeeze_cjk_spaces(tag.text), tstart, tend, actors),
                    start, tend, (*spans, (tstart, tend)), page_at(start),
                ))
                cursor = tag.end
                pending = []
            rest = para.text[cursor:]
            if rest.strip():
                pending.append((rest, (para.offset(cursor), para.end)))
        if len(found) > 1:
            found = [
                Task(t.section_key, f"{t.number or ''}-{i}", t.title, t.text, t.tag, t.start,
                     t.end, t.spans, t.page)
                for i, t in enumerate(found, 1)
            ]
        tasks.extend(found)
    return tasks
