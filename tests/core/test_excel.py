"""The workbook and CSV writers, checked by re-opening what they wrote.

Hand-made tables cover the writer's promises (layout, types, the formula
guard, truncation, illegal characters, merges, the chart, cancelling); the
end-to-end tests run `zhagen export` on the demo project.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import tempfile
import zipfile
from xml.etree import ElementTree
from pathlib import Path

import openpyxl
import pytest

from coding import queries
from coding.cli import main
from coding.storage import open_project
from exports.csv_files import write_csv_folder
from exports.excel import MAX_CELL_CHARS, merge_runs, sheet_names, write_workbook

from coding.tables import ChartSpec, Column, Table

CODINGS = Table(
    "codings", "编码", "Codings",
    (Column("code", "代码", "Code"), Column("doc", "文档", "Document"), Column("n", "次数", "Count", 6),
     Column("text", "原文", "Quote", 30, wrap=True), Column("at", "时间", "Coded at")),
    (("社区归属感", "A01 居民访谈", 3, "我就是朝阳群众，戴着红袖标巡逻，心里踏实👍。", dt.datetime(2024, 5, 1, 10, 30)),
     ("社区归属感", "A02 志愿者访谈", -2, "-2", dt.date(2024, 5, 2)),
     ("情感能量", "A03 民警访谈", 1.5, "邻里之间都很熟悉", None)),
    notes=("每行一条编码。",),
)
SATURATION = Table(
    "saturation", "饱和度", "Saturation",
    (Column("doc", "文档", "Document"), Column("concepts", "新概念", "New concepts"),
     Column("categories", "新范畴", "New categories")),
    tuple((f"A{i:02d}", 10 - i, max(0, 4 - i)) for i in range(1, 9)),
    chart=ChartSpec("饱和度曲线", "Saturation curve", 0, (1, 2)),
)

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


def table(rows, *, wrap=False, group_column=None, notes=()) -> Table:
    cols = tuple(Column(f"c{i}", f"列{i}", f"Col{i}", wrap=wrap) for i in range(len(rows[0])))
    return Table("t", "表", "Table", cols, tuple(tuple(r) for r in rows), group_column=group_column, notes=notes)


def sheet_xml(path: Path, n: int = 1) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/worksheets/sheet{n}.xml").decode("utf-8")


def test_sheets_headers_values_and_types(tmp_path):
    out = tmp_path / "out.xlsx"
    report = write_workbook([CODINGS, SATURATION], out)
    assert report.sheets == (("编码", 3), ("饱和度", 8)) and report.rows == 11 and not report.cancelled
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["编码", "饱和度", "说明"]
    ws = wb["编码"]
    assert [c.value for c in ws[1]] == ["代码", "文档", "次数", "原文", "时间"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2)] == [
        ["社区归属感", "A01 居民访谈", 3, "我就是朝阳群众，戴着红袖标巡逻，心里踏实👍。", dt.datetime(2024, 5, 1, 10, 30)],
        ["社区归属感", "A02 志愿者访谈", -2, "-2", dt.datetime(2024, 5, 2)],
        ["情感能量", "A03 民警访谈", 1.5, "邻里之间都很熟悉", None],
    ]
    assert [ws.cell(r, 3).data_type for r in (2, 3, 4)] == ["n", "n", "n"]
    assert ws["D3"].data_type == "s"  # the text "-2" stays text
    assert ws["E2"].is_date and ws["E3"].is_date
    assert ws["D2"].alignment.wrap_text and not ws["A2"].alignment.wrap_text
    # one font everywhere, data and header alike
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"等线"}
    # widths: a wrap column takes its hint (2 units a Chinese character); others fit their text
    assert ws.column_dimensions["D"].width == 60
    assert ws.column_dimensions["B"].width >= 2 * len("A01 居民访谈") - 2
    assert ws.column_dimensions["C"].width < ws.column_dimensions["B"].width
    assert wb["说明"]["A2"].value == "编码" and wb["说明"]["D2"].value == "每行一条编码。"


def test_english_names_and_font(tmp_path):
    out = tmp_path / "out.xlsx"
    write_workbook([CODINGS, SATURATION], out, lang="en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Codings", "Saturation", "Notes"]
    assert [c.value for c in wb["Codings"][1]] == ["Code", "Document", "Count", "Quote", "Coded at"]
    assert wb["Codings"]["A2"].font.name == "DengXian"


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "@cmd", "-2", "\tx=1", "\r=1", "=HYPERLINK(\"http://x\")", "#N/A"])
def test_formula_guard_keeps_text_as_text(tmp_path, text):
    out = tmp_path / "out.xlsx"
    write_workbook([table([[text, 7]], wrap=True)], out)
    cell = openpyxl.load_workbook(out)["表"]["A2"]
    assert cell.data_type == "s" and cell.value == text
    assert cell.quotePrefix  # Excel keeps it text even when the cell is edited
    assert "<f>" not in sheet_xml(out) and "<f " not in sheet_xml(out)


def test_long_text_is_truncated_with_mark_and_note(tmp_path):
    out = tmp_path / "out.xlsx"
    long = "朝" * 40_000
    report = write_workbook([table([["短", long], ["再", "ok"]])], out)
    assert [(t.sheet, t.cell, t.column, t.length) for t in report.truncations] == [("表", "B2", "列1", 40_000)]
    wb = openpyxl.load_workbook(out)
    value = wb["表"]["B2"].value
    assert len(value) == MAX_CELL_CHARS and value.endswith("…[已截断]") and value.startswith("朝朝朝")
    notes = [[c.value for c in row] for row in wb["说明"].iter_rows(min_row=2)]
    assert notes[0][:3] == ["表", "B2", "列1"] and "40,000" in notes[0][3]


def test_truncation_counts_utf16_units(tmp_path):
    """Excel counts an emoji as two characters: a cut must respect that and not split one."""
    out = tmp_path / "out.xlsx"
    report = write_workbook([table([["👍" * 20_000]])], out, lang="en")
    value = openpyxl.load_workbook(out)["Table"]["A2"].value
    assert value.endswith("…[truncated]") and len(value.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS
    assert set(value[: -len("…[truncated]")]) == {"👍"} and len(report.truncations) == 1


def test_illegal_characters_removed_not_fatal(tmp_path):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    out = tmp_path / "out.xlsx"
    dirty = "巡\x00逻\x07红\x0b袖\x1f标\ufffe"
    assert ILLEGAL_CHARACTERS_RE.search(dirty)
    report = write_workbook([table([[dirty, "换行\n制表\t保留"]])], out)
    ws = openpyxl.load_workbook(out)["表"]
    assert ws["A2"].value == "巡逻红袖标" and ws["B2"].value == "换行\n制表\t保留"
    assert report.removed_characters == 5


def test_merge_cells_merges_exactly_the_runs(tmp_path):
    rows = [["甲", 1], ["甲", 2], ["乙", 3], ["丙", 4], ["丙", 5], ["丙", 6], [None, 7], [None, 8], ["甲", 9]]
    assert merge_runs(rows, 0) == [(0, 1), (3, 5)]
    out = tmp_path / "out.xlsx"
    write_workbook([table(rows, group_column=0)], out, merge_cells=True)
    ws = openpyxl.load_workbook(out)["表"]
    assert sorted(str(r) for r in ws.merged_cells.ranges) == ["A2:A3", "A5:A7"]
    assert [ws.cell(r, 1).value for r in range(2, 11)] == ["甲", None, "乙", "丙", None, None, None, None, "甲"]
    assert [ws.cell(r, 2).value for r in range(2, 11)] == list(range(1, 10))
    # without the option nothing is merged and every value is written
    write_workbook([table(rows, group_column=0)], out)
    ws = openpyxl.load_workbook(out)["表"]
    assert not ws.merged_cells.ranges and ws["A3"].value == "甲"


def test_saturation_chart_is_a_native_line_chart(tmp_path):
    out = tmp_path / "out.xlsx"
    write_workbook([CODINGS, SATURATION], out)
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert charts == ["xl/charts/chart1.xml"]
        chart = z.read(charts[0]).decode("utf-8")
        drawing_rels = z.read("xl/worksheets/_rels/sheet2.xml.rels").decode("utf-8")
    root = ElementTree.fromstring(chart)
    assert root.find(".//c:plotArea/c:lineChart", NS) is not None
    refs = [f.text for f in root.iter(f"{{{NS['c']}}}f")]
    assert refs == ["'饱和度'!B1", "'饱和度'!$A$2:$A$9", "'饱和度'!$B$2:$B$9",
                    "'饱和度'!C1", "'饱和度'!$A$2:$A$9", "'饱和度'!$C$2:$C$9"]
    assert "drawing" in drawing_rels  # the chart sits on the saturation sheet
    drawing = ElementTree.fromstring(zipfile.ZipFile(out).read("xl/drawings/drawing1.xml"))
    xdr = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
    anchor = drawing.find(f"{xdr}oneCellAnchor/{xdr}from")
    assert int(anchor.find(f"{xdr}col").text) > len(SATURATION.columns) - 1  # right of the table
    assert anchor.find(f"{xdr}row").text == "1"


def openpyxl_temp_files() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("openpyxl.*"))


def test_progress_and_cancel_leave_old_file(tmp_path):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"the old workbook")
    calls = []
    before = openpyxl_temp_files()
    report = write_workbook([CODINGS, SATURATION], out, progress=lambda *a: calls.append(a),
                            cancelled=lambda: len(calls) >= 1)
    assert report.cancelled and calls == [(1, 3, "编码")]
    assert out.read_bytes() == b"the old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
    assert openpyxl_temp_files() <= before  # the streamed sheet's temporary file is gone too
    calls.clear()
    write_workbook([CODINGS, SATURATION], out, progress=lambda *a: calls.append(a), cancelled=lambda: False)
    assert calls == [(1, 3, "编码"), (2, 3, "饱和度"), (3, 3, "说明")]
    assert openpyxl.load_workbook(out).sheetnames == ["编码", "饱和度", "说明"]


def test_failure_part_way_leaves_old_file(tmp_path):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"the old workbook")

    def progress(done, total, name):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_workbook([CODINGS, SATURATION], out, progress=progress)
    assert out.read_bytes() == b"the old workbook" and [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_sheet_names_are_valid_and_distinct():
    assert sheet_names(["编码/编码", "a" * 40, "Notes", "notes", ""]) == [
        "编码_编码", "a" * 31, "Notes", "notes (2)", "Sheet"]


def test_csv_folder_has_bom_roundtrips_chinese_and_guards_formulas(tmp_path):
    guarded = table([["=1+1", -2, "-2"], ["@cmd", 3.5, "朝阳群众\n红袖标"]])
    files = write_csv_folder([CODINGS, guarded], tmp_path / "csv")
    assert [f.name for f in files] == ["编码.csv", "表.csv", "说明.csv"]
    raw = files[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(files[0], encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["代码", "文档", "次数", "原文", "时间"]
    assert rows[1] == ["社区归属感", "A01 居民访谈", "3", "我就是朝阳群众，戴着红袖标巡逻，心里踏实👍。", "2024-05-01 10:30:00"]
    with open(files[1], encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1:] == [["'=1+1", "-2", "'-2"], ["'@cmd", "3.5", "朝阳群众\n红袖标"]]  # numbers never prefixed
    with open(files[2], encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f)) == [["工作表", "说明"], ["编码", "每行一条编码。"]]


# ------------------------------------------------------------------ zhagen export


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("demo") / "demo.zhagen")
    assert main(["demo", path]) == 0
    return path


@pytest.mark.parametrize(("name", "message"), [
    ("out.docx", "cannot export to .docx"),
    ("out", "cannot export to a file without an extension"),
])
def test_export_refuses_other_formats(tmp_path, capsys, name, message):
    out = tmp_path / name
    assert main(["export", str(tmp_path / "none.zhagen"), str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and not out.exists()


def test_export_missing_folder(tmp_path, capsys):
    assert main(["export", str(tmp_path / "none.zhagen"), str(tmp_path / "no" / "out.xlsx")]) == 1
    assert capsys.readouterr().err == f"zhagen: {tmp_path / 'no'}: no such folder\n"


def all_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)


def test_export_demo_workbook_and_csv(demo, tmp_path, capsys):
    from coding.tables import TABLE_KEYS, workbook_tables

    out = tmp_path / "out.xlsx"
    assert main(["export", demo, str(out), "--csv", "--merge-cells"]) == 0
    printed = capsys.readouterr().out
    with open_project(demo, backup=False) as store:
        tables = workbook_tables(store)
    names = [t.zh for t in tables]
    assert len(names) == len(TABLE_KEYS) + 2  # and the causal mechanism and pathways of the demo's relations
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == names + ["说明"]
    assert wb["主轴编码"].merged_cells.ranges  # --merge-cells reached the workbook
    for t in tables:
        ws = wb[t.zh]
        assert ws.max_row == len(t.rows) + 1 and [c.value for c in ws[1]] == [c.zh for c in t.columns]
        assert f"{t.zh}: {len(t.rows)}" in printed
    saturation = next(t for t in tables if t.chart is not None)
    with zipfile.ZipFile(out) as z:
        assert sum(n.startswith("xl/charts/") for n in z.namelist()) == 1
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    assert saturation.zh in wb.sheetnames
    folder = tmp_path / "out-csv"
    assert sorted(p.stem for p in folder.iterdir()) == sorted(names + ["说明"])


def test_export_english(demo, tmp_path):
    out = tmp_path / "out.xlsx"
    assert main(["export", demo, str(out), "--lang", "en"]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-1] == "Notes" and "Open coding" in wb.sheetnames
    assert wb["Open coding"]["A2"].font.name == "DengXian"


def test_export_pseudonymised_has_no_participant_name(demo, tmp_path):
    """The demo's quotes name nobody, so a quote naming two participants is coded first."""
    from coding.services import coders, codings, documents

    project = tmp_path / "named.zhagen"
    shutil.copy(demo, project)
    with open_project(str(project), backup=False) as store:
        coders.use_coder(store, "张研")
        people = queries.list_participants(store)
        names = {p.name for p in people if p.name and p.name != p.pid}
        text = f"我是{people[0].name}，{people[1].name}是我邻居，我们一起巡逻。"
        doc = documents.add_document(store, "A99 补充访谈", text, participant_id=people[0].id).value
        codings.apply_code_path(store, "社区归属感>邻里互助", doc.id, 0, len(text))
    assert len(names) == len(people) >= 2
    plain, hidden = tmp_path / "plain.xlsx", tmp_path / "hidden.xlsx"
    assert main(["export", str(project), str(plain)]) == 0
    assert main(["export", str(project), str(hidden), "--pseudonymise", "--csv"]) == 0
    assert people[0].name in all_text(plain) and people[1].name in all_text(plain)  # the check below can fail
    text = all_text(hidden)
    assert not [name for name in names if name in text]
    assert f"我是{people[0].pid}" in text
    for csv_file in (tmp_path / "hidden-csv").iterdir():
        content = csv_file.read_text(encoding="utf-8-sig")
        assert not [name for name in names if name in content], csv_file.name


