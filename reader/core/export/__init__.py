"""Export annotations and predictions as Markdown or W3C Web Annotation JSON."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from reader.core.annotated import with_annotations
from reader.core.annotations.bookmarks import BookmarkService
from reader.core.annotations.highlights import HighlightService
from reader.core.export.files import ExportError, atomic_write, safe_name, unique_path
from reader.core.export.logseq import render_logseq
from reader.core.export.markdown import (
    ArticleAnnotations,
    ExportOptions,
    has_content,
    highlight_markdown,
    keep_user_notes,
    prediction_markdown,
    render,
    wanted,
)
from reader.core.export.readwise import is_readwise_csv, readwise_csv
from reader.core.export.template import TemplateError, check
from reader.core.export.w3c import dumps, is_export, parse
from reader.core.library.service import LibraryService
from reader.core.library.shelf import Standing
from reader.core.models import ColorSlot
from reader.core.predictions.service import PredictionService
from reader.core.storage.litter import remove_stale
from reader.core.storage.paths import NotAFile, unclaimed

__all__ = [
    "ArticleAnnotations",
    "ExportError",
    "ExportOptions",
    "TemplateError",
    "check",
    "chosen",
    "collect",
    "collect_many",
    "dumps",
    "export_folder",
    "export_json",
    "export_readwise",
    "highlight_markdown",
    "now",
    "parse",
    "prediction_markdown",
    "render",
]


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def collect(
    library: LibraryService,
    highlights: HighlightService,
    predictions: PredictionService,
    article_id: int,
) -> ArticleAnnotations:
    """An article's live highlights and predictions, ordered by where they sit now."""
    return next(collect_many(library, highlights, predictions, [article_id]))


def collect_many(
    library: LibraryService,
    highlights: HighlightService,
    predictions: PredictionService,
    article_ids: Iterable[int],
    bookmarks: BookmarkService | None = None,
) -> Iterator[ArticleAnnotations]:
    """collect() for each article in turn, as the export writes them: a whole library is
    never held in memory at once. With `bookmarks`, each article's bookmarks too."""
    ids = list(article_ids)
    standing = library.shelf.standing(ids)
    for article, hs_items, ps_items in with_annotations(library, highlights, predictions, ids):
        text = article.plain_text
        hs = highlights.placed(article.id, text, hs_items)
        ps = predictions.placed(article.id, text, ps_items)
        starts = {h.item.uid: h.anchor.start if h.anchor else -1 for h in hs}
        starts |= {p.item.uid: p.anchor.start if p.anchor else -1 for p in ps}
        marks = bookmarks.placed(article.id, text) if bookmarks is not None else []
        starts |= {b.item.uid: b.anchor.start for b in marks if b.anchor}
        yield ArticleAnnotations(
            article,
            tuple(p.item for p in hs),
            tuple(p.item for p in ps),
            starts,
            standing.get(article.id, Standing()),
            tuple(sorted((b.item for b in marks if b.anchor), key=lambda b: starts[b.uid])),
        )


def owner_id(path: Path) -> str | None:
    """The article id in an earlier export's front matter, if the file is one."""
    try:
        with path.open(encoding="utf-8") as f:
            head = f.read(4000)  # (a vault's notes can be long; the id is at the top)
    except (OSError, UnicodeDecodeError):
        return None
    lines = head.splitlines()[:40]
    if lines and lines[0] == "---":  # front matter (the Obsidian flavour)
        for line in lines[1:]:
            if line.startswith("id: "):
                return line[4:].strip().strip('"')
            if line == "---":
                break
        return None
    for line in lines:  # page properties (the Logseq flavour), before the first block
        if line.startswith("reader-id:: "):
            return line[12:].strip()
        if line.startswith("- "):
            break
    return None


def chosen(
    items: Iterable[ArticleAnnotations], options: ExportOptions
) -> Iterator[ArticleAnnotations]:
    """The items with only what the options export: the predictions the reader made or
    confirmed (proposals and rejected ones when asked, none without predictions), the
    highlights of one colour when asked. The Markdown export chooses the same way."""
    for item in items:
        predictions = tuple(
            p for p in item.predictions if options.include_predictions and wanted(p, options)
        )
        highlights = tuple(h for h in item.highlights if options.only_color in (None, h.color))
        yield replace(item, predictions=predictions, highlights=highlights)


