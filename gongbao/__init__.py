"""gongbao: Chinese government gazettes into a knowledge base of who is responsible for what.

The pipeline verbs::

    doc = gongbao.parse("issue.txt")          # the document tree, as dataclasses
    doc = gongbao.parse_text("一、…（市教育局负责）")  # the same, from a string
    gongbao.build(["issues/"], "gazette.db")  # a SQLite knowledge base
"""

from typing import Any

from .errors import DatabaseError, GongbaoError, InputError
from .pipeline import build, parse, parse_text


def __getattr__(name: str) -> Any:
    """Exports pull in networkx and openpyxl: import them only when asked for."""
    if name in ("export_matrix", "export_responsibilities"):
        from .graph import export

        return getattr(export, name)
    raise AttributeError(f"module 'gongbao' has no attribute {name!r}")

__version__ = "0.1.0"

__all__ = [
    "DatabaseError", "GongbaoError", "InputError", "build", "export_matrix",
    "export_responsibilities", "parse", "parse_text",
]
