"""PredictionService: anchored forecasts with the reader's annotation, one transaction each."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta

from reader.core.annotations import anchoring
from reader.core.annotations.anchored import AnchoredService, Placed
from reader.core.annotations.tags import clean_tags, replace_tags, tags_in_use
from reader.core.models import Article, Prediction, TextPositionSelector, TextQuoteSelector
from reader.core.storage.db import utc_now

STANCES = ("agree", "disagree", "unsure")
OUTCOMES = ("open", "true", "false", "partly", "unknown")
OUTCOME_LABELS = {
    "open": "Open",
    "true": "Came true",
    "false": "Came false",
    "partly": "Partly",
    "unknown": "Can't tell",
}
REVIEWS = ("proposed", "confirmed", "rejected")
SOURCES = ("curated", "detected", "user")
DUE_WINDOW_DAYS = 30
_COLS = (
    "id, uid, article_id, exact, prefix, suffix, start, end, statement, speaker, made_on, "
    "horizon, resolve_by, confidence_text, confidence, source, review, reason, note, stance, "
    "probability, outcome, resolved_on, evidence, created_at, updated_at, deleted_at"
)
_EDITABLE = (
    "statement",
    "speaker",
    "made_on",
    "horizon",
    "resolve_by",
    "confidence_text",
    "confidence",
    "review",
    "reason",
    "note",
    "stance",
    "probability",
    "outcome",
    "resolved_on",
    "evidence",
)
PlacedPrediction = Placed[Prediction]


class PredictionError(ValueError):
    """A prediction request that cannot be done; the message says why."""


@dataclass(frozen=True)
class PredictionFilter:
    article_id: int | None = None
    tag: str | None = None
    status: str | None = None  # a review state, "open", "resolved" or "due"
    stance: str | None = None
    outcome: str | None = None
    due: bool = False
    include_rejected: bool = True


def is_due(p: Prediction, today: date) -> bool:
    """Open, and its resolve-by date has passed or falls within 30 days."""
    if p.outcome != "open" or not p.resolve_by or p.review == "rejected":
        return False
    try:
        deadline = date.fromisoformat(p.resolve_by[:10])
    except ValueError:
        return False
    return deadline <= today + timedelta(days=DUE_WINDOW_DAYS)


def validate(changes: dict) -> dict:
    """Check edited fields; PredictionError names the bad one."""
    for key, value in changes.items():
        if key not in _EDITABLE and key != "tags":
            raise PredictionError(f"'{key}' cannot be edited")
        if key == "stance" and value not in (None, *STANCES):
            raise PredictionError(f"stance must be one of {', '.join(STANCES)}")
        if key == "outcome" and value not in OUTCOMES:
            raise PredictionError(f"outcome must be one of {', '.join(OUTCOMES)}")
        if key == "review" and value not in REVIEWS:
            raise PredictionError(f"review must be one of {', '.join(REVIEWS)}")
        if (
            key == "probability"
            and value is not None
            and not (isinstance(value, int) and 0 <= value <= 100)
        ):
            raise PredictionError("probability must be a whole number from 0 to 100")
        if key in ("resolve_by", "resolved_on", "made_on") and value:
            try:
                date.fromisoformat(str(value)[:10])
            except ValueError as exc:
                raise PredictionError(f"{key} must be a date like 2026-12-31") from exc
    return changes


class PredictionService(AnchoredService[Prediction]):
    TABLE, KIND, EVENT, COLUMNS, ERROR = (
        "predictions",
        "prediction",
        "predictions",
        _COLS,
        PredictionError,
    )

    def add(
        self,
        article_id: int,
        text: str,
        start: int,
        end: int,
        *,
        tags: Iterable[str] = (),
        **values,
    ) -> Prediction:
        """Mark text[start:end] as a prediction; `values` fill the other fields."""
        try:
            quote, position = anchoring.describe(text, start, end)
        except ValueError as exc:
            raise PredictionError(str(exc)) from exc
        validate({k: v for k, v in values.items() if k in _EDITABLE})
        now = utc_now()
        values.setdefault("statement", "")
        p = Prediction(
            id=0,
            uid=str(uuid.uuid4()),
            article_id=article_id,
            quote=quote,
            position=position,
            tags=clean_tags(tags),
            created_at=now,
            updated_at=now,
            **values,
        )
        if not p.statement:
            p = replace(p, statement=" ".join(quote.exact.split())[:200])
        return self.insert(p)

    def insert(self, p: Prediction) -> Prediction:
        """Store a prediction (a new one, or one brought back by redo with its id)."""
        with self.db.transaction() as tx:
            new_id, tags = _insert_row(tx, p, keep_id=True)
        self._changed(p.article_id)
        return replace(p, id=new_id, tags=tags)

    def insert_many(self, items: list[Prediction]) -> int:
        """Store many at once (curated or detected at import): one transaction."""
        article_ids = {p.article_id for p in items}
        with self.db.transaction() as tx:
            for p in items:
                _insert_row(tx, p, keep_id=False)
        for article_id in article_ids:
            self._changed(article_id)
        return len(items)

    def update(self, prediction_id: int, **changes) -> Prediction:
        validate(changes)
        p = self.get(prediction_id)
        tags = changes.pop("tags", None)
        if (
            changes.get("outcome") in ("true", "false", "partly", "unknown")
            and not changes.get("resolved_on")
            and not p.resolved_on
        ):
            changes["resolved_on"] = date.today().isoformat()
        if changes.get("outcome") == "open":
            changes.setdefault("resolved_on", None)
        with self.db.transaction() as tx:
            if changes or tags is not None:
                sets = ", ".join([*(f"{k}=?" for k in changes), "updated_at=?"])
                tx.execute(
                    f"UPDATE predictions SET {sets} WHERE id=?",
                    (*changes.values(), utc_now(), prediction_id),
                )
            if tags is not None:
                replace_tags(tx, "prediction", prediction_id, tags)
        self._changed(p.article_id)
        return self.get(prediction_id)

    def restore_fields(self, old: Prediction) -> Prediction:
        """Put back every editable field and the tags of an earlier copy (undo)."""
        values = {f.name: getattr(old, f.name) for f in fields(old) if f.name in _EDITABLE}
        return self.update(old.id, tags=old.tags, **values)

    def query(self, flt: PredictionFilter, today: date | None = None) -> list[Prediction]:
        where, params = ["p.deleted_at IS NULL", "a.deleted_at IS NULL"], []
        if flt.article_id is not None:
            where.append("p.article_id=?")
            params.append(flt.article_id)
        if flt.tag:
            where.append("p.id IN (SELECT prediction_id FROM prediction_tags WHERE tag=?)")
            params.append(flt.tag)
        if flt.stance:
            where.append("p.stance=?")
            params.append(flt.stance)
        if flt.outcome:
            where.append("p.outcome=?")
            params.append(flt.outcome)
        status = flt.status
        if status in REVIEWS:
            where.append("p.review=?")
            params.append(status)
        elif status == "open":
            where.append("p.outcome='open'")
        elif status == "resolved":
            where.append("p.outcome<>'open'")
        elif status not in (None, "due"):
            raise PredictionError(
                f"status must be one of {', '.join(REVIEWS)}, open, resolved or due"
            )
        if not flt.include_rejected and status != "rejected":
            where.append("p.review<>'rejected'")
        cols = ", ".join("p." + c.strip() for c in _COLS.split(","))
        rows = self.db.execute(
            f"SELECT {cols} FROM predictions p JOIN articles a ON a.id=p.article_id"
            f" WHERE {' AND '.join(where)} ORDER BY p.article_id, p.start",
            params,
        ).fetchall()
        items = self._build(rows)
        if flt.due or status == "due":
            day = today or date.today()
            items = [p for p in items if is_due(p, day)]
        return items

    def tags_in_use(self) -> list[str]:
        return tags_in_use(self.db, "prediction")

    def _make(self, r: sqlite3.Row, tags: tuple[str, ...]) -> Prediction:
        return Prediction(
            id=r[0],
            uid=r[1],
            article_id=r[2],
            quote=TextQuoteSelector(r[3], r[4], r[5]),
            position=TextPositionSelector(r[6], r[7]),
            statement=r[8],
            speaker=r[9],
            made_on=r[10],
            horizon=r[11],
            resolve_by=r[12],
            confidence_text=r[13],
            confidence=r[14],
            tags=tags,
            source=r[15],
            review=r[16],
            reason=r[17],
            note=r[18],
            stance=r[19],
            probability=r[20],
            outcome=r[21],
            resolved_on=r[22],
            evidence=r[23],
            created_at=r[24],
            updated_at=r[25],
            deleted_at=r[26],
        )


def _insert_row(tx, p: Prediction, keep_id: bool) -> tuple[int, tuple[str, ...]]:
    """INSERT one prediction and its tags; (new id, stored tags)."""
    values = (
        p.id if keep_id and p.id else None, p.uid, p.article_id, p.quote.exact, p.quote.prefix,
        p.quote.suffix, p.position.start, p.position.end, p.statement, p.speaker, p.made_on,
        p.horizon, p.resolve_by, p.confidence_text, p.confidence, p.source, p.review, p.reason,
        p.note, p.stance, p.probability, p.outcome, p.resolved_on, p.evidence, p.created_at,
        p.updated_at, p.deleted_at,
    )  # fmt: skip
    cur = tx.execute(f"INSERT INTO predictions({_COLS}) VALUES ({', '.join('?' * 27)})", values)
    new_id = int(cur.lastrowid)
    return new_id, replace_tags(tx, "prediction", new_id, p.tags)


def new_prediction(article: Article, start: int, end: int, **fields) -> Prediction:
    """An unsaved prediction on text[start:end] of the article, dated by the article."""
    now = utc_now()
    quote, position = anchoring.describe(article.plain_text, start, end)
    fields.setdefault("made_on", (article.published_at or article.saved_at)[:10])
    return Prediction(
        id=0,
        uid=str(uuid.uuid4()),
        article_id=article.id,
        quote=quote,
        position=position,
        created_at=now,
        updated_at=now,
        **fields,
    )
