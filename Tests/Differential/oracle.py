"""An independent evaluator of generated Goalspec targets (docs/SEMANTICS.md), on DuckDB.

The data file is loaded into DuckDB with every field as VARCHAR; a typed view casts the numeric
columns to DECIMAL (exact), the Bool columns to BOOLEAN, and leaves text as text (an empty CSV
field is NULL: a missing value). Row conditions are translated to SQL, whose AND/OR/NOT and
comparisons with NULL are the three-valued logic of SEMANTICS.md §2. Every aggregate is a SQL
DECIMAL/HUGEINT result converted to fractions.Fraction; ratios, quantiles, peer combinations and
comparisons are done on Fractions. No float is ever used for a figure.

Nothing here comes from Goalspec's sources: the rules are those of docs/SEMANTICS.md.

Usage as a program: python3 oracle.py SPEC.json   (prints the expected verdicts and figures)
"""

import json
import re
import sys
from decimal import Decimal
from fractions import Fraction

import duckdb

import speclang as sl


class NoData(Exception):
    pass


class EvalError(Exception):
    pass


class GapHit(Exception):
    """The target reaches one of SEMANTICS.md's known gaps (§11); the generator avoids it."""
    def __init__(self, gap, why=""):
        super().__init__(f"{gap}: {why}")
        self.gap = gap


def F(v):
    if v is None:
        return None
    if isinstance(v, Decimal):
        return Fraction(v)
    if isinstance(v, (int, Fraction)):
        return Fraction(v)
    if isinstance(v, str):
        return Fraction(Decimal(v))
    raise TypeError(type(v))


def fstr(f):
    f = Fraction(f)
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def sqlstr(s):
    return "'" + s.replace("'", "''") + "'"


def ident(c):
    return '"' + c.replace('"', '""') + '"'


# ---------------------------------------------------------------- periods

def parse_period(s):
    if len(s) == 4 and s.isdigit():
        return ("Y", int(s), 0)
    if len(s) == 6 and s[4] in "KQkq":
        return ("Q", int(s[:4]), int(s[5]))
    raise ValueError(s)


def pkey(p):
    g, y, q = parse_period(p)
    return y * 4 + (q - 1) if g == "Q" else y


def gran(p):
    return parse_period(p)[0]


def quarter_text(k):
    return f"{k // 4}K{k % 4 + 1}"


# ---------------------------------------------------------------- the dataset

