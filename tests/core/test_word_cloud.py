"""Word clouds: drawn in a Chinese font of the machine from a real project's word frequencies, PNG and SVG."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from coding.cli import main
from coding.errors import InvalidInput
from coding.services import coders
from coding.storage import create_project
from corpus.pipeline import ImportOptions, import_files
from corpus.words import word_frequencies
from exports import cloud as cloud_module
from exports.cloud import NoChineseFont, find_chinese_font, render_cloud

DATA = Path(__file__).resolve().parents[1] / "data"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cloud")
    (folder / "lezs.md").write_bytes((DATA / "lezs-tang.md").read_bytes())
    location = folder / "p.zhagen"
    with create_project(location) as store:
        coders.use_coder(store, "张研")
        import_files(store, [folder / "lezs.md"], ImportOptions(), workers=1)
        words = word_frequencies(store, top=60)
    return location, words


@pytest.fixture(scope="module")
def drawn(project):
    return render_cloud([(w.word, w.count) for w in project[1]])


def _embedded_font(svg: str) -> TTFont:
    data = re.search(r"@font-face\{[^}]*url\(\"data:font/woff;base64,([^\"]+)\"\)", svg).group(1)
    return TTFont(io.BytesIO(base64.b64decode(data)))


def test_the_machine_has_a_chinese_font():
    font = find_chinese_font()
    assert font.family == "Noto Sans CJK SC"  # the simplified-Chinese face of the .ttc, not its first (Japanese) one
    assert font.index == 2 and font.path.endswith("NotoSansCJK-Regular.ttc")


def test_png_of_a_real_projects_words(project, drawn):
    words = project[1]
    assert drawn.words[0] == words[0].word and len(drawn.words) >= 40
    assert set(drawn.words) <= {w.word for w in words}
    image = Image.open(io.BytesIO(drawn.png))
    assert image.format == "PNG" and image.size == (900, 560)
    inked = sum(image.convert("L").point(lambda v: v < 200 and 255).histogram()[255:])
    assert inked > 900 * 560 * 0.08  # words, not a blank page


def test_svg_carries_the_glyphs_of_every_word(drawn):
    root = ElementTree.fromstring(drawn.svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == list(drawn.words)
    cmap = _embedded_font(drawn.svg).getBestCmap()
    assert all(ord(ch) in cmap for word in drawn.words for ch in word)  # no boxes in a reader without the font
    assert "Noto Sans CJK SC" in drawn.svg


def test_the_same_words_give_the_same_picture(project, drawn):
    again = render_cloud([(w.word, w.count) for w in project[1]])
    assert again.png == drawn.png and again.svg == drawn.svg


def test_write_by_suffix(drawn, tmp_path):
    assert drawn.write(tmp_path / "c.PNG").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert drawn.write(tmp_path / "c.svg").read_text(encoding="utf-8").startswith("<svg")
    with pytest.raises(InvalidInput, match=r"\.png or \.svg"):
        drawn.write(tmp_path / "c.jpg")
    with pytest.raises(InvalidInput, match="no such folder"):
        drawn.write(tmp_path / "missing" / "c.png")


def test_no_chinese_font_is_a_clear_refusal(monkeypatch):
    monkeypatch.delenv(cloud_module.FONT_ENV, raising=False)
    monkeypatch.setattr(cloud_module.shutil, "which", lambda name: None)  # no fontconfig
    monkeypatch.setattr(cloud_module, "KNOWN_FONTS", ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/nowhere.ttc"))
    with pytest.raises(NoChineseFont, match="apt install fonts-noto-cjk"):
        find_chinese_font()
    with pytest.raises(NoChineseFont):
        render_cloud([("社区", 3)])


def test_a_named_font_file(monkeypatch):
    monkeypatch.setenv(cloud_module.FONT_ENV, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    with pytest.raises(NoChineseFont, match="DejaVuSans.ttf is not a font file with Chinese characters"):
        find_chinese_font()
    monkeypatch.setenv(cloud_module.FONT_ENV, "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
    assert find_chinese_font().family == "Noto Serif CJK SC"


def test_empty_word_list():
    with pytest.raises(InvalidInput, match="no words"):
        render_cloud([])


def test_words_cli_draws_the_cloud(project, tmp_path, capsys):
    location = str(project[0])
    assert main(["words", location, "--top", "30", "--cloud", str(tmp_path / "w.svg")]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 30 and "word cloud of 30 words in Noto Sans CJK SC" in err
    root = ElementTree.fromstring((tmp_path / "w.svg").read_text(encoding="utf-8"))
    assert [t.text for t in root.iter(f"{SVG}text")][0] == out.split("\t")[0]
    assert main(["words", location, "--cloud", str(tmp_path / "w.png")]) == 0
    assert Image.open(tmp_path / "w.png").size == (900, 560)
    capsys.readouterr()
    assert main(["words", location, "--cloud", str(tmp_path / "w.jpg")]) == 1
    assert "w.jpg: a word cloud is saved as .png or .svg" in capsys.readouterr().err
    assert not (tmp_path / "w.jpg").exists()
    with create_project(tmp_path / "empty.zhagen"):
        pass
    assert main(["words", str(tmp_path / "empty.zhagen"), "--cloud", str(tmp_path / "e.png")]) == 1
    assert "no words to draw" in capsys.readouterr().err
