"""Datasette plugin shipped with gongbao (registered as an entry point).

Every row that came from text carries ``char_start`` (and usually
``char_end``) offsets into its source's extracted text.  This plugin turns
those offsets into links to ``/-/gongbao/excerpt/{table}/{id}``, a page that
shows the exact characters with their context, so a reader can check any
task, section, box or warning against the source.
"""

from __future__ import annotations

import csv
import html
import io
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

from ...roles import role_rank_sql
from ..search import SEARCHABLE, fts_query, snippet

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


async def _database(request, datasette, table: str | None = None):
    """The database a route reads (``?db=``, else the first), after Datasette's permissions:
    a route shows nothing its table pages would not (403), and a database that is not served
    is a 404, never a 500."""
    from datasette.utils.asgi import NotFound

    names = [n for n in datasette.databases if n != "_internal"]
    name = request.args.get("db") or (names[0] if names else "")
    if name not in names:
        raise NotFound(f"no database {name!r} here")
    checks = [("view-database", name), "view-instance"]
    if table is not None:
        checks.insert(0, ("view-table", (name, table)))
    await datasette.ensure_permissions(request.actor, checks)
    return name, datasette.get_database(name)


# SQLite integers are 64-bit: a longer id names no row.
MAX_ID = 2**63 - 1


async def excerpt(request, datasette):
    from datasette.utils.asgi import NotFound

    table = request.url_vars["table"]
    row_id = int(request.url_vars["row_id"])
    if table not in _LOCATE:
        return Response.html("<p>No offsets for this table.</p>", status=404)
    _, db = await _database(request, datasette, table)
    if row_id > MAX_ID:
        raise NotFound("no such row")
    loc = (await db.execute(_LOCATE[table], [row_id])).first()
    if loc is None or loc[1] is None:
        return Response.html("<p>No such row.</p>", status=404)
    src = (await db.execute("SELECT path, text FROM sources WHERE id = ?", [loc[0]])).first()
    return Response.html(excerpt_html(src["path"], src["text"], loc[1], loc[2] or loc[1] + 1))


_LABEL = {"documents": "title", "sections": "coalesce(path, '') || ' ' || coalesce(title, '')",
          "tasks": "coalesce(number, '') || ' ' || coalesce(title, '')", "boxes": "title"}


async def search_all(request, datasette):
    """One search over every searchable table, with the match in context."""
    from datasette.utils.asgi import BadRequest

    q = (request.args.get("q") or "").strip()
    db_name, db = await _database(request, datasette)
    if "\x00" in q:
        raise BadRequest("a search cannot contain a NUL character")
    parts = [f"<form action='' method='get'><input type='search' name='q' value='{html.escape(q)}' "
             "size='40' autofocus> <input type='submit' value='Search all tables'></form>"]
    if q:
        for table, fields in SEARCHABLE.items():
            sql = (f"SELECT id, {_LABEL[table]} AS label, {', '.join(fields)} FROM [{table}] "
                   f"WHERE id IN (SELECT rowid FROM [{table}_fts] WHERE [{table}_fts] MATCH ?) "
                   f"ORDER BY id LIMIT 101")
            rows = (await db.execute(sql, [fts_query(q)])).rows
            url = datasette.urls.table(db_name, table)
            more = f"?_search={quote(q)}"
            parts.append(f"<h2><a href='{url}{more}'>{table}</a>: "
                         f"{'100+' if len(rows) > 100 else len(rows)}</h2><ul>")
            for r in rows[:100]:
                hit = next((snippet(r[f] or "", q) for f in fields if snippet(r[f] or "", q)), None)
                ctx = "" if hit is None else (
                    f" — …{html.escape(hit[0])}<mark>{html.escape(hit[1])}</mark>{html.escape(hit[2])}…")
                parts.append(f"<li><a href='{datasette.urls.row(db_name, table, r['id'])}'>"
                             f"{html.escape(str(r['label'] or r['id']))}</a>{ctx}</li>")
            parts.append("</ul>")
    body = "".join(parts)
    return Response.html(await datasette.render_template(
        "gongbao_search.html", {"q": q, "body": Markup(body)}, request=request))