class Dataset:
    UNIT_FACTORS = {"kr": 1, "tkr": 1000, "t.kr": 1000, "mio. kr": 10 ** 6, "mia. kr": 10 ** 9, "days": 1}

    def __init__(self, csv_path, data_decl, columns, units=None):
        """columns: {header: "text"|"bool"|"integer"|"decimal"|"percent"|"period"};
        units: {header: "tkr"|...} (the column's values are multiplied by the unit's factor)"""
        self.factor = {c: Fraction(self.UNIT_FACTORS[u]) for c, u in (units or {}).items()}
        self.con = duckdb.connect(config={"threads": 1})
        self.decl = data_decl
        self.columns = columns
        import csv
        with open(csv_path, encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f))
        coldefs = ", ".join(f"{sqlstr(c)}: 'VARCHAR'" for c in header)
        self.con.execute(
            f"CREATE TABLE raw AS SELECT * FROM read_csv({sqlstr(csv_path)}, header=true, delim=',', "
            f"quote='\"', escape='\"', auto_detect=false, columns={{{coldefs}}})")
        sel = []
        for c, t in columns.items():
            q = ident(c)
            if t == "percent":
                # "12.5%": the number before the sign, scaled by 1/100 after aggregation
                self.factor[c] = Fraction(1, 100)
                sel.append(f"CAST(NULLIF(trim(rtrim(trim({q}), '%')), '') AS DECIMAL(18,4)) AS {q}")
            elif t in ("decimal", "integer", "money"):
                sel.append(f"CAST(NULLIF(trim({q}), '') AS DECIMAL(18,3)) AS {q}")
            elif t == "bool":
                sel.append(f"CASE WHEN {q} IN ('1','true','TRUE','True') THEN TRUE "
                           f"WHEN {q} IN ('0','false','FALSE','False') THEN FALSE END AS {q}")
            else:
                sel.append(f"NULLIF({q}, '') AS {q}")
        w = data_decl.get("weight")
        sel.append(f"CAST({ident(w)} AS DECIMAL(18,3)) AS __w" if w else "CAST(1 AS DECIMAL(18,3)) AS __w")
        self.con.execute(f"CREATE TABLE v AS SELECT {', '.join(sel)} FROM raw")
        self.time = data_decl.get("time")
        self.periods = []
        if self.time:
            rows = self.con.execute(f"SELECT DISTINCT {ident(self.time)} FROM raw WHERE {ident(self.time)} IS NOT NULL").fetchall()
            self.periods = sorted((r[0] for r in rows), key=pkey)
            self.gran = gran(self.periods[0])
            self.pset = set(self.periods)
        self.nrows = self.con.execute("SELECT COUNT(*) FROM raw").fetchone()[0]

    def q(self, sql):
        return self.con.execute(sql).fetchall()

    # -- periods (SEMANTICS.md §7)

    def latest(self):
        return self.periods[-1]

    def rows_periods(self, p):
        """The data periods that make up period p, checking completeness (§7.2)."""
        g = gran(p)
        if g == self.gran:
            if p not in self.pset:
                raise NoData(f"no rows for period {p}")
            return [p]
        if g == "Y" and self.gran == "Q":
            y = parse_period(p)[1]
            qs = [f"{y}K{i}" for i in range(1, 5)]
            have = [x for x in qs if x in self.pset]
            if len(have) < 4:
                raise NoData(f"{p} has {len(have)} of its 4 quarters")
            return qs
        raise ValueError(f"period {p} finer than the data")

    def has_rows(self, p):
        """Some row equal to p or inside it."""
        if gran(p) == self.gran:
            return p in self.pset
        y = parse_period(p)[1]
        return any(parse_period(x)[1] == y for x in self.periods)

    def prev(self, p):
        g = gran(p)
        if g == self.gran:
            earlier = [x for x in self.periods if pkey(x) < pkey(p)]
            if not earlier:
                raise NoData(f"no period before {p}")
            return earlier[-1]
        if g == "Y" and self.gran == "Q":
            y = parse_period(p)[1]
            years = sorted({parse_period(x)[1] for x in self.periods if parse_period(x)[1] < y})
            if not years:
                raise NoData(f"no period before {p}")
            return str(years[-1])
        raise ValueError(p)

    def window(self, p, n, unit):
        """The data periods of the n periods of `unit` ending at p (same granularity only)."""
        ug = {"quarters": "Q", "years": "Y"}[unit]
        if ug == "Y" and self.gran == "Q" and gran(p) == "Q":
            # a window of years at a quarter rolls: n years are the 4n quarters ending at p (§7.4)
            ug, n = "Q", 4 * n
        if ug != self.gran or gran(p) != self.gran:
            raise ValueError("window granularity (avoided: G12)")
        out = []
        k = pkey(p)
        for i in range(n - 1, -1, -1):
            kk = k - i
            s = quarter_text(kk) if ug == "Q" else str(kk)
            if s not in self.pset:
                raise NoData(f"window period {s} has no rows")
            out.append(s)
        return out


# ---------------------------------------------------------------- row expressions → SQL

