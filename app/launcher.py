"""Starting the Qt application: preferences (font, theme), language, the main window, recent projects, screenshots."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QSize, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMessageBox

from app.messages import say, set_interface_language
from app.projects import RecentProjects
from coding import scratch, storage
from coding.errors import ZhagenError
from coding.presence import ProjectInUse
from coding.storage import is_url

TRANSLATIONS = Path(__file__).with_name("translations")
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei")
# In English on purpose, not through tr(): without a Chinese font the Chinese interface would draw it as boxes too.
NO_CJK_FONT = ("No Chinese font was found, so Chinese text shows as empty boxes. Install Noto Sans CJK SC "
               "(Linux: the fonts-noto-cjk, google-noto-sans-cjk-fonts or noto-fonts-cjk package), or use "
               "Microsoft YaHei (Windows) or PingFang SC (macOS), then start Zhagen again.")
_windows: list = []  # open main windows (kept alive here)
_translator: QTranslator | None = None
_qt_translator: QTranslator | None = None  # Qt's own strings (qtbase)
_language: str | None = None  # the language installed last (None: not yet chosen)


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
    """The first installed font of CJK_FAMILIES, else any font that writes simplified Chinese; "" when none does."""
    installed = set(QFontDatabase.families())
    preferred = next((family for family in CJK_FAMILIES if family in installed), "")
    return preferred or next(iter(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)), "")


def missing_font_notice() -> str:
    """NO_CJK_FONT when no installed font writes Chinese, else ""."""
    return "" if default_cjk_family() else NO_CJK_FONT


def warn_missing_font(show=None) -> bool:  # noqa: ANN001 - a QMessageBox.warning-like callable, for tests
    """At start, when no font writes Chinese: say what to install, on stderr and in a message box.

    Returns whether it warned."""
    notice = missing_font_notice()
    if notice:
        print(f"zhagen: {notice}", file=sys.stderr)
        (show or QMessageBox.warning)(None, "Zhagen: no Chinese font", notice)
    return bool(notice)


def _show_font_notice(window) -> None:  # noqa: ANN001 - MainWindow
    """A lasting note in the window's status bar while no font writes Chinese (screenshots show it too)."""
    notice = missing_font_notice()
    if notice:
        label = QLabel("No Chinese font: install Noto Sans CJK SC")
        label.setObjectName("missingFontNotice")
        label.setToolTip(notice)
        label.setStyleSheet("color: #b00020; font-weight: bold")
        window.statusBar().insertPermanentWidget(0, label)


def set_language(language: str | None) -> str:
    """Install the interface language: "zh_CN" or "en"; default from settings, then the system locale."""
    global _translator, _qt_translator, _language
    app = application()
    if language is None:
        language = QSettings().value("interface/language") or system_language()
    for old in (_translator, _qt_translator):
        if old is not None:
            app.removeTranslator(old)
    _translator = _qt_translator = None
    if language.startswith("zh"):
        translator = QTranslator(app)
        if translator.load(str(TRANSLATIONS / "zhagen_zh_CN.qm")):
            app.installTranslator(translator)
            _translator = translator
        qt = QTranslator(app)  # Qt's own buttons and dialogs (OK, Cancel, Yes, No, file and colour dialogs)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _qt_translator = qt
        language = "zh_CN"
    else:
        language = "en"
    set_interface_language(language)  # the core's messages follow
    _language = language
    return language


def coder_name() -> str:
    from coding.cli import default_coder

    return QSettings().value("coder/name") or default_coder()


def open_window(location: str):  # noqa: ANN201 - MainWindow | None
    """Open the project in a main window and put it first in the recent projects.

    A project already open in a window of this app brings that window forward.
    One open in another app (ProjectInUse) may be opened read-only, if the user
    agrees; None when they do not."""
    window = window_for(location)
    if window is not None:
        window.showNormal() if window.isMinimized() else window.show()
        window.raise_()
        window.activateWindow()
        return window
    try:
        window = _show_window(location)
    except ProjectInUse as exc:
        if not ask_read_only(exc):
            return None
        window = _show_window(location, read_only=True)
    RecentProjects().add(location)
    return window


def windows() -> list:
    """The open main windows of this app."""
    return list(_windows)


def window_for(location: str):  # noqa: ANN201 - MainWindow | None
    """The open window of the project at LOCATION (the same file by any path), or None."""
    for window in _windows:
        if _same_location(window.session.location, location):
            return window
    return None


def _same_location(a: str, b: str) -> bool:
    if is_url(a) or is_url(b):
        return a == b
    try:
        return Path(a).exists() and Path(b).exists() and Path(a).samefile(b)
    except OSError:
        return False


