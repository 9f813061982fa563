"""The right-click menus: what each offers where it is opened, and that its actions act."""

from __future__ import annotations

from coding import queries


def texts(menu) -> list[str]:
    return [a.text() for a in menu.actions()]


def test_each_context_menu_offers_its_actions(demo_window):
    w = demo_window
    w.codes.tree.setCurrentIndex(w.codes.tree.model().index(0, 0))
    assert {"Rename…", "Properties…", "Pin to", "Merge into…", "Delete…"} <= set(texts(w.menus.tree_menu()))
    w.documents.table.selectRow(0)
    menu = w.menus.documents_menu()
    assert texts(menu) == ["Held out for the saturation test", "", "Properties…", "Rename…", "Delete…"]
    document_id = w.documents.current_document_id()
    menu.actions()[0].trigger()
    assert next(d for d in queries.list_documents(w.session.store) if d.id == document_id).held_out
    first = min(w.tally.document_codings(w.transcript.document_id), key=lambda c: c.start)
    menu = w.menus.transcript_menu(first.start)
    removals = [a for a in menu.actions() if a.text().startswith("Remove coding: ")]
    assert removals
    before = len(queries.list_codings(w.session.store))
    removals[0].trigger()
    assert len(queries.list_codings(w.session.store)) == before - 1
