#!/usr/bin/env python3
"""Deterministic data, specs and exact answers for the benchmark shapes of issue 14
(Python standard library only).

    python3 gen_shapes.py SHAPE --rows N --out DIR [--seed S] [--msb-data DIR]
    python3 gen_shapes.py SHAPE --print-version      (what run.sh compares before reusing data)

SHAPE is one of:
  quantiles   income.csv      person_id,city,income            by city: median, percentile 90
  breakdown   social.csv      citizen_id,city,dimension,age_group,reached
                              by city, dimension, age_group: share(reached) (100x20x5 = 10,000 groups)
  entities    persons.csv     person_id,amount                 N/10 persons of 10 rows each;
                              avg(everyone) over a group of every person (N/10 members; the
                              spec stays under goalspec's 8 MiB limit up to about 1M members)
  ndjson      employment.ndjson  the rows of gen_data.py's employment.csv as NDJSON objects
                              (--msb-data names a folder with employment.csv; the MSB spec)
  wide        wide.csv        60 columns, the spec reads 3 (city at 2, job at 31, weight at 59)
  dialect     amounts.csv     id,city,amount (1234.50): by city sum(amount), count()
  danish      amounts.csv     the same rows in the Danish dialect: ; and decimal comma,
                              thousands points (1.234,50), CRLF, UTF-8 BOM
  msb         (no data)       the MSB spec beside gen_data.py's employment.csv (--msb-data)

Writes into DIR: the data file, `spec.goal` (reads the data file beside it) and
`expected.json` = {"meta": {...}, "figures": {NAME: EXACT}} where EXACT is an integer, a
decimal ("1234.5") or a fraction ("7/3") as a string. The figures are counted by this
generator from the rows it wrote; Benchmarks/figures.py reads the same figures out of
goalspec's JSON report and Benchmarks/peers/shapes.py computes them with DuckDB and polars,
and Benchmarks/check_shapes.py compares them exactly.

Only random.Random(seed).random() is used, so the bytes are the same on every run.
"""
import argparse
import json
import os
import random
import sys
from fractions import Fraction

CHUNK = 200_000
CITIES7 = ["Aarhus", "København", "Odense", "Aalborg", "Esbjerg", "Randers", "Vejle"]
SIX = CITIES7[1:]
CITIES100 = CITIES7 + [f"By{i:02d}" for i in range(7, 100)]
DIMENSIONS20 = [f"dim{i:02d}" for i in range(20)]
AGES5 = ["16-24", "25-34", "35-49", "50-64", "65+"]


