"""REFI-QDA import from the review: odd but valid files, names and values as given, hostile archives, flags."""

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
