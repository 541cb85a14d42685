"""The export template engine: placeholders, sections, and clear errors."""

from __future__ import annotations

import pytest

from reader.core.export import ExportOptions, TemplateError, render_markdown
from reader.core.export.markdown import FIELDS
from reader.core.export.template import check, default_template, render
from tests.core.test_export_markdown import COLORS, STAMP, annotations, interview


def test_placeholders_and_spaces_inside_braces() -> None:
    assert render("{{a}} and {{ b }}", {"a": 1, "b": "two"}) == "1 and two"


def test_sections_inverted_sections_lists_and_comments() -> None:
    t = "{{! ignored }}{{#items}}[{{name}}]{{/items}}{{^items}}none{{/items}}{{#flag}}!{{/flag}}"
    assert render(t, {"items": [{"name": "x"}, {"name": "y"}], "flag": True}) == "[x][y]!"
    assert render(t, {"items": [], "flag": ""}) == "none"
    assert render("{{#s}}<{{s}}>{{/s}}", {"s": "text"}) == "<text>"


def test_unknown_placeholder_names_it_and_its_line() -> None:
    with pytest.raises(TemplateError, match=r"unknown placeholder \{\{athors\}\} on line 3"):
        render("# {{title}}\n\n{{athors}}\n", {"title": "T"})


def test_unknown_placeholder_in_an_export_template() -> None:
    a = interview()
    hs, ps = annotations(a)
    template = (
        "{{front_matter}}\n# {{title}}\n\n{{highlights}}\n"
        "{{#predictions}}\n{{predicton}}\n{{/predictions}}\n"
    )
    with pytest.raises(TemplateError) as err:
        render_markdown(a, hs, ps, COLORS, ExportOptions(template=template), STAMP)
    assert "{{predicton}}" in str(err.value) and "line 6" in str(err.value)
    assert "predictions" in str(err.value)  # the known names are listed


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{#a}}open", r"line 1: section \{\{#a\}\} is never closed"),
        ("x\n{{#a}}{{/b}}", r"line 2: \{\{/b\}\} does not close \{\{#a\}\}"),
        ("{{/a}}", "does not close no open section"),
        ("ok\n\n{{title", r"line 3: '\{\{' is not closed"),
        ("{{two words}}", "not a valid placeholder name"),
    ],
)
def test_malformed_templates(template: str, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        render(template, {"a": 1, "b": 2, "title": "t"})


def test_default_template_uses_only_known_fields() -> None:
    check(default_template(), FIELDS)


def test_a_custom_template_with_sections() -> None:
    a = interview()
    hs, ps = annotations(a)
    template = (
        "# {{title}} ({{highlight_count}} highlights)\n\n{{highlights}}\n"
        "{{#predictions}}\n## Forecasts\n\n{{predictions}}\n{{/predictions}}"
        "{{^predictions}}\nNo forecasts.\n{{/predictions}}"
    )
    text = render_markdown(a, hs, ps, COLORS, ExportOptions(template=template), STAMP)
    assert text.startswith(f"# {a.title} (4 highlights)\n")
    assert "## Forecasts" in text and "No forecasts." not in text
    options = ExportOptions(template=template, include_predictions=False)
    text = render_markdown(a, hs, ps, COLORS, options, STAMP)
    assert "## Forecasts" not in text and "No forecasts." in text
