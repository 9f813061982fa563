"""REFI-QDA import (.qdpx / .qdc): round trip, the shared samples, what real tools write, hostile files, the CLI."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sqlalchemy import func, select

from coding import models as m
from coding.cli import main
from coding.demo import build_demo
from coding.errors import InvalidInput
from coding.services import coders
from coding.errors import ImportCancelled
from coding.storage import create_project, open_project
from exports.interchange import import_file
from exports.refi import export_qdc, export_qdpx
from exports.refi_import import parse_zhagen_tag, read_refi
from tests.conftest import stored_state

from tests.core.refi_import_helpers import (  # noqa: F401 - fixtures (new, demo) are used by name
    SAMPLES, NS, content, count, qdpx, project_xml, selection, source, quotes, new, demo,
)


# ------------------------------------------------------------------ round trip


def test_export_import_export_keeps_everything(demo, tmp_path, store):
    """On SQLite and PostgreSQL: the demo project exported, imported into a new project and exported again."""
    with open_project(demo, backup=False) as original:
        before = content(original)
        export_qdpx(original, tmp_path / "one.qdpx")
    result = import_file(store, tmp_path / "one.qdpx", workers=1)
    assert result.merge is None and result.stored.codings == len(before["codings"])
    after = content(store)
    assert after == before  # codes and hierarchy, levels, roles, quotes, coders, memos, people, values, relations
    assert result.skipped == []
    export_qdpx(store, tmp_path / "two.qdpx")
    again = tmp_path / "again.zhagen"
    with create_project(again) as third:
        import_file(third, tmp_path / "two.qdpx", workers=1)
        assert content(third) == before
    with zipfile.ZipFile(tmp_path / "one.qdpx") as a, zipfile.ZipFile(tmp_path / "two.qdpx") as b:
        # the same GUIDs name the same sources and memo notes; a relation memo's Note has a GUID derived
        # from the project's, so its file is named differently in the new project (and holds the same text)
        notes_a, notes_b = (_note_files(z) for z in (a, b))
        assert sorted(set(a.namelist()) - set(notes_a.values())) == sorted(set(b.namelist()) - set(notes_b.values()))
        for entry in a.namelist():
            if entry.endswith(".txt") and entry not in notes_a.values():
                assert a.read(entry) == b.read(entry)
        assert sorted(a.read(e) for e in notes_a.values()) == sorted(b.read(e) for e in notes_b.values())
        memo_notes = {g: e for g, e in notes_a.items() if g not in _note_files(a, relation_memos=True)}
        assert memo_notes and all(a.read(e) == b.read(notes_b[g]) for g, e in memo_notes.items())


def _note_files(archive: zipfile.ZipFile, *, relation_memos: bool = False) -> dict[str, str]:
    """Note GUID → the archive entry holding its text (plainTextPath); only relation memos' Notes if asked."""
    root = ElementTree.fromstring(archive.read("project.qde"))
    p = "{urn:QDA-XML:project:1.0}"
    return {n.get("guid"): "sources/" + n.get("plainTextPath").removeprefix("internal://")
            for n in root.iter(f"{p}Note")
            if not relation_memos or n.find(f"{p}Description").text == "[zhagen kind=relation_memo]"}


def test_import_into_the_project_it_came_from_changes_nothing(demo, tmp_path):
    copy = tmp_path / "copy.zhagen"
    copy.write_bytes(demo.read_bytes())
    with open_project(copy, backup=False) as store:
        coders.use_coder(store, "张研")
        export_qdpx(store, tmp_path / "self.qdpx")
        before = stored_state(store)
        result = import_file(store, tmp_path / "self.qdpx", workers=1)
        assert result.merge is not None and result.merge.conflicts == 0
        assert sum(result.merge.added.values()) == 0
        assert stored_state(store) == before


