"""File dialogs start in the folder last used for their kind; the REFI-QDA export proposes a file name (15.9, 15.10)."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QFileDialog


def test_transcript_dialog_starts_in_the_last_used_folder(qtbot, tmp_path, monkeypatch):
    from app.import_dialog import ImportDialog
    from corpus.speakers import SpeakerPatterns

    folder = tmp_path / "访谈稿"
    folder.mkdir()
    (folder / "A01.txt").write_text("访谈者：您好？\n受访者：你好。", encoding="utf-8")
    asked: list[str] = []
    answer = [[str(folder / "A01.txt")]]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda parent, title, start, kinds: (asked.append(start), (answer.pop(0) if answer else [], ""))[1])
    dialog = ImportDialog(SpeakerPatterns())
    qtbot.addWidget(dialog)
    dialog._on_add()
    assert asked[0] == os.path.expanduser("~")
    again = ImportDialog(SpeakerPatterns())  # another day, another import
    qtbot.addWidget(again)
    again._on_add()
    assert asked[1] == str(folder)


def test_refi_export_proposes_the_project_name_in_the_last_export_folder(demo_window, tmp_path, monkeypatch):
    from coding import queries

    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, start, kinds: (asked.append(start), ("", ""))[1])
    assert demo_window.jobs.export_refi(".qdpx") is None  # cancelled
    name = queries.project_info(demo_window.session.store)["name"]
    assert asked == [os.path.join(os.path.expanduser("~"), name + ".qdpx")]
