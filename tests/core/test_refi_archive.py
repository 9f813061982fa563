"""Opening REFI-QDA files for import (exports/refi_archive.py): real exports, odd layouts, hostile archives.

Every archive here is a real ZIP built in tmp_path (and, for forged headers, patched byte by byte).
Caps are module constants; tests that need a bomb lower them instead of writing gigabytes.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import random
import stat
import struct
import time
import zipfile
from pathlib import Path

import pytest

from coding.errors import InvalidInput
from exports import refi_archive
from exports.refi_archive import RefiFileError, SourceMissing, open_qdpx, parse_xml, read_qdc

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "refi-qda" / "samples"
P = "{urn:QDA-XML:project:1.0}"
GUID = "56a79789-D535-4fb8-bedd-a915504c54ba"
QDE = (f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="t">'
       f'<Sources><TextSource guid="{GUID}" plainTextPath="internal://{GUID}.txt"/></Sources></Project>').encode()
TEXT = "受访者：我们都挺自豪的。😀\n".encode()
GiB = 1024 ** 3


def build(path: Path, entries, compression=zipfile.ZIP_DEFLATED) -> Path:
    """A zip at PATH with ENTRIES: (name or ZipInfo, bytes) pairs, written in order."""
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


def noise(n: int, seed: int = 1) -> bytes:
    """N bytes of text that deflate barely shrinks."""
    rnd = random.Random(seed)
    return bytes(rnd.choice(b"abcdefghijklmnopqrstuvwxyz0123456789 \n") for _ in range(n))


def directory_headers(data: bytes) -> dict[str, int]:
    """Offset of each central-directory header, by stored name (read from the end record, no comment)."""
    end = len(data) - 22
    assert data[end:end + 4] == b"PK\x05\x06"
    length, start = struct.unpack_from("<II", data, end + 12)
    headers, pos = {}, start
    while pos < start + length:
        name_size, extra_size, comment_size = struct.unpack_from("<HHH", data, pos + 28)
        headers[data[pos + 46:pos + 46 + name_size].decode("utf-8")] = pos
        pos += 46 + name_size + extra_size + comment_size
    return headers


def local_header(path: Path, name: str) -> int:
    with zipfile.ZipFile(path) as zf:
        return zf.getinfo(name).header_offset


def patch_sizes(path: Path, name: str, *, unpacked: int | None = None, packed: int | None = None) -> None:
    """Forge the sizes of entry NAME in both its local header and the central directory."""
    local = local_header(path, name)
    data = bytearray(path.read_bytes())
    central = directory_headers(bytes(data))[name]
    for value, local_at, central_at in ((packed, 18, 20), (unpacked, 22, 24)):
        if value is not None:
            struct.pack_into("<I", data, local + local_at, value)
            struct.pack_into("<I", data, central + central_at, value)
    path.write_bytes(bytes(data))


def sources_zip(path: Path, *sources: tuple[str, bytes], qde: bytes = QDE, **kw) -> Path:
    return build(path, [("project.qde", qde), *sources], **kw)


# ------------------------------------------------------------------------------------ layouts and names

LAYOUTS = {
    "maxqda": [("project.qde", QDE), (f"sources/{GUID.upper()}.txt", TEXT)],
    "nvivo-windows": [("project.qde", QDE), (f"Sources/{GUID.lower()}.txt", TEXT), (f"Sources/{GUID}.docx", b"d")],
    "nvivo-mac": [(f"sources/{GUID.lower()}.txt", TEXT), ("sources/.root", b""), ("project.qde", QDE)],
    "root": [("Study.QDE", QDE), (f"{GUID}.txt", TEXT)],
    "braces": [("project.qde", QDE), (f"sources/{{{GUID}}}.txt", TEXT)],
    "one-folder": [("My Study/project.qde", QDE), (f"My Study/sources/{GUID}.txt", TEXT)],
    "macos-rezipped": [("project.qde", QDE), ("__MACOSX/._project.qde", b"\0\5\26\7"), (".DS_Store", b"x"),
                       (f"sources/{GUID}.txt", TEXT)],
}
REFERENCES = [f"internal://{GUID}.txt", f"internal://{GUID.upper()}.txt", f"internal://{{{GUID}}}.txt",
              f"internal:///{GUID}.txt", f"sources/{GUID}.txt", f"Sources\\{GUID}.txt", f"{GUID}.txt",
              f"  internal://{GUID}.txt "]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_opens_and_every_reference_form_resolves(tmp_path, layout):
    path = build(tmp_path / "study.qdpx", LAYOUTS[layout])
    with open_qdpx(path) as arc:
        assert arc.path == path
        assert arc.skipped == []
        assert arc.project_xml().tag == f"{P}Project"
        entry = next(n for n, _ in LAYOUTS[layout] if n.lower().endswith(".txt"))
        for reference in REFERENCES:
            assert arc.read_source(reference) == (TEXT, entry), reference
            assert arc.resolve(reference) == entry
        assert arc.qde_name == next(n for n, _ in LAYOUTS[layout] if n.lower().endswith(".qde"))


def test_a_qdpx_renamed_zip_opens_and_the_file_is_left_alone(tmp_path):
    path = build(tmp_path / "export.zip", LAYOUTS["maxqda"])
    before = path.read_bytes()
    with open_qdpx(path) as arc:
        arc.project_xml()
        arc.read_source(f"internal://{GUID}.txt")
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["export.zip"]


def test_a_source_outside_the_sources_folder_but_named_by_path_resolves(tmp_path):
    path = sources_zip(tmp_path / "a.qdpx", ("docs/x.txt", b"x"), ("sources/y.txt", b"y"))
    with open_qdpx(path) as arc:
        assert arc.read_source("docs/x.txt") == (b"x", "docs/x.txt")
        assert arc.read_source("internal://Y.TXT") == (b"y", "sources/y.txt")
        assert arc.read_source("internal://docs%2Fx.txt")[1] == "docs/x.txt"  # percent-encoded names too


def test_two_entries_differing_only_in_case_are_ambiguous_unless_named_exactly(tmp_path):
    path = sources_zip(tmp_path / "a.qdpx", ("sources/a.txt", b"lower"), ("Sources/A.txt", b"upper"))
    with open_qdpx(path) as arc:
        assert arc.read_source("Sources/A.txt") == (b"upper", "Sources/A.txt")
        assert arc.read_source("sources/a.txt") == (b"lower", "sources/a.txt")
        with pytest.raises(SourceMissing, match="several entries"):
            arc.read_source("internal://a.txt")


def test_a_top_level_qde_wins_over_one_in_a_folder(tmp_path):
    path = build(tmp_path / "a.qdpx", [("backup/old.qde", b"<x/>"), ("project.qde", QDE)])
    with open_qdpx(path) as arc:
        assert arc.qde_name == "project.qde"


# ------------------------------------------------------------------------------- files that are not projects

def one_line_error(excinfo, *parts: str) -> str:
    message = str(excinfo.value)
    assert "\n" not in message and "\r" not in message
    for part in parts:
        assert part in message, (part, message)
    return message


def test_no_qde_is_a_refi_file_error_naming_the_file(tmp_path):
    path = build(tmp_path / "study.qdpx", [("sources/a.txt", b"a"), ("deep/er/project.qde", QDE)])
    with pytest.raises(RefiFileError) as excinfo:
        open_qdpx(path)
    assert str(excinfo.value) == "study.qdpx: not a REFI-QDA project: no .qde file in the archive"
    assert isinstance(excinfo.value, InvalidInput)


@pytest.mark.parametrize("names", [["a.qde", "b.qde"], ["x/a.qde", "y/b.qde"], ["project.qde", "project.qde"]])
def test_several_qde_files_are_refused_and_listed(tmp_path, names):
    path = tmp_path / "study.qdpx"
    with pytest.warns(UserWarning) if names[0] == names[1] else contextlib.nullcontext():  # zipfile warns on duplicates
        build(path, [(n, QDE) for n in names])
    with pytest.raises(RefiFileError) as excinfo:
        open_qdpx(path)
    one_line_error(excinfo, "study.qdpx: not a REFI-QDA project: several .qde files", *names)


@pytest.mark.parametrize("content, problem", [(b"", "not a ZIP archive"), (b"plain text, not a zip" * 10,
                                               "not a ZIP archive"), (QDE, "not a ZIP archive")])
def test_a_file_that_is_not_a_zip_is_refused(tmp_path, content, problem):
    path = tmp_path / "study.qdpx"
    path.write_bytes(content)
    with pytest.raises(RefiFileError) as excinfo:
        open_qdpx(path)
    one_line_error(excinfo, "study.qdpx: ", problem)


def test_missing_file_folder_and_truncated_archive_are_refused(tmp_path):
    with pytest.raises(RefiFileError, match="no such file"):
        open_qdpx(tmp_path / "gone.qdpx")
    with pytest.raises(RefiFileError, match="a folder"):
        open_qdpx(tmp_path)
    path = build(tmp_path / "cut.qdpx", LAYOUTS["maxqda"])
    path.write_bytes(path.read_bytes()[:-30])
    with pytest.raises(RefiFileError) as excinfo:
        open_qdpx(path)
    one_line_error(excinfo, "cut.qdpx: ", "ZIP")


def test_a_file_name_with_a_newline_still_gives_a_one_line_error(tmp_path):
    path = tmp_path / "bad\nname.qdpx"
    path.write_bytes(b"nope")
    with pytest.raises(RefiFileError) as excinfo:
        open_qdpx(path)
    one_line_error(excinfo, "bad\\nname.qdpx")


# ------------------------------------------------------------------------------------------ hostile names

def symlink(name: str, target: bytes = b"/etc/passwd") -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target


UNSAFE = [("../evil.txt", "path leaves the archive"), ("sources/../../evil.txt", "path leaves the archive"),
          ("/etc/evil.txt", "an absolute path"), ("C:\\Windows\\evil.txt", "a path on a drive"),
          ("c:evil.txt", "a path on a drive"), ("\\\\server\\share\\evil.txt", "an absolute path"),
          ("..\\..\\evil.txt", "path leaves the archive")]


def test_unsafe_entries_are_skipped_with_a_line_each_and_nothing_is_written(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    path = sources_zip(tmp_path / "a.qdpx", *[(n, b"evil") for n, _ in UNSAFE], symlink("sources/link.txt"),
                       ("sources/ok.txt", b"ok"))
    with open_qdpx(path) as arc:
        assert arc.skipped == [f"{n}: {why}; skipped" for n, why in UNSAFE] + [
            "sources/link.txt: a symbolic link; skipped"]
        assert arc.read_source("internal://ok.txt") == (b"ok", "sources/ok.txt")
        with pytest.raises(SourceMissing, match="symbolic link"):
            arc.read_source("internal://link.txt")
        for reference in ("internal://../evil.txt", "../evil.txt", "sources/../../evil.txt"):
            with pytest.raises(SourceMissing, match="path leaves the archive"):
                arc.read_source(reference)
        with pytest.raises(SourceMissing, match="not in the archive"):
            arc.read_source("internal://evil.txt")
    assert os.listdir(work) == [] and sorted(os.listdir(tmp_path)) == ["a.qdpx", "work"]
    assert not (tmp_path.parent / "evil.txt").exists()


def test_a_nul_in_an_entry_name_is_skipped(tmp_path):
    path = sources_zip(tmp_path / "a.qdpx", ("sources/evilX.txt", b"evil"))
    path.write_bytes(path.read_bytes().replace(b"evilX", b"evil\x00"))  # zipfile itself cannot write a NUL
    with open_qdpx(path) as arc:
        assert arc.skipped == ["sources/evil\\x00.txt: the name contains a NUL character; skipped"]
        with pytest.raises(SourceMissing):
            arc.read_source("internal://evil")


@pytest.mark.parametrize("entry, reason", [(("../project.qde", QDE), "path leaves the archive"),
                                           (("/project.qde", QDE), "an absolute path"),
                                           (symlink("project.qde", b"/etc/passwd"), "a symbolic link")])
def test_an_unusable_only_qde_is_a_refi_file_error(tmp_path, entry, reason):
    path = build(tmp_path / "a.qdpx", [entry, ("sources/a.txt", b"a")])
    with pytest.raises(RefiFileError) as excinfo:
        open_qdpx(path)
    one_line_error(excinfo, "a.qdpx: not a REFI-QDA project", reason)


@pytest.mark.parametrize("reference, reason", [
    ("C:\\Users\\a\\x.txt", "outside the archive"), ("c:/x.txt", "outside the archive"),
    ("file:///etc/passwd", "outside the archive"), ("FILE://server/x.txt", "outside the archive"),
    ("/etc/passwd", "outside the archive"), ("\\\\server\\x.txt", "outside the archive"),
    ("internal://C:\\x.txt", "outside the archive"), ("../x.txt", "leaves the archive"),
    ("internal://sources/../../x.txt", "leaves the archive"), ("internal://%2E%2E/x.txt", "leaves the archive"),
    ("relative://x.txt", "outside the archive"), ("https://example.org/x.txt", "not a file in the archive"),
    ("", "empty"), ("internal://", "empty"), (None, "empty"),
    ("x\x00.txt", "NUL"), ("internal://missing.txt", "not in the archive"),
])
def test_references_that_leave_or_miss_the_archive_raise_source_missing(tmp_path, reference, reason):
    path = sources_zip(tmp_path / "a.qdpx", ("sources/x.txt", b"x"), ("passwd", b"p"))
    with open_qdpx(path) as arc:
        with pytest.raises(SourceMissing) as excinfo:
            arc.read_source(reference)
        assert not isinstance(excinfo.value, RefiFileError)
        one_line_error(excinfo, reason)
        assert arc.bytes_read == 0


# ------------------------------------------------------------------------------------------------- bombs

def test_a_deflate_bomb_source_is_refused_by_its_ratio_before_reading(tmp_path):
    path = sources_zip(tmp_path / "a.qdpx", ("sources/bomb.txt", bytes(4 * 1024 ** 2)), ("sources/ok.txt", b"ok"))
    with open_qdpx(path) as arc:
        with pytest.raises(SourceMissing, match="200:1"):
            arc.read_source("internal://bomb.txt")
        assert arc.bytes_read == 0
        assert arc.read_source("internal://ok.txt")[0] == b"ok"


def test_a_deflate_bomb_qde_is_a_refi_file_error(tmp_path):
    path = build(tmp_path / "a.qdpx", [("project.qde", b"<Project>" + b" " * 4 * 1024 ** 2 + b"</Project>")])
    with open_qdpx(path) as arc, pytest.raises(RefiFileError) as excinfo:
        arc.project_xml()
    one_line_error(excinfo, "a.qdpx: the project XML project.qde cannot be read", "200:1")


def test_size_caps_per_entry(tmp_path, monkeypatch):
    monkeypatch.setattr(refi_archive, "MAX_SOURCE_BYTES", 1000)
    monkeypatch.setattr(refi_archive, "MAX_XML_BYTES", 1000)
    path = sources_zip(tmp_path / "a.qdpx", ("sources/big.txt", noise(1001)), ("sources/fits.txt", noise(1000)),
                       qde=QDE + b" " * 1000)
    with open_qdpx(path) as arc:
        with pytest.raises(SourceMissing, match="larger than 1,000 bytes"):
            arc.read_source("internal://big.txt")
        assert len(arc.read_source("internal://fits.txt")[0]) == 1000
        with pytest.raises(RefiFileError, match="larger than 1,000 bytes"):
            arc.project_xml()


def test_the_total_read_from_one_archive_is_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(refi_archive, "MAX_TOTAL_BYTES", 3000)
    path = sources_zip(tmp_path / "a.qdpx", *[(f"sources/{i}.txt", noise(1200, i)) for i in range(3)],
                       compression=zipfile.ZIP_STORED)
    with open_qdpx(path) as arc:
        arc.project_xml()
        arc.read_source("internal://0.txt")
        arc.read_source("internal://1.txt")
        with pytest.raises(SourceMissing, match="budget"):
            arc.read_source("internal://2.txt")
        assert arc.bytes_read == len(QDE) + 2400


@pytest.mark.parametrize("target", ["source", "qde"])
def test_a_forged_small_size_does_not_let_a_bomb_through(tmp_path, target):
    """The header claims 100 bytes for 8 MB of zeros: neither the ratio nor the size check sees it up front."""
    bomb = bytes(8 * 1024 ** 2)
    if target == "qde":
        path = build(tmp_path / "a.qdpx", [("project.qde", b"<a>" + bomb + b"</a>")])
        name = "project.qde"
    else:
        path = sources_zip(tmp_path / "a.qdpx", ("sources/bomb.txt", bomb))
        name = "sources/bomb.txt"
    patch_sizes(path, name, unpacked=100)
    with open_qdpx(path) as arc:
        if target == "qde":
            with pytest.raises(RefiFileError, match="cannot be read"):
                arc.project_xml()
        else:
            with pytest.raises(SourceMissing):
                arc.read_source("internal://bomb.txt")
        assert arc.bytes_read <= 100


def test_the_chunked_read_stops_at_the_cap_even_when_the_header_is_not_checked(tmp_path, monkeypatch):
    """Defence in depth: with the header check switched off, the read itself stops one byte past the cap."""
    monkeypatch.setattr(refi_archive, "_declared_problem", lambda *args: None)
    monkeypatch.setattr(refi_archive, "MAX_SOURCE_BYTES", 5000)
    path = sources_zip(tmp_path / "a.qdpx", ("sources/big.txt", noise(20_000)),
                       ("sources/bomb.txt", bytes(3 * 1024 ** 2)))
    with open_qdpx(path) as arc:
        with pytest.raises(SourceMissing, match="larger than 5,000 bytes"):
            arc.read_source("internal://big.txt")
        assert arc.bytes_read == 5001
    monkeypatch.setattr(refi_archive, "MAX_SOURCE_BYTES", 64 * 1024 ** 2)
    with open_qdpx(path) as arc:
        with pytest.raises(SourceMissing, match="200:1"):
            arc.read_source("internal://bomb.txt")
        assert refi_archive.RATIO_FLOOR < arc.bytes_read <= refi_archive.RATIO_FLOOR + refi_archive.CHUNK


def test_too_many_entries_is_a_refi_file_error_even_with_a_forged_count(tmp_path, monkeypatch):
    monkeypatch.setattr(refi_archive, "MAX_ENTRIES", 20)
    fits = sources_zip(tmp_path / "fits.qdpx", *[(f"sources/{i}.txt", b"x") for i in range(19)])
    open_qdpx(fits).close()
    path = sources_zip(tmp_path / "a.qdpx", *[(f"sources/{i}.txt", b"x") for i in range(20)])
    with pytest.raises(RefiFileError) as excinfo:
        open_qdpx(path)
    one_line_error(excinfo, "a.qdpx: too many entries")
    data = bytearray(path.read_bytes())
    struct.pack_into("<HH", data, len(data) - 22 + 8, 1, 1)  # the end record now claims one entry
    path.write_bytes(bytes(data))
    with monkeypatch.context() as patched:
        patched.setattr(zipfile.ZipFile, "_RealGetContents", lambda self: pytest.fail("zipfile parsed it all"))
        with pytest.raises(RefiFileError, match="too many entries"):
            open_qdpx(path)
    monkeypatch.setattr(refi_archive, "_check_entry_count", lambda *args: None)  # the count after zipfile's list
    with pytest.raises(RefiFileError, match="too many entries"):
        open_qdpx(path)


# ------------------------------------------------------------------------------------------- damaged entries

def corrupt_data(path: Path, name: str) -> None:
    """Flip bytes in the middle of entry NAME's compressed data."""
    local = local_header(path, name)
    data = bytearray(path.read_bytes())
    name_size, extra_size = struct.unpack_from("<HH", data, local + 26)
    packed = struct.unpack_from("<I", data, local + 18)[0]
    middle = local + 30 + name_size + extra_size + packed // 2
    data[middle:middle + 4] = bytes(b ^ 0xFF for b in data[middle:middle + 4])
    path.write_bytes(bytes(data))