def test_codebook_into_existing_project_merges_and_undo_restores(demo, tmp_path):
    from coding.services.history import revert as undo

    copy = tmp_path / "copy.zhagen"
    copy.write_bytes(demo.read_bytes())
    path = tmp_path / "book.qdc"
    path.write_text('<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="x">'
                    '<Codes><Code guid="{0A000000-0000-0000-0000-00000000000A}" name="新范畴" isCodable="true">'
                    '<Description>来自 MAXQDA 的定义</Description>'
                    '<Code guid="0a000000-0000-0000-0000-00000000000b" name="新概念" isCodable="true"/></Code>'
                    '</Codes><Sets/></CodeBook>', encoding="utf-8")
    with open_project(copy, backup=False) as store:
        coders.use_coder(store, "张研")
        before = stored_state(store)
        dry = import_file(store, path, dry_run=True)
        assert dry.plan is not None and stored_state(store) == before
        result = import_file(store, path)
        assert result.merge.added["codes"] == 2
        added = {c[0]: c for c in content(store)["codes"]}
        assert added["新范畴"][1:3] == ("来自 MAXQDA 的定义", "category")
        assert added["新范畴>新概念"][2] == "concept"
        with store.session() as s:  # the GUIDs as we store them: lower case, no braces
            assert s.scalar(select(m.Code.guid).where(m.Code.name == "新范畴")) == "0a000000-0000-0000-0000-00000000000a"
        again = import_file(store, path)
        assert sum(again.merge.added.values()) == 0
        undo(store, again.outcome.undo)
        undo(store, result.outcome.undo)
        assert stored_state(store) == before


# ------------------------------------------------------------------ the shared samples


def samples() -> list[Path]:
    return sorted(p for p in SAMPLES.glob("*/*") if p.suffix in (".qdpx", ".qdc", ".zip"))


@pytest.mark.parametrize("name", ["atlasti-win-23.2.3/blank-atlas-project.qdpx",
                                  "atlasti-win-23.2.3/target-atlas-project.qdpx",
                                  "nvivo-win-12.6/oltas.qdpx", "nvivo-win-12.6/oltas0517.qdpx",
                                  "nvivo-mac-15.0.0/nvivo_project.qdpx",
                                  "maxqda-24.7.0/2025-06-16_ICLS_Conf_Themes_ALL_just10.zip",
                                  "taguette-1.4.1/codebook.qdc"])
def test_each_shared_sample_imports_whole(name, new):
    import xml.etree.ElementTree as ET

    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"shared sample {path} not present")
    if path.suffix == ".qdc":
        root = ET.fromstring(path.read_bytes())
    else:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read(next(n for n in z.namelist() if n.endswith(".qde"))))
    local = [e.tag.rsplit("}", 1)[-1] for e in root.iter()]
    result = import_file(new, path, workers=1)
    assert count(new, m.Code) == local.count("Code")
    assert count(new, m.Coding) == local.count("Coding")
    with new.session() as s:
        for text, start, end in s.execute(select(m.Document.text, m.Coding.start, m.Coding.end)
                                          .join(m.Document, m.Document.id == m.Coding.document_id)):
            assert 0 <= start < end <= len(text)
    if "nvivo-mac" in name:  # two sources whose text files hold one newline: reported, not imported
        assert count(new, m.Document) == 0
        assert sum("text" in line and "skipped" in line for line in result.skipped) == 2
    if "maxqda" in name:
        assert count(new, m.Document) == 10
        assert any("Set 'ICLS 2024'" in line for line in result.skipped)


@pytest.mark.parametrize("name", ["nvivo-win-12.6/oltas.qdpx", "nvivo-win-12.6/oltas0517.qdpx"])
def test_nvivo_quotes_start_and_end_where_nvivo_selections_do(name, new):
    """NVivo counts UTF-16 units (each emoji twice) and the CR of CRLF; cut its selections out of the
    UTF-16 bytes of the text file ourselves and compare with the stored quotes."""
    import xml.etree.ElementTree as ET

    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"shared sample {path} not present")
    expected, naive = [], []
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("project.qde"))
        for src in root.iter("{urn:QDA-XML:project:1.0}TextSource"):
            entry = "Sources/" + src.get("plainTextPath").removeprefix("internal://")
            raw = z.read(entry).decode("utf-8-sig")
            units = raw.encode("utf-16-le")
            for sel in src.iter("{urn:QDA-XML:project:1.0}PlainTextSelection"):
                a, b = int(sel.get("startPosition")), int(sel.get("endPosition"))
                quote = units[2 * a: 2 * b].decode("utf-16-le").replace("\r\n", "\n").replace("\r", "\n")
                n = len(sel.findall("{urn:QDA-XML:project:1.0}Coding"))
                expected.extend([quote] * n)
                naive.extend([raw[a:b].replace("\r\n", "\n")] * n)
    result = import_file(new, path, workers=1)
    assert sorted(quotes(new)) == sorted(expected)
    assert sum(a != b for a, b in zip(expected, naive)) > len(expected) // 2  # code points would have been wrong
    assert any("UTF-16" in line for line in result.remarks)


