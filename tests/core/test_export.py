"""Markdown and JSON export: golden file, parse-back, re-export, names, bad folders."""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import replace
from pathlib import Path

import markdown
import pytest

from reader.core.annotations import anchoring
from reader.core.export import (
    ArticleAnnotations,
    ExportError,
    ExportOptions,
    TemplateError,
    collect,
    dumps,
    export_folder,
    parse,
    render,
)
from reader.core.export.files import safe_name
from reader.core.export.markdown import block_id, prediction_markdown
from reader.core.ingest.bundled import load_bundled
from reader.core.models import Article, ColorSlot, Highlight
from reader.core.predictions.curated import curated_predictions
from tests.conftest import DATA

GOLDEN = DATA / "export" / "interview.md"
COLORS = [
    ColorSlot(1, "Yellow", "#f7d84a"),
    ColorSlot(2, "Green", "#8fd18b"),
    ColorSlot(4, "Disagree", "#f29bc2"),
]
STAMP = "2026-11-24T12:00:00Z"


def interview() -> Article:
    doc = load_bundled()
    return Article(
        1,
        "00000000-0000-4000-8000-000000000001",
        "luma",
        doc.title,
        doc.authors,
        doc.editors,
        doc.publication,
        doc.source,
        doc.language,
        "2026-11-20T09:00:00Z",
        doc.published_at,
        2642,
        "markdown",
        doc.original,
        doc.html,
        doc.plain_text,
        "hash",
    )


def highlight(
    article: Article, n: int, phrase: str, color: int, note: str = "", tags: tuple[str, ...] = ()
) -> Highlight:
    start = article.plain_text.index(phrase)
    quote, position = anchoring.describe(article.plain_text, start, start + len(phrase))
    return Highlight(
        n,
        f"00000000-0000-4000-8000-{n:012d}",
        article.id,
        color,
        quote,
        position,
        note,
        tags,
        STAMP,
        STAMP,
    )


def item() -> ArticleAnnotations:
    a = interview()
    hs = (
        highlight(
            a,
            11,
            "Ray 3 is a phased achievement.",
            2,
            "Key claim\n\nTwo lines.",
            ("luma-strategy",),
        ),
        highlight(a, 12, "Dream Machine attracted one million users", 1),
        highlight(
            a,
            13,
            "the 30-day retention rate of Sora 2 was only 1%",
            4,
            "Retention, not hype.",
            ("consumer-vs-business",),
        ),
    )
    ps = tuple(
        p.__class__(
            **{
                **p.__dict__,
                "uid": f"00000000-0000-4000-9000-{i:012d}",
                "created_at": STAMP,
                "updated_at": STAMP,
            }
        )
        for i, p in enumerate(curated_predictions(a, "luma-interview")[:3])
    )
    return ArticleAnnotations(a, hs, ps)


def test_golden_markdown_for_the_interview():
    text = render(item(), COLORS, STAMP)
    if not GOLDEN.exists():  # first run writes it; review it, then commit it
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_exported_markdown_parses_and_every_quote_is_in_the_article():
    it = item()
    text = render(it, COLORS, STAMP)
    html = markdown.markdown(text.split("---", 2)[2], extensions=["extra"])
    assert html.count("<blockquote>") == len(it.highlights) + len(it.predictions)
    quotes = re.findall(r"^ *> (.+?)(?: \^[hp]-\w+)?$", text, re.M)
    assert len(quotes) == 6
    for q in quotes:  # (Markdown's own characters in a quote are escaped)
        assert re.sub(r"\\(.)", r"\1", q) in it.article.plain_text


def test_front_matter_is_simple_yaml():
    text = render(item(), COLORS, STAMP)
    head = text.split("---")[1].strip().splitlines()
    keys = [line.split(":", 1)[0] for line in head]
    assert keys == [
        "title",
        "authors",
        "publication",
        "source",
        "saved",
        "published",
        "exported",
        "tags",
        "annotation_tags",
        "state",
        "id",
    ]
    assert 'id: "00000000-0000-4000-8000-000000000001"' in head
    assert "tags: []" in head  # the article's own: it has none; its highlights' apart
    assert any(line.startswith('annotation_tags: ["competition"') for line in head)


@pytest.mark.parametrize(
    ("group_by", "heading"), [("color", "### Disagree"), ("tag", "### #consumer-vs-business")]
)
def test_grouping(group_by, heading):
    assert heading in render(item(), COLORS, STAMP, ExportOptions(group_by=group_by))


def test_options_only_one_colour_no_notes_no_predictions():
    text = render(
        item(),
        COLORS,
        STAMP,
        ExportOptions(only_color=4, include_notes=False, include_predictions=False),
    )
    assert "Sora 2 was only 1%" in text and "Ray 3 is a phased" not in text
    assert "Retention, not hype." not in text and "Speaker:" not in text


