"""Read a source file into text, whatever its encoding or format.

The text returned here is what every offset in the database points into, so
it is stored as-is in ``sources.text``; cleaning happens later on windows of
it, never by rewriting it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..models import SourceText

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
# What a folder walk picks up (a README.md beside the issues is not an issue).
FOLDER_SUFFIXES = (TEXT_SUFFIXES - {".md"}) | HTML_SUFFIXES | PDF_SUFFIXES


def decode(data: bytes, path: str) -> str:
    """Decode bytes as UTF-8, UTF-16 (with BOM) or GB18030, in that order.

    GB18030 is a superset of GBK and GB2312, the encodings older government
    sites still serve.  Text that decodes under none of them, or that is
    mostly control characters, is binary and refused.
    """
    if not data.strip():
        raise InputError(path, "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(path, f"not text: it starts as UTF-16 but is not ({e.reason} at byte {e.start})") from e
    else:
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InputError(path, "not text: it decodes as neither UTF-8, UTF-16 nor GB18030")
    bad = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if bad > max(10, len(text[:20000]) // 100):
        raise InputError(path, "not text: it is full of control characters (binary data?)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def printed_from_formfeeds(text: str) -> tuple[int | None, ...]:
    """pdftotext keeps a page's printed number as its last line: read it, or None."""
    out: list[int | None] = []
    for page in text.split("\f"):
        lines = [ln.strip() for ln in page.strip().splitlines() if ln.strip()]
        last = lines[-1] if lines else ""
        m = re.fullmatch(r"[-—–\s]*(\d{1,4})[-—–\s]*", last)
        out.append(int(m.group(1)) if m else None)
    if text.rstrip().endswith("\f") or (out and not text.split("\f")[-1].strip()):
        out = out[:-1]
    return tuple(out) if any(v is not None for v in out) else ()


def page_starts_from_formfeeds(text: str) -> tuple[int, ...]:
    """pdftotext separates pages with form feeds: each one starts a page."""
    if "\f" not in text:
        return ()
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\f")
    if starts[-1] >= len(text.rstrip()):
        starts.pop()
    return tuple(starts)


# Markup at the very start: a web page, whatever the file is called.
HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|div|table|section|article|meta)\b", re.I)


def read_source(path: str | Path) -> SourceText:
    """Read one file into a :class:`SourceText`; raise :class:`InputError` if it cannot be."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a folder, not a file")
    suffix = p.suffix.lower()
    try:
        data = p.read_bytes()
    except PermissionError as e:
        raise InputError(name, f"cannot be read: permission denied ({e.strerror})") from e
    except OSError as e:
        raise InputError(name, f"cannot be read: {e.strerror or e}") from e
    digest = hashlib.sha256(data).hexdigest()
    if suffix in PDF_SUFFIXES or data.startswith(b"%PDF"):
        from .pdf import read_pdf

        return read_pdf(p)
    if suffix in HTML_SUFFIXES:
        from .html import html_to_text

        text = html_to_text(decode(data, name))
        fmt = "html"
    else:
        text = decode(data, name)
        fmt = "text"
        if HTML_START.match(text[:400]):  # a page saved as .txt (stored copies of gov.cn pages)
            from .html import html_to_text

            text = html_to_text(text)
            fmt = "html"
    if not text.strip():
        raise InputError(name, "no text in the file")
    if fmt == "html" and len(re.findall(r"[\u4e00-\u9fff]", text)) < 20:
        raise InputError(name, "an HTML page without document text (a navigation, login or "
                               "error page?)")
    starts = page_starts_from_formfeeds(text)
    printed = printed_from_formfeeds(text) if starts else ()
    if printed and len(printed) != len(starts):
        printed = ()
    return SourceText(name, digest, fmt, text, starts, printed)


# Text files larger than this are read as parts (each its own source) so memory stays
# bounded whatever the size of the file.
LARGE_BYTES = int(os.environ.get("GONGBAO_LARGE_BYTES", 32 * 1024 * 1024))
PART_CHARS = int(os.environ.get("GONGBAO_PART_CHARS", 4 * 1024 * 1024))
# Where a part may end: a blank line before a title-like line (…通知, …方案, …办法).
_DOC_START = re.compile(r"\n\s*\n(?=[^\n]{4,80}(?:通知|方案|办法|意见|决定|规定|规划|公告)\s*\n)")


def is_large(path: str | Path) -> bool:
    p = Path(path)
    return p.suffix.lower() not in PDF_SUFFIXES | HTML_SUFFIXES and p.is_file() \
        and p.stat().st_size > LARGE_BYTES


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def iter_parts(path: str | Path, part_chars: int | None = None,
               digest: str | None = None) -> Iterator[SourceText]:
    """A large text file as consecutive parts, cut at document starts (else at blank
    lines), decoded incrementally: only one part is in memory at a time."""
    import codecs

    part_chars = part_chars or PART_CHARS
    name = str(path)
    digest = digest or file_sha256(path)
    with open(path, "rb") as f:
        head = f.read(1 << 16)
        if not head.strip():
            raise InputError(name, "the file is empty")
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            enc = "utf-16"
        else:
            try:
                head.decode("utf-8-sig")
                enc = "utf-8-sig"
            except UnicodeDecodeError as e:
                enc = "utf-8-sig" if e.start > len(head) - 4 else "gb18030"
        decoder = codecs.getincrementaldecoder(enc)()
        sample = head.decode(enc, errors="ignore")
        bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
        if bad > max(10, len(sample) // 100):
            raise InputError(name, "not text: it is full of control characters (binary data?)")
        buffer = ""
        k = 0
        offset = len(head)
        data = head
        while True:
            try:
                buffer += decoder.decode(data, final=not data)
            except UnicodeDecodeError as e:
                raise InputError(name, f"not {enc} text near byte {offset}: {e.reason}") from e
            buffer = buffer.replace("\r\n", "\n")
            while len(buffer) >= part_chars or (not data and buffer):
                if data:
                    window = buffer[part_chars // 2:part_chars]
                    cuts = list(_DOC_START.finditer(window)) or list(re.finditer(r"\n\s*\n", window))
                    cut = (part_chars // 2 + cuts[-1].end()) if cuts else part_chars
                else:
                    cut = len(buffer)
                part, buffer = buffer[:cut], buffer[cut:]
                k += 1
                yield SourceText(f"{name}#part-{k:04d}", f"{digest}#{k}", "text", part)
                if not data:
                    break
            if not data:
                return
            data = f.read(1 << 20)
            offset += len(data)
