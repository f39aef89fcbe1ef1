#!/usr/bin/env bash
# The benchmark of issue 5: goalspec beside DuckDB, polars, pandas and `wc -l` on the same
# generated data, same machine, same run.
#
#   bash Benchmarks/run.sh [--quick] [--wait-idle]   (from anywhere; paths are found from here)
#
# Steps:
#   1. builds the root package's `goalspec` CLI and Benchmarks' `goalspec-bench` (release), from
#      a snapshot of the sources in Benchmarks/.build-snapshot/ (see below);
#   2. generates data with ../shared/bench/gen_data.py into Benchmarks/data/ (reused when its
#      expected.json says it was made with the same rows, seed and dialect):
#        data/1M          1M employment + 1M social rows, standard CSV
#        data/10M         10M employment + 1M social rows, standard CSV (only employment is timed:
#                         its social.csv is byte-identical to data/1M's, the generator's social
#                         stream does not depend on --rows)
#        data/1M-danish   1M + 1M rows in the Danish Excel dialect (; , CRLF BOM)
#   3. makes the peers' venv with ../shared/bench/setup_peers.sh in Benchmarks/.venv if missing;
#   4. runs ../shared/bench/run_peers.sh on each folder with OURS=goalspec-bench and the peers
#      wc-l duckdb duckdb-1t polars polars-1t pandas ours (pandas not at 10M), 3 repeats, one
#      run_peers.sh call per run so that the tools' repeats interleave;
#      every answer is checked against expected.json by check.py (the "match" column);
#   5. times `goalspec check Specs` from the repository root (hyperfine if installed, else the
#      median of 20 runs);
#   6. prints a summary: median wall time, MB/s, peak RSS, goalspec's ratio to each peer, and
#      the issue's targets. Everything is also written to Benchmarks/results/DATE-TIME/.
#
# --quick: only the 1M folders, 1 repeat, no pandas (a smoke test of the harness).
# --wait-idle: before each timed run, wait (at most WAIT_IDLE_MAX seconds, default 120) until
#   other processes (niced ones too) use less than 10% of the CPUs for a second. Without it, a
#   busy machine is only reported: the CPU use of other processes is sampled for 1 s before
#   every run, and the summary's "busy" column counts the runs that started at >= 10%.
#
# Environment: BENCH_DIR (default ../shared/bench relative to the repository root),
# BENCH_VENV (default Benchmarks/.venv), REPEATS (default 3, or 1 with --quick).
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
if [ "$quick" = 1 ]; then reps="${REPEATS:-1}"; else reps="${REPEATS:-3}"; fi
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
# under it, and figures should belong to one version of the code), so both programs are built
# from a snapshot: Package.swift, Sources/, Tests/ and Benchmarks/{Package.swift,Sources/} are
# copied to Benchmarks/.build-snapshot/goalspec/ (only changed files are rewritten, so
# rebuilds are incremental) and built there with that copy's own .build folders; the root
# package's .build is neither used nor touched.
snap="$here/.build-snapshot/goalspec"
revision="$(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo unknown)"
if [ -n "$(git -C "$root" status --porcelain -- Sources Package.swift 2> /dev/null)" ]; then
  revision="$revision + uncommitted changes in Sources/ (snapshot taken $(date -u '+%H:%M UTC'))"
fi
log "snapshot of the sources in ${snap#"$root"/}"
python3 - "$root" "$snap" <<'PY'
import os, shutil, sys
root, snap = sys.argv[1], sys.argv[2]
items = ["Package.swift", "Sources", "Tests", "Benchmarks/Package.swift", "Benchmarks/Sources"]
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
# Release binaries link the Swift runtime statically, as a deployed goalspec would: no dynamic
# linking at start-up (about 6 ms of a small run).
build() { # NAME PACKAGE_PATH
  if ! swift build -c release --static-swift-stdlib --package-path "$2" --product "$1" > "$out/build-$1.log" 2>&1; then
    tail -40 "$out/build-$1.log" >&2
    echo "run.sh: the release build of $1 failed (log: $out/build-$1.log)" >&2
    exit 1
  fi
}
log "building goalspec and goalspec-bench (release; logs in ${out#"$root"/})"
build goalspec "$snap"
build goalspec-bench "$snap/Benchmarks"
goalspec="$(swift build -c release --static-swift-stdlib --package-path "$snap" --show-bin-path)/goalspec"
ours="$(swift build -c release --static-swift-stdlib --package-path "$snap/Benchmarks" --show-bin-path)/goalspec-bench"

# ------------------------------------------------------------------------------- 2. data
gen() { # NAME EMPLOYMENT_ROWS SOCIAL_ROWS DIALECT
  local dir="$here/data/$1"
  if [ -f "$dir/expected.json" ] && [ -f "$dir/employment.csv" ] && [ -f "$dir/social.csv" ] &&
     python3 - "$dir/expected.json" "$2" "$3" "$4" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["meta"]
ok = (m["employment_rows"], m["social_rows"], m["dialect"], m["seed"]) == \
     (int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], 20241001)
