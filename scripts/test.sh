#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite, with no display needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports          # the layers (pyproject.toml [tool.importlinter])
.venv/bin/mypy                  # types (pyproject.toml [tool.mypy]; reader.core has none to ignore)
exec .venv/bin/python -m pytest "$@"
