"""Property-based fuzzing of every importer: a clear refusal or a correct result, never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.ingest.importer import ImportRefused, decode, parse
from reader.core.text import collapse_ws
from tests.conftest import FUZZ_EXAMPLES

FUZZ = settings(
    max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TAGS = [
    "p",
    "div",
    "script",
    "style",
    "a",
    "img",
    "iframe",
    "table",
    "tr",
    "td",
    "ul",
    "li",
    "h1",
    "h2",
    "article",
    "main",
    "nav",
    "pre",
    "code",
    "blockquote",
    "b",
    "svg",
    "form",
]
ATTRS = [
    "",
    ' onclick="x()"',
    ' href="javascript:alert(1)"',
    ' src="https://evil.example/x"',
    ' style="background:url(https://evil.example)"',
    ' class="caption"',
    ' href="#a"',
]


@st.composite
def html_documents(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(TAGS))
        attr = draw(st.sampled_from(ATTRS))
        text = draw(st.text(max_size=30))
        closing = draw(st.booleans())
        parts.append(f"<{tag}{attr}>{text}" + (f"</{tag}>" if closing else ""))
    return "".join(parts)


def _check(text: str, fmt: str) -> None:
    try:
        doc = parse(text, fmt, fallback_title="fallback")
    except ImportRefused as exc:
        assert str(exc)  # a reason for the user
        return
    html = doc.html.lower()
    assert "<script" not in html and "javascript:" not in html and "onclick" not in html
    assert "evil.example" not in html and "<iframe" not in html and "<img" not in html
    assert doc.title and doc.plain_text.startswith(collapse_ws(doc.title)[:1])


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["markdown", "text", "html"]))
def test_random_bytes(data, fmt):
    try:
        text = decode(data, fmt)
    except ImportRefused as exc:
        assert str(exc)
        return
    _check(text, fmt)


@FUZZ
@given(html_documents())
def test_random_html(page):
    _check(page, "html")


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("#*_-`>[]()!|:\n abc<>&\"'=1.\t")), max_size=400))
def test_random_markdown(source):
    _check(source, "markdown")
