"""What a committed user action changed, as a typed record, and who is told about it.

Every transaction records a `Changes` (Anki's `OpChanges`): the services say what they
touched, the database writes the merged record into its `change_log` in the same
transaction and announces it after the commit. Listeners in this process hear it at
once (`ChangeBus`); another process (the window beside `reader highlight`) reads the
log rows it has not seen (`ChangeLog.since`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

_SETS = (
    "articles",
    "highlights",
    "highlight_ids",
    "predictions",
    "prediction_ids",
    "settings",
    "status",
    "progress",
    "bookmarks",
)


def _ids(values: Iterable[int]) -> frozenset[int]:
    return frozenset(int(v) for v in values)


@dataclass(frozen=True)
class Changes:
    """What changed. Article fields hold article ids; *_ids hold the items' own ids."""

    articles: frozenset[int] = frozenset()  # added, deleted, restored, or its text replaced
    highlights: frozenset[int] = frozenset()  # articles whose highlights changed
    highlight_ids: frozenset[int] = frozenset()
    predictions: frozenset[int] = frozenset()  # articles whose predictions changed
    prediction_ids: frozenset[int] = frozenset()
    colors: bool = False  # a colour renamed (every highlight's colour name changed)
    settings: frozenset[str] = frozenset()  # keys
    status: frozenset[int] = frozenset()  # articles whose state or tags changed
    progress: frozenset[int] = frozenset()  # articles read further (nothing to re-index)
    bookmarks: frozenset[int] = frozenset()  # articles whose bookmarks changed
    everything: bool = False  # the library was replaced (a restore): reread it all

    @classmethod
    def article(cls, article_id: int) -> Changes:
        return cls(articles=frozenset([article_id]))

    @classmethod
    def highlight(cls, article_id: int, highlight_id: int) -> Changes:
        return cls(highlights=frozenset([article_id]), highlight_ids=frozenset([highlight_id]))

    @classmethod
    def prediction(cls, article_id: int, prediction_id: int) -> Changes:
        return cls(predictions=frozenset([article_id]), prediction_ids=frozenset([prediction_id]))

    @classmethod
    def annotation(cls, kind: str, article_id: int, item_id: int) -> Changes:
        """A highlight's or a prediction's change (kind "highlight" or "prediction")."""
        return (cls.highlight if kind == "highlight" else cls.prediction)(article_id, item_id)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            articles=self.articles | other.articles,
            highlights=self.highlights | other.highlights,
            highlight_ids=self.highlight_ids | other.highlight_ids,
            predictions=self.predictions | other.predictions,
            prediction_ids=self.prediction_ids | other.prediction_ids,
            settings=self.settings | other.settings,
            status=self.status | other.status,
            progress=self.progress | other.progress,
            bookmarks=self.bookmarks | other.bookmarks,
            colors=self.colors or other.colors,
            everything=self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def annotated(self) -> frozenset[int]:
        """Articles whose highlights or predictions changed."""
        return self.highlights | self.predictions

    @property
    def touched(self) -> frozenset[int]:
        """Every article this change concerns (its row, annotations, state or tags)."""
        return self.articles | self.highlights | self.predictions | self.status

    def concerns(self, article_id: int | None) -> bool:
        """Whether an article's row or annotations may differ now (always, after a restore)."""
        return self.everything or (article_id is not None and article_id in self.touched)

    def to_json(self) -> str:
        data: dict = {f: sorted(getattr(self, f)) for f in _SETS if getattr(self, f)}
        data.update({f: True for f in ("colors", "everything") if getattr(self, f)})
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Changes:
        """A logged record; one that cannot be read stands for "everything"."""
        try:
            data = json.loads(text)
            return cls(
                articles=_ids(data.get("articles", ())),
                highlights=_ids(data.get("highlights", ())),
                highlight_ids=_ids(data.get("highlight_ids", ())),
                predictions=_ids(data.get("predictions", ())),
                prediction_ids=_ids(data.get("prediction_ids", ())),
                settings=frozenset(str(k) for k in data.get("settings", ())),
                status=_ids(data.get("status", ())),
                progress=_ids(data.get("progress", ())),
                bookmarks=_ids(data.get("bookmarks", ())),
                colors=bool(data.get("colors")),
                everything=bool(data.get("everything")),
            )
        except (ValueError, TypeError, AttributeError):
            return cls(everything=True)


NOTHING = Changes()
Listener = Callable[[Changes], None]


class ChangeBus:
    """Listeners told of every commit made through this process's sessions.

    A listener is called on the thread that committed: one that touches widgets must
    hand the record over to its own thread (the window's relay does).
    """

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def announce(self, changes: Changes) -> None:
        if not changes:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(changes)
