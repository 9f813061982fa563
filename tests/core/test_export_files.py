"""Export files get the permissions a plain `open(OUT, "w")` would give them (exports/files.py).

The temporary file an export is written to used to come from mkstemp (mode
0o600), so a workbook shared through a group folder could not be opened by
the rest of the group. Each test sets the umask, runs `zhagen export`, and
checks the mode of every file written.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coding.cli import main
from coding.services import codes, codings, coders, documents
from coding.storage import create_project, open_project

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("modes") / "p.zhagen"
    create_project(path, name="p").close()
    with open_project(path, backup=False) as store:
        coders.use_coder(store, "张研")
        text = "受访者：我们都挺自豪的。"
        doc = documents.add_document(store, "A01", text).value
        code = codes.create_code(store, "自豪").value
        codings.apply_code(store, code.id, doc.id, 4, 11)
    return str(path)


@pytest.fixture
def umask():
    old = os.umask(0o022)
    os.umask(old)

    def set_umask(value: int) -> None:
        os.umask(value)

    yield set_umask
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
@pytest.mark.parametrize("name", ["out.xlsx", "out.qdpx", "out.qdc"])
def test_new_export_has_the_umask_mode(project, tmp_path, umask, mask, name):
    umask(mask)
    out = tmp_path / name
    args = ["export", project, str(out)] + (["--csv"] if name.endswith(".xlsx") else [])
    assert main(args) == 0
    written = [out] + (sorted((tmp_path / "out-csv").iterdir()) if name.endswith(".xlsx") else [])
    assert len(written) > 1 or not name.endswith(".xlsx")
    assert {p.name: mode(p) for p in written} == {p.name: 0o666 & ~mask for p in written}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


@pytest.mark.parametrize("name", ["out.xlsx", "out.qdpx"])
def test_replacing_an_export_keeps_its_mode(project, tmp_path, umask, name):
    umask(0o022)
    out = tmp_path / name
    out.write_bytes(b"old")
    os.chmod(out, 0o640)
    assert main(["export", project, str(out)]) == 0
    assert out.read_bytes() != b"old" and mode(out) == 0o640
