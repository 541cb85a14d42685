"""The prediction ledger as CSV (one row per prediction) and as Markdown (the scores,
the track records, then a table), for `reader predictions --format csv|markdown`."""

from __future__ import annotations

import csv
import io

from reader.core.export.markdown import text_md
from reader.core.export.readwise import spreadsheet_text
from reader.core.models import Prediction
from reader.core.predictions.ledger import LedgerSummary, Score
from reader.core.predictions.service import OUTCOME_LABELS

COLUMNS = [
    "id",
    "article",
    "statement",
    "speaker",
    "made_on",
    "horizon",
    "resolve_by",
    "text_confidence",
    "stance",
    "your_probability",
    "outcome",
    "resolved_on",
    "review",
    "tags",
    "evidence",
]


def ledger_csv(items: list[Prediction], titles: dict[int, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in items:
        writer.writerow(
            [
                p.id,
                spreadsheet_text(titles.get(p.article_id, "")),
                spreadsheet_text(p.headline),
                spreadsheet_text(p.speaker),
                p.made_on or "",
                spreadsheet_text(p.horizon),
                p.resolve_by or "",
                "" if p.confidence is None else round(p.confidence, 2),
                p.stance or "",
                "" if p.probability is None else p.probability,
                p.outcome,
                p.resolved_on or "",
                p.review,
                " ".join(p.tags),
                spreadsheet_text(p.evidence),
            ]
        )
    return out.getvalue()


def _score_line(s: Score) -> str:
    if s.brier is None:
        return f"- **{text_md(s.label)}**: nothing resolved with a probability yet"
    return (
        f"- **{text_md(s.label)}**: {s.scored} resolved, Brier {s.brier:.2f} "
        f"(reliability {s.reliability or 0:.3f}, resolution {s.resolution or 0:.3f})"
    )


def _cell(text: str) -> str:
    return text_md(text).replace("|", "\\|").replace("\n", " ")


def ledger_markdown(items: list[Prediction], summary: LedgerSummary, titles: dict[int, str]) -> str:
    lines = [
        "# Prediction ledger",
        "",
        f"{summary.total} prediction{'' if summary.total == 1 else 's'}: "
        f"{summary.open} open, {summary.due} due, "
        f"{summary.resolved} resolved"
        + (f"; {summary.proposed} proposals not yet reviewed." if summary.proposed else "."),
        "",
        "## Scores",
        "",
        _score_line(summary.yours),
        _score_line(summary.authors),
        "",
        "## Track records of the people quoted",
        "",
        *([_score_line(s) for s in summary.per_speaker] or ["- none resolved yet"]),
        "",
        "## Predictions",
        "",
        "| Statement | Speaker | Article | By | Outcome | You | The text |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in items:
        you = "" if p.probability is None else f"{p.probability}%"
        text = "" if p.confidence is None else f"{round(p.confidence * 100)}%"
        outcome = OUTCOME_LABELS.get(p.outcome, p.outcome)
        lines.append(
            f"| {_cell(p.headline)} | {_cell(p.speaker)} | {_cell(titles.get(p.article_id, ''))}"
            f" | {p.resolve_by or ''} | {outcome} | {you} | {text} |"
        )
    return "\n".join(lines) + "\n"
