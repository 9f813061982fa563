"""Traditional Chinese is cut as simplified, at the original's offsets: real transcripts, word frequencies, odd input."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import opencc
import pytest

from coding import queries
from coding.services import coders
from coding.storage import create_project
from coding.textfold import fold
from corpus import simplified
from corpus.pipeline import ImportOptions, import_files
from corpus.search import search
from corpus.simplified import simplified_copy
from corpus.units import pipeline, segment_units, segmenter, token_spans
from corpus.words import word_frequencies

DATA = Path(__file__).resolve().parents[1] / "data"
SHARED = Path(__file__).resolve().parents[3] / "shared"
# Words jieba made of these real texts before they were cut as simplified (each across two words), and the words
# that stand there now.
STRADDLING = {
    "lezs": ({"我覺", "當然現", "的關", "我入"}, {"覺得", "當然", "現在", "關係", "入閣"}),
    "vtaiwan": ({"我覺", "因為國", "事務體系", "筆比較"}, {"覺得", "因為", "事務", "體系", "比較"}),
    "seed002": ({"體的", "集體責", "體建構", "主體間"}, {"集體", "責任", "共同體", "主體", "構建"}),
}
TEXTS = [
    pytest.param(DATA / "lezs-tang.md", "lezs", id="tests/data/lezs"),
    pytest.param(DATA / "vtaiwan-tang.md", "vtaiwan", id="tests/data/vtaiwan"),
    pytest.param(SHARED / "seeds" / "002_f435c1b2bad38fb9.txt", "seed002", id="seeds/002"),
]


def _read(path: Path) -> str:
    if not path.exists():  # the project's shared folder beside the checkout (tests/data has the CC0 transcripts)
        pytest.skip(f"{path} not present")
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


def _words(text: str) -> list[tuple[int, int]]:
    return token_spans(segment_units(text, [(0, len(text))])[1])


@pytest.mark.parametrize(("path", "name"), TEXTS)
def test_real_traditional_transcripts_are_cut_into_words(path, name):
    text = _read(path)
    tokens = Counter(text[s:e] for s, e in _words(text))
    bad, good = STRADDLING[name]
    assert not bad & tokens.keys(), bad & tokens.keys()
    assert good <= tokens.keys(), good - tokens.keys()


@pytest.mark.parametrize(("path", "name"), TEXTS[:2] + TEXTS[4:])
def test_traditional_text_is_cut_where_its_opencc_copy_is_cut(path, name):
    text = _read(path)
    copy = opencc.OpenCC("tw2s").convert(text)  # made apart from our code, in one piece
    assert len(copy) == len(text)
    assert _words(text) == _words(copy)
    assert simplified_copy(text) == copy  # no variant forms in these texts: the copy is OpenCC's


def test_word_frequencies_of_a_traditional_text_and_its_simplified_copy_agree(tmp_path):
    text = _read(DATA / "lezs-tang.md")
    (tmp_path / "trad.md").write_text(text, encoding="utf-8")
    (tmp_path / "simp.md").write_text(opencc.OpenCC("tw2s").convert(text), encoding="utf-8")
    with create_project(tmp_path / "p.zhagen") as store:
        coders.use_coder(store, "张研")
        report = import_files(store, [tmp_path / "trad.md", tmp_path / "simp.md"], ImportOptions(), workers=1)
        assert len(report.imported) == 2
        docs = {d.name: d.id for d in queries.list_documents(store)}
        trad = word_frequencies(store, document_id=docs["trad"], top=None)
        simp = word_frequencies(store, document_id=docs["simp"], top=None)
        both = word_frequencies(store, top=None)
    assert len(trad) > 500

    # a word is known by its simplified form in context: 計畫 is 计划 (OpenCC by phrase), not 计画 (by character)
    copy = simplified_copy(text)
    key = {text[s:e]: fold(copy[s:e]) for s, e in _words(text)} | {w.word: fold(w.word) for w in simp}
    assert {key[w.word]: w.count for w in trad} == {key[w.word]: w.count for w in simp}
    assert "媒體" in {w.word for w in trad} and "媒体" in {w.word for w in simp}  # each shown as written
    # one row a word in the project, whichever spelling: twice the count, two documents
    assert {key[w.word]: (w.count, w.documents) for w in both} == {key[w.word]: (2 * w.count, 2) for w in trad}


def test_whole_word_search_finds_traditional_words(tmp_path):
    (tmp_path / "lezs.md").write_bytes((DATA / "lezs-tang.md").read_bytes())
    with create_project(tmp_path / "p.zhagen") as store:
        coders.use_coder(store, "张研")
        import_files(store, [tmp_path / "lezs.md"], ImportOptions(), workers=1)
        hits = search(store, "觉得", whole_word=True)
        text = queries.document_text(store, hits[0].document_id)
    assert len(hits) == text.count("覺得") == 46  # 我覺 + 得 had left none of them a whole word
    assert {text[h.start:h.end] for h in hits} == {"覺得"}


def test_offsets_are_code_points_of_the_original_with_astral_characters_and_emoji():
    text = "𠮷野家的集體責任😀，我覺得𩸽很好吃。\n問：妳們衞生怎麼樣？"
    words = [text[s:e] for s, e in _words(text)]
    assert "集體" in words and "責任" in words and "覺得" in words and "妳們" in words and "衞生" in words
    assert "".join(words) == text.replace("\n", "")  # every character once, in order, nothing shifted
    assert text[text.index("集體"):text.index("集體") + 2] == "集體"


def test_nul_and_lone_surrogates_do_not_shift_words():
    # OpenCC stops at a NUL and cannot take a lone surrogate: those lines are converted run by run
    text = "我覺得\x00集體責任很重要\n乾淨\ud800的社區\n後來"
    copy = simplified_copy(text)
    assert len(copy) == len(text)
    assert copy == "我觉得\x00集体责任很重要\n干净\ud800的社区\n后来"
    text = text.replace("\ud800", "")  # (the importer never stores one: jieba cannot take it either)
    words = [text[s:e] for s, e in _words(text)]
    assert {"覺得", "集體", "責任", "乾淨", "社區", "後來"} <= set(words)


class _Stretching:
    """OpenCC as it could behave: 集體 becomes three characters, 乾 two."""

    def __init__(self, real):  # noqa: ANN001 - opencc.OpenCC
        self.real = real

    def convert(self, text: str) -> str:
        return self.real.convert(text).replace("集体", "集体体").replace("干", "干干")


def test_a_conversion_that_changes_length_falls_back_without_shifting(monkeypatch):
    real = simplified.converter(simplified.SEGMENTATION_CONFIG)
    monkeypatch.setattr(simplified, "converter", lambda config="t2s": _Stretching(real))
    text = "問：集體責任怎麼分？\n答：後來我覺得，集體的責任要乾淨地分清楚。\n簡體不變：社区治理。"
    copy = simplified_copy(text)
    assert len(copy) == len(text)
    # lines whose length changed were converted run by run, then character by character where a run still did
    assert copy == "问：集体责任怎么分？\n答：后来我觉得，集体的责任要乾净地分清楚。\n简体不变：社区治理。"
    assert copy.split("\n")[1][14] == "乾"  # 乾 alone becomes two characters: kept as it is
    words = [text[s:e] for s, e in _words(text)]
    assert "".join(words) == text.replace("\n", "") and "集體" in words and "覺得" in words


def test_simplified_text_is_left_alone():
    text = _read(SHARED / "seeds" / "001_ad9a5898312abb7b.txt")
    assert simplified_copy(text) is text


def test_traditional_user_words_and_traditional_text():
    text = "我們這裡的朝陽群眾和居民議事會都很活躍。"
    words = [text[s:e] for s, e in token_spans(segment_units(text, [(0, len(text))], user_words=("朝阳群众", "居民議事會"))[1])]
    assert "朝陽群眾" in words and "居民議事會" in words
    assert [w for w in segmenter(("居民議事會",)).cut("居民议事会")] == ["居民议事会"]


def test_spacy_docs_carry_the_original_words():
    doc = pipeline()("我覺得集體責任很重要。後來呢？")
    assert [t.text for t in doc] == ["我", "覺得", "集體", "責任", "很", "重要", "。", "後來", "呢", "？"]
    assert [s.text for s in doc.sents] == ["我覺得集體責任很重要。", "後來呢？"]
