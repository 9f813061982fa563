"""What the REFI-QDA import tests share: small project files written in the test, readers of what was stored, fixtures."""

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
