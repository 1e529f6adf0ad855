"""The command line: a thin layer that turns library errors into messages."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click

from . import pipeline
from .errors import GongbaoError
from .graph import export as exports

db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False), default=str(pipeline.DEFAULT_DB),
    show_default=True, help="The knowledge base (SQLite file).",
)


def filter_options(f):
    """--document, --issue, --jurisdiction, --year-from, --year-to, --kind → a Scope."""
    f = click.option("--document", "document_id", type=int, default=None,
                     help="Only this document (id in the documents table), its issued "
                          "documents and attachments.")(f)
    f = click.option("--issue", "issue_id", type=int, default=None,
                     help="Only this gazette issue (id in the issues table).")(f)
    f = click.option("--jurisdiction", default=None,
                     help="Only documents or departments of this government, e.g. 济南市 or its code 370100.")(f)
    f = click.option("--year-from", type=int, default=None, help="Only documents from this year.")(f)
    f = click.option("--year-to", type=int, default=None, help="Only documents up to this year.")(f)
    f = click.option("--kind", "doc_kind", default=None,
                     help="Only documents of this kind: plan, measures, opinions, notice…")(f)
    return f


def _scope(kw: dict):
    from .graph.network import Scope

    return Scope(kw.pop("document_id"), kw.pop("issue_id"), kw.pop("jurisdiction"),
                 kw.pop("year_from"), kw.pop("year_to"), kw.pop("doc_kind"))


def _fail(e: Exception) -> click.ClickException:
    return click.ClickException(str(e))


@click.group()
@click.version_option(package_name="gongbao")
def cli() -> None:
    """Chinese government gazettes into a knowledge base of who is responsible for what."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@click.option("-j", "--jobs", type=click.IntRange(1), default=None,
              help="Parallel parsing processes (default: all cores).")
@click.option("--quiet", is_flag=True, help="No progress bar and no per-file lines.")
@click.option("--no-analyze", is_flag=True,
              help="Skip the language analysis (mentions, keywords); run `gongbao analyze` later.")
@click.option("--reparse", is_flag=True,
              help="Re-parse sources an older parser version built (with no PATH: every such "
                   "source still on disk).")
@click.option("--prune", is_flag=True,
              help="Remove from the knowledge base the sources that are not among PATHS.")
@click.option("--time-limit", type=click.FloatRange(0), default=pipeline.TIME_LIMIT, show_default=True,
              help="Seconds one source may take to parse (0: no limit); a source over it fails alone.")
def build(paths: tuple[str, ...], db_path: str, jobs: int | None, quiet: bool,
          no_analyze: bool, reparse: bool, prune: bool, time_limit: float) -> None:
    """Parse gazette issues or documents (files or folders) into the knowledge base.

    With no PATH, builds the bundled sample issue. Unchanged sources are
    skipped; a changed source replaces its old rows; a source that fails
    leaves the database as it was and is reported.

    Example:

        gongbao build issues/2023/ extra.txt --db data/gazette.db
    """
    import os
    import time

    targets = list(paths) or [pipeline.sample_path()]
    if reparse and not paths:
        targets = pipeline.stale_sources(db_path)
        if not targets:
            click.echo(f"{db_path}: every source was built by this parser version")
            return
    jobs = jobs or os.cpu_count() or 1
    try:
        n = sum(1 for _ in pipeline.iter_sources(targets))
    except OSError as e:
        raise _fail(e) from e
    started = time.monotonic()
    show_bar = not quiet and n > 1 and sys.stderr.isatty()
    try:
        if show_bar:
            with click.progressbar(length=n, label="building", show_eta=True, show_pos=True,
                                   file=sys.stderr) as bar:
                def tick(_path: str) -> None:
                    bar.update(1)
                    rate = bar.pos / max(time.monotonic() - started, 1e-6)
                    bar.label = f"building ({rate:.1f} files/s)"
                report = pipeline.build(targets, db_path, jobs=jobs, progress=tick,
                                        analyze=not no_analyze, reparse=reparse, prune=prune,
                                        time_limit=time_limit)
        else:
            report = pipeline.build(targets, db_path, jobs=jobs, analyze=not no_analyze,
                                    reparse=reparse, prune=prune, time_limit=time_limit)
    except GongbaoError as e:
        raise _fail(e) from e
    except KeyboardInterrupt:
        click.echo("\ninterrupted: every source stored so far is complete (one transaction "
                   "each); run the same build again to continue", err=True)
        sys.exit(130)
    elapsed = time.monotonic() - started
    if not quiet and n <= 20:
        for r in report.results:
            click.echo(f"{r.status:9} {r.path}: {r.documents} documents, {r.tasks} tasks, "
                       f"{r.warnings} warnings" if r.status != "unchanged" else
                       f"unchanged {r.path}")
    for e in report.failures:
        click.echo(f"failed    {e}", err=True)
    for path in report.pruned:
        click.echo(f"pruned    {path}")
    pruned = f", {len(report.pruned)} pruned" if prune else ""
    click.echo(f"{db_path}: {report.count('built') + report.count('replaced')} built, "
               f"{report.count('unchanged')} unchanged, {len(report.failures)} failed{pruned} "
               f"in {elapsed:.1f} s ({len(report.results) / max(elapsed, 1e-9):.1f} files/s)")
    if report.failures:
        sys.exit(1)


