"""A tiny template engine for export templates.

Syntax (documented for users in docs/export-template.md):

- ``{{name}}`` is replaced by the value of ``name`` (spaces inside the braces are allowed).
- ``{{#name}}…{{/name}}`` is a section: rendered once when the value is a non-empty string or
  true; once per item when it is a list of dicts (each item's keys become placeholders inside);
  left out when the value is empty, false, None or an empty list.
- ``{{^name}}…{{/name}}`` is the inverse: rendered only when the value is empty.
- ``{{! a comment }}`` is dropped.

Values are inserted as they are (no escaping: the output is Markdown). A placeholder that is
not known raises :class:`TemplateError` naming it and its line, as does a section that is
not closed or closed out of order, and a ``{{`` with no matching ``}}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from reader.core.resources import read_resource

TAG = re.compile(r"\{\{\s*([#^/!]?)\s*([^{}]*?)\s*\}\}")
NAME = re.compile(r"[A-Za-z_][\w.]*\Z")


class TemplateError(ValueError):
    """A template that cannot be used; the message names the problem and its line."""


@dataclass
class _Node:
    kind: str  # "text" | "var" | "section" | "inverted"
    value: str
    line: int = 0
    children: list[_Node] = field(default_factory=list)


def default_template() -> str:
    """The shipped default template (resources/export/default-template.md)."""
    return read_resource("export", "default-template.md")


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


@lru_cache(maxsize=32)
def compile_template(text: str) -> tuple[_Node, ...]:
    """Parse a template into a tree; raise TemplateError for malformed syntax."""
    root = _Node("section", "", 0)
    stack = [root]
    pos = 0
    for m in TAG.finditer(text):
        _text(stack[-1], text[pos : m.start()], text, pos)
        pos = m.end()
        sigil, name, line = m.group(1), m.group(2), _line_of(text, m.start())
        if sigil == "!":
            continue
        if not NAME.match(name):
            raise TemplateError(f"line {line}: {m.group(0)!r} is not a valid placeholder name")
        if sigil in "#^" and sigil:
            node = _Node("section" if sigil == "#" else "inverted", name, line)
            stack[-1].children.append(node)
            stack.append(node)
        elif sigil == "/":
            if len(stack) == 1 or stack[-1].value != name:
                open_ = f"{{{{#{stack[-1].value}}}}}" if len(stack) > 1 else "no open section"
                raise TemplateError(f"line {line}: {{{{/{name}}}}} does not close {open_}")
            stack.pop()
        else:
            stack[-1].children.append(_Node("var", name, line))
    _text(stack[-1], text[pos:], text, pos)
    if len(stack) > 1:
        node = stack[-1]
        raise TemplateError(f"line {node.line}: section {{{{#{node.value}}}}} is never closed")
    return tuple(root.children)


def _text(parent: _Node, chunk: str, whole: str, offset: int) -> None:
    if not chunk:
        return
    stray = chunk.find("{{")
    if stray >= 0:
        line = _line_of(whole, offset + stray)
        raise TemplateError(
            f"line {line}: '{{{{' is not closed; write placeholders as {{{{name}}}}"
        )
    parent.children.append(_Node("text", chunk))


def placeholders(text: str) -> list[tuple[str, int]]:
    """Every placeholder and section name in the template, with its line."""
    out: list[tuple[str, int]] = []

    def walk(nodes: Iterable[_Node]) -> None:
        for n in nodes:
            if n.kind != "text":
                out.append((n.value, n.line))
                walk(n.children)

    walk(compile_template(text))
    return out


def check(text: str, known: Iterable[str]) -> None:
    """Raise TemplateError if the template is malformed or names an unknown placeholder."""
    known_set = set(known)
    for name, line in placeholders(text):
        if name.split(".")[0] not in known_set:
            names = ", ".join(sorted(known_set))
            raise TemplateError(
                f"unknown placeholder {{{{{name}}}}} on line {line} (known: {names})"
            )


def render(text: str, values: Mapping[str, object]) -> str:
    """Fill the template; every placeholder must be a key of `values` (or of a section item)."""
    out: list[str] = []
    _render(compile_template(text), [values], out)
    return "".join(out)


def _lookup(name: str, scopes: list[Mapping[str, object]], line: int) -> object:
    for scope in reversed(scopes):
        if name in scope:
            return scope[name]
    known = sorted({k for s in scopes for k in s})
    raise TemplateError(
        f"unknown placeholder {{{{{name}}}}} on line {line} (known: {', '.join(known)})"
    )


def _render(nodes: Iterable[_Node], scopes: list[Mapping[str, object]], out: list[str]) -> None:
    for n in nodes:
        if n.kind == "text":
            out.append(n.value)
            continue
        value = _lookup(n.value, scopes, n.line)
        if n.kind == "var":
            out.append("" if value is None or value is False else str(value))
        elif n.kind == "inverted":
            if not value:
                _render(n.children, scopes, out)
        elif isinstance(value, list | tuple):
            for item in value:
                scope = item if isinstance(item, Mapping) else {"item": item}
                _render(n.children, [*scopes, scope], out)
        elif value:
            _render(n.children, scopes, out)
