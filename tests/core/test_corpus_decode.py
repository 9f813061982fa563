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



def test_docx_transcript_in_a_table_keeps_its_paragraphs_nested_tables_and_merged_cells(tmp_path):
    """A transcript kept as a 说话人 | 内容 table: each row a turn, an answer's paragraphs its lines, no text lost."""
    import docx
    from docx.oxml import parse_xml

    from corpus.speakers import segment_turns

    document = docx.Document()
    document.add_paragraph("访谈编号：A05")
    document.add_paragraph("时间：2023年5月")
    document.add_paragraph("")
    table = document.add_table(rows=4, cols=2)
    for row, (who, said) in enumerate([("说话人", "内容"), ("访谈者", "您好，请介绍一下社区。"),
                                       ("受访者", "我们社区有很多志愿者。\n第二段：红袖标。"), ("访谈者", "好的。")]):
        table.cell(row, 0).text = who
        table.cell(row, 1).text = said  # python-docx makes a paragraph of each line
    table.cell(2, 1).paragraphs[0].add_run().add_break()  # a line break inside a paragraph is a line too
    table.cell(2, 1).paragraphs[0].add_run("（笑）")
    nested = table.cell(2, 1).add_table(rows=1, cols=2)
    nested.cell(0, 0).text, nested.cell(0, 1).text = "巡逻队", "三支"
    wide = document.add_table(rows=2, cols=3)
    wide.cell(0, 0).merge(wide.cell(0, 2)).text = "第二次访谈"  # spans three columns: once, not three times
    wide.cell(1, 0).text = "受访者"
    wide.cell(1, 1).merge(wide.cell(1, 2)).text = "合并单元格里的回答。"
    tall = document.add_table(rows=2, cols=2)
    tall.cell(0, 0).merge(tall.cell(1, 0)).text = "访谈者"  # merged down: the row below is its continuation
    tall.cell(0, 1).text, tall.cell(1, 1).text = "上一行的问题？", "下一行的问题？"
    control = parse_xml('<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:sdtContent>'
                        '<w:p><w:r><w:t>受访者：控件里的回答。</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    document.element.body.insert(len(document.element.body) - 1, control)  # before the section properties
    path = tmp_path / "表格访谈.docx"
    document.save(path)
    text = read_file(path).text
    assert text.split("\n") == [
        "访谈编号：A05", "时间：2023年5月", "",
        "说话人\t内容", "访谈者\t您好，请介绍一下社区。", "受访者\t我们社区有很多志愿者。", "第二段：红袖标。", "（笑）",
        "巡逻队\t三支", "访谈者\t好的。",
        "第二次访谈", "受访者\t合并单元格里的回答。",
        "访谈者\t上一行的问题？", "\t下一行的问题？",
        "受访者：控件里的回答。",
    ]
    seg = segment_turns(text)
    assert {"访谈编号": "A05", "时间": "2023年5月"}.items() <= seg.meta.items()
    said = [(t.speaker, text[t.start:t.end]) for t in seg.turns]  # (how the header row reads is the speakers' business)
    assert ("访谈者", "您好，请介绍一下社区。") in said
    assert ("受访者", "我们社区有很多志愿者。\n第二段：红袖标。\n（笑）\n巡逻队\t三支") in said
    assert said[-2:] == [("访谈者", "上一行的问题？\n\t下一行的问题？"), ("受访者", "控件里的回答。")]


def test_docx_row_with_several_lines_before_its_last_cell_is_one_line(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "张书记\n（社区）", "第一\n第二", "末格"
    path = tmp_path / "宽表.docx"
    document.save(path)
    assert read_file(path).text == "张书记 （社区）\t第一 第二\t末格"

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
