#!/usr/bin/env bash
# Runs the hostile-input corpus (see README.md) through goalspec check, lint, fmt and sql.
# Each run must end with exit status 0, 1 or 2 within 10 s under a 1 GiB address-space cap:
# never a signal (>= 128) and never a timeout (124).
#   GOALSPEC  the goalspec binary (default: build .build/debug/goalspec)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [[ -z "${GOALSPEC:-}" ]]; then
  (cd "$root" && swift build 2>&1 | tail -1) >&2
  GOALSPEC="$root/.build/debug/goalspec"
fi
out="$(mktemp -d "${TMPDIR:-/tmp}/goalspec-hostile.XXXXXX")"
trap 'rm -rf "$out"' EXIT
python3 "$here/gen.py" "$out" >/dev/null || { echo "hostile: generator failed"; exit 1; }

n=0; failures=0
for spec in "$out"/*.goal; do
  name="$(basename "$spec" .goal)"
  for cmd in check lint fmt sql; do
    n=$((n + 1))
    start=$(date +%s.%N)
    ( ulimit -v 1048576; cd "$out" && if [[ $cmd == sql ]]; then set -- --dialect duckdb; else set --; fi
      exec timeout 10 "$GOALSPEC" $cmd "$spec" "$@" ) >"$out/$name.$cmd.log" 2>&1
    status=$?
    secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    if [[ $status -le 2 ]]; then
      verdict=ok
    else
      verdict=FAIL; failures=$((failures + 1))
    fi
    # Output must never carry a raw control character (tab and newline aside) from the input.
    if [[ $name == terminal_* ]] && LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$out/$name.$cmd.log"; then
      verdict=FAIL; failures=$((failures + 1))
      echo "raw control character in the output of $cmd $name:" >&2
      LC_ALL=C grep -n $'[\x01-\x08\x0b-\x1f\x7f]' "$out/$name.$cmd.log" | cat -v | head -3 >&2
    fi
    first="$(grep -m1 -oE 'error\[GS[0-9]+\]' "$out/$name.$cmd.log" || true)"
    printf '%-4s %-24s %-5s exit %3d  %6ss  %s\n' "$verdict" "$name" "$cmd" "$status" "$secs" "$first"
  done
done
echo "hostile: $n inputs, $failures failures"
[[ $failures -eq 0 ]]
