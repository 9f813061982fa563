"""Dialogs: a new code or category (name, level, definition, colour, paradigm role)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from coding.vocab import LEVELS, PARADIGM_ROLES


@dataclass(frozen=True)
class NewCode:
    name: str
    level: str
    definition: str
    colour: str
    paradigm_role: str | None


class NewCodeDialog(QDialog):
    def __init__(self, level: str = "concept", colour: str = "#808080", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New code"))
        self.name = QLineEdit(self)
        self.level = QComboBox(self)
        level_names = {
            "concept": self.tr("Concept (初始概念)"), "category": self.tr("Category (范畴)"),
            "main": self.tr("Main category (主范畴)"), "core": self.tr("Core category (核心范畴)"),
            "none": self.tr("No GT level"),
        }
        for key in LEVELS:
            self.level.addItem(level_names[key], key)
        self.level.setCurrentIndex(list(LEVELS).index(level))
        self.definition = QPlainTextEdit(self)
        self.definition.setPlaceholderText(self.tr("Definition (内涵)"))
        self.role = QComboBox(self)
        role_names = {
            "causal_condition": self.tr("Causal condition (因果条件)"), "phenomenon": self.tr("Phenomenon (现象)"),
            "context": self.tr("Context (情境)"), "intervening_condition": self.tr("Intervening condition (中介条件)"),
            "action_strategy": self.tr("Action/interaction strategy (行动/互动策略)"), "consequence": self.tr("Consequence (结果)"),
        }
        self.role.addItem(self.tr("No paradigm role"), None)
        for key in PARADIGM_ROLES:
            self.role.addItem(role_names[key], key)
        self._colour = colour
        self.colour_button = QPushButton(self)
        self._show_colour()
        self.colour_button.clicked.connect(self._on_colour)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Definition"), self.definition)
        form.addRow(self.tr("Colour"), self.colour_button)
        form.addRow(self.tr("Paradigm role"), self.role)
        form.addRow(buttons)

    def _show_colour(self) -> None:
        self.colour_button.setText(self._colour)
        self.colour_button.setStyleSheet(f"background-color: {self._colour}")

    def _on_colour(self) -> None:
        colour = QColorDialog.getColor(QColor(self._colour), self, self.tr("Code colour"))
        if colour.isValid():
            self._colour = colour.name()
            self._show_colour()

    def value(self) -> NewCode:
        return NewCode(
            name=self.name.text().strip(), level=self.level.currentData(), definition=self.definition.toPlainText(),
            colour=self._colour, paradigm_role=self.role.currentData(),
        )
