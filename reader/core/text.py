"""Plain-text helpers shared by import, rendering and anchoring."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def collapse_ws(text: str) -> str:
    """All whitespace runs to one space, trimmed: the comparison form of a text."""
    return _WS.sub(" ", text).strip()


def normalise_blocks(text: str) -> str:
    """Canonical form: spaces collapsed inside each line, empty lines dropped."""
    lines = (collapse_ws(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


CAPTION_MARKS = ("△", "▲")  # what opens a photo caption in some articles (the interview)


def one_line_snippet(text: str) -> str:
    """A passage shown as a search result's snippet: one line, without caption marks."""
    return " ".join(w for w in text.split() if w not in CAPTION_MARKS)


def content_hash(plain_text: str) -> str:
    """Identity of an article's text for duplicate detection."""
    folded = unicodedata.normalize("NFKC", collapse_ws(plain_text)).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Words, counting each CJK character as one word."""
    if text.isascii():
        return len(_WORD.findall(text))
    cjk = _cjk()
    return len(_WORD.findall(cjk.sub(" ", text))) + len(cjk.findall(text))


@functools.cache
def _cjk() -> re.Pattern[str]:
    """CJK characters (compiled when first needed: a class of these ranges takes ~7 ms)."""
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


_CLOSERS = {"(": ")", "[": "]", "“": "”", "‘": "’", '"': '"'}
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_CLAUSE_OPENS = re.compile(r":\s+(?=[\"“‘]?[A-Z0-9])")  # "gave a judgment: Ray 3 will…"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen text[start:end] so it neither starts nor ends inside a word ("arning" →
    "learning", "(zero-" → "(zero-shot)"): how Kindle, Readwise and Zotero take a
    dragged selection. A bracket or quote it opens is closed when the closer follows."""
    for word in _WORD.finditer(text, max(0, start - 64), min(len(text), end + 64)):
        if word.start() < start < word.end():
            start = word.start()
        if word.start() < end < word.end():
            end = word.end()
    passage = text[start:end]
    for opener, closer in _CLOSERS.items():
        opened = passage.count(opener) - (passage.count(closer) if closer != opener else 0)
        if (opened % 2 if opener == closer else opened) > 0 and text[end : end + 1] == closer:
            end += 1
            passage = text[start:end]
    return start, end


def snap_to_sentences(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen text[start:end] to the whole sentences it touches, within its paragraphs; a
    sentence may also start after a colon that opens a statement."""
    start, end = snap_to_words(text, start, end)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", max(end - 1, start))
    line_end = len(text) if line_end == -1 else line_end
    ends = [m.end() for m in _SENTENCE_END.finditer(text, line_start, line_end)]
    opens = [m.end() for m in _CLAUSE_OPENS.finditer(text, line_start, start)]
    start = max((e for e in ends + opens if e <= start), default=line_start)
    while start < end and text[start].isspace():
        start += 1
    end = min((e for e in ends if e >= end), default=line_end)
    return start, end


def clip_words(text: str, limit: int) -> str:
    """`text` when it fits in `limit` characters, else its words that do and "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


_OPENING_QUOTE = re.compile(r'(^|[\s(\[—–-])"')


def quoted(text: str) -> str:
    """`text` in curly double quotes. Its own straight quotes are curled first; a text
    that is itself one quotation keeps its marks, and quotations inside take single
    marks, so a passage that opens with a quote is not shown in two kinds of marks."""
    curled = _OPENING_QUOTE.sub(r"\1“", text.strip()).replace('"', "”")
    if curled.startswith("“") and curled.endswith("”") and curled.count("“") == 1:
        return curled
    return "“" + curled.replace("“", "‘").replace("”", "’") + "”"


def slugify(title: str, max_len: int = 60) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:max_len].rstrip("-") or "article"


def find_phrase(text: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of `needle`; its spaces match any run of whitespace."""
    words = needle.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_YEAR = r"(?P<year>(?:19|20|21)\d\d)"
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_LOOSE_DATES = [
    re.compile(p)
    for p in (
        rf"^{_YEAR}-(?P<nmonth>[01]\d)(?:-(?P<nday>[0-3]\d))?(?:[T ].*)?$",  # ISO, or its month
        rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$",  # March 10, 2025
        rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}$",  # 10 March 2025
        rf"^{_MONTH},?\s+{_YEAR}$",  # March 2025
        rf"^{_YEAR}$",  # 2025
    )
]


def loose_date(text: str) -> str | None:
    """The first day a written date stands for, as YYYY-MM-DD: "2025-03-10", "March 10,
    2025", "10 Mar 2025", "March 2025" (its first day), "2025" (1 January); None for
    anything else."""
    from datetime import date

    cleaned = " ".join(text.split())
    for pattern in _LOOSE_DATES:
        found = pattern.match(cleaned)
        if not found:
            continue
        parts = found.groupdict()
        month = int(parts["nmonth"]) if parts.get("nmonth") else 1
        if parts.get("month"):
            month = _MONTHS.get(parts["month"].lower(), 0)
        day = int(parts.get("nday") or parts.get("day") or 1)
        try:
            return date(int(parts["year"]), month, day).isoformat()
        except ValueError:  # no such month or day
            return None
    return None


def is_iso_date(value: str) -> bool:
    """Whether `value` is a date (or a date and time) in ISO 8601, and nothing more."""
    from datetime import date, datetime

    for kind in (date, datetime):
        try:
            kind.fromisoformat(value)
        except ValueError:
            continue
        return True
    return False


# (a quoted mail's line goes on with its quote mark: "> I don't see it\n> happening")
_SOFT_WRAP = re.compile(r"(?<=[^\s.!?:;\"'”’)\]])\n(?=[ \t]*(?:>+[ \t]?)?(?:[a-z(]|--?\w))")


def unwrapped(text: str) -> str:
    """The text with the line breaks of hard-wrapped paragraphs as spaces (a line that
    does not end a sentence, followed by one that goes on, indented or not, in lower case
    or with a command's option: "Using\n  --unicode=hex will…", or quoted as a mail quotes:
    "> I don't see it\n> happening"); the same length, so
    offsets into it are offsets into the text."""
    return _SOFT_WRAP.sub(" ", text)


def utc_moment(written: object) -> datetime | None:
    """A date and time as exports write them ("2026-03-01 10:00:00+00:00", "…T…Z", a
    local time without a zone, taken as it is), in UTC without its zone; None when it
    cannot be read."""
    if not isinstance(written, str) or not written.strip():
        return None
    try:
        moment = datetime.fromisoformat(written.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


_SENTENCE = re.compile(r"[^.!?\n]+(?:(?P<mark>[.!?]+[\"'”’)]*)|(?=\n)|$)")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, within one paragraph at a time (a paragraph wrapped
    over several lines, as Markdown and text files often are, read as one); a line with
    no end mark (a heading) and a fragment of a dozen characters or less are left out."""
    text = unwrapped(text)
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        if m.group("mark") is None and text[end:] not in ("", "\n"):
            continue  # a line with no end mark, not the text's last: not a sentence
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start > 12:
            yield start, end
