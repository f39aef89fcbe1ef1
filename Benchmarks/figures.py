#!/usr/bin/env python3
"""Reads the figures of a benchmark shape out of goalspec's JSON report
(`goalspec check DIR/spec.goal --format json`), in the shape of gen_shapes.py's expected.json.

    python3 figures.py SHAPE REPORT.json          prints {"figures": {NAME: EXACT}}

Every figure is a measure's `exact` value in the report (a part's measure for `by` targets,
the members' count and the peer aggregate for `avg(everyone)`), so nothing is recomputed here."""
import json
import sys


def targets(report):
    for spec in report["specs"]:
        for item in spec["items"]:
            if item["kind"] == "target":
                yield item["id"], item


def measure(explanation, prefix):
    for m in explanation["measures"]:
        if m["label"].startswith(prefix):
            return m
    raise KeyError(f"no measure {prefix}... in {explanation}")


def parts(target, prefix, name):
    out = {}
    for p in target["parts"]:
        key = "/".join(p["key"].values())
        out[f"{name}/{key}"] = measure(p["explanation"], prefix)["exact"]
    return out


def figures(shape, report):
    t = dict(targets(report))
    f = {}
    if shape in ("msb", "ndjson"):
        job = t["job"]["explanation"]
        f.update(parts(t["cities"], "share(", "share"))
        f["avg_6byer"] = measure(job, "avg(")["exact"]
        f["rows_latest"] = measure(t["rows"]["explanation"], "count(")["exact"]
        f["weight_sum_latest"] = measure(t["weights"]["explanation"], "sum(")["exact"]
        f["latest_quarter"] = t["job"]["period"]
    elif shape == "quantiles":
        f.update(parts(t["median_income"], "median(", "median"))
        f.update(parts(t["p90_income"], "percentile(", "p90"))
    elif shape == "breakdown":
        f.update(parts(t["reach"], "share(", "share"))
        f["groups"] = str(len(t["reach"]["parts"]))
    elif shape == "entities":
        e = t["above_average"]["explanation"]
        peers = measure(e, "avg(")
        f["focus_sum"] = measure(e, "sum(")["exact"]
        f["avg_everyone"] = peers["exact"]
        f["members"] = str(len(peers["members"]))
    elif shape == "wide":
        f.update(parts(t["cities"], "share(", "share"))
        f["weight_sum"] = measure(t["weights"]["explanation"], "sum(")["exact"]
    elif shape in ("dialect", "danish"):
        f.update(parts(t["totals"], "sum(", "sum"))
        f["rows"] = measure(t["rows"]["explanation"], "count(")["exact"]
    return f


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    try:
        report = json.load(open(sys.argv[2], encoding="utf-8"))
        out = figures(sys.argv[1], report)
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"figures.py: {type(e).__name__}: {str(e)[:300]}", file=sys.stderr)
        return 1
    json.dump({"figures": out}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
