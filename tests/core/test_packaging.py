"""What `pip install zhagen` and the one-folder app need: every data file in the wheel, Chinese output on Windows.

The wheel itself is built, installed in a fresh venv and run by .ci/run; these
tests catch the causes early and without a network.
"""

from __future__ import annotations

import fnmatch
import io
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGES = ("app", "coding", "corpus", "exports")


def _tracked_files(package: str) -> list[str]:
    """The package's files as git has them (untracked leftovers are no part of a release), else as on disk."""
    try:
        out = subprocess.run(["git", "ls-files", package], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        files = out.split()
    except (OSError, subprocess.CalledProcessError):
        files = []
    if not files:
        files = [p.relative_to(ROOT).as_posix() for p in (ROOT / package).rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts]
    return files


def _glob_matches(path: str, pattern: str) -> bool:
    """As setuptools globs package-data: a * stays within one folder."""
    parts, wanted = path.split("/"), pattern.split("/")
    return len(parts) == len(wanted) and all(fnmatch.fnmatchcase(part, want) for part, want in zip(parts, wanted))


def _in_a_subpackage(path: str) -> bool:
    """A .py file whose folders all have an __init__.py: packages.find puts it in the wheel."""
    parts = path.split("/")
    return path.endswith(".py") and all((ROOT.joinpath(*parts[:n]) / "__init__.py").is_file()
                                        for n in range(1, len(parts)))


def test_the_wheel_holds_every_file_of_the_packages():
    """Data files, and Python files outside a subpackage (the migrations' versions/), reach the wheel only
    through [tool.setuptools.package-data]."""
    package_data = PYPROJECT["tool"]["setuptools"]["package-data"]
    missing = []
    for package in PACKAGES:
        for path in _tracked_files(package):
            if _in_a_subpackage(path):
                continue
            inside = path.split("/", 1)[1]
            if not any(_glob_matches(inside, pattern) for pattern in package_data.get(package, ())):
                missing.append(path)
    assert missing == []


def test_the_wheel_holds_every_package_and_the_entry_point():
    find = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    assert all(any(fnmatch.fnmatchcase(package, pattern) for pattern in find) for package in PACKAGES)
    assert PYPROJECT["tool"]["setuptools"]["py-modules"] == ["main"]
    assert PYPROJECT["project"]["scripts"]["zhagen"] == "main:main"
    assert not _in_a_subpackage("coding/migrations/versions/0001_initial.py")  # so package-data lists them


class Pipe(io.TextIOWrapper):
    """stdout redirected to a file on an English Windows: cp1252."""

    def __init__(self, tty: bool = False) -> None:
        super().__init__(io.BytesIO(), encoding="cp1252")
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_chinese_output_to_a_pipe_on_windows(monkeypatch):
    pipe, console = Pipe(), Pipe(tty=True)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "stdout", pipe)
    monkeypatch.setattr(sys, "stderr", console)
    main.utf8_output()
    print("project: 朝阳群众动员机制研究")
    sys.stdout.flush()
    assert pipe.buffer.getvalue() == "project: 朝阳群众动员机制研究\n".encode()
    assert console.encoding == "cp1252"  # a console is left alone: Python writes Unicode to it


def test_other_systems_keep_their_streams(monkeypatch):
    pipe = Pipe()
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(sys, "stdout", pipe)
    main.utf8_output()
    assert pipe.encoding == "cp1252"
    with pytest.raises(UnicodeEncodeError):
        print("朝阳")
