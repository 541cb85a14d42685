"""Curated predictions shipped for bundled articles (resources/predictions/<key>.toml)."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass

from reader.core.annotations import anchoring
from reader.core.models import Article, Prediction
from reader.core.predictions.service import new_prediction
from reader.core.storage.resources import resource_path
from reader.core.storage.tags import clean_tags


@dataclass(frozen=True)
class CuratedPrediction:
    exact: str
    statement: str
    speaker: str
    horizon: str
    resolve_by: str | None
    confidence_text: str
    confidence: float | None
    tags: tuple[str, ...]


class CuratedError(ValueError):
    """The curated file does not fit its article (a quote missing or not unique)."""


def load_curated(key: str) -> list[CuratedPrediction]:
    path = resource_path("predictions", f"{key}.toml")
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        CuratedPrediction(
            exact=item["exact"],
            statement=item.get("statement", ""),
            speaker=item.get("speaker", ""),
            horizon=item.get("horizon", ""),
            resolve_by=item.get("resolve_by"),
            confidence_text=item.get("confidence_text", ""),
            confidence=item.get("confidence"),
            tags=clean_tags(item.get("tags", ())),
        )
        for item in data.get("prediction", [])
    ]


@functools.cache
def taxonomy() -> dict[str, dict]:
    """The tags predictions are given by their words (read once: not to be changed)."""
    data = tomllib.loads(resource_path("predictions", "taxonomy.toml").read_text("utf-8"))
    return data.get("tags", {})


def curated_predictions(article: Article, key: str) -> list[Prediction]:
    """The curated items as predictions anchored in the article's text."""
    out = []
    for item in load_curated(key):
        starts = anchoring.find_occurrences(article.plain_text, item.exact)
        if len(starts) != 1:
            raise CuratedError(f"curated quote found {len(starts)} times: {item.exact[:60]!r}")
        out.append(
            new_prediction(
                article,
                starts[0],
                starts[0] + len(item.exact),
                statement=item.statement,
                speaker=item.speaker,
                horizon=item.horizon,
                resolve_by=item.resolve_by,
                confidence_text=item.confidence_text,
                confidence=item.confidence,
                tags=item.tags,
                source="curated",
                review="confirmed",
            )
        )
    return out
