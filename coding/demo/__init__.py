"""The demo project: invented interviews on resident mobilisation in Chaoyang, coded by two coders.

`data/demo.json` describes coders, participants, documents (files under
`data/transcripts/`), the code tree (concepts → categories → the 8 main
categories of seed study 001, plus the core category with its 3 pathways),
codings as exact quotes, relations and memos. `build_demo` replays it through
the services in the order a researcher would work: a code is created just
before its first coding, so the event log shows how each category emerged.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from coding.errors import InvalidInput
from coding.services import coders, codes, codings, documents, memos, participants, relations
from coding.services.project import update_project
from coding.storage import ProjectStore, create_project, is_url
from corpus.pipeline import prepare_text

DATA = resources.files(__package__) / "data"


def load_demo_data() -> dict[str, Any]:
    return json.loads((DATA / "demo.json").read_text(encoding="utf-8"))


def demo_text(file_name: str) -> str:
    raw = (DATA / "transcripts" / file_name).read_text(encoding="utf-8")
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))


class _CodeMaker:
    """Creates codes from the demo tree on first use, ancestors first."""

    def __init__(self, store: ProjectStore, tree: list[dict]):
        self.store = store
        self.nodes: dict[str, dict] = {}
        self.ids: dict[str, int] = {}
        self._index(tree, "")

    def _index(self, nodes: list[dict], prefix: str) -> None:
        for node in nodes:
            path = f"{prefix}>{node['name']}" if prefix else node["name"]
            self.nodes[path] = node
            self._index(node.get("children", []), path)

    def id_of(self, path: str) -> int:
        if path in self.ids:
            return self.ids[path]
        if path not in self.nodes:
            raise InvalidInput("demo data: unknown code path {path!r}", path=path)
        parent_path, _, _ = path.rpartition(">")
        parent_id = self.id_of(parent_path) if parent_path else None
        node = self.nodes[path]
        code = codes.create_code(
            self.store, node["name"], parent_id=parent_id, level=node["level"], definition=node.get("definition", ""),
            colour=node.get("colour"), paradigm_role=node.get("paradigm_role"),
        ).value
        self.ids[path] = code.id
        return code.id

    def create_rest(self) -> None:
        for path in self.nodes:  # dict order is tree order
            self.id_of(path)


def build_demo(location: str | os.PathLike) -> dict[str, int]:
    """Create the demo project at a new path or URL; returns a few counts.

    A new file that fails half-way is removed, so no half-built demo is left.
    """
    data = load_demo_data()
    store = create_project(location, name=data["project"]["name"])
    try:
        with store:
            return _fill(store, data)
    except BaseException:
        if not is_url(str(location)):
            for suffix in ("", "-wal", "-shm"):
                Path(str(location) + suffix).unlink(missing_ok=True)
        raise


def _fill(store: ProjectStore, data: dict[str, Any]) -> dict[str, int]:
    update_project(store, description=data["project"].get("description", ""), language=data["project"].get("language", "zh_CN"))
    coder_ids = {}
    for c in data["coders"]:
        coder_ids[c["name"]] = coders.add_coder(store, c["name"], c.get("colour")).value.id
    store.coder_id = coder_ids[data["coders"][0]["name"]]

    attr_ids = {a["name"]: participants.add_attribute(store, a["name"], a["type"]).value.id for a in data["attributes"]}
    person_ids = {}
    for p in data["participants"]:
        pid = participants.add_participant(store, p["id"], p.get("name", "")).value.id
        person_ids[p["id"]] = pid
        for name, value in p.get("attributes", {}).items():
            participants.set_attribute_value(store, pid, attr_ids[name], value)

    texts, new_docs = {}, []
    for d in data["documents"]:
        text = demo_text(d["file"])
        person = person_ids.get(d.get("participant"))
        prepared = prepare_text(d["name"], text, source_name=d["file"], encoding="utf-8")
        turns = tuple(t if t.is_interviewer else replace(t, participant_id=person) for t in prepared.turns)
        new_docs.append(replace(prepared, turns=turns, participant_id=person, held_out=bool(d.get("held_out"))))
        texts[d["file"]] = text
    stored = documents.add_documents(store, new_docs).value
    doc_ids = {d["file"]: doc.id for d, doc in zip(data["documents"], stored)}

    maker = _CodeMaker(store, data["codes"])
    for item in data["codings"]:
        store.coder_id = coder_ids[item["coder"]]
        text, quote = texts[item["document"]], item["quote"]
        start = text.find(quote)
        if start < 0 or text.find(quote, start + 1) >= 0:
            raise InvalidInput("demo data: quote must occur once in {document}: {quote!r}", document=item["document"],
                               quote=quote)
        codings.apply_code(store, maker.id_of(item["code"]), doc_ids[item["document"]], start, start + len(quote))

    store.coder_id = coder_ids[data["coders"][0]["name"]]
    maker.create_rest()
    for r in data["relations"]:
        relations.add_relation(store, maker.id_of(r["source"]), maker.id_of(r["target"]), r["type"], r.get("memo", ""))
    for memo in data["memos"]:
        store.coder_id = coder_ids[memo.get("coder", data["coders"][0]["name"])]
        target = memo.get("target", {})
        memos.add_memo(
            store, memo["title"], memo["text"], kind=memo.get("kind", "memo"),
            code_id=maker.id_of(target["code"]) if "code" in target else None,
            document_id=doc_ids[target["document"]] if "document" in target else None,
        )
    return {
        "documents": len(doc_ids),
        "codes": len(maker.ids),
        "codings": len(data["codings"]),
        "coders": len(coder_ids),
    }
