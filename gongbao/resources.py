"""Where the bundled data is: ``data/`` and ``metadata.json`` at the repository root, which the
wheel carries as the packages ``gongbao._data`` and ``gongbao._root`` (pyproject's package-dir
maps them), so a checkout, an editable install and an installed wheel find the same files
through importlib.resources and none of them reads outside its install.
"""

from __future__ import annotations

import importlib
from importlib import resources
from pathlib import Path

from .errors import GongbaoError

# The same folders in a checkout (and an editable install, whose finder does not always resolve
# a namespace package mapped outside the package).
_CHECKOUT = {"gongbao._data": Path(__file__).resolve().parents[1] / "data",
             "gongbao._root": Path(__file__).resolve().parents[1]}


def _package_dir(package: str) -> Path:
    try:
        files = resources.files(package)
        if isinstance(files, Path):
            return files
        # a namespace package (no __init__.py in data/): its one folder
        return Path(next(iter(importlib.import_module(package).__path__)))
    except ModuleNotFoundError as e:
        here = _CHECKOUT[package]
        if (here / "metadata.json").exists() or (here / "departments").is_dir():
            return here
        raise GongbaoError(f"gongbao's bundled data ({package}) is not installed: reinstall gongbao") from e


def data_path(*parts: str) -> Path:
    """A file or folder of the bundled ``data/`` (departments, templates, samples)."""
    return _package_dir("gongbao._data").joinpath(*parts)


def metadata_path() -> Path:
    """The Datasette metadata that documents every table and column."""
    return _package_dir("gongbao._root") / "metadata.json"