def _to_json(obj: object, with_text: bool) -> object:
    d = dataclasses.asdict(obj)  # type: ignore[call-overload]
    if not with_text:
        d.pop("text", None)
    return d


@cli.command()
@click.argument("path", type=click.Path())
@click.option("--with-text", is_flag=True, help="Include the whole extracted source text.")
def parse(path: str, with_text: bool) -> None:
    """Print the parsed document tree of PATH as JSON (no database).

    Example:

        gongbao parse issue.txt | jq '.documents[].title'
    """
    try:
        parsed = pipeline.parse(path)
    except GongbaoError as e:
        raise _fail(e) from e
    click.echo(json.dumps(_to_json(parsed, with_text), ensure_ascii=False, indent=1))


@cli.command()
@db_option
@click.option("--all", "everything", is_flag=True, help="Re-analyse every source.")
def analyze(db_path: str, everything: bool) -> None:
    """Run the language analysis (department mentions, task keywords) on sources not yet
    analysed with this version. `gongbao build` runs it after storing.

    Example:

        gongbao analyze --all
    """
    from .publish.analyze import analyze as run_analysis
    from .publish.store import open_db

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no knowledge base here; run `gongbao build` first")
    import sqlite3

    try:
        db = open_db(db_path)
    except sqlite3.Error as e:
        raise click.ClickException(f"{db_path}: not a gongbao knowledge base ({e})") from e
    try:
        n = run_analysis(db, everything=everything)
    finally:
        db.close()
    click.echo(f"{db_path}: {n} sources analysed")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def check(paths: tuple[str, ...]) -> None:
    """Report, per document, what was understood: items, tagged tasks, actors,
    names no directory knows, and warnings. Run it before trusting a new source.

    Example:

        gongbao check new-issue.txt
    """
    from .check import check as run_check

    failed = False
    for path in paths:
        try:
            ps, docs = run_check(path)
        except GongbaoError as e:
            click.echo(f"error: {e}", err=True)
            failed = True
            continue
        click.echo(f"{path}: {len(docs)} documents, {len(ps.findings)} warnings")
        for d in docs:
            warn = ", ".join(f"{n} {k}" for k, n in sorted(d.warnings.items())) or "none"
            click.echo(f"  [{d.kind}] {d.title} {d.doc_number or ''}".rstrip())
            click.echo(f"      jurisdiction {d.jurisdiction or '?'}; {d.items} numbered items, "
                       f"{d.tagged_tasks} tagged tasks, {d.actors} task–actor pairs; "
                       f"warnings: {warn}")
            if d.resolved_by:
                click.echo("      units resolved by " + ", ".join(
                    f"{k} {n}" for k, n in sorted(d.resolved_by.items(), key=lambda kv: -kv[1])))
            if d.unresolved:
                click.echo(f"      not in any directory or template: {'、'.join(d.unresolved)}")
        for f in ps.findings:  # every tag-like text that gave no task: a hole in the data
            if f.kind == "tag_unparsed":
                click.echo(f"  ? {f.message}")
        other = [f for f in ps.findings if f.document is None and f.severity != "info"
                 and f.kind != "tag_unparsed"]
        for f in other:
            click.echo(f"  ! {f.kind}: {f.message}")
    if failed:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; 0.0.0.0 exposes the knowledge base to the network.")
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--sql-time-limit-ms", default=1000, show_default=True, type=int)
@click.option("--public", is_flag=True,
              help="For a server others reach: arbitrary SQL off, canned queries and pages on.")
