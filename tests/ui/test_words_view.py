"""The word-frequency dock: the table and its word cloud on the demo project, scope, saving PNG and SVG, no font."""

from __future__ import annotations

from xml.etree import ElementTree

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from coding import queries
from corpus.words import word_frequencies
from exports.cloud import NoChineseFont


def _open_words(window, qtbot):
    (action,) = [a for a in window.analyse_menu.actions() if a.text() == "&Word frequencies and cloud"]
    action.trigger()
    panel = window.words
    assert window._docks["words"].isVisible()
    qtbot.waitUntil(lambda: panel.result is not None and panel.job is None, timeout=60_000)
    return panel


def _rows(panel) -> list[tuple[str, int, int]]:
    table = panel.table
    return [(table.item(r, 0).text(), table.item(r, 1).data(Qt.ItemDataRole.DisplayRole),
             table.item(r, 2).data(Qt.ItemDataRole.DisplayRole)) for r in range(table.rowCount())]


def test_words_dock_shows_the_table_and_its_cloud(demo_window, qtbot, tmp_path):
    panel = _open_words(demo_window, qtbot)
    store = demo_window.session.store
    assert _rows(panel) == [(w.word, w.count, w.documents) for w in word_frequencies(store, top=100)]
    assert _rows(panel)[0][0] == "社区"
    assert panel.result.cloud.words[0] == "社区" and not panel.cloud.pixmap.isNull()
    assert panel.save_button.isEnabled()
    shot = tmp_path / "words.png"
    assert panel.grab().save(str(shot))
    grey = Image.open(shot).convert("L")
    assert grey.size[0] > 400 and grey.getextrema()[0] < 100  # ink on the page, not an empty panel

    document = queries.list_documents(store)[2]
    panel.document.setCurrentIndex(panel.document.findData(document.id))
    qtbot.waitUntil(lambda: panel.job is None and panel.result.rows
                    == tuple(word_frequencies(store, document_id=document.id, top=100)), timeout=60_000)
    participant = queries.list_participants(store)[0]
    panel.document.setCurrentIndex(0)
    panel.participant.setCurrentIndex(panel.participant.findData(participant.id))
    panel.top.setValue(20)
    qtbot.waitUntil(lambda: panel.job is None and panel.result.rows
                    == tuple(word_frequencies(store, participant_id=participant.id, top=20)), timeout=60_000)
    assert panel.table.rowCount() == len(panel.result.rows) <= 20


def test_save_cloud_as_png_and_svg(demo_window, qtbot, tmp_path, monkeypatch):
    panel = _open_words(demo_window, qtbot)
    answers = iter([(str(tmp_path / "云"), "SVG image (*.svg)"), (str(tmp_path / "cloud.png"), "PNG image (*.png)"),
                    ("", "")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: next(answers))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    root = ElementTree.fromstring((tmp_path / "云.svg").read_text(encoding="utf-8"))
    assert [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")] == list(panel.result.cloud.words)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert Image.open(tmp_path / "cloud.png").size == (900, 560)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)  # cancelled: nothing more written
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".png", ".svg")) == ["cloud.png", "云.svg"]


def test_without_a_chinese_font_the_table_stays_and_the_cloud_says_why(demo_window, qtbot, monkeypatch):
    def no_font(*args, **kwargs):
        raise NoChineseFont("none")

    monkeypatch.setattr("app.words_view.render_cloud", no_font)
    panel = _open_words(demo_window, qtbot)
    assert panel.table.rowCount() == 100 and panel.result.no_font
    assert panel.cloud.pixmap.isNull() and "fonts-noto-cjk" in panel.cloud.message
    assert not panel.save_button.isEnabled()


def test_the_dock_counts_again_after_the_documents_change(demo_window, qtbot):
    from coding.services import documents as document_service

    panel = _open_words(demo_window, qtbot)
    first = queries.list_documents(demo_window.session.store)[0]
    store = demo_window.session.store
    demo_window.session.run("Rename document", lambda: document_service.rename_document(store, first.id, "改名的访谈"))
    qtbot.waitUntil(lambda: panel.job is None and panel.document.findText("改名的访谈") > 0, timeout=60_000)
