"""The Excel codebook reader (MAXQDA's layout): real workbooks written with openpyxl, exact Incoming content."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from coding import queries
from coding.errors import InvalidInput
from coding.interchange import InCode, canonical_guid
from coding.services import codes as code_service
from exports.codebook_xlsx import ORIGIN, code_guid, parse_colour, read_codebook_xlsx


def _book(path, rows, *, title: str = "Sheet", before: dict[str, list] | None = None):
    """Write ROWS to sheet TITLE of a new workbook, after the sheets in BEFORE (title → rows)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, content in [*(before or {}).items(), (title, rows)]:
        sheet = book.create_sheet(name)
        for row in content:
            sheet.append(row)
    book.save(path)
    return path


def _code(levels: list[str], definition: str = "", colour: str | None = None) -> InCode:
    parent = code_guid(levels[:-1]) if len(levels) > 1 else None
    return InCode(guid=code_guid(levels), name=levels[-1], parent=parent, colour=colour, definition=definition)


def test_english_headers_hierarchy_duplicates_and_blank_rows(tmp_path):
    path = _book(tmp_path / "朝阳码本.xlsx", [
        ["Code", "Memo", "Color", "Coded segments", "Code alias"],
        ["社区归属感", "居民对社区的情感依附", "#FF0000", 12, "归属"],
        ["社区归属感 > 家园意识", "把社区当成家", "00ff00", 3],
        [None, None, None, None],
        ["品牌认同>朝阳群众 > 参与意愿", "愿意参加\r\n巡逻", "rgb(0, 0, 255)", 1],
        ["社區歸屬感 > 家園意識", "第二次出现", None, 5],
        ["A >  > B", "空的一层", None, 0],
        [None, "没有代码的备忘录"],
        ["品牌认同", "对“朝阳群众”品牌的认同", "blue", 0],
        ["  社区民警  ", None, "FF112233"],
    ])
    incoming = read_codebook_xlsx(path)
    assert (incoming.origin, incoming.name) == (ORIGIN, "朝阳码本")
    assert incoming.codes == [
        _code(["社区归属感"], "居民对社区的情感依附", "#ff0000"),
        _code(["社区归属感", "家园意识"], "把社区当成家", "#00ff00"),
        _code(["品牌认同"], "对“朝阳群众”品牌的认同"),  # created for its child, its own row later fills it
        _code(["品牌认同", "朝阳群众"]),  # no row of its own
        _code(["品牌认同", "朝阳群众", "参与意愿"], "愿意参加\n巡逻", "#0000ff"),
        _code(["社区民警"], colour="#112233"),
    ]
    assert incoming.skipped == [
        "sheet 'Sheet' row 6: code '社區歸屬感 > 家園意識' repeats row 3; the first is kept",
        "sheet 'Sheet' row 7: empty level in code path 'A >  > B'",
        "sheet 'Sheet' row 8: no code name in the Code column",
    ]
    assert not (incoming.sources or incoming.codings or incoming.notes or incoming.cases)
    # the GUID scheme is part of the file format: a changed namespace would break re-imports
    assert incoming.codes[0].guid == "ed2a42c6-9c82-58be-8c9b-b06df114cd32"


def test_chinese_headers_codebook_sheet_title_rows_and_non_bmp(tmp_path):
    path = _book(tmp_path / "codes.xlsx", [
        ["朝阳群众研究 码本（第二轮）"],
        [],
        ["序号", " 代码 ", "備忘錄", "顏色"],
        [1, "𠮷野家 ＞ 社區", "含𠮷的名字", "#00AAFF"],
        [2, "行动策略\\巡逻", "旧版 MAXQDA 用反斜杠分层", None],
        [3, "行动策略＼夜巡", None, "not a colour"],
        [4, 2024, "数字也是名字"],
    ], title="码本", before={"说明": [["这本码本由张研整理"], ["Code", "Memo"], ["不该读到", "第一张表"]]})
    incoming = read_codebook_xlsx(path)
    assert incoming.codes == [
        _code(["𠮷野家"]),
        _code(["𠮷野家", "社區"], "含𠮷的名字", "#00aaff"),
        _code(["行动策略"]),
        _code(["行动策略", "巡逻"], "旧版 MAXQDA 用反斜杠分层"),
        _code(["行动策略", "夜巡"]),
        _code(["2024"], "数字也是名字"),
    ]
    assert incoming.skipped == []
    assert incoming.codes[1].name == "社區"  # the name is kept as written; only the matching key folds it


def test_guids_are_stable_canonical_and_fold_traditional_script(tmp_path):
    simplified = _book(tmp_path / "a.xlsx", [["Code", "Memo"], ["社区 > 巡逻", "x"]])
    traditional = _book(tmp_path / "b.xlsx", [["CODE", "MEMO"], ["社區 ＞ 巡邏", "y"]])
    first, again = read_codebook_xlsx(simplified), read_codebook_xlsx(simplified)
    assert first == again
    other = read_codebook_xlsx(traditional)
    assert [c.guid for c in other.codes] == [c.guid for c in first.codes]
    assert [c.name for c in other.codes] == ["社區", "巡邏"]
    assert all(canonical_guid(c.guid) == c.guid for c in first.codes)
    assert len({c.guid for c in first.codes}) == 2


