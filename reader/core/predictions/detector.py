"""Find forecasts in an article's text: rule-based, fast, and explained.

A sentence is proposed when it has a future marker ("will", "is likely to", "next year",
"I expect") and none of the signs that its "will" does not forecast:
- a question;
- a hypothetical or generic conditional ("if you use X, you will find"), unless it is
  dated ("if we only focus on video by 2026, it won't be enough"), about the future ("if
  in the future everyone watches …, the resonance between people will decrease") or sure
  of its outcome ("when the scale reaches a certain level, the enterprise will definitely");
- a habitual description ("in actual shooting, the crew will set up several cameras");
- a reported plan or decision ("the company plans to", "Luma AI will use this computing
  power to train"), unless the speaker hedges it as a judgement ("I think", "likely");
- past tense reporting ("said it would");
- a rule, a law or an aphorism ("each clerk will", "A truly great man will"), a
  commitment ("we're going to watch you"), what a tool does in a manual or a
  specification ("tests … will be skipped"), what a thing just named does ("This will
  only cause him…") unless the sentence dates it or vouches for it ("definitely").
Weak modals ("may", "might", "could") count only with a time expression or a stance verb.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from reader.core.models import Article, Prediction
from reader.core.predictions.curated import taxonomy
from reader.core.predictions.service import made_on, new_prediction
from reader.core.predictions.speakers import (
    after_label,
    speaker_at,
    speaker_labels,
    statement_of,
)
from reader.core.text import clip_words, sentences, snap_to_sentences

# a run up to its end mark, or up to a line break (so that a line without one is passed
# over in one step: backing off it character by character was quadratic)
STRONG = re.compile(
    r"\b(will|won't|(?:is |are )?going to(?! (?:the|a|an|church|school|work|bed|town|jail|"
    r"prison|court|hospital|war|sea|his|her|my|your|our|their|its|this|that)\b)|gonna|"
    r"is likely to|are likely to|\w+['’]s (?:likely|unlikely|bound|set) to|expect to see|"
    r"\w+['’]ll|(?:is|are) in (?:your|our|their|the) future|future (?:looks|seems)|"
    r"is unlikely to|are unlikely to|is expected to|are expected to|is set to|are set to|"
    r"is bound to|are bound to|is poised to|on track to|will no longer|will eventually|"
    r"(?:less|more) likely to|(?:is|are) (?:projected|forecast|predicted|tipped) to)\b",
    re.I,
)
WEAK = re.compile(r"\b(may|might|could)\b", re.I)
STANCE = re.compile(
    r"\b(I|we) (think|believe|expect|predict|bet|suspect|anticipate|reckon|foresee|"
    r"am confident|are confident)\b|\bmy (judgment|judgement|view|prediction|bet) is\b|"
    r"\b(he|she|they) (believes?|expects?|predicts?|thinks?)\b|\b(expects?|predicts?|"
    r"forecasts?)\b|"
    # "I don't see it happening in the near future"
    r"\b(I|we) (?:don['’]t |do not |can['’]t |cannot )?see (?:it|this|that) "
    r"(?:happening|coming|changing)\b",
    re.I,
)
TIME = re.compile(
    r"\b(next (year|decade|month|quarter|season|week|stage|generation)|"
    r"(by|before|until) (the end of )?(20\d\d|the decade)|in 20\d\d|this year|"
    r"within (a|the next|\d+|one|two|three|five|ten) (years?|months?|decades?)|"
    r"(in|over|during) (the )?(coming|next) (few |two |three |five |ten |\d+ )?"
    r"(years?|months?|decades?)|in the (long|short|near) (term|run)|"
    r"in the (near |distant |foreseeable )?future|eventually|ultimately|soon|sooner or later|"
    r"one day|some ?day)\b",
    re.I,
)
# a list item's mark ("* ", "- ", "2. ") or a mail's quote mark ("> "): not a part of
# the statement
BULLET = re.compile(r"[ \t]*(?:[*•–-]|\d{1,2}[.)]|>+)[ \t]+")
QUOTE_MARKS = re.compile(r"\n[ \t]*>+[ \t]?")  # "I don't see it\n> happening"
QUESTION = re.compile(r"\?\s*[\"'”’)]*\s*$")
CONDITIONAL = re.compile(
    r"(^\s*|[,;]\s*|\bthat is,\s*|\b(so|and|but|then) )(if|when|whenever|unless|suppose|"
    r"imagine)\b|"
    r"\bif (you|we|one)\b|"
    r"\bif (used|set|enabled|disabled|specified|given|present|omitted|supplied)\b",
    re.I,
)
# a conditional about a stated time forecasts that time ("If we only focus on video
# generation by 2026, it won't be enough"); an undated one is a rule or a hypothesis
DATED = re.compile(r"\b(by|in|before|until) (the end of )?20\d\d\b|\bnext (year|decade)\b", re.I)
# and so does one about the future, or sure of what follows: it claims that it will come
SURE_OUTCOME = re.compile(
    r"^(if|when),? in the future\b|\b(definitely|certainly|inevitably|undoubtedly) (will|be)\b|"
    r"\bwill (definitely|certainly|inevitably|undoubtedly)\b",
    re.I,
)
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
HABITUAL = re.compile(
    r"\b(usually|typically|normally|always|every time|whenever|in practice|in actual|"
    r"daily|weekly|nightly|each (?:day|week|month|year|morning|evening)|"
    r"as a rule|generally|each time|tends? to|in (most|many|some|all|such) cases|by default)\b|"
    rf"\bevery (morning|evening|night|day|week|month|year|weekend|season|{MONTHS})\b|"
    # a scene being set: "In the lab, the staff will..." (not a connective or a time:
    # "In contrast, B-end customers will...", "In the future, models will...")
    r"^(?!(in|on|at) (contrast|addition|fact|short|sum|summary|particular|turn|general|"
    r"other words|any case|that case|this case|the end|the other hand|the same time|least|"
    r"the future|the long (run|term)|the short (run|term)|the near (future|term)|the "
    r"meantime|the (coming|next|years?|decades?)|\d+|(a|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|twenty|a few|several) (years?|months?|decades?|weeks?|days?)|"
    rf"{MONTHS})\b)(in|on|at) (the )?[\w-]+( [\w-]+)?, ",
    re.I,
)
# a hedged "will" is a judgement, whatever else the sentence describes ("names are in
# practice ASCII, so most users will hopefully not notice this change")
HEDGED = re.compile(r"\bwill (hopefully|probably|presumably|likely|surely)\b", re.I)
# "most films will use AI" (a share of a kind, not an agent's plan)
QUANTIFIED = re.compile(
    r"\b(most|many|more|fewer|few|half|nearly all|almost all)( of)?( the)? [\w-]+( [\w-]+)? "
    r"(will|won't)\b",
    re.I,
)
PLAN = re.compile(
    r"\b(plans? to|planning to|intends? to|aims? to|is scheduled to|"
    r"are scheduled to|has decided to|announced (that|it)|will (not )?(use|launch|release|"
    r"roll out|open|hire|invest|build|introduce|start|begin|install|publish) |"
    r"will be (named|called|numbered|renamed|removed|deprecated|dropped|replaced)\b)",
    re.I,
)
NOT_A_FORECAST = [  # (pattern, why): "will" that says something other than what will happen
    (r"\b(will|won't)\s*[,.!?;:\"”’)]", "no verb"),  # "Certainly will," he said.
    (r"\bplease\b", "a request"),  # instructions: "reportbug will format it; please use it"
    (
        r"\byou(?: (?:will|won't)|['’]ll|(?: are|['’]re)(?: not)? going to) (find|see|notice|"
        r"believe|want|need|like|recognize|agree)\b",
        "said to the reader",
    ),
    (  # "Each clerk will bring…", "After any salary raise, you will have less…"
        r"\b(any|every|each) [a-z]+\b[^.;]*\b(will|won't|is expected to|are expected to)\b",
        "a rule or a general law",
    ),
    (  # "Take away crime … and you will rob him …", "Be a better X and the world will …"
        r"^\W*(take|give|teach|tell|buy|show|send|let|make|put|add|keep|try|stop|ask|call|"
        r"leave|get|be|build|do|press|click|push|pull|turn|open|run|type|wait)\b[^.]*,? and "
        r"(you|I|we|he|she|they|it|the \w+)"
        r"(?: will|['’]ll)\b",
        "a conditional",
    ),
    (
        r"\b(those|anyone|whoever|everyone|people|one|the [a-z]+) who\b[^.]*\b(will|won't)\b",
        "a general statement",
    ),
    (
        r"\b(will|won't)( not| no longer)? be (available|supported|maintained|included|"
        r"shipped|installed|enabled|disabled)\b",
        "what a product offers",
    ),
    # release notes: what a program does from this release on ("gzip will now exit…"), a
    # new option "which will make it display…", a change made "so that it will raise…"
    (r"\bwill now\b", "a change described"),
    (
        r"\b(option|flag|setting|command|switch|variable)\b[^.;]*\bwhich (will|won't)\b",
        "how something works",
    ),
    (r"\bso (that|it|they)\b[^.;]*\b(will|won't)\b", "a purpose"),  # "Fix X so it won't loop"
    # the terms of a licence or a rule: "No additional rights will be implied"
    (
        r"\b(will|won't)( not)? be (implied|deemed|construed|considered|interpreted|treated|"
        r"regarded|final|binding|void|liable|entitled|eligible)\b",
        "a rule or a general law",
    ),
    # a manual or a specification: what a tool does with its input ("Tests which declare
    # unknown restrictions will be skipped", "GDB will show this information")
    (
        r"\b(will|won't)( not| then| just| also| in fact| instead)? (be (run|skipped|ignored|"
        r"deleted|written|used|expanded|wrapped|word-?wrapped|filtered|installed|displayed|"
        r"shown|printed|executed|invoked|created|overwritten|read|stored|saved|loaded|"
        r"copied|logged|redirected|truncated|appended|prompted|passed|known|set to|treated)|"
        r"show|display|print|point to|fall back|default to|launch|prompt|exit|"
        r"output|emit|warn)\b",
        "how something works",
    ),
]
# a kind, not a thing: "A truly great man will neither trample on a worm nor…" (unless it
# is dated or told to the reader, as a fortune is: "A gift will soon be made to you")
GENERIC = re.compile(r"^\W*an? [^,;:]*?\b(will|won't)\b", re.I)
TOLD = re.compile(r"\b(you|your)\b", re.I)
# "This will only cause him needless inconvenience", "It will guide you through…": what
# a thing just named does, unless the sentence dates it or vouches for it
WILL = re.compile(r"\b(will|won't)\b|['’]ll\b", re.I)
POINTED = re.compile(r"\b(this|that|it|they|these|those)(?:\s+(?:will|won't)\b|['’]ll\b)", re.I)
VOUCHED = re.compile(r"\b(definitely|certainly|surely|probably|likely|hopefully|no doubt)\b", re.I)
COMMITMENT = re.compile(  # the writer's own undertaking, not a forecast
    r"\b(we|I)(?:\s+(?:will|shall|won't)|['’]ll)\s+(?:not\s+|never\s+|also\s+|always\s+)?"
    r"(?!be\b|have\b(?! to\b)|see\b|find\b|get\b|need\b|face\b|lose\b|win\b|know\b)[\"“']?[a-z]+|"
    r"\b(we|I) (promise|pledge|commit|guarantee|undertake|vow)\b|"
    r"\b(we|I)(?:['’]re| are|['’]m| am) going to (?!be\b|have\b|see\b|need\b|lose\b|"
    r"win\b)[a-z]+|"
    r"\b(we|I)\s+(will|shall)\s+be\s+\w+ed\s+by\b",  # "we will be guided by"
    re.I,
)
BEHAVIOUR = re.compile(  # how a program or procedure behaves: "typing X will insert Y"
    r"(^|\b(then|in addition|also|and|or)\s+|[,;]\s*)(typing|running|calling|pressing|using|"
    r"setting|selecting|"
    r"clicking|invoking|passing|specifying|enabling|disabling|adding|removing|giving)\b"
    r"[^.]*\b(will|won't)\b",
    re.I,
)
PAST = re.compile(
    r"\b(said|told|announced|claimed|wrote) (that )?(it|he|she|they|we) would\b|"
    r"\b(say|says|said) (that )?(they|it|he|she|we) will\b|"
    r"\byou (seem to )?(think|believe|said|say)\b",
    re.I,
)

CONFIDENCE = [  # (pattern, probability): the first that matches wins
    (
        r"\b(will definitely|certainly will|will certainly|is bound to|are bound to|"
        r"there is no doubt|inevitabl)",
        0.95,
        "certain",
    ),
    (r"\b(is unlikely to|are unlikely to|unlikely|less likely to|doubt)\b", 0.25, "unlikely"),
    (r"\b(is very likely|are very likely|almost certainly)\b", 0.85, "very likely"),
    (r"\b(is likely to|are likely to|likely|probably|expected to)\b", 0.7, "likely"),
    (r"\b(might|may|could|possibly|perhaps)\b", 0.4, "might"),
    (
        r"\b(I think|I believe|we think|we believe|my judgment|he believes|she believes)\b",
        0.65,
        "I think",
    ),
    (r"\b(will|won't|going to|shall)\b", 0.8, "will"),
]


@dataclass(frozen=True)
class DetectedPrediction:
    start: int
    end: int
    exact: str
    speaker: str
    horizon: str
    resolve_by: str | None
    confidence_text: str
    confidence: float | None
    tags: tuple[str, ...]
    reason: str


def _sure(s: str) -> re.Match | None:
    """A conditional that claims its outcome will come (not advice: none told to "you")."""
    return None if re.search(r"\byou\b", s, re.I) else SURE_OUTCOME.search(s)


def _why_not(s: str) -> str | None:
    if QUESTION.search(s):
        return "question"
    if CONDITIONAL.search(s) and not (DATED.search(s) or _sure(s)):
        return "conditional"
    if HABITUAL.search(s) and not HEDGED.search(s):
        return "habitual"
    if PAST.search(s):
        return "reported speech"
    if PLAN.search(s) and not (STANCE.search(s) or QUANTIFIED.search(s)):
        return "reported plan"
    if COMMITMENT.search(s) and not STANCE.search(s):
        return "commitment"
    if BEHAVIOUR.search(s):
        return "how something works"
    for pattern, why in NOT_A_FORECAST:
        if re.search(pattern, s, re.I):
            return why
    if GENERIC.search(s) and not (TIME.search(s) or TOLD.search(s)):
        return "a general statement"
    if 0 < len(POINTED.findall(s)) == len(WILL.findall(s)) and not (
        TIME.search(s) or STANCE.search(s) or VOUCHED.search(s)
    ):
        return "what a thing named before does"
    return None


def one_line(passage: str) -> str:
    """A passage wrapped over lines as one line: each break with its indent or its mail
    quote mark ("> ") a single space."""
    return " ".join(QUOTE_MARKS.sub(" ", passage).split())


def classify(sentence: str) -> tuple[bool, str]:
    """(is it a forecast, the reason in words)."""
    sentence = one_line(sentence)
    body = sentence.split(":", 1)[1] if re.match(r"^[A-Z][\w .'-]{1,40}:\s", sentence) else sentence
    strong, weak = STRONG.search(body), WEAK.search(body)
    stance, when = STANCE.search(body), TIME.search(body)
    if not (strong or (weak and (stance or when)) or (stance and when)):
        return False, "no future marker"
    problem = _why_not(body.strip())
    if problem:
        return False, problem
    cues = []
    if strong:
        cues.append(f"future '{strong.group(0).lower()}'")
    elif weak:
        cues.append(f"modal '{weak.group(0).lower()}'")
    if when:
        cues.append(f"time '{when.group(0).lower()}'")
    if stance:
        cues.append(f"stance '{stance.group(0)}'")
    if CONDITIONAL.search(body) and (sure := _sure(body)) and not when:
        cues.append(f"a conditional sure of its outcome '{sure.group(0).strip(' ,')}'")
    return True, " + ".join(cues)


def horizon_of(text: str, made_on: str | None) -> tuple[str, str | None]:
    """The horizon as written and a resolve-by date from it and the article's date.

    With several time phrases the furthest wins: in "what happened this year will happen
    next year" the forecast is about next year. A vague one counts only if it is alone.
    """
    try:
        year = date.fromisoformat((made_on or "")[:10]).year
    except ValueError:  # none, or a library from before made_on was always a date
        year = date.today().year
    found = [_target(m.group(0), year) for m in TIME.finditer(text)]
    # a year gone by when the words were written is no horizon ("Founded in 2021, …")
    found = [f for f in found if f[1] is None or f[1] >= year]
    if not found:
        return "", None
    specific = [f for f in found if f[1] is not None]
    if not specific:
        return f"{found[0][0]} (vague)", f"{year + 5}-12-31"
    phrase, target = max(specific, key=lambda f: f[1] or 0)  # the first of the furthest
    return phrase, f"{target}-12-31"


def _target(phrase: str, year: int) -> tuple[str, int | None]:
    """(the phrase, the year it points to), None for a vague one ("eventually")."""
    low = phrase.lower()
    if (y := re.search(r"20\d\d", low)) is not None:  # ("before 2027": by the end of 2026)
        before = low.startswith("before 20")
        return phrase, int(y.group(0)) - before
    if "next year" in low or "next stage" in low or "next generation" in low:
        return phrase, year + 1
    if "this year" in low:
        return phrase, year
    if "next decade" in low:
        return phrase, year + 10
    if "the decade" in low:  # "by the end of the decade"
        return phrase, year // 10 * 10 + 9
    if "next week" in low:
        return phrase, year
    if (n := re.search(r"(\d+|one|two|three|five|ten) (year|decade)", low)) is not None:
        words = {"one": 1, "two": 2, "three": 3, "five": 5, "ten": 10}
        count = int(n.group(1)) if n.group(1).isdigit() else words[n.group(1)]
        return phrase, year + count * (10 if n.group(2) == "decade" else 1)
    if re.search(r"month|quarter|season|soon|near (term|future)|short", low):
        return phrase, year + 1
    return phrase, None  # eventually, in the future, long term


def confidence_of(text: str) -> tuple[str, float | None]:
    for pattern, probability, _label in CONFIDENCE:
        m = re.search(pattern, text, re.I)
        if m:
            return m.group(0), probability
    return "", None


@functools.cache
def _tag_words() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each tag of the taxonomy and one pattern for all its words (made once)."""
    return tuple(
        (slug, re.compile("|".join(rf"(?<![\w-]){re.escape(k)}(?![\w-])" for k in words)))
        for slug, spec in taxonomy().items()
        if (words := spec.get("keywords", ()))
    )


