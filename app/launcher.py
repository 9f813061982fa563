"""Starting the Qt application: preferences (font, theme), language, the main window, recent projects, screenshots."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QSize, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from app.projects import RecentProjects
from coding.errors import ZhagenError
from coding.storage import is_url

TRANSLATIONS = Path(__file__).with_name("translations")
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei")
_windows: list = []  # open main windows (kept alive here)
_translator: QTranslator | None = None


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created on first call with the user's font and theme."""
    app = QApplication.instance()
    if app is None:
        app = _new_application(argv)
        from app.preferences import apply_appearance, load_preferences

        apply_appearance(app, load_preferences())
    return app


def _new_application(argv: list[str] | None = None) -> QApplication:
    """A QApplication with the first installed CJK font and no user preferences (screenshots use this)."""
    QCoreApplication.setOrganizationName("Zhagen")
    QCoreApplication.setApplicationName("Zhagen")
    app = QApplication(argv or sys.argv[:1])
    family = default_cjk_family()
    if family:
        app.setFont(QFont(family, 10))
    return app


def system_language() -> str:
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def default_cjk_family() -> str:
    """The first installed font of CJK_FAMILIES, or "" when none is."""
    installed = set(QFontDatabase.families())
    return next((family for family in CJK_FAMILIES if family in installed), "")


def set_language(language: str | None) -> str:
    """Install the interface language: "zh_CN" or "en"; default from settings, then the system locale."""
    global _translator
    app = application()
    if language is None:
        language = QSettings().value("interface/language") or system_language()
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    if language.startswith("zh"):
        translator = QTranslator(app)
        if translator.load(str(TRANSLATIONS / "zhagen_zh_CN.qm")):
            app.installTranslator(translator)
            _translator = translator
        language = "zh_CN"
    else:
        language = "en"
    return language


def coder_name() -> str:
    from coding.cli import default_coder

    return QSettings().value("coder/name") or default_coder()


def open_window(location: str):  # noqa: ANN201 - MainWindow
    """Open the project in a new main window and put it first in the recent projects."""
    window = _show_window(location)
    RecentProjects().add(location)
    return window


def _show_window(location: str, *, remember_layout: bool = True):  # noqa: ANN201 - MainWindow
    from app.main_window import MainWindow
    from app.session import ProjectSession

    session = ProjectSession.open(location, coder_name())
    window = MainWindow(session, remember_layout=remember_layout)
    _windows.append(window)
    window.show()
    return window


def ask_coder_once(ask=None) -> bool:  # noqa: ANN001 - a QInputDialog.getText-like callable, for tests
    """On the first start, ask who is coding (every coding carries its coder); remembered in the settings.

    Returns False when the user cancels."""
    settings = QSettings()
    if settings.value("coder/name") or os.environ.get("ZHAGEN_CODER"):  # known, or given for this run
        return True
    from coding.cli import default_coder

    ask = ask or QInputDialog.getText
    name, ok = ask(None, QCoreApplication.translate("launcher", "Who is coding?"),
                   QCoreApplication.translate("launcher", "Your name as a coder (it is stored with every coding):"),
                   text=default_coder())
    if not ok or not name.strip():
        return False
    settings.setValue("coder/name", name.strip())
    return True


def launch(project: str | None, argv: list[str]) -> int:
    app = application(argv)
    set_language(None)
    from_recent = project is None
    if from_recent:
        project = next(iter(RecentProjects().items()), None)
    if project is None:
        print(QCoreApplication.translate("launcher", "Open a project: zhagen open PROJECT (or zhagen demo demo.zhagen first)."),
              file=sys.stderr)
        return 0
    if not ask_coder_once():
        return 0
    try:
        open_window(project)
    except ZhagenError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("launcher", "Cannot open the project"), str(exc))
        print(f"zhagen: {exc}", file=sys.stderr)
        if from_recent and not is_url(project) and not Path(project).exists():
            RecentProjects().remove(project)  # moved or deleted: do not fail the same way on every start
        return 1
    return app.exec()


def screenshot(project: str, out: str, doc: str | None, code: str | None, lang: str | None, size: str | None) -> int:
    """Render the main window offscreen with a document and a code selected, to a PNG."""
    from coding import queries

    if QApplication.instance() is None:
        _new_application()
    set_language({"zh": "zh_CN", "en": "en"}.get(lang or "", lang))
    width, height = (int(x) for x in (size or "1600x1000").lower().split("x"))
    window = _show_window(project, remember_layout=False)  # the default arrangement, not the user's
    window.resize(QSize(width, height))
    QApplication.processEvents()
    window.use_default_dock_sizes()
    store = window.session.store
    if doc:
        document = queries.find_document(store, doc)
        window.documents.select_document(document.id)
    if code:
        code_value = queries.find_code(store, code)
        window.codes.select_code(code_value.id)
        rows = queries.list_codings(store, code_id=code_value.id, document_id=window.transcript.document_id)
        if rows:
            window.transcript.select_span(rows[0].start, rows[0].end)
    QApplication.processEvents()
    ok = window.grab().save(out)
    window.close()
    if not ok:
        raise ZhagenError(f"{out}: cannot write the PNG")
    return 0
