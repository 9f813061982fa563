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

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "refi-qda" / "samples"
NS = 'xmlns="urn:QDA-XML:project:1.0"'


def content(store) -> dict:
    """What a researcher sees of a project, by names and quotes (no ids, no GUIDs, no times)."""
    with store.session() as s:
        codes = {c.id: c for c in s.scalars(select(m.Code))}

        def path(code_id):
            parts = []
            while code_id is not None:
                parts.append(codes[code_id].name)
                code_id = codes[code_id].parent_id
            return ">".join(reversed(parts))

        docs = {d.id: d for d in s.scalars(select(m.Document))}
        coder = dict(s.execute(select(m.Coder.id, m.Coder.name)).all())
        people = {p.id: p for p in s.scalars(select(m.Participant))}
        attributes = {a.id: a for a in s.scalars(select(m.Attribute))}
        codings = {c.id: c for c in s.scalars(select(m.Coding))}
        relations = {r.id: r for r in s.scalars(select(m.Relation))}

        def target(memo):
            if memo.coding_id:
                c = codings[memo.coding_id]
                return ("coding", path(c.code_id), docs[c.document_id].name, c.start, c.end)
            if memo.relation_id:
                r = relations[memo.relation_id]
                return ("relation", path(r.source_id), path(r.target_id), r.type)
            if memo.code_id:
                return ("code", path(memo.code_id))
            if memo.document_id:
                return ("document", docs[memo.document_id].name)
            return ("project",)

        return {
            "codes": sorted((path(c.id), c.definition, c.level, c.colour, c.paradigm_role, c.in_vivo)
                            for c in codes.values()),
            "documents": sorted((d.name, d.text, people[d.participant_id].pid if d.participant_id else None)
                                for d in docs.values()),
            "codings": sorted((path(c.code_id), docs[c.document_id].name, docs[c.document_id].text[c.start:c.end],
                               coder[c.coder_id], c.comment) for c in codings.values()),
            "memos": sorted((x.title, x.text, x.kind, target(x)) for x in s.scalars(select(m.Memo))),
            "participants": sorted((p.pid, p.name, p.notes) for p in people.values()),
            "attributes": sorted((a.name, a.type) for a in attributes.values()),
            "values": sorted((people[x.participant_id].pid, attributes[x.attribute_id].name, x.value)
                             for x in s.scalars(select(m.AttributeValue))),
            "relations": sorted((path(r.source_id), path(r.target_id), r.type, r.directed, r.memo)
                                for r in relations.values()),
        }


def count(store, model) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def qdpx(tmp_path: Path, xml: str, files: dict[str, bytes] | None = None, name: str = "in.qdpx") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", xml.encode("utf-8"))
        for entry, data in (files or {}).items():
            z.writestr(entry, data)
    return path


def project_xml(sources: str = "", codes: str = "", extra: str = "", origin: str = "Test 1.0") -> str:
    code_book = codes or '<Code guid="c0000000-0000-0000-0000-000000000001" name="甲" isCodable="true"/>'
    return (f'<?xml version="1.0" encoding="utf-8"?><Project {NS} name="t" origin="{origin}">'
            '<Users><User guid="a0000000-0000-0000-0000-000000000001" name="李文"/></Users>'
            f"<CodeBook><Codes>{code_book}</Codes></CodeBook>"
            f"<Sources>{sources}</Sources>{extra}</Project>")


def selection(start: int, end: int, code: str = "c0000000-0000-0000-0000-000000000001", n: int = 1,
              body: str | None = None) -> str:
    inner = body if body is not None else f'<Coding guid="d0000000-0000-0000-0000-{n:012d}"><CodeRef targetGUID="{code}"/></Coding>'
    return (f'<PlainTextSelection guid="e0000000-0000-0000-0000-{n:012d}" startPosition="{start}" '
            f'endPosition="{end}">{inner}</PlainTextSelection>')


def source(body: str, path: str = "internal://b0000000-0000-0000-0000-000000000001.txt", name: str = "A01 访谈",
           guid: str = "b0000000-0000-0000-0000-000000000001") -> str:
    return f'<TextSource guid="{guid}" name="{name}" plainTextPath="{path}">{body}</TextSource>'


def quotes(store) -> list[str]:
    with store.session() as s:
        rows = s.execute(select(m.Document.text, m.Coding.start, m.Coding.end)
                         .join(m.Document, m.Document.id == m.Coding.document_id).order_by(m.Coding.start)).all()
    return [text[a:b] for text, a, b in rows]


