"""Library search in the real window: as you type, Enter, results, opening at the matches."""

from __future__ import annotations

import html
import re
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt

from reader.ui.highlights.model import HighlightRole
from reader.ui.search.panel import EXAMPLES, hit_html
from tests.conftest import CORPUS


def wait_index(window, qtbot):
    qtbot.waitUntil(lambda: window.search.controller.ready, timeout=20000)


def enter_query(window, qtbot, text: str):
    """Type `text` in the search box and press Return; the result, once delivered."""
    panel = window.search.panel
    panel.box.setText(text)
    with qtbot.waitSignal(window.search.controller.search_finished, timeout=10000) as blocker:
        qtbot.keyClick(panel.box, Qt.Key.Key_Return)
    return blocker.args[0]


def type_query(window, qtbot, text: str):
    """Type `text` key by key in the search box; the result of its last search."""
    with qtbot.waitSignal(  # (each keystroke is searched as it comes: wait for the last)
        window.search.controller.search_finished,
        timeout=10000,
        check_params_cb=lambda _result, query: query == text,
    ) as done:
        qtbot.keyClicks(window.search.panel.box, text)
    return done.args[0]


def test_typing_finds_the_interview_and_opens_it_at_its_matches(make_window, qtbot):
    window = make_window()
    wait_index(window, qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reading_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    panel = window.search.panel
    assert panel.box.hasFocus()
    type_query(window, qtbot, "unified multimodal")
    assert panel.results.model().rowCount() == 1
    assert "1 article" in panel.status.text() and "ms" in panel.status.text()
    hit = panel.model.hits()[0]
    assert "<b>" in hit.snippets[0]
    window.reading_view.verticalScrollBar().setValue(0)
    qtbot.keyClick(panel.box, Qt.Key.Key_Down)  # keyboard into the results
    assert panel.results.hasFocus()
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    stepper = window.reading.matches
    assert len(stepper.ranges) >= 14 and stepper.current == 0
    text = window.controller.current.plain_text
    first = text[stepper.ranges[0][0] : stepper.ranges[0][1]].lower()
    assert first in ("unified", "multimodal", "multimodality")
    assert window.reading_view.verticalScrollBar().value() > 0
    window.reading.find_bar.step(1)
    assert stepper.current == 1


def test_no_results_offers_a_correction_and_examples(make_window, qtbot):
    window = make_window()
    wait_index(window, qtbot)
    panel = window.search.panel
    enter_query(window, qtbot, "unifed multimodel")
    assert panel.results.model().rowCount() == 0
    assert "Did you mean" in panel.status.text() and "unified multimodal" in panel.status.text()
    with qtbot.waitSignal(window.search.controller.search_finished, timeout=10000):
        panel.status.linkActivated.emit("unified multimodal")
    assert panel.results.model().rowCount() == 1


def test_every_example_offered_finds_the_bundled_interview(make_window, qtbot):
    window = make_window()
    wait_index(window, qtbot)
    panel = window.search.panel
    panel.show_empty_state()
    offered = re.findall(r"<a href='([^']*)'>", panel.status.text())
    assert len(offered) == len(EXAMPLES) >= 8
    assert f"saved:{date.today().year}" in offered  # this year's, whatever year it is
    assert " · <a" not in panel.status.text()  # (a "·" stays at the end of its line)
    for query in offered:
        with qtbot.waitSignal(window.search.controller.search_finished, timeout=10000) as done:
            panel.status.linkActivated.emit(html.unescape(query))
        result = done.args[0]
        assert result.error is None and len(result.hits) == 1, query
        assert not any("△" in s for s in result.hits[0].snippets), query


def test_a_field_with_no_word_after_it_says_what_it_needs(make_window, qtbot):
    window = make_window()
    wait_index(window, qtbot)
    enter_query(window, qtbot, "title:")
    assert "Add a word after title: (as in title:luma)." in window.search.panel.status.text()


def test_bad_query_shows_a_clear_message(make_window, qtbot):
    window = make_window()
    wait_index(window, qtbot)
    panel = window.search.panel
    enter_query(window, qtbot, "ab*")
    assert "at least 3 letters" in panel.status.text()


def test_new_import_is_found_right_after(make_window, qtbot):
    window = make_window()
    wait_index(window, qtbot)
    with qtbot.waitSignal(window.controller.import_finished, timeout=10000):
        window.import_paths([CORPUS / "tricky.md"])
    result = enter_query(window, qtbot, "nested")
    assert [h.title for h in result.hits] == ["Tricky Markdown"]


def test_only_the_newest_query_is_shown(make_window, qtbot):
    window = make_window()
    wait_index(window, qtbot)
    results = []
    window.search.controller.search_finished.connect(lambda r, q: results.append(q))
    for q in ("sora", "dream", "retention"):
        window.search.controller.search_now(q)
    qtbot.waitUntil(lambda: "retention" in results, timeout=10000)
    window.search.controller.pool.waitForDone(10000)  # every search ran to its end
    QCoreApplication.processEvents()  # and what it sent has arrived
    assert results[-1] == "retention"
    assert window.search.panel.model.hits()[0].match_count >= 1


def test_a_missing_index_is_rebuilt_at_start_with_progress(make_window, qtbot, data_dir):
    import shutil

    window = make_window()
    wait_index(window, qtbot)
    window.close()
    window.controller.session.close()
    shutil.rmtree(data_dir / "index")  # deleted (or damaged) while Reader was closed
    progress = []
    again = make_window(data_dir)
    again.search.controller.index_progress.connect(
        lambda done, total: progress.append((done, total))
    )
    messages = []
    again.search.controller.index_ready.connect(messages.append)
    qtbot.waitUntil(lambda: again.search.controller.ready, timeout=20000)
    assert progress and progress[-1][0] == progress[-1][1]
    assert messages == ["Search index built: 1 article"]
    again.search.controller.search_now("unified multimodal")
    qtbot.waitUntil(lambda: again.search.panel.model.rowCount() == 1, timeout=10000)


def test_a_search_is_answered_while_the_start_up_check_still_runs(make_window, qtbot):
    import threading

    window = make_window()
    wait_index(window, qtbot)
    c = window.search.controller
    gate, checking = threading.Event(), threading.Event()
    check = c.service.check

    def slow_check(source=None):  # a library whose log was pruned: every article compared
        checking.set()
        gate.wait(20)
        return check(source)

    c.service.check = slow_check
    try:
        c.ensure_index()
        qtbot.waitUntil(checking.is_set, timeout=5000)
        with qtbot.waitSignal(c.search_finished, timeout=5000) as blocker:
            c.search_now("unified multimodal")
        assert len(blocker.args[0].hits) == 1 and not gate.is_set()
    finally:
        gate.set()
    with qtbot.waitSignal(c.index_ready, timeout=10000) as ready:
        pass
    assert ready.args == [""]  # the index agreed: nothing rebuilt


def test_a_long_unbroken_query_does_not_widen_the_panel_or_the_window(make_window, qtbot):
    window = make_window()
    wait_index(window, qtbot)
    window.search.focus()
    panel = window.search.panel
    dock_width, window_width = window.search.dock.width(), window.width()
    for query in ("x" * 80, "deadbeef" * 62):  # the box's longest (500) among them
        enter_query(window, qtbot, query)
        qtbot.waitUntil(lambda: "Nothing found for" in panel.status.text())
        assert len(panel.status.text()) < 600  # the query is shortened, not repeated whole
        assert window.search.dock.width() <= dock_width + 2
        assert window.width() == window_width


def test_a_deleted_article_leaves_the_results_and_cannot_be_opened_from_them(make_window, qtbot):
    window = make_window()
    wait_index(window, qtbot)
    c, panel = window.search.controller, window.search.panel
    with qtbot.waitSignal(c.search_finished, timeout=10000):
        c.search_now("unified multimodal")
    [hit] = panel.model.hits()
    with qtbot.waitSignal(c.search_finished, timeout=10000):  # asked again by itself
        window.controller.delete_article(hit.article_id)
    assert panel.model.hits() == []
    window.search.open_hit(hit)  # a result still on screen somewhere
    assert window.controller.current is None or window.controller.current.id != hit.article_id
    assert "no longer in the library" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: len(panel.model.hits()) == 1, timeout=10000)


