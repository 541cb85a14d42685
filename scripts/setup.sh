#!/usr/bin/env bash
# Set up Reader on Debian/Ubuntu: system libraries for Qt, a virtual environment,
# the package and its test extra. Idempotent: a second run installs nothing new.
#   scripts/setup.sh          libraries for tests (offscreen Qt)
#   scripts/setup.sh --gui    also what a real window needs (xcb, Xvfb, fonts)
set -euo pipefail
cd "$(dirname "$0")/.."

QT_LIBS="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core"
GUI_LIBS="libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libxcb-xfixes0
  xvfb xauth fonts-noto-core"
want="$QT_LIBS"
[ "${1:-}" = "--gui" ] && want="$want $GUI_LIBS"

missing=""
for pkg in $want; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
if ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then
  missing="$missing python3-venv python3-pip"
fi
if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing system packages:$missing" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  python3 -m venv .venv
fi
stamp=".venv/.reader-installed"
digest=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  echo "setup: installing Python packages into .venv" >&2
  .venv/bin/python -m pip install -q --upgrade pip >&2
  .venv/bin/python -m pip install -q -e ".[test]" >&2
  echo "$digest" > "$stamp"
fi
