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
}
LABEL = re.compile(r"^(?P<label>" + "|".join(FIELDS) + r")[：:]\s*(?P<value>.*)$")
CHROME = re.compile(
    r"^(?:扫一扫在手机打开当前页|【?我要纠错】?|打印本页|关闭窗口|【?打印】?|【?关闭】?|"
    r"【字体：[^】]*】|字体：\s*大\s*中\s*小|分享到：?.*|责任编辑：.*|相关稿件|收藏|"
    r"当前位置：.*|首页\s*[>＞›»].*|您的位置：.*)$"
)


def strip_chrome(lines: list[Line]) -> tuple[list[Line], int]:
    kept = [ln for ln in lines if not CHROME.match(squeeze_cjk_spaces(ln.text).replace(" ", ""))]
    return kept, len(lines) - len(kept)


def read_web_metadata(lines: list[Line], stop: int) -> tuple[dict[str, str], set[int]]:
    """Label: value pairs (value on the same or the next line) in lines[:stop]."""
    meta: dict[str, str] = {}
    used: set[int] = set()
    i = 0
    while i < stop:
        m = LABEL.match(squeeze_cjk_spaces(lines[i].text).replace(" ", "").replace("\u3000", ""))
        if not m:
            i += 1
            continue
        used.add(i)
        value = m["value"].strip()
        if not value and i + 1 < stop and not LABEL.match(
                squeeze_cjk_spaces(lines[i + 1].text).replace(" ", "")):
            value = lines[i + 1].text.strip()
            used.add(i + 1)
            i += 1
        if value:
            meta[FIELDS[m["label"]]] = value
        i += 1
    return meta, used
