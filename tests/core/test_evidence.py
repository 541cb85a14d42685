"""Evidence from the library: a passage kept for a prediction, anchored, exported."""

from __future__ import annotations

from reader.core.export import render
from reader.core.export.markdown import block_id
from reader.core.predictions.evidence import EVIDENCE_TAG, attach_evidence, evidence_links
from reader.core.predictions.service import PredictionFilter
from tests.conftest import CORPUS


def test_a_passage_of_another_article_becomes_a_prediction_s_evidence(session, tmp_path):
    interview = session.library.get(session.library.summaries()[0].id)
    [other_id] = [a.id for a in session.library.import_paths([CORPUS / "tricky.md"]).imported]
    other = session.library.get(other_id)
    p = next(x for x in session.predictions.query(PredictionFilter(article_id=interview.id)))
    passage = other.plain_text.split("\n")[2][:40].strip()
    start = other.plain_text.index(passage)
    heard = []
    session.bus.subscribe(heard.append)
    h = attach_evidence(
        session.predictions, session.highlights, p.id, other, start, start + len(passage)
    )
    assert len(heard) == 1  # one transaction: the highlight and the evidence together
    assert h.article_id == other.id and EVIDENCE_TAG in h.tags and p.headline in h.note
    updated = session.predictions.get(p.id)
    assert evidence_links(updated.evidence) == [h.uid]
    assert f"({other.title}) reader:highlight/{h.uid}" in updated.evidence
    attach_evidence(session.predictions, session.highlights, p.id, other, 0, 10)
    assert len(evidence_links(session.predictions.get(p.id).evidence)) == 2  # both kept
    [item] = session.annotations([interview.id])
    text = render(item, session.highlights.colors(), "2026-12-02")
    assert f"[[Tricky Markdown#{block_id('h', h.uid)}|Tricky Markdown]]" in text
    assert session.highlights.by_uid(h.uid).id == h.id
