"""Restoring a backup: one way for the window and the command line.

A backup is a file from anywhere (a synced folder, another machine): its rows are checked
before anything is replaced, its articles' HTML is sanitised again and their text derived
again from it, exactly as at import, and the library as it was is kept first in a dated
safety copy that no later restore overwrites.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader.core.ingest.plain_text import html_to_plain_text
from reader.core.ingest.render import sanitize
from reader.core.storage.backup import check_rows, read_backup, restore, write_backup
from reader.core.storage.db import Database
from reader.core.storage.recovery import backup_folder
from reader.core.text import content_hash, word_count


@dataclass(frozen=True)
class RestoreReport:
    counts: dict[str, int]
    safety_copy: Path | None  # the library as it was before (None: it held nothing)
    cleaned: int  # articles whose stored HTML had to be sanitised again

    def summary(self) -> str:
        """What was restored: "12 articles, 40 highlights and 30 predictions"."""
        a, h, p = (_counted(self.counts.get(k, 0), k) for k in TABLES_SHOWN)
        return f"{a}, {h} and {p}"

    def kept(self) -> str:
        """Where the library that was replaced went, in words."""
        if self.safety_copy is None:
            return "the library it replaced held no articles, so no copy was kept"
        return f"the library as it was before is kept in {self.safety_copy}"


TABLES_SHOWN = ("articles", "highlights", "predictions")


def _counted(n: int, table: str) -> str:
    return f"{n} {table if n != 1 else table[:-1]}"


def restore_library(db: Database, folder: Path, path: Path) -> RestoreReport:
    """Replace the library in `folder` with the backup at `path` (BackupError says why
    not, and then nothing changed)."""
    data = read_backup(path)
    check_rows(db, data)
    cleaned = clean_articles(data)
    # a library that held nothing (a new one, or one started after a damaged one was
    # set aside) gets no copy: it would only stand among the backups as "the newest"
    held = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    safety = write_backup(db, safety_copy_path(folder)) if held else None
    try:
        counts = restore(db, data)
    except BaseException:
        if safety is not None:
            safety.unlink(missing_ok=True)  # nothing was replaced: the copy is not needed
        raise
    return RestoreReport(counts, safety, cleaned)


def dated_backup_path(folder: Path, kind: str = "backup") -> Path:
    """backups/KIND-YYYYmmdd-HHMMSS.json.gz in the library folder, never one that exists."""
    backups = backup_folder(folder)
    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path, n = backups / f"{kind}-{stamp}.json.gz", 1
    while path.exists():
        n += 1
        path = backups / f"{kind}-{stamp}-{n}.json.gz"
    return path


def safety_copy_path(folder: Path) -> Path:
    """backups/before-restore-YYYYmmdd-HHMMSS.json.gz, never one that exists."""
    return dated_backup_path(folder, "before-restore")


def clean_articles(data: dict) -> int:
    """Sanitise each article's HTML as an import does and derive its text from it (the
    text highlights are anchored on must be the text shown); how many changed."""
    table = data["tables"].get("articles")
    if not table:
        return 0
    column = {name: i for i, name in enumerate(table["columns"])}
    if "html" not in column:
        return 0
    changed = 0
    for row in table["rows"]:
        html = sanitize(row[column["html"]], images=True)
        text = html_to_plain_text(html)
        if html != row[column["html"]]:
            changed += 1
        row[column["html"]] = html
        for name, value in (
            ("plain_text", text),
            ("content_hash", content_hash(text)),
            ("word_count", word_count(text)),
        ):
            if name in column:
                row[column[name]] = value
    return changed
