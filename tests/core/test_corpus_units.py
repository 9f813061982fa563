"""The segmenter: jieba-rs cuts Chinese like Python jieba; project dictionary and speaker settings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jieba
import pytest

from coding.cli import main
from corpus.settings import speaker_patterns, user_words
from corpus.units import segment_units, token_spans

ROOT = Path(__file__).resolve().parents[3]
HAN_RUN = re.compile(r"[\u4e00-\u9fd5]+")


@pytest.mark.parametrize("path", [
    Path(__file__).resolve().parents[1] / "data" / "vtaiwan-tang.md",
    ROOT / "shared" / "seeds" / "002_f435c1b2bad38fb9.txt",
])
def test_jieba_rs_cuts_chinese_exactly_like_python_jieba(path):
    from corpus.units import DEFAULT_USER_WORDS, segmenter

    rust_jieba = segmenter(DEFAULT_USER_WORDS)
    for word in DEFAULT_USER_WORDS:  # the same dictionary on both sides
        jieba.add_word(word)
    text = path.read_text(encoding="utf-8")
    runs = HAN_RUN.findall(text)
    assert len(runs) > 100
    for run in runs:
        assert rust_jieba.cut(run) == jieba.lcut(run), run


def test_user_dictionary_cli_feeds_the_segmenter(store, location, capsys, tmp_path):
    assert main(["userdict", location, "--add", "居民议事会", "--remove", "西城大妈", "--coder", "张研"]) == 0
    words = capsys.readouterr().out.split()
    assert "居民议事会" in words and "西城大妈" not in words and "朝阳群众" in words
    assert set(user_words(store)) == set(words)
    text = "受访者：我们开了居民议事会。"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert main(["import", location, str(tmp_path / "a.txt"), "--coder", "张研"]) == 0
    capsys.readouterr()
    assert main(["search", location, "居民议事会", "--word", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_speaker_settings_cli(store, location, capsys):
    assert main(["speakers", location, "--interviewer", "研究者", "--pattern", r"^(?P<label>研究者|居民)——", "--coder", "张研"]) == 0
    capsys.readouterr()
    patterns = speaker_patterns(store)
    assert "研究者" in patterns.interviewer_labels and patterns.extra == (r"^(?P<label>研究者|居民)——",)
    assert main(["speakers", location, "--pattern", "(no label group)", "--coder", "张研"]) == 1
    assert "needs a (?P<label>…) group" in capsys.readouterr().err
    assert main(["speakers", location, "--reset", "--coder", "张研"]) == 0
    assert speaker_patterns(store).extra == ()


def test_units_for_a_docx_table_transcript():
    text = "访谈者：请介绍一下。\n受访者\t我是社区民警。管三个小区。\n访谈者\t平时呢？"
    from corpus.speakers import segment_turns

    turns = segment_turns(text).turns
    assert [t.speaker for t in turns] == ["访谈者", "受访者", "访谈者"]
    units, _ = segment_units(text, [(t.start, t.end) for t in turns])
    assert [text[u.start:u.end] for u in units] == ["请介绍一下。", "我是社区民警。", "管三个小区。", "平时呢？"]


def test_clauses_do_not_split_inside_numbers():
    text = "我们10:30开会，来了1,000人,比分3：2: 真热闹。"
    units, _ = segment_units(text, [(0, len(text))], "clause")
    assert [text[u.start:u.end] for u in units] == ["我们10:30开会，", "来了1,000人,", "比分3：2:", "真热闹。"]


def test_one_projects_user_words_do_not_change_another_projects_cut():
    text = "我们有朝阳群众和居民议事会。"

    def words(user_words):
        _, bounds = segment_units(text, [(0, len(text))], user_words=user_words)
        return [text[s:e] for s, e in token_spans(bounds)]

    assert "居民议事会" not in words(())
    assert {"朝阳群众", "居民议事会"} <= set(words(("朝阳群众", "居民议事会")))  # project 1
    default = words(())  # project 2, opened later in the same process, has no user words
    assert "朝阳群众" not in default and "居民议事会" not in default
    assert "朝阳" in default and "群众" in default
