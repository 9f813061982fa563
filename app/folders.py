"""The folder each file dialog last used (transcripts, projects, imports from other tools, exports), remembered
in the settings, so the next dialog of the same kind starts there."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings


def last_folder(kind: str, name: str = "") -> str:
    """Where a dialog of KIND starts: the folder it last used (if it still exists), else the home folder; with
    NAME, a proposed file name in that folder."""
    folder = str(QSettings().value(f"folders/{kind}") or "")
    if not folder or not os.path.isdir(folder):
        folder = os.path.expanduser("~")
    return os.path.join(folder, name) if name else folder


def remember_folder(kind: str, path: str | list[str]) -> str | list[str]:
    """Remember the folder of PATH (or of the first of several) for KIND; returns PATH as given."""
    first = path[0] if isinstance(path, list) and path else path
    if first:
        QSettings().setValue(f"folders/{kind}", os.path.dirname(os.path.abspath(str(first))))
    return path
