"""The Library list's filter: words of a title, and fields as the search box has them.

    video tag:ai-video pub:"The Daily Frame" author:song saved:2026-03 state:archive

Every part must hold. Saved under a name, a filter is a collection that keeps itself up
to date (it is applied to the library as it is now, each time it is shown).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from reader.core.library.shelf import STATES, check_state
from reader.core.models import ArticleSummary
from reader.core.storage.db import Database
from reader.core.storage.settings import SettingsStore
from reader.core.storage.tags import normalise_tag

FIELDS = {
    "tag": "tags",
    "tags": "tags",
    "pub": "publications",
    "publication": "publications",
    "site": "publications",
    "author": "authors",
    "by": "authors",
    "saved": "saved",
    "state": "states",
    "in": "states",
}
_FIELD = re.compile(r"^(\w+):(.*)$", re.S)
_SAVED = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
COLLECTIONS_KEY = "library.collections"


@dataclass(frozen=True)
class LibraryFilter:
    words: tuple[str, ...] = ()  # each in the title (case-insensitive)
    tags: tuple[str, ...] = ()
    publications: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    saved: tuple[str, ...] = ()  # date prefixes: "2026", "2026-03", "2026-03-04"
    states: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=(), compare=False)  # parts not understood

    def matches(self, a: ArticleSummary) -> bool:
        title = a.title.casefold()
        return (
            all(w in title for w in self.words)
            and all(t in a.tags for t in self.tags)
            and all(p in a.publication.casefold() for p in self.publications)
            and all(any(n in x.casefold() for x in a.authors) for n in self.authors)
            and all(a.saved_at.startswith(s) for s in self.saved)
            and (not self.states or a.state in self.states)
        )


def parse_filter(text: str) -> LibraryFilter:
    """A filter from what was typed; a part that cannot be read is named in `problems`
    (and left out), never an error: the list filters as you type."""
    try:
        parts = shlex.split(text)
    except ValueError:  # an unmatched quote: as if it were closed
        parts = shlex.split(text + '"') if text.count('"') % 2 else text.split()
    found: dict[str, list[str]] = {k: [] for k in set(FIELDS.values()) | {"words"}}
    problems: list[str] = []
    for part in parts:
        match = _FIELD.match(part)
        name = FIELDS.get(match.group(1).lower()) if match else None
        if match is None or name is None:
            found["words"].append(part.casefold())
            continue
        value = match.group(2).strip()
        if not value:
            continue  # a field still being typed
        if name == "tags":
            found[name].append(normalise_tag(value))
        elif name == "states":
            try:
                found[name].append(check_state(value))
            except ValueError:
                problems.append(f"no state '{value}' ({', '.join(STATES)})")
        elif name == "saved":
            if _SAVED.match(value):
                found[name].append(value)
            else:
                problems.append("saved: takes a date like 2026, 2026-03 or 2026-03-04")
        else:
            found[name].append(value.casefold())
    return LibraryFilter(
        words=tuple(found["words"]),
        tags=tuple(found["tags"]),
        publications=tuple(found["publications"]),
        authors=tuple(found["authors"]),
        saved=tuple(found["saved"]),
        states=tuple(found["states"]),
        problems=tuple(problems),
    )


class Collections:
    """Filters saved under a name, in the library (so backups keep them)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.settings = SettingsStore(db)

    def all(self) -> dict[str, str]:
        """Name → filter text, in name order."""
        raw = self.settings.get(COLLECTIONS_KEY, {})
        if not isinstance(raw, dict):
            return {}
        saved = {str(k): str(v) for k, v in raw.items() if isinstance(v, str)}
        return dict(sorted(saved.items(), key=lambda kv: kv[0].casefold()))

    def save(self, name: str, text: str) -> None:
        name = " ".join(name.split())[:80]
        if not name:
            raise ValueError("a collection needs a name")
        saved = self.all()
        saved[name] = text.strip()
        self._write(saved)

    def delete(self, name: str) -> None:
        saved = self.all()
        if saved.pop(name, None) is not None:
            self._write(saved)

    def _write(self, saved: dict[str, str]) -> None:
        with self.db.transaction() as tx:
            self.settings.put(tx, COLLECTIONS_KEY, saved)
