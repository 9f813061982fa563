"""Variant characters that t2s keeps apart fold in search (corpus/variants.py), with exact offsets, on real text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from coding import queries
from coding.services import coders
from coding.storage import create_project
from coding.textfold import fold
from corpus.pipeline import ImportOptions, import_files
from corpus.search import SearchIndex
from corpus.simplified import t2s_table
from corpus.variants import SAME_CHARACTER, SEARCH_ONLY, pairs

DATA = Path(__file__).resolve().parents[1] / "data"
SEED_002 = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "002_f435c1b2bad38fb9.txt"


def test_the_table_lists_only_what_t2s_keeps_apart():
    t2s = t2s_table()
    entries = [*pairs(SAME_CHARACTER), *pairs(SEARCH_ONLY)]
    assert len(entries) > 200
    variants = [v for v, _ in entries]
    assert len(variants) == len(set(variants))  # each variant folds one way
    for variant, canonical in entries:
        assert len(variant) == len(canonical) == 1 and ord(variant) < 0x10000 and ord(canonical) < 0x10000
        assert canonical not in variants, canonical  # no chains
        assert t2s[ord(variant)] != t2s[ord(canonical)], f"{variant} already folds to {canonical}"
        assert fold(variant) == fold(canonical), variant


@pytest.mark.parametrize("pair", ["着著", "里裡", "里裏", "台臺", "台檯", "于於", "群羣", "够夠", "线綫", "线線", "为爲",
                                  "为為", "峰峯", "只隻", "只衹", "只祇", "卫衞", "卫衛", "你妳", "他祂", "它牠", "了瞭",
                                  "台枱", "叙敍", "叙敘", "碰踫", "告吿", "值値", "岁歳", "黑黒", "回囘", "回廻", "回迴"])
def test_either_spelling_folds_to_one(pair):
    assert fold(pair[0]) == fold(pair[1])


def test_folding_keeps_length_and_astral_characters():
    text = "𠮷😀衞生妳們看著ＡＢ"
    assert fold(text) == "𠮷😀卫生你们看着ab" and len(fold(text)) == len(text)


@pytest.fixture(scope="module")
def real_project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("variants")
    for source in (DATA / "lezs-tang.md", DATA / "vtaiwan-tang.md", SEED_002):
        (folder / (source.stem + ".md")).write_bytes(source.read_bytes())
    (folder / "simplified.txt").write_text("受访者：我很了解这里的台词，看着他们粘合在一起，仿佛是一家人。\n", encoding="utf-8")
    store = create_project(folder / "p.zhagen")
    coders.use_coder(store, "张研")
    report = import_files(store, sorted(folder.glob("*.*[dt]")), ImportOptions(), workers=1)
    assert len(report.imported) == 4
    yield store, {d.name: queries.document_text(store, d.id) for d in queries.list_documents(store)}
    store.close()


@pytest.mark.parametrize(("query", "found"), [
    ("了解", {"瞭解": 11, "了解": 1}),  # t2s turns the word 瞭解 into 了解, never the character 瞭
    ("瞭解", {"瞭解": 11, "了解": 1}),
    ("看着", {"看著": 2, "看着": 1}),
    ("随着", {"隨著": 9}),
    ("睾固酮", {"睪固酮": 1}),
    ("仿佛", {"彷彿": 1, "仿佛": 1}),
    ("粘合", {"黏合": 1, "粘合": 1}),
    ("这里", {"這裡": 3, "这里": 1}),  # t2s folds these already; the table keeps them folding
    ("台词", {"臺詞": 5, "台词": 1}),
])
def test_search_finds_every_spelling_in_real_transcripts(real_project, query, found):
    store, texts = real_project
    hits = SearchIndex(store).search(query)
    matched: dict[str, int] = {}
    for h in hits:
        assert texts[h.document][h.start:h.end] == h.match  # offsets are exact code points of the stored text
        matched[h.match] = matched.get(h.match, 0) + 1
    assert matched == found
    exact = SearchIndex(store).search(query, fold_variants=False)
    assert {h.match for h in exact} <= {query}


def test_regex_and_whole_word_search_fold_variants(real_project):
    store, texts = real_project
    index = SearchIndex(store)
    assert {h.match for h in index.search("(跟|看)着", regex=True)} == {"跟著", "看著", "看着"}
    words = index.search("了解", whole_word=True)
    assert len(words) == 12 and all(texts[h.document][h.start:h.end] in ("瞭解", "了解") for h in words)


def test_offsets_after_astral_characters(tmp_path):
    text = unicodedata.normalize("NFC", "受訪者：𠮷野家的衞生😀很好，妳們看著辦。")
    (tmp_path / "hk.txt").write_text(text, encoding="utf-8")
    with create_project(tmp_path / "p.zhagen") as store:
        coders.use_coder(store, "张研")
        import_files(store, [tmp_path / "hk.txt"], ImportOptions(), workers=1)
        stored = queries.document_text(store, queries.list_documents(store)[0].id)
        index = SearchIndex(store)
        for query, match in (("卫生", "衞生"), ("你们", "妳們"), ("看着办", "看著辦")):
            (hit,) = index.search(query)
            assert (hit.start, hit.match) == (stored.index(match), match)
