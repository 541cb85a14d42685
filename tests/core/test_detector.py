"""The prediction detector: what it flags, what it leaves, why; horizons and confidence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reader.core.ingest.bundled import load_bundled
from reader.core.predictions.detector import (
    classify,
    confidence_of,
    detect,
    horizon_of,
    one_line,
)
from reader.core.predictions.detector_eval import careful_reader, evaluate, score_text
from reader.core.text import loose_date

EVAL = Path(__file__).parents[1] / "data" / "prediction_eval"


@pytest.mark.parametrize(
    "sentence",
    [
        "Next year, video generation will converge to a unified model.",
        "I think these abilities will eventually appear in video models.",
        "Prices are likely to fall by a third within two years.",
        "Export rules may tighten again next year.",
        "The industry is bound to consolidate.",
        "Song Jiaming: Ray 3 is likely to be the last traditional model.",
        # a connective or a time first is no scene being set
        "In contrast, business customers will have a much higher willingness to pay.",
        "In the future, large models will process every modality in one framework.",
        # a conditional about a stated time forecasts that time
        "If we only focus on iterating video generation by 2026, it won't be enough.",
        # and one about the future, or sure of its outcome, claims that it will come
        "If in the future everyone watches their own videos, resonance will fade.",
        "When the scale reaches a certain level, the enterprise will definitely go To C.",
    ],
)
def test_forecasts_are_flagged_with_a_reason(sentence):
    is_forecast, reason = classify(sentence)
    assert is_forecast, reason
    assert "future" in reason or "modal" in reason or "stance" in reason


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("In actual shooting, the crew will set up several cameras.", "habitual"),
        ("In the lab, the staff will log every sample.", "habitual"),
        ("If in the future you need more space, you will have to buy a disk.", "conditional"),
        ("If you press the key, the program will definitely stop.", "conditional"),
        ("If you use X, you will find it slow.", "conditional"),
        ("Will prices come down?", "question"),
        ("The company plans to hire two hundred engineers.", "no future marker"),
        ("Luma AI will use this computing power to train the next model.", "reported plan"),
        ("The mayor said the city would cut emissions in half.", "no future marker"),
        ("Every July, volunteers will knock on doors.", "habitual"),
        ("The chip draws forty watts today.", "no future marker"),
        ("Few people say they will develop a different architecture.", "reported speech"),
    ],
)
def test_non_forecasts_are_left_with_the_reason(sentence, why):
    is_forecast, reason = classify(sentence)
    assert not is_forecast and reason == why


def test_horizons_become_resolve_by_dates():
    assert horizon_of("will converge next year", "2025-11-20") == ("next year", "2026-12-31")
    assert horizon_of("won't be enough by 2026", "2025-11-20") == ("by 2026", "2026-12-31")
    assert horizon_of("within two years", "2025-11-20")[1] == "2027-12-31"
    assert horizon_of("will eventually appear", "2025-11-20") == (
        "eventually (vague)",
        "2030-12-31",
    )
    assert horizon_of("in the near future", "2025-11-20")[1] == "2026-12-31"
    assert horizon_of("by the end of the decade", "2025-11-20")[1] == "2029-12-31"
    assert horizon_of("over the next three years", "2025-11-20")[1] == "2028-12-31"
    assert horizon_of("next season", "2025-11-20")[1] == "2026-12-31"
    assert horizon_of("close before the end of 2027", "2025-11-20")[1] == "2027-12-31"
    assert horizon_of("close before 2028", "2025-11-20")[1] == "2027-12-31"
    assert horizon_of("Founded in 2021, the studio is", "2025-11-20") == ("", None)  # past
    assert horizon_of("no time here", "2025-11-20") == ("", None)


def test_with_several_time_phrases_the_furthest_is_the_horizon():
    said = "what happened to images this year will also happen in the video field next year."
    assert horizon_of(said, "2025-11-20") == ("next year", "2026-12-31")
    assert horizon_of("by 2030, unlike this year, it will be cheap", "2025-11-20")[1] == (
        "2030-12-31"
    )
    assert horizon_of("eventually, and within two years", "2025-11-20")[1] == "2027-12-31"


def test_confidence_wording_maps_to_a_probability():
    assert confidence_of("is likely to be") == ("is likely to", 0.7)
    assert confidence_of("will definitely make")[1] == 0.95
    assert confidence_of("are unlikely to continue")[1] == 0.25
    assert confidence_of("might happen")[1] == 0.4


def test_speaker_of_a_detected_answer():
    text = (
        "Reporter: What next?\nAda: I think chips will get cheaper next year.\n"
        "Reporter: Why?\nAda: Competition."
    )
    [found] = detect(text, "2025-01-01", ("Staff Writer",))
    assert found.speaker == "Ada" and found.exact.startswith("I think chips")
    assert found.resolve_by == "2026-12-31"


def test_precision_and_recall_on_the_labelled_set():
    """Floors just under what was measured (see README), so that a change that makes the
    detector worse fails; the held-out texts were not tuned on, and their figures are far
    from the targets (P and R 0.85) on real text."""
    groups = evaluate(EVAL)
    tune, held_out, real = groups["tune"][0], groups["held-out"][0], groups["held-out, real"][0]
    assert tune.precision >= 0.65 and tune.recall >= 0.88
    assert held_out.precision >= 0.4 and held_out.recall >= 0.68
    assert real.precision >= 0.2 and real.recall >= 0.45
    second = groups["held-out-2"][0]  # (650 sentences, 2 forecasts: false alarms counted)
    assert second.false_positives <= 13
    assert groups["tune"][1].accuracy >= 0.9 and groups["held-out"][1].accuracy >= 0.8


def test_the_interview_as_a_careful_reader_marks_it():
    """Its forecasts, weaker ones included (the curated thirteen and two sure conditionals):
    measured P 1.00, R 0.87."""
    s = score_text(load_bundled().plain_text, careful_reader(EVAL))
    assert s.precision >= 0.95 and s.recall >= 0.85


def test_imported_articles_get_proposed_predictions(session, tmp_path):
    path = tmp_path / "essay.md"
    path.write_text("# Essay\n\nI expect rates will fall next year. The bank met on Tuesday.\n")
    article_id = session.library.import_file(path)
    [p] = session.predictions.for_article(article_id)
    assert p.source == "detected" and p.review == "proposed"
    assert "stance" in p.reason and p.resolve_by
    assert p.quote.exact == "I expect rates will fall next year."


def test_an_article_dated_in_words_is_imported_and_dated_by_its_words(session, tmp_path):
    path = tmp_path / "loose.md"
    path.write_text(
        "---\ntitle: Loosely dated\ndate: March 2025\n---\n\nI expect rates will fall next year.\n"
    )
    article_id = session.library.import_file(path)
    article = session.library.get(article_id)
    assert article.published_at == "March 2025"  # kept as written
    [p] = session.predictions.for_article(article_id)
    assert p.made_on == "2025-03-01" and p.resolve_by == "2026-12-31"


def test_an_article_whose_date_is_no_date_is_dated_by_the_day_it_was_saved(session, tmp_path):
    path = tmp_path / "undated.md"
    path.write_text("---\ntitle: Undated\ndate: soon\n---\n\nI expect rates will fall next year.\n")
    article = session.library.get(session.library.import_file(path))
    [p] = session.predictions.for_article(article.id)
    saved = date.fromisoformat(article.saved_at[:10])
    assert p.made_on == saved.isoformat() and p.resolve_by == f"{saved.year + 1}-12-31"


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2025-03-10", "2025-03-10"),
        ("2025-03-10T08:00:00+00:00", "2025-03-10"),
        ("2025-03", "2025-03-01"),
        ("March 10, 2025", "2025-03-10"),
        ("10th Mar. 2025", "2025-03-10"),
        ("March 2025", "2025-03-01"),
        ("Sept 2024", "2024-09-01"),
        ("2025", "2025-01-01"),
        ("2025-02-30", None),
        ("Marchy 2025", None),
        ("soon", None),
        ("", None),
    ],
)
def test_written_dates_are_read_as_their_first_day(written, day):
    assert loose_date(written) == day


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("We will support people who create free works on Debian.", "commitment"),
        ("I'll try, said the snake.", "commitment"),
        ("We will be guided by the needs of our users.", "commitment"),
        ("reportbug will format the e-mails for you; please use it!", "a request"),
        ('"Certainly will," retorted the stonecutter.', "no verb"),
        ("You won't believe this, but there is a wombat in the phone box.", "said to the reader"),
        ("Those who fix your code in the future will need to know why.", "a general statement"),
        ("Future versions won't be available via Org ELPA.", "what a product offers"),
        ("So if refile would append it, the reverse will prepend it.", "conditional"),
        ("Then typing C-x 1 will insert the character.", "how something works"),
        ("Point releases will be named by the minor version number.", "reported plan"),
        # release notes and licences
        ("Readelf and objdump will now follow links to debug files.", "a change described"),
        ("A new option --all which will make it display every symbol.", "how something works"),
        ("In addition using --unicode=hex will display them as hex bytes.", "how something works"),
        ("The check is gone now, so that it will raise errors just like apt.", "a purpose"),
        ("Fix e2image so it won't potentially loop forever.", "a purpose"),
        ("No additional rights or licenses will be implied by it.", "a rule or a general law"),
        ("A new option, which if used will change the default characters.", "conditional"),
        ("In most cases the debug section will only be present in one file.", "habitual"),
        ("By default, it may be 10 seconds in the future.", "habitual"),
    ],
)
def test_will_that_forecasts_nothing(sentence, why):
    assert classify(sentence) == (False, why)


@pytest.mark.parametrize(
    "sentence",
    [
        "You'll be evicted soon anyway.",
        "An exotic journey in downtown Newark is in your future.",
        "We'll be famous!",
        "I think we will win the league next year.",
        "Since names are in practice ASCII, most users will hopefully not notice this change.",
        # a time first is no scene being set; a share of a kind is no agent's plan
        "In 2026, video models will be unified.",
        "In five years, most films will use AI.",
        "By 2030, most films will use AI.",
        # markers as people speak them
        "The Alpha is different, so it's likely to get most of the stuff fixed.",
        "Health nuts are going to feel stupid someday.",
        "Seems like you're gonna die!",
        "Expect to see Yip reach the endzone five times.",
        # a kind, dated or told to the reader, as a fortune is
        "A long-forgotten loved one will appear soon.",
        "A gift of a flower will be made to you.",
        # what a thing named before does, vouched for
        "This will definitely help flush out the unportable code.",
        "I don't see it happening in the near future.",
        "Sales are projected to double.",
        "Over the next few years, studios may adopt AI tools.",
    ],
)
def test_forecasts_the_rules_keep(sentence):
    assert classify(sentence)[0] is True


def test_a_forecast_wrapped_over_lines_is_found():
    text = "Prices rose again.\nAnalysts expect the market for video\nmodels will double by 2027.\n"
    [found] = detect(text, "2025-01-01")
    assert found.exact == "Analysts expect the market for video\nmodels will double by 2027."
    indented = "* Analysts expect the market for video\n  models will double by 2027.\n"
    [found] = detect(indented, "2025-01-01")  # (a list item of release notes, wrapped)
    assert found.exact == "Analysts expect the market for video\n  models will double by 2027."


def test_a_forecast_in_a_quoted_mail_is_found_whole_and_stated_without_its_marks(session, tmp_path):
    text = (
        "Linus wrote:\n> I don't think it matters. I don't see it\n"
        "> happening in the near future.\n> Prices will\n> fall next year.\n"
    )
    found = detect(text, "2025-01-01")
    assert [one_line(d.exact) for d in found] == [
        "I don't see it happening in the near future.",
        "Prices will fall next year.",
    ]
    path = tmp_path / "mail.txt"
    path.write_text(text)
    article_id = session.library.import_file(path)
    statements = [p.statement for p in session.predictions.for_article(article_id)]
    assert statements == [
        "I don't see it happening in the near future.",
        "Prices will fall next year.",
    ]


def test_a_wrapped_line_that_goes_on_with_an_option_is_one_sentence():
    text = "By default they are shown as usual.  Using\n  --unicode=hex will turn them into hex.\n"
    assert detect(text, "2025-01-01") == []  # (how a program works, read whole)
    assert classify("--unicode=hex will turn them into hex.")[0] is True  # (the fragment alone)


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("(3) Each clerk will bring a bucket of water for the day.", "a rule or a general law"),
        (
            "After any salary raise, you will have less money than before.",
            "a rule or a general law",
        ),
        ("Take away crime from the clerk and you will rob him of his interest.", "a conditional"),
        ("You're not going to find me knocking a guy for that.", "said to the reader"),
        ("Office employees will daily sweep the floors.", "habitual"),
        # aphorisms: a kind, not a thing
        (
            "A truly great man will neither trample on a worm nor sneak to an emperor.",
            "a general statement",
        ),
        (
            "The employee who works faithfully for five years will be given a raise.",
            "a general statement",
        ),
        ("Be a better psychiatrist and the world will beat a path to your door.", "a conditional"),
        ("Teach a man to fish, and he'll invite himself over for dinner.", "a conditional"),
        ("Press the green button and the machine will start.", "a conditional"),
        ("The program will print a warning if the file is missing.", "how something works"),
        ("Decisions of the judges will be final.", "a rule or a general law"),
        # a specification or a manual: what a tool does
        ("Tests which declare unknown restrictions will be skipped.", "how something works"),
        ("GDB will show this additional information automatically.", "how something works"),
        ("This will only cause him needless inconvenience.", "what a thing named before does"),
        ("It will guide you through the process step by step.", "what a thing named before does"),
        # intentions
        ("We're going to watch you day and night.", "commitment"),
        ("My wife and I are going to travel.", "commitment"),
        ("We'll have to terminate things with extreme prejudice.", "commitment"),
        # "going to" a place
        ("The Mafia bumping off the Godfather for not going to church.", "no future marker"),
    ],
)
def test_rules_and_laws_are_not_forecasts(sentence, why):
    assert classify(sentence) == (False, why)


def test_a_text_of_forecasts_gets_an_inbox_of_the_first_few_hundred(session, tmp_path):
    from reader.core.predictions.detector import MAX_PROPOSALS

    path = tmp_path / "flood.txt"
    body = " ".join(f"Prices will rise by {2030 + i % 50} in market {i}." for i in range(700))
    path.write_text("A flood of forecasts\n\n" + body + "\n")
    article_id = session.library.import_file(path)
    proposals = session.predictions.for_article(article_id)
    assert len(proposals) == MAX_PROPOSALS
    assert proposals[0].quote.exact == "Prices will rise by 2030 in market 0."  # reading order
