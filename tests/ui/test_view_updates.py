"""After each click the views update only what changed; what they show must equal a fresh reload.

The transcript keeps its codings sorted and re-columns only from the first
change on, the coded segments quote a new coding from the transcript's text,
the documents keep their share coded as codings come and go, and the status
bar label keeps its size: each test compares the window after every step with
views built afresh from the project.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QRegion, QTextFormat

from app.docks import DocumentsModel, SegmentsModel
from app.transcript import TranscriptView
from coding import queries
from tests.ui.test_workbench import TEXT, project, select, window  # noqa: F401 - fixtures

BRAND, BADGE, ENERGY = "品牌认同", "品牌认同>佩戴红袖标", "情感能量"
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def code_id(window, path: str) -> int:
    return queries.find_code(window.session.store, path).id


def code(window, quote: str, path: str, occurrence: int = 0) -> None:
    start = TEXT.index(quote, TEXT.index(quote) + 1) if occurrence else TEXT.index(quote)
    window.transcript.select_span(start, start + len(quote))
    window.code_selection(code_id(window, path))


def coding_of(window, quote: str) -> int:
    return next(r.id for r in queries.list_codings(window.session.store) if r.text == quote)


def shown_segments(model: SegmentsModel) -> list[tuple]:
    return [tuple(model.index(r, c).data() for c in range(5)) + (model.index(r, 4).data(TOOLTIP),)
            for r in range(model.rowCount())]


def shown_transcript(view: TranscriptView) -> tuple:
    coding_id = QTextFormat.Property.UserProperty
    highlights = [(s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.property(coding_id),
                   s.format.background().color().rgba(), s.format.underlineStyle())
                  for s in view.text_edit.extraSelections()]
    stripes = [(column, c.id, c.start, c.end, c.colour, c.path, c.coder) for column, c in view.stripe_layout()]
    return stripes, view.stripe_columns(), highlights, view.current_coding_id


def assert_views_equal_a_fresh_reload(window, qtbot) -> None:
    store = window.session.store
    segments = SegmentsModel()
    segments.coder_filter = window.segments.model.coder_filter
    segments.show(store, window.segments.code_id, tuple(window.catalog.codes.values()))
    assert window.segments.model.rows == segments.rows
    assert shown_segments(window.segments.model) == shown_segments(segments)

    view = window.transcript
    fresh = TranscriptView(store, window.catalog, window.tally)
    qtbot.addWidget(fresh)
    fresh.resize(view.size())
    fresh.coder_filter = view.coder_filter
    fresh.show_document(view.document_id)
    fresh.set_current_coding(view.current_coding_id)
    assert shown_transcript(view) == shown_transcript(fresh)

    documents = DocumentsModel()
    documents.reload(store, window.tally)
    columns = range(documents.columnCount())
    assert [[documents.index(r, c).data() for c in columns] for r in range(documents.rowCount())] == [
        [window.documents.model.index(r, c).data() for c in columns] for r in range(documents.rowCount())]
    label = window.status_counts
    assert f"{len(queries.list_codings(store))} " in label.text() and label.size() == label.sizeHint()


def test_every_view_after_each_click_equals_a_fresh_reload(window, qtbot):
    window.codes.select_code(code_id(window, BRAND))  # the coded segments show the category and its concept
    steps = [
        lambda: code(window, "戴着红袖标巡逻", BADGE),
        lambda: code(window, "红袖标巡逻，心里踏实", BRAND),  # overlapping: a second stripe column
        lambda: code(window, "我就是朝阳群众", BRAND),  # before the others: every later stripe is placed again
        lambda: code(window, "朝阳群众", ENERGY, occurrence=1),  # not under the category: no segment row
        lambda: code(window, "𠮷野家", BADGE),  # quoted around characters outside the BMP
        lambda: code(window, "访谈者", BADGE),  # at the very start: less context before it
        lambda: window.transcript.set_current_coding(coding_of(window, "戴着红袖标巡逻")),
        lambda: (select(window, "戴着红袖标巡逻，心里踏实"), window.resize_current_coding()),
        lambda: window.comment_current_coding("志愿者的身份认同"),
        lambda: window.recode_current_coding(code_id(window, ENERGY)),  # leaves the category
        lambda: window.transcript.set_current_coding(coding_of(window, "红袖标巡逻，心里踏实")),
        lambda: window.remove_current_coding(),
        *[window.undo_action.trigger] * 4,
        *[window.redo_action.trigger] * 2,
    ]
    for step in steps:
        step()
        assert_views_equal_a_fresh_reload(window, qtbot)
    assert len(queries.list_codings(window.session.store)) == 6


def test_blind_mode_views_after_each_click_equal_a_fresh_reload(window, qtbot):
    window.codes.select_code(code_id(window, BRAND))
    window.filter_coder(window.session.store.coder_id)
    code(window, "戴着红袖标巡逻", BADGE)
    assert_views_equal_a_fresh_reload(window, qtbot)
    window.transcript.set_current_coding(coding_of(window, "戴着红袖标巡逻"))
    window.remove_current_coding()
    assert_views_equal_a_fresh_reload(window, qtbot)


def test_the_text_drawn_band_by_band_equals_the_text_drawn_whole(window):
    code(window, "戴着红袖标巡逻", BADGE)
    code(window, "红袖标巡逻，心里踏实", BRAND)
    viewport = window.transcript.text_edit.viewport()
    whole = QImage(viewport.size(), QImage.Format.Format_ARGB32_Premultiplied)
    whole.fill(Qt.GlobalColor.white)
    viewport.render(whole)  # one rectangle: QTextEdit draws it as it always does
    top, bottom = QRect(0, 0, viewport.width(), 14), QRect(0, 30, viewport.width(), 14)
    banded = QImage(viewport.size(), QImage.Format.Format_ARGB32_Premultiplied)
    banded.fill(Qt.GlobalColor.magenta)
    viewport.render(banded, QPoint(), QRegion(top) + QRegion(bottom))  # two bands apart: drawn one by one
    for band in (top, bottom):
        assert banded.copy(band) == whole.copy(band)
    assert banded.copy(QRect(0, 20, viewport.width(), 4)) != whole.copy(QRect(0, 20, viewport.width(), 4))
