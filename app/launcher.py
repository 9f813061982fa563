"""Starting the Qt application. The workbench window arrives with the UI issue."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication


def launch(project: str | None, argv: list[str]) -> int:
    app = QCoreApplication.instance() or QCoreApplication(argv)
    message = QCoreApplication.translate(
        "launcher", "The Zhagen coding workbench is not built yet; use the zhagen command line (zhagen --help)."
    )
    if project:
        message += " " + QCoreApplication.translate("launcher", "Project: {0}").format(project)
    print(message, file=sys.stderr)
    del app
    return 0
