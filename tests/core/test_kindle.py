"""Kindle "My Clippings.txt": each book an article of its highlights, notes attached,
imported again adds only what is new; files that are not clippings are refused."""

from __future__ import annotations

import pytest

from reader.core.ingest.decoding import ImportRefused
from reader.core.ingest.kindle import parse_clippings

SEP = "=========="
CLIPPINGS = "\ufeff" + "\r\n".join(
    [
        "The Age of AI (Henry Kissinger; Eric Schmidt)",
        "- Your Highlight on page 12 | Location 170-172 | "
        "Added on Sunday, March 3, 2024 10:01:33 PM",
        "",
        "Machines will increasingly shape how people perceive the world.",
        SEP,
        "The Age of AI (Henry Kissinger; Eric Schmidt)",
        "- Your Note on page 12 | Location 172 | Added on Sunday, March 3, 2024 10:02:01 PM",
        "",
        "Compare with the Luma interview.",
        SEP,
        "Deep Work (Cal Newport)",
        "- Your Bookmark on Location 200 | Added on Monday, March 4, 2024 8:00:00 AM",
        "",
        "",
        SEP,
        "The Age of AI (Henry Kissinger; Eric Schmidt)",
        "- Your Highlight at location 88-91 | Added on Saturday, March 2, 2024 9:15:00 AM",
        "",
        "The age of reason is giving way to something else.",
        SEP,
        "Deep Work (Cal Newport)",
        "- Your Highlight on Location 1702-05 | Added on Monday, March 4, 2024 8:05:10 AM",
        "",
        "Clarity about what matters provides clarity about what does not.",
        SEP,
        "",
    ]
)


def _write(tmp_path, text, folder="kindle"):
    path = tmp_path / folder / "My Clippings.txt"  # as the Kindle names it
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def test_each_book_is_an_article_of_its_highlights_in_location_order(session, tmp_path):
    report = session.library.import_paths([_write(tmp_path, CLIPPINGS)])
    assert sorted(a.title for a in report.imported) == ["Deep Work", "The Age of AI"]
    ai = next(a for a in report.imported if a.title == "The Age of AI")
    article = session.library.get(ai.id)
    assert article.authors == ("Henry Kissinger", "Eric Schmidt")
    lines = article.plain_text.split("\n")
    assert lines[-2:] == [  # location 88 before 170, whatever the file's order
        "The age of reason is giving way to something else.",
        "Machines will increasingly shape how people perceive the world.",
    ]
    hs = sorted(session.highlights.for_article(ai.id), key=lambda h: h.position.start)
    assert [h.quote.exact for h in hs] == lines[-2:]
    assert [h.note for h in hs] == ["", "Compare with the Luma interview."]  # on location 172
    session.search.flush()  # searchable as any article
    assert [h.article_id for h in session.search.search("perceive").hits] == [ai.id]


def test_importing_the_file_again_adds_only_what_is_new(session, tmp_path):
    path = _write(tmp_path, CLIPPINGS)
    session.library.import_paths([path])
    again = session.library.import_paths([path])
    assert again.imported == () and len(again.duplicates) == 2  # nothing new
    assert "nothing new" in again.duplicates[0].reason
    [deep] = [a for a in session.library.summaries() if a.title == "Deep Work"]
    [first] = session.highlights.for_article(deep.id)
    session.highlights.update(first.id, note="my own note", tags=["focus"])
    more = CLIPPINGS.replace(
        "\ufeff",
        "\ufeff"
        + "\r\n".join(
            [
                "Deep Work (Cal Newport)",
                "- Your Highlight on Location 2500-2502 | "
                "Added on Tuesday, March 5, 2024 7:00:00 AM",
                "",
                "Who you are, what you think, feel, and do, what you love, "
                "is the sum of what you focus on.",
                SEP,
                "",
            ]
        ),
    )
    grown = session.library.import_paths([_write(tmp_path, more)])  # (the same file, later)
    assert [a.title for a in grown.imported] == ["Deep Work"]
    [same] = [a for a in session.library.summaries() if a.title == "Deep Work"]
    assert same.id == deep.id  # the same article, grown
    hs = session.highlights.for_article(deep.id)
    assert len(hs) == 2
    kept = next(h for h in hs if h.id == first.id)
    assert (kept.note, kept.tags) == ("my own note", ("focus",))  # the reader's work stays
    [placed_first, placed_new] = sorted(
        session.highlights.placed(deep.id, session.library.get(deep.id).plain_text),
        key=lambda p: p.anchor.start,
    )
    assert placed_first.item.id == first.id and placed_new.anchor is not None


def test_bad_clippings_are_refused_in_one_line_and_change_nothing(session, tmp_path):
    before = len(session.library.summaries())
    german = "\n".join(
        [
            "Das Buch (Ein Autor)",
            "- Ihre Markierung bei Position 170-172 | "
            "Hinzugefügt am Sonntag, 3. März 2024 22:01:33",
            "",
            "Ein Satz.",
            SEP,
        ]
    )
    cases = {
        "german.txt": (german, "a language Reader does not read"),
        "bookmarks.txt": (
            "B (A)\n- Your Bookmark on Location 9 | Added on Monday, March 4, 2024 8:00:00 AM\n\n\n"
            + SEP,
            "bookmarks only",
        ),
        "truncated.txt": (CLIPPINGS[: CLIPPINGS.index("Machines") + 20], ""),
    }
    for name, (text, reason) in cases.items():
        report = session.library.import_paths([_write(tmp_path, text, name)])
        if reason:
            [failure] = report.failed
            assert reason in failure.reason and "\n" not in failure.reason
    assert len(session.library.summaries()) == before + 1  # the truncated file's whole entries
    with pytest.raises(ImportRefused):
        parse_clippings("just some text\nwith lines\n")


def test_a_shortened_location_range_and_authors_with_and():
    [book] = parse_clippings(
        "T (A and B)\n- Your Highlight on Location 1702-05 | Added on Monday, March 4, 2024"
        " 8:05:10 AM\n\nText.\n" + SEP
    )
    assert book.authors == ("A", "B")
    assert (book.clippings[0].start, book.clippings[0].end) == (1702, 1705)
    assert book.clippings[0].added == "2024-03-04T08:05:10"


def test_the_import_report_counts_articles_and_highlights(session, tmp_path):
    report = session.library.import_paths([_write(tmp_path, CLIPPINGS)])
    assert report.highlights == 3 and report.summary() == "2 articles, 3 highlights"
    again = session.library.import_paths([_write(tmp_path, CLIPPINGS)])
    assert again.summary() == "0 articles, 2 already there"
