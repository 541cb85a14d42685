"""Backups from anywhere: what they carry is sanitised like an import, a bad one is refused
before anything is replaced, and no restore loses the library it replaces."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest

from reader.core.export import collect
from reader.core.ingest.render import sanitize
from reader.core.storage.backup import BackupError, snapshot, write_backup
from reader.core.storage.recovery import backup_folder


def backup_with(session, tmp_path, change) -> object:
    """A backup of the session's library, changed by `change(tables)` and saved."""
    data = snapshot(session.db)
    change(data["tables"])
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def cell(tables, table: str, column: str, row: int = 0):
    return tables[table]["columns"].index(column), tables[table]["rows"][row]


def test_restored_html_is_sanitised_again_and_its_text_derived_again(session, tmp_path):
    hostile = (
        '<h1 class="title">Planted</h1><p onclick="steal()">Click '
        '<a href="javascript:alert(1)">here</a> or <a href="da&#x09;ta:text/html,x">there</a>'
        "</p><script>alert(2)</script><p>Secret words.</p>"
    )

    def plant(tables):
        i, row = cell(tables, "articles", "html")
        row[i] = hostile
        j, _ = cell(tables, "articles", "plain_text")
        row[j] = "text that is not what the page shows"

    path = backup_with(session, tmp_path, plant)
    session.search.rebuild(session.documents)
    report = session.restore_backup(path)
    assert report.cleaned == 1
    article = session.library.get(session.library.summaries()[0].id)
    for bad in ("<script", "onclick", "javascript:", "data:", "alert"):
        assert bad not in article.html
    assert article.plain_text == "Planted\nClick here or there\nSecret words."
    assert [h.article_id for h in session.search.search("secret").hits] == [article.id]


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda t: cell(t, "articles", "authors")[1].__setitem__(
            cell(t, "articles", "authors")[0], "not json"), "row 1: authors is not JSON"),
        (lambda t: cell(t, "articles", "authors")[1].__setitem__(
            cell(t, "articles", "authors")[0], '{"a": 1}'), "authors must be a JSON list"),
        (lambda t: cell(t, "articles", "word_count")[1].__setitem__(
            cell(t, "articles", "word_count")[0], "many"), "word_count must be integer"),
        (lambda t: cell(t, "articles", "title")[1].__setitem__(
            cell(t, "articles", "title")[0], None), "title is empty"),
        (lambda t: cell(t, "articles", "meta")[1].__setitem__(
            cell(t, "articles", "meta")[0], "[]"), "meta must be a JSON dict"),
        (lambda t: t["articles"]["rows"].append(list(t["articles"]["rows"][0])),
         "row 2: UNIQUE constraint"),
        (lambda t: cell(t, "articles", "saved_at")[1].__setitem__(
            cell(t, "articles", "saved_at")[0], "yesterday"),
         "row 1: saved_at must be a time like 2026-12-31T09:30:00Z, not 'yesterday'"),
        (lambda t: cell(t, "predictions", "created_at")[1].__setitem__(
            cell(t, "predictions", "created_at")[0], "2026-13-45"), "created_at must be a time"),
        (lambda t: cell(t, "predictions", "resolve_by")[1].__setitem__(
            cell(t, "predictions", "resolve_by")[0], "soon"),
         "row 1: resolve_by must be a date like 2026-12-31, not 'soon'"),
        (lambda t: cell(t, "predictions", "start")[1].__setitem__(
            cell(t, "predictions", "start")[0], -5), r"start -5 and end \d+ are not a place"),
        (lambda t: cell(t, "predictions", "end")[1].__setitem__(
            cell(t, "predictions", "end")[0], 0), r"row 1: start \d+ and end 0 are not a place"),
        (lambda t: cell(t, "predictions", "resolve_by")[1].__setitem__(
            cell(t, "predictions", "resolve_by")[0], "2030-12-31 maybe"),
         "resolve_by must be a date like 2026-12-31, not '2030-12-31 maybe'"),
        (lambda t: cell(t, "predictions", "confidence")[1].__setitem__(
            cell(t, "predictions", "confidence")[0], float("inf")),
         "row 1: confidence must be a finite number, not inf"),
        (lambda t: cell(t, "predictions", "confidence")[1].__setitem__(
            cell(t, "predictions", "confidence")[0], float("nan")),
         "confidence must be a finite number, not nan"),
        (lambda t: cell(t, "predictions", "end")[1].__setitem__(
            cell(t, "predictions", "end")[0], 2**70), "end is a number too large"),
    ],
)  # fmt: skip
def test_a_malformed_backup_is_refused_with_the_bad_row_and_changes_nothing(
    session, tmp_path, change, says
):
    before = [a.title for a in session.library.summaries()]
    safety = backup_folder(session.folder)
    path = backup_with(session, tmp_path, change)
    with pytest.raises(BackupError, match=says):
        session.restore_backup(path)
    assert [a.title for a in session.library.summaries()] == before
    assert not list(safety.glob("before-restore-*"))  # refused before anything was written
    article = session.library.get(session.library.summaries()[0].id)
    assert collect(session.library, session.highlights, session.predictions, article.id)


