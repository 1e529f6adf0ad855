"""Split an issue's lines into documents and read each document's header.

A gazette document is anchored on its 文号 line (济政发〔2023〕11号), with the
title just above it (or, in some layouts, just below).  A notice (通知) that
issues another document (印发/转发) is followed, after its signature and date,
by the issued document, which ends at its printed date （…印发） or at the
next header; 附件 headings inside it start attachments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import patterns as P
from ..ingest.clean import Line, squeeze_cjk_spaces
from ..models import Finding

GENRES = (
    "通知", "通报", "意见", "方案", "办法", "决定", "规定", "规则", "细则", "条例", "规划",
    "计划", "纲要", "措施", "函", "批复", "公告", "通告", "报告", "命令", "指引", "指南",
    "清单", "标准", "要点", "制度", "章程", "守则", "说明", "预案", "策略", "告知书", "模板",
    "导则", "流程", "目录", "登记表", "送检表", "一览表", "分工表",
)
_QUALIFIER = re.compile(r"^（[^（）]{1,16}）$")  # （第九版） （试行） （2021—2035年）


def _is_tag(text: str) -> bool:
    """（县自然资源局牵头） under a title is the plan's tag, not a qualifier such as （试行）."""
    from .tags import find_tags

    return bool(find_tags(text))


def ends_with_genre(text: str) -> bool:
    """A title ends with its genre word (…通知, …方案) and has no 《 left open."""
    t = re.sub(r"（[^（）]{1,16}）$", "", squeeze_cjk_spaces(text))
    return t.endswith(GENRES) and t.count("《") <= t.count("》") and t.count("（") <= t.count("）")


def doc_kind(title: str, is_attachment: bool = False) -> str:
    """The genre of a document, from the last genre word of its title."""
    if is_attachment:
        return "attachment"
    t = re.sub(r"（[^（）]{1,16}）$", "", title)
    for words, kind in (
        (("通知", "通报"), "notice"),
        (("实施方案", "工作方案", "方案", "计划", "规划", "纲要", "行动"), "plan"),
        (("办法",), "measures"),
        (("细则", "规定", "规则", "条例", "守则", "章程"), "regulations"),
        (("意见",), "opinions"),
        (("决定",), "decision"),
        (("措施",), "measures"),
    ):
        if t.endswith(words):
            return kind
    return "document"


@dataclass
class DocSlice:
    """The lines of one document and what its header said."""

    kind: str
    title: str
    doc_number: str | None = None
    issuer: str | None = None
    recipients: str | None = None
    signed_date: str | None = None
    printed_date: str | None = None
    body: list[Line] = field(default_factory=list)
    start: int = 0
    end: int = 0
    parent: int | None = None  # index into the slice list
    issues_document: bool = False


iso = P.iso_date


def is_title_line(text: str) -> bool:
    return (
        len(text) <= 60
        and "。" not in text
        and "：" not in text
        and "\t" not in text
        and "|" not in text
        and not P.DATE_LINE.match(text)
        and not P.DOC_NUMBER_LINE.match(text)
        and not P.PRINTED_LINE.match(text)
        and not P.TOC_CATEGORY.match(text)
    )


def title_before(lines: list[Line], i: int, floor: int) -> int | None:
    """Index of the first title line above the 文号 at ``i`` (None if none)."""
    j = i - 1
    if j < floor or not is_title_line(lines[j].text) or not ends_with_genre(lines[j].text):
        return None
    first = j
    if re.search(r"关于|印发|转发", lines[j].text) and not re.search(r"^(关于|印发)", lines[j].text):
        return first  # 某某政府关于…的通知 is whole: the line above is page furniture
    while first - 1 >= floor and i - first < 3 and is_title_line(lines[first - 1].text) \
            and not ends_with_genre(lines[first - 1].text) and not P.TOC_PAGE_SUFFIX.search(
                lines[first - 1].text):
        first -= 1
    return first


