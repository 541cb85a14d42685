"""Readwise's CSV and Hypothesis's JSON: highlights land on the article the library has for
them (by address or title), else on an article made of them; importing again adds only
what is new; a file cut short, with the wrong columns or damaged changes nothing."""

from __future__ import annotations

import csv
import io
import json

import pytest

from reader.core.annotations.highlights import HighlightFilter
from reader.core.ingest.highlight_books import highlights_kind

INTERVIEW = (
    "Exclusive Interview with the Chief Scientist of Luma AI: The Rules of the Game for "
    "Video Generation Models Have Changed"
)
READWISE_HEADER = [
    "Highlight",
    "Book Title",
    "Book Author",
    "Amazon Book ID",
    "Note",
    "Color",
    "Tags",
    "Location Type",
    "Location",
    "Highlighted at",
    "Document tags",
]


def readwise_rows() -> list[list[str]]:
    return [
        [
            "Ray 3 is a phased achievement.",
            INTERVIEW,
            "Intelligent Emergence",
            "",
            "Phased, not final. .film",
            "blue",
            "forecast",
            "order",
            "2",
            "2026-03-01 10:00:00+00:00",
            "",
        ],
        [
            "Clarity about what matters provides clarity about what does not.",
            "Deep Work",
            "Cal Newport",
            "B00X47ZVXM",
            "",
            "yellow",
            "",
            "location",
            "1702",
            "2026-03-02 08:05:10+00:00",
            "focus, work",
        ],
        [
            "Who you spend time with is who you become.",
            "Deep Work",
            "Cal Newport",
            "B00X47ZVXM",
            "",
            "yellow",
            "",
            "location",
            "900",
            "2026-03-02 08:00:00+00:00",
            "",
        ],
    ]


def write_csv(path, rows, header=READWISE_HEADER):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def highlights(session):
    return session.highlights.query(HighlightFilter())


def test_readwise_highlights_land_on_the_article_or_make_one(session, tmp_path):
    path = write_csv(tmp_path / "readwise-data.csv", readwise_rows())
    assert highlights_kind(path) == "readwise-csv"
    report = session.library.import_paths([path])
    assert report.highlights == 3 and not report.failed
    on_interview = [h for h in highlights(session) if h.article_id == 1]
    [h] = on_interview
    assert h.quote.exact == "Ray 3 is a phased achievement."
    assert h.note == "Phased, not final." and sorted(h.tags) == ["film", "forecast"]
    assert h.color == 3  # "blue": the palette's Blue
    made = session.library.find_article("", "Deep Work")
    article = session.library.get(made)
    assert article.authors == ("Cal Newport",) and article.publication == "Readwise highlights"
    assert article.plain_text.split("\n")[-2:] == [  # in location order: 900, then 1702
        "Who you spend time with is who you become.",
        "Clarity about what matters provides clarity about what does not.",
    ]
    assert len([h for h in highlights(session) if h.article_id == made]) == 2
    assert session.library.shelf.standing([made])[made].tags == ("focus", "work")


def test_readwise_again_adds_only_what_is_new(session, tmp_path):
    path = write_csv(tmp_path / "readwise-data.csv", readwise_rows())
    session.library.import_paths([path])
    again = session.library.import_paths([path])
    assert again.highlights == 0 and "with nothing new" in again.notes[0]
    count = len(session.library.summaries())
    rows = [*readwise_rows(), ["Deep work is rare.", "Deep Work", "Cal Newport", *[""] * 8]]
    grown = session.library.import_paths([write_csv(path, rows)])
    assert grown.highlights == 1 and len(session.library.summaries()) == count
    assert len(highlights(session)) == 4


def test_our_own_readwise_csv_imports_back(session, tmp_path):
    from reader.core.export import export_readwise

    text = session.library.get(1).plain_text
    start = text.index("Dream Machine")
    session.highlights.add(1, text, start, start + len("Dream Machine"), 2, "a note", ["x"])
    out = export_readwise(session.annotations([1]), tmp_path / "mine.csv")
    other = tmp_path / "other"
    other.mkdir()
    from reader.core.session import open_session

    fresh = open_session(other)
    try:
        fresh.library.import_paths([out])
        [h] = fresh.highlights.query(HighlightFilter())
        assert (h.article_id, h.quote.exact, h.note, h.tags) == (
            1,
            "Dream Machine",
            "a note",
            ("x",),
        )
    finally:
        fresh.close()


HYPOTHESIS = {
    "total": 3,
    "rows": [
        {
            "uri": "https://example.org/luma",
            "document": {"title": [INTERVIEW]},
            "text": "Compare with Sora.",
            "tags": ["video"],
            "created": "2026-02-01T10:00:00.000000+00:00",
            "target": [
                {
                    "source": "https://example.org/luma",
                    "selector": [
                        {"type": "TextPositionSelector", "start": 10, "end": 40},
                        {  # the page had straight quotes and a doubled space
                            "type": "TextQuoteSelector",
                            "exact": "Ray 3 is a  phased achievement.",
                            "prefix": "",
                            "suffix": "",
                        },
                    ],
                }
            ],
        },
        {
            "uri": "https://blog.example.net/post",
            "document": {"title": ["A Post on World Models"]},
            "text": "",
            "tags": [],
            "created": "2026-02-02T10:00:00.000000+00:00",
            "target": [
                {
                    "source": "https://blog.example.net/post",
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": "World models will matter."}
                    ],
                }
            ],
        },
        {  # a page note: nothing to highlight
            "uri": "https://blog.example.net/post",
            "text": "Read later.",
            "target": [{"source": "https://blog.example.net/post"}],
        },
    ],
}


