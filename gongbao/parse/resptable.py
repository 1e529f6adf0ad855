"""Responsibility tables (分工表): one task per row, with lead and support units.

A table arrives in one of two shapes:

- tab-separated rows (HTML cells, a PDF table finder), merged cells left empty;
- flattened, one cell per line, as web pages and PDF text give it: merged
  cells written only once, a long cell split over two lines, the header
  repeated after a page break.

The header says which column is which (序号 / 任务名称 / 任务内容 / 牵头单位 /
配合单位 / 完成时限 …).  Flattened rows start at a line holding only the row
number; within a row, lines are read by what they look like (a list of units,
a deadline, or text), because merged cells make positions unreliable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.clean import Line, squeeze_cjk_spaces
from . import patterns as P
from .orgnames import is_org
from .roles import COLUMN_HEADERS
from .tags import RawActor, finalize_roles, read

# Header cells and the role of their column: the vocabulary's labels without their colon.
COLUMNS = COLUMN_HEADERS
_DEADLINE = re.compile(r"(\d{4}\s*年|\d{1,2}\s*月|底前|年底|长期|持续|常态化|季度|每年|上半年|下半年|逐年)")
_SEQ = re.compile(r"^\d{1,3}[.．、]?$")


def _ENDS_TABLE(text: str) -> bool:
    """A heading after a flattened table: 三、保障措施, 第四章, 附件2, （二）…."""
    return any(rx.match(text) for rx in (P.CN_ITEM, P.CHAPTER, P.ARTICLE, P.ATTACHMENT_HEADING,
                                         P.ATTACHMENT_LIST, P.PRINTED_LINE)) \
        or (P.PAREN_CN.match(text) is not None and len(text) > 6)


def column_kind(cell: str) -> str | None:
    if "：" in cell or ":" in cell:  # 牵头单位：区城管委 is a label line, not a column name
        return None
    if len(cell) > 40:
        return None
    cell = re.sub(r"[（(][^（）()]{0,20}[）)]$", "", squeeze_cjk_spaces(cell).replace(" ", ""))
    for kind, rx in COLUMNS:
        if rx.match(cell):
            return kind
    return None


def is_header(cells: list[str]) -> bool:
    """At least three known column names, one of them a lead or responsible column;
    other short names (牵头市领导, 责任人) are kept as ``other`` columns."""
    kinds = [column_kind(c) for c in cells]
    known = [k for k in kinds if k]
    unknown_ok = all(k or (len(c) <= 8 and not re.search(r"\d|[。，；]", c))
                     for k, c in zip(kinds, cells, strict=True))
    return len(known) >= 3 and unknown_ok and any(k in ("lead", "responsible") for k in known)


def kinds_of(header: list[str]) -> list[str]:
    """Column kinds, each used once: a second name column holds the content; unknown
    and repeated columns are ``other`` (kept in the task text with their header)."""
    out: list[str] = []
    for cell in header:
        k = column_kind(cell) or "other"
        if k == "name" and "name" in out:
            k = "content" if "content" not in out else "other"
        elif k in out and k not in ("other",):
            k = "other"
        out.append(k)
    return out


@dataclass
class RespRow:
    seq: str | None
    cells: dict[str, str] = field(default_factory=dict)
    start: int = 0
    end: int = 0


@dataclass
class RespTable:
    header: list[str]
    kinds: list[str]
    rows: list[RespRow]
    start: int
    end: int
    header_lines: list[int] = field(default_factory=list)  # indices of lines consumed


_TASK_WORDS = re.compile(r"\d|[。；：]|到|建成|推进|完成|开展|实现|打造|建设|提升|加强")


def _actor_cell(text: str) -> bool:
    """A cell that lists organisations (not a task that ends in 示范区 or 中心)."""
    if len(text) > 200:
        return False
    r = read(text)
    return not r.problem and bool(r.actors) and all(
        is_org(a.name) and len(a.name) <= 30 and not _TASK_WORDS.search(a.name) for a in r.actors)


_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[、，][\u4e00-\u9fff]{2,4})*$")


def _classify(text: str, kinds: list[str] | None = None) -> str:
    if kinds and "person" in kinds and _PERSON.match(text) and not is_org(text):
        return "person"
    if _actor_cell(text):
        return "actors"
    if len(text) <= 30 and _DEADLINE.search(text) and "。" not in text:
        return "deadline"
    return "text"


def _fill(row: RespRow, kinds: list[str], pieces: list[tuple[str, str]], prev: RespRow | None) -> None:
    """Put a row's pieces (type, text) into its columns by what they look like."""
    actor_cols = [k for k in kinds if k in ("lead", "responsible", "support")]
    text_cols = [k for k in kinds if k in ("name", "content")]
    texts = [t for kind, t in pieces if kind == "text"]
    actors = [t for kind, t in pieces if kind == "actors"]
    for kind, t in pieces:
        if kind == "deadline" and "deadline" in kinds:
            row.cells["deadline"] = t
        elif kind == "person":
            row.cells["person"] = t
    if not actors and any(kind == "deadline" for kind, _ in pieces) and "deadline" not in kinds:
        texts += [t for kind, t in pieces if kind == "deadline"]
    for col, t in zip(actor_cols, actors, strict=False):
        row.cells[col] = t
    if len(actors) > len(actor_cols) and actor_cols:  # a list split over two lines
        row.cells[actor_cols[-1]] += "、" + "、".join(actors[len(actor_cols):])
    if text_cols == ["name", "content"]:
        if len(texts) >= 2:
            row.cells["name"], row.cells["content"] = texts[0], "".join(texts[1:])
        elif texts:
            t = texts[0]
            if len(t) > 30 or t.endswith("。"):  # only the content: the name was merged
                row.cells["content"] = t
            else:
                row.cells["name"] = t
    elif text_cols and texts:
        row.cells[text_cols[0]] = "".join(texts)
    if prev is not None:  # merged cells are given once: inherit them
        for col in ("name", *actor_cols):
            if col in kinds and not row.cells.get(col) and prev.cells.get(col) and col != "support":
                row.cells[col] = prev.cells[col]


