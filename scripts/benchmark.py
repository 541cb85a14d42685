"""Run every benchmark and print one table of figures (medians; see each bench module).

    .venv/bin/python scripts/benchmark.py [--quick] [AREA ...]
AREA is a module suffix under scripts/bench/ (startup, search, anchoring, export, ...).
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    wanted = [a for a in argv if not a.startswith("--")]
    modules = sorted(p.stem for p in (HERE / "bench").glob("bench_*.py"))
    if wanted:
        modules = [m for m in modules if m.removeprefix("bench_") in wanted]
    rows: list[tuple[str, str, str, str]] = []
    for name in modules:
        t0 = time.perf_counter()
        module = importlib.import_module(f"scripts.bench.{name}")
        area = name.removeprefix("bench_")
        try:
            for figure, value, target in module.run(quick=quick):
                rows.append((area, figure, value, target))
        except Exception as exc:  # one failing benchmark must not hide the others
            rows.append((area, "FAILED", f"{type(exc).__name__}: {exc}", ""))
        print(f"[{area}: {time.perf_counter() - t0:.0f} s]", file=sys.stderr)
    print("| area | figure | value | target |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
