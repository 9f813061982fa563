"""Pinned codes: Ctrl+1 … Ctrl+9 code the selection with the code on that key (stored in the project by GUID)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from coding import queries
from coding.services import project as project_service

if TYPE_CHECKING:
    from app.main_window import MainWindow

PINS = 9  # Ctrl+1 … Ctrl+9


class PinnedCodes(QObject):
    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.w = window

    def pinned_codes(self) -> list[int | None]:
        """Code ids on Ctrl+1 … Ctrl+9 (None: a free key); stored in the project by GUID."""
        by_guid = {c.guid: c.id for c in self.w.catalog.codes.values()}
        guids = list(queries.project_info(self.w.session.store)["settings"].get("pinned_codes", []))
        return [by_guid.get(g) if g else None for g in (guids + [None] * PINS)[:PINS]]

    def pin_code(self, code_id: int | None, slot: int) -> None:
        """Put a code on Ctrl+(slot+1), or free the key with code_id None."""
        pins = self.pinned_codes()
        if code_id is not None:
            pins = [None if p == code_id else p for p in pins]
        pins[slot] = code_id
        guids = [self.w.catalog.codes[p].guid if p is not None else None for p in pins]
        self.w.session.run(self.tr("Pin code"), lambda: project_service.update_project(
            self.w.session.store, settings={"pinned_codes": guids}))

    def code_with_pin(self, slot: int) -> None:
        code_id = self.pinned_codes()[slot]
        if code_id is None:
            self.w.statusBar().showMessage(self.tr("No code is pinned to Ctrl+{0}").format(slot + 1), 4000)
            return
        self.w.code_selection(code_id)

    def refresh(self) -> None:
        for slot, (action, code_id) in enumerate(zip(self.w.pin_actions, self.pinned_codes())):
            path = self.w.catalog.paths.get(code_id) if code_id is not None else None
            action.setText(path or self.tr("(free)"))
            action.setToolTip(path or self.tr("(free)"))

