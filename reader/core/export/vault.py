"""Keep a notes vault in step: each article's Markdown file in an Obsidian or Logseq
folder, written again whenever its highlights, notes, tags or predictions change.

Off until a folder is chosen (`set_vault`; one setting in the library, so it travels with
backups). The window writes the articles a change touched a couple of seconds after it
(in the background); the command line writes them before it exits. A file is the
Markdown export of the article, updated in place as a re-export is: the reader's own
text between the notes markers stays, and a file the user renamed or moved anywhere in
the vault is found again by the article id in its front matter (`id:`, or `reader-id::`
for Logseq), never written a second time. A file that would not change (but for its
export time) is not touched, so the vault's own sync and history see only real changes.
Each write goes through a temporary file and a rename: a program killed mid-write leaves
the old file or the new one, never half of one. What Reader wrote of each file (all but
the stamp and the notes) is remembered in a hidden file in the vault; a file the user has
changed outside its notes markers since is not overwritten (the write says so), so their
text is never lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.annotations.bookmarks import BookmarkService
from reader.core.annotations.highlights import HighlightService
from reader.core.changes import Changes
from reader.core.export import collect_many, now, owner_id, rendered, write_merged
from reader.core.export.files import ExportError, atomic_write, safe_name, unique_path
from reader.core.export.markdown import (
    NOTES_END,
    NOTES_START,
    ExportOptions,
    has_content,
    keep_user_notes,
)
from reader.core.library.service import LibraryService
from reader.core.predictions.service import PredictionService
from reader.core.storage.litter import remove_stale

VAULT_KEY = "vault"  # the setting: {"folder": ..., "flavour": "obsidian" | "logseq"}
FLAVOURS = ("obsidian", "logseq")
_STAMP = re.compile(r"^exported::? .*$", re.M)  # the one line that changes every time
_SKIPPED_FOLDERS = {"bak", "node_modules"}  # Logseq's backups; never a note of ours
STATE_FILE = ".reader-vault.json"  # what Reader last wrote of each file (hidden in the vault)


@dataclass(frozen=True)
class VaultConfig:
    folder: Path
    flavour: str = "obsidian"


@dataclass
class VaultReport:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    at: str = ""


def vault_config(library: LibraryService) -> VaultConfig | None:
    """The vault kept in step, or None when it is off."""
    value = library.settings.get(VAULT_KEY)
    if not isinstance(value, dict) or not value.get("folder"):
        return None
    flavour = str(value.get("flavour")) if value.get("flavour") in FLAVOURS else "obsidian"
    return VaultConfig(Path(str(value["folder"])), flavour)


def set_vault(library: LibraryService, config: VaultConfig | None) -> None:
    """Turn keeping a vault in step on (with its folder and flavour) or off."""
    if config is not None:
        folder = config.folder.expanduser()
        if not folder.is_dir():
            raise ExportError(f"{folder} is not a folder")
        if config.flavour not in FLAVOURS:
            raise ExportError(f"unknown flavour '{config.flavour}' (use obsidian or logseq)")
    value = None if config is None else {"folder": str(folder.resolve()), "flavour": config.flavour}
    with library.db.transaction() as tx:
        library.settings.put(tx, VAULT_KEY, value)


def articles_to_write(changes: Changes) -> frozenset[int] | None:
    """The articles whose files a change makes out of date (None: every article)."""
    if changes.everything or changes.colors:
        return None
    return (
        changes.highlights
        | changes.predictions
        | changes.status
        | changes.bookmarks
        | (changes.articles)
    )


_vaults: dict[VaultConfig, Vault] = {}
_vaults_lock = threading.Lock()


def vault_for(config: VaultConfig) -> Vault:
    """The one Vault of a folder in this program (its sessions and threads share what it
    knows of where the files are)."""
    with _vaults_lock:
        return _vaults.setdefault(config, Vault(config))


class Vault:
    """One vault folder; remembers where each article's file is between writes."""

    def __init__(self, config: VaultConfig) -> None:
        self.config = config
        self._where: dict[str, Path] = {}  # article uid -> its file
        self._scanned = False
        self._fresh = False
        self._lock = threading.Lock()  # one write of the vault at a time

    def sync(
        self,
        library: LibraryService,
        highlights: HighlightService,
        predictions: PredictionService,
        article_ids: frozenset[int] | None = None,
    ) -> VaultReport:
        """Write the files of these articles (None: every article) that changed."""
        with self._lock:
            return self._sync(library, highlights, predictions, article_ids)

    def _sync(
        self,
        library: LibraryService,
        highlights: HighlightService,
        predictions: PredictionService,
        article_ids: frozenset[int] | None,
    ) -> VaultReport:
        folder = self.config.folder
        report = VaultReport(at=now())
        if not folder.is_dir():
            report.failed.append(f"the vault folder {folder} is not there")
            return report
        ids = [s.id for s in library.summaries()] if article_ids is None else sorted(article_ids)
        live = [i for i in ids if library.is_live(i)]  # a deleted article's file stays
        options = ExportOptions(flavour=self.config.flavour, skip_empty=True)
        colors = highlights.colors()
        bookmarks = BookmarkService(library.db)
        cleaned: set[Path] = set()
        self._fresh = False  # (one new look at the folder per write, for files made since)
        wrote = _load_state(folder)
        for item in collect_many(library, highlights, predictions, live, bookmarks):
            uid = item.article.uid
            path = self._find(uid)
            if path is None:
                if not has_content(item, options):
                    continue  # nothing to write yet, and no file to bring up to date
                path = self._new_path(item.article.title)
            if path.parent not in cleaned:  # what a killed write left in this folder
                remove_stale(path.parent, ".reader-export-")
                cleaned.add(path.parent)
            try:
                old = path.read_text(encoding="utf-8") if path.exists() else None
                if old is not None and _digest(old) not in wrote.get(uid, [_digest(old)]):
                    report.failed.append(
                        f"{path.name} was changed outside its notes markers since Reader "
                        "wrote it: not updated (keep your own text between the markers)"
                    )
                    continue
                merged = keep_user_notes(rendered(item, colors, report.at, options), old)
                if old is not None and _unstamped(merged) == _unstamped(old):
                    report.unchanged += 1
                    if uid not in wrote:
                        wrote[uid] = [_digest(old)]
                    continue
                # remembered before the file is written: a program killed between the two
                # leaves the old file or the new one, and both are known as Reader's
                wrote[uid] = [*([_digest(old)] if old is not None else []), _digest(merged)]
                _save_state(folder, wrote)
                write_merged(path, merged, old)
            except (ExportError, ValueError, OSError, UnicodeDecodeError) as exc:
                report.failed.append(f"{path.name}: {exc}")
                continue
            wrote[uid] = [_digest(merged)]
            self._where[uid] = path
            report.written.append(path)
        _save_state(folder, wrote)
        return report

    def _find(self, uid: str) -> Path | None:
        """The article's file in the vault, wherever the user moved it."""
        known = self._where.get(uid)
        if known is not None and known.is_file() and owner_id(known) == uid:
            return known
        if known is not None or not self._scanned or (uid not in self._where and not self._fresh):
            self._scan()  # (another program may have written it since the last look)
            self._fresh = True
        return self._where.get(uid)

    def _scan(self) -> None:
        self._where.clear()
        for root, folders, files in os.walk(self.config.folder):
            folders[:] = [f for f in folders if not f.startswith(".") and f not in _SKIPPED_FOLDERS]
            for name in files:
                if name.endswith(".md") and not name.startswith("."):
                    path = Path(root) / name
                    uid = owner_id(path)
                    if uid:
                        self._where.setdefault(uid, path)
        self._scanned = True

    def _new_path(self, title: str) -> Path:
        """A new file's place: the vault's top (Logseq's `pages/` when it has one),
        under the title, numbered past any file already there."""
        folder = self.config.folder
        if self.config.flavour == "logseq" and (folder / "pages").is_dir():
            folder = folder / "pages"
        taken = {p.name.lower() for p in folder.iterdir()} if folder.is_dir() else set()
        return unique_path(folder, safe_name(title), taken)


def _unstamped(text: str) -> str:
    return _STAMP.sub("", text)


def _digest(text: str) -> str:
    """What Reader wrote of a file: all but its stamp and the reader's own notes."""
    start, end = text.find(NOTES_START), text.find(NOTES_END)
    if 0 <= start < end:
        text = text[:start] + text[end:]
    return hashlib.sha256(_unstamped(text).encode("utf-8")).hexdigest()


def _load_state(folder: Path) -> dict[str, list[str]]:
    """Article uid -> the digests of its file as Reader wrote it last (shared by every
    program that writes this vault)."""
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict):
        return {}
    return {str(k): [str(d) for d in v] for k, v in state.items() if isinstance(v, list)}


def _save_state(folder: Path, state: dict[str, list[str]]) -> None:
    # (without it an edit outside the markers goes unnoticed; the files are still written)
    with contextlib.suppress(ExportError):
        atomic_write(folder / STATE_FILE, json.dumps(state, sort_keys=True), durable=False)
