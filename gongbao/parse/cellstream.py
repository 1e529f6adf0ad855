"""Responsibility tables that arrive as a stream of cells (web pages, documents converted to text).

A table whose rows are not tab-separated comes in many shapes: one cell per line, cells ending
in ``|`` or separated by it, cells separated by spaces, a row split over lines, merged cells
given once, several units of one cell on several lines.  Positions are unreliable there, so
rows are *anchored on their units*: a row is the text read since the previous row, then one or
more cells that the tag grammar reads as units (a unit column), then the cells its header puts
after the unit columns (deadline, remarks, progress).  A row starts at a 序号 cell where the
header has one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..ingest.clean import Line, squeeze_cjk_spaces
from .orgnames import PINYIN

UNIT_KINDS = ("lead", "responsible", "support")
_SEQ = re.compile(r"^\d{1,3}[.．、]?$")
_EMPTY = re.compile(r"^[—–\-/／无]+$")
_PIPE_ONLY = re.compile(r"^[|｜\s]+$")
_MAX_TEXT_CELLS = 8  # text cells with no unit after them: the table has ended


@dataclass
class Cell:
    text: str
    line: int  # index of the line it came from
    start: int
    end: int


def line_cells(line: Line, sep: str) -> list[tuple[str, int, int]]:
    """The cells of one line with their source windows, for a table separated by ``sep``."""
    t = line.text
    if sep == "line" or _PIPE_ONLY.match(t):
        body = t.strip().strip("|｜").strip()
        if not body:
            return []
        off = t.index(body)
        return [(body, line.start + off, line.start + off + len(body))]
    rx = {"pipe": r"[^|｜]+", "space": r"\S+", "tab": r"[^\t]+"}[sep]
    out = []
    for m in re.finditer(rx, t):
        c = m.group(0).strip()
        if c:
            off = m.start() + m.group(0).index(c)
            out.append((c, line.start + off, line.start + off + len(c)))
    return out


def header_cells(text: str) -> tuple[list[str], str] | None:
    """A header written on one line: its cells and the separator the rows will use."""
    t = text.strip()
    if "|" in t or "｜" in t:
        cells = [c.strip() for c in re.split(r"[|｜]", t.strip("|｜ "))]
        return ([squeeze_cjk_spaces(c) for c in cells if c], "pipe") if len(cells) >= 2 else None
    if "\t" in t:
        return None  # tab rows have their own reader
    cells = t.split()
    return (cells, "space") if len(cells) >= 3 else None


def clean_header(cell: str) -> str:
    return squeeze_cjk_spaces(PINYIN.sub("", cell)).replace(" ", "")


def _joiner(buf: str, piece: str) -> str:
    """How a cell's next line joins it: a name wrapped (市政 / 府办 / 公厅) joins as it is; a new
    unit on its own line (市直相关部门 / 各乡镇（街道）) joins as a list."""
    from .orgnames import is_org

    last = re.split(r"[、，,]", buf)[-1] if buf else ""
    if len(last) >= 3 and len(piece) >= 3 and is_org(last) and is_org(re.split(r"[、，,]", piece)[0]) \
            and re.match(r"(?:各|市|区|县|省|州|旗|镇|乡|相关|有关)", piece):
        return "、"
    return ""


def _pipe_stream(lines: list[Line], i: int) -> dict[int, list[tuple[str, int, int]]]:
    """Cells of a table whose cells are closed or opened by ``|`` on any line (「序号 |」 per
    line, or 「| 目标任务」 with a lone 「|」 ending the row); lines between two bars are one
    cell wrapped (市政 / 府办 / 公厅 → 市政府办公厅). Keyed by the line each cell starts on."""
    out: dict[int, list[tuple[str, int, int]]] = {}
    buf, first, start, end = "", None, 0, 0

    def close() -> None:
        nonlocal buf, first
        text = buf.strip()
        if text and first is not None:
            out.setdefault(first, []).append((text, start, end))
        buf, first = "", None

    for j in range(i, len(lines)):
        t, base = lines[j].text, lines[j].start
        pos = 0
        for m in re.finditer(r"[|｜]", t):
            piece = t[pos:m.start()]
            if piece.strip():
                if first is None:
                    first, start = j, base + pos + (len(piece) - len(piece.lstrip()))
                buf += piece.strip()
                end = base + m.start()
            close()
            pos = m.end()
        piece = t[pos:]
        if piece.strip():
            if first is None:
                first, start = j, base + pos + (len(piece) - len(piece.lstrip()))
            buf += _joiner(buf, piece.strip()) + piece.strip()
            end = base + len(t)
    close()
    return out


def read_stream(lines: list[Line], i: int, kinds: list[str], sep: str, classify,
                make_row, header: tuple[str, ...] = ()) -> tuple[int, list]:
    """Rows of the table whose body starts at ``lines[i]``; returns (index after the table, rows).

    ``classify(text)`` says what a cell looks like (actors, person, deadline, seq, empty or
    text); ``make_row(cells_by_kind, first, last)`` builds a row."""
    has_seq = "seq" in kinds
    units = [k for k in kinds if k in UNIT_KINDS]
    last_unit = max((n for n, k in enumerate(kinds) if k in UNIT_KINDS), default=-1)
    trailing_n = len(kinds) - last_unit - 1
    cells: list[Cell] = []
    heads = {clean_header(h) for h in header}
    j = i
    piped = sep == "line" and any("|" in ln.text or "｜" in ln.text for ln in lines[i:i + 12])
    stream = _pipe_stream(lines, i) if piped else None
    while j < len(lines):
        for text, a, b in (stream.get(j, []) if stream is not None else line_cells(lines[j], sep)):
            if clean_header(text) in heads:  # the header repeated after a page break
                continue
            c = Cell(text, j, a, b)
            prev = cells[-1] if cells else None
            if prev is not None and prev.text.endswith(("，", "、", "；")) and classify(prev.text) == classify(text) \
                    and classify(text) in ("text", "actors"):
                # a cell split over two lines: 推行告知承诺制，扩大… / 减少企业提交材料。
                cells[-1] = Cell(prev.text + text, prev.line, prev.start, b)
                continue
            if prev is not None and prev.text.endswith(("，", "、")) and classify(prev.text + text) == "actors":
                cells[-1] = Cell(prev.text + text, prev.line, prev.start, b)
                continue
            cells.append(c)
        j += 1
    if sep in ("pipe", "space"):
        # a line of several cells is a row; a line of one cell goes on with the row above
        # (a unit list wrapped: 区财政局 / 区税务局)
        per = Counter(c.line for c in cells)
        segments: list[list[Cell]] = []
        for c in cells:
            if not segments or (per[c.line] >= 2 and c.line != segments[-1][-1].line):
                segments.append([])
            segments[-1].append(c)
        return _read_segments(segments, i, kinds, classify, make_row)
    if has_seq and ("place" in kinds or "assessor" in kinds or _needs_segments(cells, classify)):
        return _read_segments(_seq_segments(cells, classify), i, kinds, classify, make_row)
    rows = []
    end_line = i
    k = 0
    group: list[str] = []
    row_cells: list[tuple[int, int, list[Cell]]] = []
    first_text = next((n for n, kd in enumerate(kinds) if kd in ("name", "content")), len(kinds))
    pre_cols = [kd for kd in kinds[:first_text] if kd in UNIT_KINDS]  # 牵头单位 | 目标任务 | 责任单位
    post_cols = [kd for kd in kinds[first_text:] if kd in UNIT_KINDS]
    if not post_cols:
        pre_cols = []
    else:
        units = post_cols
    last_pre: list[str] = []
    while k < len(cells):
        start = k
        texts: list[Cell] = []
        seq = None
        person = None
        pre: list[str] = []
        if pre_cols:  # a unit column before the task: given once for the rows it spans (merged)
            while k < len(cells) and classify(cells[k].text) == "actors" and len(pre) < len(pre_cols):
                pre.append(cells[k].text)
                k += 1
            last_pre = pre = pre or last_pre
        # text (and 序号, person, empty cells) up to the first unit cell
        while k < len(cells) and classify(cells[k].text) != "actors":
            kind = classify(cells[k].text)
            if kind == "seq" and seq is None:
                if has_seq and texts:  # a 序号 starts the row: what came before heads a group
                    group, texts = [c.text for c in texts], []
                seq = cells[k]
            elif kind == "person" and person is None:
                person = cells[k]
            elif kind != "empty":
                texts.append(cells[k])
            k += 1
            if len(texts) > _MAX_TEXT_CELLS:
                break
        if k >= len(cells) or len(texts) > _MAX_TEXT_CELLS or (not texts and seq is None):
            break
        actors: list[Cell] = []
        while k < len(cells) and (classify(cells[k].text) in ("actors",) or
                                  (classify(cells[k].text) == "empty" and actors and len(actors) < len(units))):
            if pre_cols and len(actors) >= len(post_cols):
                break  # the next unit cell opens the next row (its 牵头单位)
            actors.append(cells[k])
            k += 1
        trailing: list[Cell] = []
        while k < len(cells):
            kind = classify(cells[k].text)
            if has_seq:
                if kind == "seq" or len(trailing) >= max(trailing_n, 1) + 2:
                    break
            elif len(trailing) >= trailing_n:
                break
            if kind == "person" and person is None:
                person = cells[k]
            else:
                trailing.append(cells[k])
            k += 1
        by_unit: dict[str, list[str]] = {}
        for col, text in zip(pre_cols, pre, strict=False):
            by_unit.setdefault(col, []).append(text)
        names = [c.text for c in actors if not _EMPTY.match(c.text)]
        slots = units or ["responsible"]
        for n, c in enumerate(actors):
            col = slots[min(n, len(slots) - 1)]
            if not _EMPTY.match(c.text):
                by_unit.setdefault(col, []).append(c.text)
        if not names:
            break
        # a merged unit cell: a second task sentence after the row's own trailing cells shares
        # its 序号 and units (开工建设县老年养护楼。 | 县民政局 | 5月底前 | 开工建设老年大学。 | 12月底前)
        sub = next((n for n, c in enumerate(trailing) if n >= max(trailing_n, 1) and n + 1 < len(trailing)
                    and classify(c.text) == "text" and c.text.rstrip().endswith("。")
                    and classify(trailing[n + 1].text) == "deadline" and "deadline" in kinds), None)
        parts = [(texts, trailing)] if sub is None else [(texts, trailing[:sub]), (trailing[sub:sub + 1],
                                                                                   trailing[sub + 1:])]
        units_text = {c: "、".join(v) for c, v in by_unit.items()}
        for n, (tx, tr) in enumerate(parts):
            first_cell = cells[start] if n == 0 else tx[0]
            last_cell = (tr[-1] if tr else (actors[-1] if n == 0 else tx[-1]))
            row_cells.append((start, k, actors))
            rows.append(make_row(
                seq.text if seq else None, group, [c.text for c in tx], units_text,
                person.text if person else None, [c.text for c in tr], first_cell.start, last_cell.end))
        end_line = cells[k - 1].line + 1
        group = []
    if rows and _cut_at_end(cells, row_cells[-1]):  # the cells run to the end of the document
        rows.pop()  # the text ends inside the last row: its units are not all there
        end_line = row_cells[-2][2][-1].line + 1 if len(row_cells) > 1 else i
        rows.append(None)  # a marker the caller turns into a warning
    return end_line, rows


def _needs_segments(cells: list[Cell], classify) -> bool:
    """Rows whose unit-looking cells are not all units: cells before the unit column that read
    as units (a place 相关镇（街道）), so the units are the last run of a numbered row."""
    kinds = [classify(c.text) for c in cells[:80]]
    runs = 0
    for n in range(1, len(kinds)):
        if kinds[n] == "actors" and kinds[n - 1] not in ("actors", "empty"):
            runs += 1
    seqs = sum(k == "seq" for k in kinds)
    return seqs >= 2 and runs > seqs + 1


def _seq_segments(cells: list[Cell], classify) -> list[list[Cell]]:
    """Rows of a numbered table, one from each 序号 to the next (the next number only: 500 in an
    investment column starts no row)."""
    starts: list[int] = []
    expect: int | None = None
    for n, c in enumerate(cells):
        if classify(c.text) != "seq":
            continue
        v = int(re.sub(r"\D", "", c.text))
        if expect is None or v == expect:
            starts.append(n)
            expect = v + 1
    return [cells[s:(starts[si + 1] if si + 1 < len(starts) else len(cells))] for si, s in enumerate(starts)]


def _read_segments(segments: list[list[Cell]], i: int, kinds: list[str], classify,
                   make_row) -> tuple[int, list]:
    """Rows given as segments of cells. The units of a row are its last run of unit cells;
    cells that look like units before it are places or other columns; a unit cell in a column
    the header names as assessing (评分部门) after the unit column is no unit."""
    units = [k for k in kinds if k in UNIT_KINDS] or ["responsible"]
    last_unit = max((n for n, k in enumerate(kinds) if k in UNIT_KINDS), default=-1)
    assessor_after = "assessor" in kinds[last_unit + 1:]
    trailing_n = len(kinds) - last_unit - 1
    rows: list = []
    end_line = i
    misses = 0
    for si, whole in enumerate(segments):
        seq_cell = whole[0] if whole and classify(whole[0].text) == "seq" else None
        seg = whole[1:] if seq_cell is not None else whole
        kinds_seg = [classify(c.text) for c in seg]
        last_actor = max((n for n, k in enumerate(kinds_seg) if k == "actors"), default=None)
        if last_actor is None:
            misses += 1
            if rows and (seq_cell is not None or misses >= 3):
                break  # a row with no unit: the table has ended
            continue
        misses = 0
        first = last_actor
        while first - 1 >= 0 and kinds_seg[first - 1] in ("actors", "empty"):
            first -= 1
        run = [c for c, k in zip(seg[first:last_actor + 1], kinds_seg[first:last_actor + 1], strict=True)
               if k == "actors"]
        tail = seg[last_actor + 1:]
        if assessor_after and len(run) >= 2:
            tail = [run.pop(), *tail]
        positional = len(whole) == len(kinds) and not (seq_cell is None and "seq" in kinds)
        if positional:  # a full row: each cell in its column (a place next to the unit column)
            run = [c for c, k in zip(whole, kinds, strict=True) if k in UNIT_KINDS and classify(c.text) == "actors"]
            if not run:
                continue
            first = min(whole.index(c) for c in run) - (1 if seq_cell is not None else 0)
            tail = [c for c, k in zip(whole, kinds, strict=True) if k not in UNIT_KINDS and whole.index(c) >
                    whole.index(run[-1])]
        if si == len(segments) - 1 and len(tail) > max(trailing_n, 1) + 2:
            tail = tail[:max(trailing_n, 1) + 2]  # the document goes on after the table
        person = next((c.text for c, k in zip(seg, kinds_seg, strict=True) if k == "person"), None)
        texts = [c.text for c, k in zip(seg[:first], kinds_seg[:first], strict=True)
                 if k not in ("person", "empty")]
        by_unit: dict[str, list[str]] = {}
        for n, c in enumerate(run):
            col = kinds[whole.index(c)] if positional else units[min(n, len(units) - 1)]
            by_unit.setdefault(col, []).append(c.text)
        trailing = [c.text for c in tail if classify(c.text) != "person"]
        last_cell = tail[-1] if tail else run[-1]
        first_cell = seq_cell or seg[0]
        if si == len(segments) - 1 and _cut_at_end(whole, (0, len(whole), run)):
            rows.append(None)  # the text ends inside this row: a marker the caller reports
            break
        rows.append(make_row(seq_cell.text if seq_cell else None, [], texts,
                             {k: "、".join(v) for k, v in by_unit.items()}, person, trailing,
                             first_cell.start, last_cell.end))
        end_line = last_cell.line + 1
    return end_line, rows


def _cut_at_end(cells: list[Cell], last: tuple[int, int, list[Cell]]) -> bool:
    """The source ends inside the last row: its last unit is cut (…、市科), or a unit list
    after it is unfinished (区发改委,各乡镇人民政府、街道办事处,谯城经开)."""
    from .orgnames import cut_short, is_org
    from .tags import read

    start, end, actors = last
    final = cells[-1]
    if final.text.rstrip()[-1:] in "。；）)":
        return False
    r = read(final.text)
    if actors and final is actors[-1]:
        names = [a.name for a in r.actors]
        return bool(names) and cut_short(names[-1])
    in_last_row = start <= len(cells) - 1 < end
    # a unit list whose last unit is cut: every unit but the last is a name
    return in_last_row and len(r.actors) >= 2 and r.problem is not None \
        and all(is_org(a.name) for a in r.actors[:-1]) and not is_org(r.actors[-1].name)
