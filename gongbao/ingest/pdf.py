"""Gazette PDFs to text in reading order, with a page map and box regions.

pdfplumber is the layout engine.  Each page is read as blocks placed by their
top coordinate: text rows (characters clustered by baseline, split into
segments at wide gaps), framed boxes (stroked rectangles: 专栏), and ruled
tables (pdfplumber's table finder).  A page whose rows split at the same
central gap is a two-column page: within each run of column blocks the left
column is read before the right one, and full-width blocks (titles, tables
spanning the page) separate the runs.  Running headers (above the header rule)
and footers (``— 5 —``) are dropped from the text but give the printed page
number.  Paragraph starts (first-line indent, a short previous line, a change
of size, a centred line) become blank lines, as in the text versions; lines
inside a paragraph are hard wraps.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..models import SourceText
from .chars import Bbox, char_rows, contains, inside, line_text, segments, touch
from .pdftables import find_tables

_FOOTER = re.compile(r"^[-—–－\s]*(?:第\s*)?(?P<n>\d{1,4})\s*(?:页)?(?:\s*/\s*\d+)?[-—–－\s]*$")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class PdfSettings:
    """Layout tolerances, in points or fractions of the page; validated on creation."""

    row_tolerance: float = 2.5  # chars whose vertical centres differ less share a row
    segment_gap: float = 1.8  # a gap wider than this × char size splits a row into segments
    header_band: float = 0.10  # running headers/footers live in this fraction of the height
    min_box_width: float = 80.0
    min_box_height: float = 24.0
    indent: float = 1.2  # a line indented this × char size starts a paragraph
    short_line: float = 1.5  # a line ending this × char size before the edge ends one

    def __post_init__(self) -> None:
        for name in ("row_tolerance", "segment_gap", "min_box_width", "min_box_height",
                     "indent", "short_line"):
            if getattr(self, name) <= 0:
                raise ValueError(f"PdfSettings.{name} must be positive")
        if not 0 < self.header_band < 0.3:
            raise ValueError("PdfSettings.header_band must be between 0 and 0.3")


@dataclass
class Block:
    """A piece of a page placed in reading order: text row, box or table."""

    top: float
    x0: float
    x1: float
    kind: str  # row | box | table
    lines: list[str] = field(default_factory=list)
    size: float = 0.0
    column: int = 0  # 0 full width, 1 left, 2 right


@dataclass
class PageLayout:
    blocks: list[Block]
    printed: int | None
    width: float
    gutter: float | None
    col2: float | None  # left edge of the second column, when there is one


@dataclass
class PageText:
    lines: list[str]  # "" marks a paragraph break
    printed: int | None
    box_lines: list[tuple[int, int]]  # [first, last) line indices inside boxes


def _cell(text: str | None) -> str:
    if not text:
        return ""
    parts = [p.strip() for p in text.split("\n")]
    out = parts[0]
    for p in parts[1:]:
        out += (" " if out[-1:].isascii() and out[-1:].isalnum() and p[:1].isascii() and p[:1].isalnum()
                else "") + p
    return out





class PdfReader:
    """Reads one PDF page by page."""

    def __init__(self, settings: PdfSettings | None = None) -> None:
        self.s = settings or PdfSettings()

    # -- regions -------------------------------------------------------
    def _frames(self, frames, width: float) -> list[tuple[float, float, float, float]]:
        """Stroked rectangles big enough to frame a box; not cells, not page borders."""
        out = [f for f in frames if f[2] - f[0] >= self.s.min_box_width
               and f[3] - f[1] >= self.s.min_box_height and f[2] - f[0] < 0.95 * width]
        return [b for b in out if not any(o != b and contains(o, b) for o in out)]

    def _tables(self, page, within=None):
        area = page.crop(within) if within else page
        found = []
        for t in area.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
            rows = [[_cell(c) for c in row] for row in t.extract()]
            if len(rows) < 2 or max(len(r) for r in rows) < 2:
                continue
            found.append((t.bbox, rows))
        return found

    @staticmethod
    def _table_lines(rows: list[list[str]]) -> list[str]:
        """Rows as tab-separated lines, as drawn (a repeated header stays: the table
        reader skips it)."""
        return ["\t".join(r).rstrip() for r in rows if any(r)]

    # -- a page --------------------------------------------------------
    def page_tables(self, page) -> list[tuple[tuple[float, float, float, float], list[list[str]]]]:
        """Ruled tables of a pdfplumber page (the only work left to pdfplumber)."""
        return self._tables(page)

    def layout(self, chars: list[dict], rules: list[tuple[float, float, float, float]],
               width: float, height: float, frames=(), tables=()) -> PageLayout:
        """Blocks of a page from its characters, rules, frames (专栏 boxes) and tables."""
        boxes = self._frames(frames, width)
        inner = {b: [t for t in tables if contains(b, t[0])] for b in boxes}
        tables = [t for t in tables if not any(t in ts for ts in inner.values())]
        # the running header sits above a full-width rule near the top
        tops = [r[1] for r in rules if r[3] - r[1] < 2 and r[2] - r[0] > 0.5 * width
                and r[1] < self.s.header_band * height]
        header_y = max(tops) if tops else None
        printed = None
        body = []
        foot_rows = char_rows([c for c in chars if c["top"] > (1 - self.s.header_band) * height],
                          self.s.row_tolerance)
        if not any(_FOOTER.match(line_text(r)) for r in foot_rows) and chars:
            # no footer in the band (a landscape form): the lowest row, if only a number
            lowest = max(c["top"] for c in chars)
            foot_rows = char_rows([c for c in chars if c["top"] >= lowest - 1], self.s.row_tolerance)
        foot_ids = set()
        for row in foot_rows:
            m = _FOOTER.match(line_text(row))
            if m:
                printed = int(m["n"])
                foot_ids.update(id(c) for c in row)
        for c in chars:
            if id(c) in foot_ids or (header_y is not None and c["bottom"] <= header_y + 1):
                continue
            body.append(c)
        blocks: list[Block] = []
        for b in boxes:
            blocks.append(self._box_block(b, [c for c in body if inside(c, b)], inner[b]))
        for bbox, rows in tables:
            blocks.append(Block(bbox[1], bbox[0], bbox[2], "table", self._table_lines(rows)))
        taken = [*boxes, *(t[0] for t in tables)]
        flow = [c for c in body if not any(inside(c, t) for t in taken)] if taken else body
        blocks += self._row_blocks(flow)
        gutter = self._gutter(blocks, width)
        col2 = min((b.x0 for b in blocks if gutter is not None and b.x0 > gutter), default=None)
        return PageLayout(blocks, printed, width, gutter, col2)

    def finish(self, layout: PageLayout, doc_gutter: float | None,
               doc_col2: float | None) -> PageText:
        """Order a page's blocks and emit its lines.  A sparse page of a two-column
        document uses the document's gutter when text starts at the second column's
        edge (not merely a right-aligned signature or page number)."""
        gutter = layout.gutter
        if gutter is None and doc_gutter is not None and doc_col2 is not None:
            blocks = layout.blocks
            left = sum(1 for b in blocks if b.x1 <= doc_gutter + 2)
            aligned = [b for b in blocks if b.x0 >= doc_gutter - 2
                       and b.x0 - doc_col2 <= 2.5 * max(b.size, 10.5)]
            crossing = sum(1 for b in blocks if b.x0 < doc_gutter - 2 < doc_gutter + 2 < b.x1)
            if left and aligned and crossing <= 0.5 * len(blocks):
                gutter = doc_gutter
        return self._emit(self._order(layout.blocks, gutter), layout.printed)

    def _box_block(self, bbox, chars, inner_tables) -> Block:
        items: list[tuple[float, list[str], bool]] = []
        for tb, rows in inner_tables:
            items.append((tb[1], self._table_lines(rows), True))
        rest = [c for c in chars if not any(inside(c, tb) for tb, _ in inner_tables)]
        rows = self._row_blocks(rest)
        left = min((r.x0 for r in rows), default=bbox[0])
        right = max((r.x1 for r in rows), default=bbox[2])
        for r in rows:
            items.append((r.top, r.lines, self._starts_paragraph(r, left, right)))
        items.sort(key=lambda t: t[0])
        lines: list[str] = []
        for _, ls, brk in items:
            if brk and lines and lines[-1] != "":
                lines.append("")
            lines.extend(ls)
        block = Block(bbox[1], bbox[0], bbox[2], "box", lines)
        return block

    def _row_blocks(self, chars: list[dict]) -> list[Block]:
        out = []
        for row in char_rows(chars, self.s.row_tolerance):
            for seg in segments(row, self.s.segment_gap):
                size = statistics.median(c["size"] for c in seg)
                out.append(Block(min(c["top"] for c in seg), seg[0]["x0"], seg[-1]["x1"], "row",
                                 [line_text(seg)], size))
        return out

    def _starts_paragraph(self, b: Block, left: float, right: float) -> bool:
        return b.x0 - left >= self.s.indent * b.size

    def _gutter(self, blocks: list[Block], width: float) -> float | None:
        """x of the gap between two columns: a vertical band in the middle of the
        page that few blocks cross while many lie wholly on either side of it."""
        if len(blocks) < 4:
            return None
        # few blocks: only a page whose rows pair up across the middle has columns
        few = len(blocks) < 10
        if few and self._paired_rows(blocks, width) < 2:
            return None
        need = 2 if few else 5
        best: tuple[int, float] | None = None
        band: list[float] = []
        for step in range(int(0.35 * width), int(0.65 * width)):
            x = float(step)
            crossing = sum(1 for b in blocks if b.x0 < x < b.x1)
            left = sum(1 for b in blocks if b.x1 <= x)
            right = sum(1 for b in blocks if b.x0 >= x)
            if crossing <= 0.15 * len(blocks) and min(left, right) >= need:
                band.append(x)
                score = min(left, right) - crossing
                if best is None or score > best[0]:
                    best = (score, x)
        if best is None:
            return None
        # the middle of the clear band around the best position
        near = [x for x in band if abs(x - best[1]) <= 30]
        return (min(near) + max(near)) / 2

    @staticmethod
    def _paired_rows(blocks: list[Block], width: float) -> int:
        """Text rows left of the middle that stand beside a block right of it (a row
        or a box of the other column), with a real gap between them."""
        mid = width / 2
        right = [b for b in blocks if b.x0 > mid]
        n = 0
        for a in blocks:
            if a.kind != "row" or a.x1 >= mid:
                continue
            bottom = a.top + a.size
            if any(r.top <= bottom and a.top <= r.top + max(r.size, 1) + ((r.lines and len(r.lines) * 16) or 0)
                   and r.x0 - a.x1 >= 10 for r in right):
                n += 1
        return n

    def _order(self, blocks: list[Block], gutter: float | None) -> list[Block]:
        if gutter is None:
            # one column: merge segments of a row (a contents entry and its page number)
            return self._merge_rows(sorted(blocks, key=lambda b: (round(b.top), b.x0)))
        for b in blocks:
            b.column = 0 if (b.x0 < gutter - 2 and b.x1 > gutter + 2) else (1 if b.x1 <= gutter + 2 else 2)
        out: list[Block] = []
        run: list[Block] = []
        for b in sorted(blocks, key=lambda b: (b.top, b.x0)):
            if b.column == 0:
                out += sorted((r for r in run if r.column == 1), key=lambda r: r.top)
                out += sorted((r for r in run if r.column == 2), key=lambda r: r.top)
                run = []
                out.append(b)
            else:
                run.append(b)
        out += sorted((r for r in run if r.column == 1), key=lambda r: r.top)
        out += sorted((r for r in run if r.column == 2), key=lambda r: r.top)
        return out

    def _merge_rows(self, blocks: list[Block]) -> list[Block]:
        out: list[Block] = []
        for b in blocks:
            prev = out[-1] if out else None
            if prev and prev.kind == b.kind == "row" and abs(prev.top - b.top) < self.s.row_tolerance:
                prev.lines = [prev.lines[0] + " " + b.lines[0]]
                prev.x1 = b.x1
            else:
                out.append(b)
        return out

    def _emit(self, blocks: list[Block], printed: int | None) -> PageText:
        lines: list[str] = []
        box_lines: list[tuple[int, int]] = []
        # column edges for indent and short-line tests
        edges: dict[int, tuple[float, float]] = {}
        for col in {b.column for b in blocks}:
            rows = [b for b in blocks if b.column == col and b.kind == "row"]
            if rows:
                edges[col] = (statistics.median_low(sorted(b.x0 for b in rows)[: max(1, len(rows) // 2)]),
                              max(b.x1 for b in rows))
        prev: Block | None = None
        for b in blocks:
            if b.kind != "row":
                if lines and lines[-1] != "":
                    lines.append("")
                first = len(lines)
                lines.extend(b.lines)
                if b.kind == "box":
                    box_lines.append((first, len(lines)))
                lines.append("")
                prev = None
                continue
            left, right = edges.get(b.column, (b.x0, b.x1))
            new_para = (
                prev is None
                or b.x0 - left >= self.s.indent * b.size
                or abs(b.size - prev.size) > 0.6
                or prev.x1 < right - self.s.short_line * prev.size
                or b.top - prev.top > 2.6 * b.size
                or prev.column != b.column
            )
            if new_para and lines and lines[-1] != "":
                lines.append("")
            lines.append(b.lines[0])
            prev = b
        while lines and lines[-1] == "":
            lines.pop()
        return PageText(lines, printed, box_lines)


def _pdfium_page(page, raw) -> tuple[list[dict], list[Bbox], list[Bbox], list[Bbox], bool]:
    """Characters, rules, frames and table-cell rectangles of a page from PDFium, and
    whether a ruled grid drawn as one path needs pdfplumber's full page reading."""
    _width, height = page.get_size()
    rules: list[Bbox] = []
    rects: list[Bbox] = []
    needs_layout = False
    for obj in page.get_objects(max_depth=2):
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        box = (left, height - top, right, height - bottom)
        if h < 2.5 or w < 2.5:
            rules.append(box)  # a rule: header rule, leader, or a table's ruling
        elif raw.FPDFPath_CountSegments(obj.raw) <= 6:
            rects.append(box)  # one rectangle: a box frame or a table cell
        else:
            needs_layout = True  # a whole ruled grid in one path
    frames = [r for r in rects if not any(o is not r and touch(r, o) for o in rects)]
    cells = [r for r in rects if r not in frames]
    tp = page.get_textpage()
    chars = []
    try:
        n = tp.count_chars()
        text = tp.get_text_range(0, n) if n else ""
        for k in range(min(n, len(text))):
            ch = text[k]
            if not ch.strip():
                continue
            left, bottom, right, top = tp.get_charbox(k, loose=True)
            size = raw.FPDFText_GetFontSize(tp.raw, k) or (top - bottom)
            chars.append({"text": ch, "x0": left, "x1": right, "top": height - top,
                          "bottom": height - bottom, "size": size})
    finally:
        tp.close()
    return chars, rules, frames, cells, needs_layout


