"""The catalogue of regular expressions the parser uses, each with its reason.

Patterns run on *width-folded* text (see ``gongbao.ingest.clean.fold_width``):
half-width brackets and punctuation are mapped one-for-one to their full-width
forms, so ``(三)`` and ``（三）`` are the same marker and offsets do not move.
"""

from __future__ import annotations

import re

from . import roles as _roles

# Chinese numerals as used in outline markers (一 … 九十九, 百 for long lists).
CN_NUM = "零〇一二三四五六七八九十百两"

# A Chinese character (CJK Unified Ideographs and extension A).
CJK = "\u3400-\u4dbf\u4e00-\u9fff"

# 文号 (document number): issuer abbreviation + 〔year〕 + serial + 号.  Year
# brackets vary in extracted text (〔〕, [], 【】, （）), PDF extraction inserts
# spaces ("〔2022〕71 号"), and some issuers are long (联防联控机制综发).
DOC_NUMBER = re.compile(
    rf"[{CJK}]{{1,14}}\s*[〔\[［【（]\s*(?:19|20)\d{{2}}\s*[〕\]］】）]\s*\d{{1,4}}\s*号"
)

# A line that is nothing but a 文号, optionally in brackets and optionally
# followed by a contents-page number "(2)": the anchor of a document header.
DOC_NUMBER_LINE = re.compile(
    rf"^[（]?\s*(?P<num>{DOC_NUMBER.pattern})\s*[）]?\s*(?:[（]\s*(?P<page>\d{{1,4}})\s*[）]|…+\s*(?P<page2>\d{{1,4}}))?$"
)

# Masthead: "2023年第22期", "第22期（总第404期）", "2023年11月25日出版".
ISSUE_YEAR_NUMBER = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*第\s*(?P<num>\d{1,3})\s*期")
ISSUE_NUMBER = re.compile(r"第\s*(?P<num>\d{1,3})\s*期")
ISSUE_TOTAL = re.compile(r"总\s*第\s*(?P<total>\d{1,5})\s*期")
PUBLISHED = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?:出版|印发|发行)"
)
GAZETTE_NAME = re.compile(rf"^[{CJK}]{{2,20}}(?:公报|政报)$")
CONTENTS_HEADING = re.compile(r"^目\s*录$")

# A contents category such as 【市政府文件】.
TOC_CATEGORY = re.compile(r"^【(?P<cat>[^】]{1,30})】$")

# A contents entry ends with its page number: "(15)", "……15", " 15".
TOC_PAGE_SUFFIX = re.compile(r"(?:[（]\s*(?P<p1>\d{1,4})\s*[）]|…{2,}\s*(?P<p2>\d{1,4})|\s(?P<p3>\d{1,4}))$")

# A full date, as signed or printed: 2023年11月13日, 2022 年 6 月 27 日.
# Signatures also write dates in Chinese numerals: 二〇〇四年六月二十六日.
CN_DIGIT = "〇○零一二三四五六七八九"
DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    rf"|(?P<cy>[{CN_DIGIT}]{{4}})\s*年\s*(?P<cm>[一二三四五六七八九十]{{1,2}})\s*月"
    r"\s*(?P<cd>[一二三四五六七八九十]{1,3})\s*日"
)
DATE_LINE = re.compile(rf"^(?:{DATE.pattern})$")

# The printed date closing an issued document: "（2023年11月13日印发）".
_DATE_ANY = re.sub(r"\?P<\w+>", "?:", DATE.pattern)  # the same, without group names
PRINTED_LINE = re.compile(rf"^(?:[（](?:{_DATE_ANY})\s*(?:印发|发布)[）]|(?:{_DATE_ANY})\s*印发)$")

# Lines after a signature that are not part of any document body.
PUBLICATION_NOTE = re.compile(r"^[（](?:此件[^）]{0,10}|信息公开形式[^）]{0,12}|[^）]{0,6}代章)[）]$")

# A signature: the name of an organ, alone on its line, no punctuation.
ORGAN_SUFFIX = (
    "人民政府", "政府", "办公厅", "办公室", "委员会", "综合组", "领导小组", "国务院",
    "局", "部", "委", "厅", "署", "院", "组", "会",
)
SIGNATURE = re.compile(rf"^[{CJK}]{{2,30}}(?:{'|'.join(ORGAN_SUFFIX)})$")


# The issuer inside a notice title: "济南市人民政府办公厅关于印发…".
TITLE_ISSUER = re.compile(
    rf"^(?P<issuer>[{CJK}]{{2,30}}?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|国务院|委员会|综合组))\s*(?:关于|印发)"
)

