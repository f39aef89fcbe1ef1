#!/usr/bin/env bash
# Checks the verdicts of `goalspec check Specs --format json` against Specs/expected-verdicts.txt
# (lines "FILE TARGET VERDICT") and the exit status against the verdicts.
set -euo pipefail
json="$1"
status="$2"
python3 - "$json" "$status" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
status = int(sys.argv[2])
want = {}
for line in open("Specs/expected-verdicts.txt", encoding="utf-8"):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    verdict = next((v for v in ("not met", "no data", "at risk", "met", "error") if line.endswith(" " + v)), None)
    if verdict is None:
        print(f"Specs/expected-verdicts.txt: no verdict at the end of: {line}")
        sys.exit(1)
    f, t = line[: -len(verdict) - 1].split(None, 1)
    want[(f, t.strip())] = verdict
got = {}
def visit(item, f):
    if item["kind"] == "target":
        got[(f, item["id"])] = item["verdict"]
    else:
        got[(f, "goal:" + item["title"])] = item["verdict"]
        for c in item["children"]:
            visit(c, f)
for spec in doc["specs"]:
    for item in spec["items"]:
        visit(item, spec["file"])
bad = []
for k, v in want.items():
    if got.get(k) != v:
        bad.append(f"{k[0]} {k[1]}: expected {v}, got {got.get(k)}")
for k in got:
    if k not in want:
        bad.append(f"{k[0]} {k[1]}: verdict {got[k]} is not listed in Specs/expected-verdicts.txt")
if doc["diagnostics"] and any(d["severity"] == "error" for d in doc["diagnostics"]):
    bad.append("errors: " + "; ".join(d["message"] for d in doc["diagnostics"]))
top = [item["verdict"] for spec in doc["specs"] for item in spec["items"]]
expected_status = 0 if all(v in ("met", "at risk") for v in top) else 1
if status != expected_status:
    bad.append(f"exit status {status}, expected {expected_status} from the top-level verdicts")
if status != doc["exitStatus"]:
    bad.append(f"exit status {status} differs from the JSON's exitStatus {doc['exitStatus']}")
if bad:
    print("Specs verdicts differ:\n  " + "\n  ".join(bad))
    sys.exit(1)
print(f"Specs: {len(got)} verdicts as expected, exit status {status}")
PY
