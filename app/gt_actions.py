"""Grounded-theory actions of the workbench: labels and level warnings, memos, the category board's
relations and arrangement, label prefixes and snapshots. Each change is one undoable service call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QInputDialog

from app.dialogs import LabelPrefixDialog, MemoDialog, NewMemo, NewRelation, RelationDialog
from app.messages import say
from coding import gt, queries
from coding.services import memos as memo_service
from coding.services import project as project_service
from coding.services import relations as relation_service
from coding.services import snapshots as snapshot_service
from corpus.settings import user_words

if TYPE_CHECKING:
    from app.main_window import MainWindow


class GroundedTheoryActions(QObject):
    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.w = window

    def annotate_codes(self, changed: frozenset[int] = frozenset()) -> None:
        """GT labels (a1, A1, AA1) and level warnings on the tree; a new warning on a changed code is said."""
        codes = tuple(self.w.catalog.codes.values())
        warnings = {w.code_id: say(w.message) for w in gt.level_warnings(codes)}
        self.w.codes.model.set_annotations(gt.code_labels(codes, gt.label_prefixes(self.w.session.store)), warnings)
        said = [warnings[c] for c in changed if c in warnings]
        if said:
            self.w.statusBar().showMessage(self.tr("Note: {0}").format(said[0]), 10000)

    def set_labels_shown(self, checked: bool) -> None:
        QSettings().setValue("code_tree/labels", checked)
        self.w.codes.model.set_show_labels(checked)

    def new_memo(self, memo: NewMemo | None = None) -> None:
        code_id = self.w.codes.current_code_id()
        if memo is None:
            dialog = MemoDialog(self.w.catalog.paths.get(code_id) if code_id is not None else None, self.w)
            if dialog.exec() != MemoDialog.DialogCode.Accepted:
                return
            memo = dialog.value()
        target = code_id if memo.on_code else None
        self.w.session.run(self.tr("Write memo"), lambda: memo_service.add_memo(
            self.w.session.store, memo.title, memo.text, kind=memo.kind, code_id=target))

    def fill_board(self) -> None:
        store = self.w.session.store
        codes = tuple(self.w.catalog.codes.values())
        relations = queries.list_relations(store)
        settings = queries.project_info(store)["settings"]
        positions = {guid: tuple(xy) for guid, xy in settings.get("board_positions", {}).items()}
        story = "\n\n".join(m.text for m in queries.list_memos(store) if m.kind == "storyline")
        self.w.board.set_content(codes, self.w.catalog.paths, relations, positions,
                                 gt.code_labels(codes, gt.label_prefixes(store)), story, user_words(store))
        self.w.board.set_chains([[self.w.catalog.paths[c].rsplit(">", 1)[-1] for c in chain]
                               for chain in gt.causal_chains(codes, relations)])

    def arrange_board(self, positions: dict) -> None:
        stored = {guid: [round(x, 1), round(y, 1)] for guid, (x, y) in positions.items()}
        self.w.session.run(self.tr("Arrange the category board"), lambda: project_service.update_project(
            self.w.session.store, settings={"board_positions": stored}))

    def add_relation(self, source_id: int, target_id: int, relation: NewRelation | None = None) -> None:
        paths = self.w.catalog.paths
        if relation is None:
            dialog = RelationDialog(paths[source_id], paths[target_id], parent=self.w)
            if dialog.exec() != RelationDialog.DialogCode.Accepted:
                return
            relation = dialog.value()
        self.w.session.run(self.tr("Add relation"), lambda: relation_service.add_relation(
            self.w.session.store, source_id, target_id, relation.type, relation.memo, relation.directed))

    def edit_relation(self, relation_id: int, relation: NewRelation | None = None) -> None:
        current = next((r for r in queries.list_relations(self.w.session.store) if r.id == relation_id), None)
        if current is None:
            return
        if relation is None:
            paths = self.w.catalog.paths
            dialog = RelationDialog(paths[current.source_id], paths[current.target_id],
                                    NewRelation(current.type, current.directed, current.memo), self.w)
            if dialog.exec() != RelationDialog.DialogCode.Accepted:
                return
            relation = dialog.value()
        self.w.session.run(self.tr("Edit relation"), lambda: relation_service.update_relation(
            self.w.session.store, relation_id, type=relation.type, memo=relation.memo, directed=relation.directed))

    def edit_label_prefixes(self, prefixes: dict[str, str] | None = None) -> None:
        if prefixes is None:
            current = gt.label_prefixes(self.w.session.store)
            dialog = LabelPrefixDialog({k: getattr(current, k) for k in LabelPrefixDialog.FIELDS}, self.w)
            if dialog.exec() != LabelPrefixDialog.DialogCode.Accepted:
                return
            prefixes = dialog.value()
        self.w.session.run(self.tr("Label prefixes"), lambda: project_service.update_project(
            self.w.session.store, settings={"label_prefixes": prefixes}))

    def take_snapshot(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self.w, self.tr("Snapshot"), self.tr("Name of the snapshot (e.g. 开放编码第一轮)"))
            if not ok:
                return
        outcome = self.w.session.run(self.tr("Take snapshot"), lambda: snapshot_service.take_snapshot(self.w.session.store, name))
        if outcome is not None:
            self.w.statusBar().showMessage(self.tr("Snapshot “{0}” saved").format(outcome.value.name), 6000)

