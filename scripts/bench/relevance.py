"""Relevance over real documents no one here wrote: SQLite's own documentation.

python scripts/bench/relevance.py

The documentation is Debian's sqlite3-doc package (fetched once with `apt-get download`
and unpacked with `dpkg-deb` into bench-data/relevance/; its 214 top-level pages, not
the release log, the C API pages or the syntax diagrams). The pages are imported into a
library of their own, as `reader import` would. Each query below is what a reader would
type looking for one page; the script prints how many queries rank that page first and
in the top 3, and the mean reciprocal rank, for the two ways the search box searches:
whole words (Enter), and as you type (the last word a prefix). Prefix matching must not
make the ranking worse.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench-data" / "relevance"
DOCS = DATA / "sqlite3-doc" / "usr" / "share" / "doc" / "sqlite3"

QUERIES = [  # (what a reader types, the page they want)
    ("write ahead log", "wal"),
    ("full text search", "fts5"),
    ("json functions", "json1"),
    ("foreign key constraints", "foreignkeys"),
    ("autoincrement", "autoinc"),
    ("create index", "lang_createindex"),
    ("query planner", "queryplanner"),
    ("recursive common table expressions", "lang_with"),
    ("window functions", "windowfunctions"),
    ("upsert on conflict do update", "lang_upsert"),
    ("vacuum", "lang_vacuum"),
    ("online backup api", "backup"),
    ("isolation between database connections", "isolation"),
    ("file locking and concurrency", "lockingv3"),
    ("atomic commit", "atomiccommit"),
    ("alter table rename column", "lang_altertable"),
    ("date and time functions", "lang_datefunc"),
    ("built-in scalar functions", "lang_corefunc"),
    ("aggregate functions", "lang_aggfunc"),
    ("limits maximum length of a string", "limits"),
    ("r-tree spatial index", "rtree"),
    ("command line shell", "cli"),
    ("attach database", "lang_attach"),
    ("returning clause", "lang_returning"),
    ("generated columns", "gencol"),
    ("strict tables", "stricttables"),
    ("without rowid tables", "withoutrowid"),
    ("partial indexes", "partialindex"),
    ("indexes on expressions", "expridx"),
    ("explain query plan", "eqp"),
    ("thread safety", "threadsafe"),
    ("in-memory databases", "inmemorydb"),
    ("temporary files", "tempfiles"),
    ("database file format", "fileformat"),  # (fileformat2.html is the same page)
    ("how to corrupt a database", "howtocorrupt"),
    ("quirks and gotchas", "quirks"),
    ("savepoint", "lang_savepoint"),
    ("create trigger", "lang_createtrigger"),
    ("datatypes type affinity", "datatype3"),
    ("pragma statements", "pragma"),
]


def fetch_docs() -> None:
    """The sqlite3-doc package, downloaded and unpacked once."""
    if DOCS.is_dir():
        return
    if not (shutil.which("apt-get") and shutil.which("dpkg-deb")):
        sys.exit("needs apt-get and dpkg-deb (Debian) to fetch sqlite3-doc")
    DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["apt-get", "download", "sqlite3-doc"], cwd=tmp, check=True)
        [deb] = Path(tmp).glob("sqlite3-doc_*.deb")
        subprocess.run(["dpkg-deb", "-x", str(deb), str(DATA / "sqlite3-doc")], check=True)


def library():
    """A library of the documentation's pages (imported once, then reused)."""
    from reader.core.session import open_session

    folder = DATA / "library"
    fresh = not folder.exists()
    session = open_session(folder, first_run=False)
    if fresh:
        pages = sorted(DOCS.glob("*.html"))
        report = session.library.import_paths(pages)
        print(f"imported {len(report.imported)} pages ({len(report.failed)} refused)")
    session.search.catch_up(session.documents)
    session.search.flush()
    return session


def main() -> None:
    fetch_docs()
    session = library()
    by_page = {
        Path(session.library.get(a.id).source).stem: a.id for a in session.library.summaries()
    }
    missing = [page for _q, page in QUERIES if page not in by_page]
    if missing:
        sys.exit(f"pages not in the library: {missing}")
    print(f"{len(by_page)} pages, {len(QUERIES)} queries\n")
    print(f"{'search':<22} {'first':>6} {'top 3':>6} {'MRR':>6}")
    results = {}
    for label, typing in (("whole words (Enter)", False), ("as you type (prefix)", True)):
        ranks = []
        for query, page in QUERIES:
            hits = [h.article_id for h in session.search.search(query, 10, typing=typing).hits]
            wanted = by_page[page]
            ranks.append(hits.index(wanted) + 1 if wanted in hits else None)
        first = sum(r == 1 for r in ranks)
        top3 = sum(r is not None and r <= 3 for r in ranks)
        mrr = sum(1 / r for r in ranks if r) / len(ranks)
        results[label] = ranks
        print(f"{label:<22} {first:>6} {top3:>6} {mrr:>6.2f}")
    misses = [
        (q, p, r)
        for (q, p), r in zip(QUERIES, results["whole words (Enter)"], strict=True)
        if r is None or r > 3
    ]
    if misses:
        print("\nnot in the top 3 (whole words):")
        for query, page, rank in misses:
            print(f"  {query!r} -> {page}.html: {'not in the top 10' if rank is None else rank}")
    session.close()


if __name__ == "__main__":
    main()
