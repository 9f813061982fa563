"""Entry point: `python main.py` (or `zhagen`) starts the GUI; with arguments, a CLI command."""

import sys

from coding.cli import main

if __name__ == "__main__":
    sys.exit(main())