def tags_of(text: str) -> tuple[str, ...]:
    low = f" {text.lower()} "
    return tuple(slug for slug, words in _tag_words() if words.search(low))


STATEMENT_CHARS = 200  # a longer sentence's statement ends at a word, with "…"


def marked_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A passage marked by hand, as its statement: the whole sentences it touches, without
    the speaker label of its paragraph (the label names the speaker)."""
    start, end = snap_to_sentences(text, start, end)
    return after_label(text, start, end, speaker_labels(text)), end


def marked_values(article: Article, start: int, end: int) -> dict:
    """What marking text[start:end] as a prediction fills in by itself, in the window and
    on the command line alike: its speaker, the article's day, the horizon and resolve-by
    date, the text's own confidence, and tags."""
    text, day = article.plain_text, made_on(article)
    passage = text[start:end]
    horizon, resolve_by = horizon_of(passage, day)
    confidence_text, confidence = confidence_of(passage)
    return {
        "speaker": speaker_at(text, start, article.authors),
        "made_on": day,
        "horizon": horizon,
        "resolve_by": resolve_by,
        "confidence_text": confidence_text,
        "confidence": confidence,
        "tags": tags_of(passage),
        "source": "user",
        "review": "confirmed",
    }


MAX_PROPOSALS = 500  # an article's proposals, the first in reading order: more is no inbox