sys.exit(0 if ok else 1)
PY
  then
    log "data/$1: reusing ($2 employment rows, $3 social rows, $4)"
  else
    log "data/$1: generating ($2 employment rows, $3 social rows, $4)"
    rm -rf "$dir"
    python3 "$bench/gen_data.py" --rows "$2" --social-rows "$3" --dialect "$4" --out "$dir"
  fi
}
gen 1M 1000000 1000000 standard
gen 1M-danish 1000000 1000000 danish
if [ "$quick" = 0 ]; then gen 10M 10000000 1000000 standard; fi

# ------------------------------------------------------------------------------- 3. venv
if ! "$venv/bin/python" -c 'import duckdb, pandas, polars, pyarrow' 2> /dev/null; then
  log "making the peers' venv in $venv"
  rm -rf "$venv"
  bash "$bench/setup_peers.sh" "$venv" >&2
fi
versions="$("$venv/bin/python" -c 'import duckdb, pandas, polars, pyarrow, platform
print("duckdb", duckdb.__version__, "| polars", polars.__version__, "| pandas", pandas.__version__,
      "| pyarrow", pyarrow.__version__, "| python", platform.python_version())')"

# ------------------------------------------------------------------------------ 4. peers
peers_1m="wc-l duckdb duckdb-1t polars polars-1t pandas ours"
peers_10m="wc-l duckdb duckdb-1t polars polars-1t ours"
if [ "$quick" = 1 ]; then peers_1m="$peers_10m"; fi
runs=() # label=tsv pairs for the summary
# run_peers.sh is called once per repeat, file and tool (REPEATS=1, results appended to one TSV),
# so that the repeats of the tools interleave and the machine's idleness is checked before
# every single run.
peers() { # LABEL FOLDER FILES PEERS
  local tsv="$out/raw-$1.tsv" rep f p
  : > "$tsv"
  log "data/$2: $3 × ($4), $reps repeat(s)"
  for ((rep = 1; rep <= reps; rep++)); do
    for f in $3; do
      for p in $4; do
        quiet "$1 $f $p #$rep"
        BENCH_VENV="$venv" OURS="$ours" PEERS="$p" FILES="$f" RESULTS="$tsv" \
          bash "$bench/run_peers.sh" "$here/data/$2" 1 >> "$out/run_peers-$1.txt"
        printf '   %-10s %-10s %-9s #%s  %s\n' "$1" "$f" "$p" "$rep" "$(tail -1 "$tsv" | awk -F'\t' '{printf "%.3f s  %.0f MB  %s", $5, $6 / 1024, $8}')" >&2
      done
    done
  done
  runs+=("$1=$tsv")
}
peers 1M 1M "employment social" "$peers_1m"
if [ "$quick" = 0 ]; then peers 10M 10M "employment" "$peers_10m"; fi
peers 1M-danish 1M-danish "employment social" "$peers_1m"

# ------------------------------------------------------------------ 5. goalspec check Specs
quiet "goalspec check Specs"
nspecs="$(find "$root/Specs" -name '*.goal' | wc -l)"
log "timing goalspec check Specs ($nspecs spec files; its exit status is ignored: some bundled targets are not met)"
check_s=""
check_how=""
if command -v hyperfine > /dev/null; then
  (cd "$root" && hyperfine -N --warmup 3 --min-runs 20 -i --export-json "$out/check-specs.json" \
     "$goalspec check Specs" >&2)
  check_s="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$out/check-specs.json")"
  check_how="hyperfine median"
else
  times=()
  for _ in $(seq 1 3); do (cd "$root" && "$goalspec" check Specs > /dev/null || true); done
  for _ in $(seq 1 20); do
    t0=$(date +%s.%N)
    (cd "$root" && "$goalspec" check Specs > /dev/null || true)
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc -l)")
  done
  check_s="$(printf '%s\n' "${times[@]}" | python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.stdin))')"
  check_how="median of 20 runs (date +%s.%N; includes a subshell)"
fi

