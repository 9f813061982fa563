"""Finding projects: the recent-projects list, a new project file, a project file or database URL to open.

The dialogs here only gather a location; opening it is the launcher's job,
and creating a file goes through `coding.storage.create_project`. Each
dialog is either a constructible class or a thin wrapper over a QFileDialog
static method, so tests can drive it without a modal loop.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.folders import last_folder, remember_folder
from app.messages import say
from coding.errors import ZhagenError
from coding.storage import create_project, is_url

SUFFIX = ".zhagen"
URL_EXAMPLE = "postgresql+psycopg://postgres@127.0.0.1:5432/name"


def _normalise(location: str) -> str:
    """A database URL as given; a file path made absolute so it works from any folder."""
    location = str(location).strip()
    return location if is_url(location) else str(Path(location).expanduser().absolute())


class RecentProjects:
    """Up to MAX project locations in QSettings, most recent first, without duplicates."""

    KEY = "projects/recent_list"
    OLD_KEY = "projects/recent"  # a single string, written by earlier versions
    MAX = 8

    def __init__(self, settings: QSettings | None = None):
        self._settings = settings or QSettings()

    def items(self) -> list[str]:
        stored = self._settings.value(self.KEY, [], type=list)
        items = [str(x) for x in stored if x]
        if not items:
            old = self._settings.value(self.OLD_KEY)
            if isinstance(old, str) and old:
                items = [old]
        return items[: self.MAX]

    def add(self, location: str) -> None:
        location = _normalise(location)
        self._write([location, *(x for x in self.items() if x != location)])

    def remove(self, location: str) -> None:
        gone = {location, _normalise(location)}
        self._write([x for x in self.items() if x not in gone])

    def clear(self) -> None:
        self._write([])

    def _write(self, items: list[str]) -> None:
        self._settings.setValue(self.KEY, items[: self.MAX])
        self._settings.remove(self.OLD_KEY)  # migrated: the list is the only record from now on


def choose_project_file(parent: QWidget | None = None) -> str | None:
    title = QCoreApplication.translate("projects", "Open project")
    files = QCoreApplication.translate("projects", "Zhagen projects (*.zhagen)")
    path, _ = QFileDialog.getOpenFileName(parent, title, last_folder("projects"), files)
    return remember_folder("projects", path) or None


def new_project(parent: QWidget | None = None) -> str | None:
    """Ask for a new project file and create it; returns its path, or None if cancelled or refused."""
    title = QCoreApplication.translate("projects", "New project")
    files = QCoreApplication.translate("projects", "Zhagen projects (*.zhagen)")
    path, _ = QFileDialog.getSaveFileName(parent, title, last_folder("projects"), files)
    remember_folder("projects", path)
    if not path:
        return None
    if not path.endswith(SUFFIX):
        path += SUFFIX
    try:
        create_project(path, name=Path(path).stem).close()
    except ZhagenError as exc:
        message = QCoreApplication.translate("projects", "Cannot create {0}:\n{1}").format(path, say(exc))
        QMessageBox.warning(parent, QCoreApplication.translate("projects", "Cannot create the project"), message)
        return None
    return path


class DatabaseUrlDialog(QDialog):
    """Asks for a project database URL; OK is enabled only for something that is a URL."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open a project database"))
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(URL_EXAMPLE)
        self.edit.setMinimumWidth(420)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Database URL of a shared project:"), self))
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self._on_text_changed)
        self._on_text_changed(self.edit.text())

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def url(self) -> str:
        return self.edit.text().strip()

    def _on_text_changed(self, _text: str) -> None:
        self.ok_button.setEnabled(is_url(self.url()))


def ask_database_url(parent: QWidget | None = None) -> str | None:
    dialog = DatabaseUrlDialog(parent)
    return dialog.url() if dialog.exec() == QDialog.DialogCode.Accepted else None
