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

import itertools
import re
from dataclasses import dataclass, field

from .. import patterns as P
from ..ingest.clean import Line, squeeze_cjk_spaces
from ..roles import COLUMN_HEADERS, SUPPORT_WORD, TIME_WORD
from .cellstream import clean_header, header_cells, read_stream
from .orgnames import PERSON_NAME, STRONG_SUFFIX, is_org
from .tags import RawActor, finalize_roles, read

# Header cells and the role of their column: the vocabulary's labels without their colon.
COLUMNS = COLUMN_HEADERS
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
            if kind == "responsible" and SUPPORT_WORD.search(cell):
                return "support"  # 责任主体与协同单位: beside a lead column, the partners
            return kind
    return None


def _header_like(c: str) -> bool:
    """A short header cell of no known kind (是否达序, 一季度完成情况, 1-10月推进情况), not a
    row number or a sentence."""
    return 0 < len(c) <= 10 and not _SEQ.match(c) and not re.search(r"[。，；]", c) \
        and re.search(r"[\u4e00-\u9fff]", c) is not None and not (c[0].isdigit() and not re.search(r"[年月季]", c))


def _header_like_long(c: str) -> bool:
    """A longer header cell of a one-line header: 进展情况、存在问题及下一步打算 (no sentence)."""
    return 0 < len(c) <= 24 and not re.search(r"[。；！？]|\d{3,}", c) and re.search(r"[\u4e00-\u9fff]", c) is not None


def is_header(cells: list[str], loose: bool = False) -> bool:
    """At least three known column names, one of them a lead or responsible column;
    other short names (牵头市领导, 责任人) are kept as ``other`` columns."""
    kinds = [column_kind(c) for c in cells]
    known = [k for k in kinds if k]
    unknown_ok = all(k or _header_like(c) or (loose and _header_like_long(c))
                     for k, c in zip(kinds, cells, strict=True))
    units = any(k in ("lead", "responsible") for k in known)
    # 序号 / 重点任务 / 牵头单位 …; also 序号 / 2022年预期目标 / 责任单位 (a unit column beside a
    # row number or a task column, the other column of no known kind)
    return unknown_ok and units and (len(known) >= 3 or (
        len(known) == 2 and len(cells) >= 3 and any(k in ("seq", "name", "content") for k in known)))


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
    cut: int | None = None  # where the source ends inside a row (its tag is not read)


# A task, not a unit, though it ends like one (建成投用市民服务中心): it opens with a verb, or has
# digits or sentence punctuation. 住房和城乡建设局 has 建设 inside a name, not at its start.
_TASK_WORDS = re.compile(r"\d|[。；：]|^(?:全面|加快|积极|持续|着力|大力)?(?:到|建成|推进|完成|开展|实现|打造|建设|"
                         r"提升|加强|新建|改造|实施|创建|培育|推动|深化)")


def _actor_cell(text: str) -> bool:
    """A cell that lists organisations (not a task that ends in 示范区 or 中心)."""
    if len(text) > 200:
        return False
    r = read(text)
    if r.problem or not r.actors or (text.rstrip().endswith("。") and len(r.actors) < 2):
        return False  # 迁建县政务服务中心。 is a sentence
    return all(is_org(a.name) and len(a.name) <= 30 and (
        not _TASK_WORDS.search(a.name) or (len(a.name) <= 10 and STRONG_SUFFIX.search(a.name)
                                           and not _TASK_WORDS.match(a.name)))
        for a in r.actors)


_PERSON = re.compile(rf"^{PERSON_NAME.pattern}(?:[、，]{PERSON_NAME.pattern})*$")  # 王健、李明


def _classify(text: str, kinds: list[str] | None = None) -> str:
    if kinds and "person" in kinds and _PERSON.match(text) and not is_org(text) \
            and not TIME_WORD.search(text):
        return "person"
    if _actor_cell(text):
        return "actors"
    if len(text) <= 30 and TIME_WORD.search(text) and "。" not in text:
        return "deadline"
    return "text"


def find_tables(lines: list[Line]) -> tuple[list[Line], list[RespTable]]:
    """Take responsibility tables out of a document's lines."""
    tables: list[RespTable] = []
    keep: list[Line] = []
    i = 0
    while i < len(lines):
        header, width = _header_at(lines, i)
        sep = "tab"
        if header and width > 1:
            sep = "line"
        elif not header:
            one = header_cells(lines[i].text)
            if one and is_header([clean_header(c) for c in one[0]], loose=True):
                header, width, sep = [clean_header(c) for c in one[0]], 1, one[1]
        if not header:
            keep.append(lines[i])
            i += 1
            continue
        kinds = kinds_of(header)
        table = RespTable(header, kinds, [], lines[i].start, lines[i + width - 1].end)
        i += width
        if sep == "tab":
            i = _read_tab_rows(lines, i, table)
        else:
            end, rows = read_stream(lines, i, kinds, sep, lambda t, k=kinds: _cell_kind(t, k), _stream_row,
                                    tuple(header))
            if rows and rows[-1] is None:
                rows.pop()
                table.cut = lines[end].start if end < len(lines) else lines[-1].start
                end = len(lines)
            if rows:
                _inherit_merged(rows, kinds)
                table.rows, table.end = rows, rows[-1].end
                i = end
        tables.append(table)
    return keep, tables


