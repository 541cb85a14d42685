"""Which open predictions a newly saved article may bear on, found with the search index.

A prediction's key terms are the words of its statement and quote that the library uses
rarely (Whoosh's key-term expansion, the Bo1 model, over the body field: what "more like
this" searches for). An article bears on the prediction as far as it uses those words:
the share of their weight it contains, each word counted once. The offer shows the
article's passage that holds the most of that weight. `THRESHOLD` was measured on a small
test library (`scripts/bench/evidence_offers.py`; the figures are in the README).
"""

from __future__ import annotations

from reader.core.models import Bearing
from reader.core.search.analysis import analyzer
from reader.core.text import sentences

THRESHOLD = 0.5  # share of a prediction's key-term weight an article must contain
KEY_TERMS = 8
MIN_ARTICLES = 12  # below this the library's word counts say too little to judge by


def bearings(
    key_terms: dict[int, list[tuple[str, float]]],
    articles: dict[int, str],
    threshold: float = THRESHOLD,
) -> list[Bearing]:
    """(article, prediction) pairs at or above the threshold, the strongest first."""
    found = []
    for article_id, text in articles.items():
        places = _term_places(text)
        for prediction_id, terms in key_terms.items():
            total = sum(weight for _, weight in terms)
            if not total:
                continue
            present = [(term, weight) for term, weight in terms if term in places]
            score = sum(weight for _, weight in present) / total
            if score >= threshold and len(present) >= 2:
                start, end = _best_passage(text, places, dict(present))
                found.append(Bearing(article_id, prediction_id, round(score, 3), start, end))
    return sorted(found, key=lambda b: -b.score)


def _term_places(text: str) -> dict[str, list[int]]:
    places: dict[str, list[int]] = {}
    for token in analyzer()(text, chars=True, mode="index"):
        places.setdefault(token.text, []).append(token.startchar)
    return places


def _best_passage(
    text: str, places: dict[str, list[int]], weights: dict[str, float]
) -> tuple[int, int]:
    """The sentence holding the most key-term weight (each term once)."""
    best, best_span = -1.0, (0, 0)
    for start, end in sentences(text):
        held = sum(w for term, w in weights.items() if any(start <= p < end for p in places[term]))
        if held > best:
            best, best_span = held, (start, end)
    return best_span
