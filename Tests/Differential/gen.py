#!/usr/bin/env python3
"""gen.py SEED OUTDIR: a deterministic random dataset and spec for the differential test.

Writes OUTDIR/data.csv, OUTDIR/s<SEED>.goal and OUTDIR/spec.json (the targets as trees, for
oracle.py). Every construct generated is one LANGUAGE.md / SEMANTICS.md define. Thresholds are
placed at the actual value (computed with oracle.py) or next to it, so that boundaries (equal
values) are tested often.

Known gaps (SEMANTICS.md §11) are not generated: the data never hold the values that reach
G1–G5, G7, G8, G11, G21, G22, the spec never writes the forms of G10, G12, G14, G17–G20, and a
target that reaches G6, G9, G13, G15 or G16 on the generated data (oracle.GapHit) is drawn
again. Exclusions for disagreements found by this suite are marked "FOUND.md #n".
"""

import json
import os
import re
import random
import sys
from fractions import Fraction

import oracle
import speclang as sl

ENTITIES = ["København", "Aarhus", "Ærø", "Fanø", "Læsø", "Sorø", "Køge", "Aabenraa",
            "Høje-Taastrup", "Næstved", "Brøndby", "Hjørring", "Tårnby", "Vesthimmerland"]
GROUPS = ["børn", "unge", "voksne", "ældre"]
SEXES = ["kvinder", "mænd"]
NOTES = ["ok", "mangler, følges op", "sag \"åben\"", "søn, dat", "tjek igen\nnæste kvartal", "æøå ÆØÅ"]


