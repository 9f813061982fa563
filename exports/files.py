"""Writing an export file so that a failed or cancelled export never leaves half a file.

The file is written under a temporary name beside OUT and moved over OUT when
complete. The temporary file is created the way a plain `open(OUT, "w")`
creates a file (mode 0o666 less the user's umask; `tempfile.mkstemp` would give
0o600 and a colleague in the same group could not open the export), and when
OUT already exists its mode is kept, as `open(OUT, "w")` would keep it.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

_ATTEMPTS = 100


def _create_temporary(path: Path) -> Path:
    """A new empty file beside PATH, created with mode 0o666 (the kernel applies the umask)."""
    for _ in range(_ATTEMPTS):
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(f"no free temporary name beside {path}")


def _keep_mode(tmp: Path, path: Path) -> None:
    """Give TMP the permission bits of the file it replaces, if there is one."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return
    os.chmod(tmp, mode)


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call write(tmp_path) on a temporary file beside PATH, then move it over PATH."""
    try:
        tmp = _create_temporary(path)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc  # name OUT, not the temporary file
    try:
        write(tmp)
        _keep_mode(tmp, path)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
