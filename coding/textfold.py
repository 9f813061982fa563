"""Folding text for matching: traditional → simplified, variant forms → one form, full-width → half-width, ASCII lower case.

Shared by search (corpus/search.py), word frequencies (corpus/words.py),
pseudonymising exports (coding/tables.py) and merge's name matching
(coding/merge.py), so they agree on which spellings are the same. Each
character folds to one character: OpenCC's t2s of the character alone
(corpus/simplified.py), then the variant table of corpus/variants.py (著 and
着, 衞 and 卫, 妳 and 你 …, which t2s keeps apart). So `fold` keeps the length
of the text, and a position found in the folded text is the same position in
the original.
"""

from __future__ import annotations

from functools import lru_cache

from corpus.simplified import converter as _converter
from corpus.simplified import t2s_table
from corpus.variants import SAME_CHARACTER, SEARCH_ONLY, pairs


def converter():  # noqa: ANN201 - opencc.OpenCC
    """OpenCC's t2s (whole words: 乾淨 → 干净), for matching names."""
    return _converter("t2s")


@lru_cache(maxsize=2)
def _fold_lut(lower: bool):  # noqa: ANN202 - numpy array
    """A code point → folded code point table for the whole BMP (astral characters are kept)."""
    import numpy as np

    lut = t2s_table().copy()
    lut[0xFF01:0xFF5F] -= 0xFEE0  # full-width ASCII → ASCII
    lut[0x3000] = 0x20
    variants = np.arange(0x10000, dtype=np.uint32)  # 著 → 着; applied to what t2s made, so 歳 → 歲 → 岁
    for form, canonical in (*pairs(SAME_CHARACTER), *pairs(SEARCH_ONLY)):
        variants[ord(form)] = lut[ord(canonical)]
    lut = np.where(lut < 0x10000, variants[np.minimum(lut, 0xFFFF)], lut).astype(np.uint32)  # t2s makes a few astral
    if lower:  # ASCII only: Unicode lower() can change a string's length (İ → i̇)
        upper = (lut >= 0x41) & (lut <= 0x5A)
        lut[upper] += 0x20
    return lut


def fold(text: str, lower: bool = True) -> str:
    """Length-preserving folding: traditional→simplified, variant forms, full-width→half-width, ASCII lower case."""
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