class RowSQL:
    def __init__(self, ds, spec):
        self.ds = ds
        self.spec = spec

    def coltype(self, c):
        return self.ds.columns[c]

    def sql(self, e):
        k = e[0]
        if k == "col":
            return f"v.{ident(e[1])}"
        if k == "num":
            return f"CAST({e[1]} AS DECIMAL(18,3))"
        if k == "unitnum":
            # a literal in the column's own unit ("5 tkr" against a tkr column): raw numbers
            return f"CAST({e[1]} AS DECIMAL(18,4))"
        if k == "str":
            return sqlstr(e[1])
        if k == "bool":
            return "TRUE" if e[1] else "FALSE"
        if k == "def":
            return self.sql(self.spec["defines"][e[1]])
        if k == "not":
            return f"(NOT {self.sql(e[1])})"
        if k == "and":
            return f"({self.sql(e[1])} AND {self.sql(e[2])})"
        if k == "or":
            return f"({self.sql(e[1])} OR {self.sql(e[2])})"
        if k == "cmp":
            op = {"==": "=", "!=": "<>"}.get(e[1], e[1])
            a, b = e[2], e[3]
            # a Bool column compared with 0/1
            if a[0] == "col" and self.coltype(a[1]) == "bool" and b[0] == "num":
                b = ["bool", b[1] == "1"]
            if a[0] == "col" and a[1] == self.ds.time and b[0] == "period":
                return self.period_cmp(op, b[1])
            if a[0] == "arith" and a[1] == "/":
                # x / y op c, exactly: unknown when y is 0 (SEMANTICS.md §2.1)
                x, y = self.sql(a[2]), self.sql(a[3])
                c = self.sql(b)
                flip = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "<>": "<>"}[op]
                return (f"(CASE WHEN {y} = 0 THEN NULL WHEN {y} > 0 THEN {x} {op} {c} * {y} "
                        f"ELSE {x} {flip} {c} * {y} END)")
            return f"({self.sql(a)} {op} {self.sql(b)})"
        if k == "in":
            return f"({self.sql(e[1])} IN ({', '.join(sqlstr(v) for v in e[2])}))"
        if k == "ingroup":
            members = self.spec["groups"][e[2]][1]
            return f"({self.sql(e[1])} IN ({', '.join(sqlstr(v) for v in members)}))"
        if k == "arith":
            if e[1] == "/":
                raise ValueError("division only directly under a comparison")
            return f"({self.sql(e[2])} {e[1]} {self.sql(e[3])})"
        raise ValueError(e)

    def period_cmp(self, op, lit):
        """time column op period literal, compared at the coarser granularity (§2.1, §7.4)."""
        col = f"v.{ident(self.ds.time)}"
        lg = gran(lit)
        if self.ds.gran == "Q" and lg == "Y":
            key = f"CAST(substr({col}, 1, 4) AS INTEGER)"
            return f"({key} {op} {parse_period(lit)[1]})"
        if self.ds.gran == "Q":
            key = f"(CAST(substr({col}, 1, 4) AS INTEGER) * 4 + CAST(substr({col}, 6, 1) AS INTEGER) - 1)"
            return f"({key} {op} {pkey(lit)})"
        key = f"CAST({col} AS INTEGER)"
        return f"({key} {op} {parse_period(lit)[1]})"


# ---------------------------------------------------------------- evaluation

class Scope:
    """The row filters of one measure: focus, where, part, member (SQL fragments)."""
    def __init__(self, filters=()):
        self.filters = list(filters)

    def plus(self, f):
        return Scope(self.filters + [f])

    def sql(self, periods, time):
        fs = list(self.filters)
        if periods is not None:
            fs.append(f"v.{ident(time)} IN ({', '.join(sqlstr(p) for p in periods)})")
        return " AND ".join(f"({f})" for f in fs) if fs else "TRUE"


def quantile(pairs, q):
    """SEMANTICS.md §3.1: weighted quantile over (value, weight) pairs."""
    pairs = sorted(pairs, key=lambda vw: vw[0])
    W = sum(w for _, w in pairs)
    t = q * W
    c = Fraction(0)
    for i, (x, w) in enumerate(pairs):
        c += w
        if c > t:
            return x
        if c == t:
            if i + 1 < len(pairs):
                return (x + pairs[i + 1][0]) / 2
            return x
    return pairs[-1][0]