def ask_read_only(exc: ProjectInUse) -> bool:
    """Ask whether to open a project that another app has open read-only (tests replace this)."""
    translate = QCoreApplication.translate
    if exc.holder is not None:
        who = translate("launcher", "{0} on {1} (since {2})").format(
            exc.holder.coder, exc.holder.host, exc.holder.describe().rsplit(" since ", 1)[-1])
    else:
        who = translate("launcher", "another Zhagen window")
    box = QMessageBox(QMessageBox.Icon.Question, translate("launcher", "Project in use"),
                      translate("launcher", "{0} is open by {1}.\n\nYou can open it read-only: you see its work, "
                                            "and changes saved there appear here; you cannot change it.").format(
                          Path(exc.path).name, who))
    read_only = box.addButton(translate("launcher", "Open read-only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("launcher", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is read_only


def forget_window(window) -> None:  # noqa: ANN001 - MainWindow
    if window in _windows:
        _windows.remove(window)


def _show_window(location: str, *, remember_layout: bool = True, read_only: bool = False):  # noqa: ANN201
    from app.main_window import MainWindow
    from app.session import ProjectSession

    session = ProjectSession.open(location, coder_name(), read_only=read_only)
    try:
        window = MainWindow(session, remember_layout=remember_layout)
    except BaseException:
        session.close()
        raise
    _windows.append(window)
    _show_font_notice(window)
    storage.set_wait_hook(_on_write_wait)
    window.show()
    return window


def _on_write_wait(seconds: float | None) -> None:
    """A write waits for another process's write: the active window (else the newest) says so."""
    active = QApplication.activeWindow()
    window = active if active in _windows else (_windows[-1] if _windows else None)
    if window is not None:
        window.on_write_wait(seconds)


def close_all_projects() -> None:
    """Close every window's project and any other open store: each project file ends complete on its own."""
    for window in list(_windows):
        window.session.close()
    storage.close_all()


def _quit_on_sigterm(app: QApplication) -> None:
    """SIGTERM (a logout, `kill`) quits like Quit: windows close and projects are checkpointed."""
    def on_term(_signum, _frame) -> None:  # noqa: ANN001
        QTimer.singleShot(0, app.closeAllWindows)
        QTimer.singleShot(0, app.quit)

    try:
        signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread
        return
    # Qt's event loop runs in C++: a timer lets Python look at pending signals.
    app._signal_timer = QTimer(app)  # noqa: SLF001 - kept alive with the app
    app._signal_timer.start(300)
    app._signal_timer.timeout.connect(lambda: None)


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


def interactive() -> bool:
    """Whether someone can answer a dialog (not so on Qt's offscreen and minimal platforms)."""
    return QGuiApplication.platformName() not in ("offscreen", "minimal")


def launch(project: str | None, argv: list[str]) -> int:
    app = application(argv)
    set_language(None)
    warn_missing_font()
    from_recent = project is None
    if from_recent:
        project = next(iter(RecentProjects().items()), None)
    if project is None:  # a first start (from a desktop icon): open, make or try a project
        print(QCoreApplication.translate("launcher", "Open a project: zhagen open PROJECT (or zhagen demo demo.zhagen first)."),
              file=sys.stderr)
        if not interactive():
            return 0
        if not ask_coder_once():
            return 0
        from app.start_dialog import ask_start

        project = ask_start()
        if project is None:
            return 0
    if not ask_coder_once():
        return 0
    _quit_on_sigterm(app)
    app.aboutToQuit.connect(close_all_projects)
    scratch.remove_abandoned()  # what a killed import left in the temp folder
    try:
        if open_window(project) is None:
            return 0
    except ZhagenError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("launcher", "Cannot open the project"), say(exc))
        print(f"zhagen: {exc}", file=sys.stderr)
        if from_recent and not is_url(project) and not Path(project).exists():
            RecentProjects().remove(project)  # moved or deleted: do not fail the same way on every start
        return 1
    try:
        return app.exec()
    finally:
        close_all_projects()


def screenshot(project: str, out: str, doc: str | None, code: str | None, lang: str | None, size: str | None) -> int:
    """Render the main window offscreen with a document and a code selected, to a PNG."""
    from coding import queries

    if QApplication.instance() is None:
        _new_application()
    previous = _language
    set_language({"zh": "zh_CN", "en": "en"}.get(lang or "", lang))
    try:
        return _screenshot(project, out, doc, code, queries, size)
    finally:
        set_language(previous)  # the language the application had before


def _screenshot(project: str, out: str, doc: str | None, code: str | None, queries, size: str | None) -> int:  # noqa: ANN001
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
    window.session.close()
    if not ok:
        raise ZhagenError(f"{out}: cannot write the PNG")
    return 0
