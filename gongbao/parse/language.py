"""Language analysis: jieba segmentation, a spaCy pipeline for mentions, keywords.

- jieba gets a user dictionary of every department name (directories and the
  actors and aliases already in the knowledge base), so 市市场监管局 stays one word.
- spaCy runs a blank Chinese pipeline with the jieba segmenter (offline: no
  model download; the ``zh-core-web-sm`` on PyPI is a squatted placeholder) and
  an entity ruler: department names (ORG), plus regular expressions for 文号
  (DOC_NUMBER), dates (DATE), titles in 《》 (TITLE) and generic forms such as
  市市场监管部门 or 各区县政府 (ORG).
- Keywords per task come from jieba's TF-IDF over nouns, minus the words every
  policy text uses (加强, 推进, 体系…), so tasks can be faceted by topic.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import patterns as P

# Bodies that documents name without a directory entry: leadership and
# collectives.  Kind "government", "party" or "group".
ORGANS: dict[str, str] = {
    "党中央": "party", "中共中央": "party", "国务院": "government", "省委": "party",
    "省政府": "government", "市委": "party", "市政府": "government", "区委": "party",
    "区政府": "government", "县委": "party", "县政府": "government",
}
GENERIC_ORG = re.compile(
    rf"各(?:有关)?(?:省级|区县|区|县|市|乡镇|街道)?(?:人民)?政府(?:（[^（）]{{1,12}}）)?"
    rf"|[市省区县](?:政府)?(?:有关|相关)?(?:(?!会同|和|及|与|对|向|由|的)[{P.CJK}]){{0,6}}?部门"
    rf"|(?:有关|相关)(?:部门|单位)(?:和单位)?"
)
TITLE = re.compile(r"《[^《》]{2,80}》")

STOPWORDS = {
    "加强", "推进", "推动", "完善", "建立", "健全", "提升", "提高", "开展", "实施", "强化", "促进",
    "加快", "支持", "鼓励", "落实", "深化", "积极", "进一步", "全面", "工作", "体系", "机制", "水平",
    "能力", "建设", "发展", "服务", "领域", "方面", "相关", "有关", "重点", "技术", "研究", "管理",
    "单位", "部门", "政府", "企业", "机构", "国家", "全市", "我市", "各地", "地区", "要求", "情况",
    "问题", "措施", "政策", "方式", "作用", "基础", "任务", "目标", "制度", "关键", "领导", "组织",
    "负责", "分工", "职责", "依职责", "市场", "社会",
}
NOUNS = ("n", "nz", "vn", "nt", "eng", "ns", "an", "nr")


@dataclass(frozen=True)
class Mention:
    name: str  # as written
    label: str  # ORG | DOC_NUMBER | DATE | TITLE
    start: int  # offsets within the analysed text
    end: int


def cache_dir() -> Path:
    """jieba's dictionary cache, per user (XDG_CACHE_HOME/gongbao): in a shared temporary folder
    another user's cache file cannot be replaced and jieba prints a traceback."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gongbao"
    try:
        base.mkdir(parents=True, exist_ok=True)
        return base
    except OSError:  # no writable home: a private temporary folder
        return Path(tempfile.mkdtemp(prefix="gongbao-jieba-"))


def _quiet_jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    if jieba.dt.tmp_dir is None:
        jieba.dt.tmp_dir = str(cache_dir())
    return jieba


