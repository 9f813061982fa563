"""Analyse → Consensus…: walk the demo's items, decide with real clicks, each click one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from coding import queries
from coding.services import consensus


def _consensus_codings(store):
    cid = consensus.consensus_coder_id(store)
    return 0 if cid is None else queries.coding_counts_by_coder(store).get(cid, 0)


def test_consensus_dialog_decides_and_undoes(qtbot, demo_window):
    window = demo_window
    store = window.session.store
    action = next(a for a in window.analyse_menu.actions() if a.text().replace("&", "") == "Consensus…")
    action.trigger()
    dialog = window.consensus_dialog
    assert dialog.isVisible() and dialog.coders() == ["张研", "李文"]
    assert dialog.progress.text().startswith("Decided 0 of 247 items")
    first = dialog.current
    assert first is not None and "张研" in dialog.quotes.toPlainText()

    qtbot.mouseClick(dialog.both_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.text().startswith("Decided 1 of 247")
    assert dialog.current.key != first.key and dialog.current.decision is None  # on to the next undecided
    made = _consensus_codings(store)
    assert made == len({(s.start, s.end) for s in first.spans})
    second = dialog.current
    qtbot.mouseClick(dialog.neither_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.text().startswith("Decided 2 of 247") and _consensus_codings(store) == made
    assert window.session.undo_stack.count() == 2

    window.session.undo_stack.undo()  # one click, one step
    assert dialog.progress.text().startswith("Decided 1 of 247")
    assert {it.key: it.decision for it in consensus.consensus_items(store, ["张研", "李文"])}[second.key] is None
    window.session.undo_stack.undo()
    assert dialog.progress.text().startswith("Decided 0 of 247") and consensus.consensus_coder_id(store) is None

    qtbot.mouseClick(dialog.agreed_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.text().startswith("Decided 61 of 247") and _consensus_codings(store) == 61
    item = dialog.current
    accept = dialog.accept_a if item.spans_of("张研") else dialog.accept_b
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    assert dialog.progress.text().startswith("Decided 62 of 247")
    dialog.undecided_only.setChecked(False)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.previous_button, Qt.MouseButton.LeftButton)
    assert dialog.current is not None


def test_an_edited_span_is_one_decision(qtbot, demo_window):
    window = demo_window
    window.open_consensus()
    dialog = window.consensus_dialog
    item = dialog.current
    dialog.span_start.setValue(item.start + 1)
    dialog.span_end.setValue(item.end)
    qtbot.mouseClick(dialog.span_button, Qt.MouseButton.LeftButton)
    cid = consensus.consensus_coder_id(window.session.store)
    rows = queries.list_codings(window.session.store, coder_id=cid)
    assert [(r.document_id, r.code_id, r.start, r.end) for r in rows] == [
        (item.document_id, item.code_id, item.start + 1, item.end)]
    dialog.span_end.setValue(10**8)  # past the document's end: refused, reported, nothing stored
    qtbot.mouseClick(dialog.span_button, Qt.MouseButton.LeftButton)
    assert window.session.undo_stack.count() == 1
