"""A small generator of gazette-like PDFs for the edge cases the shared fixtures
do not isolate: a tag split by a column break, a 专栏 box across a page break, a
ruled responsibility table continued on the next page with its header repeated.

It uses reportlab with a CJK TrueType font from the distribution (fonts-wqy-zenhei,
installed by .ci/run), embedded as a subset; without it, reportlab's built-in
non-embedded CID font STSong-Light.  Layout is explicit (lines placed by hand), so
the expected reading order is known exactly.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

FONT_FILES = [
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
]
W, H = A4
MARGIN = 56.0
GUTTER = 21.0
SIZE = 10.5
LEAD = 16.5


def cjk_font() -> str:
    for f in FONT_FILES:
        if Path(f).exists():
            from reportlab.pdfbase.ttfonts import TTFont

            pdfmetrics.registerFont(TTFont("CJK", f, subfontIndex=0))
            return "CJK"
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


class Gazette:
    def __init__(self, path: Path, cols: int = 2, encrypt: str | None = None) -> None:
        self.c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
        self.font = cjk_font()
        self.cols = cols
        self.page = 0
        self.col_w = (W - 2 * MARGIN - (GUTTER if cols == 2 else 0)) / cols

    def x(self, col: int) -> float:
        return MARGIN if col <= 1 else MARGIN + self.col_w + GUTTER

    def start_page(self, printed: int | None) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        if printed is not None:
            self.c.setFont(self.font, 9)
            self.c.drawString(MARGIN, H - 48, "某某市人民政府公报")
            self.c.drawRightString(W - MARGIN, H - 48, "2024年第3期")
            self.c.setLineWidth(0.6)
            self.c.line(MARGIN, H - 52, W - MARGIN, H - 52)
            self.c.drawCentredString(W / 2, 40, f"— {printed} —")

    def line(self, col: int, y: float, text: str, indent: int = 0, size: float = SIZE,
             centre: bool = False, full: bool = False) -> float:
        """Draw one line whose top is ``y`` (from the top of the page); return the next y."""
        self.c.setFont(self.font, size)
        base = H - y - size
        if centre:
            width = W - 2 * MARGIN if full else self.col_w
            self.c.drawCentredString(self.x(col) + width / 2, base, text)
        else:
            self.c.drawString(self.x(col) + indent * size, base, text)
        return y + LEAD

    def para(self, col: int, y: float, text: str, per_line: int) -> float:
        """A paragraph with a 2-character first-line indent, wrapped every ``per_line`` chars."""
        first, rest = text[: per_line - 2], text[per_line - 2:]
        y = self.line(col, y, first, indent=2)
        while rest:
            y = self.line(col, y, rest[:per_line])
            rest = rest[per_line:]
        return y

    def frame(self, col: int, top: float, bottom: float) -> None:
        self.c.setLineWidth(0.8)
        self.c.rect(self.x(col) - 4, H - bottom, self.col_w + 8, bottom - top, stroke=1, fill=0)

    def table(self, top: float, widths: list[float], rows: list[list[str]]) -> float:
        """A ruled table across the text block; returns the y below it."""
        x0 = MARGIN
        row_h = 22.0
        self.c.setLineWidth(0.6)
        y = top
        for row in rows:
            x = x0
            for w, cell in zip(widths, row, strict=True):
                self.c.setFont(self.font, 9)
                self.c.drawString(x + 3, H - y - 15, cell)
                x += w
            y += row_h
        xs = [x0]
        for w in widths:
            xs.append(xs[-1] + w)
        for k in range(len(rows) + 1):
            self.c.line(x0, H - (top + k * row_h), xs[-1], H - (top + k * row_h))
        for x in xs:
            self.c.line(x, H - top, x, H - (top + len(rows) * row_h))
        return y + 10

    def save(self) -> None:
        self.c.save()


TABLE_HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
TABLE_ROWS = [
    ["1", "建设数据平台", "市大数据局", "市财政局", "2024年底前"],
    ["2", "完善标准体系", "市市场监管局", "市工业和信息化局", "2025年6月底前"],
    ["3", "培育示范企业", "市工业和信息化局", "市科技局、市商务局", "2025年底前"],
    ["4", "加强督促检查", "市政府办公室", "各区县政府", "长期坚持"],
]


def edge_case_issue(path: Path, encrypt: str | None = None) -> Path:
    """Four body pages, two columns: see the module docstring for what each shows."""
    g = Gazette(path, cols=2, encrypt=encrypt)
    g.start_page(1)
    y = 70.0
    g.line(0, y, "某某市人民政府关于印发某某市测试工作方案的通知", size=16, centre=True, full=True)
    y = g.line(0, y + 30, "某政发〔2024〕1号", centre=True, full=True) + 10
    y = g.line(1, y, "各区县人民政府，市政府各部门：")
    y = g.para(1, y, "现将《某某市测试工作方案》印发给你们，请认真贯彻执行。", 21)
    y = g.line(1, y + 10, "某某市人民政府", indent=8)
    g.line(1, y, "2024年3月1日", indent=8)

    g.start_page(2)
    y = g.line(0, 70, "某某市测试工作方案", size=16, centre=True, full=True) + 14
    top = y
    y = g.line(1, y, "一、主要任务", indent=2)
    body = ("（一）加强基础建设。统筹推进数据中心和算力设施建设，完善基础网络，提升公共服务能力和水平，"
            "推动重点行业数字化转型。（市发展改革委、市财")
    y = g.para(1, y, body, 21)
    # the tag continues at the top of the second column
    y2 = g.line(2, top, "政局依职责分工负责）")
    btop = y2 + 8
    y2 = g.line(2, btop + 4, "专栏1　重点工程", centre=True)
    y2 = g.para(2, y2, "数据工程。建设城市数据底座，归集公共数据资源，形成统一目录。", 21)
    g.frame(2, btop, y2 + 4)

    g.start_page(3)
    btop = 70.0
    y2 = g.para(1, btop + 4, "算力工程。布局智能计算中心，面向企业开放算力服务，降低使用成本。", 21)
    g.frame(1, btop, y2 + 4)
    y = g.para(1, y2 + 12, "（二）完善监管体系。健全事中事后监管制度，推行信用分级分类监管。（市市场监管局负责）", 21)
    y = g.line(0, max(y, 300.0) + 10, "二、任务分工", indent=2) + 4
    y = g.table(y, [40, 150, 110, 120, 63], [TABLE_HEADER, *TABLE_ROWS[:2]])

    g.start_page(4)
    y = g.table(70, [40, 150, 110, 120, 63], [TABLE_HEADER, *TABLE_ROWS[2:]])
    g.line(0, y + 10, "（2024年3月1日印发）", centre=True, full=True)
    g.save()
    return path


def scanned_page(path: Path) -> Path:
    """A page with drawings and no text layer, like a scan."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFillGray(0.3)
    for k in range(30):
        c.rect(60, 100 + 20 * k, 400, 8, fill=1, stroke=0)
    c.save()
    return path
