"""gongbao: Chinese government gazettes into a knowledge base of who is responsible for what.

The pipeline verbs::

    doc = gongbao.parse("issue.txt")          # the document tree, as dataclasses
    gongbao.build(["issues/"], "gazette.db")  # a SQLite knowledge base
"""

from .errors import DatabaseError, GongbaoError, InputError
from .graph.export import export_matrix, export_responsibilities
from .pipeline import build, parse

__version__ = "0.1.0"

__all__ = [
    "DatabaseError", "GongbaoError", "InputError", "build", "export_matrix",
    "export_responsibilities", "parse",
]
