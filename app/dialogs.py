"""Dialogs: a new code or category (name, level, definition, colour, paradigm role); a relation between codes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from coding.vocab import LEVELS, MEMO_KIND_LABELS, PARADIGM_ROLES, RELATION_TYPES


@dataclass(frozen=True)
class NewCode:
    name: str
    level: str
    definition: str
    colour: str | None  # None: chosen by the project (the parent's colour, else the palette's next)
    paradigm_role: str | None
    parent_id: int | None = None


CHILD_LEVEL = {None: "concept", "core": "main", "main": "category", "category": "concept", "concept": "concept",
               "none": "concept"}


class NewCodeDialog(QDialog):
    """A new code: name, where it goes (parent; the level follows it), definition, colour, paradigm role.

    `places` are (code id, path, level, colour) of every code in tree order; `parent_id` the parent chosen
    at first. The same dialog shows a code's properties (set_value), without the parent row."""

    def __init__(self, level: str = "concept", colour: str | None = None, parent: QWidget | None = None,
                 places: list[tuple[int, str, str, str]] | None = None, parent_id: int | None = None,
                 selection: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New code"))
        self.name = QLineEdit(self)
        shown = selection if selection is None or len(selection) <= 24 else selection[:24] + "…"
        self.apply = QCheckBox(self.tr("Code the selected text “{0}” with it").format(shown), self)
        self.apply.setChecked(selection is not None)
        self.apply.setVisible(selection is not None)
        self.place = QComboBox(self)
        self.place.addItem(self.tr("(top level)"), None)
        self._places = {code_id: (level_, colour_) for code_id, _path, level_, colour_ in places or []}
        for code_id, path, _level, _colour in places or []:
            self.place.addItem(path, code_id)
        self._colour_chosen = False
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
        self.form = form
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Under"), self.place)
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Definition"), self.definition)
        form.addRow(self.tr("Colour"), self.colour_button)
        form.addRow(self.tr("Paradigm role"), self.role)
        form.addRow("", self.apply)
        form.addRow(buttons)
        self.place.currentIndexChanged.connect(self._on_place)
        if parent_id in self._places:
            self.place.setCurrentIndex(self.place.findData(parent_id))

    def _on_place(self, _index: int) -> None:
        """A new parent: the level one below it, and its colour unless one was chosen."""
        parent_id = self.place.currentData()
        level, colour = self._places.get(parent_id, (None, None))
        self.level.setCurrentIndex(list(LEVELS).index(CHILD_LEVEL.get(level, "concept")))
        if not self._colour_chosen:
            self._colour = colour
            self._show_colour()

    def _show_colour(self) -> None:
        if self._colour is None:
            self.colour_button.setText(self.tr("Automatic (a colour of its own)"))
            self.colour_button.setStyleSheet("")
        else:
            self.colour_button.setText(self._colour)
            self.colour_button.setStyleSheet(f"background-color: {self._colour}")

    def _on_colour(self) -> None:
        colour = QColorDialog.getColor(QColor(self._colour or "#808080"), self, self.tr("Code colour"))
        if colour.isValid():
            self._colour = colour.name()
            self._colour_chosen = True
            self._show_colour()

    def set_value(self, code: NewCode) -> None:
        """Fill the form from an existing code (the properties dialog)."""
        self.setWindowTitle(self.tr("Code properties"))
        self.form.setRowVisible(self.place, False)  # moving is done in the tree
        self.name.setText(code.name)
        self.level.setCurrentIndex(max(self.level.findData(code.level), 0))
        self.definition.setPlainText(code.definition)
        self._colour = code.colour
        self._colour_chosen = True
        self._show_colour()
        self.role.setCurrentIndex(max(self.role.findData(code.paradigm_role), 0))

    def value(self) -> NewCode:
        return NewCode(
            name=self.name.text().strip(), level=self.level.currentData(), definition=self.definition.toPlainText(),
            colour=self._colour, paradigm_role=self.role.currentData(), parent_id=self.place.currentData(),
        )


@dataclass(frozen=True)
class NewRelation:
    type: str
    directed: bool
    memo: str


class RelationDialog(QDialog):
    """Type (ATLAS.ti's defaults, the paradigm roles, or any type typed in), direction, and the memo that
    becomes the relation's 内涵 in the paper's table."""

    def __init__(self, source: str, target: str, current: NewRelation | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Relation"))
        self.type = QComboBox(self)
        self.type.setEditable(True)
        for key, (zh, en) in {**RELATION_TYPES, **PARADIGM_ROLES}.items():
            self.type.addItem(f"{zh} ({en})", key)
        self.directed = QCheckBox(self.tr("Directed (from the first code to the second)"), self)
        self.directed.setChecked(True)
        self.memo = QPlainTextEdit(self)
        self.memo.setPlaceholderText(self.tr("What the relation means (关系结构的内涵)"))
        if current is not None:
            index = self.type.findData(current.type)
            if index >= 0:
                self.type.setCurrentIndex(index)
            else:
                self.type.setEditText(current.type)
            self.directed.setChecked(current.directed)
            self.memo.setPlainText(current.memo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("From"), QLabel(source, self))
        form.addRow(self.tr("To"), QLabel(target, self))
        form.addRow(self.tr("Type"), self.type)
        form.addRow("", self.directed)
        form.addRow(self.tr("Memo"), self.memo)
        form.addRow(buttons)

    def value(self) -> NewRelation:
        text = self.type.currentText().strip()
        index = self.type.findText(text)
        kind = self.type.itemData(index) if index >= 0 else text  # a chosen item gives its key; typed text is a user type
        return NewRelation(type=kind, directed=self.directed.isChecked(), memo=self.memo.toPlainText())


@dataclass(frozen=True)
class NewMemo:
    title: str
    kind: str
    text: str
    on_code: bool


GT_MEMO_KINDS = ("theoretical", "operational", "code_note", "storyline")


class MemoDialog(QDialog):
    """A new memo of a GT type: theoretical or operational memo, a code note, or the story line; optionally on
    the current code. A story line is the whole study's, so choosing that type unticks "On the code" (until
    the box is ticked or unticked by hand, the type decides)."""

    def __init__(self, code_name: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New memo"))
        self.title = QLineEdit(self)
        self.kind = QComboBox(self)
        for key in GT_MEMO_KINDS:
            zh, en = MEMO_KIND_LABELS[key]
            self.kind.addItem(f"{zh} ({en})", key)
        self._has_code = code_name is not None
        self._ticked_by_hand = False
        self.on_code = QCheckBox(self.tr("On the code “{0}”").format(code_name) if code_name else "", self)
        self.on_code.setVisible(self._has_code)
        self.on_code.setChecked(self._has_code)
        self.on_code.clicked.connect(self._on_ticked)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.text = QPlainTextEdit(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Type"), self.kind)
        form.addRow("", self.on_code)
        form.addRow(self.tr("Memo"), self.text)
        form.addRow(buttons)

    def _on_ticked(self, _checked: bool) -> None:
        self._ticked_by_hand = True

    def _on_kind(self, _index: int) -> None:
        if self._has_code and not self._ticked_by_hand:
            self.on_code.setChecked(self.kind.currentData() != "storyline")

    def value(self) -> NewMemo:
        # not on_code.isVisible(): once the dialog has closed nothing in it is visible, and every memo lost its code
        return NewMemo(self.title.text().strip(), self.kind.currentData(), self.text.toPlainText(),
                       self._has_code and self.on_code.isChecked())


class LabelPrefixDialog(QDialog):
    """The letters before GT labels: aa1 for quotes, a1 concepts, A1 categories, AA1 main categories."""

    FIELDS = ("quote", "concept", "category", "main")

    def __init__(self, current: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Label prefixes"))
        names = {"quote": self.tr("Labelled quotes"), "concept": self.tr("Concepts"), "category": self.tr("Categories"),
                 "main": self.tr("Main categories")}
        self.edits = {key: QLineEdit(current.get(key, ""), self) for key in self.FIELDS}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        for key in self.FIELDS:
            form.addRow(names[key], self.edits[key])
        form.addRow(buttons)

    def value(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.edits.items() if edit.text().strip()}