# ----------------------------------------------------------------------------- 6. summary
{
  echo "goalspec benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $reps repeat(s) per figure (median)"
  echo "machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(uname -sr)"
  echo "load:    $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (1/5/15-min load averages, incl. this run)"
  python3 - "$out/busy.tsv" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
b = [int(x[1]) for x in rows]
print(f"idle:    CPUs busy with other work in the second before each of the {len(b)} timed runs: "
      f"median {sorted(b)[len(b) // 2]}%, max {max(b)}%; {sum(x >= 10 for x in b)} runs started at >= 10%")
PY
  echo "code:    goalspec at $revision"
  echo "tools:   $(swift --version 2>&1 | head -1)"
  echo "peers:   $versions"
  echo "         duckdb and polars use the engine default (nproc = $(nproc) threads); -1t is 1 thread"
  python3 - "$reps" "$check_s" "$check_how" "$nspecs" "$out/busy.tsv" "${runs[@]}" <<'PY'
import statistics as st, sys
reps, check_s, check_how, nspecs = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
busy = {}  # (label, file, peer) -> runs started with the CPUs >= 10% busy with other work
for line in open(sys.argv[5], encoding="utf-8"):
    what, b = line.rstrip("\n").split("\t")
    parts = what.split()
    if len(parts) == 4 and int(b) >= 10:
        busy[tuple(parts[:3])] = busy.get(tuple(parts[:3]), 0) + 1
NAMES = {"ours": "goalspec", "wc-l": "wc -l", "duckdb": "DuckDB", "duckdb-1t": "DuckDB 1t",
         "polars": "polars", "polars-1t": "polars 1t", "pandas": "pandas"}
ORDER = ["ours", "duckdb", "duckdb-1t", "polars", "polars-1t", "pandas", "wc-l"]
runs = {}  # (data, file) -> peer -> dict
for arg in sys.argv[6:]:
    label, path = arg.split("=", 1)
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        f, peer, i, size, wall, rss, comp, ok, dia = line.rstrip("\n").split("\t")
        d = runs.setdefault((label, f), {}).setdefault(peer, {"size": int(size), "wall": [], "rss": [], "ok": set()})
        d["wall"].append(float(wall))
        d["rss"].append(int(rss or 0) / 1024)
        d["ok"].add(ok.strip())
fig = {}
print()
hdr = (f"{'data':<10}{'file':<11}{'tool':<11}{'MB':>6}{'wall s (min-max)':>22}{'MB/s':>7}"
       f"{'peak RSS MB':>12}{'goalspec ÷':>11}{'busy':>6}  match")
print(hdr)
print("-" * len(hdr))
for (label, f), peers in runs.items():
    ours = peers.get("ours")
    ours_med = st.median(ours["wall"]) if ours else None
    for peer in sorted(peers, key=lambda p: ORDER.index(p) if p in ORDER else 99):
        d = peers[peer]
        med = st.median(d["wall"])
        rss = max(d["rss"])
        mb = d["size"] / 1e6
        fig[(label, f, peer)] = (med, rss)
        ratio = f"{ours_med / med:.2f}×" if ours_med and peer != "ours" else ""
        ok = d["ok"]
        match = "yes" if ok == {"yes"} else ("-" if ok == {"-"} else " / ".join(sorted(ok))[:60])
        walls = f"{med:.3f} ({min(d['wall']):.3f}-{max(d['wall']):.3f})"
        print(f"{label:<10}{f:<11}{NAMES.get(peer, peer):<11}{mb:>6.0f}{walls:>22}{mb / med:>7.0f}"
              f"{rss:>12.1f}{ratio:>11}{busy.get((label, f, peer), 0):>4}/{len(d['wall'])}  {match}")
    print()
print("wall: median of the repeats, including process start-up; MB/s = CSV bytes (10^6) / median wall;")
print("peak RSS: the largest max-RSS of the repeats (/usr/bin/time %M); goalspec ÷ peer < 1 means goalspec is faster;")
print("busy: repeats that started while other processes used >= 10% of the CPUs (see --wait-idle).")
print(f"goalspec check Specs (the {nspecs} bundled specs and their data): {check_s * 1000:.1f} ms ({check_how})")

print("\nissue 5 targets (measured / target):")
def line(name, value, limit, fmt):
    if value is None:
        print(f"  {name:<46} not measured in this run")
        return
    verdict = "met" if value <= limit else "NOT met"
    print(f"  {name:<46} {fmt(value):>10}  (target <= {fmt(limit)})  {verdict}")
def get(label, f, peer, k=0):
    v = fig.get((label, f, peer))
    return v[k] if v else None
def ratio(label, f, peer):
    a, b = get(label, f, "ours"), get(label, f, peer)
    return a / b if a and b else None
x = lambda v: f"{v:.3f}×"
line("10M employment: goalspec ÷ DuckDB (2 threads)", ratio("10M", "employment", "duckdb"), 0.40, x)
line("10M employment: goalspec ÷ polars (2 threads)", ratio("10M", "employment", "polars"), 0.55, x)
rss10 = get("10M", "employment", "ours", 1)
line("10M employment: goalspec peak RSS", rss10, 32, lambda v: f"{v:.1f} MB")
line("1M employment: goalspec wall", get("1M", "employment", "ours"), 0.08, lambda v: f"{v:.3f} s")
line("1M social: goalspec wall", get("1M", "social", "ours"), 0.08, lambda v: f"{v:.3f} s")
dk = get("1M-danish", "employment", "ours"); std = get("1M", "employment", "ours")
line("1M employment: danish ÷ standard dialect", dk / std if dk and std else None, 1.15, x)
dk = get("1M-danish", "social", "ours"); std = get("1M", "social", "ours")
line("1M social: danish ÷ standard dialect", dk / std if dk and std else None, 1.15, x)
line("goalspec check Specs", check_s * 1000, 20, lambda v: f"{v:.1f} ms")
bad = sorted({f"{l}/{f}" for (l, f), p in runs.items() if "ours" in p and p["ours"]["ok"] != {"yes"}})
print("\ngoalspec's figures match expected.json (check.py):", "yes, every run" if not bad else "NO in " + ", ".join(bad))
PY
} | tee "$out/summary.txt"
echo "(written to ${out#"$root"/})" >&2
