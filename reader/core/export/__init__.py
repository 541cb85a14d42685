"""Export annotations and predictions: Markdown per article, W3C Web Annotation JSON.

Qt-free and store-free: callers pass the domain objects in. The Markdown format, template
syntax and JSON extension are documented in docs/export-template.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from reader.core.export import merge
from reader.core.export.files import (
    ExportError,
    atomic_write,
    ensure_folder,
    inside,
    safe_filename,
    unique_name,
)
from reader.core.export.markdown import (
    ExportOptions,
    highlight_to_markdown,
    prediction_to_markdown,
    render_markdown,
    utc_stamp,
)
from reader.core.export.template import TemplateError
from reader.core.export.w3c import dumps, parse, to_w3c
from reader.core.models import Article, ColorSlot, Highlight, Prediction

__all__ = [
    "ExportError",
    "ExportOptions",
    "TemplateError",
    "dumps",
    "export_articles",
    "highlight_to_markdown",
    "parse",
    "prediction_to_markdown",
    "render_markdown",
    "to_w3c",
    "write_json",
]

Item = tuple[Article, Iterable[Highlight], Iterable[Prediction]]
FRONT_ID = re.compile(r'^id: "?([^"\n]+)"?\s*$', re.MULTILINE)


def front_matter_id(path: Path) -> str | None:
    """The article id in an earlier export's front matter, if the file is one."""
    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            head = f.read(8192)
    except OSError:
        return None
    if not head.startswith("---\n"):
        return None
    end = head.find("\n---", 4)
    m = FRONT_ID.search(head, 0, end if end > 0 else len(head))
    return m.group(1).strip() if m else None


def _earlier_exports(folder: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("*.md")):
        uid = front_matter_id(path)
        if uid and uid not in found:
            found[uid] = path
    return found


def _read_old(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(
            f"Cannot read the earlier export {path} to keep your notes: {exc}. "
            "Move it away or export into another folder."
        ) from exc


def export_articles(
    items: Iterable[Item],
    folder: Path | str,
    options: ExportOptions = ExportOptions(),
    colors: Iterable[ColorSlot] = (),
    exported_at: str | None = None,
) -> list[Path]:
    """One Markdown file per article in `folder`; returns the paths written.

    An article exported before into this folder (found by the `id` in the front matter) is
    updated in place under its existing name, keeping the user's text between the notes
    markers. New files get safe names, unique within the folder. Each file is written
    atomically; ExportError says clearly what went wrong.
    """
    folder = ensure_folder(Path(folder))
    colors = list(colors)
    stamp = exported_at or utc_stamp()
    earlier = _earlier_exports(folder)
    taken = {p.name for p in folder.iterdir()}
    written: list[Path] = []
    for article, highlights, predictions in items:
        path = earlier.get(article.uid)
        if path is None:
            name = unique_name(safe_filename(article.title), taken)
            path = inside(folder, name)
            taken.add(name)
            earlier[article.uid] = path
        old = _read_old(path)
        text = render_markdown(
            article, highlights, predictions, colors, options, stamp, merge.extract(old)
        )
        atomic_write(path, merge.merge(text, old))
        written.append(path)
    return written


def write_json(
    path: Path | str,
    article: Article,
    highlights: Iterable[Highlight],
    predictions: Iterable[Prediction] = (),
    colors: Iterable[ColorSlot] = (),
) -> Path:
    """The article's annotations as W3C Web Annotation JSON, written atomically."""
    path = Path(path)
    ensure_folder(path.parent)
    atomic_write(path, dumps(article, highlights, predictions, colors))
    return path
