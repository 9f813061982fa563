"""Code points ↔ Qt's UTF-16 positions for one document text.

The model counts Unicode code points (Python str indices); QTextDocument and
QTextCursor count UTF-16 code units, in which 𠮷 and emoji take two. Every
conversion between the two goes through this class, so codings stay exact
around characters outside the BMP.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class OffsetMap:
    def __init__(self, text: str):
        self.length = len(text)
        # code-point index of every character outside the BMP, in order
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # UTF-16 index where each of them starts
        self._astral_qt = [cp + n for n, cp in enumerate(self._astral)]
        self.qt_length = self.length + len(self._astral)

    def to_qt(self, cp: int) -> int:
        """UTF-16 position of code point `cp` (0 ≤ cp ≤ length)."""
        if not 0 <= cp <= self.length:
            raise ValueError(f"code point offset {cp} outside 0–{self.length}")
        return cp + bisect_left(self._astral, cp)

    def from_qt(self, pos: int, *, round_up: bool = False) -> int:
        """Code point at UTF-16 position `pos`; inside a surrogate pair, the
        character's start (or its end with round_up=True)."""
        if not 0 <= pos <= self.qt_length:
            raise ValueError(f"UTF-16 position {pos} outside 0–{self.qt_length}")
        before = bisect_right(self._astral_qt, pos - 1)  # astral characters starting before pos
        cp = pos - before
        if before and self._astral_qt[before - 1] + 1 == pos:  # pos splits a surrogate pair
            cp = self._astral[before - 1] + (1 if round_up else 0)
        return cp

    def span_from_qt(self, start: int, end: int) -> tuple[int, int]:
        """A selection in UTF-16 positions as a code-point span that covers it."""
        return self.from_qt(start), self.from_qt(end, round_up=True)
