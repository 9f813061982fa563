"""Baseline segmentation: header metadata, 访谈者/受访者 turns, sentences at Chinese punctuation."""

from __future__ import annotations

from corpus.segment import sentences, speaker_turns, split_header

TRANSCRIPT = (
    "【示例数据】虚构样例。\n"
    "受访者编号：A01\n"
    "访谈时间：2023年4月12日\n"
    "访谈者：课题组成员\n"
    "\n"
    "访谈者：您在社区住了多久？\n"
    "受访者:二十多年了。我是楼门长！“朝阳群众”嘛……大家都认识𠮷野家的老板👍\n"
    "还有第二段；也算我的。\n"
    "访谈者：好的。"
)


def test_header_block_becomes_metadata_not_turns():
    header = split_header(TRANSCRIPT)
    assert header.meta == {"受访者编号": "A01", "访谈时间": "2023年4月12日", "访谈者": "课题组成员"}
    assert header.notes == ["【示例数据】虚构样例。"]
    assert TRANSCRIPT[header.end:].startswith("访谈者：您在")
    turns = speaker_turns(TRANSCRIPT, header.end)
    assert [(t.speaker, t.is_interviewer) for t in turns] == [("访谈者", True), ("受访者", False), ("访谈者", True)]
    assert TRANSCRIPT[turns[0].start:turns[0].end] == "您在社区住了多久？"
    assert TRANSCRIPT[turns[1].start:turns[1].end].endswith("还有第二段；也算我的。")
    assert TRANSCRIPT[turns[2].start:turns[2].end] == "好的。"


def test_dialogue_without_header_has_none():
    text = "访谈者：您好，请问您觉得社区安全吗？我们想了解一下。\n\n受访者：挺安全的。"
    assert split_header(text).end == 0


def test_sentences_split_at_chinese_punctuation_and_lines():
    turn = speaker_turns(TRANSCRIPT, split_header(TRANSCRIPT).end)[1]
    got = [TRANSCRIPT[s.start:s.end] for s in sentences(TRANSCRIPT, turn.start, turn.end)]
    assert got == ["二十多年了。", "我是楼门长！", "“朝阳群众”嘛……", "大家都认识𠮷野家的老板👍", "还有第二段；", "也算我的。"]
    quoted = "他说：“红袖标一戴，心里就踏实。”然后走了"
    assert [quoted[s.start:s.end] for s in sentences(quoted, 0, len(quoted))] == ["他说：“红袖标一戴，心里就踏实。”", "然后走了"]
