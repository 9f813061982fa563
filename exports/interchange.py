"""Import another program's project or codebook: REFI-QDA .qdpx/.qdc, or an Excel codebook in MAXQDA's layout.

`import_file(store, path)` reads the file into an `Incoming` (exports/refi_import.py,
exports/codebook_xlsx.py), segments its texts as our own import does
(speaker turns, sentence units, words; on every core), and then:

- into a project with nothing in it yet: stores it directly, one action
  (coding/services/interchange.py);
- into a project with work in it: stores it in a scratch project in a
  temporary folder and merges that in by the merge rules (coding/merge.py:
  documents by text, codes by GUID, normalised path, then name), one
  undoable action; `dry_run` returns the merge plan and changes nothing.

A file that cannot be read raises InvalidInput naming it and the problem,
before anything is written; what a readable file holds but we cannot keep is
listed in the result's `skipped`, one line each.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import select

from coding import models as m
from coding import values as v
from coding.errors import InvalidInput
from coding.interchange import Incoming
from coding.merge import MergePlan, plan_merge
from coding.services.coders import use_coder
from coding.services.documents import NewDocument
from coding.services.interchange import ImportCounts, store_incoming
from coding.services.merge import MergeSummary, merge_projects
from coding.storage import ProjectStore, create_project
from coding.scratch import folder as scratch_folder
from corpus.pipeline import iter_prepared_texts, project_options

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
SUFFIXES = (".qdpx", ".qdc", ".xlsx", ".zip")


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    path: Path
    origin: str
    stored: ImportCounts | None = None  # the file as read and stored (into this project, or the scratch one)
    merge: MergeSummary | None = None  # set when it was merged into existing work
    plan: MergePlan | None = None  # set for a dry run
    skipped: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    outcome: v.Outcome | None = None  # the stored action (its undo removes the import)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": str(self.path), "origin": self.origin,
                               "mode": "dry-run" if self.plan else "merged" if self.merge else "new"}
        if self.stored is not None:
            out["read"] = {k: val for k, val in self.stored.as_dict().items() if k != "skipped"}
        if self.merge is not None:
            out["merge"] = self.merge.as_dict()
        if self.plan is not None:
            out["plan"] = self.plan.as_dict()
        out["skipped"] = self.skipped
        out["remarks"] = self.remarks
        return out

    def summary(self) -> str:
        s = self.stored
        what = (f"{s.codes} codes, {s.documents} documents, {s.codings} codings, {s.memos} memos, "
                f"{s.relations} relations, {s.participants} participants, {s.attributes} attributes"
                if s else "")
        if self.plan is not None:
            return f"{self.path.name}: dry run — nothing changed; the merge plan follows"
        if self.merge is not None:
            added = ", ".join(f"{n} {table}" for table, n in sorted(self.merge.added.items()) if n) or "nothing new"
            return (f"{self.path.name} ({self.origin or 'unknown program'}): read {what}; merged: added {added}; "
                    f"{self.merge.conflicts} conflicts; {len(self.skipped)} items skipped")
        return (f"{self.path.name} ({self.origin or 'unknown program'}): imported {what}; "
                f"{len(self.skipped)} items skipped")


def read_incoming(path: str | os.PathLike) -> Incoming:
    """The file as an Incoming, by its extension; InvalidInput naming the file when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InvalidInput("{name}: no such file", name=path)
    if suffix == ".xlsx":
        from exports.codebook_xlsx import read_codebook_xlsx

        return read_codebook_xlsx(path)
    if suffix in (".qdpx", ".qdc", ".zip"):
        from exports.refi_import import read_refi

        return read_refi(path)
    raise InvalidInput("{name}: not a REFI-QDA project (.qdpx), codebook (.qdc) or Excel codebook (.xlsx)",
                       name=path.name)


def is_interchange_file(path: str | os.PathLike) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def has_work(store: ProjectStore) -> bool:
    """Whether the project holds anything an import would have to merge with."""
    with store.session() as s:
        return any(s.scalar(select(model.id).limit(1)) is not None
                   for model in (m.Document, m.Code, m.Participant, m.Attribute, m.Memo))


