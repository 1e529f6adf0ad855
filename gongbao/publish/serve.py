"""Start Datasette on a built knowledge base: read-only, time-limited, documented."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from ..errors import DatabaseError


def metadata_for(db_path: str | Path, metadata_path: Path | None = None, public: bool = False) -> dict:
    """metadata.json documents the database named ``gazette``; rename it to the served file.
    ``public``: nobody may run arbitrary SQL (canned queries, tables and search stay)."""
    from ..resources import metadata_path as bundled

    meta = json.loads((metadata_path or bundled()).read_text(encoding="utf-8"))
    stem = Path(db_path).stem
    dbs = meta.get("databases", {})
    if "gazette" in dbs and stem != "gazette":
        dbs[stem] = dbs.pop("gazette")
    if public:
        meta["allow_sql"] = False
    return meta


def datasette_command(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001,
                      sql_time_limit_ms: int = 1000, public: bool = False) -> list[str]:
    p = Path(db_path)
    if not p.exists():
        raise DatabaseError(f"{p}: no knowledge base here; run `gongbao build` first")
    import hashlib
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        conn.execute("SELECT 1 FROM sources LIMIT 1")
        conn.close()
    except sqlite3.Error as e:
        raise DatabaseError(f"{p}: not a gongbao knowledge base ({e})") from e
    text = json.dumps(metadata_for(p, public=public), ensure_ascii=False)
    # one file per metadata content: serving again reuses it instead of adding another
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    meta_path = Path(tempfile.gettempdir()) / f"gongbao-metadata-{digest}.json"
    meta_path.write_text(text, encoding="utf-8")
    return [
        sys.executable, "-m", "datasette", "serve", "-i", str(p), "--metadata", str(meta_path),
        "--host", host, "--port", str(port),
        "--setting", "sql_time_limit_ms", str(sql_time_limit_ms),
        "--setting", "max_returned_rows", "2000",
        "--setting", "default_page_size", "50",
        # CSV downloads pass through the formula guard whole: no unbounded streams
        "--setting", "allow_csv_stream", "off",
    ]
