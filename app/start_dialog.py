"""The first window when no project is given and none was open before: open one, make one, or try the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.messages import say
from app.projects import choose_project_file, new_project
from coding.errors import ZhagenError


class StartDialog(QDialog):
    """Three ways in; `location` is the project chosen (None when the user closes the dialog)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Zhagen"))
        self.location: str | None = None
        intro = QLabel(self.tr("Zhagen codes interview transcripts in three rounds of grounded theory. "
                               "Open a project, start a new one, or look around in the demo study first."), self)
        intro.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open a project…"), self)
        self.new_button = QPushButton(self.tr("New project…"), self)
        self.demo_button = QPushButton(self.tr("Try the demo project (an invented study of community safety)"), self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button in (self.open_button, self.new_button, self.demo_button):
            layout.addWidget(button)
        layout.addWidget(self.message)
        self.open_button.clicked.connect(lambda: self._chosen(choose_project_file(self)))
        self.new_button.clicked.connect(lambda: self._chosen(new_project(self)))
        self.demo_button.clicked.connect(self.open_demo)
        self.resize(520, 240)

    def _chosen(self, location: str | None) -> None:
        if location:
            self.location = location
            self.accept()

    def open_demo(self) -> None:
        """The demo project in the user's documents folder (built there the first time)."""
        from coding.demo import build_demo

        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                      or Path.home()) / "Zhagen"
        target = folder / "demo.zhagen"
        try:
            if not target.exists():
                folder.mkdir(parents=True, exist_ok=True)
                build_demo(target)
        except (OSError, ZhagenError) as exc:
            self.message.setText(self.tr("Cannot build the demo project in {0}: {1}").format(folder, say(exc)))
            return
        self._chosen(str(target))


def ask_start() -> str | None:
    """Show the start dialog; the project chosen, or None."""
    dialog = StartDialog()
    return dialog.location if dialog.exec() == QDialog.DialogCode.Accepted else None
