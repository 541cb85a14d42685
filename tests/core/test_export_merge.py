"""Re-export into the same folder: updated in place, the user's own text kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader.core.export import ExportOptions, export_articles
from reader.core.export.files import safe_filename
from reader.core.export.merge import ORPHANS, extract, markers, merge
from tests.core.test_export_markdown import COLORS, STAMP, annotations, interview

LATER = "2026-12-01T08:00:00Z"


def test_merge_keeps_regions_and_regenerates_the_rest() -> None:
    start, end = markers()
    old = f"old header\n{start}\nmine\n{end}\nold body\n"
    new = f"new header\n{start}\n{end}\nnew body\n"
    assert merge(new, old) == f"new header\n{start}\nmine\n{end}\nnew body\n"
    assert merge(new, None) == new
    assert extract(old) == {"": "\nmine\n"}


def test_reexport_updates_in_place_and_keeps_the_users_text(tmp_path: Path) -> None:
    a = interview()
    hs, ps = annotations(a)
    (path,) = export_articles([(a, hs, ps)], tmp_path, ExportOptions(), COLORS, STAMP)
    text = path.read_text(encoding="utf-8")
    start, _ = markers()
    mine = "\nMy summary: reasoning beats pixels.\n\n\n- [[Runway]] to compare\n"
    text = text.replace(f"{start}\n", f"{start}{mine}", 1)
    # keyed text for one highlight, written by the user at the end of the file
    hstart, hend = markers("h-00000002")
    text += f"\n{hstart}\nAgreed, see [[Unified models]].\n{hend}\n"
    path.write_text(text, encoding="utf-8")

    # the article is renamed and gains a note on a highlight; a new export runs
    a2 = replace(a, title="A new title")
    hs2 = [replace(hs[0], note="Updated note."), *hs[1:]]
    (again,) = export_articles([(a2, hs2, ps)], tmp_path, ExportOptions(), COLORS, LATER)
    assert again == path  # same file, no second copy
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    out = again.read_text(encoding="utf-8")
    assert f"{start}{mine}" in out
    assert "Updated note." in out and "Big round" not in out
    assert f'exported: "{LATER}"' in out and "# A new title" in out
    # the keyed text now sits right after its highlight, and only once
    assert out.count("Agreed, see [[Unified models]].") == 1
    h2 = out.index("^h-00000002")
    assert h2 < out.index(hstart) < out.index("^h-00000003")
    assert ORPHANS not in out

    # a third export is stable: nothing changes but the stamp
    (third,) = export_articles([(a2, hs2, ps)], tmp_path, ExportOptions(), COLORS, LATER)
    assert third.read_text(encoding="utf-8") == out


def test_text_of_a_deleted_highlight_is_kept_at_the_end(tmp_path: Path) -> None:
    a = interview()
    hs, ps = annotations(a)
    (path,) = export_articles([(a, hs, ps)], tmp_path, ExportOptions(), COLORS, STAMP)
    hstart, hend = markers("h-00000001")
    path.write_text(path.read_text() + f"\n{hstart}\nkeep me\n{hend}\n")
    export_articles([(a, hs[1:], ps)], tmp_path, ExportOptions(), COLORS, LATER)
    out = path.read_text()
    assert out.index(ORPHANS) < out.index("keep me")
    assert out.count("keep me") == 1


def test_someone_elses_file_with_the_same_name_is_not_overwritten(tmp_path: Path) -> None:
    a = interview()
    theirs = tmp_path / safe_filename(a.title)
    theirs.write_text("---\ntitle: other\nid: something-else\n---\nTheir note.\n")
    (path,) = export_articles([(a, [], [])], tmp_path, ExportOptions(), COLORS, STAMP)
    assert path.name == safe_filename(a.title).replace(".md", " (2).md")
    assert theirs.read_text() == "---\ntitle: other\nid: something-else\n---\nTheir note.\n"
