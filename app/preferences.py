"""User preferences: who codes (name, colour), interface language, CJK font and theme.

Preferences live in QSettings and belong to the user, not the project. The
coder name and colour reach an open project only through the coder services
(`apply_coder`); the appearance is applied to the whole QApplication.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.launcher import default_cjk_family, set_language, system_language
from app.messages import say
from coding.errors import ZhagenError
from coding.services import coders
from coding.storage import ProjectStore
from coding.values import Coder

LANGUAGES = ("zh_CN", "en")
THEMES = ("light", "dark")
FONT_SIZES = (8, 24)
DEFAULT_COLOUR = "#1f77b4"
DEFAULT_SIZE = 10


@dataclass(frozen=True)
class Preferences:
    coder_name: str
    coder_colour: str
    language: str  # "zh_CN" or "en"
    font_family: str  # "" when no CJK font is installed: keep Qt's default
    font_size: int
    theme: str  # "light" or "dark"


def _choice(value: object, allowed: tuple[str, ...], default: str) -> str:
    return value if value in allowed else default


def _colour(value: object) -> str:
    return QColor(value).name() if isinstance(value, str) and QColor.isValidColorName(value) else DEFAULT_COLOUR


def load_preferences() -> Preferences:
    from coding.cli import default_coder

    s = QSettings()
    try:
        size = int(s.value("appearance/font_size", DEFAULT_SIZE))
    except (TypeError, ValueError):
        size = DEFAULT_SIZE
    return Preferences(
        coder_name=str(s.value("coder/name") or default_coder()),
        coder_colour=_colour(s.value("coder/colour")),
        language=_choice(s.value("interface/language"), LANGUAGES, system_language()),
        font_family=str(s.value("appearance/font_family") or default_cjk_family()),
        font_size=min(max(size, FONT_SIZES[0]), FONT_SIZES[1]),
        theme=_choice(s.value("appearance/theme"), THEMES, "light"),
    )


def save_preferences(p: Preferences) -> None:
    s = QSettings()
    s.setValue("coder/name", p.coder_name)
    s.setValue("coder/colour", p.coder_colour)
    s.setValue("interface/language", p.language)
    s.setValue("appearance/font_family", p.font_family)
    s.setValue("appearance/font_size", p.font_size)
    s.setValue("appearance/theme", p.theme)
    s.sync()


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#2f2f2f",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.ToolTipBase: "#1e1e1e", QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8a8a8a", QPalette.ColorRole.Link: "#6fa3ef",
        QPalette.ColorRole.Highlight: "#3d6fb4", QPalette.ColorRole.HighlightedText: "#ffffff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f7f7f"))
    return palette


def apply_appearance(app: QApplication, p: Preferences) -> None:
    """Set the application font and the Fusion style with a light or dark palette."""
    font = QFont(app.font())
    family = p.font_family if p.font_family in QFontDatabase.families() else default_cjk_family()
    if family:  # else keep Qt's default family
        font.setFamily(family)
    font.setPointSize(p.font_size)
    app.setFont(font)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(dark_palette() if p.theme == "dark" else app.style().standardPalette())


def apply_coder(store: ProjectStore, name: str, colour: str) -> Coder:
    """Make `name` the coder of the open project (adding it if new) with `colour`; InvalidInput if blank."""
    coder = coders.use_coder(store, name)
    if coder.colour.lower() != colour.lower():
        coder = coders.update_coder(store, coder.id, colour=colour).value  # preferences are not undoable
    return coder


class PreferencesDialog(QDialog):
    """Edits a Preferences value; OK stays disabled while the coder name is blank."""

    def __init__(self, current: Preferences, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._initial = current
        self._colour = current.coder_colour
        self.name = QLineEdit(current.coder_name, self)
        self.colour_button = QPushButton(self)
        self.colour_button.clicked.connect(self._on_colour)
        self.language = QComboBox(self)
        self.language.addItem("中文 (zh_CN)", "zh_CN")
        self.language.addItem("English (en)", "en")
        self.font_family = QFontComboBox(self)
        self.font_family.setWritingSystem(QFontDatabase.WritingSystem.SimplifiedChinese)
        self.font_size = QSpinBox(self)
        self.font_size.setRange(*FONT_SIZES)
        self.theme = QComboBox(self)
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.note = QLabel(self.tr("The interface language changes on the next start."), self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.set_values(current)
        self.name.textChanged.connect(self._on_changed)
        self.language.currentIndexChanged.connect(self._on_changed)
        self._on_changed()

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.addRow(self.tr("Coder name"), self.name)
        form.addRow(self.tr("Coder colour"), self.colour_button)
        form.addRow(self.tr("Interface language"), self.language)
        form.addRow(self.tr("Chinese font"), self.font_family)
        form.addRow(self.tr("Font size"), self.font_size)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.note)
        form.addRow(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def set_values(self, p: Preferences) -> None:
        self.name.setText(p.coder_name)
        self.set_colour(p.coder_colour)
        self.language.setCurrentIndex(max(self.language.findData(p.language), 0))
        if p.font_family:
            self.font_family.setCurrentFont(QFont(p.font_family))
        self.font_size.setValue(p.font_size)
        self.theme.setCurrentIndex(max(self.theme.findData(p.theme), 0))

    def set_colour(self, colour: str) -> None:
        self._colour = QColor(colour).name()
        self.colour_button.setText(self._colour)
        self.colour_button.setStyleSheet(f"background-color: {self._colour}")

    def values(self) -> Preferences:
        return Preferences(
            coder_name=self.name.text().strip(), coder_colour=self._colour,
            language=self.language.currentData(), font_family=self.font_family.currentFont().family(),
            font_size=self.font_size.value(), theme=self.theme.currentData(),
        )

    def _on_colour(self) -> None:
        colour = QColorDialog.getColor(QColor(self._colour), self, self.tr("Coder colour"))
        if colour.isValid():
            self.set_colour(colour.name())

    def _on_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.name.text().strip()))
        self.note.setVisible(self.language.currentData() != self._initial.language)


def commit_preferences(p: Preferences, store: ProjectStore | None = None) -> list[str]:
    """Save and apply `p`: appearance now, language for new windows, coder on the open project.

    Returns one-line messages for the status bar. A refused coder name
    raises InvalidInput (a ZhagenError) after the rest has been saved.
    """
    before = load_preferences()
    save_preferences(p)
    apply_appearance(QApplication.instance(), p)
    messages = []
    if p.language != before.language:
        set_language(p.language)
        messages.append(QCoreApplication.translate("preferences", "The interface language changes on the next start."))
    if store is not None:
        coder = apply_coder(store, p.coder_name, p.coder_colour)
        messages.append(QCoreApplication.translate("preferences", "Coding as {0}").format(coder.name))
    return messages


def edit_preferences(parent: QWidget | None = None, store: ProjectStore | None = None) -> Preferences | None:
    """Run the dialog and commit what the user accepted; messages go to the parent's status bar."""
    dialog = PreferencesDialog(load_preferences(), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    p = dialog.values()
    try:
        messages = commit_preferences(p, store)
    except ZhagenError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("preferences", "Cannot apply the preferences"), say(exc))
        return None
    if isinstance(parent, QMainWindow) and messages:
        parent.statusBar().showMessage(" ".join(messages), 8000)
    return p
