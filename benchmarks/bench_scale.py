"""Scale benchmark: build a synthetic corpus of gazette issues and measure it.

    python benchmarks/bench_scale.py [N_ISSUES] [PAGES] [WORKDIR]

Prints: corpus size; full build time, files/s and files/s per core, peak memory of
the builder and of its worker processes; database size; a 10 % build's peak memory
(to show it does not grow with the corpus); incremental rebuild time with nothing
changed; p50/p95 latency of every canned query run directly on the database.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

BUILD = r"""
import json, resource, sys, time
import gongbao
t = time.perf_counter()
r = gongbao.build([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]))
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "built": r.count("built"), "unchanged": r.count("unchanged"),
                  "failed": len(r.failures),
                  "peak_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "peak_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

PARAMS = {"department": "市市场监管局", "words": "计量", "keyword": "计量"}


def build(folder: Path, db: Path, jobs: int) -> dict:
    out = subprocess.run([sys.executable, "-c", BUILD, str(folder), str(db), str(jobs)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def query_latency(db: Path, repeat: int = 30) -> dict[str, tuple[float, float, int]]:
    meta = json.loads((ROOT / "metadata.json").read_text(encoding="utf-8"))
    from gongbao.publish.search import fts_query

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.create_function("escape_fts", 1, fts_query)  # as the Datasette plugin does
    out = {}
    for name, q in meta["databases"]["gazette"]["queries"].items():
        times = []
        n = 0
        for _ in range(repeat):
            t = time.perf_counter()
            n = len(conn.execute(q["sql"], PARAMS).fetchmany(1000))  # Datasette's page cap
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        out[name] = (statistics.median(times), times[int(0.95 * len(times)) - 1], n)
    return out


def main(n: int = 1000, pages: int = 50, work: Path = Path("/tmp/gongbao-scale")) -> None:
    import gen_corpus

    jobs = os.cpu_count() or 1
    corpus = work / "corpus"
    t = time.perf_counter()
    paths = gen_corpus.main(corpus, n, pages)
    size = sum(p.stat().st_size for p in paths)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"corpus: {n} issues, {size / 1e6:.0f} MB, {chars / 1e6:.1f} M characters "
          f"(~{chars / 1500:,.0f} pages at 1,500 characters), generated in "
          f"{time.perf_counter() - t:.0f} s")
    # memory does not grow with the corpus: a tenth of it first
    small = work / "small"
    small.mkdir(exist_ok=True)
    for p in paths[: max(1, n // 10)]:
        target = small / p.name
        if not target.exists():
            target.symlink_to(p)
    db_small = work / "small.db"
    db_small.unlink(missing_ok=True)
    r_small = build(small, db_small, jobs)
    db = work / "gazette.db"
    db.unlink(missing_ok=True)
    r = build(corpus, db, jobs)
    print(f"full build: {r['built']} built, {r['failed']} failed in {r['seconds']:.0f} s; "
          f"{r['built'] / r['seconds']:.2f} files/s, {r['built'] / r['seconds'] / jobs:.2f} "
          f"files/s per core ({jobs} cores); {chars / r['seconds'] / 1e3:.0f} k characters/s")
    print(f"peak memory: builder {r['peak_main_mb']:.0f} MB, largest worker "
          f"{r['peak_worker_mb']:.0f} MB (a {len(list(small.iterdir()))}-issue build: "
          f"{r_small['peak_main_mb']:.0f} MB / {r_small['peak_worker_mb']:.0f} MB)")
    print(f"database: {db.stat().st_size / 1e6:.0f} MB")
    r2 = build(corpus, db, jobs)
    print(f"incremental rebuild, nothing changed: {r2['seconds']:.2f} s "
          f"({r2['unchanged']} unchanged)")
    print("canned queries (ms, p50 / p95, rows returned, up to Datasette's 1,000):")
    for name, (p50, p95, rows) in query_latency(db).items():
        print(f"  {name:24} {p50:8.1f} {p95:8.1f} {rows:6d}")
    print(f"(measured {time.strftime('%Y-%m-%d')}, peak RSS from getrusage; "
          f"this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    a = sys.argv[1:]
    main(int(a[0]) if a else 1000, int(a[1]) if len(a) > 1 else 50,
         Path(a[2]) if len(a) > 2 else Path("/tmp/gongbao-scale"))
