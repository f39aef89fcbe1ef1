#!/usr/bin/env python3
"""The peers of the benchmark shapes: DuckDB and polars compute the figures of
gen_shapes.py's expected.json, one scan of the data file each.

    python shapes.py duckdb|polars SHAPE DIR [--threads N]      (N = 0: the engine's default)

Prints {"figures": {NAME: EXACT}} on stdout (EXACT as in expected.json: the engines return
integer counts and sums, whole hundredths for the two-decimal columns, and this script forms
the exact fractions) and `TIMING import_s=.. compute_s=..` on stderr.

How each shape is asked (the engine does the scan and the grouping; Python only forms the
fractions of the few result rows):
  msb, ndjson  GROUP BY quarter, city: count, sum(job), sum(round(weight * 100))
  quantiles    GROUP BY city: median(income) (the mean of the two middle values for an even
               count: the quantile rule of docs/SEMANTICS.md §3.1 at 1/2), and for the 90th
               percentile the rule's two candidates x[ceil(0.9 n)] = quantile_disc(income, 0.9)
               and x[floor(0.9 n) + 1] = -quantile_disc(-income, 0.1), averaged (they are the
               same value unless 0.9 n is whole); polars: interpolation "equiprobable"
  breakdown    GROUP BY city, dimension, age_group: count, sum(reached)
  entities     GROUP BY person_id: sum(amount); then the sum and count of those sums (the group
               `everyone` holds every person) and the first person's sum
  wide         GROUP BY city: count, sum(job), sum(round(weight * 100)); 3 of 60 columns
  dialect      GROUP BY city: count, sum(round(amount * 100))
  danish       the same on the Danish file, amount read as text: thousands points dropped and
               the decimal comma removed give whole hundredths (no engine reads 1.234,50)
"""
import json
import os
import sys
import time
from fractions import Fraction

T0 = time.perf_counter()
SIX = ["København", "Odense", "Aalborg", "Esbjerg", "Randers", "Vejle"]


def exact(x):
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def msb(rows):
    """rows: (quarter, city, n, k, hundredths)."""
    latest = max(r[0] for r in rows)
    share, n_latest, w = {}, 0, 0
    for quarter, city, n, k, h in rows:
        if quarter == latest:
            share[city] = Fraction(int(k), int(n))
            n_latest += int(n)
            w += int(h)
    f = {f"share/{c}": exact(share[c]) for c in sorted(share)}
    f["avg_6byer"] = exact(sum(share[c] for c in SIX) / len(SIX))
    f["rows_latest"] = exact(n_latest)
    f["weight_sum_latest"] = exact(Fraction(w, 100))
    f["latest_quarter"] = latest
    return f


def quantiles(rows):
    """rows: (city, median, p90 low candidate, p90 high candidate)."""
    f = {}
    for city, med, lo, hi in sorted(rows):
        f[f"median/{city}"] = exact(Fraction(med))
        f[f"p90/{city}"] = exact((Fraction(lo) + Fraction(hi)) / 2)
    return f


def breakdown(rows):
    f = {f"share/{c}/{d}/{a}": exact(Fraction(int(k), int(n))) for c, d, a, n, k in sorted(rows)}
    f["groups"] = exact(len(rows))
    return f


def entities(total, members, focus):
    return {"focus_sum": exact(int(focus)), "avg_everyone": exact(Fraction(int(total), int(members))),
            "members": exact(int(members))}


def per_city(rows, with_share):
    """rows: (city, n, k, hundredths) or (city, n, hundredths)."""
    f = {}
    if with_share:
        w = 0
        for city, n, k, h in sorted(rows):
            f[f"share/{city}"] = exact(Fraction(int(k), int(n)))
            w += int(h)
        f["weight_sum"] = exact(Fraction(w, 100))
    else:
        total = 0
        for city, n, h in sorted(rows):
            f[f"sum/{city}"] = exact(Fraction(int(h), 100))
            total += int(n)
        f["rows"] = exact(total)
    return f


FILES = {"msb": "employment.csv", "ndjson": "employment.ndjson", "quantiles": "income.csv",
         "breakdown": "social.csv", "entities": "persons.csv", "wide": "wide.csv",
         "dialect": "amounts.csv", "danish": "amounts.csv"}