@pytest.fixture
def new(tmp_path):
    path = tmp_path / "new.zhagen"
    store = create_project(path, name="new")
    coders.use_coder(store, "张研")
    yield store
    store.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.zhagen"
    build_demo(path)
    return path


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


# ------------------------------------------------------------------ from the review: odd but valid, and hostile


def test_odd_but_valid_xml_imports(tmp_path, new):
    """GBK-declared XML, a 1,500-deep code tree, dates that leave the calendar in UTC, broken convention lines,
    elements without GUIDs that share a name, a code whose GUID repeats, a self-link, a document comment."""
    deep = "".join(f'<Code name="层{i}" isCodable="true">' for i in range(1500)) + "</Code>" * 1500
    codes = (deep + '<Code name="甲" isCodable="true"/><Code name="甲" isCodable="true"/>'
             '<Code guid="c0000000-0000-0000-0000-000000000001" name="乙" isCodable="true">'
             '<Description>x\n[zhagen level="\\q"]</Description></Code>'
             '<Code guid="c0000000-0000-0000-0000-000000000001" name="重复" isCodable="true">'
             '<Code guid="c0000000-0000-0000-0000-000000000003" name="子" isCodable="true"/></Code>'
             '<Code guid="c0000000-0000-0000-0000-000000000004" name="慢" isCodable="true"><Description>[zhagen a='
             + "x" * 60000 + "</Description></Code>")
    raw = "受访者：社区治理需要大家。"
    src = ('<TextSource name="访谈" plainTextPath="internal://a.txt" creationDateTime="9999-12-31T23:59:59-05:00">'
           "<Description>ATLAS.ti 文档注释</Description>"
           '<PlainTextSelection startPosition="4" endPosition="6" creationDateTime="0001-01-01T00:00:00+05:00">'
           '<Coding><CodeRef targetGUID="c0000000-0000-0000-0000-000000000001"/></Coding></PlainTextSelection>'
           '</TextSource><TextSource name="访谈" plainTextPath="internal://b.txt"/>')
    links = ('<Links><Link guid="a3000000-0000-0000-0000-000000000001" name="is cause of" direction="OneWay" '
             'originGUID="c0000000-0000-0000-0000-000000000001" targetGUID="c0000000-0000-0000-0000-000000000001"/>'
             '</Links>')
    xml = project_xml(src, codes, links).replace('encoding="utf-8"', 'encoding="gbk"')
    path = tmp_path / "odd.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", xml.encode("gbk"))
        z.writestr("sources/a.txt", raw.encode())
        z.writestr("sources/b.txt", "受访者：另一份。".encode())
    import time

    started = time.perf_counter()
    result = import_file(new, path, workers=1)
    assert time.perf_counter() - started < 20
    c = content(new)
    paths = [row[0] for row in c["codes"]]
    assert "甲" in paths and "甲 (2)" in paths and len([p for p in paths if p.startswith("层0")]) == 1500
    assert ("乙", 'x\n[zhagen level="\\q"]') == next(row[:2] for row in c["codes"] if row[0] == "乙")
    assert "重复" not in paths and any("重复" in line and "skipped with it" in line for line in result.skipped)
    assert [d[0] for d in c["documents"]] == ["访谈", "访谈 (2)"]
    assert c["codings"] == [("乙", "访谈", "社区", "张研", "")]
    assert ("访谈", "ATLAS.ti 文档注释", "memo", ("document", "访谈")) in c["memos"]
    assert c["relations"] == [] and any("not two different codes" in line for line in result.skipped)


def test_names_users_and_values_as_given(tmp_path, new):
    long_id = "受访者" + "甲" * 57  # 60 characters: a participant ID holds 50
    xml = project_xml("", extra=(
        '<Variables><Variable guid="a1000000-0000-0000-0000-000000000001" name="访谈日期" typeOfVariable="Date"/>'
        '<Variable guid="a1000000-0000-0000-0000-000000000002" name="收入" typeOfVariable="Float"/></Variables>'
        f'<Cases><Case guid="a2000000-0000-0000-0000-000000000001" name="{long_id}">'
        '<VariableValue><VariableRef targetGUID="a1000000-0000-0000-0000-000000000001"/><DateValue>2020-01-01+08:00'
        '</DateValue></VariableValue><VariableValue><VariableRef targetGUID="a1000000-0000-0000-0000-000000000002"/>'
        '<FloatValue>1e400</FloatValue></VariableValue></Case></Cases>')).replace(
        '</Users>', '<User guid="a0000000-0000-0000-0000-000000000002" name="李文"/></Users>')
    result = import_file(new, qdpx(tmp_path, xml), workers=1)
    c = content(new)
    assert c["participants"] == [(long_id[:50], "", "")]
    assert any("longer than 50" in line for line in result.skipped)
    assert c["values"] == [(long_id[:50], "访谈日期", "2020-01-01")]
    assert any("1e400" in line for line in result.skipped)
    with new.session() as s:  # two users of one name are two coders
        assert sorted(s.scalars(select(m.Coder.name))) == ["张研", "李文", "李文 (2)"]