def test_hypothesis_annotations_land_on_the_article_or_make_one(session, tmp_path):
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(HYPOTHESIS), encoding="utf-8")
    assert highlights_kind(path) == "hypothesis-json"
    report = session.library.import_paths([path])
    assert report.highlights == 2
    assert "1 note(s) on a whole page skipped (no quote)" in report.notes[0]
    [on_interview] = [h for h in highlights(session) if h.article_id == 1]
    assert on_interview.quote.exact == "Ray 3 is a phased achievement."  # placed all the same
    assert on_interview.note == "Compare with Sora." and on_interview.tags == ("video",)
    made = session.library.find_article("", "A Post on World Models")
    assert session.library.meta(made)["url"] == "https://blog.example.net/post"
    assert session.library.get(made).publication == "Hypothesis annotations"


@pytest.mark.parametrize(
    ("name", "content", "told"),
    [
        ("cut.csv", None, "row 3 has 6 of 11 columns (the file is cut short"),  # mid-cell
        ("short.csv", "short", "row 3 has 4 of 11 columns"),
        ("wrong.csv", "Highlight,Page\nsome text,3\n", "needs the columns Highlight and Book"),
        ("empty.csv", ",".join(READWISE_HEADER) + "\n", "no highlights in the file"),
        ("broken.json", '{"rows": [{"uri": "https://x", "target": [', "cannot be read"),
        ("other.json", '{"uri": "x", "target": 3, "rows": 7}', "no list of annotations"),
    ],
)
def test_bad_files_are_refused_in_one_line_and_change_nothing(
    session, tmp_path, name, content, told
):
    path = tmp_path / name
    if content is None:
        whole = write_csv(tmp_path / "whole.csv", readwise_rows()).read_text(encoding="utf-8")
        path.write_text(whole[: whole.index("Deep Work") + 40] + '"unfinished', "utf-8")
    elif content == "short":
        whole = write_csv(tmp_path / "whole.csv", readwise_rows()).read_text(encoding="utf-8")
        path.write_text(
            "\n".join([*whole.splitlines()[:2], "Cut,Deep Work,Cal Newport,x"]) + "\n", "utf-8"
        )
    else:
        path.write_text(content, encoding="utf-8")
    before = (len(session.library.summaries()), len(highlights(session)))
    report = session.library.import_paths([path])
    assert told in report.failed[0].reason
    assert (len(session.library.summaries()), len(highlights(session))) == before


def test_imported_highlights_keep_when_they_were_made(session, tmp_path):
    path = write_csv(tmp_path / "readwise-data.csv", readwise_rows())
    session.library.import_paths([path])
    made = {h.quote.exact: h.created_at for h in highlights(session)}
    assert made["Ray 3 is a phased achievement."].startswith("2026-03-01T10:00:00")
    hypothesis = tmp_path / "hypothesis.json"
    hypothesis.write_text(json.dumps(HYPOTHESIS), encoding="utf-8")
    session.library.import_paths([hypothesis])
    made = {h.quote.exact: h.created_at for h in highlights(session)}
    assert made["World models will matter."].startswith("2026-02-02T10:00:00")


def test_two_pages_of_one_title_stay_two_articles(session, tmp_path):
    def page(uri: str, quote: str) -> dict:
        return {
            "uri": uri,
            "document": {"title": ["Home"]},
            "text": "",
            "tags": None,  # (Hypothesis writes null for none)
            "target": [
                {"source": uri, "selector": [{"type": "TextQuoteSelector", "exact": quote}]}
            ],
        }

    path = tmp_path / "hypothesis.json"
    rows = [
        page("https://a.example/", "Alpha will grow."),
        page("https://b.example/", "Beta fell."),
    ]
    path.write_text(json.dumps(rows), encoding="utf-8")
    report = session.library.import_paths([path])
    homes = [s for s in session.library.summaries() if s.title == "Home"]
    assert len(homes) == 2 and report.highlights == 2
    texts = sorted(session.library.get(h.id).plain_text.split("\n")[-1] for h in homes)
    assert texts == ["Alpha will grow.", "Beta fell."]


def test_a_book_whose_quotes_are_not_in_the_article_of_its_title_gets_its_own(session, tmp_path):
    notes = tmp_path / "Notes.md"
    notes.write_text("# Notes\n\nSomething else entirely, written here.\n", encoding="utf-8")
    session.library.import_paths([notes])
    row = ["A quote from another book called Notes.", "Notes", "Ann Bee", *[""] * 8]
    session.library.import_paths([write_csv(tmp_path / "readwise.csv", [row])])
    made = [s for s in session.library.summaries() if s.title == "Notes"]
    assert len(made) == 2
    [h] = highlights(session)
    assert h.quote.exact == "A quote from another book called Notes."


def test_dotted_words_inside_a_note_stay_in_it():
    from reader.core.ingest.highlight_books import _note_and_tags

    assert _note_and_tags("edit your .bashrc for .NET now") == (
        "edit your .bashrc for .NET now",
        [],
    )
    assert _note_and_tags("A good point. .film .ai") == ("A good point.", ["film", "ai"])
