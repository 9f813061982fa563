"""Everyday actions on codes, documents and participants that every QDA program has: delete codes, rename and
delete documents, document properties, the participants' attributes table, close the project.

Every change goes through a coding service on the window's session (one undo step per user action); a
refused change is reported by the session, never raised."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.messages import say
from app.projects import RecentProjects, ask_database_url, choose_project_file, new_project
from coding import queries
from coding import values as v
from coding.services import codes as code_service
from coding.services import documents as document_service
from coding.services import participants as participant_service
from coding.errors import ZhagenError
from coding.vocab import ATTRIBUTE_TYPES

if TYPE_CHECKING:
    from app.main_window import MainWindow

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ItemActions(QObject):
    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.w = window

    # ------------------------------------------------------------ codes

    def delete_codes(self, code_ids: list[int]) -> None:
        """Delete codes with their subcodes and codings, asked first; several are one undo step."""
        w = self.w
        catalog = w.catalog
        tops = [i for i in code_ids if i in catalog.codes
                and not any(i in catalog.subtree(j) and i != j for j in code_ids if j in catalog.codes)]
        if not tops:
            return
        everything: set[int] = set()
        for code_id in tops:
            everything |= catalog.subtree(code_id)
        codings = sum(sum(w.tally.code_documents(i).values()) for i in everything)
        names = "、".join(f"“{catalog.codes[i].name}”" for i in tops)
        question = self.tr("Delete {0} with {1} subcodes and {2} codings? Edit → Undo brings them back.").format(
            names, len(everything) - len(tops), codings)
        if QMessageBox.question(w, self.tr("Delete codes"), question) != QMessageBox.StandardButton.Yes:
            return
        store = w.session.store
        w.session.run_all(self.tr("Delete codes"), [lambda i=i: code_service.delete_code(store, i) for i in tops])

    # ------------------------------------------------------------ documents

    def rename_document(self, document_id: int) -> None:
        w = self.w
        document = _document(w, document_id)
        if document is None:
            return
        name, ok = QInputDialog.getText(w, self.tr("Rename document"), self.tr("New name:"), text=document.name)
        if ok and name.strip() and name.strip() != document.name:
            w.session.run(self.tr("Rename document"),
                          lambda: document_service.rename_document(w.session.store, document_id, name))

    def delete_document(self, document_id: int) -> None:
        w = self.w
        document = _document(w, document_id)
        if document is None:
            return
        codings = sum(1 for row in w.tally.rows.values() if row.document_id == document_id)
        question = self.tr("Delete the document “{0}” with its {1} codings? Edit → Undo brings it back.").format(
            document.name, codings)
        if QMessageBox.question(w, self.tr("Delete document"), question) == QMessageBox.StandardButton.Yes:
            w.session.run(self.tr("Delete document"),
                          lambda: document_service.delete_document(w.session.store, document_id))

    def document_properties(self, document_id: int) -> None:
        """Name, participant, held out, and the metadata found in its header (shown)."""
        w = self.w
        document = _document(w, document_id)
        if document is None:
            return
        dialog = DocumentDialog(document, queries.list_participants(w.session.store), w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, participant_id, held_out = dialog.values()
        store, calls = w.session.store, []
        if name and name != document.name:
            calls.append(lambda: document_service.rename_document(store, document_id, name))
        if participant_id != document.participant_id:
            calls.append(lambda: document_service.set_document_participant(store, document_id, participant_id))
        if held_out != document.held_out:
            calls.append(lambda: document_service.set_held_out(store, document_id, held_out))
        if calls:
            w.session.run_all(self.tr("Document properties"), calls)

    # ------------------------------------------------------------ participants

    def participants(self) -> None:
        dialog = ParticipantsDialog(self.w)
        dialog.exec()

    # ------------------------------------------------------------ the project

    def open_location(self, location: str | None) -> None:
        """Open a project in its own window (or bring its window forward); a refusal is said, not raised."""
        if not location:
            return
        from app.launcher import open_window

        try:
            open_window(location)
        except ZhagenError as exc:
            QMessageBox.warning(self.w, self.tr("Cannot open the project"), say(exc))

    def new_project(self) -> None:
        self.open_location(new_project(self.w))

    def open_project(self) -> None:
        self.open_location(choose_project_file(self.w))

    def open_url(self) -> None:
        self.open_location(ask_database_url(self.w))

    def fill_recent(self, menu: QMenu) -> None:
        """Project → Open recent: the recent projects, or (none)."""
        menu.clear()
        for location in RecentProjects().items():
            action = menu.addAction(location)
            action.triggered.connect(lambda _=False, where=location: self.open_location(where))
        if menu.isEmpty():
            menu.addAction(self.tr("(none)")).setEnabled(False)

    def close_project(self) -> None:
        """Close this window's project; from the last window, offer to open another one first."""
        from app import projects  # looked up when called (tests answer the file dialog there)
        from app.launcher import open_window, windows

        w = self.w
        if [x for x in windows() if x is not w] == []:
            location = projects.choose_project_file(w)  # Cancel: the app ends with its last window
            if location:
                w.close()
                open_window(location)
                return
        w.close()


def _document(window: "MainWindow", document_id: int | None) -> v.Document | None:
    if document_id is None:
        return None
    return next((d for d in queries.list_documents(window.session.store) if d.id == document_id), None)