def export_json(
    items: Iterable[ArticleAnnotations],
    path: Path,
    colors: list[ColorSlot],
    notes: list[str] | None = None,
    options: ExportOptions = ExportOptions(),
) -> Path:
    """One W3C Web Annotation document of every item (what the options choose), written
    whole; returns where. A file there that is not a Reader JSON export is never
    replaced: the export takes the name "name (2).json" beside it and says so in `notes`."""
    target = _claim(Path(path), is_export, notes)
    atomic_write(target, dumps(list(chosen(items, options)), colors))
    return target


def export_readwise(
    items: Iterable[ArticleAnnotations],
    path: Path,
    notes: list[str] | None = None,
    options: ExportOptions = ExportOptions(),
) -> Path:
    """Every highlight as one CSV that Readwise imports; returns where it went (a file
    there that this export did not write is never replaced, as for JSON)."""
    target = _claim(Path(path), is_readwise_csv, notes)
    atomic_write(target, readwise_csv(chosen(items, options)))
    return target


def _claim(wanted: Path, ours, notes: list[str] | None) -> Path:
    """Where a one-file export goes: `wanted`, or beside it when a file of the user's
    is there (said in `notes`)."""
    try:
        target = unclaimed(wanted, ours)
    except NotAFile as exc:
        raise ExportError(str(exc)) from None
    if target != wanted and notes is not None:
        notes.append(f"{wanted.name} is not a Reader export: wrote {target.name}")
    return target


def rendered(
    item: ArticleAnnotations, colors: list[ColorSlot], stamp: str, options: ExportOptions
) -> str:
    """An article's Markdown file in the flavour asked for."""
    if options.flavour == "logseq":
        return render_logseq(item, colors, stamp, options)
    return render(item, colors, stamp, options)


def write_merged(path: Path, text: str, old: str | None) -> None:
    """Write an article's file over its earlier version `old` (if any), keeping the
    reader's own text between the notes markers; refuses (ExportError) when the markers
    were broken rather than lose that text."""
    try:
        merged = keep_user_notes(text, old)
    except ValueError as exc:
        raise ExportError(f"not updating {path.name}: {exc}") from None
    atomic_write(path, merged, durable=old is not None)  # new files can be written again


def export_folder(
    items: Iterable[ArticleAnnotations],
    folder: Path,
    colors: list[ColorSlot],
    options: ExportOptions = ExportOptions(),
    exported_at: str | None = None,
    notes: list[str] | None = None,
) -> list[Path]:
    """One Markdown file per article; an earlier export of the same article is updated in
    place and keeps the reader's own notes. A file Reader did not write for this article
    (no `id:` of it in its front matter) is never touched: the export takes another name
    and says so in `notes`."""
    folder = Path(folder).resolve()  # once: the names written into it are checked
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"cannot export into {folder}: it is a file, not a folder")
    remove_stale(folder, ".reader-export-")  # what a killed export left in this folder
    stamp = exported_at or now()
    taken: set[str] = set()
    written = []
    skipped = 0
    for item in items:
        if options.skip_empty and not has_content(item, options):
            skipped += 1
            continue
        name = safe_name(item.article.title)
        try:
            path = unique_path(folder, name, taken)
            while path.exists() and owner_id(path) != item.article.uid:
                wanted = path.name  # another article's file, or one of the reader's own
                path = unique_path(folder, name, taken)
                if notes is not None and owner_id(folder / wanted) is None:
                    notes.append(f"{wanted} is not a Reader export: wrote {path.name}")
            old = path.read_text(encoding="utf-8") if path.exists() else None
        except (OSError, UnicodeDecodeError) as exc:
            raise ExportError(f"cannot export {name}: {exc}") from None
        write_merged(path, rendered(item, colors, stamp, options), old)
        written.append(path)
    if skipped and notes is not None:
        notes.append(f"skipped {skipped} article(s) with nothing to export")
    return written
