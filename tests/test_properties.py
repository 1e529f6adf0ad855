"""Hypothesis properties: offsets survive cleaning, the parser survives mangled input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongbao.ingest.clean import fold_width, split_lines
from gongbao.models import SourceText
from gongbao.parse import parse_source

from .conftest import SAMPLE

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
CHARS = st.sampled_from(list("（）()、，。；：\n\t 一二三1.市局委负责牵头依职责分工专栏第条-"))


@given(st.text())
def test_fold_width_keeps_length(text):
    assert len(fold_width(text)) == len(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_lines_point_into_the_source(text):
    folded = fold_width(text).replace("\f", " ")  # a form feed only marks a page
    for line in split_lines(text):
        assert folded[line.start:line.end] == line.text


@st.composite
def mangled(draw):
    """The sample with random insertions, deletions and width swaps."""
    text = SAMPLE_TEXT
    for _ in range(draw(st.integers(0, 12))):
        i = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["insert", "delete", "swap", "break"]))
        if op == "insert":
            text = text[:i] + draw(st.text(CHARS, min_size=1, max_size=4)) + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + draw(st.integers(1, 30)):]
        elif op == "swap":
            text = text[:i] + text[i:].replace("（", "(", 1).replace("）", ")", 1)
        else:
            text = text[:i] + "\n\n" + text[i:]
    return text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_parser_never_crashes_nor_invents_actors(text):
    ps = parse_source(SourceText("fuzz.txt", "0", "text", text))
    squeezed = text.replace(" ", "").replace("\n", "")
    for d in ps.documents:
        for t in d.tasks:
            for a in t.tag.actors:
                for piece in a.written.split("、"):
                    assert piece in squeezed, a.written
