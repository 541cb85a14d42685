"""The bundled article(s) shipped in resources/articles/."""

from __future__ import annotations

import tomllib

from reader.core.ingest import DEFAULT_KEY
from reader.core.ingest.importer import ParsedDocument
from reader.core.ingest.plain_text import html_to_plain_text
from reader.core.ingest.render import TitleBlock, article_html, markdown_to_html
from reader.core.storage.resources import resource_path


def load_bundled(key: str = DEFAULT_KEY) -> ParsedDocument:
    folder = resource_path("articles")
    meta = tomllib.loads((folder / f"{key}.toml").read_text(encoding="utf-8"))
    body = (folder / f"{key}.md").read_text(encoding="utf-8")
    block = TitleBlock(
        title=meta["title"],
        authors=tuple(meta.get("authors", ())),
        editors=tuple(meta.get("editors", ())),
        publication=meta.get("publication", ""),
        published_at=meta.get("published_at"),
        date_precision=meta.get("published_at_precision", "day"),
    )
    html = article_html(block, markdown_to_html(body))
    return ParsedDocument(
        title=block.title,
        content_format="markdown",
        original=body,
        html=html,
        plain_text=html_to_plain_text(html),
        authors=block.authors,
        editors=block.editors,
        publication=block.publication,
        language=meta.get("language", ""),
        published_at=meta.get("published_at"),
        source=meta.get("source", ""),
        meta={"slug": meta.get("slug"), "editorial": meta.get("editorial", {})},
    )