class DocumentDialog(QDialog):
    def __init__(self, document: v.Document, participants: tuple[v.Participant, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Document properties"))
        self.name = QLineEdit(document.name, self)
        self.participant = QComboBox(self)
        self.participant.addItem(self.tr("(none)"), None)
        for participant in participants:
            label = f"{participant.pid} {participant.name}".strip()
            self.participant.addItem(label, participant.id)
        self.participant.setCurrentIndex(max(self.participant.findData(document.participant_id), 0))
        self.held_out = QCheckBox(self.tr("Held out for the saturation test"), self)
        self.held_out.setChecked(document.held_out)
        self.meta = QTableWidget(len(document.meta), 2, self)
        self.meta.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.meta.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.meta.verticalHeader().setVisible(False)
        self.meta.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (key, value) in enumerate(document.meta.items()):
            self.meta.setItem(row, 0, QTableWidgetItem(str(key)))
            self.meta.setItem(row, 1, QTableWidgetItem(str(value)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Participant"), self.participant)
        form.addRow("", self.held_out)
        form.addRow(self.tr("Header metadata"), self.meta)
        form.addRow(buttons)
        self.resize(560, 420)

    def values(self) -> tuple[str, int | None, bool]:
        return self.name.text().strip(), self.participant.currentData(), self.held_out.isChecked()


class ParticipantsDialog(QDialog):
    """Participants as rows, their ID, name and typed attributes as columns; each edit is stored (and undoable)
    at once; a value that does not fit its type is refused and the cell shows the stored value again."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.w = window
        self.setWindowTitle(self.tr("Participants and attributes"))
        self.table = QTableWidget(self)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        add_participant = QPushButton(self.tr("Add participant…"), self)
        add_participant.clicked.connect(self.ask_participant)
        add_attribute = QPushButton(self.tr("Add attribute…"), self)
        add_attribute.clicked.connect(self.ask_attribute)
        delete = QPushButton(self.tr("Delete participant"), self)
        delete.clicked.connect(self.delete_current)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (add_participant, add_attribute, delete):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(close)
        self._filling = False
        self.attributes: tuple[v.Attribute, ...] = ()
        self.table.itemChanged.connect(self._on_edit)
        window.session.changed.connect(lambda _changes: self.fill())
        self.fill()
        self.resize(760, 420)

    def fill(self) -> None:
        store = self.w.session.store
        if store.closed:
            return
        self._filling = True
        try:
            participants = queries.list_participants(store)
            self.attributes = queries.list_attributes(store)
            values = queries.attribute_values(store)
            types = type_names()
            self.table.setColumnCount(2 + len(self.attributes))
            self.table.setHorizontalHeaderLabels([self.tr("ID"), self.tr("Name")]
                                                 + [f"{a.name} ({types.get(a.type, a.type)})" for a in self.attributes])
            self.table.setRowCount(len(participants))
            for r, participant in enumerate(participants):
                cells = [participant.pid, participant.name] + [
                    _shown(values.get(participant.id, {}).get(a.name)) for a in self.attributes]
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(ID_ROLE, participant.id)
                    self.table.setItem(r, c, item)
            self.table.resizeColumnsToContents()  # headers such as 年龄 (整数) whole
        finally:
            self._filling = False

    def _on_edit(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        session, store = self.w.session, self.w.session.store
        participant_id, column, text = item.data(ID_ROLE), item.column(), item.text()
        if column == 0:
            done = session.run(self.tr("Edit participant"),
                               lambda: participant_service.update_participant(store, participant_id, pid=text))
        elif column == 1:
            done = session.run(self.tr("Edit participant"),
                               lambda: participant_service.update_participant(store, participant_id, name=text))
        else:
            attribute = self.attributes[column - 2]
            done = session.run(self.tr("Set {0}").format(attribute.name), lambda: participant_service.set_attribute_value(
                store, participant_id, attribute.id, text.strip() or None))
        if done is None:  # refused: show what is stored
            self.fill()

    def ask_participant(self) -> None:
        pid, ok = QInputDialog.getText(self, self.tr("Add participant"), self.tr("Participant ID (e.g. A11):"))
        if ok and pid.strip():
            self.w.session.run(self.tr("Add participant"),
                               lambda: participant_service.add_participant(self.w.session.store, pid))

    def ask_attribute(self) -> None:
        dialog = AttributeDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            name, kind = dialog.values()
            self.w.session.run(self.tr("Add attribute"),
                               lambda: participant_service.add_attribute(self.w.session.store, name, kind))

    def delete_current(self) -> None:
        item = self.table.currentItem()
        if item is None:
            return
        participant_id, pid = item.data(ID_ROLE), self.table.item(item.row(), 0).text()
        question = self.tr("Delete participant {0}? Their documents and turns lose the link.").format(pid)
        if QMessageBox.question(self, self.tr("Delete participant"), question) == QMessageBox.StandardButton.Yes:
            self.w.session.run(self.tr("Delete participant"),
                               lambda: participant_service.delete_participant(self.w.session.store, participant_id))


def type_names() -> dict[str, str]:
    """The attribute types as the interface names them."""
    translate = QCoreApplication.translate
    return {"text": translate("AttributeDialog", "Text"), "integer": translate("AttributeDialog", "Whole number"),
            "float": translate("AttributeDialog", "Number"), "boolean": translate("AttributeDialog", "Yes/no"),
            "date": translate("AttributeDialog", "Date (YYYY-MM-DD)")}


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class AttributeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add attribute"))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. 性别, 年龄, 角色"))
        self.kind = QComboBox(self)
        names = type_names()
        for kind in ATTRIBUTE_TYPES:
            self.kind.addItem(names.get(kind, kind), kind)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Type"), self.kind)
        form.addRow(buttons)

    def values(self) -> tuple[str, str]:
        return self.name.text().strip(), self.kind.currentData()
