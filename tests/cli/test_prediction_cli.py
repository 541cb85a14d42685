"""`reader predict` and `reader predictions` in a subprocess."""

from __future__ import annotations

import json

QUOTE = "I think what happened to images this year will also happen in the video field next year."


def test_predict_then_list_with_filters(cli):
    code, p, _ = cli.json(
        "predict", "luma", QUOTE, "--tag", "Unified multimodal", "--resolve-by", "2026-12-31"
    )
    assert code == 0
    assert p["speaker"] == "Song Jiaming" and p["source"] == "user" and p["review"] == "confirmed"
    assert p["resolve_by"] == "2026-12-31" and p["tags"] == ["unified-multimodal"]
    assert p["made_on"] == "2025-11-20"
    code, items, _ = cli.json("predictions", "luma", "--tag", "unified-multimodal")
    assert p["id"] in [i["id"] for i in items] and all(i["anchored"] for i in items)
    assert {i["source"] for i in items} == {"curated", "user"}
    code, items, _ = cli.json("predictions", "--status", "resolved")
    assert items == []


def test_bad_status_and_bad_date_are_clear_errors(cli):
    code, _, err = cli("predictions", "--status", "bogus")
    assert code == 1 and "status must be one of" in err and "Traceback" not in err
    for written in ("soon", "2026-12-31 maybe", "31/12/2026"):
        code, _, err = cli("predict", "luma", QUOTE, "--resolve-by", written)
        assert code == 1 and "date like 2026-12-31" in err, written
    code, _, err = cli("predict", "luma", "words that are not in the article at all")
    assert code == 1 and "not in the article" in err


def test_the_interview_ships_curated_predictions(cli):
    code, items, _ = cli.json("predictions", "luma")
    assert code == 0 and len(items) >= 12
    assert all(i["source"] == "curated" and i["tags"] and i["anchored"] for i in items)
    speakers = {i["speaker"] for i in items}
    assert "Song Jiaming" in speakers
    code, due, _ = cli.json("predictions", "--status", "due")
    assert all(i["resolve_by"] for i in due)


def test_an_imported_article_says_which_predictions_it_may_bear_on(cli):
    from scripts.bench.evidence_offers import LIBRARY

    later = ("luma-ray4.md", "data-race.md", "README.md")
    others = [str(p) for p in sorted(LIBRARY.glob("*.md")) if p.name not in later]
    cli("import", *others)
    code, report, _ = cli.json("import", str(LIBRARY / "luma-ray4.md"))
    assert code == 0
    offered = {o["prediction_id"]: o for o in report["may_bear_on"]}
    assert "stand-alone" in offered[5]["passage"]
    code, _out, err = cli("import", str(LIBRARY / "data-race.md"))
    assert code == 0 and "may bear on prediction 10" in err
    code, _out, err = cli("import", str(LIBRARY / "derby.md"))
    assert code == 1 and "may bear on" not in err  # (already there: nothing new to offer)


def test_the_text_listing_says_who_and_when_only_where_known(cli, tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text(
        "Notes\n\nPrices are projected to double, analysts said in a long note that goes "
        "on and on about the market for video models and what studios will pay.\n"
    )
    code, _, _ = cli("import", str(source))
    assert code == 0
    code, out, _ = cli("predictions", "notes")
    [line] = out.splitlines()
    assert line.startswith(" ") and "[proposed/open] Prices are projected" in line
    assert "  by" not in line and "] :" not in line and line == line.rstrip()
    assert "about… #" in line  # (cut at a word, said so, then the tags)
    code, out, _ = cli("predictions", "luma", "--tag", "luma-strategy")
    assert all(
        ": " in line and " by 20" in line and "#luma-strategy" in line for line in out.splitlines()
    )


def test_marking_what_the_detector_proposed_accepts_the_proposal(cli, tmp_path):
    path = tmp_path / "deal.txt"
    path.write_text(
        "Deal notes\n\nAccording to John Park, the merger will probably close before 2027.\n"
    )
    assert cli("import", str(path))[0] == 0
    code, items, _ = cli.json("predictions", "Deal notes")
    [proposal] = items
    assert proposal["review"] == "proposed"
    code, out, _ = cli("predict", "Deal notes", "the merger will probably close", "--tag", "deals")
    assert code == 0 and out.startswith(f"accepted the proposal {proposal['id']}: ")
    code, items, _ = cli.json("predictions", "Deal notes")
    [p] = items  # the same one, not a second
    assert p["id"] == proposal["id"] and p["review"] == "confirmed" and "deals" in p["tags"]


def test_json_may_come_before_the_command(cli):
    code, out, _ = cli("--json", "predictions", "luma")
    assert code == 0 and [p["source"] for p in json.loads(out)][:1] == ["curated"]
    code, _, err = cli("--json", "archive", "luma")
    assert code == 1 and err.strip() == "reader: `reader archive` has no JSON output"