def run_duckdb(shape, path, threads):
    import duckdb
    t = time.perf_counter()
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    p = path.replace("'", "''")
    src = f"read_csv('{p}')"
    sql = con.execute
    if shape in ("msb", "ndjson"):
        if shape == "ndjson":
            src = f"read_ndjson('{p}')"
        rows = sql(f"SELECT quarter, city, count(*), sum(job), sum(round(weight * 100)::BIGINT) "
                   f"FROM {src} GROUP BY quarter, city").fetchall()
        out = msb(rows)
    elif shape == "quantiles":
        out = quantiles(sql(f"SELECT city, median(income), quantile_disc(income, 0.9), "
                            f"-quantile_disc(-income, 0.1) FROM {src} GROUP BY city").fetchall())
    elif shape == "breakdown":
        out = breakdown(sql(f"SELECT city, dimension, age_group, count(*), sum(reached) "
                            f"FROM {src} GROUP BY city, dimension, age_group").fetchall())
    elif shape == "entities":
        total, members, focus = sql(
            f"SELECT sum(s), count(*), sum(s) FILTER (WHERE person_id = 'aaaaa') FROM "
            f"(SELECT person_id, sum(amount) AS s FROM {src} GROUP BY person_id)").fetchone()
        out = entities(total, members, focus)
    elif shape == "wide":
        out = per_city(sql(f"SELECT city, count(*), sum(job), sum(round(weight * 100)::BIGINT) "
                           f"FROM {src} GROUP BY city").fetchall(), True)
    elif shape == "dialect":
        out = per_city(sql(f"SELECT city, count(*), sum(round(amount * 100)::BIGINT) "
                           f"FROM {src} GROUP BY city").fetchall(), False)
    elif shape == "danish":
        src = f"read_csv('{p}', delim=';', types={{'amount': 'VARCHAR'}})"
        out = per_city(sql(f"SELECT city, count(*), "
                           f"sum(replace(replace(amount, '.', ''), ',', '')::BIGINT) "
                           f"FROM {src} GROUP BY city").fetchall(), False)
    return out, t


def run_polars(shape, path, threads):
    if threads:
        os.environ["POLARS_MAX_THREADS"] = str(threads)
    import polars as pl
    t = time.perf_counter()
    c = pl.col
    cents = lambda name: (c(name) * 100).round().cast(pl.Int64).sum()  # noqa: E731
    if shape in ("msb", "ndjson"):
        lf = pl.scan_ndjson(path) if shape == "ndjson" else pl.scan_csv(path)
        rows = lf.group_by("quarter", "city").agg(
            pl.len(), c("job").sum(), cents("weight").alias("w")).collect().rows()
        out = msb(rows)
    elif shape == "quantiles":
        rows = pl.scan_csv(path).group_by("city").agg(
            c("income").median().alias("m"),
            c("income").quantile(0.9, "equiprobable").alias("lo"),
            (-c("income")).quantile(0.1, "equiprobable").alias("hi")).collect()
        out = quantiles([(city, m, lo, -hi) for city, m, lo, hi in rows.rows()])
    elif shape == "breakdown":
        rows = pl.scan_csv(path).group_by("city", "dimension", "age_group").agg(
            pl.len(), c("reached").sum()).collect().rows()
        out = breakdown(rows)
    elif shape == "entities":
        r = (pl.scan_csv(path).group_by("person_id").agg(c("amount").sum().alias("s"))
             .select(c("s").sum().alias("total"), pl.len().alias("members"),
                     c("s").filter(c("person_id") == "aaaaa").sum().alias("focus"))
             .collect().row(0))
        out = entities(*r)
    elif shape == "wide":
        rows = pl.scan_csv(path).group_by("city").agg(
            pl.len(), c("job").sum(), cents("weight").alias("w")).collect().rows()
        out = per_city(rows, True)
    elif shape == "dialect":
        rows = pl.scan_csv(path).group_by("city").agg(pl.len(), cents("amount").alias("w")).collect().rows()
        out = per_city(rows, False)
    elif shape == "danish":
        rows = (pl.scan_csv(path, separator=";", schema_overrides={"amount": pl.String})
                .group_by("city")
                .agg(pl.len(), c("amount").str.replace_all(".", "", literal=True)
                     .str.replace(",", "", literal=True).cast(pl.Int64).sum().alias("w"))
                .collect().rows())
        out = per_city(rows, False)
    return out, t


def main():
    args = sys.argv[1:]
    threads = 0
    if "--threads" in args:
        i = args.index("--threads")
        threads = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 3 or args[0] not in ("duckdb", "polars") or args[1] not in FILES:
        print(__doc__, file=sys.stderr)
        return 64
    engine, shape, folder = args
    path = os.path.join(folder, FILES[shape])
    out, t_imported = (run_duckdb if engine == "duckdb" else run_polars)(shape, path, threads)
    json.dump({"figures": out}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    print(f"TIMING import_s={t_imported - T0:.3f} compute_s={time.perf_counter() - t_imported:.3f}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