def test_export_unknown_coder_is_one_line(demo, tmp_path, capsys):
    out = tmp_path / "out.xlsx"
    assert main(["export", demo, str(out), "--coder", "无此人"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("zhagen: ") and err.count("\n") == 1 and not out.exists()


def test_caption_row_does_not_widen_its_column(tmp_path):
    caption = "饱和度检验：通过（留存文档未产生新概念或新范畴）"
    out = tmp_path / "out.xlsx"
    write_workbook([table([[1, "A01 居民访谈"], [2, "A02"], [caption, None]])], out)
    ws = openpyxl.load_workbook(out)["表"]
    assert ws["A4"].value == caption and ws.column_dimensions["A"].width < 10
    assert ws.column_dimensions["B"].width == len("A01 ") + 2 * len("居民访谈") + 2


def test_matrix_headers_from_user_names_stay_text(tmp_path):
    """Code, document and attribute names become the header cells of the matrix sheets: a name starting
    with = + - @ must read back as that name, as text, never as a formula (and CSV headers get the apostrophe)."""
    from coding.services import codes, codings, coders, documents, participants
    from coding.storage import create_project

    project = tmp_path / "hostile.zhagen"
    create_project(project, name="p").close()
    names = ["=SUM(1,2)", "+1", "-负面情绪", "@提及", "=HYPERLINK(\"http://x\")"]
    with open_project(str(project), backup=False) as store:
        coders.use_coder(store, "张研")
        person = participants.add_participant(store, "A01").value
        attribute = participants.add_attribute(store, "=年龄", "text").value
        participants.set_attribute_value(store, person.id, attribute.id, "-60")
        text = "我们都挺自豪的，也有点担心。"
        doc = documents.add_document(store, "=A01 访谈", text, participant_id=person.id).value
        for name in names:  # level none: the header is the bare path, so it starts with the hostile character
            code = codes.create_code(store, name, level="none").value
            codings.apply_code(store, code.id, doc.id, 0, 5)
    out = tmp_path / "out.xlsx"
    assert main(["export", str(project), str(out), "--csv"]) == 0
    wb = openpyxl.load_workbook(out)
    headers = {ws.title: [c for c in ws[1] if c.value is not None] for ws in wb}
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    with zipfile.ZipFile(out) as z:
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in z.namelist()
                       if n.startswith("xl/worksheets/"))
    for sheet in ("编码矩阵", "编码×属性", "共现矩阵"):
        shown = [c.value for c in headers[sheet]]
        hostile = [c for c in headers[sheet] if c.value[:1] in "=+-@"]
        assert hostile and all(c.quotePrefix and c.data_type == "s" for c in hostile), sheet
        if sheet != "编码×属性":
            assert [n for n in names if n in shown] == (names if sheet == "共现矩阵" else [])
    assert "=A01 访谈" in [c.value for c in headers["编码矩阵"]]
    assert "=年龄：-60" in [c.value for c in headers["编码×属性"]]
    with open(tmp_path / "out-csv" / "共现矩阵.csv", encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert all("'" + n in header for n in names)