@pytest.mark.parametrize("version", ["3", None, 0, True, 2.5])
def test_a_schema_version_that_is_not_a_number_says_so(session, tmp_path, version):
    data = snapshot(session.db)
    data["schema_version"] = version
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BackupError, match=r"schema version .* is not a version number"):
        session.restore_backup(path)


def test_every_restore_keeps_its_own_dated_safety_copy(session, tmp_path):
    article = session.library.get(session.library.summaries()[0].id)
    session.highlights.add(article.id, article.plain_text, 0, 20, note="mine")
    path = write_backup(session.db, tmp_path / "empty.json.gz")
    session.library.delete(article.id)
    first = session.restore_backup(path).safety_copy
    second = session.restore_backup(path).safety_copy
    assert first != second and first.exists() and second.exists()
    assert first.name.startswith("before-restore-") and first.parent == backup_folder(
        session.folder
    )


def test_a_backup_without_colours_gets_the_default_ones(session, tmp_path):
    article = session.library.get(session.library.summaries()[0].id)
    session.highlights.add(article.id, article.plain_text, 0, 20, color=4)
    path = backup_with(session, tmp_path, lambda tables: tables.pop("colors"))
    session.restore_backup(path)
    assert [c.name for c in session.highlights.colors()] == [
        "Yellow", "Green", "Blue", "Pink", "Purple",
    ]  # fmt: skip
    [h] = session.highlights.for_article(article.id)
    assert session.highlights.color_slot("Pink") == h.color == 4


def test_bombs_devices_and_deep_json_are_refused_cheaply(session, tmp_path):
    bomb = tmp_path / "bomb.json.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as out:
        block = b"\0" * (1024 * 1024)
        for _ in range(1100):  # 1.1 GB of zeros, a few MB on disk
            out.write(block)
    with pytest.raises(BackupError, match="unpacks to more than 1 GB"):
        session.restore_backup(bomb)
    with pytest.raises(BackupError, match="is not a file"):
        session.restore_backup(tmp_path.parent / "no-such" / ".." / "..")  # a folder
    if os.path.exists("/dev/zero"):
        with pytest.raises(BackupError, match="is not a file"):
            session.restore_backup("/dev/zero")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(BackupError, match="nested too deeply"):
        session.restore_backup(deep)
    assert len(session.library.summaries()) == 1


def test_reader_restore_of_a_malformed_backup_is_one_line(session, tmp_path, data_dir):
    def plant(tables):
        i, row = cell(tables, "articles", "authors")
        row[i] = "not json"

    path = backup_with(session, tmp_path, plant)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), "restore", str(path)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and "row 1: authors" in done.stderr


def test_data_and_script_links_are_dropped_however_the_scheme_is_split():
    for href in (
        "da&#x09;ta:text/html,x", "da&#x0a;ta:text/html,x", "da&#x0d;ta:text/html,x",
        "&#x01;data:text/html,x", " data:text/html,x", "java&#x09;script:alert(1)",
        "JAVASCRIPT:alert(1)", "vbscript:x",
    ):  # fmt: skip
        assert "href" not in sanitize(f'<a href="{href}">x</a>')
    assert 'href="https://example.test/a"' in sanitize('<a href="https://example.test/a">x</a>')


@pytest.mark.parametrize(
    "link",
    [
        "<a>no address</a>",
        '<a href="">no address</a>',
        '<a href="page.html">no address</a>',  # a saved page's own link: nowhere from here
        '<a href="#part-2">no address</a>',
        '<a href="javascript:x" title="see href=here">no address</a>',  # a title's words
    ],
)
def test_a_link_that_goes_nowhere_is_plain_words(link):
    assert sanitize(f"<p>See {link}.</p>") == "<p>See no address.</p>"


def test_a_link_whose_address_was_dropped_becomes_plain_words():
    html = sanitize(
        '<p><abbr title="x">AI</abbr> see <a href="javascript:alert(1)" title="t">the <b>demo'
        '</b></a>, <a name="top">top</a> or <a href="https://example.test/">the site</a></p>'
    )
    assert html == (
        '<p><abbr title="x">AI</abbr> see the <b>demo</b>, top or '
        '<a href="https://example.test/" rel="noopener noreferrer">the site</a></p>'
    )
