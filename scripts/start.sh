#!/usr/bin/env bash
# Set up (if needed) and start Reader on the bundled interview.
# Extra arguments go to `reader`, e.g. scripts/start.sh --data-dir /tmp/lib
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --gui
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "start: no display found; running the window under a virtual display (xvfb-run)." >&2
  echo "start: to see it, run this from a desktop session, or take screenshots." >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/reader "$@"
fi
exec .venv/bin/reader "$@"
