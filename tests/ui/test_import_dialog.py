"""The import dialog on real widgets: each file's speakers checked and corrected, then imported as chosen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from app.import_dialog import INTERVIEWER, LABEL, NAME, NOT_SPEAKER, PARTICIPANT, TURNS, ImportDialog
from coding import queries
from coding.storage import create_project
from corpus.speakers import SpeakerPatterns
from tests.ui.conftest import open_window

# 张书记 recurs inside the answers (quoted), so it is recognised as a speaker: the researcher says it is not one.
TALK = ("访谈者：您平时做什么？\n受访者：我常参加巡逻。\n张书记：大家要注意安全。\n访谈者：{0}\n"
        "受访者：不客气。\n张书记：再见。\n")


@pytest.fixture(autouse=True)
def english(qapp):
    """The messages below are checked in English, whatever language an earlier test left installed."""
    from app.launcher import set_language

    set_language("en")


@pytest.fixture
def transcripts(tmp_path) -> list[str]:
    first, second = tmp_path / "A01 居民.txt", tmp_path / "居民乙.txt"
    first.write_text(TALK.format("谢谢。"), encoding="gbk")
    second.write_text("受访者编号：B02\n时间：2023年5月\n\n" + TALK.format("还有吗？"), encoding="utf-8")
    return [str(first), str(second)]


def rows(dialog: ImportDialog) -> list[tuple]:
    table = dialog.speakers
    return [(table.item(r, LABEL).text(), table.item(r, TURNS).text(), table.item(r, NAME).text(),
             table.item(r, INTERVIEWER).checkState() == Qt.CheckState.Checked,
             table.item(r, NOT_SPEAKER).checkState() == Qt.CheckState.Checked, table.item(r, PARTICIPANT).text())
            for r in range(table.rowCount())]


def select(qtbot, dialog: ImportDialog, row: int) -> None:
    dialog.files.setCurrentRow(row)
    assert dialog.wait_for_reading()


def type_into(qtbot, dialog: ImportDialog, row: int, column: int, text: str) -> None:
    """Edit a cell as a user does: F2, select all, type (Chinese through the input method), Enter."""
    table = dialog.speakers
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]  # closed ones go later
    assert len(editors) == 1
    editors[0].selectAll()
    if text.isascii():
        qtbot.keyClicks(editors[0], text)
    else:  # Chinese comes from the input method as committed text
        typed = QInputMethodEvent()
        typed.setCommitString(text)
        QApplication.sendEvent(editors[0], typed)
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)  # the delegate commits on the next event loop pass


def toggle(qtbot, dialog: ImportDialog, row: int, column: int) -> None:
    dialog.speakers.setFocus()
    dialog.speakers.setCurrentCell(row, column)
    qtbot.keyClick(dialog.speakers, Qt.Key.Key_Space)


def test_each_file_gets_its_own_speakers_and_participants(qtbot, tmp_path, transcripts, monkeypatch):
    path = tmp_path / "study.zhagen"
    create_project(path).close()
    window = open_window(qtbot, path)
    store = window.session.store
    seen = {}

    def check_and_correct(dialog: ImportDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        select(qtbot, dialog, 0)
        assert "gb18030" in dialog.preview.toPlainText() and "我常参加巡逻" in dialog.preview.toPlainText()
        assert "A01" in dialog.found.text() and "6" in dialog.found.text()
        assert rows(dialog) == [("访谈者", "2", "访谈者", True, False, ""), ("受访者", "2", "受访者", False, False, ""),
                                ("张书记", "2", "张书记", False, False, "")]  # two speakers: no default participant
        assert dialog.speakers.item(1, 2).text() == "我常参加巡逻。"
        toggle(qtbot, dialog, 2, NOT_SPEAKER)
        assert not dialog.speakers.item(2, PARTICIPANT).flags() & Qt.ItemFlag.ItemIsEnabled
        type_into(qtbot, dialog, 1, NAME, "居民")
        type_into(qtbot, dialog, 1, PARTICIPANT, "A01")
        assert rows(dialog)[1:] == [("受访者", "2", "居民", False, False, "A01"), ("张书记", "2", "张书记", False, True, "")]

        select(qtbot, dialog, 1)
        assert "B02" in dialog.found.text() and "受访者编号" in dialog.found.text()
        assert [r[5] for r in rows(dialog)] == ["", "", ""]
        type_into(qtbot, dialog, 1, PARTICIPANT, "B07")
        type_into(qtbot, dialog, 2, NAME, "访谈者")  # merged into the interviewer, but not marked so: refused
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled() and "not all of them are marked interviewer" in dialog.problems.text()
        assert dialog.problems.text().startswith("居民乙.txt: ")
        toggle(qtbot, dialog, 2, INTERVIEWER)  # now it is: 张书记 was the second interviewer
        assert ok.isEnabled() and dialog.problems.text() == ""

        select(qtbot, dialog, 0)  # the first file's choices are still there
        assert rows(dialog)[1:] == [("受访者", "2", "居民", False, False, "A01"), ("张书记", "2", "张书记", False, True, "")]
        seen["request"] = dialog.request()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ImportDialog, "exec", check_and_correct)
    job = window.jobs.import_transcripts(transcripts)
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert set(seen["request"].choices) == set(transcripts)

    docs = {d.name: d for d in queries.list_documents(store)}
    people = {p.pid: p.id for p in queries.list_participants(store)}
    assert set(people) == {"A01", "B07"}
    assert docs["A01 居民"].participant_id == people["A01"] and docs["居民乙"].participant_id == people["B07"]
    first = queries.list_turns(store, docs["A01 居民"].id)
    text = queries.document_text(store, docs["A01 居民"].id)
    assert [(t.speaker, t.participant_id, t.is_interviewer, text[t.start:t.end]) for t in first] == [
        ("访谈者", None, True, "您平时做什么？"),
        ("居民", people["A01"], False, "我常参加巡逻。\n张书记：大家要注意安全。"),
        ("访谈者", None, True, "谢谢。"),
        ("居民", people["A01"], False, "不客气。\n张书记：再见。"),
    ]
    second = queries.list_turns(store, docs["居民乙"].id)
    assert [(t.speaker, t.participant_id, t.is_interviewer) for t in second] == [
        ("访谈者", None, True), ("受访者", people["B07"], False), ("访谈者", None, True),
        ("访谈者", None, True), ("受访者", people["B07"], False), ("访谈者", None, True)]
    window.undo_action.trigger()  # one import, one undo: documents and the participants it made
    assert not queries.list_documents(store) and not queries.list_participants(store)
    window.session.close()


def test_files_not_opened_get_their_default_participant(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "study.zhagen"
    create_project(path).close()
    files = []
    for i in range(3):
        f = tmp_path / f"C{i:02d} 访谈.txt"
        f.write_text(f"访谈者：第{i}个问题？\n受访者：第{i}个回答。", encoding="utf-8")
        files.append(str(f))
    window = open_window(qtbot, path)

    def accept(dialog: ImportDialog) -> int:
        dialog.show()
        assert dialog.wait_for_reading()  # only the first file has been read
        assert [r[5] for r in rows(dialog)] == ["", "C00"]
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ImportDialog, "exec", accept)
    job = window.jobs.import_transcripts(files)
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    store = window.session.store
    people = {p.id: p.pid for p in queries.list_participants(store)}
    assert [(d.name, people[d.participant_id]) for d in queries.list_documents(store)] == [
        ("C00 访谈", "C00"), ("C01 访谈", "C01"), ("C02 访谈", "C02")]
    window.session.close()


def test_a_hundred_files_are_read_only_when_looked_at(qtbot, tmp_path, monkeypatch):
    import app.import_dialog as module

    reads = []
    real = module.read_file
    monkeypatch.setattr(module, "read_file", lambda path, encoding=None: reads.append(path.name) or real(path, encoding))
    paths = []
    for i in range(100):
        f = tmp_path / f"T{i:03d}.txt"
        f.write_text(f"访谈者：第{i}个问题？\n受访者：第{i}个回答，社区民警常来。", encoding="gbk" if i == 0 else "utf-8")
        paths.append(str(f))
    dialog = ImportDialog(SpeakerPatterns())
    qtbot.addWidget(dialog)
    dialog.add_paths(paths)
    assert dialog.wait_for_reading()
    assert reads == ["T000.txt"]
    assert "gb18030" in dialog.preview.toPlainText() and "社区民警" in dialog.preview.toPlainText()
    select(qtbot, dialog, 57)
    assert reads == ["T000.txt", "T057.txt"] and rows(dialog)[1][5] == "T057"
    select(qtbot, dialog, 0)  # read once, kept
    assert reads == ["T000.txt", "T057.txt"] and rows(dialog)[1][5] == "T000"
    dialog.encoding.setCurrentIndex(1)  # utf-8: read again; GBK bytes fail, the table empties and the reason shows
    assert dialog.wait_for_reading() and reads == ["T000.txt", "T057.txt", "T000.txt"]
    assert "cannot be decoded as utf-8" in dialog.preview.toPlainText() and dialog.speakers.rowCount() == 0
    select(qtbot, dialog, 57)
    assert rows(dialog)[1][5] == "T057" and len(reads) == 4
    request = dialog.request()
    assert len(request.paths) == 100 and request.encoding == "utf-8" and request.default_participants
    assert set(request.choices) == {paths[0], paths[57]}
