"""PredictionService: anchored forecasts with the reader's annotation, one transaction each."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta

from reader.core.annotations import anchoring
from reader.core.annotations.anchored import AnchoredService, Placed
from reader.core.models import Article, Prediction
from reader.core.storage.db import utc_now
from reader.core.storage.tags import clean_tags, replace_tags, tags_in_use
from reader.core.text import clip_words, is_iso_date, loose_date

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
DUE_WINDOW_DAYS = 30
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
    """Confirmed (the reader's, or a proposal they accepted), open, and its resolve-by
    date has passed or falls within 30 days: a proposal not yet reviewed is not due."""
    if p.outcome != "open" or not p.resolve_by or p.review != "confirmed":
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
        is_day = key in ("resolve_by", "resolved_on", "made_on")
        if is_day and value and not is_iso_date(str(value)):
            raise PredictionError(f"{key} must be a date like 2026-12-31")
    return changes


class PredictionService(AnchoredService[Prediction]):
    MODEL, TABLE, KIND, ERROR = Prediction, "predictions", "prediction", PredictionError

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
            p = replace(p, statement=clip_words(" ".join(quote.exact.split()), 200))
        return self.insert(p)

    def insert_many(self, items: list[Prediction]) -> int:
        """Store new ones (curated or detected at import) in one transaction, or in the
        transaction already open (the one that adds their article)."""
        with self.db.transaction() as tx:
            for p in items:
                self._insert(tx, replace(p, id=0))
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
            self._record(tx, p.article_id, prediction_id)
        return self.get(prediction_id)

    def review_many(self, prediction_ids: list[int], review: str) -> None:
        """Confirm, reject or re-propose several predictions at once: one transaction."""
        validate({"review": review})
        items = [self.get(i) for i in prediction_ids]
        with self.db.transaction() as tx:
            for p in items:
                tx.execute(
                    "UPDATE predictions SET review=?, updated_at=? WHERE id=?",
                    (review, utc_now(), p.id),
                )
                self._record(tx, p.article_id, p.id)

    def proposal_counts(self) -> dict[int, int]:
        """Proposals still to review, by article (live articles only)."""
        rows = self.db.execute(
            "SELECT p.article_id, count(*) FROM predictions p JOIN articles a"
            " ON a.id = p.article_id AND a.deleted_at IS NULL"
            " WHERE p.review = 'proposed' AND p.deleted_at IS NULL GROUP BY p.article_id"
        )
        return {int(a): int(n) for a, n in rows}

    def restore_fields(self, old: Prediction) -> Prediction:
        """Put back every editable field and the tags of an earlier copy (undo)."""
        values = {f.name: getattr(old, f.name) for f in fields(old) if f.name in _EDITABLE}
        return self.update(old.id, tags=old.tags, **values)

    def proposal_under(self, article_id: int, text: str, start: int, end: int) -> Prediction | None:
        """The detector's proposal, still to review, that holds text[start:end] (marking a
        passage it already proposed accepts the proposal: the window and `reader predict`
        alike), if there is one."""
        proposed = [p for p in self.for_article(article_id) if p.review == "proposed"]
        for placed in self.placed(article_id, text, proposed):
            a = placed.anchor  # (most of the passage: a list item's bullet may be outside)
            if a is not None and min(end, a.end) - max(start, a.start) >= 0.8 * (end - start):
                return placed.item
        return None

    def query(self, flt: PredictionFilter, today: date | None = None) -> list[Prediction]:
        where = ["p.deleted_at IS NULL", "a.deleted_at IS NULL"]
        params: list[int | str] = []
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
        # what tells each row's version first: full rows are read only for those not
        # built before (the ledger over 10,000 predictions, opened again, reads ids)
        rows = self.db.execute(
            "SELECT p.id, p.uid, p.updated_at, p.deleted_at"
            " FROM predictions p JOIN articles a ON a.id=p.article_id"
            f" WHERE {' AND '.join(where)} ORDER BY p.article_id, p.start",
            params,
        ).fetchall()
        items = self._build_listed(rows)
        if flt.due or status == "due":
            day = today or date.today()
            items = [p for p in items if is_due(p, day)]
        return items

    def tags_in_use(self) -> list[str]:
        return tags_in_use(self.db, "prediction")


def made_on(article: Article) -> str:
    """The day an article's predictions were made: its publication date, as written
    ("2025-03-10", "March 10, 2025", "March 2025": its first day), else the day it was
    saved."""
    return loose_date(article.published_at or "") or article.saved_at[:10]


def new_prediction(article: Article, start: int, end: int, **fields) -> Prediction:
    """An unsaved prediction on text[start:end] of the article, dated by the article."""
    now = utc_now()
    quote, position = anchoring.describe(article.plain_text, start, end)
    fields.setdefault("made_on", made_on(article))
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
