"""The pipeline verbs: parse one file, build many into a knowledge base."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DatabaseError, GongbaoError, InputError
from .ingest import read_source
from .ingest.text import FOLDER_SUFFIXES, is_large
from .models import ParsedSource
from .parse import parse_source
from .parse.departments import Directory, load_directory
from .publish.store import StoreResult, open_db, store_source, writing
from .resources import data_path

SAMPLE = data_path("samples", "jinan-gazette-2023-22.txt")
DEFAULT_DB = Path("gazette.db")  # in the current folder: a build never writes into the install


def sample_path() -> str:
    """The bundled sample issue, relative to the working folder when inside it."""
    try:
        return str(SAMPLE.relative_to(Path.cwd()))
    except ValueError:
        return str(SAMPLE)


def parse(path: str | Path, directory: Directory | None = None) -> ParsedSource:
    """Parse one file into its document tree (no database)."""
    return parse_source(read_source(path), directory or load_directory())


def parse_text(text: str, name: str = "<text>", directory: Directory | None = None) -> ParsedSource:
    """Parse text held in memory (a notebook cell, a test) as if it were a .txt file."""
    import hashlib

    from .models import SourceText

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    src = SourceText(name, hashlib.sha256(text.encode("utf-8")).hexdigest(), "text", text)
    return parse_source(src, directory or load_directory())


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the readable files inside folders named, in a stable order."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from sorted(f for f in path.rglob("*")
                              if f.is_file() and f.suffix.lower() in FOLDER_SUFFIXES)
        else:
            yield path


@dataclass
class BuildReport:
    results: list[StoreResult] = field(default_factory=list)
    failures: list[InputError | GongbaoError] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)


# Seconds one source may take to parse: a pathological input fails alone, the build goes on.
TIME_LIMIT = 120.0


class _OverTime(BaseException):
    """Raised by the alarm; a BaseException so no ``except Exception`` in the parser eats it."""


def _parse_job(args: tuple[str, str | None, float]) -> ParsedSource | GongbaoError:
    """Worker: parse one file (a pure function of the file and the directory) within the time
    limit (a SIGALRM timer, where the platform has one and this is a main thread)."""
    import signal
    import threading

    path, directory_path, limit = args
    timed = bool(limit) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if timed:
        def over(_signum, _frame):
            raise _OverTime
        previous = signal.signal(signal.SIGALRM, over)
        signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return parse(path, load_directory(directory_path))
    except GongbaoError as e:
        return e
    except _OverTime:
        return InputError(path, f"parsing took more than {limit:g} s and was stopped; the other sources "
                          "go on (a pathological input: please report it; --time-limit sets the limit)")
    except Exception as e:  # a parser bug must not take the whole build down
        return GongbaoError(f"{path}: internal error while parsing ({type(e).__name__}: {e})")
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _sha256(path: Path) -> str | None:
    """The file's hash, or None when it cannot be read (parsing then says why)."""
    from .ingest.text import file_sha256

    try:
        return file_sha256(path)
    except OSError:
        return None


def build(paths: Iterable[str | Path], db_path: str | Path = DEFAULT_DB,
          directory: Directory | None = None, jobs: int = 1,
          progress: Callable[[str], None] | None = None, analyze: bool = True,
          reparse: bool = False, prune: bool = False, time_limit: float = TIME_LIMIT) -> BuildReport:
    """Parse every source and store each in its own transaction, then run the
    language analysis (mentions, keywords) on what is new unless ``analyze`` is off.

    Sources whose content hash is already in the database are skipped without
    parsing, unless ``reparse`` and an older parser built them.  Parsing runs in
    ``jobs`` processes (it is a pure function of the file), a bounded number of
    files ahead of the writer, so memory stays flat however many files there are;
    storing runs here, in input order, one transaction per source.  A source that
    fails is reported and leaves the database untouched; the others still build.
    ``prune`` removes sources that are not among this run's inputs; a source whose parse
    takes longer than ``time_limit`` seconds (0: no limit) fails alone.
    """
    from .parse import PARSER_VERSION

    directory = directory or load_directory()
    report = BuildReport()
    sources = list(iter_sources(paths))
    if not sources:
        raise GongbaoError("no sources to build: give files or folders of .txt/.html/.pdf files")
    db = _open(db_path)
    try:
        todo: list[Path] = []
        for path in sources:
            if is_large(path):
                _build_large(db, path, directory, report, progress, reparse)
                continue
            digest = _sha256(path)
            row = db.execute("SELECT id, parser_version FROM sources WHERE sha256 = ?",
                             [digest]).fetchone() if digest else None
            if row and not (reparse and row[1] != PARSER_VERSION):
                _follow_move(db, row[0], path)
                report.results.append(StoreResult(str(path), "unchanged", row[0]))
                if progress:
                    progress(str(path))
            else:
                todo.append(path)
        args = [(str(p), str(directory.path), time_limit) for p in todo]
        if jobs > 1 and len(todo) > 1:
            _store_all(db, zip(todo, _parallel(args, jobs), strict=True), report, progress)
        else:
            _store_all(db, ((p, _parse_job(a)) for p, a in zip(todo, args, strict=True)),
                       report, progress)
        if prune:
            report.pruned = _prune(db, {str(p) for p in sources}
                                   | {r.path for r in report.results})
        if analyze:
            from .publish.analyze import analyze as run_analysis

            run_analysis(db, directory, jobs=jobs)
        from .publish.graphstats import refresh_measures
        from .publish.store import refresh_history

        refresh_history(db, directory)
        refresh_measures(db, str(db_path))
    finally:
        db.close()
    return report