async def graph_page(request, datasette):
    """The department co-responsibility network and, for a document, its task–department
    graph: SVG drawn from networkx layouts, hover for names, click for rows."""
    from ...graph.draw import bipartite_svg, projection_svg
    from ...graph.network import Scope, build_graph, projection, responsibility_rows, top_pairs

    db_name, db = await _database(request, datasette)
    doc = request.args.get("document")
    doc_id = int(doc) if doc and doc.isdigit() and int(doc) <= MAX_ID else None
    # in Datasette's threads, as its own queries are: the event loop is never blocked
    rows = await db.execute_fn(lambda _conn: responsibility_rows(db.path, scope=Scope(document_id=doc_id)))
    g = build_graph(rows)
    p = projection(g)
    base = datasette.urls.table(db_name, "departments")
    tasks_url = datasette.urls.table(db_name, "tasks")

    def dept_link(a):
        return f"{base}/{a['department_id']}"

    def task_link(a, node):
        return f"{tasks_url}/{node.split(':')[1]}"

    docs = (await db.execute(
        "SELECT id, title FROM documents WHERE id IN (SELECT document_id FROM tasks) ORDER BY id")).rows
    title = "the whole knowledge base"
    if doc_id is not None:
        row = (await db.execute("SELECT title FROM documents WHERE id = ?", [doc_id])).first()
        title = row["title"] if row else f"document {doc_id}"
    here = datasette.urls.path("/-/gongbao/graph")
    items = "".join(
        f"<li><a href='{here}?document={r['id']}'>{html.escape(r['title'])}</a></li>" for r in docs)
    pairs = "".join(f"<li>{html.escape(a)} — {html.escape(b)}: {w}</li>" for a, b, w in top_pairs(p))
    body = [
        f"<p>{len([n for n in g if n.startswith('dept:')])} departments, "
        f"{len([n for n in g if n.startswith('task:')])} tasks, {g.number_of_edges()} "
        "task–department links. Hover for names; click a department to open its row.</p>",
        "<h2>Departments that share tasks</h2>",
        "<p>Circle size: tasks shared; line width: tasks the two share.</p>",
        projection_svg(p, dept_link),
        f"<h3>Pairs sharing the most tasks</h3><ol>{pairs}</ol>",
    ]
    if doc_id is not None:
        body += ["<h2>Tasks and departments</h2>", bipartite_svg(g, dept_link, task_link)]
    body.append(f"<h2>Documents</h2><ul><li><a href='{here}'>the whole knowledge base</a></li>"
                f"{items}</ul>")
    return Response.html(await datasette.render_template(
        "gongbao_graph.html", {"title": title, "body": Markup("".join(body))}, request=request))


@hookimpl
def register_routes():
    return [(r"^/-/gongbao/excerpt/(?P<table>[a-z_]+)/(?P<row_id>\d+)$", excerpt),
            (r"^/-/gongbao/search$", search_all),
            (r"^/-/gongbao/graph$", graph_page),
            (r"^/-/gongbao/matrix\.(?P<fmt>csv|xlsx)$", matrix_download)]


