"""Hostile transcripts: each is imported correctly or refused in one short line, the project unchanged, in bounded time.

One regression test per failure measured in issue 13, and a few hundred
mutated inputs from bench/fuzz_import.py with a fixed seed.
"""

from __future__ import annotations

import io
import random
import time
import zipfile

import pytest

from bench import fuzz_import
from coding import queries
from corpus import units as units_module
from corpus.pipeline import INTERNAL_ERROR, import_files, prepare_text
from corpus.readers import read_file
from corpus.speakers import segment_turns
from corpus.units import segment_units


def _import_one(store, path):
    before = (queries.stats(store), [c.name for c in queries.list_coders(store)])
    report = import_files(store, [path], workers=1)
    (f,) = report.files
    if f.status == "failed":
        assert "\n" not in f.reason and len(f"{path}: failed: {f.reason}") < 300, f.reason
        assert not f.reason.startswith(INTERNAL_ERROR), f.reason
        assert (queries.stats(store), [c.name for c in queries.list_coders(store)]) == before
        assert report.outcome is None
    return f


@pytest.fixture
def sqlite_store(tmp_path):
    from coding.services import coders
    from coding.storage import create_project

    store = create_project(tmp_path / "p.zhagen", name="p")
    coders.use_coder(store, "张研")
    yield store
    store.close()


def test_mutated_inputs_import_or_are_refused_in_one_line(sqlite_store, tmp_path):
    rng = random.Random(13)
    pool = fuzz_import.seeds()
    for i in range(300):
        suffix, data = fuzz_import.mutate(rng, *rng.choice(pool))
        path = tmp_path / f"in{i}{suffix}"
        path.write_bytes(data)
        started = time.monotonic()
        _import_one(sqlite_store, path)
        assert time.monotonic() - started < 10


# ---------------------------------------------------------------- one turn over spaCy's 1,000,000 characters


SENTENCES = ("我们社区𠮷野家门口有红袖标👍，“朝阳群众”嘛……", "大家都认识！", " ", "10:30 开会。")
REPEATS = 1_050_000 // len("".join(SENTENCES))


def test_a_turn_longer_than_spacys_limit_is_segmented():
    text = "访谈者：请讲。\n受访者：" + "".join(SENTENCES) * REPEATS + "\n访谈者：谢谢。"
    doc = prepare_text("long", text)
    assert [t.speaker for t in doc.turns] == ["访谈者", "受访者", "访谈者"]
    assert doc.turns[1].end - doc.turns[1].start > 1_000_000
    expected, pos = [], text.index("受访者：") + 4
    for _ in range(REPEATS):
        for sentence in SENTENCES:
            if sentence.strip():
                expected.append((pos, pos + len(sentence)))
            pos += len(sentence)
    assert [(u.start, u.end) for u in doc.units if u.turn == 1] == expected
    words = {text[doc.tokens[i]:doc.tokens[i + 1]] for i in range(0, len(doc.tokens), 2)}
    assert {"𠮷", "👍", "朝阳群众"} <= words


@pytest.mark.parametrize("mode", ["sentence", "clause"])
def test_units_and_words_are_the_same_whatever_the_piece_size(monkeypatch, mode):
    """Cut into pieces of a few hundred characters (as a line over LONG_LINE is), offsets stay right,
    also next to characters outside the BMP."""
    rng = random.Random(7)
    line = fuzz_import.DATA.joinpath("lezs-tang.md").read_text(encoding="utf-8").replace("\n", " ")[:12000]
    chars = list(line)
    for i in rng.sample(range(len(chars)), 400):
        chars[i] = rng.choice(["𠮷", "👍", "😀", " ", "。”", "……", "1:2", "abc", "\u3000"])
    text = "受访者：" + "".join(chars)
    spans = [(4, len(text))]
    whole = segment_units(text, spans, mode)
    for size in (200, 999, 4000):
        monkeypatch.setattr(units_module, "LONG_LINE", size)
        cut = segment_units(text, spans, mode)
        assert cut[0] == whole[0]
        assert list(cut[1]) == list(whole[1])
    assert any("𠮷" in text[u.start:u.end] for u in whole[0])


