"""The pipeline verbs: parse one file, build many into a knowledge base."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GongbaoError, InputError
from .ingest import read_source
from .ingest.text import SUFFIXES
from .models import ParsedSource
from .parse import parse_source
from .parse.departments import Directory, load_directory
from .publish.store import StoreResult, open_db, store_source

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "jinan-gazette-2023-22.txt"
DEFAULT_DB = Path(__file__).resolve().parents[1] / "data" / "gazette.db"


def sample_path() -> str:
    """The bundled sample issue, relative to the working folder when inside it."""
    try:
        return str(SAMPLE.relative_to(Path.cwd()))
    except ValueError:
        return str(SAMPLE)


def parse(path: str | Path, directory: Directory | None = None) -> ParsedSource:
    """Parse one file into its document tree (no database)."""
    return parse_source(read_source(path), directory or load_directory())


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the readable files inside folders named, in a stable order."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from sorted(f for f in path.rglob("*")
                              if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            yield path


@dataclass
class BuildReport:
    results: list[StoreResult] = field(default_factory=list)
    failures: list[InputError | GongbaoError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)


def build(paths: Iterable[str | Path], db_path: str | Path = DEFAULT_DB,
          directory: Directory | None = None) -> BuildReport:
    """Parse every source and store each in its own transaction.

    A source that fails is reported and leaves the database untouched; the
    others still build.
    """
    directory = directory or load_directory()
    report = BuildReport()
    sources = list(iter_sources(paths))
    if not sources:
        raise GongbaoError("no sources to build: give files or folders of .txt/.html files")
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    db = open_db(str(db_path))
    try:
        for path in sources:
            try:
                parsed = parse(path, directory)
                report.results.append(store_source(db, parsed))
            except GongbaoError as e:
                report.failures.append(e)
    finally:
        db.close()
    return report
