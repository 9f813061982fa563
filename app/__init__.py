"""The PySide6 desktop application (workbench). Only this package imports Qt."""

from __future__ import annotations

import sys


def run_gui(project: str | None) -> int:
    """Start the desktop application, optionally on a project."""
    from app.launcher import launch

    return launch(project, sys.argv[:1])


def screenshot(project: str, out: str, doc: str | None = None, code: str | None = None,
               lang: str | None = None, size: str | None = None) -> int:
    from app.launcher import screenshot as render

    return render(project, out, doc, code, lang, size)