def test_round_trip_keeps_text_fields_and_speakers_verbatim(tmp_path, new):
    from coding.services import codes as code_service
    from coding.services import codings as coding_service
    from coding.services import documents, participants
    from corpus.pipeline import prepare_text

    path = tmp_path / "src.zhagen"
    with create_project(path) as store:
        coders.use_coder(store, "张研")
        text = "访谈者：你们怎么看？\n张三：我们巡逻。\n李四：我也参加。\n访谈者：多久一次？\n张三：每周。\n李四：对。"
        documents.add_documents(store, [prepare_text("座谈", text)], {"张三": "P1", "李四": "P2"})
        participants.update_participant(store, queries_pid(store, "P1"), name="张三")
        code = code_service.create_code(store, "巡逻", definition="  第一行\n第二行\n").value
        doc = documents_by_name(store)["座谈"]
        coding = coding_service.apply_code(store, code.id, doc, text.index("巡逻"), text.index("巡逻") + 2).value
        coding_service.comment_coding(store, coding.id, "  注释  ")
        before = content(store)
        turns_before = speakers_of(store)
        export_qdpx(store, tmp_path / "src.qdpx")
    result = import_file(new, tmp_path / "src.qdpx", workers=1)
    assert content(new) == before
    assert speakers_of(new) == turns_before and ("张三", "P1") in turns_before and ("李四", "P2") in turns_before
    assert not any("Cases refer" in line for line in result.skipped)


def queries_pid(store, pid):
    with store.session() as s:
        return s.scalar(select(m.Participant.id).where(m.Participant.pid == pid))


def documents_by_name(store):
    with store.session() as s:
        return dict(s.execute(select(m.Document.name, m.Document.id)).all())


def speakers_of(store):
    with store.session() as s:
        return sorted(s.execute(select(m.Turn.speaker, m.Participant.pid)
                                .join(m.Participant, m.Participant.id == m.Turn.participant_id, isouter=True)).all())


def test_cli_reads_every_file_before_creating_or_storing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ZHAGEN_CODER", "张研")
    good = tmp_path / "good.qdc"
    good.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0a000000-0000-0000-0000-'
                    '00000000000a" name="甲" isCodable="true"/></Codes></CodeBook>', encoding="utf-8")
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"not a zip")
    target = tmp_path / "new.zhagen"
    assert main(["import", str(target), str(good), str(bad)]) == 1
    assert "bad.qdpx" in capsys.readouterr().err
    assert not target.exists() and not (tmp_path / "new.zhagen-backups").exists()


def test_a_docx_bomb_as_rich_text_is_refused_and_the_rest_imports(tmp_path, new):
    docx = pytest.importorskip("docx")
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info, src.read(info.filename))
        z.writestr("word/media/big.bin", b"\0" * (4 * 1024 * 1024))
    src = ('<TextSource guid="b0000000-0000-0000-0000-000000000002" name="炸弹" '
           'richTextPath="internal://bomb.docx"/>' + source(selection(4, 6)))
    path = qdpx(tmp_path, project_xml(src), {"sources/bomb.docx": bomb.getvalue(),
                                            "sources/b0000000-0000-0000-0000-000000000001.txt": "受访者：社区。".encode()})
    result = import_file(new, path, workers=1)
    assert quotes(new) == ["社区"]
    assert any("炸弹" in line and "zip bomb" in line for line in result.skipped)


def test_codebook_merges_into_work_on_both_backends(store, tmp_path):
    """On SQLite and PostgreSQL: the scratch project is a file, the project a server database."""
    from coding.services import codes as code_service

    code_service.create_code(store, "社区归属感", level="main")
    path = tmp_path / "book.qdc"
    path.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                    '<Code guid="0a000000-0000-0000-0000-00000000000a" name="社區歸屬感" isCodable="true">'
                    '<Code guid="0a000000-0000-0000-0000-00000000000b" name="家园意识" isCodable="true"/></Code>'
                    '</Codes></CodeBook>', encoding="utf-8")
    result = import_file(store, path)
    assert result.merge.added.get("codes") == 1
    assert sorted(c[0] for c in content(store)["codes"]) == ["社区归属感", "社区归属感>家园意识"]