@click.option("--dry-run", is_flag=True, help="Print the Datasette command and exit.")
def serve(db_path: str, host: str, port: int, sql_time_limit_ms: int, public: bool, dry_run: bool) -> None:
    """Serve the knowledge base read-only with Datasette.

    Example:

        gongbao serve --port 8001
    """
    from .publish.serve import datasette_command

    try:
        cmd = datasette_command(db_path, host, port, sql_time_limit_ms, public=public)
    except GongbaoError as e:
        raise _fail(e) from e
    if host not in ("127.0.0.1", "localhost", "::1") and not public:
        click.echo(f"warning: binding to {host} makes the knowledge base reachable from "
                   "other machines", err=True)
    if dry_run:
        click.echo(" ".join(cmd))
        return
    import subprocess

    sys.exit(subprocess.call(cmd))


@cli.group()
def export() -> None:
    """Export tables for spreadsheets, R or pandas."""


def _emit(output: str | None, fmt: str, write, binary: tuple[str, ...] = ("xlsx", "png")):
    if fmt in binary and not output:
        raise click.UsageError(f"--format {fmt} needs -o FILE")
    try:
        n = write(output or sys.stdout)
    except (GongbaoError, ValueError) as e:
        raise _fail(e) from e
    if output:
        click.echo(f"{output}: {n if not isinstance(n, tuple) else n[0]} "
                   f"{'nodes, ' + str(n[1]) + ' edges' if isinstance(n, tuple) else 'rows'}",
                   err=True)


output_option = click.option("-o", "--output", type=click.Path(dir_okay=False),
                             help="File (default stdout).")


@export.command()
@db_option
@output_option
@click.option("--format", "fmt", type=click.Choice(exports.FORMATS), default="csv",
              show_default=True)
@filter_options
def responsibilities(db_path: str, output: str | None, fmt: str, **kw) -> None:
    """One row per task–actor pair.

    Example:

        gongbao export responsibilities -o resp.csv
    """
    scope = _scope(kw)
    _emit(output, fmt, lambda out: exports.export_responsibilities(db_path, out, fmt, scope=scope))


@export.command()
@db_option
@output_option
@click.option("--format", "fmt", type=click.Choice(exports.FORMATS + exports.PICTURE_FORMATS),
              default="csv", show_default=True,
              help="csv/xlsx: a table; png/svg: a heatmap coloured by role.")
@click.option("--letters", is_flag=True,
              help="Cells as letters: L lead, O sole, S shared, P support, G guide.")
@filter_options
def matrix(db_path: str, output: str | None, fmt: str, letters: bool, **kw) -> None:
    """Tasks × departments, each cell the department's role in the task.

    Example:

        gongbao export matrix --format xlsx -o matrix.xlsx
        gongbao export matrix --document 2 --format png -o plan.png
    """
    scope = _scope(kw)
    _emit(output, fmt, lambda out: exports.export_matrix(db_path, out, fmt, scope=scope,
                                                         letters=letters),
          binary=("xlsx", "png"))


@export.command()
@db_option
@output_option
@click.option("--format", "fmt", type=click.Choice(exports.GRAPH_FORMATS), default="graphml",
              show_default=True)
@click.option("--graph", "kind", type=click.Choice(exports.GRAPH_KINDS), default="bipartite",
              show_default=True, help="Tasks and departments; departments linked by shared "
                                      "tasks; or documents and what they cite.")
@filter_options
def graph(db_path: str, output: str | None, fmt: str, kind: str, **kw) -> None:
    """The responsibility graph for Gephi, R igraph or networkx (attributes kept).

    Example:

        gongbao export graph --format gexf --graph projection -o departments.gexf
    """
    scope = _scope(kw)
    _emit(output, fmt, lambda out: exports.export_graph(db_path, out, fmt, kind, scope))


@export.command()
@click.argument("name")
@db_option
@output_option
@click.option("--format", "fmt", type=click.Choice(["csv", "md", "xlsx"]), default="md",
              show_default=True)
@filter_options
def department(name: str, db_path: str, output: str | None, fmt: str, **kw) -> None:
    """One department's workload: its tasks grouped by document and role.

    Example:

        gongbao export department 市市场监管局 --format md
    """
    scope = _scope(kw)
    _emit(output, fmt, lambda out: exports.export_department(db_path, name, out, fmt, scope))


def main() -> None:  # pragma: no cover
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()

