"""Offsets written by other programs, mapped onto our stored text.

A REFI-QDA selection counts positions in the source's text file exactly as
the file holds it (a byte-order mark not counted). Our stored text is that
text made NFC with `\\n` line ends, and our offsets are code points. So:

- CRLF: NVivo for Windows counts the CR; both a position on the CR and one
  between CR and LF land on our `\\n`.
- Units: the standard says characters (code points); NVivo counts UTF-16
  code units, so every character outside the BMP (emoji, 𠮷) counts twice.
  `choose_units` decides per source: NVivo's origin favours UTF-16, and the
  reading that puts fewer selections outside the text or inside a surrogate
  pair wins; when both fit equally, the one whose selections start and end
  more often on word boundaries (how SOURCES.md told the NVivo samples
  apart: 295/303 against 27/303).
- NFC: a text that composition changes (rare: decomposed accents) is mapped
  cluster by cluster; a position inside a cluster moves to its start (a
  selection start) or its end (a selection end).
- Mixed readings in one source: QualCoder keeps the code points of codings
  it imported but counts UTF-16 units for codings made in its own window
  after a character outside the BMP, and counts positions in its text with
  `\n` line ends even when the file it writes has CRLF. A selection whose
  `name` holds its quote (QualCoder, ATLAS.ti) is therefore read PER
  SELECTION by `read_selection`: of the readings (code points or UTF-16
  units, CRs of CRLF counted or not) the one whose text is the quote wins,
  the source's reading first; a quote no reading gives is reported by the
  caller, never shifted silently.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from coding.messages import Message

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CRLF = re.compile("\r\n")

CODE_POINTS = Message("code points")  # a str: the readings' keys, and their name in messages
UTF16 = Message("UTF-16 units")


class _Counting:
    """Positions in one form of a text (as written, or with CRLF made LF) in code points or UTF-16 units."""

    def __init__(self, text: str):
        astral = [m.start() for m in _ASTRAL.finditer(text)]
        self.astral_u16 = [i + k for k, i in enumerate(astral)]  # UTF-16 index of each astral character
        self.length = {CODE_POINTS: len(text), UTF16: len(text) + len(astral)}

    def to_code_point(self, offset: int, units: str) -> int | None:
        if not 0 <= offset <= self.length[units]:
            return None
        if units == CODE_POINTS:
            return offset
        before = bisect_left(self.astral_u16, offset)  # astral characters starting before OFFSET
        if before and self.astral_u16[before - 1] + 1 == offset:
            return None  # between the two halves of a surrogate pair
        return offset - before


@dataclass(frozen=True)
class Reading:
    """One way a program may have counted a selection's positions."""

    units: str = CODE_POINTS
    crs: bool = True  # the CR of each CRLF counts (the file's text as written); False: counted with LF ends

    def __str__(self) -> str:
        return str(self.message)

    @property
    def message(self) -> Message:
        units = self.units if isinstance(self.units, Message) else Message(self.units)
        return units if self.crs else Message("{units} with LF line ends", units=units)


class SourceText:
    """One source text as written (`raw`) and as stored (`text`), with the map between their offsets."""

    def __init__(self, raw: str):
        self.raw = raw
        self._raw = _Counting(raw)
        self._astral_u16 = self._raw.astral_u16
        self.length = self._raw.length
        self._cr = [m.start() for m in _CRLF.finditer(raw)]  # CRs dropped from CRLF
        lf = raw.replace("\r\n", "\n").replace("\r", "\n")
        self._lf = _Counting(lf) if self._cr else self._raw
        self.text = unicodedata.normalize("NFC", lf)
        self.exact = True  # False: offsets into this text cannot be mapped (every selection is refused)
        try:
            self._nfc = None if self.text == lf else _cluster_maps(lf)  # (floor, ceiling) index maps
        except ValueError:
            self._nfc, self.exact = None, False

    @property
    def has_astral(self) -> bool:
        return bool(self._astral_u16)

    def readings(self, first: Reading) -> list[Reading]:
        """The readings that can give different spans in this text, FIRST first."""
        units = (CODE_POINTS, UTF16) if self.has_astral else (first.units,)
        crs = (True, False) if self._cr else (first.crs,)
        others = [Reading(u, c) for c in crs for u in units]
        return [first] + [r for r in others if r != first]

    def to_code_point(self, offset: int, units: str) -> int | None:
        """A position in UNITS of the raw text as a code-point index into it; None if it is not one."""
        return self._raw.to_code_point(offset, units)

    def to_text(self, index: int, *, end: bool = False, crs: bool = True) -> int:
        """A code-point index into the raw text (CRS False: into the text with LF line ends) as an index into
        the stored text."""
        if crs:
            index -= bisect_left(self._cr, index)
        if self._nfc is None:
            return index
        return self._nfc[1 if end else 0][index]

    def span(self, start: int, end: int, units: str | Reading) -> tuple[int, int] | None:
        """A selection [start, end) in UNITS (or a Reading) as a stored span; None when it is outside the text
        or empty."""
        reading = units if isinstance(units, Reading) else Reading(units)
        counting = self._raw if reading.crs else self._lf
        a, b = counting.to_code_point(start, reading.units), counting.to_code_point(end, reading.units)
        if a is None or b is None or b <= a or not self.exact:
            return None
        a, b = self.to_text(a, crs=reading.crs), self.to_text(b, end=True, crs=reading.crs)
        return (a, b) if b > a else None


