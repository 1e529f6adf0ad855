"""Language analysis over the knowledge base: department mentions and task keywords.

It runs after a source is stored, on what the database holds (the source text
and each section's spans), so it can be re-run on its own (``gongbao analyze``)
when the directory or the analysis improves, without re-parsing anything.
"""

from __future__ import annotations

import json

import sqlite_utils

from ..ingest.clean import fold_width
from ..parse.departments import Directory, load_directory
from ..parse.language import ORGANS, find_mentions, keywords
from .store import writing

ANALYSIS_VERSION = "1"


def _known_names(db: sqlite_utils.Database, directory: Directory) -> tuple[str, ...]:
    names = {n for index in directory.by_jurisdiction.values() for n in index}
    names |= {r[0] for r in db.execute("SELECT name FROM departments")}
    names |= {r[0] for r in db.execute("SELECT name_as_written FROM responsibilities")}
    for alias, full in db.execute("SELECT alias, full_name FROM aliases"):
        names |= {alias, full}
    return tuple(sorted(n for n in names if n and len(n) >= 2))


def _resolve(name: str, code: str | None, aliases: dict[str, str],
             directory: Directory) -> tuple[str, str, str | None, bool]:
    """(full_name, kind, jurisdiction, known) of a mentioned name, resolved as tags are: in the
    document's government, by directory, then template."""
    from ..parse.divisions import divisions
    from ..parse.resolve import resolver_for

    resolver = resolver_for(directory)
    government = divisions().get(code)
    target = name
    r = None
    for candidate in (name, aliases.get(name)):  # as written, then what an alias stands for
        if candidate is None:
            continue
        r = resolver.resolve(candidate, government)
        if r.known:
            return r.full_name, r.kind, r.jurisdiction, True
        target = candidate
    # 市市场监管部门: the department whose short name starts with 市市场监管
    jur = directory.jurisdiction_of_code.get(code or "")
    if target.endswith("部门") and target[:1] in "市省区县" and len(target) > 4 and jur:
        core = target[:-2]
        hits = {e.full_name: e for n, e in directory.by_jurisdiction.get(jur, {}).items()
                if n.startswith(core)}
        if len(hits) == 1:
            e = next(iter(hits.values()))
            return e.full_name, e.kind, e.jurisdiction, True
    kind = ORGANS.get(target, r.kind if r else "other")
    return target, kind, resolver.label(government), False


def _payload(db: sqlite_utils.Database, source_id: int, directory: Directory,
             names: tuple[str, ...]) -> dict:
    """Everything the analysis of one source needs, read from the database."""
    text = fold_width(db.execute("SELECT text FROM sources WHERE id = ?", [source_id]).fetchone()[0])
    in_source = "(SELECT id FROM documents WHERE source_id = ?)"
    docs = {r[0]: r[1] for r in db.execute(
        "SELECT id, jurisdiction_code FROM documents WHERE source_id = ?", [source_id])}
    aliases: dict[int, dict[str, str]] = {}
    for doc_id, alias, full in db.execute(
            f"SELECT document_id, alias, full_name FROM aliases WHERE document_id IN {in_source}",
            [source_id]):
        aliases.setdefault(doc_id, {})[alias] = full
    pieces = [(doc_id, sid, None, [tuple(x) for x in json.loads(spans or "[]")])
              for sid, doc_id, spans in db.execute(
                  f"SELECT id, document_id, spans FROM sections WHERE document_id IN {in_source} "
                  "ORDER BY id", [source_id])]
    pieces += [(doc_id, None, bid, [(start, end)]) for bid, doc_id, start, end in db.execute(
        f"SELECT id, document_id, char_start, char_end FROM boxes WHERE document_id IN {in_source} "
        "ORDER BY id", [source_id])]
    return {
        "source_id": source_id, "docs": docs, "aliases": aliases, "pieces": pieces,
        "texts": ["".join(text[s:e] for s, e in spans) for *_, spans in pieces],
        "tags": [tuple(r) for r in db.execute(
            f"SELECT tag_start, char_end FROM tasks WHERE document_id IN {in_source}", [source_id])],
        "tasks": [tuple(r) for r in db.execute(
            f"SELECT id, title, text FROM tasks WHERE document_id IN {in_source}", [source_id])],
        "dept_ids": {(r[1], r[2]): r[0] for r in db.execute(
            "SELECT id, full_name, jurisdiction FROM departments")},
        "names": names, "directory": str(directory.path),
    }


