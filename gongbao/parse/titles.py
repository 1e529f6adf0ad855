"""Titles a reader can scan, for headings and tasks.

A heading's title is its heading line: the text after the number up to the first full stop, or
the first line of a paragraph that runs on from a short heading line without a break
(（二）开展新建建筑光伏项目建设工程 / 对新建…).  A task's title is the first sentence of its
text, or its first clause when the sentence is long; only a very long clause is cut, with 「…」.
"""

from __future__ import annotations

import re

from ..ingest.clean import squeeze_cjk_spaces

MAX_TITLE = 40
_SENTENCE_END = re.compile(r"[。；！？]")
_CLAUSE_END = re.compile(r"[，：；。！？]")


def _strip_tag(rest: str) -> str:
    from .tags import find_tags

    tags = find_tags(rest)
    if tags and tags[-1].end == len(rest):
        return rest[: tags[-1].start].rstrip()
    return rest


def scan_title(text: str) -> str | None:
    """The first sentence when short, else its first clause; a long clause is cut."""
    text = squeeze_cjk_spaces(text).strip()
    m = _SENTENCE_END.search(text)
    head = (text[: m.start()] if m else text).strip().rstrip("：，、")
    if not head:
        return None
    if len(head) <= MAX_TITLE:
        return head
    c = _CLAUSE_END.search(head)
    clause = head[: c.start()] if c else head
    if 2 <= len(clause) <= MAX_TITLE:
        return clause
    return clause[: MAX_TITLE - 1] + "…"


def heading_title(rest: str, first_line: str | None = None, next_line: str | None = None) -> str | None:
    """The title of a numbered heading: ``rest`` is its text after the number; ``first_line``
    and ``next_line`` (after the number) are its first two lines when it has more than one."""
    rest = _strip_tag(squeeze_cjk_spaces(rest).strip())
    if first_line is not None and next_line is not None:
        line = _strip_tag(squeeze_cjk_spaces(first_line).strip())
        if line and len(line) <= MAX_TITLE and not _SENTENCE_END.search(line) \
                and len(line) < 0.8 * len(squeeze_cjk_spaces(next_line).strip()):
            return line.rstrip("：，")  # a heading line the paragraph runs on from
    m = _SENTENCE_END.search(rest)
    head = (rest[: m.start()] if m else rest).rstrip("：，")
    if head and len(head) <= MAX_TITLE:
        return head
    # （一）第一阶段：集中攻坚2023年9月底前… : the words before a colon head the section
    colon = re.match(r"^([^，。；：]{2,20})：", rest)
    if colon:
        return colon.group(1)
    return scan_title(rest)
