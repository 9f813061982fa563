"""REFI-QDA export (.qdpx / .qdc): schema-valid, exact offsets, stable GUIDs, our GT convention, the CLI."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding import models as m
from coding.cli import main
from coding.services import codes, coders, codings, documents, memos, participants, project, relations
from coding.storage import open_project
from exports import refi
from exports.refi import derived_guid, export_qdc, export_qdpx

SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "refi-qda" / "schemas"
P = "{urn:QDA-XML:project:1.0}"
CB = "{urn:QDA-XML:codebook:1.0}"
TEXT = ("访谈者：您觉得“朝阳群众”这个说法怎么样？\n"
        "受访者：𠮷祥的说法👍🏽，我们都挺自豪的。社區治理共同體的構建需要大家。\n"
        "访谈者：还有呢？\n受访者：😀就是心里踏实。")
GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


@pytest.fixture(scope="module")
def schemas():
    xmlschema = pytest.importorskip("xmlschema")
    project_xsd, codebook_xsd = SCHEMAS / "Project-mrt2019.xsd", SCHEMAS / "Codebook-mrt2019.xsd"
    if not (project_xsd.exists() and codebook_xsd.exists()):
        pytest.skip(f"REFI-QDA schemas not found in {SCHEMAS}")
    return xmlschema.XMLSchema(str(project_xsd)), xmlschema.XMLSchema(str(codebook_xsd))


@pytest.fixture
def built(store):
    """A small project with every kind of object the export writes."""
    project.update_project(store, name="扎根測試 𠮷", description="项目说明：群防群治。")
    a01 = participants.add_participant(store, "A01", name="王秀兰", notes="退休教师").value
    participants.add_participant(store, "A02")
    typed = {"角色": ("text", "志愿者"), "年龄": ("integer", 63), "收入": ("float", 0.0000125),
             "党员": ("boolean", True), "访谈日期": ("date", date(2023, 5, 17))}
    for name, (kind, value) in typed.items():
        attribute = participants.add_attribute(store, name, kind).value
        participants.set_attribute_value(store, a01.id, attribute.id, value)
    doc = documents.add_document(store, "A01 居民访谈", TEXT, participant_id=a01.id).value
    documents.add_document(store, "B 空白文档", "没有编码。")
    main_code = codes.create_code(store, "社区归属感", level="main", definition="对社区的认同。\n第二行。",
                                  colour="#d62728", paradigm_role="causal_condition").value
    concept = codes.create_code(store, "𠮷祥说法", parent_id=main_code.id, in_vivo=True).value
    other = codes.create_code(store, "社區治理", level="category").value
    spans = {}
    for quote, code in (("𠮷祥的说法👍🏽", concept), ("社區治理共同體", other), ("😀就是心里踏实", concept)):
        start = TEXT.index(quote)
        spans[quote] = codings.apply_code(store, code.id, doc.id, start, start + len(quote)).value
    codings.comment_coding(store, spans["社區治理共同體"].id, "繁體字段落")
    coders.use_coder(store, "李文")
    start = TEXT.index("自豪")
    codings.apply_code(store, other.id, doc.id, start, start + 2)
    relation = relations.add_relation(store, main_code.id, other.id, "is_cause_of", memo="归属感促成治理。").value
    relations.add_relation(store, concept.id, other.id, "is_associated_with", directed=False)
    memos.add_memo(store, "关于吉祥", "编码备忘录 👍🏽", kind="code_note", coding_id=spans["𠮷祥的说法👍🏽"].id)
    memos.add_memo(store, "归属感", "范畴备忘", kind="theoretical", code_id=main_code.id)
    memos.add_memo(store, "访谈印象", "很健谈", document_id=doc.id)
    memos.add_memo(store, "关系的内涵", "补充", relation_id=relation.id)
    memos.add_memo(store, "故事线", "居民动员的故事线。", kind="storyline")
    return store


def qde(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("project.qde")


def guids(xml: bytes) -> list[str]:
    return GUID.findall(xml.decode("utf-8"))


def test_hand_built_export_is_valid_and_complete(built, schemas, tmp_path):
    report = export_qdpx(built, tmp_path / "p.qdpx")
    schemas[0].validate(qde(tmp_path / "p.qdpx").decode("utf-8"))
    assert (report.codes, report.sources, report.codings, report.links, report.cases, report.variables,
            report.users) == (3, 2, 4, 2, 2, 5, 2)
    assert report.notes == 5 + 1  # five memos and the relation's own memo
    report = export_qdc(built, tmp_path / "p.qdc")
    schemas[1].validate((tmp_path / "p.qdc").read_text(encoding="utf-8"))
    assert report.codes == 3


def test_demo_exports_are_valid_with_matching_counts(schemas, tmp_path):
    path = tmp_path / "demo.zhagen"
    assert main(["demo", str(path)]) == 0
    with open_project(path, backup=False) as store:
        report = export_qdpx(store, tmp_path / "demo.qdpx")
        book = export_qdc(store, tmp_path / "demo.qdc")
        with store.session() as s:
            count = {model: s.scalar(select(func.count()).select_from(model))
                     for model in (m.Code, m.Document, m.Coding, m.Memo, m.Relation, m.Participant, m.Attribute,
                                   m.Coder)}
            relation_memos = s.scalar(select(func.count()).where(m.Relation.memo != ""))
    schemas[0].validate(qde(tmp_path / "demo.qdpx").decode("utf-8"))
    schemas[1].validate((tmp_path / "demo.qdc").read_text(encoding="utf-8"))
    assert (report.codes, report.sources, report.codings, report.notes, report.links, report.cases,
            report.variables, report.users) == (
        count[m.Code], count[m.Document], count[m.Coding], count[m.Memo] + relation_memos, count[m.Relation],
        count[m.Participant], count[m.Attribute], count[m.Coder])
    assert book.codes == count[m.Code]
    root = ET.fromstring(qde(tmp_path / "demo.qdpx"))
    assert len(root.findall(f".//{P}PlainTextSelection")) == count[m.Coding]
    assert len(root.findall(f".//{P}Code")) == count[m.Code]


def test_source_files_are_utf8_without_bom_with_lf(built, tmp_path):
    export_qdpx(built, tmp_path / "p.qdpx")
    with built.session() as s:
        stored = dict(s.execute(select(m.Document.guid, m.Document.text)).all())
    root = ET.fromstring(qde(tmp_path / "p.qdpx"))
    note_files = {f"sources/{n.get('guid')}.txt" for n in root.iter(f"{P}Note")}  # the notes' text, see below
    with zipfile.ZipFile(tmp_path / "p.qdpx") as z:
        names = sorted(n for n in z.namelist() if n != "project.qde" and n not in note_files)
        assert names == sorted(f"sources/{g}.txt" for g in stored)
        for name in [*names, *note_files]:
            data = z.read(name)
            assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
            if name in names:
                assert data.decode("utf-8") == stored[name[len("sources/"):-4]]
    for source in root.iter(f"{P}TextSource"):
        assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"


def test_selections_slice_the_stored_quotes(built, tmp_path):
    export_qdpx(built, tmp_path / "p.qdpx")
    with built.session() as s:
        quotes = {g: t[a:b] for g, t, a, b in s.execute(
            select(m.Coding.guid, m.Document.text, m.Coding.start, m.Coding.end)
            .join(m.Document, m.Document.id == m.Coding.document_id)).all()}
    root = ET.fromstring(qde(tmp_path / "p.qdpx"))
    seen = {}
    with zipfile.ZipFile(tmp_path / "p.qdpx") as z:
        for source in root.iter(f"{P}TextSource"):
            text = z.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
            for selection in source.iter(f"{P}PlainTextSelection"):
                coding = selection.find(f"{P}Coding")
                seen[coding.get("guid")] = text[int(selection.get("startPosition")):int(selection.get("endPosition"))]
    assert seen == quotes
    assert {"𠮷祥的说法👍🏽", "社區治理共同體", "😀就是心里踏实", "自豪"} == set(seen.values())


def test_guids_are_stored_and_stable(built, tmp_path):
    export_qdpx(built, tmp_path / "a.qdpx")
    export_qdpx(built, tmp_path / "b.qdpx")
    first, second = qde(tmp_path / "a.qdpx"), qde(tmp_path / "b.qdpx")
    assert guids(first) == guids(second) and first == second
    export_qdc(built, tmp_path / "a.qdc")
    export_qdc(built, tmp_path / "b.qdc")
    assert (tmp_path / "a.qdc").read_bytes() == (tmp_path / "b.qdc").read_bytes()
    with built.session() as s:
        stored = set()
        for model in (m.Code, m.Coder, m.Document, m.Coding, m.Memo, m.Relation, m.Participant, m.Attribute):
            stored |= set(s.scalars(select(model.guid)))
        project_guid = s.scalar(select(m.Project.guid))
        coding_guids = list(s.scalars(select(m.Coding.guid)))
        relation_guid = s.scalar(select(m.Relation.guid).where(m.Relation.memo != ""))
    derived = {derived_guid(project_guid, "selection", g) for g in coding_guids}
    derived.add(derived_guid(project_guid, "relation-memo", relation_guid))
    assert set(guids(first)) == stored | derived


def test_structure_notes_links_cases_and_conventions(built, tmp_path):
    export_qdpx(built, tmp_path / "p.qdpx")
    root = ET.fromstring(qde(tmp_path / "p.qdpx"))
    assert root.get("name") == "扎根測試 𠮷" and root.get("origin").startswith("Zhagen")
    assert root.find(f"{P}Description").text == "项目说明：群防群治。"
    notes = {n.get("guid"): n for n in root.iter(f"{P}Note")}
    by_title = {n.get("name"): n for n in notes.values()}
    assert by_title["故事线"].find(f"{P}Description").text == "[zhagen kind=storyline]"
    assert by_title["故事线"].find(f"{P}PlainTextContent").text == "居民动员的故事线。"
    assert [r.get("targetGUID") for r in root.findall(f"{P}NoteRef")] == [by_title["故事线"].get("guid")]

    code = {c.get("name"): c for c in root.iter(f"{P}Code")}
    assert code["社区归属感"].find(f"{P}Description").text == (
        "对社区的认同。\n第二行。\n[zhagen level=main role=causal_condition]")
    assert code["𠮷祥说法"].find(f"{P}Description").text == "[zhagen level=concept in_vivo=true]"
    assert code["社区归属感"].get("color") == "#D62728" and code["社区归属感"].get("isCodable") == "true"
    assert code["𠮷祥说法"] in list(code["社区归属感"])  # nested
    assert [notes[r.get("targetGUID")].get("name") for r in code["社区归属感"].findall(f"{P}NoteRef")] == ["归属感"]

    source = next(s for s in root.iter(f"{P}TextSource") if s.get("name") == "A01 居民访谈")
    assert [notes[r.get("targetGUID")].get("name") for r in source.findall(f"{P}NoteRef")] == ["访谈印象"]
    selections = source.findall(f"{P}PlainTextSelection")
    assert [s.find(f"{P}Description").text for s in selections if s.find(f"{P}Description") is not None] == ["繁體字段落"]
    coded_memo = [notes[r.get("targetGUID")].get("name") for s in selections for r in s.iter(f"{P}NoteRef")]
    assert coded_memo == ["关于吉祥"]
    users = {u.get("name"): u.get("guid") for u in root.iter(f"{P}User")}
    assert sorted(s.find(f"{P}Coding").get("creatingUser") for s in selections) == sorted(
        [users["张研"]] * 3 + [users["李文"]])

    links = {link.get("name"): link for link in root.iter(f"{P}Link")}
    assert links["is_cause_of"].get("direction") == "OneWay"
    assert links["is_cause_of"].get("originGUID") == code["社区归属感"].get("guid")
    assert links["is_associated_with"].get("direction") == "Associative"
    memo_names = [notes[r.get("targetGUID")] for r in links["is_cause_of"].findall(f"{P}NoteRef")]
    assert [n.find(f"{P}PlainTextContent").text for n in memo_names] == ["归属感促成治理。", "补充"]
    assert memo_names[0].find(f"{P}Description").text == "[zhagen kind=relation_memo]"

    case = {c.get("name"): c for c in root.iter(f"{P}Case")}
    assert case["A01"].find(f"{P}Description").text == '退休教师\n[zhagen name="王秀兰"]'
    assert [r.get("targetGUID") for r in case["A01"].findall(f"{P}SourceRef")] == [source.get("guid")]
    assert case["A02"].find(f"{P}SourceRef") is None
    variables = {v.get("guid"): (v.get("name"), v.get("typeOfVariable")) for v in root.iter(f"{P}Variable")}
    values = {variables[v.find(f"{P}VariableRef").get("targetGUID")]: (v[1].tag[len(P):], v[1].text)
              for v in case["A01"].findall(f"{P}VariableValue")}
    assert values == {("角色", "Text"): ("TextValue", "志愿者"), ("年龄", "Integer"): ("IntegerValue", "63"),
                      ("收入", "Float"): ("FloatValue", "0.0000125"), ("党员", "Boolean"): ("BooleanValue", "true"),
                      ("访谈日期", "Date"): ("DateValue", "2023-05-17")}


def test_qdc_is_the_nested_codebook(built, tmp_path):
    export_qdc(built, tmp_path / "p.qdc")
    root = ET.parse(tmp_path / "p.qdc").getroot()
    assert root.tag == f"{CB}CodeBook"
    assert [c.get("name") for c in root.find(f"{CB}Codes")] == ["社区归属感", "社區治理"]
    assert [c.get("name") for c in root.iter(f"{CB}Code")] == ["社区归属感", "𠮷祥说法", "社區治理"]
    assert not (tmp_path / "p.qdc").read_bytes().startswith(b"\xef\xbb\xbf")


def test_qdc_of_a_project_without_codes_is_refused(store, tmp_path):
    from coding.errors import ZhagenError

    with pytest.raises(ZhagenError, match="no codes"):
        export_qdc(store, tmp_path / "p.qdc")
    assert not (tmp_path / "p.qdc").exists()


def test_a_failed_export_leaves_the_old_file(built, tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "p.qdpx"
    out.write_bytes(b"old")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(refi.zipfile.ZipFile, "writestr", broken)
    with pytest.raises(OSError) as info:
        export_qdpx(built, out)
    assert info.value.filename == str(out)
    assert out.read_bytes() == b"old" and [p.name for p in out.parent.iterdir()] == ["p.qdpx"]


def test_derived_guids_are_deterministic():
    project_guid = "6fb28e45-dd10-4e0d-8fab-5b059d0ca7a8"
    first = derived_guid(project_guid, "selection", "abc")
    assert first == derived_guid(project_guid, "selection", "abc") != derived_guid(project_guid, "selection", "abd")
    assert GUID.fullmatch(first)


# ------------------------------------------------------------------ zhagen export


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("demo") / "demo.zhagen")
    assert main(["demo", path]) == 0
    return path


@pytest.mark.parametrize("name", ["out.qdpx", "OUT.QDC"])
def test_cli_export_prints_one_line(demo, tmp_path, capsys, name):
    out = tmp_path / name
    assert main(["export", demo, str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1 and printed.startswith(f"wrote {out}: REFI-QDA") and out.exists()


def test_cli_export_unwritable_path_is_one_line(demo, tmp_path, capsys):
    out = tmp_path / "taken.qdpx"
    out.mkdir()  # a folder where the file should go: the final move fails
    assert main(["export", demo, str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"zhagen: {out}: ")
    assert [p.name for p in tmp_path.iterdir()] == ["taken.qdpx"]  # no temporary file left
    assert main(["export", demo, str(tmp_path / "no" / "out.qdc")]) == 1
    assert capsys.readouterr().err == f"zhagen: {tmp_path / 'no'}: no such folder\n"


def test_cli_refuses_table_options_for_refi(demo, tmp_path, capsys):
    assert main(["export", demo, str(tmp_path / "out.qdpx"), "--pseudonymise"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--pseudonymise applies to .xlsx exports only" in err


def test_notes_are_readable_from_their_text_file_as_qualcoder_reads_them(built, schemas, tmp_path):
    """QualCoder takes a Note's text only from the file plainTextPath names (internal:// → sources/);
    others read PlainTextContent. Both hold the same text, and the export stays schema-valid."""
    memos.add_memo(built, "空备忘", "")
    out = tmp_path / "p.qdpx"
    report = export_qdpx(built, out)
    xml = qde(out)
    schemas[0].validate(xml.decode("utf-8"))
    root = ET.fromstring(xml)
    notes = root.findall(f"{P}Notes/{P}Note")
    assert len(notes) == report.notes == 7
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        for note in notes:
            path = note.get("plainTextPath")
            assert path == f"internal://{note.get('guid')}.txt"
            entry = "sources" + path.split("internal:/")[1]  # how QualCoder resolves it
            assert entry in names
            inline = note.find(f"{P}PlainTextContent").text or ""
            assert z.read(entry).decode("utf-8") == inline
        by_name = {n.get("name"): n for n in notes}
        assert z.read(f"sources/{by_name['故事线'].get('guid')}.txt").decode("utf-8") == "居民动员的故事线。"
        assert z.read(f"sources/{by_name['关于吉祥'].get('guid')}.txt").decode("utf-8") == "编码备忘录 👍🏽"
        assert z.read(f"sources/{by_name['空备忘'].get('guid')}.txt") == b""


def test_notes_round_trip_through_their_files_alone(built, tmp_path):
    """A reader that keeps only plainTextPath (QualCoder re-exporting) loses no memo text: our import
    reads the file when the inline text is gone, and export → import → export gives the same notes."""
    from exports.interchange import import_file
    from coding.storage import create_project

    memos.add_memo(built, "空备忘", "")
    one = tmp_path / "one.qdpx"
    export_qdpx(built, one)
    stripped = tmp_path / "stripped.qdpx"
    text = re.sub(r"<PlainTextContent>.*?</PlainTextContent>|<PlainTextContent />", "",
                  qde(one).decode("utf-8"), flags=re.S)
    with zipfile.ZipFile(one) as src, zipfile.ZipFile(stripped, "w") as dst:
        for entry in src.namelist():
            dst.writestr(entry, text.encode("utf-8") if entry == "project.qde" else src.read(entry))
    assert "PlainTextContent" not in text

    def notes(path: Path) -> list[tuple]:
        root = ET.fromstring(qde(path))
        kept = []
        for n in root.iter(f"{P}Note"):
            tag = n.find(f"{P}Description").text
            guid = None if tag == "[zhagen kind=relation_memo]" else n.get("guid")  # derived from the project's
            kept.append((guid, n.get("name"), tag, n.find(f"{P}PlainTextContent").text or ""))
        return sorted(kept, key=str)

    for i, source in enumerate((one, stripped)):
        with create_project(tmp_path / f"copy{i}.zhagen") as copy:
            result = import_file(copy, source, workers=1)
            assert result.skipped == []
            export_qdpx(copy, tmp_path / f"two{i}.qdpx")
        assert notes(tmp_path / f"two{i}.qdpx") == notes(one)


@pytest.fixture
def shared_names(tmp_path) -> Path:
    """Two categories each with a concept 其他, and a top-level code named as the second rename would be."""
    from coding.storage import create_project

    path = tmp_path / "shared.zhagen"
    create_project(path, name="shared").close()
    with open_project(path, backup=False) as store:
        coders.use_coder(store, "张研")
        text = "我们参加社区活动，也参与社区治理，还有别的。"
        doc = documents.add_document(store, "A01", text).value
        for parent_name in ("社区参与", "社区治理"):
            parent = codes.create_code(store, parent_name, level="category").value
            other = codes.create_code(store, "其他", parent_id=parent.id).value
            start = text.index("社区")
            codings.apply_code(store, other.id, doc.id, start, start + 4)
        codes.create_code(store, "其他 (社区治理)", level="none")
    return path


def test_cli_warns_about_shared_code_names(shared_names, tmp_path, capsys):
    out = tmp_path / "out.qdpx"
    assert main(["export", str(shared_names), str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("\n") == 1
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("zhagen: warning: code names used by more than one code (1): 其他;")
    assert "QualCoder" in captured.err and "--unique-names" in captured.err
    names = [c.get("name") for c in ET.fromstring(qde(out)).iter(f"{P}Code")]
    assert names.count("其他") == 2  # written as they are, only reported
    assert main(["export", str(shared_names), str(tmp_path / "out.qdc")]) == 0
    assert "warning" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["out.qdpx", "out.qdc"])
def test_unique_names_makes_every_code_name_unique_in_the_file_only(shared_names, schemas, tmp_path, capsys, name):
    from tests.conftest import stored_state

    with open_project(shared_names, backup=False) as store:
        before = stored_state(store)
    out = tmp_path / name
    assert main(["export", str(shared_names), str(out), "--unique-names"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "to keep code names unique: 1\n" in captured.out
    xml = qde(out) if name.endswith(".qdpx") else out.read_bytes()
    (schemas[0] if name.endswith(".qdpx") else schemas[1]).validate(xml.decode("utf-8"))
    ns = P if name.endswith(".qdpx") else CB
    root = ET.fromstring(xml)
    tree = {c.get("name"): [k.get("name") for k in c.findall(f"{ns}Code")] for c in root.iter(f"{ns}Code")}
    assert sorted(tree) == sorted(["社区参与", "其他", "社区治理", "其他 (社区治理) (2)", "其他 (社区治理)"])
    assert tree["社区参与"] == ["其他"] and tree["社区治理"] == ["其他 (社区治理) (2)"]
    if name.endswith(".qdpx"):  # every coding still points at a code with a name of its own
        guid_name = {c.get("guid"): c.get("name") for c in root.iter(f"{P}Code")}
        coded = [guid_name[r.get("targetGUID")] for r in root.iter(f"{P}CodeRef")]
        assert sorted(coded) == ["其他", "其他 (社区治理) (2)"]
    with open_project(shared_names, backup=False) as store:
        assert stored_state(store) == before  # the project keeps its names


def test_unique_names_is_for_refi_only(shared_names, tmp_path, capsys):
    assert main(["export", str(shared_names), str(tmp_path / "out.xlsx"), "--unique-names"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--unique-names applies to .qdpx and .qdc exports only" in err


def test_the_serialiser_writes_what_elementtree_writes(built, tmp_path):
    """project.qde is written by a serialiser with a stack (ET.tostring recurses once per level of the code
    tree); on a real project its text is ElementTree's, character for character."""
    export_qdpx(built, tmp_path / "p.qdpx")
    root = ET.fromstring(qde(tmp_path / "p.qdpx"))
    for element in root.iter():
        element.tag = element.tag.rsplit("}", 1)[-1]
    root.set("xmlns", "urn:QDA-XML:project:1.0")
    next(root.iter("Note")).text = 'a & b < c > d " e \r\n\t'
    next(root.iter("Code")).set("name", 'a & b < c > d " e \r\n\t')
    assert refi._serialise(root) == ET.tostring(root, encoding="unicode")