def bad_crc(path: Path, name: str) -> None:
    data = bytearray(path.read_bytes())
    central = directory_headers(bytes(data))[name]
    struct.pack_into("<I", data, central + 16, struct.unpack_from("<I", data, central + 16)[0] ^ 1)
    path.write_bytes(bytes(data))


def truncate_last_entry(path: Path, name: str) -> None:
    """Cut the second half of NAME's data (the last entry) out, moving the central directory up."""
    local = local_header(path, name)
    data = bytearray(path.read_bytes())
    name_size, extra_size = struct.unpack_from("<HH", data, local + 26)
    packed = struct.unpack_from("<I", data, local + 18)[0]
    start = local + 30 + name_size + extra_size + packed // 2
    cut = packed - packed // 2
    del data[start:start + cut]
    end = len(data) - 22
    struct.pack_into("<I", data, end + 16, struct.unpack_from("<I", data, end + 16)[0] - cut)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [corrupt_data, bad_crc, truncate_last_entry])
def test_a_damaged_source_is_source_missing_and_the_rest_still_reads(tmp_path, damage):
    path = sources_zip(tmp_path / "a.qdpx", ("sources/ok.txt", TEXT), ("sources/bad.txt", noise(5000)))
    damage(path, "sources/bad.txt")
    with open_qdpx(path) as arc:
        with pytest.raises(SourceMissing) as excinfo:
            arc.read_source("internal://bad.txt")
        one_line_error(excinfo, "internal://bad.txt: damaged in the archive")
        assert arc.read_source("internal://ok.txt")[0] == TEXT
        assert arc.project_xml().tag == f"{P}Project"