async def matrix_download(request, datasette):
    """The responsibility matrix of the served knowledge base, as CSV or XLSX."""
    import io
    import tempfile

    from ...graph.export import _write, matrix_rows

    _, db = await _database(request, datasette)
    fmt = request.url_vars["fmt"]
    doc = request.args.get("document")
    doc_id = int(doc) if doc and doc.isdigit() and int(doc) <= MAX_ID else None
    rows = await db.execute_fn(lambda _conn: matrix_rows(db.path, doc_id))
    if fmt == "csv":
        buf = io.StringIO()
        _write(rows, buf, "csv")
        return Response(buf.getvalue(), content_type="text/csv; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="matrix.csv"'})
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as f:
        _write(rows, f.name, "xlsx")
        data = open(f.name, "rb").read()
    return Response(data, content_type="application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet",
                    headers={"content-disposition": 'attachment; filename="matrix.xlsx"'})


async def _task_context(datasette, database: str, task_id: int) -> dict:
    """What a reader wants on a task's page: who does it, where it stands, its page."""
    db = datasette.get_database(database)
    task = (await db.execute(
        "SELECT t.*, d.title AS doc_title, d.parent_id, d.source_id, d.issue_id FROM tasks t "
        "JOIN documents d ON d.id = t.document_id WHERE t.id = ?", [task_id])).first()
    if task is None:
        return {}
    actors = (await db.execute(
        "SELECT dep.id, dep.name, dep.full_name, dep.kind, r.role FROM responsibilities r "
        "JOIN departments dep ON dep.id = r.department_id WHERE r.task_id = ? "
        f"ORDER BY {role_rank_sql('r.role')}, dep.id", [task_id])).rows
    path = []
    if task["issue_id"]:
        issue = (await db.execute("SELECT id, gazette, year, number FROM issues WHERE id = ?",
                                  [task["issue_id"]])).first()
        if issue:
            path.append(("issues", issue["id"], f"{issue['gazette']} {issue['year']}年第{issue['number']}期"))
    if task["parent_id"]:
        parent = (await db.execute("SELECT id, title FROM documents WHERE id = ?",
                                   [task["parent_id"]])).first()
        if parent:
            path.append(("documents", parent["id"], parent["title"]))
    path.append(("documents", task["document_id"], task["doc_title"]))
    chain = []
    sid = task["section_id"]
    while sid:
        sec = (await db.execute("SELECT id, parent_id, number, title FROM sections WHERE id = ?",
                                [sid])).first()
        if sec is None:
            break
        chain.append(("sections", sec["id"], " ".join(x for x in (sec["number"], sec["title"]) if x)))
        sid = sec["parent_id"]
    path += reversed(chain)
    keywords = [r[0] for r in (await db.execute(
        "SELECT keyword FROM task_keywords WHERE task_id = ? ORDER BY rank", [task_id])).rows]
    return {"gongbao_task": {
        "actors": [dict(r) for r in actors], "path": path, "page": task["page"],
        "pdf_page": task["pdf_page"], "deadline": task["deadline"], "keywords": keywords,
        "excerpt": datasette.urls.path(f"/-/gongbao/excerpt/tasks/{task_id}?db={database}"),
    }}


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table != "tasks" or request is None:
        return {}

    async def inner():
        pks = request.url_vars.get("pks", "")
        return await _task_context(datasette, database, int(pks)) if pks.isdigit() else {}

    return inner


@hookimpl
def menu_links(datasette):
    return [
        {"href": datasette.urls.path("/-/gongbao/search"), "label": "Search all tables"},
        {"href": datasette.urls.path("/-/gongbao/graph"), "label": "Responsibility network"},
        {"href": datasette.urls.path("/-/gongbao/matrix.csv"),
         "label": "Download responsibility matrix (CSV)"},
        {"href": datasette.urls.path("/-/gongbao/matrix.xlsx"),
         "label": "Download responsibility matrix (Excel)"},
    ]


# The largest string or blob one SQL value may be: a source text is well under it, while
# replace(hex(zeroblob(1e8)), …) — one call the time limit cannot interrupt — fails at once.
MAX_VALUE_BYTES = 16 * 1024 * 1024


@hookimpl(trylast=True)
def prepare_connection(conn):
    """Search box queries become phrases of characters (see gongbao.publish.search);
    registered last so it replaces Datasette's own ``escape_fts``. Values are capped in size."""
    import sqlite3

    if hasattr(conn, "setlimit"):  # Python 3.11+
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.create_function("escape_fts", 1, fts_query)


# Search results: long text cells shrink to a snippet around the first match, the
# match marked, so a reader sees why each row was found.
SNIPPET_JS = """
(function () {
  var q = new URLSearchParams(location.search).get("_search");
  if (!q) return;
  var words = q.trim().split(/\\s+/).filter(Boolean);
  var W = 40;
  document.querySelectorAll("table.rows-and-columns td").forEach(function (td) {
    if (td.querySelector("a, mark")) return;
    var text = td.textContent, low = text.toLowerCase();
    for (var k = 0; k < words.length; k++) {
      var i = low.indexOf(words[k].toLowerCase());
      if (i < 0) continue;
      var a = Math.max(0, i - W), b = Math.min(text.length, i + words[k].length + W);
      td.textContent = "";
      if (a > 0) td.append("…");
      td.append(text.slice(a, i));
      var m = document.createElement("mark");
      m.textContent = text.slice(i, i + words[k].length);
      td.append(m, text.slice(i + words[k].length, b));
      if (b < text.length) td.append("…");
      td.classList.add("gongbao-snippet");
      return;
    }
  });
})();
"""


def safe_csv(body: bytes) -> bytes:
    """Rewrite a CSV so no text cell can run as a spreadsheet formula."""
    from ...graph.export import safe_cell

    bom = body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([safe_cell(c) for c in row])
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


@hookimpl
def asgi_wrapper():
    """Datasette's own CSV downloads go through the same formula neutralising as
    gongbao's exports (cells starting with = + - @ get a leading apostrophe)."""

    def wrap(app):
        async def guarded(scope, receive, send):
            if scope["type"] != "http" or not scope.get("path", "").endswith(".csv"):
                await app(scope, receive, send)
                return
            start = None
            chunks: list[bytes] = []

            async def capture(message):
                nonlocal start
                if message["type"] == "http.response.start":
                    start = message
                    return
                if message["type"] == "http.response.body":
                    chunks.append(message.get("body", b""))
                    if message.get("more_body"):
                        return
                    assert start is not None
                    headers = [(k, v) for k, v in start.get("headers", [])
                               if k.lower() != b"content-length"]
                    ctype = dict(headers).get(b"content-type", b"")
                    body = b"".join(chunks)
                    if ctype.startswith(b"text/csv") or ctype.startswith(b"text/plain"):
                        body = safe_csv(body)
                    headers.append((b"content-length", str(len(body)).encode()))
                    await send({**start, "headers": headers})
                    await send({"type": "http.response.body", "body": body})
                    return
                await send(message)

            await app(scope, receive, capture)

        return guarded

    return wrap


@hookimpl
def extra_body_script(view_name, table):
    if view_name == "table" and table in SEARCHABLE:
        return SNIPPET_JS
    return None


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
