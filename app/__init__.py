"""The PySide6 desktop application (workbench). Only this package imports Qt."""

from __future__ import annotations

import sys


def run_gui(project: str | None) -> int:
    """Start the desktop application, optionally on a project.

    The coding workbench is the subject of its own issue; until it lands the
    GUI entry point says so and exits successfully.
    """
    from app.launcher import launch

    return launch(project, sys.argv[:1])
