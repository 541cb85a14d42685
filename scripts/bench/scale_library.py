"""The scale library: 10,000 synthetic articles, 50,000 highlights, 5,000 predictions.

    .venv/bin/python scripts/bench/scale_library.py [FOLDER]

Builds a real data folder (database, search index, window.ini) once and caches it in
bench-data/scale/ (delete it to rebuild; a stamp file says it is complete). Articles and
annotations are written through the core stores in large transactions, as a restore
would, so that building takes minutes rather than hours; the search index is built by
the app's own rebuild. The window opens on the last article.
"""

from __future__ import annotations

import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.core.ingest.importer import ParsedDocument  # noqa: E402
from reader.core.ingest.plain_text import html_to_plain_text  # noqa: E402
from reader.core.ingest.render import TitleBlock, article_html, text_to_html  # noqa: E402
from reader.core.library.articles import ArticleStore  # noqa: E402
from reader.core.models import Prediction, TextPositionSelector, TextQuoteSelector  # noqa: E402
from reader.core.session import open_session  # noqa: E402
from reader.core.storage.db import utc_now  # noqa: E402
from scripts.bench.synthetic import articles  # noqa: E402

ARTICLES, HIGHLIGHTS, PREDICTIONS = 10_000, 50_000, 5_000
DEFAULT = ROOT / "bench-data" / "scale"
STAMP = "scale-complete"
VERSION = "3"  # bump when what is built changes (3: index v4)
CONTEXT = 32


def build(folder: Path, log=print) -> Path:
    if (folder / STAMP).exists() and (folder / STAMP).read_text() == VERSION:
        return folder
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    session = open_session(folder)
    t0 = time.perf_counter()
    store = ArticleStore(session.db)
    texts: dict[int, str] = {}
    batch: list[ParsedDocument] = []

    def flush() -> None:
        with session.db.transaction() as tx:
            for doc in batch:
                article_id = store.insert(tx, doc)
                texts[article_id] = doc.plain_text
        batch.clear()

    for n, title, body in articles(ARTICLES):
        block = TitleBlock(title, ("Bench Writer",), publication="Synthetic Times")
        html = article_html(block, text_to_html(body.replace("\n", "\n\n")))
        batch.append(
            ParsedDocument(
                title=title,
                content_format="text",
                original=body,
                html=html,
                plain_text=html_to_plain_text(html),
                authors=block.authors,
                publication=block.publication,
                source=f"synthetic://{n}",
            )
        )
        if len(batch) == 500:
            flush()
            log(f"articles: {n:,}")
    flush()
    log(f"{ARTICLES:,} articles in {time.perf_counter() - t0:.0f} s")

    rng = random.Random(17)
    ids = sorted(texts)
    now = utc_now()
    t0 = time.perf_counter()
    with session.db.transaction() as tx:
        for k in range(HIGHLIGHTS):
            article_id = ids[k % len(ids)]
            text = texts[article_id]
            start = rng.randrange(0, len(text) - 80)
            end = start + rng.randint(20, 70)
            cur = tx.execute(
                "INSERT INTO highlights(uid, article_id, color, exact, prefix, suffix, start,"
                " end, note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    str(uuid.uuid4()),
                    article_id,
                    rng.randint(1, 5),
                    text[start:end],
                    text[max(0, start - CONTEXT) : start],
                    text[end : end + CONTEXT],
                    start,
                    end,
                    f"Note {k} on this passage." if k % 4 == 0 else "",
                    now,
                    now,
                ),
            )
            if k % 5 == 0:
                tx.execute(
                    "INSERT INTO highlight_tags(highlight_id, tag) VALUES (?, ?)",
                    (cur.lastrowid, f"tag{k % 40}"),
                )
    log(f"{HIGHLIGHTS:,} highlights in {time.perf_counter() - t0:.0f} s")

    items = []
    for k in range(PREDICTIONS):
        article_id = ids[(k * 7) % len(ids)]
        text = texts[article_id]
        start = rng.randrange(0, len(text) - 120)
        end = start + rng.randint(60, 110)
        items.append(
            Prediction(
                id=0,
                uid=str(uuid.uuid4()),
                article_id=article_id,
                quote=TextQuoteSelector(
                    text[start:end],
                    text[max(0, start - CONTEXT) : start],
                    text[end : end + CONTEXT],
                ),
                position=TextPositionSelector(start, end),
                statement=text[start:end],
                speaker="Bench Writer",
                resolve_by=f"20{26 + k % 6}-{k % 12 + 1:02d}-28",
                probability=rng.randint(5, 95),
                tags=(f"p{k % 15}",),
                outcome=rng.choice(["open", "open", "true", "false"]),
                created_at=now,
                updated_at=now,
            )
        )
    session.predictions.insert_many(items)
    log(f"{PREDICTIONS:,} predictions")

    t0 = time.perf_counter()
    count = session.search.rebuild(session.documents)
    log(f"search index: {count:,} articles in {time.perf_counter() - t0:.0f} s")
    last = max(ids)
    session.close()
    (folder / "window.ini").write_text(f"[reading]\nlast_article={last}\n", encoding="utf-8")
    (folder / STAMP).write_text(VERSION)
    return folder


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