@pytest.mark.parametrize("damage", [corrupt_data, bad_crc, truncate_last_entry])
def test_a_damaged_qde_is_a_refi_file_error(tmp_path, damage):
    path = build(tmp_path / "a.qdpx", [("sources/ok.txt", TEXT), ("project.qde", QDE + noise(5000))])
    damage(path, "project.qde")
    with open_qdpx(path) as arc, pytest.raises(RefiFileError) as excinfo:
        arc.project_xml()
    one_line_error(excinfo, "a.qdpx: the project XML project.qde cannot be read: damaged")


def test_encrypted_and_bzip2_entries_are_reported_not_read(tmp_path):
    path = sources_zip(tmp_path / "a.qdpx", ("sources/secret.txt", b"s"))
    data = bytearray(path.read_bytes())
    for at in (local_header(path, "sources/secret.txt") + 6, directory_headers(bytes(data))["sources/secret.txt"] + 8):
        data[at] |= 0x1
    path.write_bytes(bytes(data))
    with open_qdpx(path) as arc, pytest.raises(SourceMissing) as excinfo:
        arc.read_source("internal://secret.txt")
    assert str(excinfo.value) == "internal://secret.txt: encrypted; Zhagen cannot read it"
    bz = sources_zip(tmp_path / "b.qdpx", ("sources/b.txt", b"b" * 100), compression=zipfile.ZIP_BZIP2)
    with open_qdpx(bz) as arc:
        with pytest.raises(SourceMissing, match="bzip2"):
            arc.read_source("internal://b.txt")
        with pytest.raises(RefiFileError, match="bzip2"):
            arc.project_xml()


