"""Pocket and Instapaper exports: every address saved, filed with the list's tags, state
and date; failures listed; broken lists refused in one line, changing nothing."""

from __future__ import annotations

from reader.core.ingest.saved_lists import list_kind, read_saved_list
from tests.core.test_web_import import server  # noqa: F401 (a fixture)


def _pocket_csv(server):  # noqa: F811
    return "\n".join(
        [
            "title,url,time_added,tags,status",
            f"Robots,{server}/news,1709251200,robots|AI Video,archive",
            f"Long read,{server}/longform,1709337600,,unread",
            f"Gone,{server}/missing,1709424000,,unread",
            "Not the web,javascript:alert(1),1709424000,,unread",
            "",
        ]
    )


def test_a_pocket_csv_saves_each_page_with_its_tags_state_and_date(session, tmp_path, server):  # noqa: F811
    path = tmp_path / "part_000000.csv"
    path.write_text(_pocket_csv(server), encoding="utf-8")
    assert list_kind(path) == "pocket-csv"
    report = session.library.import_paths([path])
    assert sorted(a.title for a in report.imported) == [
        "Robots Learn to Fold Laundry",
        "The Camera Is Optional: Inside the Race to Build AI Video",
    ]
    [failure] = report.failed
    assert failure.path.endswith("/missing") and "404" in failure.reason
    listed = {a.title: a for a in session.library.summaries()}
    robots = listed["Robots Learn to Fold Laundry"]
    assert (robots.state, robots.tags) == ("archive", ("ai-video", "robots"))
    assert robots.saved_at.startswith("2024-03-01")  # when Pocket saved it
    assert listed["The Camera Is Optional: Inside the Race to Build AI Video"].state == "inbox"
    again = session.library.import_paths([path])  # nothing saved twice; no page refetched
    assert again.imported == () and len(again.duplicates) == 2


def test_instapaper_and_the_old_pocket_html_lists(session, tmp_path, server):  # noqa: F811
    insta = tmp_path / "instapaper-export.csv"
    insta.write_text(
        "URL,Title,Selection,Folder,Timestamp,Tags\n"
        f'{server}/news,Robots,,Archive,1709251200,"[""robots""]"\n'
        f"{server}/longform,Long,,Film,1709337600,\n",
        encoding="utf-8",
    )
    report = session.library.import_paths([insta])
    assert len(report.imported) == 2
    listed = {a.title: a for a in session.library.summaries()}
    assert listed["Robots Learn to Fold Laundry"].state == "archive"
    assert listed["The Camera Is Optional: Inside the Race to Build AI Video"].tags == ("film",)
    html = tmp_path / "ril_export.html"
    html.write_text(
        "<!DOCTYPE html><html><head><title>Pocket Export</title></head><body>"
        f'<h1>Unread</h1><ul><li><a href="{server}/news" time_added="1709251200" '
        'tags="later,robots">Robots</a></li></ul>'
        f'<h1>Read Archive</h1><ul><li><a href="{server}/longform" time_added="1">Long</a>'
        "</li></ul></body></html>",
        encoding="utf-8",
    )
    items = read_saved_list(html)
    assert [(i.url.rsplit("/", 1)[1], i.tags, i.archived) for i in items] == [
        ("news", ("later", "robots"), False),
        ("longform", (), True),
    ]
    again = session.library.import_paths([html])  # both there: they take the tags only
    assert again.imported == () and len(again.duplicates) == 2
    listed = {a.title: a for a in session.library.summaries()}
    assert set(listed["Robots Learn to Fold Laundry"].tags) == {"robots", "later"}


def test_a_broken_list_is_refused_in_one_line_and_changes_nothing(session, tmp_path):
    before = len(session.library.summaries())
    broken = tmp_path / "part_000000.csv"
    broken.write_text(
        "title,url,time_added,tags,status\nA,https://example.org/a,1,,unread,extra\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.csv"
    empty.write_text("title,url,time_added,tags,status\n", encoding="utf-8")
    report = session.library.import_paths([broken, empty])
    reasons = [f.reason for f in report.failed]
    assert reasons == [
        "line 2 of the list has the wrong number of columns",
        "the list has no web addresses in it",
    ]
    assert len(session.library.summaries()) == before