def find_tables(lines: list[Line]) -> tuple[list[Line], list[RespTable]]:
    """Take responsibility tables out of a document's lines."""
    tables: list[RespTable] = []
    keep: list[Line] = []
    i = 0
    while i < len(lines):
        header, width = _header_at(lines, i)
        if not header:
            keep.append(lines[i])
            i += 1
            continue
        kinds = kinds_of(header)
        table = RespTable(header, kinds, [], lines[i].start, lines[i + width - 1].end)
        i += width
        i = (_read_tab_rows if width == 1 else _read_flat_rows)(lines, i, table)
        tables.append(table)
    return keep, tables


def _header_at(lines: list[Line], i: int) -> tuple[list[str], int]:
    t = lines[i].text
    if "\t" in t:
        cells = [c.strip() for c in t.split("\t")]
        return (cells, 1) if is_header(cells) else ([], 0)
    if not column_kind(t):
        return [], 0
    j = i
    while j < len(lines) and "\t" not in lines[j].text and (
            column_kind(lines[j].text) or (len(lines[j].text) <= 8 and not _SEQ.match(lines[j].text)
                                           and not re.search(r"\d|[。，；]", lines[j].text))):
        j += 1
    while j > i and not column_kind(lines[j - 1].text):  # a header ends with a known column
        j -= 1
    cells = [ln.text for ln in lines[i:j]]
    return (cells, j - i) if is_header(cells) else ([], 0)


