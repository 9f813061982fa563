"""Speaker turns for every transcript form, sentence units, and `zhagen import` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coding import queries
from coding.cli import main
from corpus.pipeline import ImportCancelled, ImportOptions, import_files, prepare_text
from corpus.speakers import SpeakerPatterns, segment_turns
from corpus.units import segment_units

DATA = Path(__file__).resolve().parents[1] / "data"

# (transcript, expected speakers in order, expected metadata subset)
STYLES = {
    "full-width and half-width colons": (
        "访谈者：您好。\n受访者：你好，我们社区挺好的。\n访谈者：为什么？\n受访者:因为有朝阳群众。",
        ["访谈者", "受访者", "访谈者", "受访者"], {}),
    "采访者/被访者": (
        "采访者：您好。\n被访者：你好。\n采访者：再见。", ["采访者", "被访者", "采访者"], {}),
    "问答": ("问：社区安全吗？\n答：安全。\n问：为什么？\n答：有红袖标。", ["问", "答", "问", "答"], {}),
    "Q/A": ("Q: 你好？\nA: 你好。\nQ：再见？\nA：再见。", ["Q", "A", "Q", "A"], {}),
    "names with colon": (
        "张书记：我们党建引领。\n李警官:我每周入户。\n张书记：对，警民一家。\n李警官：是的。",
        ["张书记", "李警官", "张书记", "李警官"], {}),
    "brackets": (
        "【张书记】我们党建引领。\n【李警官】我每周入户。\n[张书记]对。\n[李警官]：是的。",
        ["张书记", "李警官", "张书记", "李警官"], {}),
    "markdown headings": (
        "# 访谈记录\n\n### 问：\n我们这次采访。\n\n### 张书记：\n有什么希望？\n第二段。\n\n### 问：\n好。\n\n### 张书记：\n好的。",
        ["问", "张书记", "问", "张书记"], {"notes": "访谈记录"}),
    "bold": ("**采访者：**你好。\n**受访者**：你好呀。\n**采访者：**再见。", ["采访者", "受访者", "采访者"], {}),
    "timestamps": (
        "[00:00:00.170] 采访者：你好。\n[00:00:03.020] 受访者：你好。\n采访者: [00:12] 第二个问题。\n00:51\n受访者：回答。",
        ["采访者", "受访者", "采访者", "受访者"], {}),
    "transcription tool blocks": (
        "说话人 1 00:07\n你好，今天聊聊社区。\n\n还是说话人1的第二段。\n说话人 2 00:15\n好的。\n说话人 1 00:20\n谢谢。",
        ["说话人 1", "说话人 2", "说话人 1"], {}),
    "no markers": ("第一段话，没有说话人。\n\n第二段话。\n第二段的第二行。\n\n第三段。", ["", "", ""], {}),
    "metadata header": (
        "关键词：社区安全；群防群治\n时间：2023年5月\n访谈地点：线上语音\n文字记录：王同学\n受访者：某区副区长\n\n"
        "访谈者：请介绍一下。\n受访者：好的，我分管政法工作。\n访谈者：谢谢。",
        ["访谈者", "受访者", "访谈者"],
        {"关键词": "社区安全；群防群治", "时间": "2023年5月", "访谈地点": "线上语音", "文字记录": "王同学", "受访者": "某区副区长"}),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_each_transcript_form_gives_the_right_speakers(style):
    text, speakers, meta = STYLES[style]
    seg = segment_turns(text)
    assert [t.speaker for t in seg.turns] == speakers
    for key, value in meta.items():
        assert seg.meta[key] == value
    for turn in seg.turns:  # turns hold the spoken text, never a label or metadata line
        spoken = text[turn.start:turn.end]
        assert spoken == spoken.strip() and not spoken.startswith(("：", ":", "**", "#"))
        assert "时间：" not in spoken and "关键词" not in spoken


@pytest.mark.parametrize("text", [
    "社区治理访谈\n访谈者：您好\n\n受访者：您好，我是网格员。\n\n访谈者：请介绍一下。",
    "社区治理访谈\n访谈者：您好\n受访者：您好\n\n访谈者：请介绍一下。\n受访者：好的。",
])
def test_a_title_above_an_unpunctuated_first_exchange_keeps_the_exchange(text):
    seg = segment_turns(text)
    assert seg.meta == {"notes": "社区治理访谈"}
    first = seg.turns[0]
    assert (first.speaker, text[first.start:first.end]) == ("访谈者", "您好")
    assert seg.header_end == text.index("访谈者")


def test_a_title_above_a_description_is_still_header():
    text = "社区治理访谈\n受访者：某区副区长\n\n访谈者：请介绍一下。\n受访者：好的。\n访谈者：谢谢。"
    seg = segment_turns(text)
    assert seg.meta == {"受访者": "某区副区长", "notes": "社区治理访谈"}
    assert [t.speaker for t in seg.turns] == ["访谈者", "受访者", "访谈者"]


def test_timestamps_are_recorded_on_turns():
    text = STYLES["timestamps"][0]
    assert [t.timestamp for t in segment_turns(text).turns] == ["00:00:00.170", "00:00:03.020", "00:12", "00:51"]
    tool = STYLES["transcription tool blocks"][0]
    seg = segment_turns(tool)
    assert [t.timestamp for t in seg.turns] == ["00:07", "00:15", "00:20"]
    assert tool[seg.turns[0].start:seg.turns[0].end] == "你好，今天聊聊社区。\n\n还是说话人1的第二段。"


def test_interviewer_labels_are_marked():
    seg = segment_turns(STYLES["问答"][0])
    assert [t.is_interviewer for t in seg.turns] == [True, False, True, False]


def test_a_name_colon_that_never_recurs_is_text():
    text = "访谈者：您怎么看？\n受访者：我觉得吧。\n我觉得：这个很好。\n访谈者：嗯。"
    seg = segment_turns(text)
    assert [t.speaker for t in seg.turns] == ["访谈者", "受访者", "访谈者"]
    assert text[seg.turns[1].start:seg.turns[1].end] == "我觉得吧。\n我觉得：这个很好。"


def test_project_patterns_add_a_label():
    text = "研究者——您好。\n居民——你好。\n研究者——再见。"
    patterns = SpeakerPatterns(extra=(r"^(?P<label>研究者|居民)——",))
    assert [t.speaker for t in segment_turns(text, patterns).turns] == ["研究者", "居民", "研究者"]
    restored = SpeakerPatterns.from_settings(json.loads(json.dumps(patterns.to_settings())))
    assert restored == patterns


def test_real_traditional_transcript_turns():
    text = (DATA / "vtaiwan-tang.md").read_text(encoding="utf-8")
    seg = segment_turns(text)
    assert len(seg.turns) == 84
    assert {t.speaker for t in seg.turns} == {"問", "唐鳳"}
    assert seg.meta["notes"] == "2016-07-02 vTaiwan及Join平台之分析訪談（唐鳳）"
    assert text[seg.turns[0].start:].startswith("我試著接一下電子白板")


def test_units_stay_inside_turns_and_follow_punctuation():
    text = "访谈者：您好！请问……\n受访者：我是楼门长！“朝阳群众”嘛，大家都认识𠮷野家的老板👍\n第二行，网格员、社区民警都来了。"
    seg = segment_turns(text)
    spans = [(t.start, t.end) for t in seg.turns]
    units, tokens = segment_units(text, spans)
    got = [(u.turn, text[u.start:u.end]) for u in units]
    assert got == [(0, "您好！"), (0, "请问……"), (1, "我是楼门长！"), (1, "“朝阳群众”嘛，大家都认识𠮷野家的老板👍"),
                   (1, "第二行，网格员、社区民警都来了。")]
    clauses, _ = segment_units(text, spans, "clause")
    assert [text[u.start:u.end] for u in clauses][3:6] == ["“朝阳群众”嘛，", "大家都认识𠮷野家的老板👍", "第二行，"]
    words = {text[tokens[i]:tokens[i + 1]] for i in range(0, len(tokens), 2)}
    assert {"朝阳群众", "网格员", "社区民警", "楼门长"} <= words  # the user dictionary feeds jieba


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_import_good_and_bad_files_in_one_call(tmp_path, location, store, capsys):
    good = write(tmp_path, "A03 居民.txt", STYLES["metadata header"][0].replace("\n", "\r\n").encode("gbk"))
    trad = str(DATA / "vtaiwan-tang.md")
    empty = write(tmp_path, "empty.txt", b"")
    binary = write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    locked = write(tmp_path, "locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    rc = main(["import", location, good, empty, trad, binary, locked, "--speaker", "受访者=A03", "--speaker", "唐鳳=TANG",
               "--coder", "张研"])
    out, err = capsys.readouterr()
    assert rc == 1
    assert f"{good}: imported as 'A03 居民' — encoding gb18030, 3 turns, speakers 受访者、访谈者" in out
    assert "speakers 唐鳳、問" in out
    assert err.splitlines() == [
        f"{empty}: failed: empty file",
        f"{binary}: failed: contains NUL bytes: binary data, not text",
        f"{locked}: failed: password-protected or old-format Word file (.doc inside); save it as an unprotected .docx",
    ]
    docs = {d.name: d for d in queries.list_documents(store)}
    assert set(docs) == {"A03 居民", "vtaiwan-tang"}
    people = {p.pid: p.id for p in queries.list_participants(store)}
    assert docs["A03 居民"].participant_id == people["A03"] and docs["vtaiwan-tang"].participant_id == people["TANG"]
    assert docs["A03 居民"].meta["受访者"] == "某区副区长" and docs["A03 居民"].encoding == "gb18030"
    turns = queries.list_turns(store, docs["A03 居民"].id)
    assert [(t.speaker, t.participant_id, t.is_interviewer) for t in turns] == [
        ("访谈者", None, True), ("受访者", people["A03"], False), ("访谈者", None, True)]
    text = queries.document_text(store, docs["A03 居民"].id)
    assert "\r" not in text
    for unit in queries.list_units(store, docs["A03 居民"].id):
        turn = next(t for t in turns if t.id == unit.turn_id)
        assert turn.start <= unit.start < unit.end <= turn.end


def test_file_names_that_differ_only_by_spacing_get_distinct_names(tmp_path, store):
    import unicodedata

    names = ["A01 访谈.txt", "A01  访谈.txt", "A01 访谈 .txt", unicodedata.normalize("NFD", "Café.txt"), "Café.txt"]
    files = [write(tmp_path, name, f"受访者：第{i}份访谈。".encode("utf-8")) for i, name in enumerate(names)]
    report = import_files(store, files, ImportOptions(), workers=1)
    assert len(report.imported) == 5 and not report.failed
    assert [f.name for f in report.imported] == [
        "A01 访谈", "A01  访谈", f"A01 访谈 ({tmp_path.name})", "Café", f"Café ({tmp_path.name})"]
    (tmp_path / "more").mkdir()
    again = write(tmp_path / "more", "A01 访谈 .txt", "受访者：又一份。".encode("utf-8"))
    assert [f.name for f in import_files(store, [again], ImportOptions(), workers=1).imported] == ["A01 访谈 (more)"]


def test_duplicate_text_is_reported_and_skipped(tmp_path, location, store, capsys):
    text = STYLES["问答"][0]
    first = write(tmp_path, "one.txt", text.encode("utf-8"))
    second = write(tmp_path, "two.txt", codecs_utf16(text))
    assert main(["import", location, first, "--coder", "张研"]) == 0
    assert main(["import", location, second, "--coder", "张研"]) == 0
    assert f"{second}: skipped: same text as document 'one' already in the project" in capsys.readouterr().err
    assert [d.name for d in queries.list_documents(store)] == ["one"]


def codecs_utf16(text: str) -> bytes:
    return text.encode("utf-16")  # with BOM


def test_only_bad_files_change_nothing(tmp_path, location, store, state):
    before = state(store)
    bad = write(tmp_path, "bad.txt", b"")
    assert main(["import", location, bad, "--coder", "张研"]) == 1
    assert state(store) == before


def test_cancel_leaves_the_project_as_before(tmp_path, store, state):
    files = [write(tmp_path, f"{i}.txt", f"受访者：第{i}份访谈。".encode("utf-8")) for i in range(3)]
    before = state(store)
    calls = []

    def cancelled() -> bool:
        return len(calls) >= 2

    with pytest.raises(ImportCancelled):
        import_files(store, files, ImportOptions(), workers=1, progress=lambda *a: calls.append(a), cancelled=cancelled)
    assert state(store) == before


def test_import_batch_undoes_as_one_action(tmp_path, store, state):
    before = state(store)
    files = [write(tmp_path, f"{i}.txt", f"访谈者：问{i}？\n受访者：答{i}。".encode("utf-8")) for i in range(4)]
    report = import_files(store, files, ImportOptions(), workers=2)
    assert len(report.imported) == 4 and [f.turns for f in report.imported] == [2, 2, 2, 2]
    from coding.services import history

    after = state(store)
    assert len(report.outcome.undo.rows) < 10  # turns and units are kept as bulk records
    undone = history.revert(store, report.outcome.undo)
    assert state(store) == before
    redone = history.revert(store, undone.undo)
    assert state(store) == after
    history.revert(store, redone.undo)
    assert state(store) == before


def test_prepare_text_tokens_align_with_text():
    text = "受访者：我们社区的朝阳群众，戴着红袖标👍。"
    doc = prepare_text("x", text)
    pairs = [text[doc.tokens[i]:doc.tokens[i + 1]] for i in range(0, len(doc.tokens), 2)]
    assert "".join(pairs) == text[4:]


def test_a_docx_part_that_unpacks_to_more_than_it_declares_is_refused(tmp_path):
    """A forged size in the zip headers: the part is unpacked in steps and fails its check, never held whole."""
    import io
    import resource
    import struct
    import zipfile

    docx = pytest.importorskip("docx")
    from corpus.readers import ReadError, read_file

    plain = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("正文")
    document.save(plain)
    path = tmp_path / "liar.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info, src.read(info.filename))
        z.writestr("word/media/big.bin", b"\0" * (64 * 1024 * 1024))
    data, name = bytearray(path.read_bytes()), b"word/media/big.bin"
    for signature, name_at, length_at, size_at in ((b"PK\x03\x04", 30, 26, 22), (b"PK\x01\x02", 46, 28, 24)):
        at = data.find(signature)
        while at >= 0:
            length = struct.unpack_from("<H", data, at + length_at)[0]
            if data[at + name_at: at + name_at + length] == name:
                struct.pack_into("<I", data, at + size_at, 1000)  # declares 1,000 bytes
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ReadError, match="damaged"):
        read_file(path)
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 32  # MB: never unpacked whole
