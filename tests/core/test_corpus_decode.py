"""Decoding and reading transcript files: encodings, BOMs, line ends, .docx/.rtf, bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from corpus.decode import MAX_TEXT_BYTES
from corpus.readers import ReadError, read_file

SEED_002 = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "002_f435c1b2bad38fb9.txt"
SIMPLIFIED = "访谈者：您在社区住了多久？\n受访者：二十多年了，我是楼门长！“朝阳群众”嘛……大家都认识。\n访谈者：红袖标呢？\n受访者：每周都戴，心里踏实。"


def traditional_sample() -> str:
    # seed 002 is real traditional-Chinese text; a Big5-encodable stretch of it
    text = SEED_002.read_text(encoding="utf-8")
    sample = text[:1500]
    sample.encode("big5")  # must be encodable for the Big5 case below
    return sample


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le-bom", "utf-16-be-bom"])
def test_simplified_transcript_in_every_encoding_gives_the_same_text(tmp_path, encoding):
    if encoding == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be")
    else:
        data = SIMPLIFIED.encode(encoding)
    path = tmp_path / "t.txt"
    path.write_bytes(data)
    raw = read_file(path)
    assert raw.text == SIMPLIFIED


@pytest.mark.parametrize("encoding", ["big5", "utf-16-le", "utf-8-sig", "gb18030"])
def test_traditional_seed_text_round_trips(tmp_path, encoding):
    text = traditional_sample()
    path = tmp_path / "trad.txt"
    path.write_bytes(text.encode(encoding) if encoding != "utf-16-le" else codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    raw = read_file(path)
    assert raw.text == text
    if encoding == "big5":
        assert raw.encoding.startswith("big5")


def test_crlf_cr_and_nfd_are_normalised(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("访谈者：你好\r\n受访者：café\r老师好\n".encode("utf-8").replace("é".encode(), "e\u0301".encode()))
    assert read_file(path).text == "访谈者：你好\n受访者：café\n老师好\n"


def test_astral_characters_survive_gb18030(tmp_path):
    text = "受访者：𠮷野家门口有红袖标👍。"
    path = tmp_path / "astral.txt"
    path.write_bytes(text.encode("gb18030"))
    raw = read_file(path)
    assert raw.text == text and len(raw.text) == 15


def test_encoding_override_and_its_errors(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SIMPLIFIED.encode("gbk"))
    assert read_file(path, "gbk").text == SIMPLIFIED
    with pytest.raises(ReadError, match="cannot be decoded as utf-8"):
        read_file(path, "utf-8")
    with pytest.raises(ReadError, match="unknown encoding"):
        read_file(path, "klingon")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\r\n  \n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary data"),
        ("受访者：你好".encode("utf-8") + b"\x00\x00\x00abc", "NUL bytes"),
        (b"\x81\x30\xff\xfe\xfd" * 3 + bytes(range(128, 256)), "binary data|cannot detect"),
    ],
)
def test_bad_text_files_have_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_file(path)


def test_huge_text_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_TEXT_BYTES + 1)  # sparse: no memory, no disk
    with pytest.raises(ReadError, match="MB limit"):
        read_file(path)


def test_unsupported_and_missing(tmp_path):
    with pytest.raises(ReadError, match="unsupported file type .pdf"):
        read_file(tmp_path / "x.pdf")
    with pytest.raises(ReadError, match="no such file"):
        read_file(tmp_path / "x.txt")


def test_docx_paragraphs_and_table_rows_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("访谈者：请介绍一下您的工作。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "受访者", "我是社区民警，管三个小区。"
    table.cell(1, 0).text, table.cell(1, 1).text = "访谈者", "平时怎么联系居民？"
    document.add_paragraph("受访者：微信群，还有入户走访𠮷。")
    path = tmp_path / "访谈.docx"
    document.save(path)
    raw = read_file(path)
    assert raw.text == ("访谈者：请介绍一下您的工作。\n受访者\t我是社区民警，管三个小区。\n"
                        "访谈者\t平时怎么联系居民？\n受访者：微信群，还有入户走访𠮷。")


def test_bad_docx_files(tmp_path):
    not_zip = tmp_path / "fake.docx"
    not_zip.write_text("这不是 Word 文件", encoding="utf-8")
    with pytest.raises(ReadError, match="not a zip"):
        read_file(not_zip)
    encrypted = tmp_path / "locked.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    with pytest.raises(ReadError, match="password-protected"):
        read_file(encrypted)
    import zipfile

    other_zip = tmp_path / "other.docx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ReadError, match="no word/document.xml"):
        read_file(other_zip)


def test_rtf_with_code_page_and_unicode_escapes(tmp_path):
    body = "访谈者：".encode("gbk")
    escaped = "".join(f"\\'{b:02x}" for b in body)
    rtf = "{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0 SimSun;}}\\f0 " + escaped + "\\u31038?\\u21306?\\par\n" + "{\\*\\generator x;}ok}"
    path = tmp_path / "t.rtf"
    path.write_bytes(rtf.encode("ascii"))
    raw = read_file(path)
    assert raw.text.strip() == "访谈者：社区\nok"
    assert raw.encoding == "rtf/cp936"
    bad = tmp_path / "bad.rtf"
    bad.write_text("not rtf", encoding="utf-8")
    with pytest.raises(ReadError, match="not an RTF"):
        read_file(bad)
