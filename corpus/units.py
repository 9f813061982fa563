"""Sentence and clause units and word tokens: spaCy's blank Chinese pipeline with jieba.

No model is downloaded: `spacy.blank("zh")` with the jieba segmenter, whose
Docs carry sentence boundaries for Chinese punctuation (set as each Doc is
built, see _BoundaryTokenizer). An import reads the same sentence starts and
words straight from that tokenizer without building Docs
(`sentences_and_words`: several times faster, and no limit on a line's
length, where spaCy refuses a text over 1,000,000 characters). A sentence ends
after 。！？；…… (and ! ? ;), taking any closing quotes or brackets with it,
and never takes the opening quote of the next sentence. Clause mode also
splits at ，、：, : (but not inside numbers such as 10:30 or 1,000). Units are
computed line by line inside each turn, so they never cross a turn boundary
or a paragraph break.

A per-project user dictionary of domain terms (朝阳群众, 网格员 …) goes into a
jieba of its own (`segmenter`), so one project's words never change how
another project is cut.

Traditional text is cut as simplified: jieba is given the same-length
simplified copy of corpus/simplified.py (its dictionary is simplified, and cut
straight it makes words such as 我覺 + 得), and the words it finds there are
the words of the original at the same offsets. User words are added in their
simplified form, so 朝陽群眾 in the dictionary keeps 朝陽群眾 whole.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from itertools import accumulate
from functools import lru_cache
from typing import Sequence

from corpus.simplified import simplified_copy

SENTENCE_END = frozenset("。！？；…!?;")
CLAUSE_END = SENTENCE_END | frozenset("，、：,:")
IN_NUMBERS = frozenset(",:：")  # 10:30, 1,000, 3：2 — not clause ends between digits
CLOSERS = frozenset("”’」』）)》〉】]\"'")
DEFAULT_USER_WORDS = ("朝阳群众", "红袖标", "网格员", "社区民警", "楼门长", "群防群治", "平安志愿者", "西城大妈")


@dataclass(frozen=True)
class UnitSpan:
    start: int
    end: int
    turn: int | None  # index of the turn it lies in


_SPACE = re.compile(r"\s")
# A line longer than this is not given to spaCy (which refuses a text over 1,000,000 characters, error E088) but
# cut for jieba into pieces of at most this size, each cut next to a character jieba always keeps as a word of its
# own (anything but CJK, ASCII letters and digits, + # & . _ % -), so the words are those of the uncut line.
LONG_LINE = 100_000
MAX_UNITS = 1_000_000  # units in one transcript: beyond this segmenting and storing take too long; split the file
_CUTTABLE = re.compile(r"[^\w+#&.%\-]")
_RUN = re.compile(r"\S+")
_LEADING_SPACE = re.compile(r"\s*+")
_NOT_SPACE = re.compile(r"\S")


class _BoundaryTokenizer:
    """The tokenizer of our blank Chinese pipeline: jieba words, each Doc built in one pass with its sentence starts.

    Words come from jieba-rs (`rjieba`), the Rust port of jieba with the same
    dictionary and algorithm: on Chinese text it cuts exactly as Python
    jieba does (tests/core/test_corpus_units.py checks it on real
    transcripts) at a small fraction of the cost, which is what makes a full
    import faster than Python jieba alone. Because jieba's pieces always
    concatenate to the input, spaCy's general words/spaces alignment is
    skipped, and sentence boundaries are set while the Doc is made.
    A sentence starts at the first token after a run of end marks, closing
    quotes/brackets and spaces (end marks are separate jieba words, so every
    such boundary is a token start).
    """

    def __init__(self, base, ends: frozenset[str], jieba):  # noqa: ANN001 - ChineseTokenizer, rjieba.Jieba
        self.base = base
        self.vocab = base.vocab
        self.jieba = jieba
        marks, closers, in_numbers = (re.escape("".join(sorted(x))) for x in (ends, CLOSERS, ends & IN_NUMBERS))
        mark = f"(?!(?<=\\d)[{in_numbers}](?=\\d))[{marks}]" if in_numbers else f"[{marks}]"
        # where a sentence ends: end marks with any closing quotes/brackets, then spaces (one way to match each
        # run, taken possessively: linear however long the run)
        self._boundary = re.compile(f"{mark}(?:{mark}|[{closers}])*+\\s*+")

    def __call__(self, text: str):  # noqa: ANN204 - returns a spacy Doc
        from spacy.tokens import Doc

        offsets = [0, *accumulate(len(w) for w in self.jieba.cut(simplified_copy(text)) if w)]
        # jieba's words concatenate to the copy, which has the text's length character for character
        words = [text[s:e] for s, e in zip(offsets, offsets[1:])]
        cut_at = {m.end() for m in self._boundary.finditer(text)}
        starts = [o in cut_at for o in offsets[:-1]]
        if starts:
            starts[0] = True
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words), sent_starts=starts)
        if _SPACE.search(text):
            pairs = [(s, e) for s, e in zip(offsets, offsets[1:]) if not text[s].isspace()]
        else:
            pairs = zip(offsets, offsets[1:])
        doc.user_data["token_bounds"] = [x for pair in pairs for x in pair]
        return doc

    def sentences_and_words(self, text: str, start: int, stop: int, copy: str | None = None) -> tuple[list[int], array]:
        """Sentence starts and word bounds (whitespace dropped) of the line text[start:stop]: what a Doc of it
        (`__call__`) gives as `sents` and `token_bounds`, at a fraction of the cost (no Doc is built) and with no
        length limit. jieba keeps every whitespace character as a word of its own, so it is given only the runs
        between whitespace, each cut in pieces of at most LONG_LINE characters. jieba cuts `copy`, the
        simplified_copy of text (made here when not given)."""
        copy = simplified_copy(text) if copy is None else copy
        cut_at = {m.end() for m in self._boundary.finditer(text, start, stop)}
        starts = [start]
        bounds = array("I")
        for run in _RUN.finditer(text, start, stop):
            pos, run_end = run.span()
            while pos < run_end:
                end = run_end
                if end - pos > LONG_LINE:
                    m = _CUTTABLE.search(text, pos + LONG_LINE // 2, pos + LONG_LINE)
                    end = m.start() if m else pos + LONG_LINE
                offset = pos
                for word in self.jieba.cut(copy[pos:end]):
                    if offset in cut_at and offset != start:
                        starts.append(offset)
                    following = offset + len(word)
                    bounds.append(offset)
                    bounds.append(following)
                    offset = following
                pos = end
        return starts, bounds

    def pipe(self, texts, batch_size: int = 1000):  # noqa: ANN001, ANN201 - spaCy tokenizer protocol
        for text in texts:
            yield self(text)


@lru_cache(maxsize=2)
def segmenter(user_words: tuple[str, ...] = DEFAULT_USER_WORDS):  # noqa: ANN201 - rjieba.Jieba
    """A jieba (jieba-rs, which does the cutting) of its own that knows these domain terms.

    rjieba's module-level dictionary is shared by the whole process, so words
    added there would leak into every project opened later.
    """
    import rjieba

    jieba = rjieba.Jieba()
    for word in user_words:
        word = simplified_copy(word.strip())  # jieba cuts the simplified copy of the text
        if word:
            jieba.add_word(word, None, None)
    return jieba


@lru_cache(maxsize=4)
def pipeline(mode: str = "sentence", user_words: tuple[str, ...] = DEFAULT_USER_WORDS):  # noqa: ANN201 - spacy.Language
    """The blank Chinese pipeline with jieba and our sentence (or clause) boundaries."""
    import logging

    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)  # spaCy imports Python jieba for its segmenter setting
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    ends = CLAUSE_END if mode == "clause" else SENTENCE_END
    nlp.tokenizer = _BoundaryTokenizer(nlp.tokenizer, ends, segmenter(user_words))
    simplified_copy("乾")  # OpenCC and the tables loaded once, before an import forks its workers
    return nlp


def _line_pieces(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, span index) for each line of each span with text on it (blank lines cost nothing)."""
    pieces = []
    for index, (start, end) in enumerate(spans):
        pos = start
        while (m := _NOT_SPACE.search(text, pos, end)) is not None:
            line_start = max(start, text.rfind("\n", start, m.start()) + 1)
            stop = text.find("\n", m.start(), end)
            stop = end if stop < 0 else stop
            pieces.append((line_start, stop, index))
            pos = stop + 1
    return pieces


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] without the whitespace at either end, as offsets (empty: start == end)."""
    start = _LEADING_SPACE.match(text, start, end).end()
    return start, start + len(text[start:end].rstrip())


def segment_units(
    text: str,
    turns: Sequence[tuple[int, int]],
    mode: str = "sentence",
    user_words: tuple[str, ...] = DEFAULT_USER_WORDS,
) -> tuple[list[UnitSpan], array]:
    """Units inside each turn span, and the word tokens as a flat array of
    start, end offsets (whitespace dropped; pair them with `token_spans`)."""
    nlp = pipeline(mode, tuple(user_words))
    pieces = _line_pieces(text, turns)
    units: list[UnitSpan] = []
    token_bounds = array("I")

    tokenizer = nlp.tokenizer
    copy = simplified_copy(text)
    for start, end, index in pieces:
        starts, bounds = tokenizer.sentences_and_words(text, start, end, copy)
        for s, e in zip(starts, [*starts[1:], end]):
            s, e = trimmed(text, s, e)
            if e > s:
                units.append(UnitSpan(s, e, index))
        token_bounds.extend(bounds)
        if len(units) > MAX_UNITS:
            from corpus.readers import ReadError

            if mode == "clause":
                raise ReadError("has more than {most:,} clauses; split it", most=MAX_UNITS)
            raise ReadError("has more than {most:,} sentences; split it", most=MAX_UNITS)
    return units, token_bounds


def token_spans(bounds: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs (start, end) from the flat list segment_units returns."""
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
