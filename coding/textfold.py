"""Folding text for matching: traditional → simplified, full-width → half-width, ASCII lower case.

Shared by search (corpus/search.py), pseudonymising exports (coding/tables.py) and
merge's name matching (coding/merge.py), so the three agree on which spellings
are the same. `fold` keeps the length of the text, so a position found in the
folded text is the same position in the original.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def converter():  # noqa: ANN202 - opencc.OpenCC
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=2)
def _fold_lut(lower: bool):  # noqa: ANN202 - numpy array
    """A code point → folded code point table for the whole BMP (astral characters are kept)."""
    import numpy as np

    lut = np.arange(0x10000, dtype=np.uint32)
    lut[0xFF01:0xFF5F] -= 0xFEE0  # full-width ASCII → ASCII
    lut[0x3000] = 0x20
    cjk = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
    converted = converter().convert("\n".join(cjk)).split("\n")
    if len(converted) == len(cjk):  # one OpenCC call; a separator keeps every character apart
        for original, folded in zip(cjk, converted):
            if len(folded) == 1 and folded != original:
                lut[ord(original)] = ord(folded)
    if lower:  # ASCII only: Unicode lower() can change a string's length (İ → i̇)
        upper = (lut >= 0x41) & (lut <= 0x5A)
        lut[upper] += 0x20
    return lut


def fold(text: str, lower: bool = True) -> str:
    """Length-preserving folding: traditional→simplified, full-width→half-width, ASCII lower case."""
    import numpy as np

    if not text:
        return text
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    lut = _fold_lut(lower)
    if int(points.max()) < 0x10000:
        folded = lut[points]
    else:
        folded = np.where(points < 0x10000, lut[np.minimum(points, 0xFFFF)], points).astype(np.uint32)
    return folded.tobytes().decode("utf-32-le")
