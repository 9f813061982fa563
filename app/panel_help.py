"""What's this: a short explanation of each grounded-theory panel, shown by Help → What's This? (Shift+F1).

The text is set on the panel and on its main view, so a click anywhere on it
finds one (a child without a text of its own passes the click to its parent).
The manual says the same at length; these say what the panel shows and what
can be done there, in the interface language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget

if TYPE_CHECKING:
    from app.main_window import MainWindow


class PanelHelp(QObject):
    """The texts, translated in this class's context."""

    def texts(self) -> dict[str, str]:
        """Panel key (as in MainWindow._docks) → its What's this text."""
        return {
            "codes": self.tr(
                "<b>Code system</b><p>Every code with its grounded-theory level on the colour swatch: a concept "
                "(初始概念, a), a category (范畴, A), a main category (主范畴, AA) or the core category (核). "
                "Analyse → Show code labels numbers them a1, A1, AA1 in tree order. The counts of codings and "
                "documents include the subcodes.</p><p>Open coding: select text in the transcript, then double-click "
                "a code, drag the selection onto it, or press Ctrl+Return for the current code. Axial coding: drag "
                "concepts onto a category to make them its subcodes; hold Shift while dropping to merge them into "
                "it. Right-click for a new code, rename, properties (level, definition, paradigm role), merge, "
                "delete and pinning to Ctrl+1 … Ctrl+9.</p>"),
            "board": self.tr(
                "<b>Category board</b><p>The main categories with their categories, the core category and its "
                "pathways, and the relations between them as labelled arrows. Drag boxes to arrange them (the "
                "places are kept in the project); Shift+drag or right-drag from one box to another to relate them; "
                "double-click an arrow to edit the relation and its memo, a box to choose its code. Export PNG "
                "(300 dpi) or SVG for the paper.</p><p>Below: the story line (memos of the type “story line”) and "
                "the causal chains made by “is cause of” relations.</p>"),
            "saturation": self.tr(
                "<b>Saturation</b><p>New concepts and new categories per document in coding order (the order of the "
                "Documents panel; drag a document to move it), and the cumulative curve. Documents marked “Held "
                "out for the saturation test” (right-click in Documents) come last, on the shaded band: when they "
                "bring no new concept or category, the saturation test is passed.</p>"),
            "trail": self.tr(
                "<b>Emergence trail</b><p>How each main category emerged, from the project's event log: its "
                "categories and concepts, the first quote coded with each (document, participant, date, coder) "
                "and every later rename, move, merge or split. Hover a cell for the whole quote and history.</p>"),
            "agreement": self.tr(
                "<b>Inter-coder agreement</b><p>Choose the unit (document by code existence or code frequency, "
                "sentence, speaker turn, character, or segments overlapping by at least the given share) and the "
                "coders, then Compute: percent agreement (also over coded decisions only), Cohen's κ (two coders) "
                "or Fleiss' κ (three or more), Krippendorff's α, Brennan–Prediger κ, Holsti's K and the composite "
                "reliability R per code and overall, on the documents any chosen coder has coded (tick Only "
                "documents all coded to leave out those one coder left uncoded). The list on the right holds the "
                "disagreements: click one to see the passage.</p>"),
            "memos": self.tr(
                "<b>Memos</b><p>The memo of the code chosen in the code system: write, then Save memo (one undoable "
                "step). Below it the code's other memos, and the story line (故事线): a memo of the type “story "
                "line” written with Analyse → New memo… (Ctrl+Shift+M).</p>"),
            "memo_list": self.tr(
                "<b>Memo list</b><p>Every memo of the project (code notes, theoretical and operational memos, the "
                "story line) filtered by type, code and date; choose one to read it below.</p>"),
        }


def describe_panels(window: "MainWindow") -> None:
    """Set the What's this text on each grounded-theory panel, its dock and its main view."""
    views = {
        "codes": [window.codes, window.codes.tree],
        "board": [window.board, window.board.view],
        "saturation": [window.saturation, window.saturation.chart, window.saturation.table],
        "trail": [window.trail, window.trail.tree],
        "agreement": [window.agreement],
        "memos": [window.memos, window.memos.editor, window.memos.storyline],
        "memo_list": [window.memo_list],
    }
    texts = PanelHelp(window).texts()
    for key, widgets in views.items():
        dock = widgets[0].parentWidget()  # its title bar and frame say it too
        for widget in ([dock] if isinstance(dock, QDockWidget) else []) + widgets:
            widget.setWhatsThis(texts[key])
