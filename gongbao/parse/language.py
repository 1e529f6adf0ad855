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
import re
from dataclasses import dataclass
from functools import lru_cache

from . import patterns as P

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


def _quiet_jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
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
        for label, rx in (("DOC_NUMBER", P.DOC_NUMBER), ("DATE", P.DATE), ("TITLE", TITLE),
                          ("ORG", GENERIC_ORG), ("ORG", name_rx)):
            for m in rx.finditer(doc.text):
                span = doc.char_span(m.start(), m.end(), label=label, alignment_mode="expand")
                if span is not None:
                    spans.append(Span(doc, span.start, span.end, label=label))
        doc.ents = filter_spans(spans)
        return doc

    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([{"label": "ORG", "pattern": n} for n in names])
    nlp.add_pipe(f"gongbao_regex_entities_{id(name_rx)}", after="entity_ruler")
    return nlp


@lru_cache(maxsize=4)
def names_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    """Longest names first, so 市市场监管局 wins over 市场监管局."""
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or "(?!)")


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
def _tfidf(names: tuple[str, ...]):
    import jieba.analyse

    _quiet_jieba()
    tf = jieba.analyse.TFIDF()
    tf.stop_words = set(tf.stop_words) | STOPWORDS | set(names)
    return tf


def keywords(text: str, names: tuple[str, ...] = (), k: int = 6) -> list[tuple[str, float]]:
    """The task's topic words with TF-IDF weights, highest first."""
    tf = _tfidf(tuple(sorted(names)))
    return [(w, round(float(s), 4)) for w, s in tf.extract_tags(text, topK=k, withWeight=True,
                                                               allowPOS=NOUNS)
            if len(w) >= 1 and not w.isdigit()]