def _squash(text: str) -> str:
    """Text to compare with a quote: NFC, every run of white space one space (an XML attribute holding the
    quote has its line breaks read as spaces), trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True)
class SelectionReading:
    """How one selection was read: its reading, its stored span (None: outside the text), and whether its
    quote matched (None: no quote, or every reading gives the same span, so there was nothing to decide)."""

    reading: Reading
    span: tuple[int, int] | None
    quote_matched: bool | None = None


def read_selection(source: SourceText, start: int, end: int, quote: str | None, first: Reading) -> SelectionReading:
    """Read one selection: by FIRST (the source's reading) unless its QUOTE (the selection's `name`) is the text
    at another reading and not at FIRST. A quote the text gives at no reading leaves FIRST, with
    quote_matched=False for the caller to report; a quote that is a prefix of the text (a name cut short, as
    ATLAS.ti names quotations) counts when no reading gives it whole."""
    readings = source.readings(first)
    spans = {r: source.span(start, end, r) for r in readings}
    wanted = _squash(quote or "")
    if not wanted or len({spans[r] for r in readings}) == 1:
        return SelectionReading(first, spans[first])
    shown = {r: _squash(source.text[span[0]:span[1]]) for r, span in spans.items() if span is not None}
    cut = wanted.rstrip("….").rstrip()  # "我们都挺自豪…": a name cut short
    for matches in (lambda text: text == wanted, lambda text: len(cut) >= 4 and text.startswith(cut)):
        for r in readings:  # FIRST first
            if r in shown and matches(shown[r]):
                return SelectionReading(r, spans[r], True)
    return SelectionReading(first, spans[first], False)


def _cluster_maps(text: str) -> tuple[list[int], list[int]]:
    """Index maps from TEXT to its NFC form, composing one cluster at a time: a character joins the cluster
    before it when it is a combining mark or when composing them together differs from composing them apart
    (Hangul jamo, Tamil ொ …). A position inside a cluster goes to the cluster's start (floor) or end (ceiling)."""
    nfc = unicodedata.normalize
    floor: list[int] = []
    ceiling: list[int] = []
    out = 0
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j])
                         or nfc("NFC", text[i:j + 1]) != nfc("NFC", text[i:j]) + nfc("NFC", text[j])):
            j += 1
        composed = nfc("NFC", text[i:j])
        floor.extend([out] * (j - i))
        ceiling.append(out)
        ceiling.extend([out + len(composed)] * (j - i - 1))
        out += len(composed)
        i = j
    floor.append(out)
    ceiling.append(out)
    if out != len(nfc("NFC", text)):
        raise ValueError("composition crosses the clusters")  # not seen; the caller then refuses the offsets
    return floor, ceiling


@dataclass(frozen=True)
class UnitChoice:
    units: str
    reason: Message


def _on_boundary(text: str, index: int) -> bool:
    if index <= 0 or index >= len(text):
        return True
    before, after = text[index - 1], text[index]
    return not (before.isalnum() and after.isalnum())


def _fit(source: SourceText, spans: list[tuple[int, int]], units: str) -> tuple[int, int]:
    """(selections that do not fit, selection ends on word boundaries) for one reading."""
    bad = boundary = 0
    for start, end in spans:
        a, b = source.to_code_point(start, units), source.to_code_point(end, units)
        if a is None or b is None or b <= a:
            bad += 1
            continue
        boundary += _on_boundary(source.raw, a) + _on_boundary(source.raw, b)
    return bad, boundary


def choose_units(source: SourceText, spans: list[tuple[int, int]], origin: str) -> UnitChoice:
    """How this source's selection offsets count: code points (the standard) or UTF-16 units (NVivo)."""
    nvivo = "nvivo" in origin.lower()
    if not source.has_astral or not spans:
        return UnitChoice(CODE_POINTS, Message("no characters outside the BMP: both readings agree"))
    bad_cp, words_cp = _fit(source, spans, CODE_POINTS)
    bad_u16, words_u16 = _fit(source, spans, UTF16)
    if bad_u16 != bad_cp:
        units = UTF16 if bad_u16 < bad_cp else CODE_POINTS
        return UnitChoice(units, Message("{fewer} selections do not fit when read as {units}, {more} otherwise",
                                         fewer=min(bad_u16, bad_cp), units=units, more=max(bad_u16, bad_cp)))
    if abs(words_u16 - words_cp) >= max(2, 0.2 * len(spans)):
        units = UTF16 if words_u16 > words_cp else CODE_POINTS
        return UnitChoice(units, Message("{more} selection ends fall on word boundaries this way, {fewer} the other "
                                         "way", more=max(words_u16, words_cp), fewer=min(words_u16, words_cp)))
    units = UTF16 if nvivo else CODE_POINTS
    return UnitChoice(units, Message("written by NVivo, which counts UTF-16 units") if nvivo
                      else Message("the standard's code points"))
