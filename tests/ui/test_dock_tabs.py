"""The analysis docks start hidden and tabified: no tab bar of theirs is left on screen until one is opened."""

from __future__ import annotations

from PySide6.QtWidgets import QTabBar


def visible_tabs(window) -> list[list[str]]:
    return [[bar.tabText(i) for i in range(bar.count())] for bar in window.findChildren(QTabBar)
            if bar.isVisible() and bar.count()]


def test_hidden_analysis_docks_leave_no_tab_bar_over_the_other_docks(demo_window, qtbot):
    qtbot.waitExposed(demo_window)
    hidden = {d.windowTitle() for d in demo_window._docks.values() if not d.isVisible()}
    assert {"Category board", "Saturation"} <= hidden or {"范畴关系图", "理论饱和度"} <= hidden
    assert not [tabs for tabs in visible_tabs(demo_window) if set(tabs) & hidden]
    demo_window.show_dock("saturation")
    demo_window.show_dock("trail")
    qtbot.waitUntil(lambda: any(demo_window._docks["trail"].windowTitle() in tabs for tabs in visible_tabs(demo_window)))
    shown = [tabs for tabs in visible_tabs(demo_window) if demo_window._docks["trail"].windowTitle() in tabs][0]
    assert demo_window._docks["saturation"].windowTitle() in shown  # still tabbed together once opened
