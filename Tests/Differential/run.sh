#!/usr/bin/env bash
# The differential test: Goalspec against an independent DuckDB oracle (see README.md).
#   DIFF_SEEDS  number of random seeds (default 500)
#   DIFF_START  first seed (default 1)
#   DIFF_LARGE  number of large (> 8 MiB) files (default 5, one per variant)
#   DIFF_JOBS   parallel workers (default 2)
#   GOALSPEC    the goalspec binary (default: build .build/debug/goalspec)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! python3 -c 'import duckdb' 2>/dev/null; then
  python3 -m pip install --quiet duckdb
fi
if ! python3 -c 'import openpyxl' 2>/dev/null; then
  python3 -m pip install --quiet openpyxl || echo "openpyxl not installed: the xlsx variant is skipped" >&2
fi

if [[ -z "${GOALSPEC:-}" ]]; then
  (cd "$root" && swift build 2>&1 | tail -1) >&2
  export GOALSPEC="$root/.build/debug/goalspec"
fi

exec python3 "$here/difftest.py" --seeds "${DIFF_SEEDS:-500}" --start "${DIFF_START:-1}" \
  --jobs "${DIFF_JOBS:-2}" --large "${DIFF_LARGE:-5}" "$@"