# ------------------------------------------------------------------ what real tools write


def test_crlf_bom_and_utf16_offsets_without_an_nvivo_origin(tmp_path, new):
    raw = "受访者：😀就是心里踏实。\r\n访谈者：𠮷祥的说法👍，好。\r\n受访者：😀 挺好的，🙂 真的。\r\n"
    text = raw.replace("\r\n", "\n")
    wanted = ["𠮷祥的说法", "挺好的", "真的"]
    u16 = raw.encode("utf-16-le")
    body = ""
    for n, quote in enumerate(wanted, 1):
        start = u16.index(quote.encode("utf-16-le")) // 2  # counted in UTF-16 units, CRs included
        body += selection(start, start + len(quote.encode("utf-16-le")) // 2, n=n)
    xml = project_xml(source(body))
    path = qdpx(tmp_path, xml, {"sources/b0000000-0000-0000-0000-000000000001.txt": b"\xef\xbb\xbf" + raw.encode()})
    result = import_file(new, path, workers=1)
    assert quotes(new) == wanted
    with new.session() as s:
        assert s.scalar(select(m.Document.text)) == text
    assert any("UTF-16" in line for line in result.remarks)


def test_code_point_offsets_are_the_standard(tmp_path, new):
    raw = "受访者：😀就是心里踏实。𠮷祥的说法👍，好。"
    quote = "就是心里踏实"
    start = raw.index(quote)
    path = qdpx(tmp_path, project_xml(source(selection(start, start + len(quote)))),
                {"Sources/b0000000-0000-0000-0000-000000000001.txt": raw.encode()})
    import_file(new, path, workers=1)
    assert quotes(new) == [quote]


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("big5", b""), ("gbk", b"")])
def test_source_text_in_other_encodings(tmp_path, new, encoding, bom):
    raw = "受訪者：社區治理共同體的構建需要大家，我們都挺自豪的。" if encoding == "big5" else "受访者：社区治理需要大家。"
    quote = raw[4:8]
    path = qdpx(tmp_path, project_xml(source(selection(4, 8))),
                {"sources/b0000000-0000-0000-0000-000000000001.txt": bom + raw.encode(encoding)})
    import_file(new, path, workers=1)
    assert quotes(new) == [quote]


def test_tolerated_variants(tmp_path, new):
    """GUIDs in upper case and braces, a path without internal://, a .root entry, a selection with no Coding,
    an ATLAS.ti comment in a code's Description, an empty Sets, a source whose text file is missing."""
    raw = "访谈者：您好。\n受访者：我们小区有红袖标巡逻。"
    codes = ('<Code guid="{C0000000-0000-0000-0000-000000000001}" name="巡逻" isCodable="true">'
             "<Description>ATLAS.ti comment: 居民自发巡逻</Description></Code>")
    at = raw.index("红袖标")
    body = (selection(at, at + 3, code="C0000000-0000-0000-0000-000000000001")
            + selection(3, 5, n=2, body='<NoteRef targetGUID="f0000000-0000-0000-0000-000000000001"/>'))
    sources = (source(body, path="B0000000-0000-0000-0000-000000000001.TXT")
               + source("", path="internal://b0000000-0000-0000-0000-000000000002.txt", name="缺失",
                        guid="b0000000-0000-0000-0000-000000000002"))
    notes = ('<Notes><Note guid="f0000000-0000-0000-0000-000000000001" name="备注">'
             "<PlainTextContent>文中的一条备注</PlainTextContent></Note></Notes><Sets/>")
    path = qdpx(tmp_path, project_xml(sources, codes, notes),
                {"Sources/.root": b"", "Sources/b0000000-0000-0000-0000-000000000001.txt": raw.encode()})
    result = import_file(new, path, workers=1)
    assert quotes(new) == ["红袖标"]
    c = content(new)
    assert c["codes"][0][:2] == ("巡逻", "ATLAS.ti comment: 居民自发巡逻")
    assert c["memos"] == [("备注", "文中的一条备注", "memo", ("document", "A01 访谈"))]
    assert any("缺失" in line and "no text" in line for line in result.skipped)
    assert any("no Coding" in line for line in result.skipped)


