from reader.core.ingest.bundled import load_bundled
from reader.core.predictions.speakers import speaker_at, speaker_labels

AUTHORS = ("Fu Chong", "Zhou Xinyu")


def _at(text, phrase):
    return speaker_at(text, text.index(phrase), AUTHORS)


def test_interview_speakers():
    text = load_bundled().plain_text
    assert speaker_labels(text) == {"Song Jiaming", "Intelligent Emergence"}
    assert _at(text, "He believes that the video-generation model") == "Fu Chong, Zhou Xinyu"
    assert _at(text, "Ray 3 is a phased achievement.") == "Song Jiaming"
    # an unlabelled paragraph continues the answer it belongs to
    assert _at(text, "I think what happened to images this year") == "Song Jiaming"
    assert _at(text, "You once said that") == "Intelligent Emergence"
    assert _at(text, "Luma AI's model can generate high-definition") == "Fu Chong, Zhou Xinyu"


def test_a_single_label_is_not_a_speaker():
    text = "Update: the company said it will ship next year.\nMore narration here."
    assert speaker_at(text, 10, ("Jane Doe",)) == "Jane Doe"