def test_units_match_spacy_docs_on_a_real_transcript():
    from corpus.units import pipeline

    text = fuzz_import.DATA.joinpath("vtaiwan-tang.md").read_text(encoding="utf-8")
    seg = segment_turns(text)
    units, bounds = segment_units(text, [(t.start, t.end) for t in seg.turns])
    nlp = pipeline()
    expected, words = [], []
    for turn_index, t in enumerate(seg.turns):
        pos = t.start
        for line in text[t.start:t.end].split("\n"):
            if line.strip():
                doc = nlp(line)
                for sent in doc.sents:
                    s, e = pos + sent.start_char, pos + sent.end_char
                    stripped = text[s:e].strip()
                    if stripped:
                        s += len(text[s:e]) - len(text[s:e].lstrip())
                        expected.append((s, s + len(stripped), turn_index))
                words.extend(pos + b for b in doc.user_data["token_bounds"])
            pos += len(line) + 1
    assert [(u.start, u.end, u.turn) for u in units] == expected
    assert list(bounds) == words


# ---------------------------------------------------------------- .rtf


@pytest.mark.parametrize(("body", "expected"), [
    ("你\\u99999999?好", "你\ufffd好"),  # \u out of range: U+FFFD
    ("\\uc \\u20320?好", "你好"),  # \uc without its number: 1
    ("\\u-10179?\\u-8704?好", "😀好"),  # a surrogate pair: one character
    ("\\u-10179?好", "\ufffd好"),  # a lone surrogate: U+FFFD
    ("{\\field{\\*\\fldinst{HYPERLINK \"http://x\"}}{\\fldrslt 链接}} 好", "链接 好"),
])
def test_hostile_rtf_escapes_are_read(sqlite_store, tmp_path, body, expected):
    path = tmp_path / "t.rtf"
    body = "".join(f"\\u{ord(c)}?" if ord(c) > 127 else c for c in body)  # RTF is ASCII: CJK as \\uN escapes
    path.write_bytes(("{\\rtf1\\ansi\\ansicpg936 " + body + "}").encode("ascii"))
    assert read_file(path).text == expected
    f = _import_one(sqlite_store, path)
    assert f.status == "imported"


def test_rtf_font_table_without_semicolons_is_fast(sqlite_store, tmp_path):
    path = tmp_path / "fonts.rtf"
    path.write_bytes(b"{\\rtf1{\\fonttbl" + b"\\f0\\fcharset134 " * 20000 + b"}\\f0 \\u20320?}")
    started = time.monotonic()
    assert _import_one(sqlite_store, path).status == "imported"
    assert time.monotonic() - started < 5


def test_rtf_that_striprtf_cannot_read_is_refused_in_one_line(sqlite_store, tmp_path):
    path = tmp_path / "t.rtf"
    path.write_bytes(b"{\\rtf1 \\bin99999999999999 x}")
    f = _import_one(sqlite_store, path)
    assert (f.status, f.reason) == ("failed", "empty file (no text in the RTF)")


# ---------------------------------------------------------------- .docx


def _docx_with(document_xml: bytes, duplicate: bool = False) -> bytes:
    import warnings

    base = fuzz_import._docx(["访谈者：请介绍一下。"], [["受访者", "我是社区民警。"], ["访谈者", "谢谢。"]])
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")
        for name, body in parts.items():
            z.writestr(name, document_xml(body) if name == "word/document.xml" else body)
        if duplicate:
            z.writestr("word/document.xml", parts["word/document.xml"])
    return out.getvalue()


