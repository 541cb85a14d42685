#!/usr/bin/env bash
# The end-to-end session under a real X server (Xvfb); screenshots in screenshots/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --gui
mkdir -p screenshots/e2e
READER_SCREENSHOTS="$PWD/screenshots/e2e" QT_QPA_PLATFORM=xcb \
  xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python -m pytest -q tests/ui/test_end_to_end.py
echo "screenshots: screenshots/e2e/"
