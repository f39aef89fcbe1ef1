#!/usr/bin/env bash
# The benchmark of issue 14: goalspec beside DuckDB (2 threads and 1), polars (2 and 1) and
# `wc -l` on every shape of the issue, same generated data, same machine, same run.
#
#   bash Benchmarks/run.sh [--quick] [--wait-idle]   (from anywhere; paths are found from here)
#
# Steps:
#   1. builds the root package's `goalspec` CLI (`swift build -c release`, the plain build a user
#      gets) from a snapshot of the sources in Benchmarks/.build-snapshot/ (see below);
#   2. generates data into Benchmarks/data/ (reused while its expected.json says it was made
#      with the same rows, seed and generator): ../shared/bench/gen_data.py's employment.csv
#      (the MSB data), and Benchmarks/gen_shapes.py's shapes, each a folder with the data file,
#      spec.goal and the exact expected figures:
#        msb        the MSB spec (share(job) >= avg(6byer) + 1.0pp, share per city, rows, Σ weight)
#        quantiles  median(income) and percentile(income, 90) per city
#        breakdown  share(reach goal) by city, dimension, age_group (10,000 groups)
#        entities   sum(amount) >= avg(everyone), a group of ROWS/10 members (1M at 10M rows)
#        ndjson     the MSB spec on the same rows as NDJSON
#        wide       60 columns, the spec reads 3
#        dialect    sum(amount) per city and count(), standard CSV (1234.50)
#        danish     the same rows in the Danish dialect (; 1.234,50 CRLF BOM)
#   3. makes the peers' venv with ../shared/bench/setup_peers.sh in Benchmarks/.venv if missing;
#   4. times goalspec (`goalspec check SPEC --format json`), DuckDB 2t/1t, polars 2t/1t
#      (Benchmarks/peers/shapes.py) and `wc -l` on each shape with Benchmarks/bench_shapes.py:
#      REPEATS alternating rounds, median wall and peak RSS, every answer compared exactly with
#      expected.json (the "match" column);
#   5. times `goalspec check Specs` from the repository root (median of 30 runs);
#   6. prints the table and the issue's targets, met or not. Everything is also written to
#      Benchmarks/results/DATE-TIME/.
#
# --quick: ROWS=1000000 and 1 repeat (a smoke test of the harness, about 2 minutes).
# --wait-idle: before each timed run, wait (at most WAIT_IDLE_MAX seconds, default 120) until
#   other processes use less than 10% of the CPUs. Without it a busy machine is only reported
#   (the "busy" column counts the runs that started at >= 10%).
#
# Environment: ROWS (default 10000000), REPEATS (default 3), SHAPES (default every shape, in the
# order above), BENCH_DIR (default ../shared/bench relative to the repository root), BENCH_VENV
# (default Benchmarks/.venv). With the defaults on an idle 2-core machine: data ~10 min the first
# time (reused after), the timings ~15 min.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
quick=0
wait_idle=0
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    --wait-idle) wait_idle=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "unknown argument: $a (see bash $0 --help)" >&2; exit 64 ;;
  esac
done
bench="${BENCH_DIR:-$root/../shared/bench}"
bench="$(cd "$bench" && pwd)"
venv="${BENCH_VENV:-$here/.venv}"
if [ "$quick" = 1 ]; then reps="${REPEATS:-1}"; rows="${ROWS:-1000000}"; else reps="${REPEATS:-3}"; rows="${ROWS:-10000000}"; fi
shapes="${SHAPES:-msb quantiles breakdown entities ndjson wide dialect danish}"
for tool in python3 bc /usr/bin/time swift; do
  command -v "$tool" > /dev/null || { echo "run.sh needs $tool" >&2; exit 1; }
done
stamp="$(date +%Y%m%d-%H%M%S)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
out="$here/results/$stamp"
mkdir -p "$out"
{ echo "\$ nproc"; nproc; echo "\$ lscpu"; lscpu; echo "\$ free -m"; free -m; echo "\$ uname -a"; uname -a; } > "$out/machine.txt" 2>&1
log() { printf '\n== %s\n' "$*" >&2; }
busy() { # percent of all CPUs busy over the next second (from /proc/stat), niced processes
          # included: a fuzzer at nice 19 still slows a run that needs both cores
  python3 - <<'PY'
import time
def snap():
    v = [int(x) for x in open("/proc/stat").readline().split()[1:9]]  # user..steal
    return sum(v), v[3] + v[4]                                        # idle, iowait
t0, i0 = snap(); time.sleep(1); t1, i1 = snap()
print(round(100 * (1 - (i1 - i0) / max(1, t1 - t0))))
PY
}
quiet() { # WHAT: before a timed run, note (and with --wait-idle wait for) an idle machine
  local b; b="$(busy)"
  if [ "$wait_idle" = 1 ] && [ "$b" -ge 10 ]; then
    local deadline=$(( $(date +%s) + ${WAIT_IDLE_MAX:-120} ))
    log "$1: the CPUs are ${b}% busy with other work; waiting (at most ${WAIT_IDLE_MAX:-120} s) for them to be idle"
    while [ "$b" -ge 10 ] && [ "$(date +%s)" -lt "$deadline" ]; do
      sleep 2
      b="$(busy)"
    done
  fi
  printf '%s\t%s\n' "$1" "$b" >> "$out/busy.tsv"
  if [ "$b" -ge 10 ]; then log "warning: $1 starts with the CPUs ${b}% busy with other work"; fi
}