def check_text_layer(path: str, texts: list[str]) -> None:
    """Refuse scanned PDFs and PDFs whose text layer decodes to garbage."""
    joined = "".join(texts)
    if not joined.strip():
        raise InputError(path, "the PDF has no text layer (a scanned document?): it needs OCR first")
    visible = [ch for ch in joined if not ch.isspace()]
    good = sum(1 for ch in visible if _CJK.match(ch) or (ch.isascii() and ch.isprintable())
               or ch in "，。、；：！？（）《》“”‘’〔〕【】—…·％")
    if "(cid:" in joined or good < 0.8 * len(visible):
        raise InputError(path, "the PDF's text layer maps to unreadable characters "
                         "(fonts without a ToUnicode map); it needs OCR")


def read_pdf(path: str | Path, settings: PdfSettings | None = None) -> SourceText:
    """Read a PDF into a SourceText: pages separated by form feeds, printed page numbers
    and the character ranges of framed boxes."""
    import pdfplumber
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    name = str(path)
    data = Path(path).read_bytes()
    if not data.startswith(b"%PDF"):
        raise InputError(name, "not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(name, "the PDF is truncated (no end-of-file marker)")
    reader = PdfReader(settings)
    layouts: list[PageLayout] = []
    plumber = None
    try:
        doc = pdfium.PdfDocument(data)
        try:
            for i in range(len(doc)):
                page = doc[i]
                chars, rules, frames, cells, needs_plumber = _pdfium_page(page, raw)
                width, height = page.get_size()
                page.close()
                if needs_plumber:  # a grid drawn as one path: pdfplumber reads the page
                    if plumber is None:
                        plumber = pdfplumber.open(path)
                    pp = plumber.pages[i]
                    tables = reader.page_tables(pp)
                    pp.close()
                else:
                    tables = find_tables(rules, cells, chars) if (cells or any(
                        r[3] - r[1] > r[2] - r[0] for r in rules)) else []
                layouts.append(reader.layout(chars, rules, width, height, frames, tables))
        finally:
            doc.close()
            if plumber is not None:
                plumber.close()
    except InputError:
        raise
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower() or b"/Encrypt" in data:
            raise InputError(name, "the PDF is encrypted and needs a password") from e
        raise InputError(name, f"the PDF cannot be read (damaged?): {e}") from e
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise InputError(name, f"the PDF is encrypted ({type(e).__name__})") from e
    except (PSException, PdfminerException, MalformedPDFException, ValueError, KeyError,
            TypeError) as e:  # how pdfminer reports a broken file
        msg = str(e) or type(e).__name__
        if b"/Encrypt" in data or "password" in msg.lower() or "encrypt" in msg.lower():
            raise InputError(name, "the PDF is encrypted and needs a password") from e
        raise InputError(name, f"the PDF cannot be read (truncated or damaged?): {msg[:80]}") from e
    gutters = [lay.gutter for lay in layouts if lay.gutter is not None]
    doc_gutter = statistics.median(gutters) if gutters else None
    col2s = [lay.col2 for lay in layouts if lay.col2 is not None]
    doc_col2 = statistics.median(col2s) if col2s else None
    pages = [reader.finish(lay, doc_gutter, doc_col2) for lay in layouts]
    check_text_layer(name, ["\n".join(p.lines) for p in pages])
    text_parts: list[str] = []
    starts: list[int] = []
    regions: list[tuple[int, int]] = []
    pos = 0
    for k, p in enumerate(pages):
        prefix = "\f" if k else ""
        starts.append(pos + len(prefix) - (1 if k else 0) if k else 0)
        body = prefix + "\n".join(p.lines) + "\n"
        # offsets of each line within this page
        offsets = []
        o = pos + len(prefix)
        for ln in p.lines:
            offsets.append(o)
            o += len(ln) + 1
        for first, last in p.box_lines:
            if first < last:
                regions.append((offsets[first], offsets[last - 1] + len(p.lines[last - 1])))
        text_parts.append(body)
        pos += len(body)
    text = "".join(text_parts)
    starts = [0] + [i for i, ch in enumerate(text) if ch == "\f"]
    return SourceText(name, hashlib.sha256(data).hexdigest(), "pdf", text, tuple(starts),
                      tuple(p.printed for p in pages), tuple(regions), hard_wraps=True)
