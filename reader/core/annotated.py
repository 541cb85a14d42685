"""Articles with their live highlights and predictions, read a batch at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from reader.core.annotations.highlights import HighlightService
from reader.core.library.service import LibraryService
from reader.core.models import Article, Highlight, Prediction
from reader.core.predictions.service import PredictionService

BATCH = 200  # articles whose highlights and predictions are read in one query


def with_annotations(
    library: LibraryService,
    highlights: HighlightService,
    predictions: PredictionService,
    article_ids: Iterable[int],
) -> Iterator[tuple[Article, list[Highlight], list[Prediction]]]:
    """Each article in turn with its live highlights and predictions (each in text order):
    an export or an index check of 10,000 articles makes 100 queries for their
    annotations, not 20,000, and never holds the whole library at once."""
    ids = list(article_ids)
    for first in range(0, len(ids), BATCH):
        batch = ids[first : first + BATCH]
        hs_of, ps_of = highlights.for_articles(batch), predictions.for_articles(batch)
        for article_id in batch:
            yield library.get(article_id), hs_of.get(article_id, []), ps_of.get(article_id, [])