# ------------------------------------------------------------------------------------------- a 2 GB archive

def require_sparse_files(folder: Path) -> None:
    probe = folder / "sparse-probe"
    with open(probe, "wb") as f:
        f.truncate(256 * 1024 ** 2)
    blocks = getattr(os.stat(probe), "st_blocks", None)
    probe.unlink()
    if blocks is None or blocks * 512 > 1024 ** 2:
        pytest.skip("this filesystem does not support sparse files")


def two_gb_with_a_sparse_video(path: Path) -> None:
    """A real 2 GB archive: a small project, then a stored 2 GB video entry whose data is a sparse hole."""
    small = build(path.with_suffix(".small"), [("project.qde", QDE), (f"sources/{GUID}.txt", TEXT),
                                              ("media/video.mp4", b"v")], compression=zipfile.ZIP_STORED)
    patch_sizes(small, "media/video.mp4", unpacked=2 * GiB + 1, packed=2 * GiB + 1)
    data = bytearray(small.read_bytes())
    small.unlink()
    end = len(data) - 22
    directory = struct.unpack_from("<I", data, end + 16)[0]
    struct.pack_into("<I", data, end + 16, directory + 2 * GiB)
    with open(path, "wb") as f:
        f.write(data[:directory])
        f.seek(directory + 2 * GiB)
        f.write(data[directory:])