class Target:
    """Evaluates one target; records figures as it goes."""

    def __init__(self, ds, spec, t):
        self.ds = ds
        self.spec = spec
        self.t = t
        self.rs = RowSQL(ds, spec)
        self.figures = []       # dicts: label, period, exact, (members)
        self.checks = []        # (value, threshold, margin, met, type)

    # -- measures

    def measure(self, m, periods, scope, label_suffix="", period_label=None, record=True, label=None):
        where = scope.sql(periods, self.ds.time)
        k = m[0]
        if k == "share" and m[1][0] == "col" and self.ds.columns.get(m[1][1]) == "percent":
            # share(S) of a column of shares is its weighted mean (§3)
            return self.measure(["mean", m[1][1]], periods, scope, label_suffix, period_label, record,
                                label=sl.render_measure(m))
        rows, sw = self.ds.q(f"SELECT COUNT(*), SUM(__w) FROM v WHERE {where}")[0]
        if rows == 0:
            raise NoData(f"no rows for {sl.render_measure(m)}")
        sw = F(sw)
        if k == "count" or k == "share":
            if m[1] is None:
                val = sw
            else:
                p = self.rs.sql(m[1])
                hits = F(self.ds.q(f"SELECT COALESCE(SUM(__w) FILTER (WHERE {p}), 0) FROM v WHERE {where}")[0][0])
                if k == "count":
                    val = hits
                else:
                    if sw == 0:
                        raise NoData("zero weight")
                    unknown = self.ds.q(f"SELECT COUNT(*) FILTER (WHERE ({p}) IS NOT NULL) FROM v WHERE {where}")[0][0]
                    if unknown == 0:
                        raise NoData("the condition is unknown on every row (SEMANTICS §3, §5)")
                    val = hits / sw
        else:
            col = f"v.{ident(m[1])}"
            nvals, swx, swv, mn, mx = self.ds.q(
                f"SELECT COUNT({col}), SUM(__w * {col}), SUM(__w) FILTER (WHERE {col} IS NOT NULL), "
                f"MIN({col}), MAX({col}) FROM v WHERE {where}")[0]
            if nvals == 0:
                if k == "sum":
                    raise NoData("a sum of no values (SEMANTICS §3)")
                raise NoData(f"{sl.render_measure(m)} has no values")
            if k in ("min", "max", "median", "pct"):
                # a weight-0 row stands for nobody: no one's min, max or quantile (SEMANTICS §3)
                positive = self.ds.q(f"SELECT COUNT(*), MIN({col}), MAX({col}) FROM v "
                                     f"WHERE {where} AND {col} IS NOT NULL AND __w > 0")[0]
                if positive[0] == 0:
                    raise NoData("no values of positive weight")
                mn, mx = positive[1], positive[2]
            if k == "sum":
                val = F(swx)
            elif k == "mean":
                if F(swv) == 0:
                    raise NoData("zero weight")
                val = F(swx) / F(swv)
            elif k == "min":
                val = F(mn)
            elif k == "max":
                val = F(mx)
            elif k in ("median", "pct"):
                if F(swv) == 0:
                    raise NoData("zero weight")
                pairs = [(F(x), F(w)) for x, w in self.ds.q(
                    f"SELECT {col}, __w FROM v WHERE {where} AND {col} IS NOT NULL AND __w > 0")]
                q = Fraction(1, 2) if k == "median" else Fraction(m[2], 100)
                val = quantile(pairs, q)
            else:
                raise ValueError(m)
            val *= self.ds.factor.get(m[1], 1)
        if record:
            self.figures.append({"label": (label or sl.render_measure(m)) + label_suffix,
                                 "period": period_label, "exact": val})
        return val

    # -- quantities

    def qval(self, q, p, scope, record=True):
        k = q[0]
        if k == "m":
            return self.measure(q[1], self.ds.rows_periods(p), scope, period_label=p, record=record)
        if k == "atp":
            return self.measure(q[1], self.ds.rows_periods(q[2]), scope, period_label=q[2], record=record)
        if k == "prev":
            pp = self.ds.prev(p)
            return self.measure(q[1], self.ds.rows_periods(pp), scope, period_label=pp, record=record)
        if k == "win":
            ps = self.ds.window(p, q[2], q[3])
            return self.measure(q[1], ps, scope, label_suffix=f" over {ps[0]}–{ps[-1]}",
                                period_label=p, record=record)
        if k == "change":
            a = self.qval(q[1], p, scope, record)
            b = self.qval(q[1], self.ds.prev(p), scope, record)
            return a - b
        if k == "growth":
            a = self.qval(q[1], p, scope, record)
            b = self.qval(q[1], self.ds.prev(p), scope, record)
            if b == 0:
                raise EvalError("growth from zero")
            if b < 0:
                raise EvalError("growth from a base below zero (SEMANTICS §7.3)")
            return a / b - 1
        if k == "lit":
            return Fraction(q[2])
        if k == "qdef":
            return self.qval(self.spec["qdefines"][q[1]], p, scope, record)
        if k == "bin":
            a = self.qval(q[2], p, scope, record)
            b = self.qval(q[3], p, scope, record)
            op = q[1]
            if op == "+": return a + b
            if op == "-": return a - b
            if op == "*": return a * b
            if b == 0:
                raise EvalError("division by zero")
            return a / b
        if k == "peer":
            return self.peer(q, p, scope)
        raise ValueError(q)

    def peer(self, q, p, scope):
        agg, gname, inner = q[1], q[2], q[3]
        gcol, members = self.spec["groups"][gname]
        # the focus applies to peer members only when it is on another column (§6, §8.1)
        base = Scope(self.where_filters + self.part_filters)
        focus = self.t.get("for")
        if focus and focus[0] != gcol:
            base = base.plus(self.focus_sql())
        if not members:
            raise NoData("empty group")
        if agg == "pooled":
            # every member must have rows at each period the quantity needs (§8.3)
            for mem in members:
                self.member_has_rows(inner, p, base.plus(f"v.{ident(gcol)} = {sqlstr(mem)}"))
            sc = base.plus(f"v.{ident(gcol)} IN ({', '.join(sqlstr(m) for m in members)})")
            self.check_pooled_values(inner, p, members, gcol, base)
            val = self.qval(inner, p, sc, record=False)
            self.figures.append({"peer": agg, "group": gname, "period": p, "exact": val, "members": None})
            return val
        vals = []
        for mem in members:
            vals.append((mem, self.qval(inner, p, base.plus(f"v.{ident(gcol)} = {sqlstr(mem)}"), record=False)))
        xs = sorted(v for _, v in vals)
        if agg == "avg":
            val = sum(xs) / len(xs)
        elif agg == "min":
            val = xs[0]
        elif agg == "max":
            val = xs[-1]
        elif agg == "median":
            n = len(xs)
            val = xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
        else:
            raise ValueError(agg)
        self.figures.append({"peer": agg, "group": gname, "period": p, "exact": val,
                             "members": {m: v for m, v in vals}})
        return val

    def periods_needed(self, q, p):
        """The lists of data periods a quantity reads."""
        k = q[0]
        if k == "m": return [self.ds.rows_periods(p)]
        if k == "atp": return [self.ds.rows_periods(q[2])]
        if k == "prev": return [self.ds.rows_periods(self.ds.prev(p))]
        if k == "win": return [self.ds.window(p, q[2], q[3])]
        if k in ("change", "growth"):
            return self.periods_needed(q[1], p) + self.periods_needed(q[1], self.ds.prev(p))
        if k == "lit": return []
        if k == "qdef": return self.periods_needed(self.spec["qdefines"][q[1]], p)
        if k == "bin": return self.periods_needed(q[2], p) + self.periods_needed(q[3], p)
        raise ValueError(q)

    def measures_of(self, q):
        k = q[0]
        if k in ("m", "atp", "prev", "win"): return [q[1]]
        if k in ("change", "growth"): return self.measures_of(q[1])
        if k == "bin": return self.measures_of(q[2]) + self.measures_of(q[3])
        if k == "qdef": return self.measures_of(self.spec["qdefines"][q[1]])
        return []

    def member_has_rows(self, inner, p, sc):
        for ps in self.periods_needed(inner, p):
            n = self.ds.q(f"SELECT COUNT(*) FROM v WHERE {sc.sql(ps, self.ds.time)}")[0][0]
            if n == 0:
                raise NoData("a member of the group has no rows")

    def check_pooled_values(self, inner, p, members, gcol, base):
        """Every member's measure must have a value before pooling (SEMANTICS §8.3): a member with
        rows but no values, or whose condition is unknown on every row, makes it no data."""
        for m in self.measures_of(inner):
            if m[0] == "count":
                continue
            if m[0] == "share":
                if m[1] is None:
                    continue
                pred = self.rs.sql(m[1])
                for ps in self.periods_needed(inner, p):
                    for mem in members:
                        sc = base.plus(f"v.{ident(gcol)} = {sqlstr(mem)}")
                        n = self.ds.q(f"SELECT COUNT(*) FILTER (WHERE ({pred}) IS NOT NULL) FROM v "
                                      f"WHERE {sc.sql(ps, self.ds.time)}")[0][0]
                        if n == 0:
                            raise NoData("a member's condition is unknown on every row")
                continue
            col = f"v.{ident(m[1])}"
            for ps in self.periods_needed(inner, p):
                for mem in members:
                    sc = base.plus(f"v.{ident(gcol)} = {sqlstr(mem)}")
                    n = self.ds.q(f"SELECT COUNT({col}) FROM v WHERE {sc.sql(ps, self.ds.time)}")[0][0]
                    if n == 0:
                        raise NoData("a pooled member without values")

    # -- conditions

    def cond(self, c, p, scope):
        """Returns True/False; records checks (value, threshold, margin)."""
        k = c[0]
        if k == "cmp":
            op = c[1]
            a = self.qval(c[2], p, scope)
            b = self.qval(c[3], p, scope)
            met = {">=": a >= b, ">": a > b, "<=": a <= b, "<": a < b, "==": a == b, "!=": a != b}[op]
            self.checks.append((a, b, a - b, met))
            return met
        if k == "quant":
            kind, r, body = c[1], Fraction(c[2]), c[4]
            val = self.measure(["share", body], self.ds.rows_periods(p), scope, record=False)
            self.figures.append({"label": f"share({sl.render_row(body)})",
                                 "period": p, "exact": val})
            if kind in ("atLeast", "all"):
                met = val >= r
            else:
                met = val <= r
            self.checks.append((val, r, val - r, met))
            return met
        if k == "trend":
            q = c[2]
            a = self.qval(q, p, scope)
            b = self.qval(q, self.ds.prev(p), scope)
            met = a > b if c[1] == "rises" else a < b
            self.checks.append((a, b, a - b, met))
            return met
        if k == "yearly":
            return self.yearly(c, p, scope)
        if k in ("and", "or"):
            try:
                x = self.cond(c[1], p, scope)
                y = self.cond(c[2], p, scope)
            except (NoData, EvalError) as e:
                raise GapHit("G16", f"target-level {k} with a missing figure ({e})")
            return (x and y) if k == "and" else (x or y)
        raise ValueError(c)

    def yearly(self, c, p, scope):
        """M rises (falls) yearly from Y (§7.3): every year Y+1 .. the evaluated year strictly
        above (below) the year before, each year whole; an incomplete evaluated year later than
        Y+1 is left out, any other incomplete year is no data."""
        m, first = c[2][1], int(c[3])
        last = parse_period(p)[1]
        def complete(y):
            if self.ds.gran == "Y":
                return str(y) in self.ds.pset
            return all(f"{y}K{i}" in self.ds.pset for i in range(1, 5))
        years = list(range(first, last + 1))
        if self.ds.gran == "Q" and not complete(last) and last > first + 1:
            years = years[:-1]
        for y in years:
            if not complete(y):
                raise NoData(f"{y} is incomplete or missing")
        vals = [self.measure(m, self.ds.rows_periods(str(y)), scope, period_label=str(y)) for y in years]
        steps = [(vals[i] - vals[i - 1], i) for i in range(1, len(vals))]
        if not steps:
            raise ValueError("rises yearly with no year to compare (not generated)")
        if c[1] == "rises":
            met = all(d > 0 for d, _ in steps)
            d, i = min(steps, key=lambda s: s[0])
        else:
            met = all(d < 0 for d, _ in steps)
            d, i = max(steps, key=lambda s: s[0])
        self.checks.append((vals[i], vals[i - 1], d, met))
        return met

    def noun(self):
        w = self.ds.decl.get("weight")
        return w if w else "rows"

    def focus_sql(self):
        col, vals = self.t["for"]
        return f"v.{ident(col)} IN ({', '.join(sqlstr(v) for v in vals)})"

    # -- the whole target

    def first_measure(self, c):
        k = c[0]
        if k == "cmp":
            ms = self.measures_of(c[2]) or self.measures_of(c[3])
            return ms[0] if ms else None
        if k == "quant":
            return ["share", c[4]]
        if k == "trend":
            return self.measures_of(c[2])[0]
        return self.first_measure(c[1])

    def run_one(self, p, scope):
        """Verdict of the condition in one scope: (verdict, checks, figures)."""
        self.checks = []
        self.figures = []
        try:
            ok = self.cond(self.t["cond"], p, scope)
        except NoData as e:
            return {"verdict": "no data", "reason": str(e), "checks": [], "figures": self.figures}
        except EvalError as e:
            return {"verdict": "error", "reason": str(e), "checks": [], "figures": self.figures}
        verdict = "met" if ok else "not met"
        risk = self.t.get("risk")
        if ok and risk:
            m = Fraction(risk[0])
            if any(met and abs(margin) < m for _, _, margin, met in self.checks):
                verdict = "at risk"
        return {"verdict": verdict, "reason": None, "checks": list(self.checks), "figures": self.figures}

    def evaluate(self):
        t = self.t
        scope = Scope()
        self.where_filters = []
        self.part_filters = []
        if t.get("where") is not None:
            self.where_filters = [self.rs.sql(t["where"])]
        if t.get("for"):
            scope = scope.plus(self.focus_sql())
        for f in self.where_filters:
            scope = scope.plus(f)
        if self.ds.time:
            p = t.get("at") or self.ds.latest()
        else:
            p = None
        if not t.get("by"):
            # the evaluated period must have rows (§7.1); its completeness (§7.2) matters only
            # to the measures that read it
            if p is not None and not self.ds.has_rows(p):
                return {"period": p, "verdict": "no data", "reason": f"no rows for period {p}", "checks": [],
                        "figures": [], "parts": None}
            r = self.run_one(p, scope)
            r["period"] = p
            r["parts"] = None
            return r
        # by parts (§6.1): value combinations among the rows of the first measure in scope at p
        bycols = t["by"]
        keyexpr = ", ".join(f"COALESCE(v.{ident(c)}, '')" for c in bycols)
        if p is not None and p not in self.ds.pset:
            return {"period": p, "verdict": "no data", "reason": "no rows for period", "checks": [],
                    "figures": [], "parts": None}
        combos = self.ds.q(f"SELECT DISTINCT {keyexpr} FROM v WHERE {scope.sql([p] if p else None, self.ds.time)}")
        combos = sorted(combos)
        if not combos:
            return {"period": p, "verdict": "no data", "reason": "no rows in scope to break down",
                    "checks": [], "figures": [], "parts": []}
        parts = []
        for combo in combos:
            pf = [f"COALESCE(v.{ident(c)}, '') = {sqlstr(val)}" for c, val in zip(bycols, combo)]
            self.part_filters = pf
            sc = scope
            for f in pf:
                sc = sc.plus(f)
            r = self.run_one(p, sc)
            r["key"] = dict(zip(bycols, combo))
            parts.append(r)
        vs = [x["verdict"] for x in parts]
        if all(v == "met" for v in vs):
            verdict = "met"
        elif all(v in ("met", "at risk") for v in vs):
            verdict = "at risk"
        elif "not met" in vs:
            verdict = "not met"
        elif "error" in vs:
            verdict = "error"
        else:
            verdict = "no data"
        return {"period": p, "verdict": verdict, "reason": None, "checks": [], "figures": [], "parts": parts}


