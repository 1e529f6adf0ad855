"""The library's own errors; only ``cli.py`` turns them into messages."""

from __future__ import annotations


class GongbaoError(Exception):
    """Base class: anything gongbao refuses to do, with a reason a user can act on."""


class InputError(GongbaoError):
    """A source file cannot be read as a document: names the file and the cause."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self):  # errors travel back from parsing processes
        return (InputError, (self.path, self.problem))


class DatabaseError(GongbaoError):
    """The knowledge base is missing or not one gongbao built."""
