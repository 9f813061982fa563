"""Entry point of the one-folder app that PyInstaller builds (packaging/zhagen.spec): the `zhagen` command.

The same as the wheel's `zhagen` script (main:main): a CLI command with
arguments, the desktop application without. The windowed build of Windows
(zhagen-gui.exe, for a double-click) has no console, where Python's
sys.stdout and sys.stderr are None: what the app prints goes nowhere instead
of failing.
"""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    # On Windows an import of many files uses spawned worker processes, which start this executable again.
    multiprocessing.freeze_support()
    for stream in ("stdout", "stderr"):
        if getattr(sys, stream) is None:
            setattr(sys, stream, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - open for the run

    from main import main

    sys.exit(main())