def _segment(store: ProjectStore, incoming: Incoming, progress: Progress | None, cancelled: Cancelled | None,
             workers: int | None, start_method: str | None) -> Iterator[NewDocument]:
    """Each source's segmented document, in order, as the pool finishes them (never all held at once)."""
    if not incoming.sources:
        return
    options = project_options(store)
    items = [(s.name, s.text) for s in incoming.sources]
    documents = iter_prepared_texts(items, options, workers=workers, progress=progress, cancelled=cancelled,
                                    start_method=start_method)
    try:
        for source, doc in zip(incoming.sources, documents):
            yield replace(doc, source_name=source.source_name, encoding=source.encoding)
    finally:
        documents.close()


@dataclass
class Staged:
    """A file read, ready to store: its Incoming and its sources' segmented documents (a generator that
    segments as it is read: consume it once, by `stage` or `store_incoming`)."""

    path: Path
    incoming: Incoming
    documents: Iterator[NewDocument]


def read_and_segment(store: ProjectStore, path: str | os.PathLike, *, progress: Progress | None = None,
                     cancelled: Cancelled | None = None, workers: int | None = None,
                     start_method: str | None = None, incoming: Incoming | None = None) -> Staged:
    """Read PATH (unless INCOMING is what it holds, read before); its texts are segmented with STORE's
    speaker patterns and dictionary as they are stored."""
    incoming = incoming if incoming is not None else read_incoming(path)
    return Staged(Path(path), incoming, _segment(store, incoming, progress, cancelled, workers, start_method))


def stage(store: ProjectStore, staged: Staged, folder: str | os.PathLike, *, progress: Progress | None = None,
          cancelled: Cancelled | None = None) -> tuple[ProjectStore, ImportCounts]:
    """Store STAGED in a scratch project in FOLDER (the caller removes it), with STORE's current coder,
    ready for `plan_merge` / `merge_projects` into STORE. The caller closes the returned store."""
    scratch = create_project(Path(folder) / "incoming.zhagen", staged.incoming.name or staged.path.stem)
    try:
        current = _current_coder(store)
        if current is not None:
            use_coder(scratch, current)
        counts = store_incoming(scratch, staged.incoming, staged.documents, progress=progress,
                                cancelled=cancelled).value
    except BaseException:
        scratch.close()
        raise
    return scratch, counts


def import_file(store: ProjectStore, path: str | os.PathLike, *, prefer: str = "mine", dry_run: bool = False,
                progress: Progress | None = None, cancelled: Cancelled | None = None, workers: int | None = None,
                start_method: str | None = None, incoming: Incoming | None = None) -> ImportResult:
    """Import PATH into STORE (see the module docstring). Raises InvalidInput (nothing changed) when the file
    cannot be read, and a Cancelled error (nothing changed) when `cancelled()` turns true."""

    def steps(first: float, share: float) -> Progress | None:
        if progress is None:
            return None
        return lambda done, total, label: progress(int(1000 * (first + share * done / max(total, 1))), 1000, label)

    staged = read_and_segment(store, path, progress=steps(0, 0.7), cancelled=cancelled, workers=workers,
                              start_method=start_method, incoming=incoming)
    result = ImportResult(staged.path, staged.incoming.origin, remarks=list(staged.incoming.remarks))
    if not has_work(store) and not dry_run:
        outcome = store_incoming(store, staged.incoming, staged.documents, progress=steps(0.7, 0.3),
                                 cancelled=cancelled)
        result.stored, result.outcome = outcome.value, outcome
        result.skipped = list(outcome.value.skipped)
        return result
    with scratch_folder() as folder:
        scratch, result.stored = stage(store, staged, folder, progress=steps(0.7, 0.05), cancelled=cancelled)
        result.skipped = list(result.stored.skipped)
        with scratch:
            if dry_run:
                result.plan = plan_merge(store, scratch, prefer=prefer)
                return result
            outcome = merge_projects(store, scratch, prefer=prefer, progress=steps(0.75, 0.25), cancelled=cancelled)
            result.merge, result.outcome = outcome.value, outcome
    return result


def _current_coder(store: ProjectStore) -> str | None:
    if store.coder_id is None:
        return None
    with store.session() as s:
        return s.scalar(select(m.Coder.name).where(m.Coder.id == store.coder_id))
