"""PDF import: a 300-page book, two columns with running heads and page numbers.

python scripts/bench/bench_pdf.py [--quick]

The book is made here with the tests' PDF maker (tests/pdf_maker.py): about 1,200
paragraphs, 150,000 words, broken words at line ends. Figures: reading it into an
article (PDFium's text runs, then our layout: lines, columns, paragraphs, joins; median
of runs), and the whole import into a fresh library (the article stored with its proposed
predictions, one transaction).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

WORDS = [
    "the",
    "model",
    "will",
    "learn",
    "to",
    "reason",
    "about",
    "video",
    "generation",
    "across",
    "many",
    "frames",
    "and",
    "scenes",
    "while",
    "keeping",
    "physical",
    "consistency",
    "studios",
    "creators",
    "expect",
    "commercialization",
    "within",
    "two",
    "years",
    "enterprise",
    "pipelines",
    "simulation",
    "understanding",
    "multimodal",
    "temporal",
    "coherence",
]


def make_book(path: Path, pages: int = 300) -> int:
    from tests.pdf_maker import column_pages, write_pdf

    rng = random.Random(1)
    paragraphs = []
    made: list = []
    while len(made) < pages:
        paragraphs += [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 180))) + "."
            for _ in range(100)
        ]
        made = column_pages(paragraphs, columns=2, header="A Book of Video", numbers=True)
    write_pdf(path, made[:pages], title="A Book of Video", author="Ann Bee")
    return pages


def run(quick: bool = False) -> list[tuple[str, str, str]]:
    from reader.core.ingest.pdf import load_pdf
    from reader.core.session import open_session

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "book.pdf"
        pages = make_book(book, 100 if quick else 300)
        times = []
        for _ in range(2 if quick else 5):
            t0 = time.perf_counter()
            doc = load_pdf(book)
            times.append(time.perf_counter() - t0)
        session = open_session(Path(tmp) / "library", first_run=False)
        try:
            t0 = time.perf_counter()
            report = session.library.import_paths([book])
            whole = time.perf_counter() - t0
            assert report.imported, report.failed
        finally:
            session.close()
    words = len(doc.plain_text.split())
    return [
        (
            f"read a {pages}-page two-column PDF ({words:,} words; median)",
            f"{statistics.median(times):.2f} s ({statistics.median(times) / pages * 1000:.1f}"
            " ms/page)",
            "stated",
        ),
        (
            "import it into a library (stored, predictions proposed)",
            f"{whole:.2f} s",
            "stated",
        ),
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(" | ".join(row))
