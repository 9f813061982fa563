"""Entry point: `python main.py` (or `zhagen`) starts the GUI; with arguments, a CLI command."""

from __future__ import annotations

import codecs
import sys
from typing import Sequence


def start_gui(project: str | None) -> int:
    from app import run_gui  # Qt is imported only when the GUI is wanted

    return run_gui(project)


def screenshot(project: str, out: str, doc: str | None, code: str | None, lang: str | None, size: str | None) -> int:
    from app import screenshot as render

    return render(project, out, doc, code, lang, size)


def utf8_output() -> None:
    """On Windows, write UTF-8 when the output goes to a pipe or a file.

    Python writes there in the ANSI code page (cp1252 on an English Windows), which
    has no Chinese: `zhagen stats study.zhagen > stats.txt` would stop at the
    project's name. A console gets Unicode from Python whatever the code page."""
    if sys.platform != "win32":
        return
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure") or stream.isatty():
            continue
        if codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name != "utf-8":
            stream.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    from coding.cli import main as cli_main

    utf8_output()

    return cli_main(argv, gui=start_gui, screenshot=screenshot)


if __name__ == "__main__":
    sys.exit(main())