# ------------------------------------------------------------------------------ 1. build
# The tree may be edited while the benchmark runs (a build fails when a source file changes
# under it, and figures should belong to one version of the code), so goalspec is built from a
# snapshot: Package.swift, Sources/ and Tests/ are copied to Benchmarks/.build-snapshot/goalspec/
# (only changed files are rewritten, so rebuilds are incremental) and built there with that
# copy's own .build folder; the root package's .build is neither used nor touched.
snap="$here/.build-snapshot/goalspec"
revision="$(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown)"
if [ -n "$(git -C "$root" status --porcelain -- Sources Package.swift 2> /dev/null)" ]; then
  revision="$revision + uncommitted changes in Sources/ (snapshot taken $(date -u '+%H:%M UTC'))"
fi
log "snapshot of the sources in ${snap#"$root"/}"
python3 - "$root" "$snap" <<'PY'
import os, shutil, sys
root, snap = sys.argv[1], sys.argv[2]
items = ["Package.swift", "Sources", "Tests"]
want = set()
for item in items:
    src = os.path.join(root, item)
    paths = [src] if os.path.isfile(src) else [os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs]
    for path in paths:
        rel = os.path.relpath(path, root)
        want.add(rel)
        dst = os.path.join(snap, rel)
        with open(path, "rb") as f:
            data = f.read()
        if os.path.exists(dst):
            with open(dst, "rb") as f:
                if f.read() == data:
                    continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, "wb") as f:
            f.write(data)
for item in items:   # files deleted from the tree since the last snapshot
    top = os.path.join(snap, item)
    for d, _, fs in os.walk(top):
        for f in fs:
            if os.path.relpath(os.path.join(d, f), snap) not in want:
                os.remove(os.path.join(d, f))
PY
build() { # NAME PACKAGE_PATH
  if ! swift build -c release --package-path "$2" --product "$1" > "$out/build-$1.log" 2>&1; then
    tail -40 "$out/build-$1.log" >&2
    echo "run.sh: the release build of $1 failed (log: $out/build-$1.log)" >&2
    exit 1
  fi
}
log "building goalspec (release; log in ${out#"$root"/})"
build goalspec "$snap"
goalspec="$(swift build -c release --package-path "$snap" --show-bin-path)/goalspec"

# ------------------------------------------------------------------------------- 2. data
# Data is reused while its made-with line names the same shape, version (gen_shapes.py's
# VERSIONS; for the MSB source a hash of gen_data.py), seed and rows.
version_of() { # SHAPE
  if [ "$1" = msb-source ]; then
    python3 -c 'import hashlib,sys; print("gen_data-" + hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest()[:16])' "$bench/gen_data.py"
  else
    python3 "$here/gen_shapes.py" "$1" --print-version
  fi
}
made_with() { # DIR SHAPE: was DIR made by this version of the generator with these rows?
  [ -f "$1/expected.json" ] && [ -f "$1/made-with" ] && [ "$(cat "$1/made-with")" = "$(version_of "$2") $rows" ]
}
msb_src="$here/data/msb-source-$rows"
if made_with "$msb_src" msb-source && [ -f "$msb_src/employment.csv" ]; then
  log "data: reusing ${msb_src#"$root"/} ($rows employment rows)"
else
  log "data: generating ${msb_src#"$root"/} ($rows employment rows, ../shared/bench/gen_data.py)"
  rm -rf "$msb_src"
  python3 "$bench/gen_data.py" --rows "$rows" --social-rows 48 --out "$msb_src"
  echo "$(version_of msb-source) $rows" > "$msb_src/made-with"
fi
data="$here/data/shapes-$rows"
for s in $shapes; do
  if made_with "$data/$s" "$s"; then
    log "data: reusing ${data#"$root"/}/$s"
  else
    log "data: generating ${data#"$root"/}/$s ($rows rows, gen_shapes.py)"
    rm -rf "${data:?}/$s"
    t0=$(date +%s)
    python3 "$here/gen_shapes.py" "$s" --rows "$rows" --out "$data/$s" --msb-data "$msb_src"
    echo "$(version_of "$s") $rows" > "$data/$s/made-with"
    log "data: $s took $(( $(date +%s) - t0 )) s"
  fi
