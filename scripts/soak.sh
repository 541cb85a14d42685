#!/usr/bin/env bash
# The long version of the fault tests (CI runs the short one): many more SIGKILLs and
# fuzz examples. Takes about 15 minutes with the defaults (2 cores); set the numbers to taste.
#   bash scripts/soak.sh                       2,000 kills, 5,000 examples per fuzz test
#   READER_KILLS=500 READER_FUZZ_EXAMPLES=1000 bash scripts/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
export READER_KILLS="${READER_KILLS:-2000}" READER_FUZZ_EXAMPLES="${READER_FUZZ_EXAMPLES:-5000}"
echo "soak: $READER_KILLS kills, $READER_FUZZ_EXAMPLES examples per fuzz test" >&2
exec .venv/bin/python -m pytest -p no:cacheprovider tests/slow tests/core/test_fuzz_import.py \
  tests/core/test_fuzz_more.py tests/core/test_anchoring_properties.py "$@"
