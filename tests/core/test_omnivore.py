"""Omnivore's export zip: articles whose text is in it come from it, with their labels,
state, dates and highlights; the others are saved from their addresses; a damaged zip,
a zip bomb or broken metadata changes nothing."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from reader.core.annotations.highlights import HighlightFilter
from reader.core.ingest.omnivore import parse_highlights
from tests.core.test_web_import import server  # noqa: F401 (a fixture)

CONTENT = (
    "<div><h1>World Models Are Coming</h1><p>Studios will adopt world models within two "
    "years, the analyst said.</p><p>Meanwhile the cameras keep rolling on every set, and "
    "the crews keep lighting scenes the old way.</p><script>alert(1)</script></div>"
)
HIGHLIGHTS_MD = (
    "> Studios will adopt world models within two years, the analyst said. "
    "[⤴️](https://omnivore.app/me/world-models-are-coming#a1b2)\n\n#forecast "
    "#studios\n\nWatch this one.\n\n"
    "> Meanwhile the cameras keep rolling on every set\n\n"
    "> A sentence the article does not have."
)


def metadata(base: str) -> list[dict]:
    return [
        {
            "id": "1",
            "slug": "world-models-are-coming",
            "title": "World Models Are Coming",
            "author": "Ann Bee",
            "url": "https://example.org/world-models",
            "state": "ARCHIVED",
            "readingProgress": 100,
            "labels": ["ai-video", "film"],
            "savedAt": "2024-08-26T12:00:00.000Z",
            "publishedAt": "2024-08-20T09:00:00.000Z",
        },
        {
            "id": "2",
            "slug": "robots",
            "title": "Robots",
            "url": f"{base}/news",
            "state": "SUCCEEDED",
            "readingProgress": 30,
            "labels": [],
            "savedAt": "2024-08-27T12:00:00.000Z",
        },
        {"id": "3", "slug": "gone", "title": "Gone", "url": f"{base}/x", "state": "DELETED"},
    ]


def write_zip(path, entries: dict[str, bytes | str]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def export(tmp_path, base: str):
    return write_zip(
        tmp_path / "omnivore-export.zip",
        {
            "metadata_0_to_3.json": json.dumps(metadata(base)),
            "content/world-models-are-coming.html": CONTENT,
            "highlights/world-models-are-coming.md": HIGHLIGHTS_MD,
        },
    )


def test_an_export_comes_in_with_its_text_labels_state_and_highlights(
    session,
    tmp_path,
    server,  # noqa: F811
):
    report = session.library.import_paths([export(tmp_path, server)])
    assert sorted(a.title for a in report.imported) == [
        "Robots Learn to Fold Laundry",  # (the page's own title: fetched)
        "World Models Are Coming",
    ]
    assert report.highlights == 2 and not report.failed
    assert "1 highlight(s) not found in their article's text: left out" in report.notes
    world = next(a for a in report.imported if a.title == "World Models Are Coming")
    article = session.library.get(world.id)
    assert article.source == "https://example.org/world-models"  # nothing was fetched for it
    assert article.authors == ("Ann Bee",) and article.published_at.startswith("2024-08-20")
    assert "alert" not in article.html
    standing = session.library.shelf.standing([world.id])[world.id]
    assert standing.state == "archive" and standing.tags == ("ai-video", "film")
    assert article.saved_at.startswith("2024-08-26")
    placed = session.highlights.query(HighlightFilter(article_id=world.id))
    notes = {h.quote.exact: (h.note, h.tags) for h in placed}
    assert notes == {
        "Studios will adopt world models within two years, the analyst said.": (
            "Watch this one.",
            ("forecast", "studios"),
        ),
        "Meanwhile the cameras keep rolling on every set": ("", ()),
    }
    robots = next(a for a in report.imported if a.title.startswith("Robots"))
    assert session.library.shelf.standing([robots.id])[robots.id].state == "reading"
    again = session.library.import_paths([export(tmp_path, server)])
    assert not again.imported and len(again.duplicates) == 2


def test_highlights_with_paragraphs_labels_and_notes():
    text = "> First paragraph\n> \nsecond paragraph #a #b\n\nA note\n\nwith two parts"
    assert parse_highlights(text) == [
        {
            "exact": "First paragraph\n\nsecond paragraph",
            "note": "A note\n\nwith two parts",
            "tags": ["a", "b"],
        }
    ]


def bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata_0_to_1.json", "[]")
        archive.writestr("content/huge.html", b"\0" * (4 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "told"),
    [
        (bomb, "zip bomb"),
        (lambda: export_bytes()[:-200], "not a readable zip file"),
        (lambda: zip_bytes({"metadata_0_to_1.json": "[{oops"}), "is damaged"),
        (lambda: zip_bytes({"metadata_0_to_1.json": "[]"}), "no saved articles"),
        (lambda: zip_bytes({"notes.txt": "hello"}), "not an Omnivore export"),
    ],
)
def test_bad_exports_are_refused_and_change_nothing(session, tmp_path, make, told):
    path = tmp_path / "omnivore.zip"
    path.write_bytes(make())
    before = len(session.library.summaries())
    report = session.library.import_paths([path])
    assert told in report.failed[0].reason
    assert len(session.library.summaries()) == before


def zip_bytes(entries: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def export_bytes() -> bytes:
    return zip_bytes(
        {
            "metadata_0_to_3.json": json.dumps(metadata("https://example.org")),
            "content/world-models-are-coming.html": CONTENT * 50,
        }
    )


def test_damaged_data_inside_the_zip_is_refused_in_one_line(session, tmp_path):
    good = zip_bytes(
        {
            "metadata_0_to_1.json": json.dumps(metadata("https://example.org")[:1]),
            "content/world-models-are-coming.html": CONTENT * 40,
        }
    )
    name = b"content/world-models-are-coming.html"
    at = good.index(name) + len(name) + 20  # into that entry's compressed data
    damaged = good[:at] + bytes(b ^ 0x5A for b in good[at : at + 40]) + good[at + 40 :]
    path = tmp_path / "omnivore.zip"
    path.write_bytes(damaged)
    report = session.library.import_paths([path])
    assert "damaged" in report.failed[0].reason


def test_highlights_for_an_article_already_here_are_placed_on_it(
    session,
    tmp_path,
    server,  # noqa: F811
):
    [saved] = session.library.import_paths([f"{server}/news"]).imported  # saved before
    items = [
        {
            "slug": "robots",
            "title": "Robots",
            "url": f"{server}/news",
            "state": "SUCCEEDED",
            "labels": ["robots"],
        }
    ]
    marks = "> The team expects household robots to fold laundry within five years.\n\nSoon?"
    path = write_zip(
        tmp_path / "omnivore.zip",
        {"metadata_0_to_1.json": json.dumps(items), "highlights/robots.md": marks},
    )
    report = session.library.import_paths([path])
    assert not report.imported and report.duplicates[0].existing_id == saved.id
    [h] = session.highlights.query(HighlightFilter(article_id=saved.id))
    assert h.note == "Soon?" and report.highlights == 1
    assert session.library.shelf.standing([saved.id])[saved.id].tags == ("robots",)