done

# ------------------------------------------------------------------------------- 3. venv
if ! "$venv/bin/python" -c 'import duckdb, polars' 2> /dev/null; then
  log "making the peers' venv in $venv"
  rm -rf "$venv"
  bash "$bench/setup_peers.sh" "$venv" >&2
fi
versions="$("$venv/bin/python" -c 'import duckdb, polars, platform
print("duckdb", duckdb.__version__, "| polars", polars.__version__, "| python", platform.python_version())')"

# ------------------------------------------------------------------------------ 4. shapes
wait_s=0
if [ "$wait_idle" = 1 ]; then wait_s="${WAIT_IDLE_MAX:-120}"; fi
log "timing $shapes: $reps round(s) of goalspec, DuckDB 2t/1t, polars 2t/1t, wc -l"
shapes_ok=1
python3 "$here/bench_shapes.py" --goalspec "$goalspec" --venv "$venv" --data "$data" --out "$out" \
  --repeats "$reps" --shapes "$shapes" --wait-idle "$wait_s" > /dev/null || shapes_ok=0

# ------------------------------------------------------------------ 5. goalspec check Specs
quiet "goalspec check Specs"
nspecs="$(find "$root/Specs" -name '*.goal' | wc -l)"
log "timing goalspec check Specs ($nspecs spec files; its exit status is ignored: some bundled targets are not met)"
check_ms="$(cd "$root" && for i in $(seq 1 35); do
  t0=$(date +%s%N); "$goalspec" check Specs > /dev/null 2>&1 || true; t1=$(date +%s%N)
  if [ "$i" -gt 5 ]; then echo $(( t1 - t0 )); fi
done | python3 -c 'import statistics,sys; print(f"{statistics.median(int(x) for x in sys.stdin) / 1e6:.1f}")')"

# ----------------------------------------------------------------------------- 6. summary
{
  echo "goalspec benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $rows rows, $reps round(s) per figure (median)"
  echo "machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(uname -sr)"
  echo "load:    $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (1/5/15-min load averages, incl. this run)"
  echo "code:    goalspec at $revision, swift build -c release"
  echo "tools:   $(swift --version 2>&1 | head -1)"
  echo "peers:   $versions; 2t = 2 threads (the engines' default here), 1t = 1 thread"
  echo
  cat "$out/table.txt"
  echo
  echo "goalspec check Specs ($nspecs bundled specs and their data): $check_ms ms (median of 30 runs after 5 warm-ups, date +%s%N)"
  python3 - "$out/medians.json" "$check_ms" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
check_ms = float(sys.argv[2])
def get(shape, tool, k="wall"):
    v = m.get(f"{shape}/{tool}")
    return v[k] if v else None
def line(name, value, limit, fmt):
    if value is None:
        print(f"  {name:<52} not measured in this run")
        return
    print(f"  {name:<52} {fmt(value):>10}  (target <= {fmt(limit)})  {'met' if value <= limit else 'NOT met'}")
def ratio(shape, tool, num="msb"):
    a, b = get(shape if num == "msb" else num, "goalspec"), get(shape, tool)
    return a / b if a and b else None
x = lambda v: f"{v:.2f}×"
print("\nissue 14 targets (measured / target):")
line("msb: goalspec ÷ DuckDB 2t", ratio("msb", "duckdb"), 0.35, x)
line("msb: goalspec ÷ polars 2t", ratio("msb", "polars"), 0.45, x)
line("msb: goalspec peak RSS", get("msb", "goalspec", "rss"), 32, lambda v: f"{v:.1f} MB")
for s in ["quantiles", "breakdown", "entities", "ndjson", "wide", "dialect", "danish"]:
    a, b = get(s, "goalspec"), get(s, "duckdb")
    line(f"{s}: goalspec ÷ DuckDB 2t", a / b if a and b else None, 0.5, x)
dk, std = get("danish", "goalspec"), get("dialect", "goalspec")
line("danish ÷ standard dialect (goalspec)", dk / std if dk and std else None, 1.15, x)
line("goalspec check Specs", check_ms, 20, lambda v: f"{v:.1f} ms")
bad = [k for k, v in m.items() if not set(v["match"]) <= {"yes", "-"}]
print("\nevery answer equals expected.json exactly:", "yes" if not bad else "NO in " + ", ".join(bad))
PY
} | tee "$out/summary.txt"
echo "(written to ${out#"$root"/})" >&2
if [ "$shapes_ok" = 0 ]; then exit 1; fi
