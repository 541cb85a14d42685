"""Who says a passage: in Q&A text the current speaker; in narration the person whose
judgement it reports ("X said", "according to X", "He believes" after X was named);
else the article's authors.

A speaker label is a short capitalised name before a colon at the start of a paragraph
("Song Jiaming: ...") that labels at least two paragraphs of the article, in a dialogue
(two such labels or more). Unlabelled
paragraphs after a labelled one continue that speaker's answer; a photo caption (△)
is the article's own voice.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.core.text import CAPTION_MARKS, snap_to_sentences

_LABEL = re.compile(r"^([A-Z][\w.'’\- ]{1,48}?):\s", re.M)


def speaker_labels(text: str) -> set[str]:
    """The labels of a dialogue: two speakers or more with two paragraphs each (one
    word before a colon twice, "Caution: …", "Note: …", labels no conversation)."""
    counts = Counter(m.group(1).strip() for m in _LABEL.finditer(text))
    labels = {label for label, n in counts.items() if n >= 2 and len(label.split()) <= 4}
    return labels if len(labels) >= 2 else set()


def after_label(text: str, start: int, end: int, labels: set[str]) -> int:
    """Past the speaker label ("Song Jiaming: ") that opens a paragraph at `start`."""
    label = _LABEL.match(text, start, end)
    if label and label.group(1).strip() in labels:
        return label.end()
    return start


def speaker_at(
    text: str, offset: int, authors: tuple[str, ...] = (), labels: set[str] | None = None
) -> str:
    """The speaker of the paragraph at `offset`, else the authors joined by commas."""
    labels = speaker_labels(text) if labels is None else labels
    start = text.rfind("\n", 0, max(0, offset)) + 1
    while labels:
        end = text.find("\n", start)
        paragraph = text[start : end if end != -1 else len(text)]
        if paragraph.startswith(CAPTION_MARKS):
            break
        match = _LABEL.match(paragraph)
        if match and match.group(1).strip() in labels:
            return match.group(1).strip()
        if start == 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
    return reported_speaker(text, offset) or ", ".join(authors)


# reported speech names who judges: "Song Jiaming gave a new judgment", "X said", "X
# expects", "according to X"; "He believes …" is the person last named that way
_NAME = r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})"
_VERBS = (
    r"(?:said|says|believes|believed|thinks|thought|expects|expected|predicts|predicted|"
    r"argues|argued|told|tells|explained|explains|added|adds|warned|warns|estimates|"
    r"estimated|gave an? (?:new )?(?:judgment|prediction|forecast)|made (?:this|the|a) "
    r"(?:prediction|judgment|forecast))"
)
_REPORTED = re.compile(rf"\b{_NAME}(?:,[^,.]{{1,80}},)?\s(?:\w+ly\s)?{_VERBS}\b")
_ACCORDING = re.compile(rf"\b[Aa]ccording to {_NAME}")
_OPENS_WITH = re.compile(rf"\W*{_NAME}\s(?:\w+ly\s)?[a-z]+")
_PRONOUN = re.compile(rf"^\W*(?:He|She)\s(?:\w+ly\s)?{_VERBS}\b")
# a quotation's speaker after it: '"…," said the Demon', '"…," the programmer replied'
_SAYS = (
    r"(?:said|says|replied|replies|retorted|answered|asked|added|continued|insisted|"
    r"explained|sighed|protested)"
)
_WHO = r"(?P<who>(?:the |The )?[A-Za-z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})"
_QUOTED_BY = re.compile(
    rf"[\"”],?\s+(?:{_SAYS}\s+{_WHO}|{_WHO.replace('who', 'subject')}\s+(?:\w+ly\s+)?{_SAYS})\b"
)
# a quotation's speaker before it, the subject of the sentence that opens it (matched at
# the sentence's start): 'The doctor tells the intern "This man is going to die soon."'
_INTRODUCED = re.compile(
    r"\W*(?P<who>(?:the |The )?[A-Za-z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})\b[^\"“”.!?]{0,120}"
    r"\b(?:tells|told|says|said|asks|asked|replies|replied|answers|answered|screams|"
    r"screamed|yells|yelled|shouts|shouted|announces|announced)\b[^\"“”.!?]{0,40}[\"“]"
)
_PRONOUNS = {"he", "she", "they", "i", "we", "you", "it"}
# who, named at the sentence's end, judged what it says: "…by 2028, the CEO predicted."
_TRAILING = re.compile(
    rf",\s+{_WHO}\s+(?:\w+ly\s+)?(?:said|says|predicted|predicts|expects|expected|"
    r"believes|believed|warned|warns|added|wrote|argued|argues|forecast|estimated)"
    r"\.?[\"”’']?\s*$"
)
_SIGNED = re.compile(r"\s--\s*(?P<name>[A-Z][^,(\n]*?)\s*(?:[,(]|$)")  # "… -- Mark Twain"
_NOT_PEOPLE = re.compile(r"\b(?:Inc|Ltd|AI|Group|Times|News|Emergence|Research|Institute)$")


def _names(text: str) -> list[tuple[int, str]]:
    found = [(m.start(), m.group("name")) for m in _REPORTED.finditer(text)]
    found += [(m.start(), m.group("name")) for m in _ACCORDING.finditer(text)]
    return sorted((at, n) for at, n in found if not _NOT_PEOPLE.search(n))


def reported_speaker(text: str, offset: int) -> str:
    """Whose judgement the sentence at `offset` reports ("" when it reports none)."""
    start, end = snap_to_sentences(text, offset, min(len(text), offset + 1))
    lead = len(text[max(0, start - 200) : start].rstrip()) + max(0, start - 200)
    if text[lead - 1 : lead] == ":" and "\n" not in text[lead:start]:  # "X gave a judgment: …"
        start = snap_to_sentences(text, lead - 1, lead)[0]
    named = _names(text[start:end])
    if named:
        return named[0][1]
    trailing = _TRAILING.search(text, start, end)  # "…by 2028, the CEO predicted."
    if trailing and (who := trailing.group("who")).lower() not in _PRONOUNS:
        return who
    if trailing and who.lower() in ("he", "she"):  # "…, she said.": the person last named
        earlier = _names(text[max(0, start - 20_000) : start])
        if earlier:
            return earlier[-1][1]
    line_end = text.find("\n", end)
    after = text[end : len(text) if line_end == -1 else line_end].lstrip()
    following = _REPORTED.match(after)  # '"… won't be enough." Song Jiaming said so.'
    if following and not _NOT_PEOPLE.search(following.group("name")):
        return following.group("name")
    if _PRONOUN.match(text[start:end]):
        earlier = _names(text[max(0, start - 20_000) : start])
        if earlier:
            return earlier[-1][1]
        # "Tom Becker disagreed. He said …": the person the sentence before opens with
        before = snap_to_sentences(text, max(0, start - 2), max(0, start - 1))[0]
        opener = _OPENS_WITH.match(text, before, start)
        if before < start and opener and not _NOT_PEOPLE.search(opener.group("name")):
            return opener.group("name")
    return _quoted_speaker(text, start, end)


def _quoted_speaker(text: str, start: int, end: int) -> str:
    """Who speaks a quotation at text[start:end]: named after it in the same sentence
    or the next ('"…," said the Demon'), by an earlier quotation of the same paragraph
    with its speaker named, or by the signature that ends the paragraph ("-- Name")."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end == -1 else para_end
    quoted = text[start:end].lstrip()[:1] in '"“' or '"' in text[start:end]
    if quoted:
        introduced = _INTRODUCED.match(text, start, end)
        if introduced and introduced.group("who").lower() not in _PRONOUNS:
            return introduced.group("who")
        window = text[start : min(para_end, end + 80)]
        for m in _QUOTED_BY.finditer(window):
            who = _speaker_name(m)
            if who:
                return who
            if (m.group("who") or m.group("subject") or "").lower() in ("he", "she"):
                # '"…," she said': the person last named as saying or judging
                named = _names(text[max(0, start - 20_000) : start])
                if named:
                    return named[-1][1]
                break
        earlier = [_speaker_name(m) for m in _QUOTED_BY.finditer(text, para_start, start)]
        earlier = [w for w in earlier if w]
        if earlier:
            return earlier[-1]
    signed = _SIGNED.search(text, end, para_end)
    if signed and signed.end() >= para_end - 60:
        return signed.group("name").strip(" .")
    return ""


