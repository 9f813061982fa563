"""A status bar label that changes its text without laying out the whole status bar again.

QLabel.setText asks its parent to lay out whenever the label's size is not
fixed, and the status bar then repaints from end to end. The counts in the
status bar change on every click (60,000 → 60,001 codings) while their width
almost never does, so the label keeps a fixed size equal to its size hint
and is resized (and the bar laid out) only when the hint changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel


class SteadyLabel(QLabel):
    def show_text(self, text: str) -> None:
        if text != self.text():
            self.setText(text)
            self._fit()

    def _fit(self) -> None:
        hint = self.sizeHint()
        if self.minimumSize() != hint or self.maximumSize() != hint:
            self.setFixedSize(hint)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # the same text, another size
            self._fit()
