"""HTML pages (gov.cn and gazette sites) to plain text with one block a line."""

from __future__ import annotations

from bs4 import BeautifulSoup

_BLOCKS = ["p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section"]


def html_to_text(html: str) -> str:
    """Keep the reading text: scripts and styles go, blocks become lines, cells tabs."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "head"]):
        tag.decompose()
    for br in soup.find_all("br"):
        if br.find_parent(["td", "th"]):  # a line break inside a cell is not a new row
            before = br.previous_sibling
            tail = str(before).strip()[-1:] if before is not None else ""
            # between two units (市财政局<br>各区县政府) it separates them
            br.replace_with("、" if tail and tail in "局委办府部厅心会院队所组室社行" else "")
    for td in soup.find_all(["td", "th"]):
        td.append("\t")
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.append("\n")
    text = soup.get_text()
    lines = [ln.strip(" \u3000\xa0").rstrip("\t").replace("\xa0", " ") for ln in text.splitlines()]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip() + "\n"