def q(s):
    """A spec string literal."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def exact(x):
    """An exact figure as expected.json writes it."""
    if isinstance(x, int):
        return str(x)
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def quantile(hist, p):
    """The quantile rule of docs/SEMANTICS.md §3.1, unweighted, on a {value: count} histogram:
    t = p/100 * n; the first value whose running count C > t, or the mean of it and the next
    value when C == t exactly."""
    n = sum(hist.values())
    t = Fraction(p, 100) * n
    values = sorted(hist)
    c = 0
    for i, v in enumerate(values):
        c += hist[v]
        if c > t:
            return Fraction(v)
        if c == t:
            return Fraction(v + values[i + 1], 2) if i + 1 < len(values) else Fraction(v)
    raise ValueError("empty histogram")


class Writer:
    def __init__(self, path, bom=False):
        self.f = open(path, "w", encoding="utf-8", newline="", buffering=1 << 20)
        if bom:
            self.f.write("\ufeff")
        self.buf = []

    def add(self, line):
        self.buf.append(line)
        if len(self.buf) >= CHUNK:
            self.flush()

    def flush(self):
        self.f.write("".join(self.buf))
        self.buf.clear()

    def close(self):
        self.flush()
        self.f.close()


def pick(r, n):
    return int(r() * n)


# ----------------------------------------------------------------------------- shapes

def gen_quantiles(out, rows, r):
    """Incomes in whole hundreds of kroner: about 3,000 distinct values per city, so a
    median needs memory for distinct values, not rows."""
    hist = {c: {} for c in CITIES7}
    w = Writer(os.path.join(out, "income.csv"))
    w.add("person_id,city,income\n")
    for i in range(rows):
        c = CITIES7[pick(r, 7)]
        # skewed: the sum of two uniforms, squared, up to 300,000 kr, in steps of 100
        u = (r() + r()) / 2
        income = int(u * u * 3000) * 100 + (pick(r, 7) * 1000 if c == "Aarhus" else 0)
        h = hist[c]
        h[income] = h.get(income, 0) + 1
        w.add(f"{1000000 + i},{c},{income}\n")
    w.close()
    spec = ['spec "bench: median and percentile 90 per city"', "",
            'data income from "income.csv"', "",
            'target median_income "Median income per city"', "  data income", "  by city",
            "  median(income) >= 0", "",
            'target p90_income "90th percentile of income per city"', "  data income", "  by city",
            "  percentile(income, 90) >= 0", ""]
    figures = {}
    for c in sorted(hist):
        figures[f"median/{c}"] = exact(quantile(hist[c], 50))
        figures[f"p90/{c}"] = exact(quantile(hist[c], 90))
    return spec, figures


def gen_breakdown(out, rows, r):
    n = {}
    k = {}
    w = Writer(os.path.join(out, "social.csv"))
    w.add("citizen_id,city,dimension,age_group,reached\n")
    for i in range(rows):
        c = CITIES100[pick(r, 100)]
        d = DIMENSIONS20[pick(r, 20)]
        a = AGES5[pick(r, 5)]
        reached = 1 if r() < 0.6 + 0.003 * (len(c) % 10) else 0
        key = (c, d, a)
        n[key] = n.get(key, 0) + 1
        k[key] = k.get(key, 0) + reached
        w.add(f"{5000000 + i},{c},{d},{a},{reached}\n")
    w.close()
    spec = ['spec "bench: a breakdown by city, dimension and age group"', "",
            'data social from "social.csv"', "",
            "define reach goal = reached == 1", "",
            'target reach "Share reaching their goal per city, dimension and age group"',
            "  data social", "  by city, dimension, age_group", "  share(reach goal) >= 0%", ""]
    figures = {f"share/{c}/{d}/{a}": exact(Fraction(k[key], n[key]))
               for key in sorted(n) for c, d, a in [key]}
    figures["groups"] = exact(len(n))
    return spec, figures


def gen_entities(out, rows, r):
    persons = rows // 10
    # Five lower-case letters per id ("aaaaa", "aaaab", ...) written `"aaaab",` in the group: 8
    # bytes a member keeps the spec of 1M members under the 8 MiB limit of a spec file (GS0109).
    letters = "abcdefghijklmnopqrstuvwxyz"
    def name(p):
        out = ""
        for _ in range(5):
            p, d = divmod(p, 26)
            out = letters[d] + out
        return out
    ids = [name(p) for p in range(persons)]
    total = 0
    focus_sum = 0
    w = Writer(os.path.join(out, "persons.csv"))
    w.add("person_id,amount\n")
    for p in range(persons):
        pid = ids[p]
        for _ in range(10):
            a = pick(r, 1000)
            total += a
            if p == 0:
                focus_sum += a
            w.add(f"{pid},{a}\n")
    w.close()
    members = ",".join(q(x) for x in ids)
    spec = ['spec "bench: a peer group of every person"', "",
            'data persons from "persons.csv"', "  entity person_id", "",
            f"group everyone = person_id in [{members}]", "",
            'target above_average "The first person sums at least the average person"',
            "  data persons", f"  for person_id = {q(ids[0])}", "  sum(amount) >= avg(everyone)", ""]
    figures = {"focus_sum": exact(focus_sum), "avg_everyone": exact(Fraction(total, persons)),
               "members": exact(persons)}
    return spec, figures


def msb_spec(data_name, dataset="employment"):
    return [f'spec "bench: the MSB employment targets ({data_name})"', "",
            f'data {dataset} from "{data_name}"', "  entity city", "  time quarter", "",
            "group 6byer = city in [" + ", ".join(q(c) for c in SIX) + "]", "",
            'target job "Andelen i job og uddannelse 1%-point over de øvrige 6-byer"',
            f"  data {dataset}", '  for city = "Aarhus"', "  share(job) >= avg(6byer) + 1.0pp", "",
            'target cities "Every city\'s share in job or education"',
            f"  data {dataset}", "  by city", "  share(job) >= 0%", "",
            'target rows "Rows in the latest quarter"', f"  data {dataset}", "  count() >= 0", "",
            'target weights "Sum of weight in the latest quarter"', f"  data {dataset}",
            "  sum(weight) >= 0", ""]


def read_employment(path):
    """(rows of the latest quarter per city, hits, Σ weight in hundredths) from employment.csv."""
    n, k = {}, {}
    whund = 0
    latest = None
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            _, city, quarter, _, job, weight = line.rstrip("\n").split(",")
            if latest is None or quarter > latest:
                if latest is not None and quarter > latest:
                    n, k, whund = {}, {}, 0
                latest = quarter
            if quarter != latest:
                continue
            n[city] = n.get(city, 0) + 1
            k[city] = k.get(city, 0) + (job == "1")
            whole, _, frac = weight.partition(".")
            whund += int(whole) * 100 + int((frac + "00")[:2])
    return latest, n, k, whund


def figures_msb(latest, n, k, whund):
    share = {c: Fraction(k[c], n[c]) for c in n}
    figures = {f"share/{c}": exact(share[c]) for c in sorted(share)}
    figures["avg_6byer"] = exact(sum(share[c] for c in SIX) / len(SIX))
    figures["rows_latest"] = exact(sum(n.values()))
    figures["weight_sum_latest"] = exact(Fraction(whund, 100))
    figures["latest_quarter"] = latest
    return figures


def gen_msb(out, rows, r, msb_data):
    src = os.path.join(msb_data, "employment.csv")
    dst = os.path.join(out, "employment.csv")
    if os.path.lexists(dst):
        os.remove(dst)
    os.symlink(os.path.abspath(src), dst)
    return msb_spec("employment.csv"), figures_msb(*read_employment(src))


def gen_ndjson(out, rows, r, msb_data):
    src = os.path.join(msb_data, "employment.csv")
    w = Writer(os.path.join(out, "employment.ndjson"))
    with open(src, encoding="utf-8") as f:
        next(f)
        for line in f:
            pid, city, quarter, age, job, weight = line.rstrip("\n").split(",")
            w.add(f'{{"person_id":{pid},"city":"{city}","quarter":"{quarter}",'
                  f'"age_group":"{age}","job":{job},"weight":{weight}}}\n')
    w.close()
    return msb_spec("employment.ndjson"), figures_msb(*read_employment(src))


WIDE_COLUMNS = 60
WIDE_READ = {1: "city", 30: "job", 58: "weight"}   # 0-based positions of the three read columns


def gen_wide(out, rows, r):
    names = [WIDE_READ.get(i, f"c{i:02d}") for i in range(WIDE_COLUMNS)]
    # 512 prepared fillers per unread stretch, so that the generator stays fast
    def filler(lo, hi):
        out_ = []
        for _ in range(512):
            cells = []
            for j in range(lo, hi):
                kind = j % 4
                if kind == 0:
                    cells.append(str(pick(r, 1000)))
                elif kind == 1:
                    cells.append(f"{pick(r, 100)}.{pick(r, 10)}")
                elif kind == 2:
                    cells.append(["a", "bb", "ccc", "Århus", "x y"][pick(r, 5)])
                else:
                    cells.append(str(pick(r, 10)))
            out_.append(",".join(cells))
        return out_
    mid1 = filler(2, 30)
    mid2 = filler(31, 58)
    n, k = {}, {}
    whund = 0
    w = Writer(os.path.join(out, "wide.csv"))
    w.add(",".join(names) + "\n")
    for i in range(rows):
        c = CITIES7[pick(r, 7)]
        job = 1 if r() < 0.85 else 0
        h = 50 + pick(r, 151)
        weight = f"{h // 100}.{h % 100:02d}"
        n[c] = n.get(c, 0) + 1
        k[c] = k.get(c, 0) + job
        whund += h
        w.add(f"{i},{c},{mid1[pick(r, 512)]},{job},{mid2[pick(r, 512)]},{weight},{pick(r, 10)}\n")
    w.close()
    spec = ['spec "bench: a wide file of 60 columns, three of them read"', "",
            'data wide from "wide.csv"', "",
            'target cities "Share in job per city"', "  data wide", "  by city", "  share(job) >= 0%", "",
            'target weights "Sum of weight"', "  data wide", "  sum(weight) >= 0", ""]
    figures = {f"share/{c}": exact(Fraction(k[c], n[c])) for c in sorted(n)}
    figures["weight_sum"] = exact(Fraction(whund, 100))
    return spec, figures


def gen_amounts(out, rows, r, danish):
    """Amounts with two decimals, some above 1,000 (a thousands separator in the Danish file)."""
    sep, eol = (";", "\r\n") if danish else (",", "\n")
    total = {}
    n = {}
    w = Writer(os.path.join(out, "amounts.csv"), bom=danish)
    w.add(sep.join(["id", "city", "amount"]) + eol)
    for i in range(rows):
        c = CITIES7[pick(r, 7)]
        cents = pick(r, 500000) if r() < 0.5 else pick(r, 100000)
        total[c] = total.get(c, 0) + cents
        n[c] = n.get(c, 0) + 1
        whole, frac = divmod(cents, 100)
        if danish:
            amount = f"{whole:,}".replace(",", ".") + f",{frac:02d}"
        else:
            amount = f"{whole}.{frac:02d}"
        w.add(f"{i}{sep}{c}{sep}{amount}{eol}")
    w.close()
    spec = [f'spec "bench: amounts per city ({"Danish" if danish else "standard"} dialect)"', "",
            'data amounts from "amounts.csv"', "",
            'target totals "Sum of amounts per city"', "  data amounts", "  by city", "  sum(amount) >= 0", "",
            'target rows "Rows"', "  data amounts", "  count() >= 0", ""]
    figures = {f"sum/{c}": exact(Fraction(total[c], 100)) for c in sorted(total)}
    figures["rows"] = exact(rows)
    return spec, figures


SHAPES = ["msb", "quantiles", "breakdown", "entities", "ndjson", "wide", "dialect", "danish"]
# Bumped when a shape's bytes change, so that run.sh regenerates only that shape's data.
VERSIONS = {"msb": 1, "quantiles": 1, "breakdown": 1, "entities": 2, "ndjson": 1, "wide": 1,
            "dialect": 1, "danish": 1}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shape", choices=SHAPES)
    ap.add_argument("--print-version", action="store_true",
                    help="print the shape's data version (see VERSIONS) and stop")
    ap.add_argument("--rows", type=int)
    ap.add_argument("--out")
    ap.add_argument("--seed", type=int, default=20241014)
    ap.add_argument("--msb-data", help="folder with gen_data.py's employment.csv (msb, ndjson)")
    a = ap.parse_args(argv)
    if a.print_version:
        print(f"{a.shape}-v{VERSIONS[a.shape]}-seed{a.seed}")
        return 0
    if a.rows is None or a.out is None:
        ap.error("--rows and --out are needed")
    if a.rows < 100:
        ap.error("need --rows >= 100 so every group has rows")
    os.makedirs(a.out, exist_ok=True)
    r = random.Random(a.seed * 31 + SHAPES.index(a.shape)).random
    if a.shape in ("msb", "ndjson"):
        if not a.msb_data:
            ap.error(f"{a.shape} needs --msb-data")
        spec, figures = (gen_msb if a.shape == "msb" else gen_ndjson)(a.out, a.rows, r, a.msb_data)
    elif a.shape in ("dialect", "danish"):
        spec, figures = gen_amounts(a.out, a.rows, r, a.shape == "danish")
    else:
        spec, figures = {"quantiles": gen_quantiles, "breakdown": gen_breakdown,
                         "entities": gen_entities, "wide": gen_wide}[a.shape](a.out, a.rows, r)
    with open(os.path.join(a.out, "spec.goal"), "w", encoding="utf-8") as f:
        f.write("\n".join(spec))
    meta = {"generator": "gen_shapes.py", "shape": a.shape, "rows": a.rows, "seed": a.seed}
    with open(os.path.join(a.out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "figures": figures}, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