@lru_cache(maxsize=2)
def _pipeline(names: tuple[str, ...]):
    """The spaCy pipeline for a set of department names (built once per set)."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Span
    from spacy.util import filter_spans

    jieba = _quiet_jieba()
    for n in names:
        jieba.add_word(n, freq=100000)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})

    # two-character names (全总, 团委) match inside ordinary words: only as whole tokens
    name_rx = names_regex(tuple(n for n in names if len(n) >= 3))

    @Language.component(f"gongbao_regex_entities_{id(name_rx)}")
    def regex_entities(doc):
        """Entities found in the characters, whatever the segmentation: jieba may cut
        国务院政… across a name the phrase matcher then cannot see."""
        spans = list(doc.ents)
        text = doc.text  # built from the tokens on every access: read it once
        for label, rx in (("DOC_NUMBER", P.DOC_NUMBER), ("DATE", P.DATE), ("TITLE", TITLE),
                          ("ORG", GENERIC_ORG), ("ORG", name_rx)):
            for m in rx.finditer(text):
                span = doc.char_span(m.start(), m.end(), label=label, alignment_mode="expand")
                if span is not None:
                    spans.append(Span(doc, span.start, span.end, label=label))
        doc.ents = filter_spans(spans)
        return doc

    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([{"label": "ORG", "pattern": n} for n in names])
    nlp.add_pipe(f"gongbao_regex_entities_{id(name_rx)}", after="entity_ruler")
    return nlp


class NameMatcher:
    """Finds known names in text, longest first at each position (市市场监管局 wins over
    市场监管局): an index by the first two characters, far faster than a regular
    expression with hundreds of alternatives."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.index: dict[str, list[str]] = {}
        for n in sorted(set(names), key=len, reverse=True):
            if len(n) >= 2:
                self.index.setdefault(n[:2], []).append(n)

    def finditer(self, text: str):
        i, n = 0, len(text)
        while i < n - 1:
            hit = next((c for c in self.index.get(text[i:i + 2], ()) if text.startswith(c, i)), None)
            if hit:
                yield _Match(i, hit)
                i += len(hit)
            else:
                i += 1

    def search(self, text: str):
        return next(self.finditer(text), None)


class _Match:
    """The little of re.Match that the callers use."""

    def __init__(self, start: int, text: str) -> None:
        self._start, self._text = start, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._start + len(self._text)

    def group(self, _k: int = 0) -> str:
        return self._text


@lru_cache(maxsize=4)
def names_regex(names: tuple[str, ...]) -> NameMatcher:
    return NameMatcher(names)


def find_mentions(texts: list[str], names: tuple[str, ...]) -> list[list[Mention]]:
    """Entities in each text, with exact offsets (regular-expression entities are
    aligned to tokens for spaCy, then cut back to the characters that matched)."""
    known = set(names) | set(ORGANS)
    nlp = _pipeline(tuple(sorted(known)))
    regexes = {"DOC_NUMBER": P.DOC_NUMBER, "DATE": P.DATE, "TITLE": TITLE}
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        found = []
        for ent in doc.ents:
            text, start = ent.text, ent.start_char
            rx = regexes.get(ent.label_)
            if ent.label_ == "ORG" and text not in known:
                m = GENERIC_ORG.fullmatch(text) or names_regex(tuple(sorted(known))).search(text) \
                    or GENERIC_ORG.search(text)
                if m is None:
                    continue
                start, text = start + m.start(), m.group(0)
            elif rx is not None:
                m = rx.search(text)
                if m is None:
                    continue
                start, text = start + m.start(), m.group(0)
            found.append(Mention(text, ent.label_, start, start + len(text)))
        out.append(found)
    return out


@lru_cache(maxsize=1)
def _idf():
    import jieba.analyse

    _quiet_jieba()
    tf = jieba.analyse.TFIDF()
    return tf.idf_freq, tf.median_idf, set(tf.stop_words)


def keywords(text: str, names: tuple[str, ...] = (), k: int = 6) -> list[tuple[str, float]]:
    """The task's topic words with TF-IDF weights (jieba's IDF table), highest first.

    Nouns only (jieba's part-of-speech tags, without the HMM for unknown words,
    which is slow and adds little to policy vocabulary); generic policy words
    and department names are left out.
    """
    import jieba.posseg

    idf, median, stop = _idf()
    skip = stop | STOPWORDS | set(names)
    tf: dict[str, int] = {}
    total = 0
    for pair in jieba.posseg.cut(text, HMM=False):
        w, flag = pair.word, pair.flag
        if len(w.strip()) < 1 or w in skip or w.isdigit() or not flag.startswith(NOUNS):
            continue
        if len(w) < 2 and w not in ("碳", "氢", "水", "电", "气", "粮", "税"):
            continue
        tf[w] = tf.get(w, 0) + 1
        total += 1
    scored = sorted(((w, c / max(total, 1) * idf.get(w, median)) for w, c in tf.items()),
                    key=lambda x: (-x[1], x[0]))
    return [(w, round(float(s), 4)) for w, s in scored[:k]]