def title_after(lines: list[Line], i: int, limit: int) -> int | None:
    """End index (exclusive) of a title that starts at ``i``, or None."""
    j = i
    while j < limit and j - i < 3 and is_title_line(lines[j].text):
        if P.ARTICLE.match(lines[j].text) or P.CN_ITEM.match(lines[j].text):
            break
        j += 1
        if ends_with_genre(lines[j - 1].text):
            if j < limit and _QUALIFIER.match(lines[j].text) and not _is_tag(lines[j].text):
                j += 1
            # 关于印发…防控方案 / （第九版）的通知: the title goes on to a later genre word.
            if j < limit and j - i < 3 and is_title_line(lines[j].text) \
                    and lines[j].text.startswith("（") and ends_with_genre(lines[j].text):
                j += 1
            return j
    return None


def join_title(lines: list[Line]) -> str:
    return squeeze_cjk_spaces("".join(ln.text for ln in lines))


def find_headers(lines: list[Line], floor: int) -> list[tuple[int, int, int]]:
    """(title_first, number_line, body_first) for each document header."""
    out = []
    for i in range(floor, len(lines)):
        m = P.DOC_NUMBER_LINE.match(lines[i].text)
        if not m or m["page"] or m["page2"]:
            continue
        t = title_before(lines, i, floor)
        if t is not None:
            out.append((t, i, i + 1))
            continue
        end = title_after(lines, i + 1, len(lines))
        if end is not None:
            out.append((i, i, end))
    return out


def split_documents(lines: list[Line], floor: int, findings: list[Finding]) -> list[DocSlice]:
    """Cut lines[floor:] into documents; text outside any document becomes a finding."""
    headers = find_headers(lines, floor)
    slices: list[DocSlice] = []
    if floor >= len(lines):  # nothing left (a page that is only a metadata table): no document
        return slices
    if not headers:
        end = title_after(lines, floor, len(lines))
        if end is None:  # a short first line may still be a title; a paragraph is not
            first = lines[floor].text if floor < len(lines) else ""
            end = floor + 1 if first and is_title_line(first) and len(first) <= 40 \
                and not _starts_item(first) and not _column_header(first) else floor
        headers = [(floor, None, end)]
    else:
        if headers[0][0] > floor:
            region = lines[floor:headers[0][0]]
            if _has_structure(region):  # the end of a document begun elsewhere (a part)
                slices.append(DocSlice("fragment", "", body=region,
                                       start=region[0].start, end=region[-1].end))
                findings.append(Finding(
                    "fragment", f"{sum(len(x.text) for x in region)} characters before the first "
                    "document header were read as the end of a document begun earlier",
                    region[0].start, None, "info"))
            else:
                _unassigned(region, findings, "before the first document", slices)
    bounds = [h[0] for h in headers[1:]] + [len(lines)]
    for (t, n, b), stop in zip(headers, bounds, strict=True):
        if n is None:  # no 文号: the title runs to the body
            title_lines = lines[t:b]
        elif n == t:  # 文号 above the title
            title_lines = lines[n + 1:b]
        else:  # title above the 文号
            title_lines = lines[t:n]
        title = join_title(title_lines)
        number = None
        if n is not None:
            nm = P.DOC_NUMBER.search(lines[n].text)
            number = re.sub(r"\s+", "", nm.group(0)) if nm else None
        _read_document(lines, t, b, stop, title, number, slices, findings)
    return slices


def _column_header(text: str) -> bool:
    """牵头单位 alone on the first line heads a table column, it is no title."""
    from .resptable import column_kind

    return column_kind(text.strip("|｜ ")) is not None


def _starts_item(text: str) -> bool:
    from .paragraphs import starts_item

    return starts_item(text)


def _has_structure(lines: list[Line]) -> bool:
    """Numbered items or responsibility tags: text worth parsing as a document."""
    from .resptable import find_tables
    from .tags import find_sentence_tags, find_tags

    items = sum(1 for ln in lines if _starts_item(ln.text))
    if items < 2 and any(t.rows for t in find_tables(lines)[1]):
        return True  # a responsibility table
    return items >= 2 or any(find_tags(ln.text) or (P.LABEL_LINE.match(ln.text) and find_sentence_tags(ln.text))
                             for ln in lines)