def compute(payload: dict) -> tuple[list[dict], list[dict]]:
    """Mentions and keywords of one source: a pure function, run in worker processes."""
    directory = load_directory(payload["directory"])
    names = payload["names"]
    rows = []
    found_all = find_mentions(payload["texts"], names)
    for (doc_id, sid, bid, spans), found in zip(payload["pieces"], found_all, strict=True):
        for m in found:
            start = _offset(spans, m.start)
            row = {"source_id": payload["source_id"], "document_id": doc_id, "section_id": sid,
                   "box_id": bid, "name": m.name, "label": m.label, "char_start": start,
                   "char_end": _offset(spans, m.end - 1) + 1,
                   "in_tag": int(any(a <= start < b for a, b in payload["tags"]))}
            if m.label == "ORG":
                full, kind, jur, known = _resolve(m.name, payload["docs"].get(doc_id),
                                                  payload["aliases"].get(doc_id, {}), directory)
                row.update(full_name=full, kind=kind, jurisdiction=jur, in_directory=int(known),
                           department_id=payload["dept_ids"].get((full, jur)))
            rows.append(row)
    task_rows = []
    for task_id, title, body in payload["tasks"]:
        for rank, (word, weight) in enumerate(keywords(f"{title or ''}。{body}", names), 1):
            task_rows.append({"task_id": task_id, "keyword": word, "weight": weight, "rank": rank})
    return rows, task_rows


def _write(db: sqlite_utils.Database, source_id: int, rows: list[dict],
           task_rows: list[dict]) -> None:
    with writing(db):
        db.execute("DELETE FROM mentions WHERE source_id = ?", [source_id])
        db.execute("DELETE FROM task_keywords WHERE task_id IN (SELECT id FROM tasks WHERE "
                   "document_id IN (SELECT id FROM documents WHERE source_id = ?))", [source_id])
        db["mentions"].insert_all(rows)
        db["task_keywords"].insert_all(task_rows)
        db.execute("UPDATE sources SET analysis_version = ? WHERE id = ?",
                   [ANALYSIS_VERSION, source_id])


def analyze_source(db: sqlite_utils.Database, source_id: int, directory: Directory,
                   names: tuple[str, ...]) -> tuple[int, int]:
    """Mentions and keywords of one source, in one transaction; returns their counts."""
    rows, task_rows = compute(_payload(db, source_id, directory, names))
    _write(db, source_id, rows, task_rows)
    return len(rows), len(task_rows)


def _offset(spans: list[tuple[int, int]], i: int) -> int:
    for s, e in spans:
        if i < e - s:
            return s + i
        i -= e - s
    return spans[-1][1] if spans else i


def analyze(db: sqlite_utils.Database, directory: Directory | None = None,
            everything: bool = False, jobs: int = 1) -> int:
    """Analyse the sources not yet analysed with this version; returns how many."""
    directory = directory or load_directory()
    where = "" if everything else "WHERE analysis_version IS NOT ?"
    ids = [r[0] for r in db.execute(f"SELECT id FROM sources {where} ORDER BY id",
                                    [] if everything else [ANALYSIS_VERSION])]
    if not ids:
        return 0
    names = _known_names(db, directory)
    if jobs > 1 and len(ids) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            window = 2 * jobs
            for k in range(0, len(ids), window):
                batch = ids[k:k + window]
                payloads = [_payload(db, i, directory, names) for i in batch]
                for source_id, (rows, task_rows) in zip(batch, pool.map(compute, payloads),
                                                        strict=True):
                    _write(db, source_id, rows, task_rows)
    else:
        for source_id in ids:
            analyze_source(db, source_id, directory, names)
    return len(ids)