def test_formula_cells_use_the_saved_result_or_skip_the_row(tmp_path):
    path = _book(tmp_path / "f.xlsx", [
        ["Code", "Memo"],
        ['="社区"&"巡逻"', "有保存的结果"],
        ['="邻里"&"互助"', "没有保存的结果"],
        ["民警在场", "=A2"],
    ])
    with zipfile.ZipFile(path) as z:  # give A2 the result Excel would have saved; openpyxl writes none
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet, n = re.subn(r'<c r="A2">(<f>.*?</f>)<v\s*>\s*</v>', r'<c r="A2" t="str">\1<v>社区巡逻</v>', sheet)
    assert n == 1
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    incoming = read_codebook_xlsx(path)
    assert incoming.codes == [_code(["社区巡逻"], "有保存的结果")]
    assert incoming.skipped == [
        "sheet 'Sheet' row 3: the formula in column 'Code' has no saved result (open the file in Excel and save it)",
        "sheet 'Sheet' row 4: the formula in column 'Memo' has no saved result (open the file in Excel and save it)",
    ]


def test_a_workbook_without_a_code_column_is_refused_in_one_line(tmp_path):
    path = _book(tmp_path / "codes.xlsx", [["名称", "Memo"], ["社区", "x"]])
    with pytest.raises(InvalidInput) as error:
        read_codebook_xlsx(path)
    message = str(error.value)
    assert message.startswith("codes.xlsx: no 'Code' column in the header row of sheet 'Sheet'")
    assert "\n" not in message


def test_files_that_are_no_xlsx_are_refused_naming_the_file(tmp_path):
    text = tmp_path / "renamed.xlsx"
    text.write_text("Code\tMemo\n社区\t定义\n", encoding="utf-8")
    good = _book(tmp_path / "good.xlsx", [["Code"], ["社区"]])
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(good.read_bytes()[:300])
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    other_zip = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("readme.txt", "not a workbook")
    cases = {
        text: "renamed.xlsx: not an Excel .xlsx workbook",
        corrupt: "corrupt.xlsx: not an Excel .xlsx workbook",
        old: "old.xls: an old .xls workbook or a password-protected one",
        other_zip: "other.xlsx: cannot read it as an .xlsx workbook",
        tmp_path / "missing.xlsx": "missing.xlsx: no such file",
        tmp_path: f"{tmp_path.name}: a folder",
    }
    for path, start in cases.items():
        with pytest.raises(InvalidInput) as error:
            read_codebook_xlsx(path)
        assert str(error.value).startswith(start), str(error.value)
        assert "\n" not in str(error.value)
    renamed = tmp_path / "codebook.dat"  # the content decides, not the suffix
    renamed.write_bytes(good.read_bytes())
    assert [c.name for c in read_codebook_xlsx(renamed).codes] == ["社区"]


@pytest.mark.parametrize("text, colour", [
    ("#A1b2C3", "#a1b2c3"), ("a1b2c3", "#a1b2c3"), ("FFA1B2C3", "#a1b2c3"), ("rgb(255, 0, 16)", "#ff0010"),
    ("ＲＧＢ（１，２，３）", "#010203"), ("rgb(256,0,0)", None), ("red", None), ("#abc", None), (16711680, None), (None, None),
])
def test_parse_colour(text, colour):
    assert parse_colour(text) == colour


def test_the_codes_can_be_stored_in_a_project(store, tmp_path):
    path = _book(tmp_path / "codes.xlsx", [
        ["Code", "Memo", "Colour"],
        ["社区警务 > 民警在场 > 日常巡逻", "民警每天在社区走动", "#336699"],
        ["社区警务", "社区民警的工作", None],
        ["𠮷祥 > 社區認同", "", "rgb(1,2,3)"],
    ])
    incoming = read_codebook_xlsx(path)
    ids: dict[str, int] = {}
    for code in incoming.codes:  # parents come first, so every parent is stored before its children
        stored = code_service.create_code(store, code.name, parent_id=ids.get(code.parent) if code.parent else None,
                                          definition=code.definition, colour=code.colour).value
        ids[code.guid] = stored.id
    paths = queries.code_paths(queries.list_codes(store))
    assert sorted(paths.values()) == sorted(["社区警务", "社区警务>民警在场", "社区警务>民警在场>日常巡逻",
                                             "𠮷祥", "𠮷祥>社區認同"])
    stored_codes = {c.id: c for c in queries.list_codes(store)}
    by_path = {p: stored_codes[i] for i, p in paths.items()}
    assert by_path["社区警务"].definition == "社区民警的工作"
    assert by_path["社区警务>民警在场>日常巡逻"].colour == "#336699"
    assert by_path["𠮷祥>社區認同"].colour == "#010203"


def test_a_zip_bomb_workbook_is_refused_naming_the_file(tmp_path):
    import io
    import zipfile

    from openpyxl import Workbook

    from coding.errors import InvalidInput
    from exports.codebook_xlsx import read_codebook_xlsx

    plain = io.BytesIO()
    book = Workbook()
    book.active.append(["Code"])
    book.save(plain)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/sharedStrings.xml" or info.filename.endswith("sheet1.xml"):
                data += b" " * (4 * 1024 * 1024)  # packs a thousand to one
            z.writestr(info.filename, data)
    with pytest.raises(InvalidInput) as caught:
        read_codebook_xlsx(path)
    assert str(caught.value).startswith("bomb.xlsx: ") and "zip bomb" in str(caught.value)
