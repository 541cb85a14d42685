"""Our own W3C Web Annotation export imports back onto the same articles."""

from __future__ import annotations

import json

from reader.core.export import export_json
from reader.core.predictions.service import PredictionFilter


def test_an_export_read_back_restores_highlights_predictions_and_bookmarks(session, tmp_path):
    article = session.library.get(session.library.summaries()[0].id)
    text = article.plain_text
    start = text.index("Ray 3 is a phased achievement.")
    h = session.highlights.add(article.id, text, start, start + 30, 3, "a note", ["luma"])
    mine = session.predictions.add(article.id, text, start, start + 30, statement="Mine")
    b = session.bookmarks.add(article.id, text, start)
    out = export_json(session.annotations([article.id]), tmp_path / "a.json", [])
    for service, item in ((session.highlights, h), (session.predictions, mine),
                          (session.bookmarks, b)):  # fmt: skip
        service.purge(item.id)
    report = session.library.import_paths([out])
    [note] = report.notes
    assert note.startswith("a.json: 3 annotation(s) added, 13 already there")
    [back] = session.highlights.for_article(article.id)
    assert (back.uid, back.note, back.tags, back.color) == (h.uid, "a note", ("luma",), 3)
    assert back.created_at == h.created_at  # its own, not the import's
    uids = {p.uid for p in session.predictions.query(PredictionFilter())}
    assert mine.uid in uids
    assert [x.uid for x in session.bookmarks.for_article(article.id)] == [b.uid]
    again = session.library.import_paths([out])  # nothing twice
    assert again.notes[0].startswith("a.json: 0 annotation(s) added, 16 already there")


def test_annotations_for_articles_elsewhere_are_counted_and_a_damaged_file_refused(
    session, tmp_path
):
    article = session.library.get(session.library.summaries()[0].id)
    out = export_json(session.annotations([article.id]), tmp_path / "a.json", [])
    data = json.loads(out.read_text(encoding="utf-8"))
    for a in data["first"]["items"]:
        a["target"]["source"] = "urn:uuid:00000000-0000-4000-8000-0000000000ff"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    report = session.library.import_paths([other])
    assert "0 annotation(s) added, 13 for articles not in this library" in report.notes[0]
    del data["first"]["items"][0]["target"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    before = len(session.predictions.query(PredictionFilter()))
    report = session.library.import_paths([broken])
    [failure] = report.failed
    assert failure.reason == "the annotation file is damaged (KeyError)"
    assert len(session.predictions.query(PredictionFilter())) == before
