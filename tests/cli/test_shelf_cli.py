"""reader archive, reader tag and reader list --state/--tag: real subprocesses."""

from __future__ import annotations

from tests.conftest import CORPUS


def test_archive_tag_and_list_by_state_and_tag(cli):
    assert cli("import", str(CORPUS / "tricky.md"), str(CORPUS / "notes.txt"))[0] == 0
    code, out, _ = cli("archive", "tricky")
    assert code == 0 and out.startswith("archived 2: Tricky Markdown")
    code, out, _ = cli("tag", "plain text note", "Garden", "#to-read")
    assert (code, out.strip()) == (0, "3: #garden #to-read")
    code, items, _ = cli.json("list", "--state", "archive")
    assert [(a["title"], a["state"]) for a in items] == [("Tricky Markdown", "archive")]
    code, items, _ = cli.json("list", "--tag", "garden")
    assert [(a["title"], a["tags"], a["read_percent"]) for a in items] == [
        ("A plain text note", ["garden", "to-read"], 0)
    ]
    code, out, _ = cli("list", "--state", "inbox")
    lines = out.splitlines()
    assert len(lines) == 2 and all(" inbox " in line for line in lines)
    assert "#garden #to-read" in lines[1]
    code, out, _ = cli("archive", "tricky", "--undo")
    assert out.startswith("unarchived 2:")
    code, items, _ = cli.json("list", "--state", "inbox")  # never read: back to the Inbox
    assert "Tricky Markdown" in [a["title"] for a in items]
    code, out, _ = cli("archive", "tricky", "--undo")
    assert out.startswith("not archived 2:")
    code, out, _ = cli("tag", "plain text note", "garden", "--remove")
    assert out.strip() == "3: #to-read"


def test_search_finds_what_the_command_line_filed(cli):
    cli("import", str(CORPUS / "tricky.md"))
    cli("archive", "tricky")
    cli("tag", "tricky", "ai-video")
    code, out, _ = cli.json("search", "state:archive tag:ai-video")
    assert code == 0 and [h["title"] for h in out["hits"]] == ["Tricky Markdown"]
    code, text, _ = cli("search", "state:archive")
    assert "Tricky Markdown" in text and "matches)" not in text  # no "(0 matches)"


def test_bad_states_tags_and_articles_are_one_line_each(cli):
    code, _out, err = cli("list", "--state", "later")
    assert code == 1 and err.strip() == "reader: no state 'later' (states: inbox, reading, archive)"
    code, _out, err = cli("archive", "no such thing")
    assert code == 1 and err.strip() == "reader: no article matches 'no such thing'"
    code, out, _ = cli("list", "--tag", "nothing-has-this")
    assert code == 0 and out == ""
