#!/usr/bin/env python3
"""Writes the hostile-input corpus (issue 13): long but legal specs that once overflowed the
stack or took exponential time, data that was slow to add up, paths that are not regular files
(FIFOs, devices, folders) and a sparse 1 GB spec, plus the small files they read.
Usage: gen.py OUTDIR"""
import os
import sys

HEADER = 'data t from "t.csv"\n  time quarter\n\n'
CSV = "quarter,x,y\n2024K1,1,2\n2024K1,3,4\n2024K2,5,6\n2024K2,7,0\n"


def target(body, extra=""):
    return f"target t\n  data t\n{extra}  {body}\n"


def chain(op, n, term):
    return f" {op} ".join(term(i) for i in range(n))


def inputs():
    ins = {}
    # A row condition of many terms joined by `and` / `or`.
    ins["and_10k"] = HEADER + target("all " + chain("and", 10_000, lambda i: f"x > {i}"))
    ins["or_100k"] = HEADER + target("all " + chain("or", 100_000, lambda i: f"x > {i}"))
    # Chained defines, each using the previous once.
    lines = ["define d1 = x > 0"] + [f"define d{i} = d{i-1} and x > {i}" for i in range(2, 6001)]
    ins["defines_6k"] = HEADER + "\n".join(lines) + "\n\n" + target("all d6000")
    # Arithmetic chains: row-level sums and measure-level sums.
    ins["plus_6k_row"] = HEADER + target("all " + chain("+", 6_000, lambda i: "x") + " > 0")
    ins["plus_6k_measure"] = HEADER + target(chain("+", 6_000, lambda i: "sum(x)") + " >= 0")
    ins["plus_100k_row"] = HEADER + target("all " + chain("+", 100_000, lambda i: "x") + " > 0")
    ins["times_20k_row"] = HEADER + target("all " + chain("*", 20_000, lambda i: "x") + " > 0")
    ins["minus_20k_measure"] = HEADER + target(chain("-", 20_000, lambda i: "sum(y)") + " <= 0")
    # Percentage points added to a share.
    ins["pp_1400"] = HEADER + target("share(x > 2) >= 0% + " + chain("+", 1_400, lambda i: "1pp"))
    ins["pp_90"] = HEADER + target("share(x > 2) >= 0% + " + chain("+", 90, lambda i: "1pp"))
    # Just under the parser's limit (1,000 operators deep): accepted and evaluated.
    ins["and_990"] = HEADER + target("all " + chain("and", 990, lambda i: "x > 0"))
    ins["plus_990_measure"] = HEADER + target(chain("+", 990, lambda i: "sum(x)") + " >= 0")
    ins["pp_990"] = HEADER + target("share(x > 2) >= 0% + " + chain("+", 990, lambda i: "0pp"))
    lines = ["define c1 = x > 0"] + [f"define c{i} = c{i-1} and x > 0" for i in range(2, 700)]
    ins["defines_699"] = HEADER + "\n".join(lines) + "\n\n" + target("all c699")
    # Wide rather than deep: a list of 100,000 values and a call with 20,000 arguments.
    ins["list_100k"] = HEADER + target("all x in [" + ", ".join(str(i) for i in range(100_000)) + "]")
    ins["args_20k"] = HEADER + target("sum(" + ", ".join("x" for _ in range(20_000)) + ") >= 0")
    # Many small declarations: 5,000 targets sharing one define, 20,000 defines unused.
    ins["targets_5k"] = HEADER + "define p = x > 0\n\n" + "".join(
        f"target t{i}\n  data t\n  share(p) >= {i % 100}%\n\n" for i in range(5_000))
    ins["defines_unused_20k"] = HEADER + "".join(f"define u{i} = x > {i}\n" for i in range(20_000)) + "\n" + target("all x > 0")
    # Prefix operators repeated.
    ins["not_100k"] = HEADER + target("all " + "not " * 100_000 + "x > 0")
    ins["negate_100k"] = HEADER + target("all " + "-" * 100_000 + "x > 0")
    ins["parens_100k"] = HEADER + target("all " + "(" * 100_000 + "x > 0" + ")" * 100_000)
    # A 50,000-term chain (for fmt above all).
    ins["fmt_chain_50k"] = HEADER + target("all " + chain("and", 50_000, lambda i: f"x > {i}"))
    # Exponential define expansion: each define uses the previous three times.
    for depth in (16, 18):
        lines = ["define e1 = x > 0"] + [
            f"define e{i} = e{i-1} and e{i-1} or e{i-1}" for i in range(2, depth + 1)]
        ins[f"defines_exp_{depth}"] = HEADER + "\n".join(lines) + "\n\n" + target(f"all e{depth}")
    # Measure-level defines, used three times, and a long chain of measure defines.
    lines = ["define m1 = sum(x)"] + [f"define m{i} = m{i-1} + m{i-1} - m{i-1}" for i in range(2, 19)]
    ins["defines_exp_measure_18"] = HEADER + "\n".join(lines) + "\n\n" + target("m18 >= 0")
    lines = ["define m1 = sum(x)"] + [f"define m{i} = m{i-1} + sum(y)" for i in range(2, 6001)]
    ins["defines_measure_6k"] = HEADER + "\n".join(lines) + "\n\n" + target("m6000 >= 0")
    # Deeply nested goals.
    goals = "".join("  " * i + f'goal "g{i}"\n' for i in range(300))
    ins["goals_300"] = HEADER + goals + "  " * 300 + "target t\n" + "  " * 301 + "data t\n" + "  " * 301 + "all x > 0\n"
    # Data that is costly to add up: 50,000 rows of the smallest and largest exponents read.
    exp = 'data e from "exp.csv"\n  time quarter\n\n'
    for name, measure in [("sum", "sum(tiny)"), ("mean", "mean(tiny)"), ("mixed_sum", "sum(mixed)"),
                          ("mixed_mean", "mean(mixed)"), ("min", "min(tiny)"), ("max", "max(mixed)")]:
        ins[f"exp_50k_{name}"] = exp + f"target t\n  data e\n  {measure} >= 0\n"
    # Paths that are not regular files: a FIFO (opening it for reading would wait for a writer),
    # /dev/zero (endless), /dev/urandom, a folder; as data and as imports.
    special = "\n  time quarter\n\ntarget t\n  data t\n  sum(x) >= 0\n"
    ins["special_fifo_data"] = 'data t from "fifo.csv"' + special
    ins["special_zero_data"] = 'data t from "zero.csv"' + special
    ins["special_urandom_data"] = 'data t from "urandom.csv"' + special
    ins["special_dir_data"] = 'data t from "folder.csv"' + special
    for name in ("fifo.goal.in", "zero.goal.in", "folder.goal.in"):
        ins["special_import_" + name.split(".")[0]] = f'import "{name}"\n\n' + HEADER + target("all x > 0")
    # Terminal control: escape sequences, a lone CR, BEL and bidirectional overrides in code,
    # strings, comments, data values and a data header. run.sh requires that no output carries
    # a raw control character (TERMINAL_NAMES below).
    esc = "\x1b[2J\x1b[1;1H\x1b]0;owned\x07\x1b]8;;http://x\x07"
    ins["terminal_code"] = HEADER + target("all x > 0 " + esc)
    ins["terminal_string"] = HEADER + f'target t "ok{esc}"\n  data t\n  all x > 0\n'
    ins["terminal_comment"] = HEADER + f"# {esc} \u202e reversed \u2066\rhidden\n" + target("all x > 0")
    ins["terminal_for_value"] = HEADER + target("all x > 0", extra=f'  for quarter = "2024K1{esc}"\n')
    ins["terminal_data_values"] = ('data e from "escapes.csv"\n  entity city\n\n'
                                   'target t\n  data e\n  by city\n  sum(n) >= 1\n')
    ins["terminal_data_header"] = 'data h from "cr_header.csv"\n\ntarget t\n  data h\n  sum(n) >= 1\n'
    return ins


