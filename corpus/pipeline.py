"""The import pipeline: files → decoded text → header, turns, units, tokens → one stored batch.

`prepare_file` is pure (no database) so it runs in worker processes; a pool
spreads segmentation over the cores. Each file's speaker choices (renamed,
merged, interviewer, participant, not a speaker: see corpus.turnplan) are made
on its turns before units are cut. `import_files` prepares every file,
reports each bad or duplicate file with a one-line reason, and stores all the
good ones in one transaction through `coding.services.documents.add_documents`,
so a cancelled or failed import leaves the project exactly as it was.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from coding import queries
from coding import values as v
from coding.errors import ImportCancelled, InvalidInput
from coding.services._checks import clean_name
from coding.messages import Message
from coding.services.documents import DOCUMENT_NAME, NewDocument, TurnSpec, UnitSpec, add_documents
from coding.storage import ProjectStore
from corpus.readers import ReadError, read_file, short
from corpus.speakers import SpeakerPatterns, segment_turns
from corpus.turnplan import ChoiceError, Choices, apply, default_choices, participants, problems, summarise
from corpus.units import DEFAULT_USER_WORDS, pipeline, segment_units

Progress = Callable[[int, int, str], None]  # done, total, file name
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class ImportOptions:
    encoding: str | None = None
    unit_mode: str = "sentence"  # or "clause"
    patterns: SpeakerPatterns = field(default_factory=SpeakerPatterns)
    user_words: tuple[str, ...] = DEFAULT_USER_WORDS
    # a file without choices of its own gets the default ones: its one non-interviewer label is its participant
    default_participants: bool = False


@dataclass(frozen=True)
class Prepared:
    path: str
    document: NewDocument
    sha256: str
    speakers: tuple[str, ...]


@dataclass(frozen=True)
class FileReport:
    """What happened to one file: imported (with counts), skipped or failed (with the reason)."""

    path: str
    status: str  # imported | skipped | failed
    reason: str = ""  # a Message: the GUI says it in Chinese
    name: str = ""
    encoding: str = ""
    turns: int = 0
    units: int = 0
    speakers: tuple[str, ...] = ()
    document_id: int | None = None
    participants: tuple[str, ...] = ()  # participant IDs linked to its turns (not counting the interviewer's)


@dataclass(frozen=True)
class ImportReport:
    files: tuple[FileReport, ...]
    outcome: v.Outcome | None = None  # the stored batch (its undo removes it again)

    @property
    def failed(self) -> tuple[FileReport, ...]:
        return tuple(f for f in self.files if f.status == "failed")

    @property
    def imported(self) -> tuple[FileReport, ...]:
        return tuple(f for f in self.files if f.status == "imported")


def prepare_text(name: str, text: str, *, source_name: str = "", encoding: str = "", options: ImportOptions | None = None,
                 choices: Choices | None = None) -> NewDocument:
    """Segment normalised text into header metadata, turns (with the file's speaker choices made), units and tokens."""
    options = options or ImportOptions()
    seg = segment_turns(text, options.patterns)
    if choices is None and options.default_participants:
        choices = default_choices(summarise(source_name or name, text, seg))
    if choices:
        seg = apply(text, seg, choices)
    spans = [(t.start, t.end) for t in seg.turns]
    units, tokens = segment_units(text, spans, options.unit_mode, tuple(options.user_words))
    return NewDocument(
        name=name,
        text=text,
        source_name=source_name,
        encoding=encoding,
        meta=seg.meta,
        turns=tuple(TurnSpec(t.start, t.end, t.speaker, None, t.is_interviewer, t.timestamp) for t in seg.turns),
        units=tuple(UnitSpec(u.start, u.end, options.unit_mode, u.turn) for u in units),
        tokens=tokens,  # an array of offsets: 4 bytes each, not a Python int
        speaker_pids=participants(choices) if choices else {},
    )


def prepare_file(path: str, options: ImportOptions, choices: Choices | None = None) -> Prepared:
    """Read and segment one file; raises ReadError with the reason."""
    p = Path(path)
    raw = read_file(p, options.encoding)
    doc = prepare_text(p.stem, raw.text, source_name=p.name, encoding=raw.encoding, options=options, choices=choices)
    return Prepared(
        path=path,
        document=doc,
        sha256=hashlib.sha256(raw.text.encode("utf-8")).hexdigest(),
        speakers=tuple(sorted({t.speaker for t in doc.turns if t.speaker})),
    )


INTERNAL_ERROR = "could not be read because of an error in Zhagen"  # how a bug of ours is reported: never expected


def _prepare_or_reason(item: tuple[str, Choices | None], options: ImportOptions) -> Prepared | Message:
    """The prepared file (path and its choices), or why it is refused: always one short line, never a traceback."""
    try:
        return prepare_file(item[0], options, item[1])
    except ReadError as exc:
        return exc.message
    except ChoiceError as exc:
        return Message("speaker choices: {problem}", problem=exc.message)
    except MemoryError:
        return Message("too large to segment in memory; split it")
    except RecursionError:
        return Message("nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - a bug of ours must refuse the file, not end the whole import
        return Message("could not be read because of an error in Zhagen ({detail}); please report it",
                       detail=f"{type(exc).__name__}: {short(exc, 100)}")


def iter_prepared(
    paths: Sequence[str],
    options: ImportOptions,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    start_method: str | None = None,
    choices: Mapping[str, Choices] | None = None,
) -> Iterator[Prepared | str]:
    """Prepared files (or the reason a file failed) in input order, as they are ready.

    `choices` holds each file's speaker choices, keyed by its path as given.

    With several files, a process pool segments them on every core. From a
    command line the workers are forked after the pipeline is loaded, so they
    start with jieba's dictionary in memory; a program with threads (the GUI)
    passes start_method="spawn", since forking a threaded process is unsafe.
    """
    workers = workers if workers is not None else _auto_workers(len(paths), _file_bytes(paths))
    items = [(path, (choices or {}).get(path)) for path in paths]
    return _pooled(partial(_prepare_or_reason, options=options), items, paths, options, workers, progress, cancelled,
                   start_method)


def _segment(item: tuple[str, str], options: ImportOptions) -> NewDocument:
    return prepare_text(item[0], item[1], options=options)


def iter_prepared_texts(
    items: Sequence[tuple[str, str]],
    options: ImportOptions,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    start_method: str | None = None,
) -> Iterator[NewDocument]:
    """Segmented documents for (name, normalised text) pairs, in order, on every core as `iter_prepared` does."""
    if workers is None:  # a Chinese character is 3 bytes of UTF-8, as in a transcript file
        workers = _auto_workers(len(items), 3 * sum(len(text) for _, text in items))
    return _pooled(partial(_segment, options=options), items, [name for name, _ in items], options, workers,
                   progress, cancelled, start_method)


def _pooled(func: Callable, items: Sequence, labels: Sequence[str], options: ImportOptions, workers: int,
            progress: Progress | None, cancelled: Cancelled | None, start_method: str | None) -> Iterator:
    def check() -> None:
        if cancelled and cancelled():
            raise ImportCancelled("import cancelled; nothing was imported")

    if workers <= 1 or len(items) < 2:
        for i, item in enumerate(items):
            check()
            yield func(item)
            if progress:
                progress(i + 1, len(items), labels[i])
        return
    methods = multiprocessing.get_all_start_methods()
    method = start_method or ("fork" if "fork" in methods else None)
    if method == "fork":  # forked workers inherit the loaded pipeline
        pipeline(options.unit_mode, tuple(options.user_words))
    context = multiprocessing.get_context(method)
    with context.Pool(workers) as pool:
        results = pool.imap(func, items)
        for i, label in enumerate(labels):
            check()
            yield next(results)
            if progress:
                progress(i + 1, len(items), label)


POOL_MIN_BYTES = 1024 * 1024  # below this a process pool costs more than it saves


def _auto_workers(items: int, total_bytes: int) -> int:
    """A process per core for enough text, else none (segment in this process)."""
    return min(items, os.cpu_count() or 1) if total_bytes >= POOL_MIN_BYTES else 1


def _file_bytes(paths: Sequence[str]) -> int:
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total


def prepare_files(paths: Sequence[str], options: ImportOptions, **kwargs: Any) -> list[Prepared | str]:
    return list(iter_prepared(paths, options, **kwargs))


def _unique_name(name: str, path: str, taken: set[str]) -> str:
    """A document name not yet taken, compared as stored: NFC and trimmed like every document name."""
    try:
        name = clean_name(name, DOCUMENT_NAME)
    except InvalidInput:  # a blank file name, or one with line breaks
        name = clean_name(" ".join(name.split()) or "document", DOCUMENT_NAME)
    if name not in taken:
        return name
    candidate = f"{name} ({Path(path).parent.name or 'import'})"
    n = 2
    while candidate in taken:
        candidate = f"{name} ({n})"
        n += 1
    return candidate


def import_files(
    store: ProjectStore,
    paths: Sequence[str | os.PathLike],
    options: ImportOptions | None = None,
    *,
    speakers: Mapping[str, str] | None = None,
    choices: Mapping[str, Choices] | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    start_method: str | None = None,
) -> ImportReport:
    """Import transcripts; bad and duplicate files are reported, the rest stored as one action.

    `speakers` links labels to participant IDs in every file; `choices` (keyed by path as given) are each
    file's own corrections and participants, which win over `speakers`. Choices that cannot be stored
    (corpus.turnplan.problems) refuse the whole import before anything is read.
    """
    options = options or ImportOptions()
    paths = [str(p) for p in paths]
    choices = {str(path): c for path, c in (choices or {}).items()}
    for path in paths:
        found = problems(choices.get(path) or {})
        if found:
            raise InvalidInput("{file}: {problem}; nothing imported", file=Path(path).name, problem=found[0].message)
    documents = queries.list_documents(store)
    existing = {d.sha256: d.name for d in documents}
    names = {d.name for d in documents}
    reports: list[FileReport | None] = [None] * len(paths)
    stored: list[tuple[int, FileReport]] = []  # counts only: the texts go to the database, not into memory

    def accepted() -> Iterator[NewDocument]:
        prepared = iter_prepared(paths, options, workers=workers, progress=progress, cancelled=cancelled,
                                 start_method=start_method, choices=choices)
        for slot, (path, item) in enumerate(zip(paths, prepared)):
            if isinstance(item, str):  # the reason it was refused
                reports[slot] = FileReport(path, "failed", item)
            elif item.sha256 in existing:
                reports[slot] = FileReport(path, "skipped", Message("same text as document {name!r} already in the "
                                                                    "project", name=existing[item.sha256]))
            else:
                name = _unique_name(item.document.name, path, names)
                names.add(name)
                existing[item.sha256] = name
                doc = item.document
                linked = {**(speakers or {}), **doc.speaker_pids}
                pids = tuple(dict.fromkeys(linked[t.speaker] for t in doc.turns
                                           if t.speaker in linked and not t.is_interviewer))
                stored.append((slot, FileReport(path, "imported", encoding=doc.encoding, turns=len(doc.turns),
                                                units=len(doc.units), speakers=item.speakers, participants=pids)))
                yield _renamed(doc, name)

    stream = accepted()
    first = next(stream, None)
    outcome = None
    if first is not None:
        try:
            outcome = add_documents(store, chain([first], stream), speakers)
        except InvalidInput as exc:
            raise InvalidInput("nothing imported: {reason}", reason=exc.message) from None
        finally:
            stream.close()
        for (slot, report), doc in zip(stored, outcome.value):
            reports[slot] = replace(report, name=doc.name, document_id=doc.id)
    return ImportReport(tuple(r for r in reports if r is not None), outcome)


def _renamed(doc: NewDocument, name: str) -> NewDocument:
    return doc if doc.name == name else replace(doc, name=name)


def project_options(store: ProjectStore, *, encoding: str | None = None, unit_mode: str = "sentence") -> ImportOptions:
    """Import options with the project's own speaker patterns and user dictionary."""
    settings = queries.project_info(store)["settings"]
    return ImportOptions(
        encoding=encoding,
        unit_mode=unit_mode,
        patterns=SpeakerPatterns.from_settings(settings.get("speaker_patterns")),
        user_words=tuple(settings.get("user_words") or DEFAULT_USER_WORDS),
    )