def test_docx_source_with_a_text_version_imports_the_text(tmp_path, new):
    docx = pytest.importorskip("docx")
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Word 里的文字不一样")
    document.save(buffer)
    raw = "受访者：纯文本版本。"
    src = ('<TextSource guid="b0000000-0000-0000-0000-000000000001" name="A01" '
           'richTextPath="internal://b0000000-0000-0000-0000-000000000001.docx" '
           f'plainTextPath="internal://b0000000-0000-0000-0000-000000000001.txt">{selection(4, 8)}</TextSource>'
           '<TextSource guid="b0000000-0000-0000-0000-000000000002" name="A02" '
           f'richTextPath="internal://b0000000-0000-0000-0000-000000000002.docx">{selection(0, 2, n=2)}</TextSource>')
    path = qdpx(tmp_path, project_xml(src), {
        "sources/b0000000-0000-0000-0000-000000000001.txt": raw.encode(),
        "sources/b0000000-0000-0000-0000-000000000001.docx": buffer.getvalue(),
        "sources/b0000000-0000-0000-0000-000000000002.docx": buffer.getvalue()})
    result = import_file(new, path, workers=1)
    assert quotes(new) == ["纯文本版"]
    with new.session() as s:
        assert sorted(s.scalars(select(m.Document.text))) == ["Word 里的文字不一样", raw]
    assert any("A02" in line and "docx" in line for line in result.skipped)


def test_our_convention_line_is_read_back():
    text, fields = parse_zhagen_tag('对社区的认同。\n[zhagen level=main role=causal_condition name="王 秀兰"]')
    assert text == "对社区的认同。" and fields == {"level": "main", "role": "causal_condition", "name": "王 秀兰"}
    assert parse_zhagen_tag("no tag [zhagen] here") == ("no tag [zhagen] here", {})


# ------------------------------------------------------------------ hostile and broken files


def test_selections_outside_the_text_and_missing_references_are_reported(tmp_path, new):
    raw = "受访者：社区。"
    body = (selection(4, 6) + selection(3, 99, n=2) + selection(5, 5, n=3)
            + selection(0, 2, code="c0000000-0000-0000-0000-0000000000ff", n=4))
    path = qdpx(tmp_path, project_xml(source(body)), {"sources/b0000000-0000-0000-0000-000000000001.txt": raw.encode()})
    result = import_file(new, path, workers=1)
    assert quotes(new) == ["社区"]
    assert sum("not inside the text" in line for line in result.skipped) == 2
    assert any("CodeRef points at a code the file does not hold" in line for line in result.skipped)


@pytest.mark.parametrize("data,problem", [
    (b"plain text, not a zip", "not a ZIP archive"),
    (None, "no .qde"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><Project>&b;</Project>', ""),
    (b"<Project><Unclosed></Project>", ""),
    (b'<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>', "not a REFI-QDA project"),
])
def test_unreadable_files_name_the_file_and_change_nothing(tmp_path, data, problem, demo):
    copy = tmp_path / "copy.zhagen"
    copy.write_bytes(demo.read_bytes())
    path = tmp_path / "bad.qdpx"
    if data is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("sources/a.txt", "x")
    elif data.startswith(b"<"):
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("project.qde", data)
    else:
        path.write_bytes(data)
    with open_project(copy, backup=False) as store:
        coders.use_coder(store, "张研")
        before = stored_state(store)
        with pytest.raises(InvalidInput) as caught:
            import_file(store, path)
        assert "bad.qdpx" in str(caught.value) and problem in str(caught.value)
        assert "\n" not in str(caught.value)
        assert stored_state(store) == before


def test_cancel_leaves_the_new_project_empty(demo, tmp_path, new):
    with open_project(demo, backup=False) as original:
        export_qdpx(original, tmp_path / "demo.qdpx")
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ImportCancelled):
        import_file(new, tmp_path / "demo.qdpx", workers=1, cancelled=cancelled)
    assert count(new, m.Document) == count(new, m.Code) == count(new, m.Coding) == 0


