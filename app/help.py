"""The Help menu: the manual in the interface language, the keyboard shortcuts, What's this.

The manual is Markdown shipped in the package (app/manual/zh.md, en.md, and
their screenshots in app/manual/images/, made by scripts/screenshots.py). It is
shown in a QTextBrowser, which reads the Markdown and finds the images next to
the file; a list of its headings beside it jumps to a section. The shortcut
list is made from the window's actions each time it is opened, so it names
every shortcut the window really has, under the menu that holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QImage,
    QKeySequence,
    QPalette,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWhatsThis,
    QWidget,
)

from app.panel_help import describe_panels

if TYPE_CHECKING:
    from app.main_window import MainWindow

MANUAL = Path(__file__).with_name("manual")
IMAGE_MARGIN = 40  # pixels left beside a picture fitted to the window (the page's margins and scroll bar)
HEADING_ROLE = Qt.ItemDataRole.UserRole


class HelpActions(QObject):
    """The Help menu's actions of one main window."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.w = window
        self.manual_window: ManualWindow | None = None

    def add_to(self, menu: QMenu) -> None:
        self.manual_action = QAction(self.tr("&Manual"), self.w)
        self.manual_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.manual_action.triggered.connect(self.show_manual)
        self.shortcuts_action = QAction(self.tr("&Keyboard shortcuts"), self.w)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.whats_this_action = QWhatsThis.createAction(self.w)  # Shift+F1, then click a panel
        for action in (self.manual_action, self.shortcuts_action, self.whats_this_action):
            menu.addAction(action)
        menu.addSeparator()

    def describe_panels(self) -> None:
        describe_panels(self.w)

    def manual_file(self) -> Path:
        """The manual in the interface language (the translation names its file)."""
        return MANUAL / self.tr("en.md", "the manual's file in this interface language: en.md or zh.md")

    def show_manual(self) -> "ManualWindow":
        if self.manual_window is None:
            self.manual_window = ManualWindow(self.manual_file(), self.w)
        self.manual_window.show()
        self.manual_window.raise_()
        self.manual_window.activateWindow()
        return self.manual_window

    def show_shortcuts(self) -> "ShortcutsDialog":
        dialog = ShortcutsDialog(shortcut_rows(self.w), self.w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog


# ---------------------------------------------------------------- the manual


class ManualWindow(QWidget):
    """The manual: its headings on the left, the text with its screenshots on the right."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Zhagen manual"))
        self.path = path
        self.contents = QTreeWidget(self)
        self.contents.setHeaderHidden(True)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)
        self.browser.document().setDocumentMargin(12)
        self._shade_code_blocks()
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.contents)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 860])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._fit_timer = QTimer(self)  # fit the pictures once the resizing stops
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(100)
        self._fit_timer.timeout.connect(self.fit_images)
        self._natural: dict[str, tuple[int, int]] = {}  # picture → its size in pixels
        self._fill_contents()
        self.contents.expandAll()
        self.contents.itemClicked.connect(self._on_heading)
        self.resize(1100, 800)

    def headings(self) -> list[tuple[int, str]]:
        """(level, text) of the manual's headings, in order."""
        out, block = [], self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level:
                out.append((level, block.text()))
            block = block.next()
        return out

    def _shade_code_blocks(self) -> None:
        """Commands and examples on a light background, set apart from the text around them."""
        shade = self.palette().color(QPalette.ColorRole.AlternateBase)
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().hasProperty(QTextFormat.Property.BlockCodeFence):
                cursor = QTextCursor(block)
                code = block.blockFormat()
                code.setBackground(shade)
                cursor.setBlockFormat(code)
            block = block.next()

    def _fill_contents(self) -> None:
        """Sections (##) and their subsections (###); the title (#) is the window's."""
        parent: QTreeWidgetItem | None = None
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level == 2 or (level == 3 and parent is None):
                parent = QTreeWidgetItem(self.contents, [block.text()])
                parent.setData(0, HEADING_ROLE, block.position())
            elif level == 3:
                QTreeWidgetItem(parent, [block.text()]).setData(0, HEADING_ROLE, block.position())
            block = block.next()

    def _on_heading(self, item: QTreeWidgetItem) -> None:
        self.scroll_to(item.data(0, HEADING_ROLE))

    def scroll_to(self, position: int) -> None:
        """Put the block at POSITION at the top of the view."""
        block = self.browser.document().findBlock(position)
        top = self.browser.document().documentLayout().blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))

    # ------------------------------------------------------------ pictures

    def images(self) -> list[str]:
        """The names of the pictures, as written in the Markdown (relative to the file)."""
        return [name for name, _cursor in self._image_spans()]

    def image(self, name: str) -> QImage:
        """The picture NAME as the browser loads it (a null image when it is missing)."""
        resource = self.browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        if isinstance(resource, QImage):
            return resource
        image = QImage()
        if isinstance(resource, (bytes, bytearray)) or hasattr(resource, "data"):
            image.loadFromData(bytes(resource))
        return image

    def _image_spans(self) -> list[tuple[str, QTextCursor]]:
        spans = []
        block = self.browser.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.charFormat().isImageFormat():
                    cursor = QTextCursor(self.browser.document())
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    spans.append((fragment.charFormat().toImageFormat().name(), cursor))
                it += 1
            block = block.next()
        return spans

    def fit_images(self) -> None:
        """Show each picture at its own size, or narrower to fit the window's width (never wider)."""
        room = max(self.browser.viewport().width() - IMAGE_MARGIN, 200)
        for name, cursor in self._image_spans():
            if name not in self._natural:
                image = self.image(name)
                self._natural[name] = (image.width(), image.height())
            width, height = self._natural[name]
            if not width:
                continue
            shown = min(width, room)
            picture = QTextImageFormat(cursor.charFormat().toImageFormat())
            if int(picture.width()) == shown:
                continue
            picture.setWidth(shown)
            picture.setHeight(height * shown / width)
            cursor.setCharFormat(picture)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        self.fit_images()

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().resizeEvent(event)
        self._fit_timer.start()


# ---------------------------------------------------------------- shortcuts


@dataclass(frozen=True)
class ShortcutRow:
    keys: str  # as the platform writes them (Ctrl+Return; ⌘↩ on macOS)
    action: str
    menu: str  # "Code → Pinned codes", or "" for an action in no menu


def plain(text: str) -> str:
    """An action's text without its mnemonic: "&Open…" → "Open…", "打开(&O)…" → "打开…"."""
    text = re.sub(r"\(&[^&]\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows(window: QWidget) -> list[ShortcutRow]:
    """Every action of WINDOW with a keyboard shortcut: those of the menus in menu order, then any other."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()

    def add(action: QAction, menu: str) -> None:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        if keys and id(action) not in seen:
            seen.add(id(action))
            rows.append(ShortcutRow(", ".join(keys), plain(action.text()) or action.toolTip(), menu))

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} → {plain(action.menu().title())}")
            else:
                add(action, path)

    menubar = window.menuBar() if hasattr(window, "menuBar") else None
    if menubar is not None:
        for action in menubar.actions():
            if action.menu() is not None:
                walk(action.menu(), plain(action.menu().title()))
    for action in window.findChildren(QAction):
        add(action, "")
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[ShortcutRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Shortcut"), self.tr("Action"), self.tr("Menu")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for r, row in enumerate(rows):
            for c, text in enumerate((row.keys, row.action, row.menu)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.table.item(r, c).text() for c in range(3)) for r in range(self.table.rowCount())]
