"""Zip archives read with limits (EPUB books, Omnivore exports): a zip bomb, an entry that
lies about its size, or too many entries is refused before it costs memory or time."""

from __future__ import annotations

import zipfile
import zlib

from reader.core.ingest.decoding import ImportRefused

MAX_UNCOMPRESSED = 100 * 1024 * 1024  # all entries together
MAX_RATIO = 100  # uncompressed / compressed, per entry: beyond it is a zip bomb
MAX_ENTRIES = 5000


def check_archive(
    archive: zipfile.ZipFile,
    what: str,
    entries: int = MAX_ENTRIES,
    total: int = MAX_UNCOMPRESSED,
) -> None:
    """Refuse an archive whose listing already says it is too big (`what`: "the book")."""
    infos = archive.infolist()
    if len(infos) > entries:
        raise ImportRefused(f"{what} has too many files ({len(infos)})")
    unpacked = 0
    for info in infos:
        unpacked += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if unpacked > total or (info.file_size > 1_000_000 and ratio > MAX_RATIO):
            raise ImportRefused(f"{what} expands to far more than its size (a zip bomb?)")


class Budget:
    """What may still be unpacked: entries are read in chunks and counted as they come,
    so an entry that lies about its size costs no more than the limit."""

    def __init__(self, what: str, total: int = MAX_UNCOMPRESSED) -> None:
        self.what = what
        self.left = total

    def read(self, archive: zipfile.ZipFile, name: str) -> bytes:
        parts = []
        try:
            with archive.open(name) as entry:
                while chunk := entry.read(1024 * 1024):
                    self.left -= len(chunk)
                    if self.left < 0:
                        raise ImportRefused(
                            f"{self.what} expands to far more than its size (a zip bomb?)"
                        )
                    parts.append(chunk)
        except (zlib.error, RuntimeError, NotImplementedError, EOFError) as exc:
            # damaged data, an encrypted entry, a compression zipfile cannot undo
            raise ImportRefused(f"{self.what} is damaged or encrypted ({name}: {exc})") from None
        return b"".join(parts)
