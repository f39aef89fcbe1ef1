#!/usr/bin/env python3
"""Times goalspec, DuckDB, polars and `wc -l` on the benchmark shapes and checks every answer.

    python3 bench_shapes.py --goalspec BIN --venv VENV --data DIR --out DIR [--repeats N]
                            [--shapes "msb quantiles ..."] [--wait-idle SECONDS]

For each shape (a folder DIR/SHAPE made by gen_shapes.py) the tools run in turn, N rounds
(alternating: round 1 of every tool, then round 2, ...), each under `/usr/bin/time -f %M` for
the peak RSS and a monotonic clock for the wall time (process start-up included, warm page
cache: the file is read once before the first round). Tools:

  goalspec    BIN check DIR/SHAPE/spec.goal --format json   (figures.py reads the report)
  duckdb      peers/shapes.py duckdb SHAPE DIR/SHAPE        (2 threads = the machine's cores)
  duckdb-1t   ... --threads 1
  polars      peers/shapes.py polars SHAPE DIR/SHAPE
  polars-1t   ... --threads 1
  wc-l        wc -l FILE                                   (the floor: one read of the file)

Every run's answer is compared with expected.json exactly (check_shapes.py); the "match"
column says yes only when every round of that tool matched. Writes OUT/raw.tsv (one line a
run) and OUT/table.txt, and prints the table.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_shapes  # noqa: E402
import figures  # noqa: E402

FILES = {"msb": "employment.csv", "ndjson": "employment.ndjson", "quantiles": "income.csv",
         "breakdown": "social.csv", "entities": "persons.csv", "wide": "wide.csv",
         "dialect": "amounts.csv", "danish": "amounts.csv"}
TOOLS = ["goalspec", "duckdb", "duckdb-1t", "polars", "polars-1t", "wc-l"]
NAMES = {"goalspec": "goalspec", "duckdb": "DuckDB 2t", "duckdb-1t": "DuckDB 1t",
         "polars": "polars 2t", "polars-1t": "polars 1t", "wc-l": "wc -l"}


def busy_percent():
    """Percent of all CPUs busy over the next 0.5 s (from /proc/stat), niced work included."""
    def snap():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
        return sum(v), v[3] + v[4]
    t0, i0 = snap()
    time.sleep(0.5)
    t1, i1 = snap()
    return round(100 * (1 - (i1 - i0) / max(1, t1 - t0)))


def command(tool, shape, folder, args):
    peer = [os.path.join(args.venv, "bin", "python"), os.path.join(HERE, "peers", "shapes.py")]
    if tool == "goalspec":
        return [args.goalspec, "check", os.path.join(folder, "spec.goal"), "--format", "json"]
    if tool == "wc-l":
        return ["wc", "-l", os.path.join(folder, FILES[shape])]
    engine, _, one = tool.partition("-")
    return peer + [engine, shape, folder] + (["--threads", "1"] if one else [])


def answer_matches(tool, shape, folder, stdout_path):
    if tool == "wc-l":
        return "-"
    try:
        if tool == "goalspec":
            with open(stdout_path, encoding="utf-8") as f:
                got = {"figures": figures.figures(shape, json.load(f))}
        else:
            with open(stdout_path, encoding="utf-8") as f:
                got = json.load(f)
    except (OSError, ValueError, KeyError, TypeError) as e:
        return f"NO ({type(e).__name__})"
    with open(os.path.join(folder, "expected.json"), encoding="utf-8") as f:
        want = json.load(f)["figures"]
    bad = [k for k in want if k not in got.get("figures", {})
           or check_shapes.value(got["figures"][k]) != check_shapes.value(want[k])]
    bad += [k for k in got.get("figures", {}) if k not in want]
    return "yes" if not bad else f"NO: {len(bad)} figures differ, e.g. {bad[0]}"


def run_once(tool, shape, folder, args, tmp):
    out_path = os.path.join(tmp, "out")
    time_path = os.path.join(tmp, "time")
    cmd = ["/usr/bin/time", "-f", "%M", "-o", time_path] + command(tool, shape, folder, args)
    with open(out_path, "wb") as out, open(os.path.join(tmp, "err"), "wb") as err:
        t0 = time.monotonic_ns()
        rc = subprocess.call(cmd, stdout=out, stderr=err)
        t1 = time.monotonic_ns()
    try:
        with open(time_path) as f:
            rss_kb = int(f.read().split()[-1])
    except (OSError, ValueError, IndexError):
        rss_kb = 0
    match = answer_matches(tool, shape, folder, out_path)
    if rc != 0 and match == "yes":
        match = f"NO (exit {rc})"
    return (t1 - t0) / 1e9, rss_kb / 1024, match


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--goalspec", required=True)
    ap.add_argument("--venv", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--shapes", default=" ".join(FILES))
    ap.add_argument("--tools", default=" ".join(TOOLS))
    ap.add_argument("--wait-idle", type=float, default=0.0,
                    help="before each run, wait up to this many seconds for the CPUs to be < 10%% busy")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    shapes = args.shapes.split()
    tools = args.tools.split()
    raw = open(os.path.join(args.out, "raw.tsv"), "a", encoding="utf-8")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            folder = os.path.join(args.data, shape)
            data_file = os.path.join(folder, FILES[shape])
            size = os.path.getsize(data_file)
            subprocess.call(["cat", data_file], stdout=subprocess.DEVNULL)  # warm the page cache
            for rep in range(1, args.repeats + 1):
                for tool in tools:
                    b = busy_percent()
                    deadline = time.monotonic() + args.wait_idle
                    while b >= 10 and time.monotonic() < deadline:
                        time.sleep(1)
                        b = busy_percent()
                    wall, rss, match = run_once(tool, shape, folder, args, tmp)
                    r = results.setdefault((shape, tool), {"size": size, "wall": [], "rss": [], "ok": set(), "busy": 0})
                    r["wall"].append(wall)
                    r["rss"].append(rss)
                    r["ok"].add(match)
                    r["busy"] += b >= 10
                    raw.write(f"{shape}\t{tool}\t{rep}\t{size}\t{wall:.4f}\t{rss:.1f}\t{b}\t{match}\n")
                    raw.flush()
                    print(f"  {shape:<10} {tool:<10} #{rep}  {wall:7.3f} s {rss:7.1f} MB  busy {b:3d}%  {match}",
                          file=sys.stderr)
    lines = table(results, shapes, tools, args.repeats)
    with open(os.path.join(args.out, "table.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    json.dump({f"{s}/{t}": {"wall": statistics.median(r["wall"]), "rss": max(r["rss"]),
                            "match": sorted(r["ok"])} for (s, t), r in results.items()},
              open(os.path.join(args.out, "medians.json"), "w"), indent=1)
    return 0 if all(r["ok"] <= {"yes", "-"} for r in results.values()) else 1


def table(results, shapes, tools, repeats):
    hdr = (f"{'shape':<10}{'tool':<11}{'MB':>7}{'wall s (min-max)':>24}{'MB/s':>7}"
           f"{'peak RSS MB':>13}{'goalspec ÷':>12}{'busy':>6}  match")
    lines = [hdr, "-" * len(hdr)]
    for shape in shapes:
        ours = results.get((shape, "goalspec"))
        ours_med = statistics.median(ours["wall"]) if ours else None
        for tool in tools:
            r = results.get((shape, tool))
            if not r:
                continue
            med = statistics.median(r["wall"])
            mb = r["size"] / 1e6
            ratio = f"{ours_med / med:.2f}×" if ours_med and tool != "goalspec" else ""
            walls = f"{med:.3f} ({min(r['wall']):.3f}-{max(r['wall']):.3f})"
            ok = r["ok"]
            match = "yes" if ok == {"yes"} else ("-" if ok == {"-"} else " / ".join(sorted(ok))[:70])
            lines.append(f"{shape:<10}{NAMES[tool]:<11}{mb:>7.0f}{walls:>24}{mb / med:>7.0f}"
                         f"{max(r['rss']):>13.1f}{ratio:>12}{r['busy']:>4}/{len(r['wall'])}  {match}")
        lines.append("")
    lines.append(f"wall: median of {repeats} alternating runs, process start-up included, warm page cache; "
                 "MB/s = file bytes (10^6) / median wall;")
    lines.append("peak RSS: the largest max-RSS of the runs (/usr/bin/time %M); goalspec ÷ tool < 1: goalspec is faster;")
    lines.append("busy: runs that started while other processes used >= 10% of the CPUs; match: every run's figures "
                 "equal expected.json exactly (check_shapes.py).")
    return lines


if __name__ == "__main__":
    sys.exit(main())