# Attachment headings: "附件", "附件2", "附件4-1", "附件1：" alone on its line; "附件：评议内容要点"
# is a list.
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*(?P<num>\d{1,2}(?:[-－—]\d{1,2})?)?\s*(?:(?<=\d)[：:])?$")
ATTACHMENT_LIST = re.compile(r"^附\s*件\s*[：:]")

# Outline markers, in the order they are tried.  The level of each kind is
# not fixed: it is decided per document by the order in which kinds appear.
CHAPTER = re.compile(rf"^第(?P<n>[{CN_NUM}\d]{{1,4}})章\s*(?P<rest>.*)$")
PART = re.compile(rf"^第(?P<n>[{CN_NUM}\d]{{1,4}})节\s*(?P<rest>.*)$")
ARTICLE = re.compile(rf"^第(?P<n>[{CN_NUM}\d]{{1,5}})条\s*(?P<rest>.*)$")
CN_ITEM = re.compile(rf"^(?P<n>[{CN_NUM}]{{1,4}})[、，．.]\s*(?P<rest>.*)$")
PAREN_CN = re.compile(rf"^[（](?P<n>[{CN_NUM}]{{1,4}})[）]\s*(?P<rest>.*)$")
# "1." but not "1.5倍"; "1．" (full-width dot) and "1、" too.
ARABIC = re.compile(r"^(?P<n>\d{1,3})\s*[.．、](?!\d)\s*(?P<rest>.*)$")
PAREN_ARABIC = re.compile(r"^[（](?P<n>\d{1,3})[）]\s*(?P<rest>.*)$")
CIRCLED = re.compile(r"^(?P<n>[①-⑳])\s*(?P<rest>.*)$")

# 专栏N, also written "专栏 6" or with a Chinese numeral.
BOX = re.compile(rf"^专栏\s*(?P<n>\d{{1,3}}|[{CN_NUM}]{{1,3}})\s*(?P<rest>.*)$")

# A line that is a label tag or its deadline (责任单位：…, 完成时限：…): the vocabulary owns them.
ANY_LABEL = _roles.ANY_LABEL
LABEL_LINE = _roles.LABEL_LINE
DEADLINE_LABEL_LINE = _roles.DEADLINE_LABEL_LINE

# A list bullet that PDF/Markdown conversion put before a clause: "- (一)".
BULLET = re.compile(r"^[-•·●▪◦]\s+")

# Sentence-final punctuation: a line ending with one of these is complete.
TERMINAL = "。！？；：）」』”!?"

# Abbreviation definitions: "（以下简称市食药安委）", "（下称…）".
ALIAS_DEF = re.compile(r"[（](?:以下|下)简?称[：]?[“\"]?(?P<alias>[^（）”\"]{1,20})[”\"]?[）]")

# Citations of other documents: 《title》 optionally followed by （文号）.
CITATION = re.compile(
    rf"《(?P<title>[^《》]{{2,120}})》(?:[（]\s*(?P<num>{DOC_NUMBER.pattern})\s*[）])?"
)

# A deadline written in a task: 2025年底前, 2019年6月底前, 2024年12月31日前, 2020年前.
DEADLINE = re.compile(
    r"(?:19|20)\d{2}\s*年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?|[上下]半年|年?底|年?末|第[一二三四]季度)?"
    r"\s*(?:底|末)?\s*(?:前|以前|之前)"
)

# Year columns of an indicator table: "2023年", "2025", "2025年目标".
YEAR_HEADER = re.compile(r"^(?P<y>(?:19|20)\d{2})\s*年?(?:目标|目标值)?$")

# A unit at the end of an indicator name: "（项）", "(%)".
TRAILING_UNIT = re.compile(r"[（](?P<unit>[^（）]{1,8})[）]$")

# A number in a table cell, with its comparison sign.
NUMBER_CELL = re.compile(r"^[≥≤><＞＜约]?\s*(?P<v>-?\d+(?:\.\d+)?)\s*%?$")


def iso_date(m: re.Match[str]) -> str:
    """ISO date from a DATE match, Arabic or Chinese numerals."""
    if m["y"]:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    else:
        y = int("".join(str("零一二三四五六七八九".index(c) if c not in "〇○" else 0)
                        for c in m["cy"]))
        mo, d = cn_to_int(m["cm"]) or 0, cn_to_int(m["cd"]) or 0
    return f"{y:04d}-{mo:02d}-{d:02d}"


def cn_to_int(s: str) -> int | None:
    """Read a Chinese (or Arabic) numeral up to the hundreds: 十四 → 14."""
    if s.isdigit():
        return int(s)
    digits = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    total, current = 0, 0
    for ch in s:
        if ch in digits:
            current = digits[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current