# ------------------------------------------------------------------ the command line


def test_cli_creates_the_project_and_reports(demo, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ZHAGEN_CODER", "张研")
    with open_project(demo, backup=False) as original:
        export_qdpx(original, tmp_path / "demo.qdpx")
        export_qdc(original, tmp_path / "demo.qdc")
        expected = content(original)
    target = tmp_path / "fresh.zhagen"
    assert main(["import", str(target), str(tmp_path / "demo.qdpx")]) == 0
    out = capsys.readouterr().out
    assert "imported" in out and f"{len(expected['codings'])} codings" in out
    with open_project(target, backup=False) as store:
        assert content(store) == expected
    assert main(["import", str(target), str(tmp_path / "demo.qdc"), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report[0]["mode"] == "dry-run" and "new" not in report[0]["plan"]["counts"]["code"]
    assert main(["import", str(target), str(tmp_path / "nothing.qdpx")]) == 1
    assert "nothing.qdpx" in capsys.readouterr().err


def test_read_refi_gives_canonical_guids(tmp_path):
    path = SAMPLES / "taguette-1.4.1" / "codebook.qdc"
    if not path.exists():
        pytest.skip("shared samples not present")
    incoming = read_refi(path)
    assert [c.guid for c in incoming.codes][0] == "098ac082-a9c7-50f4-9728-48730081a95e"
    assert [c.name for c in incoming.codes] == ["xsd:element name", "CodeBook", "Variables"]
    assert incoming.skipped == []


def test_a_foreign_project_with_cases_variables_links_and_notes(tmp_path, new):
    raw = "访谈者：您好。\n受访者：我们小区有红袖标巡逻，大家都很安心。"
    codes = ('<Code guid="c0000000-0000-0000-0000-000000000001" name="巡逻" isCodable="true" color="#FF0000">'
             '<NoteRef targetGUID="f0000000-0000-0000-0000-000000000002"/>'
             '<Code guid="c0000000-0000-0000-0000-000000000002" name="安心" isCodable="true"/></Code>')
    at = raw.index("红袖标")
    extra = (
        '<Variables><Variable guid="a1000000-0000-0000-0000-000000000001" name="党员" typeOfVariable="Boolean"/>'
        '<Variable guid="a1000000-0000-0000-0000-000000000002" name="访谈日期" typeOfVariable="Date"/>'
        '<Variable guid="a1000000-0000-0000-0000-000000000003" name="年龄" typeOfVariable="Integer"/></Variables>'
        '<Cases><Case guid="a2000000-0000-0000-0000-000000000001" name="A01">'
        '<VariableValue><VariableRef targetGUID="a1000000-0000-0000-0000-000000000001"/><BooleanValue>true'
        '</BooleanValue></VariableValue>'
        '<VariableValue><VariableRef targetGUID="a1000000-0000-0000-0000-000000000002"/><DateValue>2023-05-17'
        '</DateValue></VariableValue>'
        '<VariableValue><VariableRef targetGUID="a1000000-0000-0000-0000-000000000003"/><IntegerValue>六十'
        '</IntegerValue></VariableValue>'
        '<SourceRef targetGUID="b0000000-0000-0000-0000-000000000001"/></Case></Cases>'
        '<Notes><Note guid="f0000000-0000-0000-0000-000000000001" name="项目备忘"><PlainTextContent>总体印象'
        '</PlainTextContent></Note><Note guid="f0000000-0000-0000-0000-000000000002" name="代码备忘">'
        '<PlainTextContent>巡逻的定义</PlainTextContent></Note></Notes>'
        '<Links><Link guid="a3000000-0000-0000-0000-000000000001" name="is cause of" direction="OneWay" '
        'originGUID="c0000000-0000-0000-0000-000000000001" targetGUID="c0000000-0000-0000-0000-000000000002"/>'
        '<Link guid="a3000000-0000-0000-0000-000000000002" name="mentions" direction="Associative" '
        'originGUID="c0000000-0000-0000-0000-000000000001" targetGUID="b0000000-0000-0000-0000-000000000001"/>'
        '</Links>')
    path = qdpx(tmp_path, project_xml(source(selection(at, at + 5)), codes, extra),
                {"sources/b0000000-0000-0000-0000-000000000001.txt": raw.encode()})
    result = import_file(new, path, workers=1)
    c = content(new)
    assert c["codes"] == [("巡逻", "", "category", "#ff0000", None, False),
                          ("巡逻>安心", "", "concept", "#ff0000", None, False)]
    assert c["documents"] == [("A01 访谈", raw, "A01")]
    assert c["values"] == [("A01", "党员", "true"), ("A01", "访谈日期", "2023-05-17")]
    assert c["relations"] == [("巡逻", "巡逻>安心", "is_cause_of", True, "")]
    assert sorted(c["memos"]) == [("代码备忘", "巡逻的定义", "memo", ("code", "巡逻")),
                                  ("项目备忘", "总体印象", "memo", ("project",))]
    assert c["codings"] == [("巡逻", "A01 访谈", "红袖标巡逻", "张研", "")]  # no creatingUser: the current coder
    assert any("六十" in line and "年龄" in line for line in result.skipped)
    assert any("mentions" in line for line in result.skipped)
    with new.session() as s:  # the participant also speaks the interviewee's turns
        speakers = set(s.execute(select(m.Turn.is_interviewer, m.Turn.participant_id)).all())
    assert (True, None) in speakers and any(not i and p is not None for i, p in speakers)


def test_pdf_with_a_text_representation_and_elements_without_guids(tmp_path, new):
    raw = "受访者：PDF 的文字版本。"
    src = ('<PDFSource guid="b0000000-0000-0000-0000-000000000009" name="论文" path="internal://x.pdf">'
           '<Representation guid="b0000000-0000-0000-0000-00000000000a" '
           'plainTextPath="internal://b0000000-0000-0000-0000-00000000000a.txt">'
           '<PlainTextSelection startPosition="4" endPosition="7">'
           '<Coding><CodeRef targetGUID="c0000000-0000-0000-0000-000000000001"/></Coding></PlainTextSelection>'
           '</Representation><PDFSelection guid="e1000000-0000-0000-0000-000000000001" page="1" firstX="1" '
           'firstY="1" secondX="2" secondY="2"/></PDFSource>')
    codes = '<Code name="甲" isCodable="true"/>' + \
        '<Code guid="c0000000-0000-0000-0000-000000000001" name="乙" isCodable="true"/>'
    path = qdpx(tmp_path, project_xml(src, codes), {"sources/b0000000-0000-0000-0000-00000000000a.txt": raw.encode()})
    first, second = read_refi(path), read_refi(path)
    assert [c.guid for c in first.codes] == [c.guid for c in second.codes]  # derived GUIDs are stable
    assert [c.guid for c in first.codings] == [c.guid for c in second.codings]
    result = import_file(new, path, workers=1)
    assert quotes(new) == ["PDF"]
    assert any("without a usable GUID" in line for line in result.skipped)
    assert any("PDF regions" in line for line in result.skipped)


def test_cli_excel_codebook_dry_run_then_merge(demo, tmp_path, capsys, monkeypatch):
    from openpyxl import Workbook

    monkeypatch.setenv("ZHAGEN_CODER", "张研")
    copy = tmp_path / "copy.zhagen"
    copy.write_bytes(demo.read_bytes())
    book = Workbook()
    book.active.append(["代码", "备忘录"])
    book.active.append(["邻里互助 > 微信群", "居民自发建群"])
    book.save(tmp_path / "码本.xlsx")
    with open_project(copy, backup=False) as store:
        before = stored_state(store)
    assert main(["import", str(copy), str(tmp_path / "码本.xlsx"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run" in out and "new code: 邻里互助>微信群" in out.replace("     new", "new")
    with open_project(copy, backup=False) as store:
        assert stored_state(store) == before
    assert main(["import", str(copy), str(tmp_path / "码本.xlsx")]) == 0
    assert "merged: added 2 codes" in capsys.readouterr().out
    with open_project(copy, backup=False) as store:
        assert {"邻里互助", "邻里互助>微信群"} <= {c[0] for c in content(store)["codes"]}
