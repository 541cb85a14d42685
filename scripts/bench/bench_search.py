"""Search over a synthetic library, ours (Whoosh) beside SQLite FTS5 on the same corpus.

    python scripts/bench/bench_search.py [--articles 10000] [--quick]

The corpus and both indexes are cached under bench-data/ (delete it to rebuild).
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.core.search import INDEX_VERSION, SearchDocument, SearchIndex  # noqa: E402
from scripts.bench.synthetic import articles, vocabulary  # noqa: E402

QUERIES_PER_KIND = 40


def _docs(count: int):
    for n, title, body in articles(count):
        yield SearchDocument(
            n,
            title,
            ("Bench Writer",),
            "Synthetic Times",
            body,
            f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}T00:00:00Z",
        )


def build_whoosh(folder: Path, count: int) -> tuple[float, float, float]:
    index = SearchIndex(folder)
    t0 = time.perf_counter()
    index.rebuild(_docs(count), total=count)
    elapsed = time.perf_counter() - t0
    index.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak_mb, worker_mb


def _doc_count(folder: Path) -> int:
    index = SearchIndex(folder)
    try:
        return -1 if index.open_or_create() else index.doc_count()
    finally:
        index.close()


def read_texts(path: Path, article_ids: list[int]) -> dict[int, str]:
    """The texts of a search's hits, for their snippets, from the benchmark's own table."""
    conn = sqlite3.connect(path)
    try:
        marks = ",".join("?" * len(article_ids))
        sql = f"SELECT id, plain_text FROM articles WHERE id IN ({marks})"
        return {int(i): text for i, text in conn.execute(sql, list(article_ids))}
    finally:
        conn.close()


def build_fts5(path: Path, count: int) -> float:
    t0 = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter unicode61')")
    conn.executemany("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)", articles(count))
    conn.commit()
    conn.close()
    return time.perf_counter() - t0


def queries(seed: int = 3) -> dict[str, list[tuple[str, str]]]:
    """Per kind: (whoosh query, FTS5 query or '') pairs, from mid-frequency words."""
    rng = random.Random(seed)
    vocab = vocabulary()
    mid = vocab[200:5000]
    common = vocab[20:400]
    body = next(articles(1, seed=99))[2].split()
    kinds: dict[str, list[tuple[str, str]]] = {
        k: [] for k in ("term", "and", "or", "phrase", "prefix", "fuzzy")
    }
    for _ in range(QUERIES_PER_KIND):
        a, b = rng.choice(mid), rng.choice(mid)
        kinds["term"].append((a, a))
        kinds["and"].append((f"{a} {b}", f"{a} {b}"))
        kinds["or"].append((f"{a} OR {b}", f"{a} OR {b}"))
        i = rng.randrange(len(body) - 2)
        phrase = " ".join(w.strip(".").lower() for w in body[i : i + 2])
        kinds["phrase"].append((f'"{phrase}"', f'"{phrase}"'))
        prefix = rng.choice(common)[:3]
        kinds["prefix"].append((f"{prefix}*", f"{prefix}*"))
        word = rng.choice(mid)
        typo = word[:2] + word[3:] if len(word) > 4 else word + "x"
        kinds["fuzzy"].append((f"{typo}~", ""))
    return kinds


def _size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file()]
    return sum(f.stat().st_size for f in files) / 1e6


def _stats(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return statistics.median(ordered) * 1000, p95 * 1000


def run(quick: bool = False, count: int | None = None) -> list[tuple[str, str, str]]:
    count = count or (1000 if quick else 10_000)
    data = ROOT / "bench-data" / f"search-{count}"
    data.mkdir(parents=True, exist_ok=True)
    rows = []
    whoosh_dir, fts_path = data / "whoosh", data / "fts5.sqlite3"
    texts_path = data / "texts.sqlite3"  # the article texts snippets are made from, as in the app
    if not texts_path.exists():
        conn = sqlite3.connect(texts_path)
        conn.execute("CREATE TABLE articles(id INTEGER PRIMARY KEY, plain_text TEXT)")
        conn.executemany(
            "INSERT INTO articles VALUES (?, ?)", ((n, b) for n, _, b in articles(count))
        )
        conn.commit()
        conn.close()
    meta = whoosh_dir / "reader-index.json"
    if (
        not meta.exists()
        or json.loads(meta.read_text()).get("version") != INDEX_VERSION
        or _doc_count(whoosh_dir) != count  # (an index emptied by an older Reader)
    ):
        shutil.rmtree(whoosh_dir, ignore_errors=True)
        build_s, peak, worker = build_whoosh(whoosh_dir, count)
        rows.append(
            (
                f"full build, {count:,} articles (2 cores)",
                f"{build_s:.1f} s",
                "≤ 150 s" if count >= 10_000 else "",
            )
        )
        rows.append(
            (
                "peak memory of the build (RSS): this process / the largest worker",
                f"{peak:.0f} / {worker:.0f} MB",
                "stated",
            )
        )
    fts_built = data / "fts5-build.json"  # (its build time, kept with the cached database)
    if not fts_path.exists():
        fts_built.write_text(json.dumps({"seconds": build_fts5(fts_path, count)}))
    if fts_built.exists():
        seconds = json.loads(fts_built.read_text())["seconds"]
        rows.append(
            ("SQLite FTS5 build (same corpus, when it was built)", f"{seconds:.1f} s", "reference")
        )
    rows.append(
        (
            "size on disk: our index / SQLite FTS5's (with its copy of the text)",
            f"{_size_mb(whoosh_dir):.0f} / {_size_mb(fts_path):.0f} MB",
            "stated",
        )
    )
    t0 = time.perf_counter()
    index = SearchIndex(whoosh_dir, texts=lambda ids: read_texts(texts_path, ids))
    assert index.open_or_create() is None
    rows.append(
        ("open the index", f"{(time.perf_counter() - t0) * 1000:.0f} ms", "off the start-up path")
    )
    t0 = time.perf_counter()
    index.warm()  # (the window does it in the background once the index is checked)
    rows.append(
        (
            "read the vocabularies prefixes and fuzzy words look up",
            f"{(time.perf_counter() - t0) * 1000:.0f} ms",
            "off the start-up path",
        )
    )
    fts = sqlite3.connect(fts_path)
    ratios = []
    for kind, pairs in queries().items():
        ours, theirs = [], []
        for wq, fq in pairs:
            t0 = time.perf_counter()
            result = index.search(wq, limit=20)
            ours.append(time.perf_counter() - t0)
            assert result.error is None, (wq, result.error)
            if fq:
                t0 = time.perf_counter()
                fts.execute(
                    "SELECT rowid, snippet(docs, 1, '<b>', '</b>', '…', 24) FROM docs "
                    "WHERE docs MATCH ? ORDER BY rank LIMIT 20",
                    (fq,),
                ).fetchall()
                theirs.append(time.perf_counter() - t0)
        med, p95 = _stats(ours)
        text = f"{med:.1f} / {p95:.1f} ms"
        if theirs:
            fmed, fp95 = _stats(theirs)
            ratio = med / fmed if fmed else 0
            text += f" (FTS5 {fmed:.1f} / {fp95:.1f} ms; ratio of medians {ratio:.1f}×)"
            ratios.append(ratio)
        rows.append((f"search with snippets, {kind}: median / p95", text, "≤ 30 / ≤ 100 ms"))
    if ratios:
        rows.append(
            (
                "ours ÷ FTS5, median of the per-kind median ratios",
                f"{statistics.median(ratios):.1f}×",
                "reference",
            )
        )
    worst = []  # queries that once took many seconds: a bare *, short prefixes, distance 2
    for query in ("*", "a*", "sam~2", "*video*", "title:(", "x" * 500, '"' * 3 + "a b"):
        t0 = time.perf_counter()
        index.search(query, limit=20)
        worst.append((time.perf_counter() - t0, query))
    slowest, query = max(worst)
    rows.append(
        (
            "hostile queries (*, a*, sam~2, …): the slowest",
            f"{slowest * 1000:.0f} ms ({query[:12]})",
            "≤ 5 s, bounded",
        )
    )
    adds = []
    for n in range(5):
        doc = SearchDocument(10_000_000 + n, "Added", (), "", "fresh words " * 700, "2026-11-24")
        t0 = time.perf_counter()
        index.add_or_update(doc)
        adds.append(time.perf_counter() - t0)
        index.delete(10_000_000 + n)
    rows.append(
        (
            "add one article and commit (median of 5)",
            f"{statistics.median(adds) * 1000:.0f} ms",
            "≤ 100 ms",
        )
    )
    index.close()
    fts.close()
    return rows


if __name__ == "__main__":
    n = None
    if "--articles" in sys.argv:
        n = int(sys.argv[sys.argv.index("--articles") + 1])
    os.environ.setdefault("PYTHONHASHSEED", "0")
    for row in run(quick="--quick" in sys.argv, count=n):
        print(" | ".join(row))