def test_cli_refuses_flags_that_do_not_apply(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ZHAGEN_CODER", "张研")
    target = tmp_path / "p.zhagen"
    create_project(target).close()
    transcript = tmp_path / "a.txt"
    transcript.write_text("访谈者：您好。\n受访者：您好。", encoding="utf-8")
    book = tmp_path / "b.qdc"
    book.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0a000000-0000-0000-0000-'
                    '00000000000a" name="甲" isCodable="true"/></Codes></CodeBook>', encoding="utf-8")
    with open_project(target, backup=False) as store:
        before = stored_state(store)
    assert main(["import", str(target), str(transcript), "--prefer", "mine"]) == 1
    assert "--prefer applies to .qdpx/.qdc/.xlsx files" in capsys.readouterr().err
    assert main(["import", str(target), str(book), "--rename", "答=受访者"]) == 1
    assert "--rename apply to transcripts" in capsys.readouterr().err
    assert main(["import", str(target), str(book), "--encoding", "gbk"]) == 1
    assert "--encoding" in capsys.readouterr().err
    with open_project(target, backup=False) as store:
        assert stored_state(store) == before
    assert main(["import", str(target), str(book), "--prefer", "theirs"]) == 0


def _named(start: int, end: int, name: str, n: int) -> str:
    return (f'<PlainTextSelection guid="e0000000-0000-0000-0000-{n:012d}" name="{name}" startPosition="{start}" '
            f'endPosition="{end}"><Coding guid="d0000000-0000-0000-0000-{n:012d}">'
            '<CodeRef targetGUID="c0000000-0000-0000-0000-000000000001"/></Coding></PlainTextSelection>')


def _u16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


@pytest.mark.parametrize("crlf", [False, True])
def test_qualcoder_mixes_code_points_and_utf16_in_one_source(tmp_path, new, crlf):
    """QualCoder keeps code points for codings it imported and counts UTF-16 units for codings made in its own
    window after 👍; each selection's name holds its quote, which decides how that selection is read. With
    crlf, the file has CRLF line ends while QualCoder counted its positions with LF (as it holds the text)."""
    text = "受访者：我觉得挺好👍，社区治理大家都参与。\n访谈者：还有呢？\n受访者：😀就是心里踏实，邻里都很熟。"
    imported = ["社区治理", "心里踏实"]  # code points
    made_here = ["大家都参与", "邻里都很熟"]  # UTF-16 units: 👍 (and 😀) count twice
    selections = []
    for n, quote in enumerate(imported, 1):
        start = text.index(quote)
        selections.append(_named(start, start + len(quote), quote, n))
    for n, quote in enumerate(made_here, 3):
        start = text.index(quote)
        selections.append(_named(_u16(text, start), _u16(text, start + len(quote)), quote, n))
    start = text.index("受访者")
    selections.append(_named(start, start + 3, "受访者", 5))  # before 👍: every reading agrees
    start = text.index("还有呢")
    selections.append(_named(start, start + 3, "完全不同的名字", 6))  # a name that is no reading's text
    raw = text.replace("\n", "\r\n") if crlf else text
    path = qdpx(tmp_path, project_xml(source("".join(selections)), origin="QualCoder 3.6"),
                {"sources/b0000000-0000-0000-0000-000000000001.txt": raw.encode("utf-8")})
    result = import_file(new, path, workers=1)
    assert result.stored.codings == 6
    got = quotes(new)
    odd = next(q for q in got if q not in imported + made_here + ["受访者"])  # coded by the source's reading
    assert sorted(got) == sorted(imported + made_here + ["受访者", odd])
    unmatched = [line for line in result.remarks if "not the text at their offsets" in line]
    assert len(unmatched) == 1 and unmatched[0].startswith("TextSource 'A01 访谈': 1 selections whose quote")
    assert "'完全不同的名字'" in unmatched[0]  # reported, naming the selection
    first = "UTF-16 units" if "coded as UTF-16 units like the rest" in unmatched[0] else "code points"
    read_as = [line for line in result.remarks if "as their quotes show" in line]
    if crlf:  # QualCoder counted with LF ends: the selections after a line break say so by their quotes
        assert any("with LF line ends, as their quotes show" in line for line in read_as)
    else:
        assert odd == ("还有呢" if first == "code points" else "：还有")
        other = "UTF-16 units" if first == "code points" else "code points"
        assert read_as == [f"TextSource 'A01 访谈': 2 selections read as {other}, as their quotes show (the others "
                           f"as {first})"]
    assert not [line for line in result.skipped if "selection" in line]
