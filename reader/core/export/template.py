"""The export template: a Markdown file with {{placeholders}} (see docs/export-template.md)."""

from __future__ import annotations

import re

from reader.core.storage.resources import read_resource

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w]*)\s*\}\}")
FIELDS = {
    "front_matter": "YAML front matter (title, authors, dates, tags, id)",
    "title": "the article's title",
    "byline": "authors, publication and dates in one line",
    "authors": "authors, comma separated",
    "publication": "the publication",
    "source": "where the article came from (path or URL)",
    "saved": "date saved",
    "published": "date published, if known",
    "exported": "date and time of this export",
    "id": "the article's stable id",
    "tags": "every tag used in its highlights and predictions",
    "highlights": "the highlights, grouped as chosen",
    "predictions": "the predictions, every field",
    "bookmarks": "a Bookmarks section: each bookmark's section and first words (if any)",
}


class TemplateError(ValueError):
    """A template that cannot be used; the message names the problem and its line."""


def default_template() -> str:
    return read_resource("export", "default-template.md")


def check(template: str) -> None:
    for n, line in enumerate(template.splitlines(), 1):
        for m in PLACEHOLDER.finditer(line):
            if m.group(1) not in FIELDS:
                known = ", ".join(sorted(FIELDS))
                raise TemplateError(
                    f"unknown placeholder {{{{{m.group(1)}}}}} on line {n} (known: {known})"
                )
    if "{{" in template.replace("{{ ", "{{") and not PLACEHOLDER.search(template):
        raise TemplateError("a placeholder is not closed: use {{name}}")


def fill(template: str, values: dict[str, str]) -> str:
    check(template)
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), template)