def two_gb_of_prepended_space(path: Path) -> None:
    """2 GB of sparse space, then a small valid zip (zipfile accounts for data before the archive)."""
    small = build(path.with_suffix(".small"), [("project.qde", QDE), (f"sources/{GUID}.txt", TEXT)])
    with open(path, "wb") as f:
        f.truncate(2 * GiB)
        f.seek(2 * GiB)
        f.write(small.read_bytes())
    small.unlink()


@pytest.mark.parametrize("make", [two_gb_with_a_sparse_video, two_gb_of_prepended_space])
def test_a_2_gb_archive_with_a_small_project_opens_at_once(tmp_path, make):
    require_sparse_files(tmp_path)
    path = tmp_path / "big.qdpx"
    make(path)
    assert path.stat().st_size > 2 * GiB
    started = time.perf_counter()
    with open_qdpx(path) as arc:
        assert arc.project_xml().tag == f"{P}Project"
        assert arc.read_source(f"internal://{GUID}.txt")[0] == TEXT
        if make is two_gb_with_a_sparse_video:
            with pytest.raises(SourceMissing, match="larger than 64 MB"):
                arc.read_source("media/video.mp4")
        assert arc.bytes_read == len(QDE) + len(TEXT)
    assert time.perf_counter() - started < 2.0


