"""Search across documents: plain, regex or whole-word, traditional/simplified-insensitive.

Folding maps each character to one character (OpenCC t2s per character,
full-width ASCII to half-width, and for plain search lower case), so offsets
in folded text are offsets in the stored text: a hit is exact code points.
Whole-word search keeps hits that start and end on jieba token boundaries.
A regex pattern is folded too, except that full-width punctuation stays a
literal character (`？` is `\\?`, not the operator `?`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coding import queries
from coding.errors import InvalidInput
from coding.storage import ProjectStore
from coding.textfold import fold

CONTEXT = 20


@dataclass(frozen=True, slots=True)
class Hit:
    """One match; its context is cut from the document text only when asked for."""

    document_id: int
    document: str
    participant: str | None
    start: int
    end: int
    text: str = field(repr=False, compare=False)
    context: int = field(default=CONTEXT, repr=False, compare=False)

    @property
    def left(self) -> str:
        return self.text[max(0, self.start - self.context):self.start]

    @property
    def match(self) -> str:
        return self.text[self.start:self.end]

    @property
    def right(self) -> str:
        return self.text[self.end:self.end + self.context]

    def as_dict(self) -> dict:
        return {"document_id": self.document_id, "document": self.document, "participant": self.participant,
                "start": self.start, "end": self.end, "left": self.left, "match": self.match, "right": self.right}


def _is_full_width(char: str) -> bool:
    return "\uff01" <= char <= "\uff5e" or char == "\u3000"


def fold_regex(pattern: str) -> str:
    """A regex pattern folded for the folded (not lower-cased) text.

    Chinese characters fold like the text. Full-width characters fold to their
    ASCII form escaped, so `为什么？` finds `為什麼？` and `为什么?` while `？（）`
    never become the operators `?()`. A backslash before a full-width
    character is dropped: the character is literal either way.
    """
    out: list[str] = []
    escaped = False
    for char, folded in zip(pattern, fold(pattern, lower=False)):
        if _is_full_width(char):
            if escaped:
                out.pop()
            out.append(re.escape(folded))
            escaped = False
        else:
            out.append(folded)
            escaped = char == "\\" and not escaped
    return "".join(out)


class SearchIndex:
    """Folded texts and token boundaries of a project's documents, kept between searches."""

    def __init__(self, store: ProjectStore):
        self.store = store
        self._docs: dict[int, tuple[str, str, str, str | None]] = {}  # id → (sha, name, text, participant)
        self._folded: dict[tuple[int, bool], str] = {}
        self._tokens: dict[int, tuple[frozenset[int], frozenset[int]]] | None = None

    def refresh(self) -> None:
        people = {p.id: p.pid for p in queries.list_participants(self.store)}
        current = {}
        for doc, text in queries.documents_with_text(self.store):
            current[doc.id] = (doc.sha256, doc.name, text, people.get(doc.participant_id))
            if self._docs.get(doc.id, (None,))[0] != doc.sha256:
                self._folded.pop((doc.id, True), None)
                self._folded.pop((doc.id, False), None)
        self._docs = current
        self._tokens = None

    def _folded_text(self, doc_id: int, lower: bool) -> str:
        key = (doc_id, lower)
        if key not in self._folded:
            self._folded[key] = fold(self._docs[doc_id][2], lower)
        return self._folded[key]

    def _boundaries(self, doc_id: int) -> tuple[frozenset[int], frozenset[int]]:
        if self._tokens is None:
            self._tokens = {
                d: (frozenset(b[0::2]), frozenset(b[1::2])) for d, b in queries.document_tokens(self.store).items()
            }
        return self._tokens.get(doc_id, (frozenset(), frozenset()))

    def search(
        self,
        query: str,
        *,
        regex: bool = False,
        whole_word: bool = False,
        fold_variants: bool = True,
        document_ids: set[int] | None = None,
        context: int = CONTEXT,
    ) -> list[Hit]:
        if not self._docs:
            self.refresh()
        if not query:
            raise InvalidInput("empty search")
        lower = not regex and fold_variants
        if not fold_variants:
            needle = query
        else:
            needle = fold_regex(query) if regex else fold(query, lower)
        flags = 0 if lower else re.IGNORECASE | (0 if regex else re.ASCII)
        try:
            pattern = re.compile(needle if regex else re.escape(needle), flags)
        except re.error as exc:
            raise InvalidInput("not a valid regular expression: {detail}", detail=str(exc)) from None
        hits: list[Hit] = []
        for doc_id, (_sha, name, text, participant) in self._docs.items():
            if document_ids is not None and doc_id not in document_ids:
                continue
            haystack = self._folded_text(doc_id, lower) if fold_variants else text
            spans = [m.span() for m in pattern.finditer(haystack)]
            if whole_word:
                starts, ends = self._boundaries(doc_id)
                spans = [(s, e) for s, e in spans if s in starts and e in ends]
            hits.extend(Hit(doc_id, name, participant, s, e, text, context) for s, e in spans if e > s)
        return hits


def search(store: ProjectStore, query: str, **kwargs) -> list[Hit]:  # noqa: ANN003 - SearchIndex.search options
    return SearchIndex(store).search(query, **kwargs)