def goal_verdict(g, verdicts):
    """SEMANTICS.md §9.2."""
    vs = [goal_verdict(c, verdicts) if isinstance(c, dict) else verdicts[c] for c in g["children"]]
    ok = sum(v in ("met", "at risk") for v in vs)
    strict = sum(v == "met" for v in vs)
    rule = g.get("rule")
    if not vs:
        return "no data"
    if rule is None or rule == "all":
        if ok == len(vs):
            return "met" if strict == len(vs) else "at risk"
        if "not met" in vs:
            return "not met"
        if "error" in vs:
            return "error"
        return "no data"
    k = int(rule)
    if ok >= k:
        return "met" if strict >= k else "at risk"
    if ok + sum(v in ("no data", "error") for v in vs) >= k:
        return "no data"
    return "not met"


def evaluate_spec(spec, data_path, ds=None):
    """Expected results for every target of a spec (as produced by gen.py), and of its goals
    (under the key ("goal", title))."""
    if ds is None:
        ds = Dataset(data_path, spec["data"], spec["columns"], spec["data"].get("units", {}))
    out = {}
    for t in spec["targets"]:
        out[t["id"]] = Target(ds, spec, t).evaluate()
    verdicts = {k: v["verdict"] for k, v in out.items()}
    def walk(g):
        out[("goal", g["title"])] = goal_verdict(g, verdicts)
        for c in g["children"]:
            if isinstance(c, dict):
                walk(c)
    for g in spec.get("goals", []):
        walk(g)
    return out