def _unassigned(lines: list[Line], findings: list[Finding], where: str,
                slices: list[DocSlice] | None = None, parent: int | None = None,
                issuer: str | None = None) -> None:
    """Text outside every document found: parsed as a document of its own when it has
    numbered items or tags (a plan whose title was not recognised), else reported."""
    if not lines:
        return
    if slices is not None and _has_structure(lines):
        end = title_after(lines, 0, len(lines))
        if end is None:
            end = 1 if is_title_line(lines[0].text) and len(lines[0].text) <= 50 \
                and not _starts_item(lines[0].text) else 0
        title = join_title(lines[:end]) if end else ""
        slices.append(DocSlice(doc_kind(title) if title else "document", title,
                               start=lines[0].start, end=lines[-1].end, parent=parent, issuer=issuer,
                               body=lines[end:]))
        findings.append(Finding(
            "untitled_document", f"text {where} has numbered items or tags but no document header "
            f"was recognised: read as a document{'' if title else ' without a title'}",
            lines[0].start, len(slices) - 1, "info"))
        return
    text = "".join(ln.text for ln in lines)
    findings.append(Finding(
        "unassigned_text",
        f"{len(text)} characters {where} belong to no document: {text[:40]}…",
        lines[0].start, None, "info",
    ))


def _read_document(lines: list[Line], t: int, b: int, stop: int, title: str,
                   number: str | None, slices: list[DocSlice],
                   findings: list[Finding]) -> None:
    kind = doc_kind(title)
    doc = DocSlice(kind, title, number, start=lines[t].start)
    issuer = P.TITLE_ISSUER.match(title)
    if issuer:
        doc.issuer = issuer["issuer"]
    i = b
    # 主送: recipients, possibly wrapped over several lines, ending with "：".
    for j in range(i, min(i + 6, stop)):
        if "。" in lines[j].text:
            break
        if lines[j].text.endswith("："):
            doc.recipients = squeeze_cjk_spaces("".join(ln.text for ln in lines[i:j + 1]))[:-1]
            i = j + 1
            break
    sig = _find_signature(lines, i, stop)
    issues_doc = kind == "notice" and re.search(r"印发|转发|颁布", title) is not None
    if sig is None:
        body_end = stop
    else:
        sig_first, date_idx = sig
        body_end = sig_first
        organs = [o for ln in lines[sig_first:date_idx] if not P.PUBLICATION_NOTE.match(ln.text)
                  for o in signers(ln.text)]
        joint = len(organs) > 1 and all(P.SIGNATURE.match(o) for o in organs)
        signer = ("、" if joint else "").join(organs)
        doc.issuer = signer or doc.issuer
        dm = P.DATE.search(lines[date_idx].text)
        doc.signed_date = iso(dm) if dm else None
    doc.body = lines[i:body_end]
    me = len(slices)
    slices.append(doc)
    after = stop if sig is None else sig[1] + 1
    while after < stop and P.PUBLICATION_NOTE.match(lines[after].text):
        after += 1
    doc.end = lines[after - 1].end if after > t else lines[t].end
    if sig is None or after >= stop:
        return
    if not issues_doc:
        rest = lines[after:stop]
        att = [k for k, ln in enumerate(rest) if P.ATTACHMENT_HEADING.match(ln.text)]
        if att:  # a notice's own attachments (a 分工表, a form)
            _unassigned(rest[:att[0]], findings, f"after {title[:20]}", slices, me, doc.issuer)
            _attachments(rest, att, me, doc.issuer, slices)
        else:
            _unassigned(rest, findings, f"after {title[:20]}", slices, me, doc.issuer)
        return
    doc.issues_document = True
    _read_issued(lines, after, stop, me, doc, slices, findings)


