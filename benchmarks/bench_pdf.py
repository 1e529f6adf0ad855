"""PDF ingestion speed and memory, side by side with plain pdfplumber.

For each PDF: pages/s of pdfplumber's own ``extract_text()`` over every page, and
pages/s of gongbao reading the same PDF (layout, boxes, tables) and of a whole
``gongbao build`` into a fresh database; peak resident memory of each, measured in
a fresh process.  Run:

    python benchmarks/bench_pdf.py [PDF ...]

(default: the fixtures in tests/fixtures/pdf and the 159-page national PDF).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = sorted((ROOT / "tests/fixtures/pdf").glob("*.pdf")) + sorted(
    (ROOT / "tests/fixtures/corpus").glob("*.pdf"))

CHILD = r"""
import json, resource, sys, time, tempfile, os
mode, path = sys.argv[1], sys.argv[2]
t = time.perf_counter()
if mode == "pdfplumber":
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        n = len(pdf.pages)
        for page in pdf.pages:
            page.extract_text()
            page.close()
elif mode == "read":
    from gongbao.ingest.pdf import read_pdf
    n = len(read_pdf(path).page_starts)
else:
    import gongbao
    db = os.path.join(tempfile.mkdtemp(), "b.db")
    report = gongbao.build([path], db, analyze=mode == "build+nlp")
    assert report.ok, report.failures
    from gongbao.ingest.pdf import read_pdf
    n = None
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "pages": n,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(mode: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def warm(paths: list[Path], repeat: int = 3) -> None:
    """Side by side in one process, libraries already imported: best of ``repeat``."""
    import pdfplumber

    import gongbao

    print("\nwarm, in one process (imports excluded), best of", repeat, "; build without analysis")
    print(f"{'file':44} {'pages':>5} {'plumber s':>9} {'build s':>8} {'build/plumber':>13} {'build p/s':>9}")
    for path in paths:
        best_p = best_b = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            with pdfplumber.open(path) as pdf:
                n = len(pdf.pages)
                for page in pdf.pages:
                    page.extract_text()
                    page.close()
            best_p = min(best_p, time.perf_counter() - t)
            with tempfile.TemporaryDirectory() as d:
                t = time.perf_counter()
                assert gongbao.build([path], Path(d) / "b.db", analyze=False).ok
                best_b = min(best_b, time.perf_counter() - t)
        print(f"{path.name[:44]:44} {n:5d} {best_p:9.3f} {best_b:8.3f} {best_b / best_p:13.2f} "
              f"{n / best_b:9.1f}")


def main(paths: list[Path]) -> None:
    print("cold: each run in a fresh process, imports included; peak RSS of that process")
    print("build: parse and store, no language analysis; +nlp: with it (spaCy, jieba)")
    print(f"{'file':44} {'pages':>5} {'plumber p/s':>11} {'read p/s':>9} {'build p/s':>9} "
          f"{'build/plumber':>13} {'peak MB plumber/build/+nlp':>27}")
    for path in paths:
        plain = run("pdfplumber", path)
        read = run("read", path)
        build = run("build", path)
        nlp = run("build+nlp", path)
        pages = plain["pages"]
        print(f"{path.name[:44]:44} {pages:5d} {pages / plain['seconds']:11.1f} "
              f"{pages / read['seconds']:9.1f} {pages / build['seconds']:9.1f} "
              f"{build['seconds'] / plain['seconds']:13.2f} "
              f"{plain['peak_mb']:10.0f} / {build['peak_mb']:.0f} / {nlp['peak_mb']:.0f}")


if __name__ == "__main__":
    targets = [Path(p) for p in sys.argv[1:]] or DEFAULT
    main(targets)
    warm(targets)
