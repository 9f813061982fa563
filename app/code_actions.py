"""The code system's actions of the workbench: new code (with its place and, with text selected, applied to it),
move, merge, rename and the properties of a code. Each is one undoable step through the window's session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.dialogs import NewCode, NewCodeDialog
from coding.services import codes as code_service
from coding.services import codings as coding_service

if TYPE_CHECKING:
    from app.main_window import MainWindow


class CodeActions(QObject):
    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.w = window

    def new_code(self) -> None:
        """New code… / Alt+N: the dialog proposes a place (under the current code when that is a category or
        above, else the top level, so open coding never makes concept-under-concept chains by accident); with
        text selected, the new code is also applied to it (one undo step)."""
        w = self.w
        current = w.catalog.codes.get(w.codes.current_code_id() or -1)
        parent_id = current.id if current is not None and current.level in ("category", "main", "core", "none") else None
        places = [(c.id, w.catalog.paths[c.id], c.level, c.colour) for c in w.catalog.codes.values()]
        store, span, doc_id = w.session.store, w.transcript.selected_span(), w.transcript.document_id
        quote = w.transcript.selected_text() if span is not None and doc_id is not None else None
        dialog = NewCodeDialog(parent=w, places=places, parent_id=parent_id, selection=quote)
        if dialog.exec() != NewCodeDialog.DialogCode.Accepted:
            return
        value = dialog.value()
        if not dialog.apply.isChecked():
            span = None
        made: list[int] = []

        def create():  # noqa: ANN202 - Outcome
            outcome = code_service.create_code(
                store, value.name, parent_id=value.parent_id, level=value.level, definition=value.definition,
                colour=value.colour, paradigm_role=value.paradigm_role)
            made.append(outcome.value.id)
            return outcome

        if span is not None and doc_id is not None:
            w.session.run_all(self.tr("New code for the selection"),
                                 [create, lambda: coding_service.apply_code(store, made[0], doc_id, *span)])
        else:
            w.session.run(self.tr("New code"), create)
        if made:
            w.codes.show_codes(made[:1], value.parent_id)

    def move_code(self, code_ids: list[int], parent_id: int | None, index: int | None = None) -> None:
        """Move codes (one action, one undo step); dropped onto a code, they show open under it, still selected."""
        w = self.w
        text = self.tr("Move code") if len(code_ids) == 1 else self.tr("Move {0} codes").format(len(code_ids))
        if w.session.run(text, lambda: code_service.move_codes(w.session.store, code_ids, parent_id, index)):
            w.codes.show_codes(code_ids, parent_id)

    def merge_code(self, source_ids: list[int], target_id: int) -> None:
        """Merge codes into one, asked first; several at once are one undo step."""
        w = self.w
        sources = [w.catalog.codes[i] for i in source_ids if i in w.catalog.codes and i != target_id]
        target = w.catalog.codes.get(target_id)
        if not sources or target is None:
            return
        if len(sources) == 1:
            question = self.tr("Merge “{0}” into “{1}”? Its codings, subcodes and memos move to “{1}”.").format(
                sources[0].name, target.name)
        else:
            question = self.tr("Merge {0} codes ({1}) into “{2}”? Their codings, subcodes and memos move to “{2}”.").format(
                len(sources), "、".join(c.name for c in sources), target.name)
        answer = QMessageBox.question(w, self.tr("Merge codes"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        store = w.session.store
        w.session.run_all(self.tr("Merge codes"),
                             [lambda i=c.id: code_service.merge_codes(store, i, target_id) for c in sources])
        w.codes.select_code(target_id)

    def rename_code(self, code_id: int, name: str | None = None) -> None:
        w = self.w
        if name is None:
            name, ok = QInputDialog.getText(w, self.tr("Rename code"), self.tr("New name"), text=w.catalog.codes[code_id].name)
            if not ok:
                return
        w.session.run(self.tr("Rename code"), lambda: code_service.rename_code(w.session.store, code_id, name))

    def edit_code(self, code_id: int, value: NewCode | None = None) -> None:
        """Name, level, definition, colour and paradigm role of a code, changed as one undoable step."""
        w = self.w
        code = w.catalog.codes[code_id]
        current = NewCode(code.name, code.level, code.definition, code.colour, code.paradigm_role)
        if value is None:
            dialog = NewCodeDialog(parent=w)
            dialog.set_value(current)
            if dialog.exec() != NewCodeDialog.DialogCode.Accepted:
                return
            value = dialog.value()
        store, calls = w.session.store, []
        if value.name != current.name:
            calls.append(lambda: code_service.rename_code(store, code_id, value.name))
        if value.level != current.level:
            calls.append(lambda: code_service.set_code_level(store, code_id, value.level))
        if value.definition != current.definition:
            calls.append(lambda: code_service.redefine_code(store, code_id, value.definition))
        if value.colour != current.colour:
            calls.append(lambda: code_service.recolour_code(store, code_id, value.colour))
        if value.paradigm_role != current.paradigm_role:
            calls.append(lambda: code_service.set_paradigm_role(store, code_id, value.paradigm_role))
        if calls:
            w.session.run_all(self.tr("Code properties"), calls)
