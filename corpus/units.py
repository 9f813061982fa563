"""Sentence and clause units and word tokens: spaCy's blank Chinese pipeline with jieba.

No model is downloaded: `spacy.blank("zh")` with the jieba segmenter, plus a
small sentence-boundary component for Chinese punctuation. A sentence ends
after 。！？；…… (and ! ? ;), taking any closing quotes or brackets with it,
and never takes the opening quote of the next sentence. Clause mode also
splits at ，、：. Units are computed line by line inside each turn, so they never
cross a turn boundary or a paragraph break.

A per-project user dictionary of domain terms (朝阳群众, 网格员 …) is added to
jieba before segmenting.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

SENTENCE_END = frozenset("。！？；…!?;")
CLAUSE_END = SENTENCE_END | frozenset("，、：,:")
CLOSERS = frozenset("”’」』）)》〉】]\"'")
DEFAULT_USER_WORDS = ("朝阳群众", "红袖标", "网格员", "社区民警", "楼门长", "群防群治", "平安志愿者", "西城大妈")


@dataclass(frozen=True)
class UnitSpan:
    start: int
    end: int
    turn: int | None  # index of the turn it lies in


def _is_end(token_text: str, ends: frozenset[str]) -> bool:
    return bool(token_text) and all(ch in ends for ch in token_text)


def _mark_sentences(doc, ends: frozenset[str]):  # noqa: ANN001, ANN202 - spaCy Doc in and out
    seen_end = False
    for i, token in enumerate(doc):
        text = token.text
        if i == 0:
            token.is_sent_start = True
        elif seen_end and not _is_end(text, ends) and not (text and all(ch in CLOSERS for ch in text)) and not text.isspace():
            token.is_sent_start = True
            seen_end = False
        else:
            token.is_sent_start = False
        if _is_end(text, ends):
            seen_end = True
    return doc


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory("zh_sentences"):
        Language.component("zh_sentences", func=lambda doc: _mark_sentences(doc, SENTENCE_END))
        Language.component("zh_clauses", func=lambda doc: _mark_sentences(doc, CLAUSE_END))


def add_user_words(words: Iterable[str]) -> None:
    import jieba

    for word in words:
        word = word.strip()
        if word:
            jieba.add_word(word)


@lru_cache(maxsize=4)
def pipeline(mode: str = "sentence", user_words: tuple[str, ...] = DEFAULT_USER_WORDS):  # noqa: ANN201 - spacy.Language
    """The blank Chinese pipeline with jieba and our sentence (or clause) boundaries."""
    import logging

    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)
    add_user_words(user_words)
    _register_components()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("zh_clauses" if mode == "clause" else "zh_sentences")
    return nlp


def _line_pieces(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, span index) for each non-empty line of each span."""
    pieces = []
    for index, (start, end) in enumerate(spans):
        pos = start
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            if text[pos:stop].strip():
                pieces.append((pos, stop, index))
            pos = stop + 1
    return pieces


def segment_units(
    text: str,
    turns: Sequence[tuple[int, int]],
    mode: str = "sentence",
    user_words: tuple[str, ...] = DEFAULT_USER_WORDS,
) -> tuple[list[UnitSpan], list[int]]:
    """Units inside each turn span, and the word tokens as a flat list of
    start, end offsets (whitespace dropped; pair them with `token_spans`)."""
    nlp = pipeline(mode, tuple(user_words))
    pieces = _line_pieces(text, turns)
    units: list[UnitSpan] = []
    token_bounds: list[int] = []
    for (start, _end, index), doc in zip(pieces, nlp.pipe(text[s:e] for s, e, _ in pieces)):
        for sent in doc.sents:
            s, e = start + sent.start_char, start + sent.end_char
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                units.append(UnitSpan(s, e, index))
        for token in doc:
            if not token.text.isspace():
                token_bounds.append(start + token.idx)
                token_bounds.append(start + token.idx + len(token.text))
    return units, token_bounds


def token_spans(bounds: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs (start, end) from the flat list segment_units returns."""
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
