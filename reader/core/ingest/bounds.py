"""What keeps hostile input cheap to import and to show: depth, word and paragraph length.

Nesting kept shallow: HTML deeper than MAX_DEPTH elements is flattened, in one pass.

Hostile or broken pages nest elements tens of thousands deep (unclosed <div>s, <b>s,
quotes within quotes). The sanitiser and Qt's layout both take time that grows with the
square of the depth there (100,000 levels took 73 s to import and froze the window for
minutes), while no real article nests more than a few dozen. Past MAX_DEPTH, tags are
dropped and their text kept. The pass is linear: a stack of open elements with a count
per name, HTML's implied end tags for paragraphs, list items and table cells.
"""

from __future__ import annotations

import re
from collections import Counter

MAX_DEPTH = 100
_TAG = re.compile(r"<!--.*?(?:-->|$)|<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*?(/?)>", re.S)
_VOID = frozenset([
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
])  # fmt: skip
# an element that closes an open one of these names when it starts (HTML's implied ends)
_CLOSES = {
    "p": {"p"},
    "li": {"li", "p"},
    "dt": {"dt", "dd", "p"},
    "dd": {"dt", "dd", "p"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}
_BLOCKS = frozenset([
    "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav",
    "ol", "pre", "section", "table", "ul",
])  # fmt: skip


def flatten_deep(html: str, max_depth: int = MAX_DEPTH) -> str:
    """`html` with no element nested deeper than `max_depth` (deeper tags dropped, their
    text kept); unchanged when it is shallow enough."""
    stack: list[str] = []
    open_names: Counter[str] = Counter()
    out: list[str] = []
    last = 0
    dropped = False
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2), match.group(3)
        if name is None:  # a comment
            continue
        name = name.lower()
        keep = True
        if closing:
            if open_names[name]:
                while stack:
                    top = stack.pop()
                    open_names[top] -= 1
                    if top == name:
                        break
            else:
                keep = False  # closes nothing open (a dropped or stray tag)
        elif name not in _VOID and not self_closing:
            implied = _CLOSES.get(name, {"p"} if name in _BLOCKS else set())
            while stack and stack[-1] in implied:
                open_names[stack.pop()] -= 1
            if len(stack) >= max_depth:
                keep = False
            else:
                stack.append(name)
                open_names[name] += 1
        if not keep:
            out.append(html[last : match.start()])
            last = match.end()
            dropped = True
    if not dropped:
        return html
    out.append(html[last:])
    return "".join(out)


MAX_WORD = 1000  # characters without a break opportunity; a longer run gets one every 500
MAX_PARAGRAPH = 20_000  # characters of a plain paragraph; a longer one is split near 10,000
_LONG_RUN = re.compile(rf"[^\s<>]{{{MAX_WORD + 1},}}")
_TEXT = re.compile(rf">([^<]{{{MAX_WORD + 1},}})<")
_LONG_PARAGRAPH = re.compile(rf"<p>([^<]{{{MAX_PARAGRAPH + 1},}})</p>")
ZWSP = "\u200b"


def bounded_text(html: str) -> str:
    """Break opportunities in very long words and block breaks in very long paragraphs.

    Qt lays out a word in time that grows with the square of its length (a word of
    200,000 characters took 9 s, a 15 MB one hung the window) and a paragraph as one
    block: a run past MAX_WORD gets an invisible break (U+200B) every 500 characters, a
    plain paragraph past MAX_PARAGRAPH becomes several. Real text never meets either; the
    canonical text is derived from the result, so highlights stay exact.
    """
    html = _LONG_PARAGRAPH.sub(lambda m: _split_paragraph(m.group(1)), html)
    return _TEXT.sub(lambda m: ">" + _LONG_RUN.sub(_broken, m.group(1)) + "<", html)


def _broken(run: re.Match) -> str:
    word = run.group(0)
    return ZWSP.join(word[i : i + 500] for i in range(0, len(word), 500))


def _split_paragraph(text: str, size: int = 10_000) -> str:
    parts, start = [], 0
    while len(text) - start > MAX_PARAGRAPH:
        cut = text.rfind(" ", start + size // 2, start + size)
        cut = cut if cut > start else start + size
        parts.append(text[start:cut].strip())
        start = cut
    parts.append(text[start:].strip())
    return "".join(f"<p>{part}</p>" for part in parts if part)