def test_docx_cell_spanning_2_31_columns_is_read_in_bounded_memory(sqlite_store, tmp_path):
    import resource

    path = tmp_path / "span.docx"
    path.write_bytes(_docx_with(lambda xml: xml.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="2147483648"/>', 1)))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    f = _import_one(sqlite_store, path)
    assert f.status == "imported"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KB
    assert read_file(path).text == "访谈者：请介绍一下。\n受访者\t我是社区民警。\n访谈者\t谢谢。"


def test_docx_first_row_merged_down_is_read(sqlite_store, tmp_path):
    path = tmp_path / "vmerge.docx"
    path.write_bytes(_docx_with(lambda xml: xml.replace(b"<w:tcPr>", b"<w:tcPr><w:vMerge/>", 1)))
    assert _import_one(sqlite_store, path).status == "imported"


@pytest.mark.parametrize(("xml", "duplicate", "reason"), [
    (lambda x: x.replace(b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
                         b'xmlns:w="urn:wrong"'), False, "not a readable .docx (AttributeError: "),
    (lambda x: x, True, "not a readable .docx ("),
    (lambda x: x[: len(x) // 2], False, "not a readable .docx (XMLSyntaxError: "),
])
def test_unreadable_docx_is_refused_in_one_line(sqlite_store, tmp_path, xml, duplicate, reason):
    path = tmp_path / "bad.docx"
    path.write_bytes(_docx_with(xml, duplicate))
    f = _import_one(sqlite_store, path)
    if f.status == "imported":  # python-docx may read the duplicate part: then the text must be right
        assert duplicate and f.turns == 3
    else:
        assert f.reason.startswith(reason), f.reason


# ---------------------------------------------------------------- linear regexes, blank lines, line ends


@pytest.mark.parametrize("line", [
    "关键词：a" + " " * 5_000_000 + "b",
    "张" + " " * 5_000_000 + "x",
    "**" + " \t" * 2_500_000 + "x",
    "说话人" + " " * 2_500_000 + "1" + " " * 2_500_000 + "x",
    " " * 2_500_000 + "00:00" + " " * 2_500_000 + "x",
])
def test_a_5_mb_padded_line_is_processed_within_seconds(line):
    started = time.monotonic()
    seg = segment_turns(line + "\n\n访谈者：你好。\n受访者：好。")
    segment_units(line, [(0, len(line))])
    assert time.monotonic() - started < 5
    assert [t.speaker for t in seg.turns][-2:] == ["访谈者", "受访者"]


def test_blank_lines_cost_nothing(sqlite_store, tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes("访谈者：你好。".encode() + b"\n" * 20_000_000 + "受访者：好。".encode() + b" \n" * 1_000_000)
    started = time.monotonic()
    f = _import_one(sqlite_store, path)
    assert (f.status, f.turns, f.units) == ("imported", 2, 2)
    assert time.monotonic() - started < 15


def test_too_many_lines_are_refused_before_segmenting(sqlite_store, tmp_path):
    path = tmp_path / "lines.txt"
    path.write_bytes(b"x\n" * 600_000)
    f = _import_one(sqlite_store, path)
    assert f.reason == "has 600,000 lines of text, more than the 500,000 one transcript may have; split it"


@pytest.mark.parametrize("end", ["\u2028", "\u2029", "\x85", "\r\n", "\r", "\x0b", "\x0c"])
def test_unicode_line_ends_separate_turns(sqlite_store, tmp_path, end):
    text = end.join(["访谈者：您好。", "受访者：你好。", "访谈者：再见。"])
    path = tmp_path / "ends.txt"
    path.write_bytes(text.encode("utf-8"))
    assert read_file(path).text == "访谈者：您好。\n受访者：你好。\n访谈者：再见。"
    f = _import_one(sqlite_store, path)
    assert (f.status, f.turns) == ("imported", 3)


def test_a_refusal_from_the_input_is_one_short_line(sqlite_store, tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"x", )
    f = _import_one(sqlite_store, path)
    assert f.status == "imported"
    long_encoding = tmp_path / "e.txt"
    long_encoding.write_bytes("你好".encode("utf-16-le") + b"\xff" * 30000)
    f = _import_one(sqlite_store, long_encoding)
    assert f.status == "failed" and len(f.reason) < 250
