"""Who judges: a forecast the narration reports goes to the person it reports."""

from __future__ import annotations

import pytest

from reader.core.ingest.bundled import load_bundled
from reader.core.predictions.speakers import reported_speaker, speaker_at, statement_of

INTERVIEW = load_bundled()


@pytest.mark.parametrize(
    ("passage", "speaker"),
    [
        ("He believes that the video-generation model will also experience", "Song Jiaming"),
        ("Ray 3 is likely to be Luma's last generation", "Song Jiaming"),  # "…gave a judgment:"
        ("If we only focus on iterating video generation itself", "Song Jiaming"),  # then named
        ("Founded in 2021, Luma AI is a star startup", "Fu Chong, Zhou Xinyu"),  # the authors'
    ],
)
def test_the_interview_s_reported_judgements_go_to_song_jiaming(passage, speaker):
    text = INTERVIEW.plain_text
    assert speaker_at(text, text.index(passage) + 2, INTERVIEW.authors) == speaker


def test_reported_speech_in_any_article():
    text = (
        "The market grew last year.\n"
        "Maria Lopez, an analyst at the bank, said prices will rise in 2027.\n"
        "Streaming will consolidate by 2028, according to Tom Becker.\n"
        "He expects that cinemas will close more screens.\n"
        "Intelligent Emergence said the studio will open an office.\n"
        "Prices will fall next year.\n"
        "According to John Park, the merger will probably close before 2028.\n"
        "The merger will close by 2028, the CEO predicted.\n"
        "Rates will fall next year, she said."
    )

    def who(passage: str) -> str:
        return reported_speaker(text, text.index(passage) + 2)

    assert who("prices will rise") == "Maria Lopez"
    assert who("Streaming will consolidate") == "Tom Becker"
    assert who("He expects") == "Tom Becker"  # the person last named (not the publication)
    assert who("the studio will open") == ""  # a publication is not a person
    assert who("Prices will fall") == ""  # nobody reported: the authors, by the caller
    assert who("the merger will probably") == "John Park"  # "According to" opening it
    assert who("The merger will close") == "the CEO"  # named at the sentence's end
    assert who("Rates will fall") == "John Park"  # a pronoun: the person last named


@pytest.mark.parametrize(
    ("text", "passage", "speaker"),
    [
        ('"He will need laws," said the Demon slyly.', "He will need laws", "the Demon"),
        (
            '"Certainly will," retorted the stonecutter. "People will read it."',
            "People will read it",
            "the stonecutter",
        ),
        ('"It will take one year," the master replied.', "It will take one year", "the master"),
        (
            "Within one lifespan, we will have changed ourselves. -- Greg Bear",
            "we will have changed",
            "Greg Bear",
        ),
        ('"It will rain," he said.', "It will rain", ""),  # a pronoun names nobody
        # the subject of the sentence that opens the quotation
        (
            'The doctor tells the intern "This man is going to die in six months.',
            "going to die",
            "The doctor",
        ),
        (
            'The intern walks over to the bed and tells him "Seems like you\'re gonna die!"',
            "gonna die",
            "The intern",
        ),
        ('He tells her "It will rain tomorrow."', "It will rain", ""),
        (
            "Tom Becker disagreed. He said the company will probably launch in 2027.",
            "will probably launch",
            "Tom Becker",
        ),
        ("The Times disagreed. He said it will rain.", "it will rain", ""),
        (
            'Maria Lopez said the market was cooling. "I think prices will fall," she said.',
            "prices will fall",
            "Maria Lopez",
        ),
    ],
)
def test_quotations_go_to_who_says_them(text, passage, speaker):
    assert reported_speaker(text, text.index(passage)) == speaker


def test_one_word_before_a_colon_twice_is_not_a_dialogue():
    text = (
        "Caution: breathing may be hazardous.\nCaution: keep out of reach.\n"
        "You will be subpoenaed soon."
    )
    assert speaker_at(text, text.index("You will")) == ""
    dialogue = "Reporter: And prices?\nAda: They will fall.\nReporter: Why?\nAda: Supply."
    assert speaker_at(dialogue, dialogue.index("They will")) == "Ada"


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        (
            '"Streaming prices will rise next year," the analyst said.',
            "Streaming prices will rise next year.",
        ),
        ("“Will the studio survive 2027?” asked Tom Becker.", "Will the studio survive 2027?"),
        ('The analyst said: "prices will rise next year."', "Prices will rise next year."),
        ('"By 2026, it won\'t be enough."', "By 2026, it won't be enough."),
        ('He said "no" and "yes" will come.', 'He said "no" and "yes" will come.'),
        ("Prices will rise next year.", "Prices will rise next year."),
        # the end of a quotation begun a sentence before
        (
            'After the novelty wears off, users are unlikely to pay," Song Jiaming explained.',
            "After the novelty wears off, users are unlikely to pay.",
        ),
        # a judgement the narration introduces, and words joining it to the sentence before
        (
            "But in an interview, Song Jiaming gave a judgment: Ray 3 is likely to be the last.",
            "Ray 3 is likely to be the last.",
        ),
        ("In contrast, business customers will pay more.", "Business customers will pay more."),
        (
            "That is, when the scale grows, firms will go To C.",
            "When the scale grows, firms will go To C.",
        ),
        ("So far, prices will rise.", "So far, prices will rise."),
        ("Butter prices will rise next year.", "Butter prices will rise next year."),
    ],
)
def test_a_quoted_forecast_s_statement_is_the_quotation_alone(sentence, statement):
    assert statement_of(sentence) == statement


def test_a_proposal_from_a_quotation_states_it_and_names_who_said_it(session, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text('Studio notes\n\n"Streaming prices will rise next year," Tom Becker said.\n')
    article_id = session.library.import_file(path)
    [p] = session.predictions.for_article(article_id)
    assert p.statement == "Streaming prices will rise next year."
    assert p.speaker == "Tom Becker"
    assert p.quote.exact == '"Streaming prices will rise next year," Tom Becker said.'
