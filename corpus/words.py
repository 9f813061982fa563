"""Word frequencies on jieba tokens, for the project, a document, a code or a participant.

Spellings of one word count as one: a word is known by the folded form of
its simplified copy (corpus/simplified.py, coding/textfold.py), so 社區 and
社区, 關係 and 关系, 衞生 and 卫生 are one row, shown in the spelling the
scope uses most. Stop words: spaCy's Chinese stop-word list
(`spacy.lang.zh.stop_words`, 1,891 entries, shipped with spaCy under the MIT
licence), matched on that simplified form, so 這個 is dropped like 这个. Tokens
made only of punctuation, digits or symbols are never words.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from coding import queries
from coding.storage import ProjectStore
from coding.textfold import fold
from corpus.simplified import simplified_copy
from corpus.units import segment_units


@dataclass(frozen=True)
class WordCount:
    word: str
    count: int
    documents: int


def stop_words() -> frozenset[str]:
    from spacy.lang.zh.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _is_word(token: str) -> bool:
    return any(unicodedata.category(ch).startswith("L") for ch in token)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def word_frequencies(
    store: ProjectStore,
    *,
    document_id: int | None = None,
    code_id: int | None = None,
    participant_id: int | None = None,
    min_length: int = 2,
    top: int | None = 50,
    use_stop_words: bool = True,
) -> list[WordCount]:
    """Most frequent words in the chosen scope (all filters combine)."""
    stops = stop_words() if use_stop_words else frozenset()
    tokens_by_doc = queries.document_tokens(store)
    coded: dict[int, list[tuple[int, int]]] = {}
    if code_id is not None:
        for row in queries.list_codings(store, code_id=code_id):
            coded.setdefault(row.document_id, []).append((row.start, row.end))
    counts: Counter[str] = Counter()  # by simplified, folded form
    spellings: dict[str, Counter[str]] = {}
    docs_with: dict[str, set[int]] = {}
    for doc, text in queries.documents_with_text(store):
        if document_id is not None and doc.id != document_id:
            continue
        if code_id is not None and doc.id not in coded:
            continue
        allowed: list[tuple[int, int]] | None = coded.get(doc.id) if code_id is not None else None
        if participant_id is not None:
            turns = [t for t in queries.list_turns(store, doc.id) if t.participant_id == participant_id]
            if turns:
                own = [(t.start, t.end) for t in turns]
            elif doc.participant_id == participant_id:
                own = [(t.start, t.end) for t in queries.list_turns(store, doc.id) if not t.is_interviewer] or [(0, doc.length)]
            else:
                continue
            allowed = own if allowed is None else [(max(a, c), min(b, d)) for a, b in allowed for c, d in own if max(a, c) < min(b, d)]
        bounds = tokens_by_doc.get(doc.id)
        if bounds is None:
            _units, bounds = segment_units(text, [(0, len(text))])
        copy = simplified_copy(text)
        for i in range(0, len(bounds), 2):
            s, e = bounds[i], bounds[i + 1]
            word = text[s:e]
            if e - s < min_length or not _is_word(word):
                continue
            key = fold(copy[s:e])
            if key in stops or (allowed is not None and not _inside(allowed, s, e)):
                continue
            counts[key] += 1
            spellings.setdefault(key, Counter())[word] += 1
            docs_with.setdefault(key, set()).add(doc.id)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if top is not None:
        ranked = ranked[:top]
    return [WordCount(_most_used(spellings[key]), n, len(docs_with[key])) for key, n in ranked]


def _most_used(spellings: Counter[str]) -> str:
    return min(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0]
