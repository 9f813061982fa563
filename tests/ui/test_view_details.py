"""Details the manual's screenshots showed cut or in the wrong language (issue 15)."""

from __future__ import annotations

from coding import queries


def test_memo_list_names_memo_types_in_the_interface_language(demo_window):
    from app.launcher import set_language

    w = demo_window
    w.show_dock("memo_list")
    column = [w.memo_list.table.item(r, 1).text() for r in range(w.memo_list.table.rowCount())]
    assert "Story line" in column and "故事线" not in column
    set_language("zh_CN")
    w.memo_list.refresh()
    column = [w.memo_list.table.item(r, 1).text() for r in range(w.memo_list.table.rowCount())]
    assert "故事线" in column


def test_coded_segments_leave_the_context_column_room_in_a_narrow_dock(demo_window):
    w = demo_window
    code = next(c for c in queries.list_codes(w.session.store) if c.level == "main")
    w.codes.select_code(code.id)
    panel = w.segments
    panel.resize(460, 300)
    panel.fit_columns()
    header = panel.table.horizontalHeader()
    last = panel.model.columnCount() - 1
    assert all(header.sectionSize(c) <= max(56, panel.table.viewport().width() // 6) for c in range(last))
    assert header.sectionSize(last) >= panel.table.viewport().width() // 3


def test_participants_table_shows_whole_headers(demo_window):
    from app.item_actions import ParticipantsDialog

    dialog = ParticipantsDialog(demo_window)
    header = dialog.table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(dialog.table.columnCount() - 1):  # the last one stretches
        text = dialog.table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text)
    dialog.close()


def test_close_and_quit_have_their_usual_keys_on_every_platform(demo_window):
    from PySide6.QtGui import QKeySequence

    keys = {a.objectName() or a.text(): [k.toString() for k in a.shortcuts()] for a in demo_window.findChildren(type(demo_window.undo_action))}
    close = next(v for k, v in keys.items() if k in ("&Close project", "关闭项目(&C)"))
    quit_ = next(v for k, v in keys.items() if k in ("&Quit", "退出(&Q)"))
    assert "Ctrl+W" in close and "Ctrl+Q" in quit_
    redo = [k.toString() for k in demo_window.redo_action.shortcuts()]
    assert "Ctrl+Shift+Z" in redo and len(redo) == len(set(redo))
    every = [k for shortcuts in keys.values() for k in shortcuts if k]
    assert len(every) == len(set(every)), "one key, one action"
    assert QKeySequence("Ctrl+W").toString() == "Ctrl+W"
