"""Large CSV files (> 8 MiB) for the differential test.

Goalspec scans a CSV file of 8 MiB or more on several cores, cutting it at the first line end
after size·k/cores (Sources/Goalspec/Eval/Engine.swift, parallelThreshold). These files place
quoted fields holding commas and line ends at and around those offsets, for 2, 3 and 4 cores
(size/2, size/3, 2·size/3, size/4, 3·size/4), so that a cut falls inside a quoted field, just
before one, or just after one. Each file gets generated targets (gen.py) plus targets that
depend on every row (counts of the quoted values), compared with the oracle as the small seeds.

Variants (one per file, cycling):
  straddle-nl     a quoted field with line ends spans each cut offset; none in the first 64 KiB
  straddle-comma  a quoted field with commas (no line ends) spans each cut offset
  around          quoted multi-line fields end just before / start just after each cut offset
  crlf            straddle-nl with CRLF line ends
  sample-nl       straddle-nl, and a quoted line end in the first rows as well
"""

import os
import time
from fractions import Fraction

import gen
import oracle
import speclang as sl

TARGET_BYTES = (8 << 20) + 300_000
VARIANTS = ["straddle-nl", "straddle-comma", "around", "crlf", "sample-nl"]
CUTS = sorted({Fraction(k, n) for n in (2, 3, 4) for k in range(1, n)})


def special_text(kind, i):
    if kind == "comma":
        return f"komma {i}, " + ", ".join(f"felt {j} æøå" for j in range(40))
    # a field with line ends every few bytes, and commas and an escaped quote
    return f"linje {i}\n" + "\n".join(f"del {j}, \"citat\" ø" for j in range(30))


