"""Web page furniture: gov.cn metadata tables kept as fields, page chrome left out.

gov.cn and many provincial sites print a metadata table above the document
(索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期) and chrome around it
(扫一扫在手机打开当前页, 打印本页).  The table's values become document fields;
the chrome is removed and counted, never parsed as text.
"""

from __future__ import annotations

import re

from ..ingest.clean import Line, squeeze_cjk_spaces

FIELDS = {
    "索引号": "index_number", "主题分类": "subject", "发文机关": "issuer", "成文日期": "signed_date",
    "标题": "title", "发文字号": "doc_number", "发布日期": "published", "主题词": "keywords",
    # the same table on provincial and city sites, under other names
    "索 引 号": "index_number", "信息索引号": "index_number", "分类": "subject",
    "发布机构": "issuer", "发文单位": "issuer", "发布单位": "issuer", "文号": "doc_number",
    "名称": "title", "公开日期": "published", "发布时间": "published", "生成日期": "signed_date",
    "信息分类": "subject", "公文种类": "genre", "有效性": "validity",
}
LABEL = re.compile(r"^(?P<label>" + "|".join(sorted(FIELDS, key=len, reverse=True))
                   + r")[：:]\s*(?P<value>.*)$")
CHROME = re.compile(
    r"^(?:扫一扫在手机打开当前页|【?我要纠错】?|打印本页|关闭窗口|【?打印】?|【?关闭】?|"
    r"【字体：[^】]*】|字体：\s*大\s*中\s*小|分享到：?.*|责任编辑：.*|相关稿件|收藏|"
    r"当前位置：.*|首页\s*[>＞›»].*|您的位置：.*|.*ICP备.*|主办[：:].*|.*网站标识码.*|"
    r"【打印(本页)?】.*|.*【关闭(窗口)?】)$"
)


def strip_chrome(lines: list[Line]) -> tuple[list[Line], int]:
    kept = [ln for ln in lines if not CHROME.match(squeeze_cjk_spaces(ln.text).replace(" ", ""))]
    return kept, len(lines) - len(kept)


def read_web_metadata(lines: list[Line], stop: int) -> tuple[dict[str, str], set[int]]:
    """Label: value pairs in lines[:stop]: value on the same line, in the next cell of a
    table row (cells are tab-separated), or on the next line."""
    meta: dict[str, str] = {}
    used: set[int] = set()

    def norm(t: str) -> str:
        return squeeze_cjk_spaces(t).replace(" ", "").replace("\u3000", "")

    i = 0
    while i < stop:
        label_line = i
        cells = [norm(c) for c in lines[i].text.split("\t")]
        hit = False
        k = 0
        while k < len(cells):
            m = LABEL.match(cells[k])
            if not m and cells[k] in FIELDS and k + 1 < len(cells):
                m = LABEL.match(cells[k] + "：")  # a label cell without its colon
            if not m:
                k += 1
                continue
            hit = True
            value = m["value"].strip()
            if not value and k + 1 < len(cells) and not LABEL.match(cells[k + 1]):
                value = cells[k + 1]
                k += 1
            elif not value and len(cells) == 1 and i + 1 < stop and not LABEL.match(
                    norm(lines[i + 1].text)):
                value = lines[i + 1].text.strip()
                used.add(i + 1)
                i += 1
            if value:
                meta.setdefault(FIELDS[m["label"]], value)
            k += 1
        if hit:
            used.add(label_line)
        i += 1
    return meta, used
