"""Re-export into an existing file: keep the user's own text, regenerate everything else.

The user's text lives between markers the export leaves alone::

    <!-- reader:notes:start -->
    anything you write here is kept
    <!-- reader:notes:end -->

The article-level pair is in the default template. To keep text with one highlight or
prediction, add a keyed pair anywhere in the file, the key being that item's block id
without the caret::

    <!-- reader:notes:start h-1a2b3c4d -->
    my thoughts on this quote
    <!-- reader:notes:end h-1a2b3c4d -->

On the next export the keyed text is placed right after that item. A keyed region whose
item is gone (deleted, filtered out) is not dropped: it is kept in a section at the end.
"""

from __future__ import annotations

import re

START = "<!-- reader:notes:start{key} -->"
END = "<!-- reader:notes:end{key} -->"
REGION = re.compile(
    r"<!-- reader:(?:user-)?notes:start(?: (?P<key>[\w-]+))? -->"
    r"(?P<body>.*?)"
    r"<!-- reader:(?:user-)?notes:end(?: (?P=key))? -->",
    re.DOTALL,
)
ORPHANS = "## Notes kept from an earlier export"


def markers(key: str = "") -> tuple[str, str]:
    """The start and end markers of the region `key` ("" for the article's own notes)."""
    suffix = f" {key}" if key else ""
    return START.format(key=suffix), END.format(key=suffix)


def extract(text: str | None) -> dict[str, str]:
    """The user's regions of an earlier export: key -> text between the markers."""
    if not text:
        return {}
    out: dict[str, str] = {}
    for m in REGION.finditer(text):
        key = m.group("key") or ""
        out[key] = out.get(key, "") + m.group("body")
    return out


def region(key: str, body: str) -> str:
    """A keyed region with its body, ready to insert into an export."""
    start, end = markers(key)
    body = body if body.startswith("\n") else "\n" + body
    body = body if body.endswith("\n") else body + "\n"
    return f"{start}{body}{end}"


def merge(new: str, old: str | None) -> str:
    """`new` with the user's regions of `old` carried over; unplaced regions kept at the end."""
    kept = extract(old)
    if not kept:
        return new
    placed: set[str] = set()

    def fill(m: re.Match[str]) -> str:
        key = m.group("key") or ""
        if key not in kept:
            return m.group(0)
        placed.add(key)
        start, end = markers(key)
        return f"{start}{kept[key]}{end}"

    text = REGION.sub(fill, new)
    rest = [(k, v) for k, v in kept.items() if k not in placed and v.strip()]
    if not rest:
        return text
    parts = [text.rstrip("\n"), "", ORPHANS, ""]
    parts += [region(k, v) + "\n" for k, v in rest]
    return "\n".join(parts).rstrip("\n") + "\n"