def _open(db_path: str | Path):
    """The knowledge base, created if missing; a file that is not one is refused."""
    import sqlite3

    try:
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        return open_db(str(db_path))
    except (sqlite3.Error, OSError) as e:
        raise DatabaseError(f"{db_path}: cannot be used as a knowledge base ({e})") from e


def stale_sources(db_path: str | Path) -> list[str]:
    """Paths (still on disk) of sources that an older parser version built."""
    import sqlite3

    from .parse import PARSER_VERSION

    if not Path(db_path).exists():
        return []
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute("SELECT path FROM sources WHERE parser_version IS NOT ?",
                            [PARSER_VERSION]).fetchall()
    finally:
        conn.close()
    return [r[0] for r in rows if Path(r[0]).exists()]


def _build_large(db, path: Path, directory: Directory, report: BuildReport,
                 progress: Callable[[str], None] | None, reparse: bool) -> None:
    """A text file too large to hold: each part (cut at a document start) is parsed
    and stored as its own source, ``path#part-0001`` …, in its own transaction.  An
    interrupted build resumes at the first part not stored; parts of an older
    version of the file are removed."""
    from .ingest.text import file_sha256, iter_parts
    from .parse import PARSER_VERSION
    from .publish.store import delete_source, prune_departments

    try:
        digest = file_sha256(path)
        stale = [r[0] for r in db.execute(
            "SELECT id FROM sources WHERE path LIKE ? ESCAPE '\\' AND sha256 NOT LIKE ?",
            [str(path).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "#part-%",
             digest + "#%"])]
        for source_id in stale:
            with writing(db):
                delete_source(db, source_id)
                prune_departments(db)
        for part in iter_parts(path, digest=digest):
            row = db.execute("SELECT id, parser_version FROM sources WHERE sha256 = ?",
                             [part.sha256]).fetchone()
            if row and not (reparse and row[1] != PARSER_VERSION):
                report.results.append(StoreResult(part.path, "unchanged", row[0]))
                continue
            report.results.append(store_source(db, parse_source(part, directory), replace_same=True))
    except GongbaoError as e:
        report.failures.append(e)
    except Exception as e:  # a parser bug or a database error: this file fails, not the build
        report.failures.append(GongbaoError(f"{path}: {type(e).__name__}: {e}"))
    if progress:
        progress(str(path))


def _parallel(args: list[tuple[str, str | None, float]], jobs: int) -> Iterator[ParsedSource | GongbaoError]:
    """Results in input order, at most ``2 × jobs`` files parsed ahead of the consumer."""
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque = deque()
        it = iter(args)
        for a in it:
            pending.append(pool.submit(_parse_job, a))
            if len(pending) >= 2 * jobs:
                break
        while pending:
            result = pending.popleft().result()
            nxt = next(it, None)
            if nxt is not None:
                pending.append(pool.submit(_parse_job, nxt))
            yield result


def _follow_move(db, source_id: int, path: Path) -> None:
    """An unchanged file found at a new path (a renamed folder): the source moves with it,
    unless its old path still holds the same file (a copy)."""
    old = db.execute("SELECT path FROM sources WHERE id = ?", [source_id]).fetchone()[0]
    if old != str(path) and not Path(old).exists():
        with writing(db):
            db.execute("UPDATE sources SET path = ? WHERE id = ?", [str(path), source_id])


def _prune(db, keep: set[str]) -> list[str]:
    """Delete the sources whose path is not among ``keep`` (the parts of a large file
    count as the file); each in its own transaction."""
    from .publish.store import delete_source, prune_departments

    gone = [(r[0], r[1]) for r in db.execute("SELECT id, path FROM sources")
            if r[1] not in keep and r[1].split("#part-")[0] not in keep]
    for source_id, _ in gone:
        with writing(db):
            delete_source(db, source_id)
            prune_departments(db)
    return [p for _, p in gone]


def _store_all(db, parsed: Iterable[tuple[Path, ParsedSource | GongbaoError]],
               report: BuildReport, progress: Callable[[str], None] | None) -> None:
    import sqlite3

    for path, result in parsed:
        try:
            if isinstance(result, GongbaoError):
                raise result
            report.results.append(store_source(db, result, replace_same=True))
        except GongbaoError as e:
            report.failures.append(e)
        except sqlite3.Error as e:  # a full disk, a locked file: this source is rolled back
            report.failures.append(GongbaoError(f"{path}: not stored, the database said: {e}"))
        if progress:
            progress(str(path))