def _jsonable(x):
    if isinstance(x, Fraction):
        return fstr(x)
    if isinstance(x, dict):
        return {k: _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    return x


if __name__ == "__main__":
    import os
    spec = json.load(open(sys.argv[1]))
    data = os.path.join(os.path.dirname(sys.argv[1]), spec["data"]["file"])
    try:
        res = evaluate_spec(spec, data)
    except GapHit as g:
        print("gap", g)
        sys.exit(3)
    print(json.dumps(_jsonable(res), ensure_ascii=False, indent=1))


# --- number formats (docs/SEMANTICS.md §1.5), decided independently of Goalspec's code ---

_THOUSANDS_LIKE = re.compile(r"^[+-]?[1-9][0-9]{0,2}\.[0-9]{3}$")
_PLAIN_INTEGER = re.compile(r"^[+-]?[0-9]+$")


def ambiguous_number_columns(csv_path, columns):
    """The numeric columns of a ','-separated file that read two ways: every field with a '.' has
    the shape of a thousands mark (1.234), at least one has, and no numeric field anywhere in the
    file shows a decimal point otherwise (2.5, 0.125, 1e3 with a point, 12.5%)."""
    import csv as _csv
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(_csv.DictReader(f))
    numeric = [c for c, t in columns.items() if t in ("decimal", "integer", "money", "percent")]
    shows_point = False
    candidates = []
    for c in numeric:
        fields = [(r.get(c) or "").strip() for r in rows]
        fields = [x for x in fields if x]
        if columns[c] == "percent":
            fields = [x.rstrip("%").strip() for x in fields]
        dotted = [x for x in fields if "." in x]
        if any(not _THOUSANDS_LIKE.match(x) for x in dotted):
            shows_point = True
            continue
        # fields without a point (42, 4256e-3) read alike under every format: only the dotted
        # ones can be read two ways
        if dotted:
            candidates.append(c)
    return [] if shows_point else candidates
