"""Load test of `gongbao serve`: concurrent clients running the canned queries.

Loopback only, bounded in time: N clients (threads) each run the canned queries in
turn, as JSON, for a fixed time against a server started here.  Run:

    python benchmarks/bench_serve.py DB [CLIENTS] [SECONDS]
"""

from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongbao.publish.serve import datasette_command  # noqa: E402

PARAMS = {"department": "市市场监管局", "words": "计量", "keyword": "计量"}


def main(db: Path, clients: int = 10, seconds: float = 30.0) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(datasette_command(db, "127.0.0.1", port), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/{db.stem}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    meta = json.loads((ROOT / "metadata.json").read_text(encoding="utf-8"))
    queries = list(meta["databases"]["gazette"]["queries"])
    urls = []
    for q in queries:
        sql = meta["databases"]["gazette"]["queries"][q]["sql"]
        params = {k: v for k, v in PARAMS.items() if f":{k}" in sql}
        urls.append(f"{base}/{q}.json?" + urllib.parse.urlencode({**params, "_shape": "array"}))
    latencies: dict[str, list[float]] = {q: [] for q in queries}
    errors: list[str] = []
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        i = k
        while time.monotonic() < stop:
            q, url = queries[i % len(queries)], urls[i % len(urls)]
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as r:
                    r.read()
                latencies[q].append((time.perf_counter() - t) * 1000)
            except (urllib.error.URLError, TimeoutError) as e:
                errors.append(f"{q}: {e}")
            i += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    proc.terminate()
    proc.wait(10)
    every = sorted(x for v in latencies.values() for x in v)
    print(f"{clients} clients, {elapsed:.0f} s: {len(every)} requests, {len(every) / elapsed:.1f} "
          f"requests/s, p50 {statistics.median(every):.0f} ms, p95 "
          f"{every[int(0.95 * len(every)) - 1]:.0f} ms, {len(errors)} errors")
    for q, v in latencies.items():
        v.sort()
        if v:
            print(f"  {q:24} n={len(v):5d} p50 {statistics.median(v):6.0f} ms  p95 "
                  f"{v[int(0.95 * len(v)) - 1]:6.0f} ms")
    for e in errors[:5]:
        print("  error:", e)


if __name__ == "__main__":
    a = sys.argv[1:]
    main(Path(a[0]), int(a[1]) if len(a) > 1 else 10, float(a[2]) if len(a) > 2 else 30.0)
