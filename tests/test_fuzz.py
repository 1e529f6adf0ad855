"""Fuzzing the parser (issue 12): mutated pieces of the sample and the real corpus, a bounded
number of cases in CI. Whatever the input: only the library's own errors, no actor that is not
written in the input, every offset inside the text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gongbao
from gongbao.errors import GongbaoError

from .conftest import FIXTURES, SAMPLE

TEXTS = [SAMPLE.read_text(encoding="utf-8")] + [
    p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "real").glob("*.txt"))[:12]]
# what hostile or broken text is made of: brackets, labels, separators, numbering, page furniture
PIECES = ["（", "）", "(", ")", "〔", "〕", "【", "】", "、", "，", "；", "：", "\n", " ", "\u3000", "\f",
          "牵头单位：", "责任单位：", "配合单位：", "负责", "牵头", "市", "省", "县", "区", "局", "委", "办",
          "一、", "（一）", "1.", "第一条", "专栏1", "附件", "| ", "济政发〔2023〕11号", "2023年1月1日"]


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(TEXTS))
    start = draw(st.integers(0, max(len(text) - 1, 0)))
    piece = text[start:start + draw(st.integers(0, 3000))]
    for _ in range(draw(st.integers(0, 12))):
        k = draw(st.integers(0, len(piece)))
        what = draw(st.sampled_from(["insert", "delete", "repeat"]))
        if what == "insert":
            piece = piece[:k] + draw(st.sampled_from(PIECES)) * draw(st.integers(1, 50)) + piece[k:]
        elif what == "delete":
            piece = piece[:k] + piece[k + draw(st.integers(0, 200)):]
        else:
            piece = piece[:k] + piece[k:k + 30] * draw(st.integers(1, 20)) + piece[k:]
    return piece


def squeeze(s: str) -> str:
    """Spaces dropped and widths folded: a unit is written as the tag reads it (（lǐ） for (lǐ))."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_any_text_parses_within_its_bounds(text):
    try:
        ps = gongbao.parse_text(text)
    except GongbaoError:
        return
    n = len(ps.text)
    flat = squeeze(ps.text)
    for d in ps.documents:
        assert 0 <= d.start <= d.end <= n
        for t in d.tasks:
            assert 0 <= t.start <= t.end <= n and 0 <= t.tag.start <= t.tag.end <= n
            for a in t.tag.actors:
                assert squeeze(a.written) in flat, a.written
                if a.written_start is not None:
                    assert 0 <= a.written_start < a.written_end <= n
    for f in ps.findings:
        assert f.start is None or 0 <= f.start <= n
