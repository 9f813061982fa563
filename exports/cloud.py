"""Word clouds of word frequencies, as PNG and SVG, drawn by the `wordcloud` package in a Chinese font of the machine.

The font is the one fontconfig matches for Noto Sans CJK SC (fonts-noto-cjk,
which scripts/setup.sh installs), else the first of the usual CJK font files
of Linux, macOS and Windows that has glyphs for Chinese; ZHAGEN_CJK_FONT names
a font file to use instead. Without one, `NoChineseFont` says what to install:
a cloud of empty boxes is never drawn.

A .ttc file holds several fonts and `wordcloud` opens only the first (in
Noto Sans CJK that is the Japanese one, whose glyphs differ from Chinese
ones), so the cloud is drawn with a subset of the chosen face that holds just
the cloud's characters. The SVG carries that subset inside itself (a WOFF in
an @font-face rule), so it shows the same glyphs on a machine without the font,
in a browser, Inkscape or a paper's figure.
"""

from __future__ import annotations

import base64
import io
import os
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from coding.errors import InvalidInput, ZhagenError

FONT_ENV = "ZHAGEN_CJK_FONT"
FONTCONFIG_PATTERN = "Noto Sans CJK SC:lang=zh-cn"
KNOWN_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian, Ubuntu: fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Arch
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",  # Fedora
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
)
PROBE = "中文汉字词频"  # a font without all of these is not a Chinese font
SIMPLIFIED_FACE = ("SC", "CN", "GB", "Hans")  # how a .ttc names its simplified-Chinese face
PALETTE = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#555555")  # Paul Tol's bright scheme
FORMATS = (".png", ".svg")


class NoChineseFont(ZhagenError):
    """No font on this machine draws Chinese."""


@dataclass(frozen=True)
class CloudFont:
    path: str
    index: int = 0  # the face inside a .ttc/.otc collection
    family: str = ""


@dataclass(frozen=True)
class WordCloudImage:
    png: bytes
    svg: str
    words: tuple[str, ...]  # the words that fitted, largest first
    font: CloudFont

    def write(self, path: str | Path) -> Path:
        """Writes the PNG or the SVG, by the file's suffix."""
        path = check_cloud_file(path)
        if path.suffix.lower() == ".png":
            path.write_bytes(self.png)
        else:
            path.write_text(self.svg, encoding="utf-8")
        return path


def check_cloud_file(path: str | Path) -> Path:
    """A file a cloud can be saved to: .png or .svg, in a folder that exists."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise InvalidInput("{name}: a word cloud is saved as .png or .svg", name=path.name)
    if not path.parent.is_dir():
        raise InvalidInput("{folder}: no such folder", folder=path.parent)
    return path


def _faces(path: str) -> list[tuple[int, str]]:
    """(index, family name) of each font in a file."""
    from fontTools.ttLib import TTCollection, TTFont

    if Path(path).suffix.lower() in (".ttc", ".otc"):
        with TTCollection(path, lazy=True) as collection:
            return [(i, font["name"].getDebugName(1) or "") for i, font in enumerate(collection.fonts)]
    with TTFont(path, lazy=True) as font:
        return [(0, font["name"].getDebugName(1) or "")]


@lru_cache(maxsize=16)
def _draws_chinese(path: str, index: int) -> bool:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, fontNumber=index, lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except Exception:  # noqa: BLE001 - an unreadable or odd font file is simply not used
        return False
    return all(ord(ch) in cmap for ch in PROBE)


def _fontconfig_match() -> tuple[str, int] | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}\t%{index}", FONTCONFIG_PATTERN],
                             capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, index = out.partition("\t")
    return (path, int(index)) if path and index.isdigit() else None


def _candidate(path: str, index: int | None = None) -> CloudFont | None:
    """The file's simplified-Chinese face (or the given one), if it draws Chinese."""
    if not path or not Path(path).is_file():
        return None
    try:
        faces = _faces(path)
    except Exception:  # noqa: BLE001 - not a font file
        return None
    if index is None:
        index = next((i for i, name in faces if any(tag in name.split() for tag in SIMPLIFIED_FACE)), faces[0][0])
    family = dict(faces).get(index, "")
    return CloudFont(path, index, family) if _draws_chinese(path, index) else None


