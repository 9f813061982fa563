"""Turning a file's bytes into stored text: BOM sniffing, encoding detection, normalisation.

Stored text is NFC with `\\n` line ends. Detection order: a byte-order mark
(UTF-8, UTF-16 LE/BE, UTF-32), then strict UTF-8, then charset-normalizer
restricted to the encodings Chinese transcripts come in (GB18030 ⊃ GBK, Big5,
UTF-16 without BOM). Anything that still looks binary is refused with a
reason; nothing here guesses silently.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from coding.messages import MessageError

MAX_TEXT_BYTES = 50 * 1024 * 1024  # a transcript is far smaller; larger files are refused, not streamed
CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be"]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")  # category Cc but \t \n \v \f \r and NEL (line ends)


class DecodeError(MessageError, ValueError):
    """The bytes are not usable text; str() is the reason (without the file name), a Message (coding.messages)."""


@dataclass(frozen=True)
class Decoded:
    text: str  # decode_bytes: NFC with \n line ends; decode_raw: as written
    encoding: str  # as detected or given, e.g. "utf-8", "utf-8-sig", "gb18030", "big5"


# Characters that end a line besides \n: CR (alone or before \n), NEL, the Unicode line and paragraph
# separators (a whole interview exported from some editors is one "line" of them), and vertical tab and
# form feed (Word's manual line break and page break when its text is copied out).
LINE_ENDS = ("\r\n", "\r", "\x85", "\u2028", "\u2029", "\x0b", "\x0c")


def normalise(text: str) -> str:
    """NFC with `\\n` line ends: CRLF, CR, NEL, U+2028, U+2029, VT and FF each become one LF."""
    for end in LINE_ENDS:
        if end in text:
            text = text.replace(end, "\n")
    return unicodedata.normalize("NFC", text)


def _check_textual(text: str) -> None:
    if "\x00" in text:
        raise DecodeError("contains NUL bytes: binary data, not text")
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 1000):
        raise DecodeError("contains control characters: binary data, not text")


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode transcript bytes; raises DecodeError with a one-line reason."""
    raw = decode_raw(data, encoding)
    return Decoded(normalise(raw.text), raw.encoding)


def decode_raw(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode as `decode_bytes` does but keep the text as written (line ends and composition untouched,
    a byte-order mark dropped): what offsets written by another program count in."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise DecodeError("empty file")
    if len(data) > MAX_TEXT_BYTES:
        raise DecodeError("larger than the {mb} MB limit for one transcript; split it",
                          mb=MAX_TEXT_BYTES // (1024 * 1024))
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise DecodeError("unknown encoding {encoding!r}", encoding=encoding) from None
        try:
            text = data.decode(encoding)
        except LookupError:
            raise DecodeError("{encoding!r} is not a text encoding", encoding=encoding) from None
        except UnicodeDecodeError as exc:
            raise DecodeError("cannot be decoded as {encoding} (byte {at}: {detail})", encoding=encoding, at=exc.start,
                              detail=exc.reason) from None
        text = text.removeprefix("\ufeff")
        _check_textual(text)
        return Decoded(text, encoding.lower())
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(name.removesuffix("-sig") if name == "utf-8-sig" else name)
            except UnicodeDecodeError as exc:
                raise DecodeError("starts with a {name} byte-order mark but is not valid {name} (byte {at})", name=name,
                                  at=exc.start) from None
            _check_textual(text)
            return Decoded(text, name)
    if b"\x00" not in data:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            _check_textual(text)
            return Decoded(text, "utf-8")
    best = from_bytes(data, cp_isolation=CANDIDATES).best()
    if best is None:
        if b"\x00" in data:
            raise DecodeError("contains NUL bytes: binary data, not text")
        raise DecodeError("cannot detect the text encoding (not UTF-8, GB18030/GBK, Big5 or UTF-16); give --encoding")
    text = str(best)
    _check_textual(text)
    return Decoded(text, best.encoding.replace("_", "-"))
