"""A stream of user actions against a library, printing ACK lines after each commit.

    python tests/slow/kill_worker.py DATA_DIR SEED

Run by test_kill.py, which SIGKILLs it at random moments and checks that every
acknowledged action survived and the database is intact.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from reader.core.session import open_session


def ack(**fields) -> None:
    sys.stdout.write("ACK " + json.dumps(fields) + "\n")
    sys.stdout.flush()


def main(folder: Path, seed: int) -> None:
    rng = random.Random(seed)
    session = open_session(folder)
    # every fourth run also keeps the search index (and so is killed mid-write too)
    if seed % 4 == 0 and session.search.needs_rebuild(session.documents):
        session.search.rebuild(session.documents)
    lib, hs, ps = session.library, session.highlights, session.predictions
    drafts = folder / "drafts"
    drafts.mkdir(exist_ok=True)
    n = seed * 1_000_000  # notes grow across runs: a later note has a larger number
    while True:
        n += 1
        articles = lib.summaries()
        action = rng.choice(["import", "highlight", "note", "predict", "annotate", "delete"])
        if action == "import" or not articles:
            path = drafts / f"a{seed}-{n}.md"
            words = " ".join(
                rng.choice(
                    [
                        "video",
                        "model",
                        "will",
                        "next",
                        "year",
                        "data",
                        "unified",
                        "reason",
                        "market",
                    ]
                )
                for _ in range(200)
            )
            forecast = "Analysts expect the market for video models will double by 2027."
            text = f"# Article {seed}-{n}\n\n{words} {seed}-{n}.\n\n{forecast}\n"
            path.write_text(text, encoding="utf-8")
            article_id = lib.import_file(path)
            ack(kind="article", id=article_id)
            continue
        article = lib.get(rng.choice(articles).id)
        text = article.plain_text
        start = rng.randrange(0, max(1, len(text) - 40))
        if action == "highlight":
            h = hs.add(article.id, text, start, start + rng.randint(5, 30), rng.randint(1, 5))
            ack(kind="highlight", id=h.id)
        elif action == "note":
            items = hs.for_article(article.id)
            if items:
                h = rng.choice(items)
                hs.update(h.id, note=f"note {n}")
                ack(kind="note", id=h.id, n=n)
        elif action == "predict":
            p = ps.add(article.id, text, start, start + rng.randint(10, 40), tags=["t"])
            ack(kind="prediction", id=p.id)
        elif action == "annotate":
            items = ps.for_article(article.id)
            if items:
                p = rng.choice(items)
                ps.update(p.id, probability=n % 101, note=f"p {n}")
                ack(kind="annotate", id=p.id, n=n)
        elif action == "delete":
            items = hs.for_article(article.id)
            if items:
                h = rng.choice(items)
                hs.delete(h.id)
                ack(kind="deleted", id=h.id)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