# The inputs whose every output run.sh checks for raw control characters.
TERMINAL_NAMES = ["terminal_code", "terminal_string", "terminal_comment", "terminal_for_value",
                  "terminal_data_values", "terminal_data_header"]


def special_files(out):
    """FIFOs, device links, a folder and a sparse 1 GB spec (nothing of it is written)."""
    def fresh(path):
        if os.path.lexists(path):
            os.remove(path) if not os.path.isdir(path) or os.path.islink(path) else os.rmdir(path)
    for name in ("fifo.csv", "fifo.goal.in", "special_fifo_spec.goal"):
        fresh(os.path.join(out, name))
        os.mkfifo(os.path.join(out, name))
    for name, device in (("zero.csv", "/dev/zero"), ("urandom.csv", "/dev/urandom"), ("zero.goal.in", "/dev/zero"),
                         ("special_urandom_spec.goal", "/dev/urandom")):
        fresh(os.path.join(out, name))
        os.symlink(device, os.path.join(out, name))
    for name in ("folder.csv", "folder.goal.in"):
        os.makedirs(os.path.join(out, name), exist_ok=True)
    with open(os.path.join(out, "huge_1g.goal"), "wb") as f:
        f.truncate(1 << 30)
    with open(os.path.join(out, "escapes.csv"), "w", newline="") as f:
        f.write("city,n\nAar\x1b[2Jhus,1\n\"Ode\rnse\",2\nVej\x1b]0;t\x07le,3\nBi\u202edi,4\n")
    with open(os.path.join(out, "cr_header.csv"), "w", newline="") as f:
        f.write("city,n\r1,2\r\x1b[2J,3\r")
    with open(os.path.join(out, "exp.csv"), "w") as f:
        f.write("quarter,tiny,mixed\n")
        for i in range(50_000):
            f.write("2024K1,1e-32767," + ("1e32767" if i % 2 else "1") + "\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "hostile-out"
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "t.csv"), "w") as f:
        f.write(CSV)
    # An import DAG: 40 files, each importing the next two (2^40 paths if not memoised).
    os.makedirs(os.path.join(out, "imports"), exist_ok=True)
    for i in range(40):
        imports = "".join(f'import "f{j}.goal"\n' for j in (i + 1, i + 2) if j < 40)
        data = 'data t from "../t.csv"\n  time quarter\n\n' if i == 39 else ""
        with open(os.path.join(out, "imports", f"f{i}.goal"), "w") as f:
            f.write(imports + "\n" + data + f"define q{i} = x > {i}\n")
    with open(os.path.join(out, "import_dag_40.goal"), "w") as f:
        f.write('import "imports/f0.goal"\n\ntarget t\n  data t\n  all q0 and q1\n')
    special_files(out)
    for name, text in inputs().items():
        with open(os.path.join(out, name + ".goal"), "w") as f:
            f.write(text)
    print(len(inputs()))


if __name__ == "__main__":
    main()
