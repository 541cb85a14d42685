"""Property-based fuzzing: the query box, export names, templates and the backup reader."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.export.files import safe_name
from reader.core.export.template import TemplateError, fill
from reader.core.search import SearchDocument, SearchIndex
from reader.core.storage.backup import BackupError, read_backup
from tests.conftest import FUZZ_EXAMPLES

FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
QUERY_CHARS = st.sampled_from(
    [*list('abcéz 日本"()*?~:-+^[]{}\\/!&|\x00'), "OR", "AND", "NOT", "title:", "tag:"]
)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    ix = SearchIndex(tmp_path_factory.mktemp("fuzz") / "index")
    ix.open_or_create()
    ix.rebuild(
        [
            SearchDocument(
                n, f"Title {n}", ("A",), "P", f"alpha beta café 日本語 {n}", "2026-01-01"
            )
            for n in range(1, 6)
        ],
        5,
    )
    yield ix
    ix.close()


@FUZZ
@given(st.lists(QUERY_CHARS, max_size=40).map("".join))
def test_any_query_gives_results_or_a_reason(index, query):
    result = index.search(query)
    assert isinstance(result.hits, tuple)
    assert result.error is None or result.error.strip()


@FUZZ
@given(st.text(max_size=300))
def test_any_unicode_query(index, query):
    result = index.search(query)
    assert result.error is None or result.error.strip()


@FUZZ
@given(st.text(max_size=300))
def test_any_title_makes_a_safe_file_name(title):
    name = safe_name(title)
    assert name.endswith(".md") and len(name) > 3 and len(name.encode()) <= 210
    assert not any(c in name for c in '/\\\x00:*?"<>|') and ".." not in name


@FUZZ
@given(st.text(max_size=200))
def test_any_template_fills_or_names_the_problem(template):
    try:
        fill(template, {"title": "T"})
    except TemplateError as exc:
        assert "placeholder" in str(exc)


@FUZZ
@given(st.binary(max_size=500))
def test_any_bytes_as_a_backup_are_refused_clearly(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("b") / "backup"
    path.write_bytes(data)
    with pytest.raises(BackupError):
        read_backup(path)