def test_the_status_line_says_what_was_changed_in_the_query_and_how_many_are_shown(
    make_window, qtbot
):
    from reader.core.search import SearchResult
    from reader.core.search.index import SearchHit

    window = make_window()
    wait_index(window, qtbot)
    panel = window.search.panel
    enter_query(window, qtbot, '"unified multimodal')
    assert "An unmatched quote was ignored." in panel.status.text()
    assert panel.results.model().rowCount() == 1  # searched as the words
    hits = tuple(SearchHit(i, f"T{i}", "", 1.0, 1, (), ()) for i in range(20))
    panel.show_result(SearchResult(hits=hits, total=4750, elapsed_ms=9), "video")
    assert panel.status.text().startswith("4,750 articles, the best 20 shown · 9 ms")


def test_a_window_started_on_a_planted_index_runs_nothing_and_searches(
    make_window, qtbot, data_dir, tmp_path
):
    from tests.core.test_hostile_index import built, plant_toc

    marker = tmp_path / "ran"
    session = built(data_dir)
    index_folder = session.search.path
    session.close()
    plant_toc(index_folder, marker)
    window = make_window(data_dir)
    with qtbot.waitSignal(window.search.controller.index_ready, timeout=30000) as ready:
        pass
    assert "damaged" in ready.args[0]  # said, and rebuilt
    enter_query(window, qtbot, "unified multimodal")
    assert window.search.panel.model.rowCount() == 1
    assert not marker.exists()


def test_the_word_being_typed_finds_its_longer_forms(make_window, qtbot):
    window = make_window()
    wait_index(window, qtbot)
    panel = window.search.panel
    result = type_query(window, qtbot, "multimo")  # not a whole word yet
    assert [h.article_id for h in result.hits] == [1]
    assert panel.model.rowCount() == 1