def find_chinese_font() -> CloudFont:
    """The font the cloud is drawn in; NoChineseFont when the machine has none."""
    named = os.environ.get(FONT_ENV)
    if named:
        font = _candidate(named)
        if font is None:
            raise NoChineseFont("{variable}={named} is not a font file with Chinese characters", variable=FONT_ENV,
                                named=named)
        return font
    matched = _fontconfig_match()
    if matched and (font := _candidate(*matched)):
        return font
    for path in KNOWN_FONTS:
        if font := _candidate(path):
            return font
    raise NoChineseFont("no font with Chinese characters found for the word cloud: install Noto Sans CJK "
                        "(Debian/Ubuntu: apt install fonts-noto-cjk) or set {variable} to a font file",
                        variable=FONT_ENV)


def _subset(font: CloudFont, characters: str, folder: Path) -> Path:
    """A font file with only these characters of the chosen face."""
    from fontTools import subset

    options = subset.Options()
    options.font_number = font.index
    options.ignore_missing_glyphs = True
    options.name_IDs = ["*"]
    face = subset.load_font(font.path, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(face)
    out = folder / ("cloud" + (".otf" if "CFF " in face else ".ttf"))
    subset.save_font(face, str(out), options)
    return out


def _with_font(svg: str, font_file: Path) -> str:
    """The SVG with the font inside it, as a WOFF in an @font-face rule for the family its text asks for.

    (wordcloud's own embed_font stamps the font with the current time, so the same cloud would give another file.)
    """
    from xml.sax.saxutils import quoteattr

    from fontTools.ttLib import TTFont

    with TTFont(str(font_file), recalcTimestamp=False) as face:
        family = face["name"].getDebugName(1) or "sans-serif"
        face.flavor = "woff"
        woff = io.BytesIO()
        face.save(woff)
    rule = (f"<style>@font-face{{font-family:{quoteattr(family)};src:url(\"data:font/woff;base64,"
            f"{base64.b64encode(woff.getvalue()).decode('ascii')}\")format(\"woff\");}}</style>")
    head, sep, rest = svg.partition(">")
    return head + sep + "\n" + rule + rest


def _colour(word: str, font_size: int, position: tuple[int, int], orientation: int,  # noqa: ARG001 - wordcloud's API
            random_state: random.Random | None = None, **kwargs: object) -> str:
    return PALETTE[sum(map(ord, word)) % len(PALETTE)]


def render_cloud(
    frequencies: Sequence[tuple[str, int]],
    *,
    font: CloudFont | None = None,
    width: int = 900,
    height: int = 560,
    background: str = "white",
    seed: int = 14,
) -> WordCloudImage:
    """A cloud of (word, count) pairs, the biggest word the most frequent; the same input gives the same picture."""
    from wordcloud import WordCloud

    counts = {word: count for word, count in frequencies if word.strip() and count > 0}
    if not counts:
        raise InvalidInput("no words to draw: the word list is empty")
    font = font or find_chinese_font()
    with tempfile.TemporaryDirectory(prefix="zhagen-cloud-") as tmp:
        font_file = _subset(font, "".join(sorted(set("".join(counts)))), Path(tmp))
        cloud = WordCloud(font_path=str(font_file), width=width, height=height, background_color=background,
                          max_words=len(counts), prefer_horizontal=1.0, color_func=_colour, margin=4,
                          random_state=random.Random(seed))
        cloud.generate_from_frequencies(counts)
        buffer = io.BytesIO()
        cloud.to_image().save(buffer, format="PNG")
        svg = _with_font(cloud.to_svg(), font_file)
    words = tuple(word for (word, _freq), *_rest in cloud.layout_)
    return WordCloudImage(buffer.getvalue(), svg, words, font)
