"""Datasette plugin shipped with gongbao (registered as an entry point).

Every row that came from text carries ``char_start`` (and usually
``char_end``) offsets into its source's extracted text.  This plugin turns
those offsets into links to ``/-/gongbao/excerpt/{table}/{id}``, a page that
shows the exact characters with their context, so a reader can check any
task, section, box or warning against the source.
"""

from __future__ import annotations

import html

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

CONTEXT = 150
# table -> SQL giving (source_id, char_start, char_end) for a row id
_LOCATE = {
    "tasks": "SELECT d.source_id, t.char_start, t.char_end FROM tasks t "
             "JOIN documents d ON d.id = t.document_id WHERE t.id = ?",
    "sections": "SELECT d.source_id, s.char_start, s.char_end FROM sections s "
                "JOIN documents d ON d.id = s.document_id WHERE s.id = ?",
    "boxes": "SELECT d.source_id, b.char_start, b.char_end FROM boxes b "
             "JOIN documents d ON d.id = b.document_id WHERE b.id = ?",
    "documents": "SELECT source_id, char_start, char_end FROM documents WHERE id = ?",
    "warnings": "SELECT source_id, char_start, char_start + 1 FROM warnings WHERE id = ?",
    "aliases": "SELECT d.source_id, a.char_start, a.char_start + length(a.alias) + 6 "
               "FROM aliases a JOIN documents d ON d.id = a.document_id WHERE a.id = ?",
    "citations": "SELECT d.source_id, c.char_start, c.char_start + length(c.title) + 2 "
                 "FROM citations c JOIN documents d ON d.id = c.document_id WHERE c.id = ?",
}


def excerpt_html(path: str, text: str, start: int, end: int) -> str:
    end = min(max(end, start + 1), len(text))
    before = html.escape(text[max(0, start - CONTEXT):start])
    after = html.escape(text[end:end + CONTEXT])
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>source excerpt</title></head>"
        f"<body><h1>{html.escape(path)}</h1><p>characters {start}–{end}</p>"
        f"<pre style='white-space:pre-wrap;font-size:1.1em'>{before}"
        f"<mark>{html.escape(text[start:end])}</mark>{after}</pre></body></html>"
    )


async def excerpt(request, datasette):
    table = request.url_vars["table"]
    row_id = int(request.url_vars["row_id"])
    if table not in _LOCATE:
        return Response.html("<p>No offsets for this table.</p>", status=404)
    names = [n for n in datasette.databases if n != "_internal"]
    db = datasette.get_database(request.args.get("db") or names[0])
    loc = (await db.execute(_LOCATE[table], [row_id])).first()
    if loc is None or loc[1] is None:
        return Response.html("<p>No such row.</p>", status=404)
    src = (await db.execute("SELECT path, text FROM sources WHERE id = ?", [loc[0]])).first()
    return Response.html(excerpt_html(src["path"], src["text"], loc[1], loc[2] or loc[1] + 1))


@hookimpl
def register_routes():
    return [(r"^/-/gongbao/excerpt/(?P<table>[a-z_]+)/(?P<row_id>\d+)$", excerpt)]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Link ``char_start`` to the excerpt of the source it points into."""
    if column != "char_start" or table not in _LOCATE or value is None:
        return None
    try:
        row_id = row["id"]
    except (KeyError, IndexError):
        return None
    url = datasette.urls.path(f"/-/gongbao/excerpt/{table}/{row_id}?db={database}")
    return Markup(f'<a href="{html.escape(url)}" title="show in source">{int(value)}</a>')