def test_headings_in_notes_stay_under_the_exports_own():
    base = item()
    [first, *rest] = base.highlights
    noted = replace(first, note="# My take\nText.\n## Detail\n```\n# a comment in code\n```")
    text = render(replace(base, highlights=(noted, *rest)), COLORS, STAMP)
    assert "\n#### My take\nText.\n##### Detail\n```\n# a comment in code\n```" in text
    tops = [line for line in text.splitlines() if re.match(r"#{1,2} ", line)]
    assert all("My take" not in line and "Detail" not in line for line in tops)
    assert markdown.markdown(text).count("<h4>My take</h4>") == 1


def test_unknown_placeholder_is_a_clear_error():
    with pytest.raises(TemplateError, match=r"unknown placeholder \{\{oops\}\} on line 2"):
        render(item(), COLORS, STAMP, ExportOptions(template="# {{title}}\n{{oops}}\n"))


def test_json_round_trip():
    it = item()
    back = parse(dumps([it], COLORS))
    originals = [*it.highlights, *it.predictions]
    assert len(back) == len(originals)
    for got, want in zip(back, originals, strict=True):
        assert got.uid == want.uid and got.quote == want.quote and got.position == want.position
        assert got.tags == want.tags
        assert got.__class__(**{**want.__dict__, "id": 0, "article_id": 0}) == got


