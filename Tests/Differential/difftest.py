#!/usr/bin/env python3
"""difftest.py --seeds N [--start S] [--jobs 2] [--large K] [--keep DIR]

Generates N seeds (gen.py), runs `goalspec check DIR --format json` once per chunk of seeds,
and compares every verdict and every exact figure (measures[].exact, members[].exact,
checks[].valueExact / thresholdExact / marginExact) with oracle.py, as Fractions.

A disagreement is printed with a minimal repro (the target, its data file shrunk by dropping
rows while the disagreement persists). The last line is
  differential: N seeds, T targets, F figures, D disagreements
and the exit status is 1 when D > 0.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gen  # noqa: E402
import oracle  # noqa: E402
import speclang as sl  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))


def goalspec_bin():
    return os.environ.get("GOALSPEC") or os.path.join(ROOT, ".build", "debug", "goalspec")


def frac(s):
    if s is None:
        return None
    return Fraction(s)


# ---------------------------------------------------------------- generation (worker processes)

def gen_seed(args):
    seed, outdir = args
    d = os.path.join(outdir, f"seed{seed}")
    t0 = time.time()
    spec = gen.generate(seed, d)
    expected = oracle.evaluate_spec(spec, os.path.join(d, "data.csv"))
    return seed, d, spec, expected, time.time() - t0


def run_goalspec(path, extra=()):
    p = subprocess.run([goalspec_bin(), "check", path, "--format", "json", *extra],
                       capture_output=True, text=True)
    try:
        return json.loads(p.stdout)
    except json.JSONDecodeError:
        return {"crash": True, "status": p.returncode, "stderr": p.stderr[-2000:], "stdout": p.stdout[-2000:]}


# ---------------------------------------------------------------- comparison

class Stats:
    def __init__(self):
        self.targets = 0
        self.figures = 0
        self.unmatched = {}


def compare_scope(exp, got, stats, where, exclude=None):
    """Compares one evaluation (a target without parts, or a part). Returns a list of problems."""
    probs = []
    if exp["verdict"] != got["verdict"]:
        probs.append(f"{where}verdict: oracle {exp['verdict']!r} ({exp.get('reason')}), "
                     f"goalspec {got['verdict']!r} ({got['explanation'].get('reason')})")
    ex = got["explanation"]
    # checks: both sides and the margin of every comparison, when the oracle decided it
    if exp["verdict"] in ("met", "not met", "at risk"):
        gchecks = ex.get("checks") or []
        if len(gchecks) != len(exp["checks"]):
            probs.append(f"{where}checks: oracle {len(exp['checks'])}, goalspec {len(gchecks)}")
        for i, (e, g) in enumerate(zip(exp["checks"], gchecks)):
            for name, ev, gv in (("value", e[0], g.get("valueExact")), ("threshold", e[1], g.get("thresholdExact")),
                                 ("margin", e[2], g.get("marginExact"))):
                if exclude and name in exclude:
                    continue      # an exclusion made by gen.py, naming its FOUND.md entry
                stats.figures += 1
                if frac(gv) != ev:
                    probs.append(f"{where}check {i} ({g.get('text')}) {name}: oracle {oracle.fstr(ev)}, goalspec {gv}")
            if bool(g.get("met")) != bool(e[3]):
                probs.append(f"{where}check {i} met: oracle {e[3]}, goalspec {g.get('met')}")
    # measures: own measures by (label, period); peer aggregates in order
    own = {}
    peers = []
    for f in exp["figures"]:
        if "peer" in f:
            peers.append(f)
        else:
            own.setdefault((f["label"], f["period"]), []).append(f["exact"])
    gpeers = []
    for m in ex.get("measures") or []:
        key = (m["label"], m["period"])
        if m.get("members"):
            gpeers.append(m)
            continue
        if m["label"].startswith("pooled(") or " in pooled " in m["label"]:
            gpeers.append(m)
            continue
        if own.get(key):
            # the same label and period may occur more than once (a measure written twice, or
            # a partial pooled measure of a no-data target): compare in order of appearance
            e = own[key].pop(0)
            stats.figures += 1
            if frac(m["exact"]) != e:
                probs.append(f"{where}measure {m['label']} at {m['period']}: oracle {oracle.fstr(e)}, goalspec {m['exact']}")
        else:
            stats.unmatched[m["label"]] = stats.unmatched.get(m["label"], 0) + 1
    # peer aggregates: match the avg/median/min/max ones (members listed) in order, and the
    # pooled value by label "pooled(...)"
    gp_members = [m for m in gpeers if m.get("members")]
    gp_pooled = [m for m in gpeers if m["label"].startswith("pooled(")]
    ep_members = [f for f in peers if f["members"] is not None]
    ep_pooled = [f for f in peers if f["members"] is None]
    for e, g in zip(ep_members, gp_members):
        stats.figures += 1
        if frac(g["exact"]) != e["exact"]:
            probs.append(f"{where}peer {g['label']}: oracle {oracle.fstr(e['exact'])}, goalspec {g['exact']}")
        gm = {x["name"]: frac(x["exact"]) for x in g["members"]}
        for name, v in e["members"].items():
            stats.figures += 1
            if gm.get(name) != v:
                probs.append(f"{where}peer {g['label']} member {name}: oracle {oracle.fstr(v)}, goalspec {gm.get(name)}")
    for e, g in zip(ep_pooled, gp_pooled):
        stats.figures += 1
        if frac(g["exact"]) != e["exact"]:
            probs.append(f"{where}pooled {g['label']}: oracle {oracle.fstr(e['exact'])}, goalspec {g['exact']}")
    return probs


def compare_target(exp, got, stats, t=None):
    probs = []
    if got.get("period") != exp["period"]:
        probs.append(f"period: oracle {exp['period']}, goalspec {got.get('period')}")
    if exp["parts"] is None:
        if got.get("parts"):
            probs.append(f"parts: oracle none, goalspec {len(got['parts'])}")
        probs += compare_scope(exp, got, stats, "", (t or {}).get("exclude"))
        return probs
    if exp["verdict"] != got["verdict"]:
        probs.append(f"verdict: oracle {exp['verdict']!r}, goalspec {got['verdict']!r} "
                     f"({got['explanation'].get('reason')})")
    gparts = {json.dumps(p["key"], sort_keys=True, ensure_ascii=False): p for p in got.get("parts") or []}
    eparts = {json.dumps(p["key"], sort_keys=True, ensure_ascii=False): p for p in exp["parts"]}
    if set(gparts) != set(eparts):
        probs.append(f"parts: oracle {sorted(eparts)}, goalspec {sorted(gparts)}")
    for k in sorted(set(gparts) & set(eparts)):
        probs += compare_scope(eparts[k], gparts[k], stats, f"part {k}: ", (t or {}).get("exclude"))
    return probs


def items_of(report):
    out = {}
    def walk(items, spec_file):
        for it in items:
            if it["kind"] == "target":
                out[(spec_file, it["id"])] = it
            else:
                walk(it.get("children", []), spec_file)
    for s in report.get("specs", []):
        walk(s.get("items", []), os.path.basename(s["file"]))
    return out


def goals_of(report, spec_file):
    out = []
    def walk(items):
        for it in items:
            if it["kind"] == "goal":
                out.append(it)
                walk(it.get("children", []))
    for s in report.get("specs", []):
        if os.path.basename(s["file"]) == spec_file:
            walk(s.get("items", []))
    return out


def spec_errors(report, spec_file):
    errs = []
    for d in report.get("diagnostics", []):
        if d["severity"] == "error" and (d.get("file") is None or os.path.normpath(d["file"]).endswith(spec_file)):
            errs.append(f"{d['code']} {d.get('file')}:{d.get('line')}: {d['message']}")
    return errs


def check_seed(seed, d, spec, expected, report, base, stats):
    """Disagreements of one seed: list of (target id, [problems])."""
    rel = f"s{seed}.goal"
    if report.get("crash"):
        return [(None, [f"goalspec crashed: status {report['status']}: {report['stderr']}"])]
    errs = spec_errors(report, f"s{seed}.goal")
    want = spec.get("expect_error")
    if want:
        # The oracle predicts a rejection (numbers that read two ways): exactly that code.
        stats.figures += 1
        if errs and all(e.split(" ", 1)[0] == want for e in errs):
            return []
        return [(None, [f"expected goalspec to reject the spec with {want}, got: " + ("; ".join(errs[:3]) or "no error")])]
    if errs:
        return [(None, ["goalspec rejected the generated spec: " + "; ".join(errs[:3])])]
    items = items_of(report)
    out = []
    for g in goals_of(report, rel):
        key = ("goal", g["title"])
        if key in expected:
            stats.targets += 1
            if expected[key] != g["verdict"]:
                out.append((None, [f"goal {g['title']!r}: oracle {expected[key]!r}, goalspec {g['verdict']!r}"]))
    for t in spec["targets"]:
        stats.targets += 1
        got = items.get((rel, t["id"]))
        if got is None:
            out.append((t["id"], ["target missing from goalspec's report"]))
            continue
        probs = compare_target(expected[t["id"]], got, stats, t)
        if probs:
            out.append((t["id"], probs))
    return out


# ---------------------------------------------------------------- shrinking

def write_single(spec, t, rows, header, d):
    os.makedirs(d, exist_ok=True)
    s = dict(spec, targets=[t], goals=[], expect_error=None)
    g = gen.Gen(0)
    g.header, g.rows = header, rows
    with open(os.path.join(d, "data.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(g.csv_text())
    with open(os.path.join(d, "repro.goal"), "w", encoding="utf-8") as f:
        f.write(sl.render_spec(s))
    with open(os.path.join(d, "spec.json"), "w", encoding="utf-8") as f:
        json.dump(s, f, ensure_ascii=False, indent=1)
    return s


def disagrees(spec, t, rows, header, d):
    """The problems of target t on these rows, or None when it agrees or the case is unusable."""
    if not rows:
        return None
    shutil.rmtree(d, ignore_errors=True)
    s = write_single(spec, t, rows, header, d)
    report = run_goalspec(os.path.join(d, "repro.goal"))
    if report.get("crash"):
        return ["crash"]
    if any(x["severity"] == "error" for x in report.get("diagnostics", [])):
        return None
    try:
        exp = oracle.evaluate_spec(s, os.path.join(d, "data.csv"))[t["id"]]
    except oracle.GapHit:
        return None
    items = list(items_of(report).values())
    if not items:
        return None
    probs = compare_target(exp, items[0], Stats(), t)
    return probs or None


def read_rows(path):
    import csv
    with open(path, encoding="utf-8", newline="") as f:
        rd = csv.reader(f)
        header = next(rd)
        rows = [dict(zip(header, r)) for r in rd]
    return header, rows


def shrink(spec, t, d, outdir, budget=80):
    header, rows = read_rows(os.path.join(d, "data.csv"))
    work = os.path.join(outdir, "shrink-work")
    first = disagrees(spec, t, rows, header, work)
    if not first:
        return None, rows, header
    kind = first[0].split(":")[0]
    calls = 1
    chunk = max(1, len(rows) // 2)
    while chunk >= 1 and calls < budget:
        i = 0
        progressed = False
        while i < len(rows) and calls < budget:
            cand = rows[:i] + rows[i + chunk:]
            calls += 1
            p = disagrees(spec, t, cand, header, work)
            if p and p[0].split(":")[0] == kind:
                rows = cand
                first = p
                progressed = True
            else:
                i += chunk
        if not progressed:
            chunk //= 2
    final = os.path.join(outdir, f"repro-seed{spec['seed']}-{t['id']}")
    shutil.rmtree(final, ignore_errors=True)
    write_single(spec, t, rows, header, final)
    shutil.rmtree(work, ignore_errors=True)
    return first, rows, final


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=50)
    ap.add_argument("--start", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=100, help="seeds per goalspec call")
    ap.add_argument("--keep", help="write the cases here (default: a temporary folder)")
    ap.add_argument("--large", type=int, default=0, help="also check this many large (> 8 MiB) files")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()

    if not os.path.exists(goalspec_bin()):
        print(f"no goalspec binary at {goalspec_bin()} (swift build, or set GOALSPEC)", file=sys.stderr)
        return 2
    outdir = a.keep or tempfile.mkdtemp(prefix="goalspec-diff-")
    os.makedirs(outdir, exist_ok=True)
    t0 = time.time()
    seeds = list(range(a.start, a.start + a.seeds))
    chunks = [seeds[i:i + a.chunk] for i in range(0, len(seeds), a.chunk)]
    results = {}
    with ProcessPoolExecutor(max_workers=a.jobs) as pool:
        for ci, ch in enumerate(chunks):
            cdir = os.path.join(outdir, f"chunk{ci}")
            for seed, d, spec, expected, dt in pool.map(gen_seed, [(s, cdir) for s in ch]):
                results[seed] = (d, spec, expected, cdir)
    t_gen = time.time() - t0
    cdirs = sorted({v[3] for v in results.values()})
    with ThreadPoolExecutor(max_workers=a.jobs) as tp:
        reports = dict(zip(cdirs, tp.map(run_goalspec, cdirs)))
    t_run = time.time() - t0 - t_gen

    stats = Stats()
    disagreements = []
    for seed in seeds:
        d, spec, expected, cdir = results[seed]
        for tid, probs in check_seed(seed, d, spec, expected, reports[cdir], cdir, stats):
            disagreements.append((seed, d, spec, tid, probs))

    # Every fourth seed again from the same data as a Danish Excel CSV and as an xlsx workbook.
    import variants
    nvariants = 0
    for kind, write in variants.WRITERS.items():
        if kind == "xlsx":
            try:
                import openpyxl  # noqa: F401
            except ImportError:
                print("openpyxl missing: the xlsx variant is skipped", file=sys.stderr)
                continue
        vroot = os.path.join(outdir, f"variant-{kind}")
        chosen = [s for s in seeds if s % 4 == 0 and not results[s][1].get("expect_error")]
        for seed in chosen:
            d, spec, expected, cdir = results[seed]
            write(d, os.path.join(vroot, f"seed{seed}"), f"s{seed}.goal", spec["columns"])
        if not chosen:
            continue
        report = run_goalspec(vroot)
        for seed in chosen:
            d, spec, expected, cdir = results[seed]
            vd = os.path.join(vroot, f"seed{seed}")
            for tid, probs in check_seed(seed, vd, spec, expected, report, vroot, stats):
                disagreements.append((seed, vd, dict(spec, large=kind), tid, [f"[{kind} variant] " + p for p in probs]))
            nvariants += 1

    nlarge = 0
    if a.large:
        import bigfiles
        lstats, ldis = bigfiles.run(a.large, outdir, a.jobs, stats)
        nlarge = lstats
        disagreements += ldis

    for seed, d, spec, tid, probs in disagreements:
        print(f"--- disagreement: seed {seed}, target {tid}")
        t = next((x for x in spec["targets"] if x["id"] == tid), None)
        if t is not None:
            print("    " + sl.render_target(t).replace("\n", "\n    "))
        print(f"    data: {os.path.join(d, 'data.csv')}")
        for p in probs[:8]:
            print(f"    {p}")
        if t is not None and not a.no_shrink and not spec.get("large"):
            first, rows, final = shrink(spec, t, d, outdir)
            if first:
                print(f"    shrunk to {len(rows)} rows: {final}/repro.goal")
                for p in first[:4]:
                    print(f"      {p}")
    if a.verbose:
        print(f"generation+oracle {t_gen:.1f}s, goalspec {t_run:.1f}s", file=sys.stderr)
        for k, v in sorted(stats.unmatched.items(), key=lambda kv: -kv[1])[:40]:
            print(f"unmatched measure label {v}x: {k}", file=sys.stderr)
    if not a.keep and not disagreements:
        shutil.rmtree(outdir, ignore_errors=True)
    elif disagreements:
        print(f"cases kept in {outdir}")
    nseeds = len(seeds) + nlarge
    print(f"variants: {nvariants} seed files rewritten as Danish Excel CSV (cp1252, ';', 1.234,5) or xlsx, "
          f"checked against the same expectations")
    print(f"differential: {nseeds} seeds, {stats.targets} targets, {stats.figures} figures, "
          f"{len(disagreements)} disagreements")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
