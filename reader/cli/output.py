"""Printing for the CLI: JSON on stdout and nothing else; messages on stderr."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, is_dataclass
from typing import Any


def emit_json(value: Any) -> None:
    json.dump(_plain(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def message(text: str) -> None:
    print(text, file=sys.stderr)


class Progress:
    """Progress of long work on stderr: one line redrawn on a terminal; elsewhere (a log,
    a pipe) a line at each tenth of the way, so a log is not flooded."""

    def __init__(self, doing: str) -> None:
        self.doing = doing
        self.terminal = sys.stderr.isatty()
        self.told = -1.0  # the share last written as a line
        self.redrawn = False

    def __call__(self, done: int, total: int, *_detail) -> None:
        if self.terminal:
            print(f"\r{self.doing} {done}/{total}", end="", file=sys.stderr, flush=True)
            self.redrawn = True
            return
        share = done / total if total else 1.0
        if share >= self.told + 0.1 or (done == total and share > self.told):
            message(f"{self.doing} {done}/{total}")
            self.told = share

    def end(self) -> None:
        if self.redrawn:
            print(file=sys.stderr)
            self.redrawn = False


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


class CommandError(Exception):
    """A clear, user-facing failure: printed without a traceback, exit status 1."""


def user_errors() -> tuple[type[BaseException], ...]:
    """Refusals whose message is written for the user (printed as they are)."""
    from reader.core.annotations.highlights import HighlightError
    from reader.core.export import ExportError, TemplateError
    from reader.core.ingest.decoding import ImportRefused
    from reader.core.library.articles import ArticleNotFound
    from reader.core.library.shelf import ShelfError
    from reader.core.predictions.service import PredictionError
    from reader.core.storage.backup import BackupError
    from reader.core.storage.errors import DatabaseError, StorageError

    return (
        CommandError,
        ArticleNotFound,
        StorageError,
        DatabaseError,
        BackupError,
        ExportError,
        TemplateError,
        ImportRefused,
        HighlightError,
        PredictionError,
        ShelfError,
    )
