"""Evidence from the library: a passage of any article, kept for a prediction.

The passage becomes a highlight (tagged "evidence", its note naming the prediction), so
it is anchored as any highlight is and found in the text; the prediction's evidence
names it: `“the first words…” (Article title) reader:highlight/UID`. The Markdown export
turns that into a link to the highlight's block (see export.markdown).
"""

from __future__ import annotations

import re

from reader.core.annotations.highlights import HighlightService
from reader.core.models import Article, Highlight
from reader.core.predictions.service import PredictionService
from reader.core.text import clip_words

EVIDENCE_TAG = "evidence"
EVIDENCE_COLOR = 3  # blue
LINK = re.compile(
    r"reader:highlight/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
)
CITED = re.compile(r"“([^”]*)” \(([^()]*)\) " + LINK.pattern)


def attach_evidence(
    predictions: PredictionService,
    highlights: HighlightService,
    prediction_id: int,
    article: Article,
    start: int,
    end: int,
) -> Highlight:
    """Keep article.plain_text[start:end] as evidence for the prediction: one transaction
    (the highlight and the prediction's evidence together)."""
    p = predictions.get(prediction_id)
    with predictions.db.transaction():
        h = highlights.add(
            article.id,
            article.plain_text,
            start,
            end,
            EVIDENCE_COLOR,
            f"Evidence for: {p.headline}",
            [EVIDENCE_TAG],
        )
        cited = f"“{clip_words(' '.join(h.quote.exact.split()), 80)}” ({article.title}) "
        cited += f"reader:highlight/{h.uid}"
        evidence = f"{p.evidence} · {cited}" if p.evidence.strip() else cited
        predictions.update(prediction_id, evidence=evidence)
    return h


def evidence_links(evidence: str) -> list[str]:
    """The uids of the highlights a prediction's evidence names, in order."""
    return LINK.findall(evidence)