def _attachments(body: list[Line], att: list[int], owner_index: int, issuer: str | None,
                 slices: list[DocSlice]) -> None:
    """Attachments (附件, 附件2, 附件4-1) as child documents; 附件4-1 belongs to 附件4."""
    numbered: dict[str, int] = {}
    for n, k in enumerate(att):
        upto = att[n + 1] if n + 1 < len(att) else len(body)
        num = (P.ATTACHMENT_HEADING.match(body[k].text)["num"] or "").replace("－", "-")
        main = num.split("-")[0] if "-" in num else None
        owner = numbered.get(main, owner_index) if main else owner_index
        if num:
            numbered[num] = len(slices)
        part = body[k + 1:upto]
        tend = title_after(part, 0, len(part)) if part else None
        if tend is None:
            tend = 1 if part and len(part[0].text) <= 40 and "。" not in part[0].text else 0
        atitle = join_title(part[:tend]) if tend else squeeze_cjk_spaces(body[k].text)
        slices.append(DocSlice(
            "attachment", atitle, None, start=body[k].start,
            end=(part[-1].end if part else body[k].end), parent=owner, issuer=issuer,
            body=part[tend:],
        ))


def signers(line: str) -> list[str]:
    """The organs of one signature line: a joint signature prints two or three to a line,
    apart by a wide gap (国家发展改革委　　　　财　政　部), each maybe letter-spaced."""
    return [squeeze_cjk_spaces(p) for p in re.split(r"[ \t\u3000]{2,}", line.strip()) if p.strip()]


def _signature_line(text: str) -> bool:
    parts = signers(text)
    return bool(parts) and all(P.SIGNATURE.match(p) for p in parts)


def _find_signature(lines: list[Line], i: int, stop: int) -> tuple[int, int] | None:
    """(first signature line, date line) of the first signature block after ``i``;
    a date inside a responsibility table (a 完成时限 cell) is not a signing date."""
    from .resptable import find_tables

    tables = [(t.start, t.end) for t in find_tables(lines[i:stop])[1]]
    for d in range(i + 1, stop):
        if not P.DATE_LINE.match(lines[d].text):
            continue
        if any(a <= lines[d].start <= b for a, b in tables):
            continue
        k = d - 1
        while k > i and P.PUBLICATION_NOTE.match(lines[k].text):
            k -= 1
        if not (len(lines[k].text) <= 30 and re.search(r"[，。；：]", lines[k].text) is None):
            continue
        first = k
        while first - 1 > i and len(lines[first - 1].text) <= 20 and not re.search(
                r"[，。；：、]", lines[first - 1].text) and not _signature_line(lines[first].text):
            first -= 1
        # joint documents are signed by several organs, one or more per line
        while first - 1 > i and d - first < 12 and _signature_line(lines[first - 1].text) \
                and _signature_line(lines[first].text) and len(lines[first - 1].text) <= 40:
            first -= 1
        return first, d
    return None


def _read_issued(lines: list[Line], i: int, stop: int, parent: int, notice: DocSlice,
                 slices: list[DocSlice], findings: list[Finding]) -> None:
    if i < stop and P.ATTACHMENT_HEADING.match(lines[i].text):
        i += 1
    end = title_after(lines, i, stop)
    if end is None and i < stop and len(lines[i].text) <= 50 and is_title_line(lines[i].text) \
            and not any(rx.match(lines[i].text) for rx in (P.CN_ITEM, P.ARTICLE, P.CHAPTER)):
        end = i + 1  # a title with no genre word (…任务分工): the line after the signature
    if end is None:
        _unassigned(lines[i:stop], findings, f"after {notice.title[:20]}", slices, parent, notice.issuer)
        return
    title = join_title(lines[i:end])
    doc = DocSlice(doc_kind(title), title, None, start=lines[i].start,
                   parent=parent, issuer=notice.issuer)
    # The document ends at its printed date, or at the end of the slice.
    close = stop
    for j in range(end, stop):
        pm = P.PRINTED_LINE.match(lines[j].text)
        if pm:
            doc.printed_date = iso(P.DATE.search(lines[j].text))  # type: ignore[arg-type]
            close = j
            break
    body = lines[end:close]
    me = len(slices)
    slices.append(doc)
    # 附件 headings split attachments off the end of the body.
    att = [k for k, ln in enumerate(body) if P.ATTACHMENT_HEADING.match(ln.text)]
    doc.body = body[:att[0]] if att else body
    doc.end = lines[close].end if close < stop else lines[stop - 1].end
    _attachments(body, att, me, notice.issuer, slices)
    if close + 1 < stop:
        _unassigned(lines[close + 1:stop], findings, f"after {title[:20]}", slices, parent, notice.issuer)
