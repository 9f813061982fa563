"""Code point ↔ UTF-16 conversion, checked against Qt's own QTextDocument positions."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from app.offsets import OffsetMap

TEXTS = ["受访者：𠮷野家门口有红袖标👍，大家都认识。", "𠮷", "👍👍𠮷a", "纯中文没有扩展字符", "", "a👨‍👩‍👧b"]


@pytest.mark.parametrize("text", TEXTS)
def test_round_trip_for_every_offset(text):
    om = OffsetMap(text)
    assert om.qt_length == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        qt = om.to_qt(cp)
        assert om.from_qt(qt) == cp
        assert len(text[:cp].encode("utf-16-le")) // 2 == qt


@pytest.mark.parametrize("text", TEXTS[:3])
def test_selection_in_qt_maps_to_the_same_characters(qapp, text):
    doc = QTextDocument(text)
    om = OffsetMap(text)
    for cp_start in range(len(text)):
        for cp_end in range(cp_start + 1, len(text) + 1):
            cursor = QTextCursor(doc)
            cursor.setPosition(om.to_qt(cp_start))
            cursor.setPosition(om.to_qt(cp_end), QTextCursor.MoveMode.KeepAnchor)
            assert cursor.selectedText() == text[cp_start:cp_end]
            assert om.span_from_qt(cursor.selectionStart(), cursor.selectionEnd()) == (cp_start, cp_end)


def test_a_position_inside_a_surrogate_pair_snaps_to_the_character():
    om = OffsetMap("a𠮷b")
    assert om.from_qt(2) == 1 and om.from_qt(2, round_up=True) == 2
    assert om.span_from_qt(2, 2) == (1, 2)
    with pytest.raises(ValueError):
        om.to_qt(5)
