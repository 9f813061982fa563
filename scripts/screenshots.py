"""Screenshots for the manual, taken from the real windows on the demo project.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--lang zh en] [--only NAME ...] [--out DIR]

Builds the demo project in a temporary folder and, for each interface
language, opens the real main window offscreen (settings kept in the temporary
folder, coder 张研) and saves one PNG per view under
app/manual/images/{zh,en}/: the workbench with a document and a code
selected, the import dialog checking a file's speakers, the code tree during
axial coding, the category board, agreement, the emergence trail, saturation,
the memo list, participants and attributes, the new-code dialog, the Excel
export dialog and word frequencies with their cloud. The manual
(app/manual/*.md) refers to them by these names, so run this again after a
view changes and look at the pictures before committing them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ZHAGEN_CODER"] = "张研"  # the demo's first coder: the status bar and blind mode show her

OUT = ROOT / "app" / "manual" / "images"
LANGUAGES = {"zh": "zh_CN", "en": "en"}
WINDOW = (1400, 860)
DOCUMENT = "A01 居民访谈"
CODE = "社区归属感>家园意识>把社区当成家"
CATEGORY = "社区党组织设置的互动情境>协商议事平台"

# Three invented transcripts for the import dialog: labels a researcher checks before storing.
TRANSCRIPTS = {
    "A11 网格员访谈.txt": ("utf-8", """\
受访者编号：A11
访谈时间：2023年6月3日
访谈地点：某社区党群服务中心

访谈者：您做网格员几年了？平时主要负责哪些事？
受访者：快五年了。我们网格三百多户，每天上午入户走访，下午整理台账，有事就在网格群里说。
访谈者：居民有事一般怎么找您？
受访者：大多在群里找，也有直接敲门的。老人不会用手机，就托邻居带个话。
访谈者：治安方面的线索呢？
答：有的。上个月有居民说楼道里总有陌生人发小广告，我们就跟社区民警一起去看了。
访谈者：后来怎么处理的？
受访者：民警加了巡逻，我们在楼门口贴了提示，第二周就没再见着了。居民说这事儿办得快。
"""),
    "A12 楼门长访谈.txt": ("gb18030", """\
访谈编号：A12
关键词：楼门长、邻里互助

问：您当楼门长是怎么开始的？
答：前任楼门长搬走了，社区书记问我愿不愿意接，我想着反正退休在家，就答应了。
问：楼里的事儿一般怎么商量？
答：在楼门口开个小会，谁家有意见都说出来，商量好了大家照着办。
问：您觉得这些年楼里变化大吗？
答：大多了，以前谁也不认识谁，现在过年还互相送饺子。
"""),
    "P13_社区民警.txt": ("utf-8", """\
