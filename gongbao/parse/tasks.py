"""Tasks: the text a responsibility tag closes, with its actors resolved.

A task runs from the end of the previous tag in the same section (or the
start of the section) to its tag, across paragraphs, so a tag after a task's
second paragraph, or several tags in one paragraph, each get their own task.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .. import patterns as P
from .. import roles as R
from ..ingest.clean import squeeze_cjk_spaces
from ..models import Actor, Alias, Finding, Tag, Task
from ..roles import DEADLINE_LABEL_LINE, FIRST_LEADS, STANDING
from .divisions import Division
from .orgnames import PINYIN, cut_short, lexicon_for, unit_name
from .resolve import Resolver
from .resptable import row_actors
from .structure import Node, classify
from .tags import (
    RawActor,
    finalize_roles,
    find_sentence_tags,
    find_tags,
    heading_tag,
    standing_units,
    view_of,
)
from .titles import scan_title


def _heading_only(text: str) -> bool:
    """Task text that is only a numbered heading (no sentence of its own)."""
    c = classify(text)
    rest = c[3] if c else text
    return len(rest) <= 30 and not re.search(r"[。；]", rest.rstrip("。"))


def tags_in(text: str, lexicon=None):
    """Bracketed tags and whole-sentence tags of a paragraph, in order, not overlapping."""
    tags = find_tags(text, lexicon)
    for st in find_sentence_tags(text, lexicon):
        if not any(t.start < st.end and st.start < t.end for t in tags):
            tags.append(st)
    return sorted(tags, key=lambda t: t.start)


def _cut_off(text: str, tag) -> bool:
    """A label list that runs to the very end of the document without a full stop, its last
    unit unknown and weakly named (…、市协): the source was cut inside the tag."""
    if tag.end < len(text.rstrip()) or text.rstrip()[-1:] in P.TERMINAL or not tag.raw_actors:
        return False
    last = tag.raw_actors[-1].name
    return cut_short(last)


def _shown(para, tag) -> str:
    """A tag's text as a reader sees it: label lines merged into one paragraph
    (牵头领导：王健 / 牵头单位：… / 责任单位：…) are shown joined by ；, not run together."""
    cuts, pos = [], 0
    for s, e in para.spans:
        n = e - s
        if tag.start < pos < tag.end and P.LABEL_LINE.match(para.text[pos:pos + 12]):
            cuts.append(pos - tag.start)
        pos += n
    text = tag.text
    for c in reversed(cuts):
        text = text[:c].rstrip("；;，, ") + "；" + text[c:]
    return squeeze_cjk_spaces(text)


def _outside(text: str, tags) -> str:
    """The paragraph without its tags (notes written in the text, not in a tag)."""
    out, pos = [], 0
    for t in tags:
        out.append(text[pos:t.start])
        pos = t.end
    out.append(text[pos:])
    return "".join(out)


def _heading_leaders(node: Node) -> tuple[str, ...]:
    """Persons named in the headings above a node: 一、王丹县长牵头重点工作 → 王丹县长."""
    out = []
    n: Node | None = node
    while n is not None:
        text = n.paras[0].text if n.paras else ""
        c = classify(text)
        m = R.HEADING_LEADER.match(squeeze_cjk_spaces(c[3] if c else text).strip())
        if m:
            out.append(m["person"] + m["post"])
        n = n.parent
    return tuple(reversed(out))


def first_sentence(text: str) -> str | None:
    """A task's title: its first sentence, or that sentence's first clause when it is long."""
    c = classify(text)
    return scan_title(c[3] if c else text)


def resolve_actors(raw, government: Division | None, resolver: Resolver,
                   aliases: dict[str, str], doc_index: int, offset: int,
                   findings: list[Finding], locate: Callable[[str], tuple[int, int] | None]
                   = lambda _: None, year: int | None = None) -> tuple[Actor, ...]:
    """Actors of one tag; a government named once for a list (省发展改革委、财政厅、科技厅)
    carries to the names after it that name none."""
    out = []
    seen: set[tuple[str, str | None, str]] = set()
    carry = None
    for a in raw:
        # a second name in brackets (县发改局（粮食局）) stays in ``written``, not in the name
        name = aliases.get(a.name, a.name)
        name = aliases.get(unit_name(name), unit_name(name))
        r = resolver.resolve(PINYIN.sub("", name), government, carry, year)
        carry = r.government or carry
        if r.resolved_by in ("written", "place") and r.kind != "group" and not any(
                f.kind == "unknown_department" and f.document == doc_index
                and f.message.startswith(a.name + " ") for f in findings):
            findings.append(Finding(
                "unknown_department", f"{a.name} is in no department directory or template for "
                f"{r.jurisdiction or 'this document'}; kept as {r.full_name}", offset, doc_index))
        key = (r.full_name, r.jurisdiction_code, a.role)
        if key in seen:
            continue
        seen.add(key)
        span = locate(a.name)
        out.append(Actor(r.name if r.resolved_by == "directory" else name, a.role, r.full_name, r.kind,
                         r.jurisdiction, r.known, a.name, r.current_full_name or r.full_name,
                         r.jurisdiction_code, r.level, r.resolved_by,
                         span[0] if span else None, span[1] if span else None))
    return tuple(out)


def _locator(text: str, start: int, end: int, offset: Callable[[int], int]):
    """Where each name is written in ``text[start:end]``, in order (the same name twice: the
    second place for the second name)."""
    cursor = start

    def locate(name: str) -> tuple[int, int] | None:
        nonlocal cursor
        k = text.find(name, cursor, end)
        if k < 0:
            k = text.find(name, start, end)
        if k < 0:
            return None
        cursor = k + len(name)
        return offset(k), offset(k + len(name) - 1) + 1
    return locate


def extract_tasks(nodes: list[Node], government: Division | None, resolver: Resolver,
                  aliases: list[Alias], doc_index: int, findings: list[Finding],
                  page_at: Callable[[int], int | None], year: int | None = None) -> list[Task]:
    alias_map = {a.alias: a.full_name for a in aliases}
    tasks: list[Task] = []
    last_para = next((n.paras[-1] for n in reversed(nodes) if n.paras), None)
    # names this document knows: its aliases (以下简称市食药安委) and the units its tags named
    doc_names: set[str] = {a.alias for a in aliases}
    lexicon = lexicon_for().with_names(doc_names)
    first_leads = False  # 排在第一位的部门为牵头部门，下同 (wherever it is written)
    standing: list[str] = []  # 以下均需试点城市政府落实，不再列出
    # （二）省审计厅牵头的工作 / 全面加强审计工作。/ 协同单位：…: a heading's lead leads the tagged
    # tasks under it that name only partners; the heading is then no task of its own
    heading_lead: dict[str, list[RawActor]] = {}
    heading_task: dict[str, Task] = {}
    inherited: set[str] = set()
    for node in nodes:
        found: list[Task] = []
        pending: list[tuple[str, tuple[int, int]]] = []
        leaders = _heading_leaders(node)
        for pi, para in enumerate(node.paras):
            dl = DEADLINE_LABEL_LINE.match(view_of(para.text)[0])
            if dl and found and not pending:  # "完成时限：…" on the line after a tag
                found[-1] = replace(found[-1], deadline=para.text.split("：", 1)[-1].strip())
                continue
            tags = tags_in(para.text, lexicon)
            if pi == 0 and not tags and (c := classify(para.text)) is not None:
                ht = heading_tag(c[3], len(para.text) - len(c[3]), lexicon)
                tags = [ht] if ht is not None else []
            outside = _outside(para.text, tags)
            if not first_leads and FIRST_LEADS.search(view_of(outside)[0]):
                first_leads = True  # a note in the text: （列第一位的为牵头单位）
            for sm in STANDING.finditer(view_of(outside)[0]):
                standing += [a for a in standing_units(sm["actor"]) if a not in standing]
            cursor = 0
            for ti, tag in enumerate(tags):
                if last_para is para and ti == len(tags) - 1 and _cut_off(para.text, tag):
                    findings.append(Finding(
                        "tag_unparsed", f"the text ends inside this tag (its last unit is cut off): "
                        f"{squeeze_cjk_spaces(tag.text)[:60]}", para.offset(tag.start), doc_index))
                    continue
                first_leads = first_leads or tag.first_leads
                standing += [a for a in tag.standing if a not in standing]  # the stating tag too
                new = {a.name for a in tag.raw_actors} - lexicon.names
                if new:
                    lexicon = lexicon.with_names(new)
                raw = list(tag.raw_actors)
                is_heading_tag = pi == 0 and ti == 0 and not pending and _heading_only(
                    para.text[:tag.start]) and any(a.role == "lead" for a in raw)
                if not is_heading_tag and raw and all(a.role in ("support", "guide") for a in raw):
                    # a tag of partners only (协同单位：…): the heading above names who leads
                    owner = _heading_owner(node, heading_lead)
                    if owner is not None:
                        inherited.add(owner)
                        raw = [*heading_lead[owner], *(a for a in raw if a.name not in
                                                        {h.name for h in heading_lead[owner]})]
                names = {r.name for r in raw}
                raw += [RawActor(a, "implement") for a in standing if a not in names]
                final = finalize_roles(raw, first_leads)
                piece = para.text[cursor: tag.start]
                parts = [*pending, (piece, (para.offset(cursor), para.offset(tag.start)))]
                text = squeeze_cjk_spaces("".join(t for t, _ in parts)).strip()
                spans = tuple(s for _, s in parts if s[1] > s[0])
                start = spans[0][0] if spans else para.offset(tag.start)
                tstart, tend = para.offset(tag.start), para.offset(tag.end - 1) + 1
                actors = resolve_actors(final, government, resolver, alias_map, doc_index, tstart,
                                        findings, _locator(para.text, tag.start, tag.end, para.offset),
                                        year)
                is_heading_task = pi == 0 and cursor == 0 and not pending
                title = node.title if (is_heading_task and node.title) else first_sentence(text)
                dm = P.DEADLINE.search(text)
                deadline = tag.deadline or (re.sub(r"\s+", "", dm.group(0)) if dm else None)
                found.append(Task(
                    node.key, node.path or None, title, text,
                    Tag(_shown(para, tag), tstart, tend, actors),
                    start, tend, (*spans, (tstart, tend)), page_at(start), deadline,
                    tuple(dict.fromkeys((*leaders, *tag.leaders))),
                ))
                if is_heading_tag:
                    heading_lead[node.key] = [RawActor(a.name, "lead") for a in tag.raw_actors
                                              if a.role == "lead"]
                    heading_task[node.key] = found[-1]
                cursor = tag.end
                pending = []
            rest = para.text[cursor:]
            if rest.strip():
                pending.append((rest, (para.offset(cursor), para.end)))
        if pending and len(found) == 1 and _heading_only(found[0].text):
            # 三、加强组织领导（市委办公室牵头） + the paragraphs under it: one task
            t = found[0]
            extra = squeeze_cjk_spaces("".join(x for x, _ in pending)).strip()
            found[0] = replace(t, text=f"{t.text}\n{extra}", end=max(t.end, pending[-1][1][1]),
                               spans=(*t.spans, *(sp for _, sp in pending)))
        if node.key in inherited and heading_task.get(node.key) in found:
            found.remove(heading_task[node.key])  # its lead went to the tasks under it
        if len(found) > 1:
            found = [replace(t, number=f"{t.number or ''}-{i}") for i, t in enumerate(found, 1)]
        tasks.extend(found)
    drop = {(heading_task[k].section_key, heading_task[k].start) for k in inherited if k in heading_task}
    return [t for t in tasks if (t.section_key, t.start) not in drop]


def _heading_owner(node: Node, heading_lead: dict[str, list[RawActor]]) -> str | None:
    """The nearest node, this one or above, whose heading names a lead."""
    n: Node | None = node
    while n is not None:
        if n.key in heading_lead:
            return n.key
        n = n.parent
    return None


def table_tasks(tables, government: Division | None, resolver: Resolver, aliases: list[Alias],
                doc_index: int, findings: list[Finding],
                page_at: Callable[[int], int | None], text: str = "",
                year: int | None = None) -> list[Task]:
    """One task per row of a responsibility table (分工表); ``text`` is the source, where each
    unit as written is found in its row."""
    alias_map = {a.alias: a.full_name for a in aliases}
    out: list[Task] = []
    for table in tables:
        labels = dict(zip(table.kinds, table.header, strict=False))
        if table.cut is not None:
            findings.append(Finding(
                "tag_unparsed", "the text ends inside the last row of a responsibility table: "
                "its units are cut off and it is not read as a task", table.cut, doc_index))
        if not table.rows:
            findings.append(Finding(
                "tag_unparsed", f"a responsibility table ({'、'.join(table.header)}) was found but "
                "no rows could be read from it", table.start, doc_index))
        for k, row in enumerate(table.rows, 1):
            raw = row_actors(row)
            if not raw:
                findings.append(Finding("tag_unparsed", f"row {row.seq or '?'} of a responsibility "
                                        "table names no unit", row.start, doc_index))
                continue
            actors = resolve_actors(raw, government, resolver, alias_map, doc_index, row.start,
                                    findings, _locator(text, row.start, row.end, lambda i: i), year)
            tag_text = "；".join(f"{labels[c]}：{squeeze_cjk_spaces(row.cells[c])}"  # in column order
                                for c in dict.fromkeys(table.kinds) if c in ("lead", "responsible", "support")
                                and row.cells.get(c))
            name, content = row.cells.get("name"), row.cells.get("content")
            text = "\n".join(x for x in (name, content, row.cells.get("other")) if x)
            title = first_sentence(content) if content else None
            title = title or (name if name and len(name) <= 60 else None)
            out.append(Task(
                None, row.seq or str(k), title, text, Tag(tag_text, row.start, row.end, actors),
                row.start, row.end, ((row.start, row.end),), page_at(row.start),
                row.cells.get("deadline"),
                tuple(p for p in re.split(r"[、，,\s]+", row.cells.get("person", "")) if p),
            ))
    return out
