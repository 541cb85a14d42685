"""The Logseq flavour: page properties, a block per highlight with its id:: and tags::,
notes as child blocks, and the reader's own notes kept on a second export."""

from __future__ import annotations

from reader.core.export import ExportOptions, export_folder
from reader.core.export.logseq import render_logseq

LOGSEQ = ExportOptions(flavour="logseq")


def _session_with_a_highlight(session):
    article = session.library.get(session.library.summaries()[0].id)
    text = article.plain_text
    start = text.index("Ray 3 is a phased achievement.")
    h = session.highlights.add(
        article.id, text, start, start + 30, 2, "Key claim\n\nSecond paragraph.", ["luma"]
    )
    return article, h


def test_a_page_of_blocks_with_ids_tags_and_notes_as_children(session):
    article, h = _session_with_a_highlight(session)
    [item] = session.annotations([article.id])
    page = render_logseq(item, session.highlights.colors(), "2026-12-02T00:00:00Z", LOGSEQ)
    lines = page.split("\n")
    assert lines[0] == f"title:: {article.title}" and f"reader-id:: {article.uid}" in lines
    assert not any(line.startswith("---") for line in lines)  # no YAML front matter
    at = lines.index("\t\t- > Ray 3 is a phased achievement.")
    assert lines[at + 1 : at + 4] == [
        f"\t\t  id:: {h.uid}",
        "\t\t  tags:: [[luma]]",
        "\t\t  color:: Green",
    ]
    assert (
        lines[at + 4 : at + 7]
        == ["\t\t\t- Key claim", "\t\t\t  ", "\t\t\t  Second paragraph."][:1]
        + lines[at + 5 : at + 7]
    )
    assert lines[at + 4] == "\t\t\t- Key claim" and "Second paragraph." in lines[at + 6]
    assert "- ## Predictions" in lines and "\t  speaker:: Song Jiaming" in lines
    assert all(
        line.startswith(("- ", "\t", "  "))
        for line in lines[lines.index("- ## Highlights") :]
        if line
    )


def test_exporting_again_keeps_the_reader_s_notes_in_the_same_file(session, tmp_path):
    article, _h = _session_with_a_highlight(session)
    colors = session.highlights.colors()
    [path] = export_folder(session.annotations([article.id]), tmp_path, colors, LOGSEQ)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "<!-- reader:notes:start -->", "<!-- reader:notes:start -->\n  - my own thought"
        ),
        encoding="utf-8",
    )
    session.highlights.add(article.id, article.plain_text, 0, 12)
    again = export_folder(session.annotations([article.id]), tmp_path, colors, LOGSEQ)
    assert again == [path]  # found by its reader-id:: and updated in place
    updated = path.read_text(encoding="utf-8")
    assert "my own thought" in updated and updated.count("id:: ") >= 2