【访谈员】您在这个社区当民警多久了？
【赵警官】三年多了。刚来的时候居民不认识我，现在走在路上都有人打招呼。
【访谈员】您怎么跟居民拉近距离？
【赵警官】多走动。每周进两次楼门，帮老人调调电视、看看门锁，小事儿办好了，居民就信你。
【访谈员】居民提供的线索多吗？
【赵警官】不少，关键是一定要给人回个话，让人知道自己说的有用。
"""),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", nargs="+", choices=sorted(LANGUAGES), default=sorted(LANGUAGES))
    parser.add_argument("--only", nargs="+", metavar="NAME", help="only these shots (file names without .png)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder of the zh/ and en/ folders (default {OUT})")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="zhagen-shots-"))
    try:
        _isolate_settings(work / "settings")
        _quiet_platform_notices()
        from app.launcher import _new_application

        _new_application()
        project = _demo_project(work)
        transcripts = _transcripts(work / "transcripts")
        for lang in args.lang:
            out = args.out / lang
            out.mkdir(parents=True, exist_ok=True)
            for name in Shots(project, transcripts, LANGUAGES[lang]).take(out, args.only):
                print(out / name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _isolate_settings(folder: Path) -> None:
    """Keep the user's settings (window layout, language, coder) out of the pictures, and the pictures' out of theirs."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def _quiet_platform_notices() -> None:
    """The offscreen platform says, for every window, what it cannot do (raise, size hints): not news here."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind, _context, message: str) -> None:  # noqa: ANN001
        if not message.startswith("This plugin does not support"):
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _demo_project(work: Path) -> Path:
    from coding.demo import build_demo

    path = work / "demo.zhagen"
    build_demo(path)
    return path


def _transcripts(folder: Path) -> list[str]:
    folder.mkdir(parents=True)
    paths = []
    for name, (encoding, text) in TRANSCRIPTS.items():
        path = folder / name
        path.write_bytes(text.encode(encoding))
        paths.append(str(path))
    return paths


def _wait(condition: Callable[[], bool], seconds: float = 60) -> None:
    """Let the event loop run (background jobs report through it) until CONDITION holds."""
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the view did not finish in time")
        QApplication.processEvents()
        time.sleep(0.02)
    QApplication.processEvents()


def _save(picture, path: Path) -> None:  # noqa: ANN001 - a QPixmap
    """Write PICTURE as a PNG of 256 colours: a third of the size, and a screenshot of text and flat colours
    looks the same (the manual ships inside the package)."""
    from io import BytesIO

    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not picture.save(buffer, "PNG"):
        raise OSError(f"cannot render {path.name}")
    image = Image.open(BytesIO(bytes(buffer.data()))).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


class Shots:
    """The views of one interface language, each a method that shows it and returns the widget to grab."""

    NAMES = ("workbench", "import", "code_tree", "new_code", "board", "memo_list", "agreement", "trail", "saturation",
             "participants", "export", "words")

    def __init__(self, project: Path, transcripts: list[str], language: str):
        self.project, self.transcripts, self.language = project, transcripts, language

    def take(self, out: Path, only: list[str] | None) -> list[str]:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from app.launcher import set_language
        from app.main_window import MainWindow
        from app.session import ProjectSession

        set_language(self.language)
        saved = []
        for name in self.NAMES:
            if only and name not in only:
                continue
            # a fresh window for each view: one view's docks, selections and settings never show in the next
            QSettings().remove("code_tree/labels")
            self.window = MainWindow(ProjectSession.open(str(self.project), "张研"), remember_layout=False)
            try:
                self.window.show()
                QApplication.processEvents()
                self.window.resize(*WINDOW)  # once shown: before, the docks' first sizes would widen it
                QApplication.processEvents()
                self.window.use_default_dock_sizes()
                widget = getattr(self, f"shot_{name}")()
                QApplication.processEvents()
                _save(widget.grab(), out / f"{name}.png")
                saved.append(f"{name}.png")
                if widget.isWindow() and widget is not self.window:
                    widget.close()
            finally:
                self.window.close()
                QApplication.processEvents()
        return saved

    # ------------------------------------------------------------ helpers

    def code_id(self, path: str) -> int:
        from coding import queries

        return queries.find_code(self.window.session.store, path).id

    def floating(self, key: str, width: int, height: int):  # noqa: ANN201 - the dock's panel
        """An analysis dock as its own window of the given size, its content up to date."""
        from PySide6.QtWidgets import QApplication

        dock = self.window._docks[key]  # noqa: SLF001 - the script drives the window as the menus do
        self.window.show_dock(key)
        dock.setFloating(True)
        dock.resize(width, height)
        QApplication.processEvents()
        return dock.widget()

    def select_document_and_code(self, document: str, code: str) -> None:
        from coding import queries

        store, w = self.window.session.store, self.window
        doc = queries.find_document(store, document)
        w.documents.select_document(doc.id)
        code_id = self.code_id(code)
        w.codes.select_code(code_id)
        rows = queries.list_codings(store, code_id=code_id, document_id=doc.id)
        if rows:
            w.transcript.select_span(rows[0].start, rows[0].end)

    # ------------------------------------------------------------ the shots

    def shot_workbench(self):  # noqa: ANN201
        self.select_document_and_code(DOCUMENT, CODE)
        return self.window

    def shot_import(self):  # noqa: ANN201
        from app.import_dialog import NAME, PARTICIPANT, ImportDialog
        from corpus import settings as corpus_settings

        dialog = ImportDialog(corpus_settings.speaker_patterns(self.window.session.store), self.window)
        dialog.add_paths(self.transcripts)
        dialog.resize(1040, 600)
        dialog.show()
        dialog.files.setCurrentRow(0)
        dialog.wait_for_reading()
        table = dialog.speakers
        for row in range(table.rowCount()):  # 答 is the same interviewee: store both as 受访者, linked to A11
            label = table.item(row, 0).text()
            if label == "答":
                table.item(row, NAME).setText("受访者")
            if label in ("答", "受访者"):
                table.item(row, PARTICIPANT).setText("A11")
        table.setCurrentCell(0, NAME)
        return dialog

    def shot_code_tree(self):  # noqa: ANN201
        """Axial coding: the labels on, a main category open with its categories, one category open on its concepts."""
        w = self.window
        w.labels_action.setChecked(True)
        w.gt.set_labels_shown(True)
        category = self.code_id(CATEGORY)
        w.codes.tree.collapseAll()
        for code_id in (w.catalog.codes[category].parent_id, category):
            w.codes.tree.setExpanded(w.codes.model.index_of(code_id), True)
        w.codes.select_code(category)
        dock = w._docks["codes"]  # noqa: SLF001
        dock.setFloating(True)
        dock.resize(440, 420)
        return dock.widget()

    def shot_new_code(self):  # noqa: ANN201
        from app.dialogs import NewCodeDialog

        w = self.window
        category = self.code_id(CATEGORY)
        places = [(c.id, w.catalog.paths[c.id], c.level, c.colour) for c in w.catalog.codes.values()]
        dialog = NewCodeDialog(parent=w, places=places, parent_id=category)
        dialog.name.setText("居民提出议题")
        dialog.definition.setPlainText("居民在议事会上主动提出楼院治安、环境等议题。")
        dialog.resize(560, 380)
        dialog.show()
        return dialog

    def shot_board(self):  # noqa: ANN201
        return self.floating("board", 1400, 900)

    def shot_memo_list(self):  # noqa: ANN201
        panel = self.floating("memo_list", 1000, 520)
        panel.table.selectRow(0)
        return panel

    def shot_agreement(self):  # noqa: ANN201
        panel = self.floating("agreement", 1300, 540)
        panel.unit.setCurrentIndex(panel.unit.findData("sentence"))
        panel.run_button.click()
        _wait(lambda: panel.report is not None)
        return panel

    def shot_trail(self):  # noqa: ANN201
        panel = self.floating("trail", 1300, 520)
        panel.tree.expandToDepth(1)
        for column, width in enumerate((220, 440, 130, 80, 100, 60)):  # the concepts' quotes are shown now
            panel.tree.setColumnWidth(column, width)
        return panel

    def shot_saturation(self):  # noqa: ANN201
        return self.floating("saturation", 1000, 640)

    def shot_participants(self):  # noqa: ANN201
        from app.item_actions import ParticipantsDialog

        dialog = ParticipantsDialog(self.window)
        dialog.resize(760, 400)
        dialog.table.resizeColumnsToContents()  # as a user would widen them: the headers name the types
        dialog.show()
        return dialog

    def shot_export(self):  # noqa: ANN201
        from app.export_dialog import ExportDialog
        from coding import queries

        coders = [c.name for c in queries.list_coders(self.window.session.store)]
        dialog = ExportDialog(coders, "/home/zhangyan/研究/朝阳群众动员机制研究.xlsx", self.window)
        dialog.resize(620, 240)
        dialog.show()
        return dialog

    def shot_words(self):  # noqa: ANN201
        panel = self.floating("words", 1100, 560)
        _wait(lambda: panel.job is None and panel.result is not None)
        return panel


if __name__ == "__main__":
    sys.exit(main())
