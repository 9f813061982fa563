"""Entry point: `python main.py` (or `zhagen`) starts the GUI; with arguments, a CLI command."""

from __future__ import annotations

import sys
from typing import Sequence


def start_gui(project: str | None) -> int:
    from app import run_gui  # Qt is imported only when the GUI is wanted

    return run_gui(project)


def screenshot(project: str, out: str, doc: str | None, code: str | None, lang: str | None, size: str | None) -> int:
    from app import screenshot as render

    return render(project, out, doc, code, lang, size)


def main(argv: Sequence[str] | None = None) -> int:
    from coding.cli import main as cli_main

    return cli_main(argv, gui=start_gui, screenshot=screenshot)


if __name__ == "__main__":
    sys.exit(main())