def detect(
    text: str, made_on: str | None = None, authors: tuple[str, ...] = (), limit: int | None = None
) -> list[DetectedPrediction]:
    labels = speaker_labels(text)
    found: list[DetectedPrediction] = []
    for start, end in sentences(text):
        if limit is not None and len(found) >= limit:
            break
        sentence = text[start:end]
        is_forecast, reason = classify(sentence)
        if not is_forecast:
            continue
        start = after_label(text, start, end, labels)
        bullet = BULLET.match(text, start, end)
        start = bullet.end() if bullet else start
        sentence = text[start:end]
        horizon, resolve_by = horizon_of(sentence, made_on)
        confidence_text, confidence = confidence_of(sentence)
        found.append(
            DetectedPrediction(
                start,
                end,
                sentence,
                speaker_at(text, start, authors, labels),
                horizon,
                resolve_by,
                confidence_text,
                confidence,
                tags_of(sentence),
                reason,
            )
        )
    return found


def detected_predictions(article: Article) -> list[Prediction]:
    """The detector's proposals for an article, ready to store (review: proposed): the
    first MAX_PROPOSALS in reading order (a book-length text of "will" is no inbox)."""
    return [
        new_prediction(
            article,
            d.start,
            d.end,
            statement=clip_words(statement_of(one_line(d.exact)), STATEMENT_CHARS),
            speaker=d.speaker,
            horizon=d.horizon,
            resolve_by=d.resolve_by,
            confidence_text=d.confidence_text,
            confidence=d.confidence,
            tags=d.tags,
            source="detected",
            review="proposed",
            reason=d.reason,
        )
        for d in detect(article.plain_text, made_on(article), article.authors, MAX_PROPOSALS)
    ]
