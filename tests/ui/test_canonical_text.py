"""The canonical plain text equals what the reading view shows, for every test article."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from reader.core.ingest.bundled import load_bundled
from reader.core.ingest.importer import load
from reader.core.ingest.plain_text import align
from reader.core.text import collapse_ws
from tests.conftest import CORPUS

ARTICLES = sorted(CORPUS.iterdir())


def _shown(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_canonical_text_matches_qt(qapp, path):
    doc = load(path)
    assert collapse_ws(doc.plain_text) == collapse_ws(_shown(doc.html))


def test_bundled_article_canonical_text_matches_qt(qapp):
    doc = load_bundled()
    assert collapse_ws(doc.plain_text) == collapse_ws(_shown(doc.html))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_alignment_maps_every_word_to_the_same_word_in_the_document(qapp, path):
    doc = load(path)
    shown = _shown(doc.html)
    mapping = align(doc.plain_text, shown)
    for i, ch in enumerate(doc.plain_text):
        if not ch.isspace():
            assert shown[mapping[i]] == ch
