#!/usr/bin/env python3
"""Compares the figures of a benchmark run with gen_shapes.py's expected.json, exactly.

    python3 check_shapes.py EXPECTED.json ACTUAL.json

ACTUAL is {"figures": {NAME: EXACT}} (Benchmarks/figures.py for goalspec,
Benchmarks/peers/shapes.py for the peers). Every expected figure must be present and equal as
a rational number (or as text, for a period); extra figures are an error too. Prints `yes`
(exit 0) or `NO: ...` (exit 1)."""
import json
import sys
from fractions import Fraction


def value(x):
    try:
        return Fraction(x)
    except (TypeError, ValueError):
        return x


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    expected = json.load(open(sys.argv[1], encoding="utf-8"))["figures"]
    try:
        actual = json.load(open(sys.argv[2], encoding="utf-8"))["figures"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"NO ({type(e).__name__}: no figures)")
        return 1
    errors = []
    for name, want in expected.items():
        if name not in actual:
            errors.append(f"{name}: missing")
        elif value(actual[name]) != value(want):
            errors.append(f"{name}: expected {want}, got {actual[name]}")
    errors += [f"{name}: not expected" for name in actual if name not in expected]
    if errors:
        print("NO: " + "; ".join(errors[:3]) + (f" (+{len(errors) - 3} more)" if len(errors) > 3 else ""))
        return 1
    print("yes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
