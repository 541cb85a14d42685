"""Where a query's words and phrases stand in an article's text: to count them, to bold
them in snippets, and to mark them in the reading view.

A quoted phrase counts where its words stand together, in order, and nowhere else:
"video reasoning" does not count "reasoning" in "For this reason, the reasoning video".
"""

from __future__ import annotations

import html

from reader.core.search.analysis import terms_of
from reader.core.search.query import phrases_in
from reader.core.text import one_line_snippet

Span = tuple[int, int]
SNIPPET_SIDE = 80  # characters of context on each side of a phrase
MAX_SNIPPETS = 3


def phrase_runs(query: str) -> list[list[str]]:
    """The analysed terms of each quoted phrase of more than one word."""
    return [r for p in phrases_in(query) if len(r := [t for t, _, _ in terms_of(p)]) > 1]


def match_spans(text: str, terms, query: str = "") -> tuple[list[Span], list[Span]]:
    """(the phrases' spans, the other matched terms' spans) in `text`, in order."""
    tokens = terms_of(text)
    runs = phrase_runs(query)
    phrases: list[Span] = []
    for run in runs:
        n, first = len(run), run[0]
        for i in range(len(tokens) - n + 1):
            if tokens[i][0] == first and all(tokens[i + k][0] == run[k] for k in range(n)):
                phrases.append((tokens[i][1], tokens[i + n - 1][2]))
    wanted = _outside(terms, runs)
    words = [(start, end) for term, start, end in tokens if term in wanted]
    return sorted(phrases), words


def spans_at(chars, terms, query: str) -> tuple[list[Span], list[Span]]:
    """match_spans from where the index says each matched term stands, {term: [(position,
    start, end), ...]}, with no text analysed (a search's hits have them at hand)."""
    runs = phrase_runs(query)
    phrases: list[Span] = []
    for run in runs:
        if any(t not in chars for t in run):
            continue
        at = [{p: (start, end) for p, start, end in chars[t]} for t in run]
        last = len(run) - 1
        for p, (start, _) in at[0].items():
            if all(p + k in at[k] for k in range(1, len(run))):
                phrases.append((start, at[last][p + last][1]))
    words = sorted(
        (start, end) for t in _outside(terms, runs) for _, start, end in chars.get(t, ())
    )
    return sorted(phrases), words


def _outside(terms, runs: list[list[str]]) -> set[str]:
    """The matched terms that are not words of a phrase (counted and bolded on their own)."""
    return set(terms) - {t for run in runs for t in run}


def phrase_snippets(text: str, phrases: list[Span], words: list[Span]) -> tuple[str, ...]:
    """Up to three snippets around the phrases, the phrases (and other matched words in
    them) in bold, the text escaped."""
    snippets: list[str] = []
    covered = -1
    for start, end in phrases:
        if start < covered or len(snippets) == MAX_SNIPPETS:
            continue
        left = text.rfind(" ", 0, max(0, start - SNIPPET_SIDE)) + 1
        right = text.find(" ", end + SNIPPET_SIDE)
        right = len(text) if right < 0 else right
        bold = [s for s in [*phrases, *words] if left <= s[0] and s[1] <= right]
        snippets.append(_bolded(text, left, right, sorted(set(bold))))
        covered = right
    return tuple(one_line_snippet(s) for s in snippets)


def _bolded(text: str, left: int, right: int, spans: list[Span]) -> str:
    parts, at = [], left
    for start, end in spans:
        if start < at:
            continue
        parts += [
            html.escape(text[at:start], quote=False),
            "<b>",
            html.escape(text[start:end], quote=False),
            "</b>",
        ]
        at = end
    parts.append(html.escape(text[at:right], quote=False))
    return "".join(parts)
