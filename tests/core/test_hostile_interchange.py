"""Huge and deep code systems from other programs: imported in time and memory that follow the file,
never by recursion (Python stops at 1,000 levels), or refused with one line above MAX_CODE_DEPTH.

bench/hostile_interchange_bench.py runs the same files at 100,000 codes; these are the small sizes.
"""

from __future__ import annotations

import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from coding import models as m
from coding.cli import main
from coding.interchange import MAX_CODE_DEPTH
from coding.services import coders
from coding.storage import create_project, open_project
from exports.interchange import import_file
from exports.refi import export_qdc, export_qdpx
from exports.refi_import import read_refi

NS = 'xmlns="urn:QDA-XML:project:1.0"'
SOURCE = "b0000000-0000-0000-0000-000000000001"


def guid(n: int) -> str:
    return f"c0000000-0000-4000-8000-{n:012x}"


def chain_qdpx(path: Path, depth: int) -> Path:
    """A .qdpx whose codes nest DEPTH deep, one inside the other; the deepest one codes a span."""
    codes = "".join(f'<Code guid="{guid(i)}" name="层{i}" isCodable="true">' for i in range(depth)) + "</Code>" * depth
    xml = (f'<?xml version="1.0" encoding="utf-8"?><Project {NS} name="deep" origin="test">'
           f"<CodeBook><Codes>{codes}</Codes></CodeBook><Sources><TextSource guid=\"{SOURCE}\" name=\"A01\" "
           f'plainTextPath="internal://{SOURCE}.txt"><PlainTextSelection guid="e0000000-0000-4000-8000-000000000001" '
           f'startPosition="0" endPosition="3"><Coding guid="d0000000-0000-4000-8000-000000000001">'
           f'<CodeRef targetGUID="{guid(depth - 1)}"/></Coding></PlainTextSelection></TextSource></Sources></Project>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", xml.encode("utf-8"))
        z.writestr(f"sources/{SOURCE}.txt", "受访者：我们都挺自豪的。".encode("utf-8"))
    return path


@pytest.fixture
def new(tmp_path):
    store = create_project(tmp_path / "new.zhagen", name="new")
    coders.use_coder(store, "张研")
    yield store
    store.close()


def test_a_5000_deep_chain_imports_and_exports_without_recursion(tmp_path, new):
    assert MAX_CODE_DEPTH >= 5_000 > sys.getrecursionlimit()
    path = chain_qdpx(tmp_path / "deep.qdpx", 5_000)
    t0 = time.perf_counter()
    result = import_file(new, path, workers=1)  # a RecursionError anywhere fails the test
    seconds = time.perf_counter() - t0
    assert (result.stored.codes, result.stored.codings, result.skipped) == (5_000, 1, [])
    with new.session() as s:
        deepest = s.scalar(select(m.Code).where(m.Code.guid == guid(4_999)))
        depth, parent = 0, deepest.parent_id
        while parent is not None:
            depth += 1
            parent = s.scalar(select(m.Code.parent_id).where(m.Code.id == parent))
        assert depth == 4_999 and deepest.level == "concept"
        assert s.scalar(select(func.count()).select_from(m.Code).where(m.Code.level == "main")) == 4_998
    assert seconds < 60  # about 3 s alone; generous for a loaded machine
    report = export_qdpx(new, tmp_path / "again.qdpx")
    assert report.codes == 5_000
    assert len(read_refi(tmp_path / "again.qdpx").codes) == 5_000
    assert export_qdc(new, tmp_path / "again.qdc").codes == 5_000


def test_deeper_than_the_limit_is_refused_in_one_line(tmp_path, capsys):
    path = chain_qdpx(tmp_path / "deeper.qdpx", MAX_CODE_DEPTH + 1)
    project = tmp_path / "p.zhagen"
    assert main(["import", str(project), str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"more than {MAX_CODE_DEPTH:,} levels deep" in err and "deeper.qdpx" in err
    assert not project.exists()  # every file is read before the project is created


def test_many_codes_side_by_side_are_stored_in_one_go(tmp_path, new):
    n = 20_000
    codes = "".join(f'<Code guid="{guid(i)}" name="代码{i}" isCodable="true"/>' for i in range(n))
    xml = (f'<?xml version="1.0" encoding="utf-8"?><Project {NS} name="flat" origin="test">'
           f"<CodeBook><Codes>{codes}</Codes></CodeBook></Project>")
    path = tmp_path / "flat.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", xml.encode("utf-8"))
    t0 = time.perf_counter()
    result = import_file(new, path, workers=1)
    assert result.stored.codes == n and time.perf_counter() - t0 < 60  # about 2 s alone
    with new.session() as s:
        positions = list(s.scalars(select(m.Code.position).order_by(m.Code.id)))
    assert positions == list(range(n))


def test_excel_codebook_paths_deeper_than_the_limit_are_skipped(tmp_path, new):
    wb = Workbook()
    ws = wb.active
    ws.title = "Codebook"
    ws.append(["Code", "Memo"])
    ws.append([">".join(f"层{i}" for i in range(3_000)), "深，但在上限内"])
    ws.append([">".join("a" for _ in range(MAX_CODE_DEPTH + 1)), "太深"])
    ws.append(["社区参与>其他", "最后一行"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    result = import_file(new, path, workers=1)
    assert result.stored.codes == 3_000 + 2
    assert len(result.skipped) == 1 and "row 3" in result.skipped[0]
    assert f"more than {MAX_CODE_DEPTH:,}" in result.skipped[0]
    with open_project(new.url if hasattr(new, "url") else tmp_path / "new.zhagen", backup=False) as again:
        with again.session() as s:
            assert s.scalar(select(m.Code.definition).where(m.Code.name == "层2999")) == "深，但在上限内"
