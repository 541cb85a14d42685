"""What the library's storage refuses, in words for the user."""

from __future__ import annotations

import sqlite3


class DatabaseError(Exception):
    """The database cannot be opened or is damaged."""


class StorageError(Exception):
    """A write the database refused (disk full, read-only, busy); nothing was changed."""


def describe(exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "full" in text:
        reason = "the disk is full"
    elif "readonly" in text or "read-only" in text:
        reason = "the library folder is read-only"
    elif "locked" in text or "busy" in text:
        reason = "the library is busy in another program"
    elif "disk i/o" in text:
        reason = "the disk reported an error"
    else:
        reason = str(exc)
    return f"Could not save: {reason}. Nothing stored was lost; try again when it is fixed."