def _speaker_name(m: re.Match) -> str:
    who = (m.group("who") or m.group("subject") or "").strip()
    return "" if who.lower() in _PRONOUNS else who


# a sentence that is a quotation and who said it: '"Prices will rise," the analyst said.'
# (or the end of one begun in a sentence before: 'Users won't pay," he explained.')
_QUOTE_THEN_WHO = re.compile(
    rf"^[\"“]?(?P<q>[^\"“”]{{8,}}?)(?P<end>[,.!?]?)[\"”],?\s+"
    rf"(?:{_SAYS}\s+{_WHO}|{_WHO.replace('who', 'subject')}\s+(?:\w+ly\s+)?{_SAYS})\b[^\"“”]*$"
)
# who said it, then the quotation: 'The analyst said: "Prices will rise."'
_WHO_THEN_QUOTE = re.compile(r"^[^\"“”]{2,120}[:,]\s*[\"“](?P<q>[^\"“”]{8,}?)(?P<end>[.!?]?)[\"”]$")
_ALL_QUOTED = re.compile(r"^[\"“](?P<q>[^\"“”]{8,}?)(?P<end>[.!?]?)[\"”]$")
# a judgement the narration introduces with a colon: 'Song Jiaming gave a new judgment to
# Intelligent Emergence: Ray 3 is likely to be …'
_JUDGED = re.compile(
    r"^[^:\"“”]{0,160}\b(?:judg(?:e)?ments?|predictions?|forecasts?|views?|verdict|conclusion|"
    r"said|says|believes|predicted|predicts|expects|warned|warns)\b[^:\"“”]{0,60}:\s+"
    r"(?P<q>[^\"“”]{8,}?)(?P<end>[.!?]?)$"
)
# words that join a sentence to the one before, not part of what it claims
_CONNECTIVE = re.compile(
    r"^(?:(?:But|And)\s+|(?:Moreover|Furthermore|However|In contrast|That is|In addition|"
    r"Also|Besides|Therefore|Thus|Meanwhile|Indeed|In fact|Of course|Still|Instead|Hence),\s+)"
)


def statement_of(sentence: str) -> str:
    """A sentence as a prediction's statement: a quotation without its quote marks and
    without who said it (the speaker field says who), a judgement without the narration
    that introduces it, and without a word that joins it to the sentence before ("But",
    "In contrast,"); ending as a sentence ends."""
    sentence = sentence.strip()
    for pattern in (_QUOTE_THEN_WHO, _WHO_THEN_QUOTE, _ALL_QUOTED, _JUDGED):
        if m := pattern.match(sentence):
            words = m.group("q").strip()
            end = m.group("end") if m.group("end") in ("!", "?") else "."
            sentence = words + end
            break
    sentence = _CONNECTIVE.sub("", sentence)
    return sentence[:1].upper() + sentence[1:]