def test_reexport_updates_in_place_and_keeps_user_notes(tmp_path):
    [path] = export_folder([item()], tmp_path, COLORS, exported_at=STAMP)
    text = path.read_text()
    path.write_text(
        text.replace("<!-- reader:notes:end -->", "My own thoughts.\n<!-- reader:notes:end -->")
    )
    [again] = export_folder([item()], tmp_path, COLORS, exported_at="2026-12-01T00:00:00Z")
    assert again == path and len(list(tmp_path.iterdir())) == 1
    assert "My own thoughts." in again.read_text() and "2026-12-01" in again.read_text()


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX file modes")
def test_exported_files_are_readable_like_any_new_file_and_keep_a_chosen_mode(tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    [path] = export_folder([item()], tmp_path, COLORS, exported_at=STAMP)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask  # not mkstemp's 0600
    path.chmod(0o640)
    export_folder([item()], tmp_path, COLORS, exported_at="2026-12-01T00:00:00Z")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_another_article_with_the_same_title_gets_its_own_file(tmp_path):
    first = item()
    other_article = Article(**{**first.article.__dict__, "uid": "another-uid"})
    paths = export_folder([first], tmp_path, COLORS)
    paths += export_folder([ArticleAnnotations(other_article)], tmp_path, COLORS)
    assert len({p.name for p in paths}) == 2


@pytest.mark.parametrize(
    "title",
    [
        "../../etc/passwd",
        "a/b\\c",
        "CON",
        "nul.txt",
        "",
        "..",
        "x" * 500,
        "🎬 Film: the future?",
        "\x00\x1fctrl",
        "视频生成模型的游戏规则已经改变" * 7,  # 98 CJK characters: 294 bytes
        "\u202eevil\u202c\u2066name\u2069",  # bidi controls
        "zero\u200bwidth\u200d\ufeffname",
        "COM1 ",
        "aux.md",
    ],
)
def test_hostile_titles_become_safe_names_inside_the_folder(tmp_path, title):
    name = safe_name(title)
    assert "/" not in name and "\\" not in name and ".." not in name
    assert len(name.encode()) <= 210  # (file systems allow 255 bytes)
    assert not any(c in name for c in "\u202e\u202c\u2066\u2069\u200b\u200d\ufeff")
    assert name.split(".")[0].strip().upper() not in ("CON", "NUL", "COM1", "AUX")
    a = Article(**{**interview().__dict__, "title": title})
    [path] = export_folder([ArticleAnnotations(a)], tmp_path, COLORS)
    assert path.parent == tmp_path.resolve()


def test_unwritable_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        export_folder([item()], blocker, COLORS)
    with pytest.raises(ExportError, match="does not exist or is a file"):
        export_folder([item()], blocker / "sub", COLORS)


def _no_space(*args):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_leaves_no_half_file(tmp_path, monkeypatch):
    real_fdopen = os.fdopen

    def fdopen(fd, *args, **kwargs):
        f = real_fdopen(fd, *args, **kwargs)
        f.write = _no_space  # a new file: the write itself fails
        return f

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(ExportError, match="disk is full"):
        export_folder([item()], tmp_path, COLORS)
    assert list(Path(tmp_path).iterdir()) == []


def test_full_disk_while_updating_keeps_the_old_file(tmp_path, monkeypatch):
    [path] = export_folder([item()], tmp_path, COLORS, exported_at=STAMP)
    before = path.read_text()
    monkeypatch.setattr(os, "fsync", _no_space)  # replacing a file is made durable first
    with pytest.raises(ExportError, match="disk is full"):
        export_folder([item()], tmp_path, COLORS)
    assert path.read_text() == before and list(Path(tmp_path).iterdir()) == [path]


def test_broken_notes_markers_stop_the_export_and_keep_the_file(tmp_path):
    [path] = export_folder([item()], tmp_path, COLORS, exported_at=STAMP)
    broken = path.read_text().replace("<!-- reader:notes:end -->", "My precious notes.")
    path.write_text(broken)
    with pytest.raises(ExportError, match="markers are broken"):
        export_folder([item()], tmp_path, COLORS)
    assert path.read_text() == broken


def test_article_text_is_exported_as_text_never_as_live_markdown_or_html(session, tmp_path):
    hostile = (
        "![z](file:///etc/passwd) and [click](javascript:alert(1)) and "
        "<img src=x onerror=alert(2)> and <script>alert(3)</script> # not a heading "
        "==marked== $x$ %%hidden%% [[Wiki Link]] *stars* _under_ `code` &amp;"
    )
    source = tmp_path / "hostile.md"
    source.write_text(f"# Plain <b>title</b> [x](javascript:y)\n\n    {hostile}\n")  # (code)
    article_id = session.library.import_file(source)
    article = session.library.get(article_id)
    text = article.plain_text
    start = text.index("![z]")
    session.highlights.add(article_id, text, start, start + len(hostile))
    session.predictions.add(article_id, text, start, start + len(hostile))
    item = collect(session.library, session.highlights, session.predictions, article_id)
    exported = render(item, session.highlights.colors(), STAMP)
    html = markdown.markdown(exported.split("---", 2)[2], extensions=["extra"])
    for live in (
        "<img",
        "<script",
        'href="javascript',
        'href="file',
        "<b>title",
        "<em>stars",
        "<mark>",
    ):
        assert live not in html
    for shown in ("![z](file:///etc/passwd)", "&lt;img src=x", "[[Wiki", "*stars*"):
        assert shown in html  # the characters themselves, as text


def test_a_file_reader_did_not_write_is_never_overwritten(tmp_path):
    mine = tmp_path / safe_name(interview().title)  # the name the export wants
    mine.write_text("# My own report\n\nNo front matter: Reader did not write it.\n")
    latin1 = tmp_path / "Latin.md"
    latin1.write_bytes("caf\xe9 notes".encode("latin-1"))  # not UTF-8
    notes: list[str] = []
    [path] = export_folder([item()], tmp_path, COLORS, exported_at=STAMP, notes=notes)
    assert path != mine and path.name.endswith(" (2).md")
    assert mine.read_text().startswith("# My own report")
    assert notes == [f"{mine.name} is not a Reader export: wrote {path.name}"]
    a = Article(**{**interview().__dict__, "title": "Latin", "uid": "other-uid"})
    [other] = export_folder([ArticleAnnotations(a)], tmp_path, COLORS)
    assert other.name == "Latin (2).md" and latin1.read_bytes() == "caf\xe9 notes".encode("latin-1")


def test_a_prediction_shows_only_the_fields_it_has_and_a_note_sits_under_its_quote():
    it = item()
    bare = replace(it.predictions[0], confidence_text="", confidence=None, tags=(), speaker="")
    text = prediction_markdown(bare)
    assert "—" not in text.replace(bare.headline, "")  # no placeholder dashes
    assert "Speaker:" in text  # (made on its date: that it has)
    for absent in ("Your stance", "Evidence:", "Note:", "Outcome:", "Tags:"):
        assert absent not in text
    told = prediction_markdown(
        replace(bare, stance="agree", probability=70, outcome="true", resolved_on="2026-11-30")
    )
    assert "  - Yours: agree · probability 70%" in told
    assert "  - Outcome: Came true (resolved 2026-11-30)" in told
    h = next(h for h in it.highlights if h.note)
    block = render(it, COLORS, STAMP).split(block_id("h", h.uid), 1)[1]
    assert block.lstrip("\n").startswith(h.note.strip().split("\n")[0])  # note first


def test_proposals_are_left_out_unless_asked_and_empty_articles_skipped_in_a_library(tmp_path):
    it = item()
    proposed = replace(it.predictions[1], review="proposed", statement="A proposal only")
    mixed = replace(it, predictions=(it.predictions[0], proposed))
    assert "A proposal only" not in render(mixed, COLORS, STAMP)
    assert "A proposal only" in render(mixed, COLORS, STAMP, ExportOptions(include_proposed=True))
    empty = replace(
        it,
        article=replace(it.article, uid="00000000-0000-4000-8000-00000000000e", title="Empty"),
        highlights=(),
        predictions=(proposed,),
    )
    notes: list[str] = []
    written = export_folder(
        [mixed, empty], tmp_path, COLORS, ExportOptions(skip_empty=True), STAMP, notes
    )
    assert [p.name for p in written] == [safe_name(it.article.title)]
    assert notes == ["skipped 1 article(s) with nothing to export"]
    assert len(export_folder([mixed, empty], tmp_path / "all", COLORS, exported_at=STAMP)) == 2
