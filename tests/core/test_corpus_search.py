"""Search (plain, regex, whole word, traditional/simplified), autocode and word frequencies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coding import queries
from coding.cli import main
from coding.errors import InvalidInput
from corpus.autocode import autocode
from corpus.pipeline import ImportOptions, import_files
from corpus.search import SearchIndex, fold, search
from corpus.words import word_frequencies

SEED_002 = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "002_f435c1b2bad38fb9.txt"
SIMPLIFIED = ("访谈者：社区安全怎么样？\n受访者：我们社区有朝阳群众，戴红袖标巡逻。社区民警也常来。\n"
              "访谈者：您参加吗？\n受访者：参加！社区就是家嘛。朝阳群众很光荣👍。")
TRADITIONAL = "問：社區治理怎麼做？\n答：構建社區風險治理共同體，凝聚公共價值共識。"


@pytest.fixture
def corpus(store, tmp_path):
    (tmp_path / "A01.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (tmp_path / "B01.txt").write_bytes(TRADITIONAL.encode("big5"))
    seed = SEED_002.read_text(encoding="utf-8")[:3000]
    (tmp_path / "seed002.txt").write_text(seed, encoding="utf-8")
    report = import_files(store, sorted(tmp_path.glob("*.txt")), ImportOptions(), speakers={"受访者": "A01"}, workers=1)
    assert len(report.imported) == 3
    return {d.name: d for d in queries.list_documents(store)}


def test_fold_is_length_preserving():
    text = "社區治理共同體ＡＢＣ　臺灣𠮷👍"
    assert fold(text) == "社区治理共同体abc 台湾𠮷👍"
    assert len(fold(text)) == len(text)


def test_simplified_query_finds_traditional_text(store, corpus):
    hits = search(store, "社区")
    by_doc = {}
    for h in hits:
        by_doc.setdefault(h.document, []).append(h)
    assert len(by_doc["A01"]) == 4 and len(by_doc["B01"]) == 2
    assert all(h.match in ("社区", "社區") for h in hits)
    trad = by_doc["B01"][0]
    assert trad.match == "社區" and queries.document_text(store, trad.document_id)[trad.start:trad.end] == "社區"
    assert "seed002" in by_doc  # the real traditional seed text is found by a simplified query
    assert search(store, "社区", fold_variants=False) == [h for h in hits if h.match == "社区"]
    a01 = by_doc["A01"][0]
    assert a01.participant == "A01" and a01.left == "访谈者：" and a01.right.startswith("安全怎么样")


def test_regex_and_whole_word(store, corpus):
    assert [h.match for h in search(store, r"朝阳群众[，。]", regex=True)] == ["朝阳群众，"]
    assert [h.match for h in search(store, "朝阳群众.", regex=True)] == ["朝阳群众，", "朝阳群众很"]
    assert len(search(store, "社区", whole_word=True, document_ids={corpus["A01"].id})) == 3  # not inside 社区民警
    assert len(search(store, "群众", whole_word=True)) == 0  # 朝阳群众 is one word (user dictionary)
    with pytest.raises(InvalidInput, match="regular expression"):
        search(store, "(", regex=True)


def test_regex_keeps_full_width_punctuation_literal(store):
    from coding.services import documents

    for name, text in [("T", "受访者：為什麼？不知道。"), ("S", "受访者：为什么?因为（A03）说的。"), ("N", "受访者：为什么呢")]:
        documents.add_document(store, name, text)
    hits = search(store, "为什么？", regex=True)
    assert sorted((h.document, h.match) for h in hits) == [("S", "为什么?"), ("T", "為什麼？")]
    assert [(h.document, h.match) for h in search(store, "（A03）", regex=True)] == [("S", "（A03）")]
    assert [h.match for h in search(store, r"[？?]不知道", regex=True)] == ["？不知道"]
    assert [h.match for h in search(store, r"\（a0\d）", regex=True)] == ["（A03）"]  # escaped, case-insensitive


def test_search_index_is_kept_and_refreshed(store, corpus, tmp_path):
    index = SearchIndex(store)
    assert len(index.search("红袖标")) == 1
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "C01.txt").write_text("受访者：红袖标是荣誉。", encoding="utf-8")
    import_files(store, [tmp_path / "new" / "C01.txt"], ImportOptions(), workers=1)
    assert len(index.search("红袖标")) == 1
    index.refresh()
    assert len(index.search("红袖标")) == 2


def test_autocode_by_hit_sentence_and_turn(store, corpus):
    out = autocode(store, "朝阳群众", "品牌认同>朝阳群众身份", unit="sentence")
    assert out.value == 2
    rows = queries.list_codings(store)
    assert [r.text for r in rows] == ["我们社区有朝阳群众，戴红袖标巡逻。", "朝阳群众很光荣👍。"]
    assert autocode(store, "朝阳群众", "品牌认同>朝阳群众身份", unit="sentence").value == 0  # nothing twice
    assert autocode(store, "红袖标", "x>turn", unit="turn").value == 1
    turn_rows = [r for r in queries.list_codings(store) if r.code_path == "x>turn"]
    assert turn_rows[0].text == "我们社区有朝阳群众，戴红袖标巡逻。社区民警也常来。"
    assert autocode(store, "治理", "y", unit="hit").value == search_count(store, "治理")


def search_count(store, query):
    return len(search(store, query))


def test_cli_search_autocode_words(store, corpus, location, capsys):
    assert main(["search", location, "社区", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(search(store, "社区"))
    assert main(["autocode", location, "巡逻", "--code", "行动>巡逻", "--unit", "sentence", "--coder", "李文"]) == 0
    assert capsys.readouterr().out.strip() == "made 1 codings with 行动>巡逻"
    assert main(["words", location, "--json", "--top", "3", "--doc", "A01"]) == 0
    top = json.loads(capsys.readouterr().out)
    assert top[0] == {"word": "社区", "count": 3, "documents": 1}
    assert main(["words", location, "--participant", "nobody"]) == 1


def test_word_frequencies_by_scope(store, corpus):
    words = {w.word: w for w in word_frequencies(store, top=None)}
    by_doc = {name: {w.word: w.count for w in word_frequencies(store, document_id=doc.id, top=None)}
              for name, doc in corpus.items()}
    assert by_doc["A01"]["社区"] == 3 and by_doc["B01"]["社區"] == 2  # 社区民警 is its own word
    # one row for both spellings, shown as the one used most
    assert "社区" not in words and words["社區"].documents == 3
    assert words["社區"].count == 3 + 2 + by_doc["seed002"]["社區"]
    assert "我们" not in words and "也" not in words  # stop words, and one-character words
    assert "朝阳群众" in words and words["朝阳群众"].count == 2
    mine = {w.word for w in word_frequencies(store, participant_id=queries.participant_ids_by_pid(store)["A01"], top=None)}
    assert "朝阳群众" in mine and "安全" not in mine  # 安全 is only in the interviewer's question
    autocode(store, "红袖标", "品牌认同>红袖标", unit="sentence")
    coded = {w.word for w in word_frequencies(store, code_id=queries.find_code(store, "品牌认同").id, top=None)}
    assert coded == {"社区", "朝阳群众", "红袖标", "巡逻"}