def test_enter_searches_the_words_as_written_as_the_command_line_does(make_window, qtbot, tmp_path):
    window = make_window()
    wait_index(window, qtbot)
    paths = []
    for name, body in (("exact", "a net here"), ("longer", "network " * 3)):
        paths.append(tmp_path / f"{name}.md")
        paths[-1].write_text(f"# {name.title()}\n\n{body} and other words to read.\n")
    with qtbot.waitSignal(window.controller.import_finished, timeout=10000):
        window.import_paths(paths)
    panel = window.search.panel
    assert [h.title for h in type_query(window, qtbot, "net").hits] == ["Exact", "Longer"]
    entered = enter_query(window, qtbot, "net")
    cli = window.controller.session.search.search("net")  # what `reader search net` asks
    assert [h.title for h in entered.hits] == [h.title for h in cli.hits] == ["Exact"]
    assert panel.model.rowCount() == 1
    entered = enter_query(window, qtbot, "multimo")  # no word of the library: as typed
    assert [h.article_id for h in entered.hits] == [1]
    assert "No article has the word “multimo”" in panel.status.text()


def test_a_phrase_hit_shows_the_phrase_count(make_window, qtbot):
    window = make_window()
    wait_index(window, qtbot)
    result = enter_query(window, qtbot, '"video reasoning"')
    [hit] = result.hits
    assert hit.match_count == 5 and "5 matches" in hit_html(hit)
    window.search.open_hit(hit)
    assert len(window.reading.matches.ranges) == 5  # the list and the text agree


def test_a_hit_found_only_in_its_title_says_so_and_marks_nothing(make_window, qtbot):
    window = make_window()
    wait_index(window, qtbot)
    result = enter_query(window, qtbot, "title:scientist")
    [hit] = result.hits
    shown = hit_html(hit)
    assert hit.match_count == 0 and "in the title" in shown and "match" not in shown
    window.search.open_hit(hit)
    assert window.statusBar().currentMessage() == "Found in the title"
    assert window.reading.matches.ranges == []


def test_a_hit_in_a_note_opens_the_article_at_that_highlight(make_window, qtbot):
    from tests.ui.test_highlights_ui import select

    window = make_window()
    select(window, "Project Halo")  # far down the interview
    window.highlights.highlight_selection(2)
    [h] = window.session.highlights.for_article(1)
    window.highlights.controller.set_note(h.id, "A zeppelin of an idea")
    wait_index(window, qtbot)
    window.reading_view.verticalScrollBar().setValue(0)
    result = enter_query(window, qtbot, "note:zeppelin")
    [hit] = result.hits
    assert "In your note on" in hit_html(hit) and "in a note" in hit_html(hit)
    assert "match" not in hit_html(hit).split("<p")[0]  # (the line under the title)
    window.search.open_hit(hit)
    chosen = window.highlights.panel.view.currentIndex()
    assert chosen.isValid() and chosen.data(HighlightRole).id == h.id
    assert window.reading_view.verticalScrollBar().value() > 0  # scrolled to it


def test_what_another_program_left_unindexed_is_indexed_at_the_next_start(
    make_window, qtbot, data_dir
):
    from reader.core.session import open_session

    window = make_window()
    wait_index(window, qtbot)
    window.close()
    window.controller.session.close()
    other = open_session(data_dir)  # a program that stopped before indexing its change
    other.bus.unsubscribe(other.search.on_changes)
    article = other.library.get(1)
    other.highlights.add(1, article.plain_text, 0, 12, note="zeppelin sighting")
    other.close()
    again = make_window(data_dir)
    messages = []
    again.search.controller.index_ready.connect(messages.append)
    qtbot.waitUntil(lambda: again.search.controller.ready, timeout=20000)
    assert messages == ["Search index brought up to date: 1 article"]
    result = enter_query(again, qtbot, "note:zeppelin")
    assert [h.article_id for h in result.hits] == [1]


def test_typing_searches_at_once_and_then_the_newest_text(make_window, qtbot):
    """No fixed delay after a key: the first keystroke is searched at once; those typed
    while a search runs wait, and only the newest of them is searched next."""
    window = make_window()
    wait_index(window, qtbot)
    controller, panel = window.search.controller, window.search.panel
    asked: list[str] = []
    original = controller.service.search

    def counting(query, *args, **kwargs):
        asked.append(query)
        return original(query, *args, **kwargs)

    controller.service.search = counting
    try:
        with qtbot.waitSignal(controller.search_finished, timeout=5000) as first:
            qtbot.keyClick(panel.box, Qt.Key.Key_U)
        assert first.args[1] == "u"  # at once, not after a pause
        with qtbot.waitSignal(
            controller.search_finished,
            timeout=10000,
            check_params_cb=lambda _result, query: query == "unified",
        ):
            qtbot.keyClicks(panel.box, "nified")
        assert asked[0] == "u" and asked[-1] == "unified" and len(asked) <= 7
    finally:
        controller.service.search = original