class BigGen(gen.Gen):
    def __init__(self, seed, variant):
        super().__init__(seed)
        self.variant = variant
        self.newline = "\r\n" if variant == "crlf" else "\n"

    def make_data(self):
        r = self.r
        self.gran = "Q"
        periods = ["2023K3", "2023K4", "2024K1", "2024K2"][: r.randint(2, 4)]
        self.ents = r.sample(gen.ENTITIES, 6)
        self.grps = list(gen.GROUPS)
        self.weighted = r.random() < 0.5
        self.notes = True
        self.unit = None
        self.percent = False
        pool_b = [self.decimal_text(-20, 60, 3) for _ in range(20)]
        pool_a = [str(r.randint(-5, 40)) for _ in range(15)]
        self.header = ["kommune", "periode", "gruppe", "køn", "job", "mål_nået", "beløb", "antal"]
        if self.weighted:
            self.header.append("vægt")
        self.header.append("bemærkning")
        rows = []
        size = 0
        notes = ["ok", "følges op, igen", "", "sag \"åben\"", "æøå ÆØÅ"]
        if self.variant == "sample-nl":
            notes.append("tjek igen\nnæste kvartal")
        else:
            notes.append("tjek igen, næste kvartal")
        while size < TARGET_BYTES:
            row = {
                "kommune": r.choice(self.ents), "periode": r.choice(periods),
                "gruppe": "" if r.random() < 0.02 else r.choice(self.grps),
                "køn": r.choice(gen.SEXES),
                "job": "" if r.random() < 0.05 else r.choice(["0", "1", "1"]),
                "mål_nået": "" if r.random() < 0.05 else r.choice(["0", "1"]),
                "beløb": "" if r.random() < 0.05 else r.choice(pool_b),
                "antal": "" if r.random() < 0.05 else r.choice(pool_a),
                "bemærkning": r.choice(notes),
            }
            if self.weighted:
                row["vægt"] = r.choice(["1", "2", "3", "2.5", "10"])
            rows.append(row)
            size += len(self.line(row).encode()) + len(self.newline)
        self.rows = rows
        self.place_specials()
        self.coltypes = {"kommune": "text", "periode": "period", "gruppe": "text", "køn": "text",
                         "job": "bool", "mål_nået": "bool", "beløb": "decimal", "antal": "integer",
                         "bemærkning": "text"}
        if self.weighted:
            self.coltypes["vægt"] = "decimal"
        self.periods = sorted({x["periode"] for x in self.rows}, key=oracle.pkey)

    def line(self, row):
        def field(v):
            if any(c in v for c in ',"\n\r'):
                return '"' + v.replace('"', '""') + '"'
            return v
        return ",".join(field(row[c]) for c in self.header)

    def csv_text(self):
        nl = self.newline
        return nl.join([",".join(self.header)] + [self.line(x) for x in self.rows]) + nl

    def place_specials(self):
        """Insert special rows so that they sit at the cut offsets of the final file."""
        r = self.r
        nl = len(self.newline)
        kind = "comma" if self.variant == "straddle-comma" else "nl"
        specials = []
        for i, cut in enumerate(CUTS):
            base = dict(r.choice(self.rows))
            if self.variant == "around":
                a = dict(base, bemærkning=special_text("nl", 2 * i))
                b = dict(base, bemærkning=special_text("nl", 2 * i + 1))
                specials.append((cut, "before", a))
                specials.append((cut, "after", b))
            else:
                specials.append((cut, "straddle", dict(base, bemærkning=special_text(kind, i))))
        self.special_values = sorted({s[2]["bemærkning"] for s in specials})
        lens = [len(self.line(s[2]).encode()) + nl for s in specials]
        header_len = len(",".join(self.header).encode()) + nl
        row_lens = [len(self.line(x).encode()) + nl for x in self.rows]
        total = header_len + sum(row_lens) + sum(lens)
        # boundaries: offset of the start of each base row (in the base file)
        offs = [header_len]
        for L in row_lens:
            offs.append(offs[-1] + L)
        inserts = []   # (base row index, special row)
        shift = 0
        for (cut, how, row), L in zip(specials, lens):
            m = int(total * cut)     # the cut offset in the final file
            if how == "straddle":
                want = m - L // 2       # start so that the field spans m
            elif how == "before":
                want = m - L - 3        # ends 3 bytes (about) before m
            else:
                want = m + 1            # starts just after m
            # the base boundary whose final offset is closest to `want`, not before the last insert
            lo = inserts[-1][0] if inserts else 1
            best = self.closest(offs, want - shift, lo)
            inserts.append((best, row))
            shift += L
        for b, row in reversed(inserts):
            self.rows.insert(b, row)
        self.cut_offsets = [int(total * c) for c in CUTS]

    @staticmethod
    def closest(offs, want, lo):
        import bisect
        i = bisect.bisect_left(offs, want)
        cands = [j for j in (i - 1, i) if lo <= j < len(offs) - 1]
        if not cands:
            return max(lo, min(i, len(offs) - 2))
        return min(cands, key=lambda j: abs(offs[j] - want))

    def make_targets(self, n):
        super().make_targets(n)
        # targets that depend on every row and on the quoted fields being read whole
        k = len(self.targets)
        extra = []
        for i, v in enumerate(self.special_values[:3]):
            extra.append({"id": f"t{k + i}", "title": "quoted field",
                          "cond": ["cmp", ">=", ["m", ["count", ["cmp", "==", ["col", "bemærkning"], ["str", v]]]],
                                   sl.lit("Count", 0)]})
        extra.append({"id": f"t{k + 3}", "title": "all rows", "cond": ["cmp", "==", ["m", ["count", None]], sl.lit("Count", 0)]})
        extra.append({"id": f"t{k + 4}", "title": "sum", "by": ["gruppe"],
                      "cond": ["cmp", ">=", ["m", ["sum", "beløb"]], sl.lit("Number", 0)]})
        extra.append({"id": f"t{k + 5}", "title": "notes", "where": ["cmp", "!=", ["col", "bemærkning"], ["str", "ok"]],
                      "cond": ["cmp", "<=", ["m", ["share", ["col", "job"]]], sl.lit("Share", 0)]})
        for t in extra:
            self.targets.append(t)
            res = oracle.Target(self.ds, self.spec_dict(), t).evaluate()
            checks = res["checks"] if res["parts"] is None else [c for p in res["parts"] for c in p["checks"]]
            if checks:
                typ = sl.q_type(t["cond"][2], self.coltypes)
                t["cond"][3] = sl.lit(typ, checks[0][0])


def gen_big(args):
    i, seed, outdir = args
    variant = VARIANTS[i % len(VARIANTS)]
    d = os.path.join(outdir, f"large{i}")
    t0 = time.time()
    g = BigGen(seed, variant)
    spec = g.build(d)
    spec["large"] = variant
    expected = oracle.evaluate_spec(spec, os.path.join(d, "data.csv"))
    size = os.path.getsize(os.path.join(d, "data.csv"))
    return seed, d, spec, expected, size, g.cut_offsets, time.time() - t0


def run(k, outdir, jobs, stats):
    """Generates k large files, checks them; returns (k, disagreements)."""
    import difftest
    from concurrent.futures import ProcessPoolExecutor
    base = os.path.join(outdir, "large")
    args = [(i, 1_000_000 + i, base) for i in range(k)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        cases = list(pool.map(gen_big, args))
    dis = []
    for seed, d, spec, expected, size, cuts, dt in cases:
        if size < (8 << 20):
            dis.append((seed, d, spec, None, [f"large file is only {size} bytes"]))
            continue
        report = difftest.run_goalspec(d)
        for tid, probs in difftest.check_seed(seed, d, spec, expected, report, d, stats):
            dis.append((seed, d, spec, tid, [f"large file ({spec['large']}, {size} bytes)"] + probs))
    return k, dis
