"""Everyday actions every QDA program has (issue 15.4): delete codes, rename/delete documents, document
properties, participants and their typed attributes, close the project — through the real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from coding import queries
from tests.conftest import stored_state


@pytest.fixture
def answers(monkeypatch):
    """Every QMessageBox.question answered from this list (appended by the test); the questions kept."""
    state = {"answers": [], "asked": []}

    def question(parent, title, text, *args, **kwargs):  # noqa: ANN001
        state["asked"].append(text)
        return state["answers"].pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    return state


def test_delete_codes_asks_with_counts_and_undo_restores_everything(demo_window, qtbot, answers):
    w = demo_window
    store = w.session.store
    before = stored_state(store)
    category = queries.find_code(store, "社区归属感>家园意识")
    subtree = [c for c in queries.list_codes(store) if queries.code_paths(queries.list_codes(store))[c.id]
               .startswith("社区归属感>家园意识")]
    codings = [c for c in queries.list_codings(store) if c.code_id in {x.id for x in subtree}]
    assert len(subtree) > 1 and codings
    w.codes.select_code(category.id)
    answers["answers"] += [QMessageBox.StandardButton.No]
    w.activateWindow()
    w.codes.tree.setFocus()  # where the user clicked; in the transcript, Delete removes the selected coding
    qtbot.waitUntil(w.codes.tree.hasFocus)
    qtbot.keyClick(w.codes.tree, Qt.Key.Key_Delete)  # the Delete key asks first
    assert stored_state(store) == before
    assert f"{len(subtree) - 1} subcodes and {len(codings)} codings" in answers["asked"][0]
    answers["answers"] += [QMessageBox.StandardButton.Yes]
    menu = w.menus.tree_menu()
    next(a for a in menu.actions() if a.objectName() == "delete_codes").trigger()
    left = {c.id for c in queries.list_codes(store)}
    assert not left & {c.id for c in subtree}
    assert not [c for c in queries.list_codings(store) if c.code_id in {x.id for x in subtree}]
    assert w.codes.model.index_of(category.id).isValid() is False  # gone from the tree too
    w.undo_action.trigger()
    assert stored_state(store) == before
    assert w.codes.model.index_of(category.id).isValid()


def test_documents_menu_renames_deletes_and_edits_properties(demo_window, monkeypatch, answers):
    from app.item_actions import DocumentDialog

    w = demo_window
    store = w.session.store
    before = stored_state(store)
    doc = queries.list_documents(store)[0]
    w.documents.select_document(doc.id)

    def action(name: str):  # noqa: ANN202
        return next(a for a in w.menus.documents_menu().actions() if a.objectName() == name)

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("A01 居民访谈（修订）", True))
    action("rename").trigger()
    assert queries.list_documents(store)[0].name == "A01 居民访谈（修订）"
    assert w.documents.model.rows[0].document.name == "A01 居民访谈（修订）"
    other = next(p for p in queries.list_participants(store) if p.id != doc.participant_id)
    shown: dict = {}

    def fill(dialog: DocumentDialog) -> int:
        shown["meta"] = {dialog.meta.item(r, 0).text() for r in range(dialog.meta.rowCount())}
        dialog.participant.setCurrentIndex(dialog.participant.findData(other.id))
        dialog.held_out.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DocumentDialog, "exec", fill)
    action("properties").trigger()
    now = queries.list_documents(store)[0]
    assert (now.participant_id, now.held_out) == (other.id, True)
    assert "受访者编号" in shown["meta"]  # the header's metadata is shown
    w.undo_action.trigger()  # the properties were one step
    assert (queries.list_documents(store)[0].participant_id, queries.list_documents(store)[0].held_out) == (
        doc.participant_id, False)
    answers["answers"] += [QMessageBox.StandardButton.Yes]
    action("delete").trigger()
    assert doc.id not in {d.id for d in queries.list_documents(store)}
    assert "codings" in answers["asked"][0]
    w.undo_action.trigger()
    w.undo_action.trigger()
    assert stored_state(store) == before


def test_participants_table_stores_typed_attributes_and_refuses_bad_values(demo_window, monkeypatch, answers):
    from app.item_actions import AttributeDialog, ParticipantsDialog

    w = demo_window
    store = w.session.store
    dialog = ParticipantsDialog(w)
    monkeypatch.setattr(AttributeDialog, "exec", lambda self: (self.name.setText("访谈次数"),
                                                              self.kind.setCurrentIndex(self.kind.findData("integer")),
                                                              QDialog.DialogCode.Accepted)[-1])
    dialog.ask_attribute()
    attribute = next(a for a in queries.list_attributes(store) if a.name == "访谈次数")
    assert attribute.type == "integer"
    column = 2 + [a.id for a in dialog.attributes].index(attribute.id)
    assert "访谈次数" in dialog.table.horizontalHeaderItem(column).text()
    refused: list[str] = []
    w.session.failed.connect(refused.append)
    dialog.table.item(0, column).setText("两次")  # not a whole number: refused, the cell shows what is stored
    assert refused and dialog.table.item(0, column).text() == ""
    dialog.table.item(0, column).setText("2")
    participant_id = dialog.table.item(0, column).data(Qt.ItemDataRole.UserRole + 1)
    assert queries.attribute_values(store)[participant_id]["访谈次数"] == 2
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("A11", True))
    dialog.ask_participant()
    assert "A11" in {p.pid for p in queries.list_participants(store)}
    assert "A11" in {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    w.undo_action.trigger()
    w.undo_action.trigger()
    assert "A11" not in {p.pid for p in queries.list_participants(store)}
    assert "访谈次数" not in queries.attribute_values(store).get(participant_id, {})
    dialog.close()


def test_close_project_closes_the_window_and_its_project(demo_window, monkeypatch):
    import app.projects

    w = demo_window
    monkeypatch.setattr(app.projects, "choose_project_file", lambda *a, **k: None)
    w.close_project_action.trigger()
    assert not w.isVisible() and w.session.store.closed
