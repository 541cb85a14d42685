"""SettingsStore: small JSON values in the settings table (travel with backups)."""

from __future__ import annotations

import json
from typing import Any

from reader.core.changes import Changes
from reader.core.storage.db import Database, _Tx


class SettingsStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def put(self, tx: _Tx, key: str, value: Any) -> None:
        tx.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, json.dumps(value)),
        )
        tx.record(Changes(settings=frozenset([key])))