# ------------------------------------------------------------------------------------------------------ XML

def test_parse_xml_accepts_boms_whatever_the_declaration_says():
    body = '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook name="中文 😀"/>'
    for data in (body.encode("utf-8"), codecs.BOM_UTF8 + body.encode("utf-8"),
                 codecs.BOM_UTF16_LE + body.encode("utf-16-le"), codecs.BOM_UTF16_BE + body.encode("utf-16-be"),
                 body.replace("utf-8", "utf-16").encode("utf-16"), codecs.BOM_UTF8 + body.replace("utf-8", "utf-16")
                 .encode("utf-8"), codecs.BOM_UTF32_LE + body.encode("utf-32-le")):
        assert parse_xml(data, "c.qdc").get("name") == "中文 😀"


@pytest.mark.parametrize("data, expected", [
    (b'<?xml version="1.0"?>\n<a>\n  <b></a>', "c.qdc: malformed XML at line 3, column 8: mismatched tag"),
    (b"", "c.qdc: malformed XML at line 1, column 1: no element found"),
    (b"%PDF-1.4 binary", "c.qdc: malformed XML at line 1, column "),
    (codecs.BOM_UTF16_LE + b"<\x00a\x00\x00\xd8", "c.qdc: not valid UTF-16 text"),
])
def test_malformed_xml_names_the_file_and_where(data, expected):
    with pytest.raises(RefiFileError) as excinfo:
        parse_xml(data, "c.qdc")
    assert one_line_error(excinfo).startswith(expected)


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<CodeBook>&lol9;</CodeBook>"""
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project>&x;</Project>'
DTD = b'<?xml version="1.0"?><!DOCTYPE Project SYSTEM "http://example.org/p.dtd"><Project/>'
INTERNAL_DTD = b'<!DOCTYPE Project [<!ELEMENT Project EMPTY>]><Project/>'


@pytest.mark.parametrize("data", [LAUGHS, EXTERNAL, DTD, INTERNAL_DTD], ids=["laughs", "external", "dtd", "subset"])
def test_xml_bombs_external_entities_and_dtds_are_refused(tmp_path, data):
    with pytest.raises(RefiFileError) as excinfo:
        parse_xml(data, "c.qdc")
    one_line_error(excinfo, "c.qdc: refused: ", "DOCTYPE")
    path = build(tmp_path / "a.qdpx", [("project.qde", data)])
    with open_qdpx(path) as arc, pytest.raises(RefiFileError) as excinfo:
        arc.project_xml()
    one_line_error(excinfo, "a.qdpx/project.qde: refused: ")


def test_read_qdc(tmp_path, monkeypatch):
    good = tmp_path / "c.qdc"
    good.write_bytes(b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>')
    assert read_qdc(good).tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    with pytest.raises(RefiFileError, match="gone.qdc: no such file"):
        read_qdc(tmp_path / "gone.qdc")
    with pytest.raises(RefiFileError, match="a folder"):
        read_qdc(tmp_path)
    (tmp_path / "text.qdc").write_bytes("just words 中文".encode())
    with pytest.raises(RefiFileError, match="text.qdc: malformed XML at line 1"):
        read_qdc(tmp_path / "text.qdc")
    with pytest.raises(RefiFileError, match="a ZIP archive"):
        read_qdc(build(tmp_path / "p.qdc", LAYOUTS["maxqda"]))
    monkeypatch.setattr(refi_archive, "MAX_XML_BYTES", 20)
    with pytest.raises(RefiFileError, match="too large"):
        read_qdc(good)


# ------------------------------------------------------------------------------------ real exports (shared/)

SAMPLE_ARCHIVES = {  # relative path: TextSources in the project
    "atlasti-win-23.2.3/blank-atlas-project.qdpx": 0,
    "atlasti-win-23.2.3/target-atlas-project.qdpx": 0,
    "nvivo-win-12.6/oltas.qdpx": 1,
    "nvivo-win-12.6/oltas0517.qdpx": 2,
    "nvivo-mac-15.0.0/nvivo_project.qdpx": 2,
    "maxqda-24.7.0/2025-06-16_ICLS_Conf_Themes_ALL_just10.zip": 10,
}


def sample(relative: str) -> Path:
    path = SAMPLES / relative
    if not path.exists():
        pytest.skip(f"REFI-QDA sample not found: {path}")
    return path


@pytest.mark.parametrize("relative", SAMPLE_ARCHIVES)
def test_every_shared_sample_opens_and_every_plain_text_path_resolves(relative):
    with open_qdpx(sample(relative)) as arc:
        assert arc.qde_name == "project.qde"
        assert arc.skipped == []
        root = arc.project_xml()
        assert root.tag == f"{P}Project"
        sources = list(root.iter(f"{P}TextSource"))
        assert len(sources) == SAMPLE_ARCHIVES[relative]
        for source in sources:
            data, entry = arc.read_source(source.get("plainTextPath"))
            assert entry.lower().endswith(source.get("plainTextPath").removeprefix("internal://").lower())
            if "nvivo-mac" in relative:
                assert data == b"\n"
            elif "nvivo-win" in relative:
                assert data.startswith(codecs.BOM_UTF8) and b"\r\n" in data
            else:
                assert len(data) > 10_000
            if source.get("richTextPath"):
                assert arc.read_source(source.get("richTextPath"))[0].startswith(b"PK")  # a .docx


def test_the_shared_codebook_sample_reads():
    root = read_qdc(sample("taguette-1.4.1/codebook.qdc"))
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    assert len(list(root.iter("{urn:QDA-XML:codebook:1.0}Code"))) == 3
