"""The right-click menus of the transcript, the code tree and the documents list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu

from coding.services import codings as coding_service

if TYPE_CHECKING:
    from app.main_window import MainWindow


class ContextMenus(QObject):
    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.w = window

    def transcript(self, pos) -> None:  # noqa: ANN001 - QPoint
        self.transcript_menu(self.w.transcript.offset_at(pos)).exec(self.w.transcript.text_edit.mapToGlobal(pos))

    def transcript_menu(self, offset: int) -> QMenu:
        """Code the selection, and act on the codings at OFFSET (the first is selected)."""
        w = self.w
        here = w.transcript.codings_at(offset)
        if here and w.transcript.current_coding_id not in {c.id for c in here}:
            w.transcript.set_current_coding(here[0].id)
        menu = QMenu(w)
        menu.addAction(w.code_action)
        menu.addAction(w.in_vivo_action)
        menu.addAction(w.sentence_action)
        shortcut = w.turn_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        turn = menu.addAction(self.tr("Select this speaker turn") + (f"\t{shortcut}" if shortcut else ""))
        turn.setObjectName("select_turn")
        turn.setEnabled(w.transcript.turn_at(offset) is not None)
        turn.triggered.connect(lambda: w.transcript.select_turn_at(offset))
        if here:
            menu.addSeparator()
            for action in (w.remove_current_action, w.resize_action, w.recode_action, w.comment_action):
                menu.addAction(action)
            menu.addSeparator()
        for coding in here:
            action = menu.addAction(self.tr("Remove coding: {0} ({1})").format(coding.path, coding.coder))
            action.triggered.connect(lambda _=False, cid=coding.id: w.session.run(
                self.tr("Remove coding"), lambda: coding_service.remove_coding(w.session.store, cid)))
        return menu

    def tree(self, pos) -> None:  # noqa: ANN001 - QPoint
        self.tree_menu().exec(self.w.codes.tree.viewport().mapToGlobal(pos))

    def tree_menu(self) -> QMenu:
        """New code; rename, properties, pin and unpin the current code."""
        w = self.w
        code_id = w.codes.current_code_id()
        menu = QMenu(w)
        menu.addAction(w.new_code_action)
        if code_id is not None:
            rename = menu.addAction(self.tr("Rename…"))
            rename.triggered.connect(lambda: w.rename_code(code_id))
            properties = menu.addAction(self.tr("Properties…"))
            properties.triggered.connect(lambda: w.edit_code(code_id))
            chosen = w.codes.selected_code_ids() or [code_id]
            merge = menu.addAction(self.tr("Merge into…"))
            merge.setObjectName("merge_into")
            merge.triggered.connect(lambda: self.ask_merge(chosen))
            if any(w.catalog.codes[i].parent_id is not None for i in chosen if i in w.catalog.codes):
                top = menu.addAction(self.tr("Move to the top level"))
                top.triggered.connect(lambda: w.move_code(chosen, None))
            menu.addSeparator()
            delete = menu.addAction(self.tr("Delete…"))
            delete.setObjectName("delete_codes")
            delete.triggered.connect(lambda: w.items.delete_codes(chosen))
            pin_menu = menu.addMenu(self.tr("Pin to"))
            for slot, pinned in enumerate(w.pins.pinned_codes()):
                action = pin_menu.addAction(f"Ctrl+{slot + 1}" + (f"  ({w.catalog.paths[pinned]})" if pinned else ""))
                action.triggered.connect(lambda _=False, i=slot: w.pins.pin_code(code_id, i))
            if code_id in w.pins.pinned_codes():
                unpin = menu.addAction(self.tr("Unpin"))
                unpin.triggered.connect(lambda: w.pins.pin_code(None, w.pins.pinned_codes().index(code_id)))
        return menu

    def ask_merge(self, code_ids: list[int]) -> None:
        """Choose the code the selected codes merge into (the window asks once more before merging)."""
        w = self.w
        below: set[int] = set()
        for code_id in code_ids:  # a code cannot merge into one of its own subcodes
            below |= w.catalog.subtree(code_id)
        choices = {w.catalog.paths[c]: c for c in w.catalog.codes if c not in below}  # in tree order
        if not choices:
            return
        path, ok = QInputDialog.getItem(w, self.tr("Merge into"), self.tr("Merge the selected codes into:"),
                                        list(choices), 0, False)
        if ok and path in choices:
            w.merge_code(code_ids, choices[path])

    def documents(self, pos) -> None:  # noqa: ANN001 - QPoint
        menu = self.documents_menu()
        if menu is not None:
            menu.exec(self.w.documents.table.viewport().mapToGlobal(pos))

    def documents_menu(self) -> QMenu | None:
        """The current document's held-out flag; None when no document is current."""
        w = self.w
        document_id = w.documents.current_document_id()
        row = next((r for r in w.documents.model.rows if r.document.id == document_id), None)
        if row is None:
            return None
        menu = QMenu(w)
        held = menu.addAction(self.tr("Held out for the saturation test"))
        held.setCheckable(True)
        held.setChecked(row.document.held_out)
        held.triggered.connect(lambda checked: w.set_held_out(document_id, checked))
        menu.addSeparator()
        for name, text, slot in (("properties", self.tr("Properties…"), w.items.document_properties),
                                 ("rename", self.tr("Rename…"), w.items.rename_document),
                                 ("delete", self.tr("Delete…"), w.items.delete_document)):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(lambda _=False, act=slot: act(document_id))
        return menu