def _read_tab_rows(lines: list[Line], i: int, table: RespTable) -> int:
    prev = None
    while i < len(lines) and "\t" in lines[i].text:
        cells = [c.strip() for c in lines[i].text.split("\t")]
        if is_header(cells):  # repeated header
            i += 1
            continue
        row = RespRow(None, {}, lines[i].start, lines[i].end)
        extra = []
        for k, cell in enumerate(cells):
            kind = table.kinds[k] if k < len(table.kinds) else "other"
            label = table.header[k] if k < len(table.header) else f"第{k + 1}列"
            if kind == "seq":
                row.seq = cell or None
            elif kind == "other":
                if cell:
                    extra.append(f"{label}：{squeeze_cjk_spaces(cell)}")
            elif cell:
                row.cells[kind] = squeeze_cjk_spaces(cell)
        if extra:  # columns with no role of their own stay in the task text
            row.cells["other"] = "；".join(extra)
        if prev is not None:
            for col in ("name", "lead", "responsible"):
                if col in table.kinds and not row.cells.get(col) and prev.cells.get(col):
                    row.cells[col] = prev.cells[col]
        table.rows.append(row)
        table.end = lines[i].end
        prev = row
        i += 1
    return i


def _read_flat_rows(lines: list[Line], i: int, table: RespTable) -> int:
    """Rows start at a line that is only a row number; they end at the next one.
    Without a 序号 column, rows are read a header's width of lines at a time for as
    long as each has a list of units where the header puts one."""
    if "seq" not in table.kinds:
        return _read_counted_rows(lines, i, table)
    n = len(table.header)
    prev: RespRow | None = None
    while i < len(lines) and _SEQ.match(lines[i].text):
        start = i
        i += 1
        pieces: list[tuple[str, str]] = []
        while i < len(lines) and not _SEQ.match(lines[i].text):
            h, w = _header_at(lines, i)
            if h:  # the header repeated after a page break
                i += w
                continue
            t = squeeze_cjk_spaces(lines[i].text)
            if _ENDS_TABLE(t) or len(pieces) > 3 * n:
                break
            kind = _classify(t, table.kinds)
            # a cell split over two lines: join text to text, units to units ending in 、
            if pieces and ((kind == "text" and pieces[-1][0] == "text" and not pieces[-1][1].endswith("。")
                            and len(pieces[-1][1]) >= 12)
                           or (pieces[-1][0] == "actors" and pieces[-1][1].endswith(("、", "，")))):
                pieces[-1] = (pieces[-1][0], pieces[-1][1] + t)
            else:
                pieces.append((kind, t))
            i += 1
        row = RespRow(lines[start].text.rstrip(".．、"), {}, lines[start].start, lines[i - 1].end)
        _fill(row, table.kinds, pieces, prev)
        table.rows.append(row)
        table.end = lines[i - 1].end
        prev = row
    return i


def _read_counted_rows(lines: list[Line], i: int, table: RespTable) -> int:
    n = len(table.header)
    first_actor = next((k for k, kind in enumerate(table.kinds)
                        if kind in ("lead", "responsible")), None)
    prev: RespRow | None = None
    while first_actor is not None and i + n <= len(lines):
        chunk = lines[i:i + n]
        texts = [squeeze_cjk_spaces(ln.text) for ln in chunk]
        if any("\t" in t or _ENDS_TABLE(t) for t in texts) or not _actor_cell(texts[first_actor]):
            break
        row = RespRow(None, {}, chunk[0].start, chunk[-1].end)
        _fill(row, table.kinds, [(_classify(t, table.kinds), t) for t in texts], prev)
        table.rows.append(row)
        table.end = chunk[-1].end
        prev = row
        i += n
    return i


def row_actors(row: RespRow) -> list[RawActor]:
    """Units of a row with their roles, read by the tag grammar: a cell's own words win
    (市发改委牵头落实), otherwise its column gives the role; a 责任单位 column alone gives
    shared or sole."""
    raw: list[RawActor] = []
    for col in ("lead", "responsible", "support"):
        cell = row.cells.get(col)
        if not cell or re.fullmatch(r"[—–\-/／无、\s]+", cell):  # an empty-cell mark names nobody
            continue
        r = read(cell)
        raw += [RawActor(a.name, col if a.role == "bare" else a.role) for a in r.actors
                if not re.fullmatch(r"[—–\-/／无、\s]+", a.name)]
    return finalize_roles(raw)
