"""The simplified copy of a text that jieba segments: traditional and variant characters made simplified, same length.

jieba's dictionary is simplified Chinese. Given traditional text it cuts
across words (我覺得 → 我覺 + 得, 當然現實 → 當然現 + 實), so the segmenter cuts a
copy made by OpenCC's tw2s (phrase-aware: 乾淨 → 干净, 看著 → 看着 but 著名 kept)
with the variant forms of corpus/variants.py (衞, 妳, 吿 …) replaced, and each
boundary in the copy is the same boundary in the original. That holds while
the copy has the original's length in code points, character for character;
OpenCC does not promise it (a phrase may convert to one of another length, a
NUL ends its input, a lone surrogate cannot be given to it at all), so:

- only lines holding a character that t2s or the variant table changes are
  converted (a simplified text costs one numpy pass over its code points);
- a converted batch of lines is kept when only Han characters changed and
  every other character (newlines, punctuation, letters, emoji, 𠮷) stayed
  where it was; otherwise each line is converted alone, a line that still
  fails run of Han characters by run, and a run that changes length
  character by character, a character that becomes several kept as it is.
  (A run in which one phrase grew and another shrank by as much would pass;
  OpenCC's t2s and tw2s phrases keep their length, so only a NUL, a lone
  surrogate or a changed dictionary makes these checks fail.)

`t2s_table` is OpenCC's t2s for each BMP character alone, which
coding/textfold.py builds its search folding on.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.variants import SAME_CHARACTER, pairs

SEGMENTATION_CONFIG = "tw2s"  # t2s after Taiwan's variant forms: 著 → 着 by context, which t2s never does
# Han characters (radicals, 々〆〇, Hangzhou numerals, the unified ideographs and extensions, compatibility ideographs)
_HAN_RANGES = ((0x2E80, 0x2FDF), (0x3005, 0x3007), (0x3021, 0x3029), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
               (0xF900, 0xFAFF), (0x20000, 0x323AF))
_HAN_RUN = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _HAN_RANGES) + "]+")


@lru_cache(maxsize=None)
def converter(config: str = "t2s"):  # noqa: ANN201 - opencc.OpenCC
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=1)
def t2s_table():  # noqa: ANN201 - numpy array
    """BMP code point → the code point OpenCC's t2s makes of that character alone (itself where it makes none or
    several)."""
    import numpy as np

    lut = np.arange(0x10000, dtype=np.uint32)
    cjk = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
    converted = converter("t2s").convert("\n".join(cjk)).split("\n")
    if len(converted) == len(cjk):  # one OpenCC call; a separator keeps every character apart
        for original, folded in zip(cjk, converted):
            if len(folded) == 1 and folded != original:
                lut[ord(original)] = ord(folded)
    return lut


@lru_cache(maxsize=1)
def _tables():  # noqa: ANN202 - three numpy arrays
    """(changes, variant, han): which BMP characters make a line worth converting; what the variant table makes of a
    character after OpenCC; which code points up to U+323AF are Han."""
    import numpy as np

    t2s = t2s_table()
    identity = np.arange(0x10000, dtype=np.uint32)
    variant = identity.copy()
    for form, canonical in pairs(SAME_CHARACTER):
        variant[ord(form)] = t2s[ord(canonical)]
    changes = (t2s != identity) | (variant != identity)
    han = np.zeros(0x323B0, dtype=bool)
    for first, last in _HAN_RANGES:
        han[first:last + 1] = True
    return changes, variant, han


def _points(text: str):  # noqa: ANN202 - numpy array
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _convert(text: str) -> str | None:
    try:
        return converter(SEGMENTATION_CONFIG).convert(text)
    except (UnicodeError, ValueError, RuntimeError):  # a lone surrogate cannot be encoded for OpenCC
        return None


def _aligned(original: str, converted: str | None) -> bool:
    """The same length, and only Han characters changed (into Han characters): nothing moved."""
    import numpy as np

    if converted is None or len(converted) != len(original):
        return False
    han = _tables()[2]
    a, b = _points(original), _points(converted)
    changed = np.flatnonzero(a != b)
    if not changed.size:
        return True
    a, b = a[changed], b[changed]
    return bool(((a < han.size) & (b < han.size)).all() and han[a].all() and han[b].all())


def _convert_run(run: str) -> str:
    converted = _convert(run)
    if _aligned(run, converted):
        return converted
    return "".join(c if _aligned(ch, c) else ch for ch, c in ((ch, _convert(ch)) for ch in run))


def _convert_line(line: str) -> str:
    converted = _convert(line)
    if _aligned(line, converted):
        return converted
    return _HAN_RUN.sub(lambda m: _convert_run(m.group()), line)


def _with_variants(text: str) -> str:
    import numpy as np

    variant = _tables()[1]
    points = _points(text)
    mapped = np.where(points < 0x10000, variant[np.minimum(points, 0xFFFF)], points).astype(np.uint32)
    return mapped.tobytes().decode("utf-32-le", "surrogatepass")


def simplified_copy(text: str) -> str:
    """text with its traditional and variant characters made simplified: the same length, character for character
    (returns text itself when nothing changes)."""
    import numpy as np

    if not text:
        return text
    changes = _tables()[0]
    points = _points(text)
    hits = np.flatnonzero(changes[np.minimum(points, 0xFFFF)] & (points < 0x10000))
    if not hits.size:
        return text
    newlines = np.flatnonzero(points == 10)
    lines = np.unique(np.searchsorted(newlines, hits))  # the line of each hit: newlines before it
    starts = np.concatenate(([0], newlines + 1))[lines].tolist()
    ends = np.concatenate((newlines, [len(text)]))[lines].tolist()
    pieces = [text[s:e] for s, e in zip(starts, ends)]
    batch = "\n".join(pieces)
    converted = _convert(batch)
    if not _aligned(batch, converted):
        converted = "\n".join(map(_convert_line, pieces))
    converted = _with_variants(converted).split("\n")
    out, pos = [], 0
    for start, end, piece in zip(starts, ends, converted):
        out += (text[pos:start], piece)
        pos = end
    out.append(text[pos:])
    return "".join(out)
