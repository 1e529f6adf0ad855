"""Shared fixtures: the bundled sample, its hand annotation, and a built knowledge base."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import gongbao

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "jinan-gazette-2023-22.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"


@pytest.fixture(scope="session")
def annotation() -> dict:
    """Ground truth made by reading the sample, not by running the parser."""
    return json.loads((FIXTURES / "jinan-2023-22.annotation.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def parsed():
    return gongbao.parse(SAMPLE)


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("kb") / "gazette.db"
    report = gongbao.build([SAMPLE], db)
    assert report.ok
    return db
