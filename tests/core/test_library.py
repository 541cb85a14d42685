"""The library: first run, bundled article, import reports, delete/undelete."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.ingest.bundled import load_bundled
from reader.core.library.service import DuplicateArticle
from reader.core.session import open_session
from tests.conftest import CORPUS


def test_first_run_imports_the_bundled_interview(session):
    items = session.library.summaries()
    assert [a.slug for a in items] == ["luma-ai-chief-scientist-interview"]
    article = session.library.get(items[0].id)
    assert article.title.startswith("Exclusive Interview with the Chief Scientist of Luma AI")
    assert article.authors == ("Fu Chong", "Zhou Xinyu")
    assert article.editors == ("Su Jianxun",)
    assert article.publication == "Intelligent Emergence"
    assert "Text by Fu Chong, Zhou Xinyu · Edited by Su Jianxun" in article.plain_text
    assert article.word_count > 2500


def test_bundled_article_keeps_the_seed_words_and_marks_the_truncation():
    import re

    from tests.conftest import DATA

    seed_path = DATA / "seed" / "luma-interview.txt"  # the text the article was made from
    doc = load_bundled()
    text = doc.plain_text
    assert "not yet mature enough to the\n" in text
    assert text.rstrip().endswith("Nothing has been added to it.")
    assert '<p class="caption">△ Song Jiaming, Photo: Provided by the interviewer</p>' in doc.html
    assert "<h2>The To C Era Hasn't Arrived Yet</h2>" in doc.html
    assert "<strong>Song Jiaming:</strong>" in doc.html
    lines = seed_path.read_text(encoding="utf-8").splitlines()[3:]
    assert len(lines) > 50
    for line in lines:  # every seed paragraph is in the article, hyphens joined
        line = re.sub(" - ", "-", line.strip())
        assert line in text, line[:60]


def test_deleted_bundled_article_is_not_re_added_but_can_be_restored(data_dir):
    session = open_session(data_dir)
    article_id = session.library.summaries()[0].id
    session.library.delete(article_id)
    session.close()
    session = open_session(data_dir)  # next start
    assert session.library.summaries() == []
    restored = session.library.restore_bundled()
    assert restored == article_id
    assert [a.id for a in session.library.summaries()] == [article_id]
    session.close()


def test_import_many_reports_good_bad_and_duplicates(session, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    paths = [
        CORPUS / "tricky.md",
        CORPUS / "notes.txt",
        CORPUS / "hostile.html",
        bad,
        tmp_path / "missing.md",
        CORPUS / "tricky.md",
    ]
    seen = []
    report = session.library.import_paths(paths, progress=lambda n, t, p: seen.append((n, t)))
    assert [a.title for a in report.imported] == [
        "Tricky Markdown",
        "A plain text note",
        "The Real Article",
    ]
    assert [f.path for f in report.failed] == [str(bad), str(tmp_path / "missing.md")]
    assert "binary" in report.failed[0].reason
    assert len(report.duplicates) == 1 and "already in the library" in report.duplicates[0].reason
    assert seen[-1] == (6, 6)
    assert len(session.library.summaries()) == 4


def test_bad_input_leaves_the_library_unchanged(session, tmp_path):
    before = session.db.execute("SELECT count(*), max(id) FROM articles").fetchone()[:]
    bad = tmp_path / "x.md"
    bad.write_bytes(b"")
    session.library.import_paths([bad, tmp_path, tmp_path / "none.txt"])
    after = session.db.execute("SELECT count(*), max(id) FROM articles").fetchone()[:]
    assert before == after


def test_duplicate_detection_ignores_whitespace_and_case(session, tmp_path):
    a = tmp_path / "a.md"
    a.write_text("# Same\n\nSome   text here.", encoding="utf-8")
    b = tmp_path / "b.md"
    b.write_text("# same\n\nsome text\nhere.", encoding="utf-8")
    session.library.import_file(a)
    with pytest.raises(DuplicateArticle):
        session.library.import_file(b)


def test_resolve_by_id_slug_and_title_part(session):
    article_id = session.library.summaries()[0].id
    assert session.library.resolve(str(article_id)) == article_id
    assert session.library.resolve("luma-ai-chief-scientist-interview") == article_id
    assert session.library.resolve("chief scientist") == article_id


def test_a_file_named_relatively_is_remembered_by_where_it_is(session, tmp_path, monkeypatch):
    """`reader import notes.md` in one folder and a changed notes.md in another are two
    files: the source is stored as a full path, so each updates only its own article."""
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, words in ((first, "alpha"), (second, "beta")):
        folder.mkdir()
        (folder / "notes.md").write_text(f"# Notes\n\nThe {words} notes.\n")
    monkeypatch.chdir(first)
    a = session.library.import_file(Path("notes.md"))
    assert session.library.get(a).source == str(first / "notes.md")
    monkeypatch.chdir(second)
    b = session.library.import_file(Path("notes.md"))
    assert b != a and session.library.get(b).source == str(second / "notes.md")
    assert "alpha" in session.library.get(a).plain_text  # not replaced by the other file
    (second / "notes.md").write_text("# Notes\n\nThe beta notes, revised.\n")
    assert session.library.import_file(second / "notes.md") == b  # the same file: updated
    assert "revised" in session.library.get(b).plain_text