def _inherit_merged(rows: list[RespRow], kinds: list[str]) -> None:
    """Merged cells are given once: a row with content but no name takes the name above."""
    for prev, row in itertools.pairwise(rows):
        if "name" in kinds and "content" in kinds and not row.cells.get("name") and prev.cells.get("name") \
                and row.cells.get("content"):
            row.cells["name"] = prev.cells["name"]


def _cell_kind(text: str, kinds: list[str]) -> str:
    t = squeeze_cjk_spaces(text)
    if _SEQ.match(t):
        return "seq"
    if re.fullmatch(r"[—–\-/／无]+", t):
        return "empty"
    if _actor_cell(text):  # as written: a space may separate two units, or a unit and its head
        return "actors"
    return _classify(t, kinds)


def _stream_row(seq, group, texts, units, person, trailing, start, end) -> RespRow:
    row = RespRow(seq.rstrip(".．、") if seq else None, {}, start, end)
    texts = [squeeze_cjk_spaces(t) for t in texts]
    if len(texts) >= 2 and len(texts[0]) <= 30 and not texts[0].endswith("。"):
        row.cells["name"], row.cells["content"] = texts[0], "\n".join(texts[1:])
    elif texts:
        row.cells["content"] = "\n".join(texts)
    row.cells.update(units)  # as written: a space may separate two units (县教体局 各相关乡镇政府)
    if person:
        row.cells["person"] = squeeze_cjk_spaces(person)
    rest = []
    for t in trailing:
        t = squeeze_cjk_spaces(t)
        if "deadline" not in row.cells and _classify(t) == "deadline":
            row.cells["deadline"] = t
        elif not re.fullmatch(r"[—–\-/／无]+", t):
            rest.append(t)
    if group:
        rest.insert(0, "分组：" + "；".join(group))
    if rest:
        row.cells["other"] = "；".join(rest)
    return row


def _header_at(lines: list[Line], i: int) -> tuple[list[str], int]:
    """A header at ``lines[i]``: tab-separated on one line, or one cell per line (cells may
    end in ``|``, ``|`` may stand on lines of its own, a cell may be split over two lines)."""
    t = lines[i].text
    if "\t" in t:
        cells = [c.strip() for c in t.split("\t")]
        return (cells, 1) if is_header(cells) else ([], 0)
    if not column_kind(_flat(t)):
        return [], 0
    cells: list[str] = []
    j, last_known = i, i
    while j < len(lines) and j - i < 60 and "\t" not in lines[j].text:
        c = _flat(lines[j].text)
        if not c:  # a | on its own line
            j += 1
            continue
        if column_kind(c):
            cells.append(c)
        elif cells and not column_kind(cells[-1]) and column_kind(cells[-1] + c):
            cells[-1] += c  # 市政府 / 分管领导: one header cell on two lines
        elif _header_like(c):
            cells.append(c)
        else:
            break
        if column_kind(cells[-1]):
            last_known = j
        j += 1
    while j < len(lines) and not _flat(lines[j].text) and j - i < 60:
        j += 1  # bars on their own lines
    if j < len(lines) and _SEQ.match(_flat(lines[j].text)) and is_header(cells):
        # the rows start with their number: every short cell before it heads a column (公开渠道和
        # 载体, 全社会 … of a two-level header)
        return cells, j - i
    # otherwise a header ends with a known column (a short first cell of a row is no header)
    keep = len(cells)
    while keep and not column_kind(cells[keep - 1]):
        keep -= 1
    cells = cells[:keep]
    return (cells, last_known + 1 - i) if is_header(cells) else ([], 0)


def _flat(text: str) -> str:
    """A flattened header cell: pipes, pinyin and spaces out (序号 |, 分管 领导, 序號(hào))."""
    return clean_header(text.strip().strip("|｜").strip())


def _tab_cells(line: Line) -> list[str] | None:
    return [c.strip() for c in line.text.split("\t")] if "\t" in line.text else None


def _read_tab_rows(lines: list[Line], i: int, table: RespTable, cells_of=_tab_cells) -> int:
    """Tab-separated rows, one per line, cells by position."""
    prev = None
    while i < len(lines) and (cells := cells_of(lines[i])) is not None:
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
            elif kind in ("other", "place", "assessor"):
                if cell:
                    extra.append(f"{label}：{squeeze_cjk_spaces(cell)}")
            elif cell:  # a unit cell as written: a space may separate two units
                row.cells[kind] = cell if kind in ("lead", "responsible", "support") else squeeze_cjk_spaces(cell)
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
