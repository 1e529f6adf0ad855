"""One very large text file (a bound volume of issues): time and peak memory.

    python benchmarks/bench_large.py [SIZE_MB] [WORKDIR] [--analyze]

The file is made of synthetic issues (benchmarks/gen_corpus.py) until it reaches the
size; `gongbao build` reads it in parts (gongbao.ingest.text.PART_CHARS characters,
cut at document starts), so peak memory should not depend on the file's size.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

BUILD = r"""
import json, resource, sys, time
import gongbao
t = time.perf_counter()
r = gongbao.build([sys.argv[1]], sys.argv[2], analyze=sys.argv[3] == "1")
print(json.dumps({"seconds": time.perf_counter() - t, "parts": len(r.results),
                  "failed": len(r.failures),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make(path: Path, size_mb: int) -> None:
    import gen_corpus

    if path.exists() and path.stat().st_size >= size_mb * 1e6:
        return
    issues = gen_corpus.main(path.parent / "issues", 200, 57)
    with open(path, "w", encoding="utf-8") as out:
        written, k = 0, 0
        while written < size_mb * 1e6:
            text = issues[k % len(issues)].read_text(encoding="utf-8") + f"\n（第{k}份）\n\n"
            out.write(text)
            written += len(text.encode("utf-8"))
            k += 1


def main(size_mb: int = 200, work: Path = Path("/tmp/gongbao-large"), analyze: bool = False) -> None:
    work.mkdir(parents=True, exist_ok=True)
    for size in sorted({max(size_mb // 4, 1), size_mb}):
        path = work / f"volume-{size}MB.txt"
        make(path, size)
        db = work / f"large-{size}.db"
        db.unlink(missing_ok=True)
        out = subprocess.run([sys.executable, "-c", BUILD, str(path), str(db), "1" if analyze else "0"],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{path.stat().st_size / 1e6:.0f} MB file: {r['parts']} parts in {r['seconds']:.0f} s "
              f"({path.stat().st_size / 1e6 / r['seconds']:.2f} MB/s), peak memory {r['peak_mb']:.0f} MB, "
              f"{r['failed']} failed; analysis {'on' if analyze else 'off'}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 200, Path(args[1]) if len(args) > 1 else Path("/tmp/gongbao-large"),
         "--analyze" in sys.argv)