class Gen:
    def __init__(self, seed):
        self.seed = seed
        self.r = random.Random(seed)

    # ------------------------------------------------------------ data

    def decimal_text(self, lo, hi, digits):
        v = Fraction(self.r.randint(int(lo * 10 ** digits), int(hi * 10 ** digits)), 10 ** digits)
        return sl.terminating(v, digits)

    def respell(self, text):
        r = self.r
        v = Fraction(text)
        x = r.randint(0, 5)
        if x == 0 and v >= 0:
            return "+" + text
        if x == 1 and v.denominator == 1 and v >= 0:
            return "0" + text
        if x == 2:
            return (text if "." in text else text + ".") + "0" * r.randint(1, 2)
        if x == 3:
            n = v * 1000
            if n.denominator == 1:
                return f"{n.numerator}e-3"
        if x == 4 and v.denominator == 1 and v != 0 and v.numerator % 10 == 0:
            return f"{v.numerator // 10}E1"
        if x == 5:
            return " " + text + " "
        return text

    def make_data(self):
        r = self.r
        self.gran = "Q" if r.random() < 0.6 else "Y"
        if self.gran == "Q":
            n = r.choice([1, 2, 2, 3, 3, 4, 4, 5, 6, 8])
            start = r.choice([2022, 2023]) * 4 + (0 if n >= 5 and r.random() < 0.7 else r.randint(0, 3))
            keys = list(range(start, start + n))
            periods = [oracle.quarter_text(k) for k in keys]
        else:
            n = r.choice([1, 2, 3, 3, 4, 4])
            start = r.choice([2020, 2021])
            periods = [str(y) for y in range(start, start + n)]
        if len(periods) >= 3 and r.random() < 0.15:
            del periods[r.randint(1, len(periods) - 2)]      # a period missing in the middle
        self.ents = r.sample(ENTITIES, r.randint(2, 6))
        self.grps = r.sample(GROUPS, r.randint(1, 4))
        self.weighted = r.random() < 0.4
        self.notes = r.random() < 0.3
        empty = r.choice([0.0, 0.05, 0.15, 0.3])
        zero_w = r.choice([0, 0, 0, 1, 4])     # rows of weight 0 in some seeds
        # small pools of values so that ties and equal sums are common
        dig = r.choice([0, 1, 2, 3])
        neg = r.random() < 0.4
        pool_b = [self.decimal_text(-20 if neg else 0, 60, dig) for _ in range(r.randint(2, 8))]
        pool_a = [str(r.randint(-5 if neg else 0, 12)) for _ in range(r.randint(2, 6))]
        header = ["kommune", "periode", "gruppe", "køn", "job", "mål_nået", "beløb", "antal"]
        # `unit beløb tkr` (Money) in some seeds, a column of percentages in others
        self.unit = r.choice([None] * 9 + ["tkr", "t.kr", "kr", "mio. kr"])
        self.percent = r.random() < 0.3
        pool_p = [self.decimal_text(0, 100, r.choice([0, 1, 2])) + r.choice(["%", "%", " %"]) for _ in range(r.randint(2, 6))]
        if self.percent:
            header.append("andel")
        if self.weighted:
            header.append("vægt")
        if self.notes:
            header.append("bemærkning")
        rows = []
        for p in periods:
            for e in self.ents:
                if r.random() < 0.12:
                    continue
                for _ in range(r.randint(1, 6)):
                    row = {
                        "kommune": e, "periode": p,
                        "gruppe": "" if r.random() < empty / 3 else r.choice(self.grps),
                        "køn": "" if r.random() < empty / 3 else r.choice(SEXES),
                        "job": "" if r.random() < empty else r.choice(["0", "1", "1"]),
                        "mål_nået": "" if r.random() < empty else r.choice(["0", "1"]),
                        "beløb": "" if r.random() < empty else r.choice(pool_b),
                        "antal": "" if r.random() < empty else r.choice(pool_a),
                    }
                    if self.percent:
                        row["andel"] = "" if r.random() < empty else r.choice(pool_p)
                    if self.weighted:
                        row["vægt"] = r.choice(["1", "2", "3", "5", "10", "2.5", "0.125", "40"] + ["0"] * zero_w)
                    if self.notes:
                        row["bemærkning"] = r.choice(NOTES + [""])
                    rows.append(row)
        if not rows:
            rows.append({"kommune": self.ents[0], "periode": periods[-1], "gruppe": self.grps[0], "køn": "mænd",
                         "job": "1", "mål_nået": "0", "beløb": pool_b[0], "antal": pool_a[0],
                         "vægt": "2", "bemærkning": "ok", "andel": "50%"})
        if r.random() < 0.3:
            # other spellings of the same numbers (SEMANTICS.md §1.5): +3, 042, 1.50, 25e-1, " 7 "
            for row in rows:
                for col in ("beløb", "antal"):
                    if row[col] != "" and r.random() < 0.25:
                        row[col] = self.respell(row[col])
        r.shuffle(rows)
        # type inference (SEMANTICS.md §1.4): numeric columns must not look Bool (0/1 only) nor
        # be all empty; Bool columns must hold a value; a weight must not be 0/1 only (G22).
        def fix(col, value, bad):
            vals = [x[col] for x in rows if x[col] != ""]
            if not vals or all(v in bad for v in vals):
                rows[0][col] = value
        fix("beløb", "7.5", {"0", "1"})
        fix("antal", "7", {"0", "1"})
        if self.percent:
            fix("andel", "50%", set())
        fix("job", "1", set())
        fix("mål_nået", "0", set())
        fix("gruppe", self.grps[0], set())
        fix("køn", "kvinder", set())
        if self.weighted:
            fix("vægt", "2", {"0", "1"})
        self.header = header
        self.rows = rows
        self.coltypes = {"kommune": "text", "periode": "period", "gruppe": "text", "køn": "text",
                         "job": "bool", "mål_nået": "bool", "beløb": "decimal", "antal": "integer"}
        if self.weighted:
            self.coltypes["vægt"] = "decimal"
        if self.notes:
            self.coltypes["bemærkning"] = "text"
        if self.unit:
            self.coltypes["beløb"] = "money"
        if self.percent:
            self.coltypes["andel"] = "percent"
        self.periods = sorted({x["periode"] for x in self.rows}, key=oracle.pkey)

    def csv_text(self):
        def field(v):
            if any(c in v for c in ',"\n\r'):
                return '"' + v.replace('"', '""') + '"'
            return v
        out = [",".join(self.header)]
        for row in self.rows:
            out.append(",".join(field(row[c]) for c in self.header))
        return "\n".join(out) + "\n"

    # ------------------------------------------------------------ spec pieces

    def make_decls(self):
        r = self.r
        self.groups = {}
        # members are values that occur (a value that never occurs is GS0307)
        self.ents = sorted({x["kommune"] for x in self.rows})
        self.grps = sorted({x["gruppe"] for x in self.rows if x["gruppe"] != ""})
        k = r.randint(1, min(4, len(self.ents)))
        self.groups["peers"] = ["kommune", r.sample(self.ents, k)]
        k = r.randint(1, min(3, len(self.ents)))
        self.groups["rest"] = ["kommune", r.sample(self.ents, k)]
        self.groups["aldre"] = ["gruppe", r.sample(self.grps, r.randint(1, len(self.grps)))]
        self.defines = {}
        if r.random() < 0.6:
            self.defines["i job"] = self.atom()
        if r.random() < 0.4:
            self.defines["godt resultat"] = ["and", self.atom(), self.atom()]
        # a define naming a measure, used at target level (LANGUAGE.md, Declarations)
        self.qdefines = {}
        if r.random() < 0.3:
            self.qdefines["niveau"] = ["m", self.measure()]

    def num_lit(self, col):
        vals = [x[col] for x in self.rows if x[col] != ""]
        v = Fraction(self.r.choice(vals))
        if self.r.random() < 0.3:
            v += self.r.choice([Fraction(1, 2), Fraction(-1, 1000), 1])
        return ["num", sl.terminating(v, 6)]

    def atom(self):
        r = self.r
        c = r.randint(0, 18)
        if c == 0: return ["col", "job"]
        if c == 1: return ["not", ["col", "job"]]
        if c == 2:
            # job, job == 1, job == true, job != 0 are the same test (§2.1)
            return r.choice([["cmp", "==", ["col", "job"], ["num", "1"]], ["cmp", "==", ["col", "job"], ["bool", True]],
                             ["cmp", "!=", ["col", "job"], ["num", "0"]], ["cmp", "==", ["col", "job"], ["bool", False]],
                             ["cmp", "!=", ["col", "job"], ["bool", True]]])
        if c == 3: return ["cmp", r.choice(["==", "!="]), ["col", "mål_nået"], ["num", r.choice(["0", "1"])]]
        if c == 4: return ["col", "mål_nået"]
        if c == 5:
            lit = self.num_lit("beløb")
            if self.unit:
                lit = ["unitnum", lit[1], " " + self.unit]
            return ["cmp", r.choice([">", ">=", "<", "<=", "==", "!="]), ["col", "beløb"], lit]
        if self.unit and c in (11, 12, 13):
            c = 6      # Money with a bare number is a type error (GS0402)
        if c == 6: return ["cmp", r.choice([">", ">=", "<", "<=", "==", "!="]), ["col", "antal"], self.num_lit("antal")]
        if c == 7: return ["cmp", r.choice(["==", "!="]), ["col", "gruppe"], ["str", r.choice(self.grps)]]
        if c == 8: return ["in", ["col", "køn"], r.sample(SEXES, r.randint(1, 2))]
        if c == 9: return ["ingroup", ["col", "kommune"], r.choice(["peers", "rest"])]
        if c == 10: return ["ingroup", ["col", "gruppe"], "aldre"]
        if c == 11: return ["cmp", r.choice([">=", "<"]), ["arith", "*", ["col", "beløb"], ["num", "2"]], ["col", "antal"]]
        if c == 12: return ["cmp", r.choice([">", "<="]), ["arith", "+", ["col", "beløb"], ["col", "antal"]], self.num_lit("beløb")]
        if c == 13: return ["cmp", r.choice([">", "<=", "=="]), ["arith", "/", ["col", "beløb"], ["col", "antal"]], ["num", r.choice(["1", "0.5", "2", "-1"])]]
        if c == 14 and self.defines: return ["def", r.choice(list(self.defines))]
        if c == 15: return ["cmp", r.choice(["==", "!="]), ["col", "kommune"], ["str", r.choice(self.ents)]]
        if c == 17:
            # the time column against a period (compared at the coarser granularity, §7.4)
            p = r.choice(self.periods)
            if self.gran == "Q" and r.random() < 0.3:
                p = p[:4]
            return ["cmp", r.choice(["==", "!=", ">=", "<", ">", "<="]), ["col", "periode"], ["period", p]]
        if c == 18 and self.percent:
            v = r.choice([x["andel"] for x in self.rows if x["andel"] != ""]).replace(" ", "").rstrip("%")
            return ["cmp", r.choice([">", ">=", "<", "<=", "==", "!="]), ["col", "andel"], ["unitnum", v, "%"]]
        if c == 16 and self.notes:
            vals = sorted({x["bemærkning"] for x in self.rows if x["bemærkning"] != ""}) or ["ok"]
            return ["cmp", r.choice(["==", "!="]), ["col", "bemærkning"], ["str", r.choice(vals)]]
        return ["col", "job"]

    def cond_row(self, depth=0):
        r = self.r
        x = r.random()
        if depth < 2 and x < 0.25:
            return [r.choice(["and", "or"]), self.cond_row(depth + 1), self.cond_row(depth + 1)]
        if depth < 2 and x < 0.32:
            inner = self.cond_row(depth + 1)
            if inner[0] == "not":
                return inner
            return ["not", inner]
        return self.atom()

    def measure(self):
        r = self.r
        c = r.randint(0, 9)
        col = r.choice(["beløb", "antal"] + (["andel"] if self.percent else []))
        if col == "andel" and c == 3:
            c = 4          # no sum of a column of shares
        if col == "andel" and c in (0, 1) and r.random() < 0.5:
            return ["share", ["col", "andel"]]   # a column of shares: its weighted mean
        if c <= 1: return ["share", self.cond_row()]
        if c == 2: return ["count", None if r.random() < 0.4 else self.cond_row()]
        if c == 3: return ["sum", col]
        if c == 4: return ["mean", col]
        if c == 5: return ["median", col]
        if c == 6: return ["pct", col, r.choice([0, 10, 25, 50, 75, 90, 100, 33])]
        if c == 7: return ["min", col]
        if c == 8: return ["max", col]
        return ["share", self.atom()]

    # ------------------------------------------------------------ thresholds

    def near(self, v, typ):
        """A threshold value at or next to v."""
        r = self.r
        x = r.random()
        if x < 0.45:
            return v
        if x < 0.75:
            if typ in ("Share", "Points"):
                d = r.choice([Fraction(1, 1000), Fraction(1, 10 ** 6), Fraction(1, 2 * v.denominator ** 2)])
            else:
                d = r.choice([Fraction(1, 1000), Fraction(1), Fraction(1, 2 * v.denominator ** 2)])
            return v + d if r.random() < 0.5 else v - d
        if x < 0.88:
            return Fraction(round(v * 100), 100)
        if typ in ("Share",):
            return Fraction(r.randint(0, 100), 100)
        if typ == "Points":
            return Fraction(r.randint(-20, 20), 100)
        return v + r.randint(-10, 10)

    # ------------------------------------------------------------ targets

    def context(self, t):
        """Random for/where/at/by for a target."""
        r = self.r
        if r.random() < 0.3:
            col = r.choice(["kommune", "kommune", "køn", "gruppe"])
            vals = sorted({x[col] for x in self.rows if x[col] != ""})
            t["for"] = [col, r.sample(vals, 1 if r.random() < 0.75 or len(vals) < 2 else 2)]
        if r.random() < 0.3:
            t["where"] = self.cond_row(1)
        if r.random() < 0.2:
            periods = sorted({x["periode"] for x in self.rows}, key=oracle.pkey)
            t["at"] = r.choice(periods)
            if self.gran == "Q" and r.random() < 0.4:
                t["at"] = str(oracle.parse_period(r.choice(periods))[1])
        if r.random() < 0.2 and not (t.get("at") and oracle.gran(t["at"]) != self.gran):
            t["by"] = r.sample(["gruppe", "køn"], r.randint(1, 2))
        return t

    def probe(self, t):
        """Evaluate a draft target: the checks' values, per part for `by`."""
        res = oracle.Target(self.ds, self.spec_dict(), t).evaluate()
        if res["parts"] is not None:
            checks = [c for part in res["parts"] for c in part["checks"][:1]]
        else:
            checks = res["checks"][:1]
        return res, checks

    def quantity(self, t, allow_time=True):
        """A left-hand quantity and its type."""
        r = self.r
        m = self.measure()
        at_year = t.get("at") and oracle.gran(t["at"]) != self.gran
        x = r.random()
        if self.qdefines and r.random() < 0.25:
            q = ["qdef", "niveau"]
        elif not allow_time or x < 0.55:
            q = ["m", m]
        elif x < 0.65:
            q = ["prev", m]
        elif x < 0.75:
            q = ["change", ["m", m]]
        elif x < 0.83:
            q = ["growth", ["m", m]]
        elif x < 0.92 and not at_year:
            # quarterly data also get windows of years: they roll (4 quarters a year), ending at the period
            q = ["win", m, r.randint(1, 3), ("quarters" if r.random() < 0.7 else "years") if self.gran == "Q" else "years"]
        else:
            periods = sorted({x["periode"] for x in self.rows}, key=oracle.pkey)
            q = ["atp", m, r.choice(periods)]
        return q, sl.q_type(q, self.coltypes, self.qdefines)

    def gen_cmp(self, t):
        r = self.r
        L, typ = self.quantity(t)
        op = r.choice([">=", ">=", ">", "<=", "<", "==", "!="])
        style = r.random()
        if style < 0.55:
            draft = dict(t, cond=["cmp", op, L, sl.lit(typ, 0)])
            res, checks = self.probe(draft)
            v = r.choice(checks)[0] if checks else Fraction(r.randint(0, 10), 10)
            t["cond"] = ["cmp", op, L, sl.lit(typ, self.near(v, typ), "ratio" if r.random() < 0.3 else None)]
        elif style < 0.8:
            # a peer group: implicit, explicit or pooled, maybe with a constant offset
            agg = r.choice(["avg", "median", "min", "max", "pooled"])
            g = r.choice(["peers", "rest", "aldre"])
            implicit = r.random() < 0.6
            Q = L
            y = r.random()
            if implicit and y < 0.15:
                # a constant factor or term on the measure side is not part of the member
                # quantity: `2 * sum(x) >= avg(G)` compares with the members' sum(x)
                c = sl.lit("Number", r.choice([2, 3, Fraction(1, 2)]))
                L = ["bin", "*", c, L] if r.random() < 0.5 else ["bin", "/", L, c]
            elif implicit and y < 0.25 and typ == "Share":
                # a constant subtracted from stays: `100% - share(x) <= max(G)`
                L = ["bin", "-", sl.lit("Share", 1), L]
                Q = L
                typ = "Points"
            if not implicit and L[0] == "m" and r.random() < 0.4:
                # an explicit member quantity other than the left side, of the same type
                for _ in range(5):
                    m2 = self.measure()
                    if sl.measure_type(m2, self.coltypes) == typ:
                        Q = ["m", m2]
                        break
            peer = ["peer", agg, g, Q, implicit]
            draft = dict(t, cond=["cmp", op, L, peer])
            res, checks = self.probe(draft)
            R = peer
            if checks and r.random() < 0.6:
                a, b = r.choice(checks)[:2]
                off_t = "Points" if typ == "Share" else typ
                off = self.near(a - b, off_t)
                if off != 0:
                    R = ["bin", "+", peer, sl.lit(off_t, off)]
            t["cond"] = ["cmp", op, L, R]
        else:
            # compare with the previous period or another period, with an offset
            if L[0] == "qdef":
                L = self.qdefines[L[1]]
            m = L[1] if L[0] in ("m", "win", "atp", "prev") else L[1][1]
            L = ["m", m]
            typ = sl.measure_type(m, self.coltypes)
            periods = sorted({x["periode"] for x in self.rows}, key=oracle.pkey)
            other = ["prev", m] if r.random() < 0.6 else ["atp", m, r.choice(periods)]
            draft = dict(t, cond=["cmp", op, L, other])
            res, checks = self.probe(draft)
            R = other
            if checks and r.random() < 0.7:
                a, b = r.choice(checks)[:2]
                off_t = "Points" if typ == "Share" else typ
                off = self.near(a - b, off_t)
                if off != 0:
                    R = ["bin", "+", other, sl.lit(off_t, off)] if r.random() < 0.7 else ["bin", "-", other, sl.lit(off_t, -off)]
            t["cond"] = ["cmp", op, L, R]
        self.maybe_risk(t, typ)
        return t

    def maybe_risk(self, t, typ):
        r = self.r
        if r.random() < 0.25 and t["cond"][1] not in ("==", "!="):
            res, checks = self.probe(t)
            if checks:
                m = abs(r.choice(checks)[2])
            else:
                m = Fraction(1, 100)
            m = self.near(m, "Points")
            m = abs(m)
            mt = "Points" if typ in ("Share", "Points") else "Money" if typ == "Money" else "Number"
            text = sl.lit(mt, m)[3]
            if " " in text:
                return     # a margin must be a plain literal
            t["risk"] = [oracle.fstr(m), text]

    def gen_quant(self, t):
        r = self.r
        kind = r.choice(["atLeast", "atLeast", "atMost", "all", "none"])
        body = self.cond_row()
        if kind in ("all", "none"):
            R = Fraction(1) if kind == "all" else Fraction(0)
            t["cond"] = ["quant", kind, oracle.fstr(R), None, body]
            return t
        draft = dict(t, cond=["quant", kind, "1/2", "50%", body])
        res, checks = self.probe(draft)
        v = r.choice(checks)[0] if checks else Fraction(r.randint(0, 10), 10)
        R = min(max(self.near(v, "Share"), Fraction(0)), Fraction(1))
        t["cond"] = ["quant", kind, oracle.fstr(R), sl.ratio_text(R), body]
        if r.random() < 0.2:
            self.maybe_risk(t, "Share")
        return t

    def gen_trend(self, t):
        r = self.r
        m = self.measure()
        at_year = t.get("at") and oracle.gran(t["at"]) != self.gran
        if r.random() < 0.3 and not at_year:
            q = ["win", m, r.randint(1, 2), "quarters" if self.gran == "Q" else "years"]
        else:
            q = ["m", m]
        t["cond"] = ["trend", r.choice(["rises", "falls"]), q]
        if not t.get("at") and r.random() < 0.35:
            # M rises yearly from Y: Y from a year before the data's first to the year before the
            # latest (the form is only generated at the latest period: "whole years" up to a
            # period before the end of its year is not defined in SEMANTICS.md)
            years = sorted({oracle.parse_period(p)[1] for p in self.periods})
            last = years[-1]
            if last - 1 >= years[0] - 1:
                t["cond"] = ["yearly", r.choice(["rises", "falls"]), ["m", m], str(r.randint(years[0] - 1, last - 1))]
                # FOUND.md #1 (the margin of `falls yearly`) is fixed: its margin is compared too.
        if r.random() < 0.2:
            self.maybe_risk(t, sl.measure_type(m, self.coltypes))
        return t

    def gen_arith(self, t):
        r = self.r
        x = r.random()
        if x < 0.4:
            a = ["m", ["count", self.cond_row()]]
            b = ["m", ["count", None if r.random() < 0.5 else self.cond_row()]]
            L = ["bin", "/", a, b]            # Count / Count: Share
        elif x < 0.7:
            a = ["m", self.measure()]
            b = ["m", self.measure()]
            ta, tb = sl.q_type(a, self.coltypes), sl.q_type(b, self.coltypes)
            if ta == tb or {ta, tb} <= {"Count", "Number"}:
                L = ["bin", r.choice(["+", "-"]) if ta != "Share" else "-", a, b]
            else:
                L = ["bin", "-", a, a]
        else:
            a = ["m", self.measure()]
            L = ["bin", r.choice(["*", "/"]), a, sl.lit("Number", r.choice([2, 3, Fraction(1, 2), 10]))]
        typ = sl.q_type(L, self.coltypes)
        op = r.choice([">=", ">", "<=", "<", "=="])
        draft = dict(t, cond=["cmp", op, L, sl.lit(typ, 0)])
        res, checks = self.probe(draft)
        v = r.choice(checks)[0] if checks else Fraction(r.randint(0, 10), 10)
        t["cond"] = ["cmp", op, L, sl.lit(typ, self.near(v, typ))]
        return t

    def gen_logic(self, t):
        r = self.r
        a = self.gen_simple(dict(t))["cond"]
        b = self.gen_simple(dict(t))["cond"]
        t["cond"] = [r.choice(["and", "or"]), a, b]
        return t

    def gen_simple(self, t):
        L, typ = self.quantity(t, allow_time=False)
        op = self.r.choice([">=", ">", "<=", "<"])
        draft = dict(t, cond=["cmp", op, L, sl.lit(typ, 0)])
        res, checks = self.probe(draft)
        v = self.r.choice(checks)[0] if checks else Fraction(1, 2)
        t["cond"] = ["cmp", op, L, sl.lit(typ, self.near(v, typ))]
        return t

    def settle_number_format(self, path):
        """Numbers such as 1.234 alone in a ',' file read two ways (SEMANTICS.md §1.5): mostly say
        `decimal point`, sometimes leave it out and expect GS0508."""
        self.ambiguous = oracle.ambiguous_number_columns(path, self.coltypes)
        self.decimal = None
        if self.ambiguous and self.r.random() < 0.7:
            self.decimal = "point"

    def spec_dict(self):
        return {"seed": self.seed,
                "data": {"name": "tal", "file": "data.csv", "entity": "kommune", "time": "periode",
                         "decimal": getattr(self, "decimal", None),
                         "weight": "vægt" if self.weighted else None,
                         "units": {"beløb": self.unit} if self.unit else {}},
                "columns": self.coltypes, "groups": self.groups, "defines": self.defines,
                "qdefines": getattr(self, "qdefines", {}),
                "targets": self.targets, "goals": getattr(self, "goals", [])}

    def goal_rule(self, n):
        x = self.r.random()
        if x < 0.35:
            return None
        if x < 0.5:
            return "all"
        return self.r.randint(1, n)

    def make_targets(self, n):
        r = self.r
        self.targets = []
        kinds = [(self.gen_cmp, 40), (self.gen_quant, 20), (self.gen_trend, 12), (self.gen_arith, 12),
                 (self.gen_logic, 8)]
        for i in range(n):
            for attempt in range(12):
                t = {"id": f"t{i}", "title": f"Mål {i} — æøå"}
                self.context(t)
                f = r.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
                try:
                    t = f(t)
                    oracle.Target(self.ds, self.spec_dict(), t).evaluate()
                except oracle.GapHit:
                    continue
                self.targets.append(t)
                break
        self.goals = []
        ids = [t["id"] for t in self.targets]
        if len(ids) >= 3 and r.random() < 0.5:
            r.shuffle(ids)
            k = r.randint(2, min(5, len(ids)))
            children = ids[:k]
            del ids[:k]
            if len(ids) >= 2 and r.random() < 0.4:
                j = r.randint(1, min(3, len(ids)))
                sub = {"title": "Delmål æ", "rule": self.goal_rule(j), "children": ids[:j]}
                del ids[:j]
                children.append(sub)
            self.goals.append({"title": "Samlet mål ø", "rule": self.goal_rule(len(children)), "children": children})

    def build(self, outdir):
        os.makedirs(outdir, exist_ok=True)
        self.make_data()
        path = os.path.join(outdir, "data.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(self.csv_text())
        self.targets = []
        self.settle_number_format(path)
        self.make_decls()
        self.ds = oracle.Dataset(path, self.spec_dict()["data"], self.coltypes, self.spec_dict()["data"]["units"])
        self.make_targets(self.r.randint(6, 10))
        spec = self.spec_dict()
        text = sl.render_spec(spec)
        if self.ambiguous and not self.decimal:
            # Goalspec must reject the spec with GS0508 when a target (or a weight or unit line)
            # reads an ambiguous column; otherwise the column does not matter.
            body = text.split("\n", 3)[-1]
            used = [c for c in self.ambiguous if re.search(r"(?<![\w])" + re.escape(sl.spelled(c)) + r"(?![\w])", body)]
            spec["expect_error"] = "GS0508" if used else None
        with open(os.path.join(outdir, f"s{self.seed}.goal"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(outdir, "spec.json"), "w", encoding="utf-8") as f:
            json.dump(spec, f, ensure_ascii=False, indent=1)
        return spec


def generate(seed, outdir):
    return Gen(seed).build(outdir)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: gen.py SEED OUTDIR", file=sys.stderr)
        sys.exit(64)
    generate(int(sys.argv[1]), sys.argv[2])
