"""The generated subset of the Goalspec language as plain data (JSON-serialisable lists), and its
rendering to .goal text.

This module is shared by gen.py (which builds the trees and writes the text) and oracle.py
(which evaluates the trees). It contains no evaluation logic and no Goalspec code.

Row expressions (R):
  ["col", header]            a column (a Bool column alone is a condition)
  ["num", "1.5"]             a decimal literal (may be negative)
  ["unitnum", "5", " tkr"]   a literal in a unit column's unit ("5 tkr", "12.5%")
  ["str", "Ærø"]             a text literal
  ["bool", true]
  ["cmp", op, R, R]          op in == != < <= > >=
  ["and", R, R] ["or", R, R] ["not", R]
  ["in", R, ["a", "b"]]      x in [..] (text columns only: gap G5)
  ["ingroup", R, group]      x in GROUP
  ["arith", op, R, R]        op in + - * /
  ["def", name]              a define (a row condition)
  ["period", "2023K2"]       a period literal compared with the time column

Measures (M):
  ["count", R|None] ["share", R] ["sum", col] ["mean", col] ["median", col]
  ["pct", col, p] ["min", col] ["max", col]

Quantities (Q), at target level:
  ["m", M]                   M at the evaluated period
  ["atp", M, "2023K2"]       M at PERIOD
  ["prev", M]                M at previous
  ["win", M, n, unit]        M over last n quarters|years
  ["change", Q] ["growth", Q]        Q is "m" or "win"
  ["lit", type, "n/d", text] a literal (text is how it is written)
  ["bin", op, Q, Q]          + - * /
  ["peer", agg, group, Q, implicit]  agg in avg median min max pooled; Q the member quantity
  ["qdef", name]             a define naming a quantity (`define niveau = share(job)`)

Conditions (C):
  ["cmp", op, Q, Q]
  ["quant", kind, "n/d", rtext, R]    kind atLeast atMost all none
  ["trend", "rises"|"falls", Q]       Q is "m" or "win"
  ["yearly", "rises"|"falls", Q, Y]   M rises yearly from Y (Q is "m")
  ["and", C, C] ["or", C, C]
"""

from fractions import Fraction

# ---------------------------------------------------------------- names

def spelled(header):
    """How a column header is written in the spec: underscores as spaces (LANGUAGE.md, Names)."""
    return header.replace("_", " ")


def quote(text):
    return '"' + (text.replace("\\", "\\\\").replace('"', '\\"')
                  .replace("\n", "\\n").replace("\t", "\\t")) + '"'


# ---------------------------------------------------------------- row expressions

ROW_PREC = {"or": 1, "and": 2, "not": 3, "cmp": 4, "in": 4, "ingroup": 4, "+": 5, "-": 5, "*": 6, "/": 6}


def row_prec(e):
    k = e[0]
    if k == "arith":
        return ROW_PREC[e[1]]
    return ROW_PREC.get(k, 9)


def render_row(e, defines=None):
    k = e[0]
    if k == "col":
        return spelled(e[1])
    if k == "num":
        return e[1]
    if k == "unitnum":
        return e[1] + e[2]
    if k == "str":
        return quote(e[1])
    if k == "bool":
        return "true" if e[1] else "false"
    if k == "def":
        return e[1]
    if k == "period":
        return e[1]
    if k == "not":
        inner = e[1]
        s = render_row(inner)
        if row_prec(inner) < 9:
            s = "(" + s + ")"
        return "not " + s
    if k in ("and", "or"):
        p = ROW_PREC[k]
        a = render_row(e[1]); b = render_row(e[2])
        if row_prec(e[1]) < p: a = "(" + a + ")"
        if row_prec(e[2]) <= p and e[2][0] != k: b = "(" + b + ")"
        elif row_prec(e[2]) < p: b = "(" + b + ")"
        return f"{a} {k} {b}"
    if k == "cmp":
        a = render_row(e[2]); b = render_row(e[3])
        if row_prec(e[2]) <= 4: a = "(" + a + ")"
        if row_prec(e[3]) <= 4: b = "(" + b + ")"
        return f"{a} {e[1]} {b}"
    if k == "in":
        items = ", ".join(quote(v) for v in e[2])
        return f"{render_row(e[1])} in [{items}]"
    if k == "ingroup":
        return f"{render_row(e[1])} in {e[2]}"
    if k == "arith":
        op = e[1]; p = ROW_PREC[op]
        a = render_row(e[2]); b = render_row(e[3])
        if row_prec(e[2]) < p: a = "(" + a + ")"
        if row_prec(e[3]) <= p: b = "(" + b + ")"
        return f"{a} {op} {b}"
    raise ValueError(e)


# ---------------------------------------------------------------- measures

def render_measure(m):
    k = m[0]
    if k == "count":
        return "count()" if m[1] is None else f"count({render_row(m[1])})"
    if k == "share":
        return f"share({render_row(m[1])})"
    if k == "pct":
        return f"percentile({spelled(m[1])}, {m[2]})"
    return f"{k}({spelled(m[1])})"


# ---------------------------------------------------------------- quantities

Q_PREC = {"+": 5, "-": 5, "*": 6, "/": 6}


def q_prec(q):
    if q[0] == "bin":
        return Q_PREC[q[1]]
    if q[0] == "lit" and (" " in q[3] or q[3].startswith("-")):
        # "1 / 3", "3/7 - 0/1", "-5%": keep them whole inside larger arithmetic
        return 4
    if q[0] in ("atp", "prev", "win"):
        return 7   # postfix forms
    return 9


def render_q(q):
    k = q[0]
    if k == "m":
        return render_measure(q[1])
    if k == "atp":
        return f"{render_measure(q[1])} at {q[2]}"
    if k == "prev":
        return f"{render_measure(q[1])} at previous"
    if k == "win":
        return f"{render_measure(q[1])} over last {q[2]} {q[3]}"
    if k in ("change", "growth"):
        return f"{k}({render_q(q[1])})"
    if k == "lit":
        return q[3]
    if k == "qdef":
        return q[1]
    if k == "bin":
        op = q[1]; p = Q_PREC[op]
        a = render_q(q[2]); b = render_q(q[3])
        if q_prec(q[2]) < p: a = "(" + a + ")"
        if q_prec(q[3]) <= p: b = "(" + b + ")"
        return f"{a} {op} {b}"
    if k == "peer":
        agg, group, inner, implicit = q[1], q[2], q[3], q[4]
        if implicit:
            return f"{agg}({group})"
        return f"{agg}({render_q(inner)} in {group})"
    raise ValueError(q)


def render_cond(c):
    k = c[0]
    if k == "cmp":
        return f"{render_q(c[2])} {c[1]} {render_q(c[3])}"
    if k == "quant":
        kind = c[1]
        body = render_row(c[4])
        if kind in ("all", "none"):
            return f"{kind} {body}"
        return f"{kind} {c[3]} {body}"
    if k == "trend":
        return f"{render_q(c[2])} {c[1]}"
    if k == "yearly":
        return f"{render_q(c[2])} {c[1]} yearly from {c[3]}"
    if k in ("and", "or"):
        a = render_cond(c[1]); b = render_cond(c[2])
        if c[1][0] == "quant" or (k == "and" and c[1][0] == "or"): a = "(" + a + ")"
        if c[2][0] == "quant" or (k == "and" and c[2][0] == "or") or c[2][0] == k: b = "(" + b + ")"
        return f"{a} {k} {b}"
    raise ValueError(c)


# ---------------------------------------------------------------- literals

def terminating(f, max_digits):
    """The decimal text of f if it has at most max_digits fraction digits, else None."""
    f = Fraction(f)
    for d in range(0, max_digits + 1):
        scaled = f * 10 ** d
        if scaled.denominator == 1:
            n = scaled.numerator
            neg = n < 0
            n = abs(n)
            s = str(n).rjust(d + 1, "0")
            txt = s if d == 0 else s[:-d] + "." + s[-d:]
            return ("-" if neg else "") + txt
    return None


def lit(typ, value, style=None):
    """A literal quantity of the given type with exactly the given value."""
    value = Fraction(value)
    if typ == "Share":
        t = terminating(value * 100, 4)
        if t is not None and style != "ratio":
            text = t + "%"
        else:
            n, d = value.numerator, value.denominator
            text = f"{n}/{d}" if n >= 0 else f"-{-n}/{d}"
    elif typ == "Points":
        t = terminating(value * 100, 4)
        if t is not None:
            text = t + "pp"
        else:
            n, d = abs(value.numerator), value.denominator
            text = f"{n}/{d} - 0/1" if value >= 0 else f"0/1 - {n}/{d}"
    elif typ == "Money":
        t = terminating(value, 3)
        if t is not None and value != 0 and value % 10 ** 6 == 0:
            text = f"{value // 10 ** 6} mio. kr"
        elif t is not None and value != 0 and value % 1000 == 0:
            text = f"{value // 1000} {'tkr' if value % 3000 else 't.kr'}"
        elif t is not None:
            text = f"{t} kr"
        else:
            n, d = value.numerator, value.denominator
            text = f"{n} kr / {d}" if n >= 0 else f"-{-n} kr / {d}"
    else:  # Number, Count
        t = terminating(value, 6)
        if t is not None:
            text = t
        else:
            n, d = value.numerator, value.denominator
            text = f"{n} / {d}" if n >= 0 else f"-{-n} / {d}"
    typ_out = "Number" if typ == "Count" else typ
    return ["lit", typ_out, f"{value.numerator}/{value.denominator}", text]


def ratio_text(value):
    """A quantifier's ratio R: a Share literal."""
    value = Fraction(value)
    t = terminating(value * 100, 4)
    if t is not None:
        return t + "%"
    return f"{value.numerator}/{value.denominator}"


# ---------------------------------------------------------------- types

def measure_type(m, coltypes):
    k = m[0]
    if k == "count":
        return "Count"
    if k == "share":
        return "Share"
    ct = coltypes.get(m[1])
    if ct == "money":
        return "Money"
    if ct == "percent":
        return "Share"
    return "Number"     # numeric columns only


def q_type(q, coltypes, qdefines=None):
    k = q[0]
    if k == "qdef":
        return q_type(qdefines[q[1]], coltypes, qdefines)
    if k in ("m", "atp", "prev", "win"):
        return measure_type(q[1], coltypes)
    if k == "change":
        t = q_type(q[1], coltypes)
        return "Points" if t == "Share" else t
    if k == "growth":
        return "Share"
    if k == "lit":
        return q[1]
    if k == "peer":
        return q_type(q[3], coltypes)
    if k == "bin":
        a = q_type(q[2], coltypes); b = q_type(q[3], coltypes)
        op = q[1]
        if op in "+-":
            if a == "Share" and b == "Share":
                return "Points" if op == "-" else None
            if a == "Share" and b == "Points":
                return "Share"
            if a == "Points" and b == "Points":
                return "Points"
            if a in ("Count", "Number") and b in ("Count", "Number"):
                return "Count" if a == b == "Count" else "Number"
            if a == b == "Money":
                return "Money"
            return None
        if op == "*":
            if a == "Number": return b
            if b == "Number": return a
            return None
        if op == "/":
            if b == "Number": return a
            if a == b: return "Number" if a != "Count" else "Share"
            return None
    raise ValueError(q)


# ---------------------------------------------------------------- whole spec

def render_target(t):
    lines = [f"target {t['id']} {quote(t['title'])}"]
    if t.get("data"):
        lines.append(f"  data {t['data']}")
    if t.get("for"):
        col, vals = t["for"]
        if len(vals) == 1:
            lines.append(f"  for {spelled(col)} = {quote(vals[0])}")
        else:
            lines.append(f"  for {spelled(col)} in [{', '.join(quote(v) for v in vals)}]")
    if t.get("where") is not None:
        lines.append(f"  where {render_row(t['where'])}")
    if t.get("at"):
        lines.append(f"  at {t['at']}")
    if t.get("risk"):
        lines.append(f"  at risk within {t['risk'][1]}")
    if t.get("by"):
        lines.append(f"  by {', '.join(spelled(c) for c in t['by'])}")
    lines.append(f"  {render_cond(t['cond'])}")
    return "\n".join(lines)


def indent(text, n):
    pad = " " * n
    return "\n".join(pad + line for line in text.split("\n"))


def render_goal(g, targets):
    lines = [f"goal {quote(g['title'])}"]
    if g.get("rule") is not None:
        lines.append(f"  met when {'all' if g['rule'] == 'all' else 'atLeast ' + str(g['rule'])}")
    for c in g["children"]:
        if isinstance(c, dict):
            lines.append(indent(render_goal(c, targets), 2))
        else:
            lines.append(indent(render_target(targets[c]), 2))
    return "\n".join(lines)


def goal_targets(g):
    out = []
    for c in g["children"]:
        out += goal_targets(c) if isinstance(c, dict) else [c]
    return out


def render_spec(spec):
    d = spec["data"]
    out = [f"# generated by Tests/Differential/gen.py, seed {spec['seed']}", ""]
    out.append(f"data {d['name']} from {quote(d['file'])}")
    if d.get("entity"): out.append(f"  entity {spelled(d['entity'])}")
    if d.get("time"): out.append(f"  time {spelled(d['time'])}")
    if d.get("weight"): out.append(f"  weight {spelled(d['weight'])}")
    if d.get("decimal"): out.append(f"  decimal {d['decimal']}")
    for col, unit in d.get("units", {}).items():
        out.append(f"  unit {spelled(col)} {unit}")
    out.append("")
    for name, (col, members) in spec.get("groups", {}).items():
        out.append(f"group {name} = {spelled(col)} in [{', '.join(quote(m) for m in members)}]")
    for name, expr in spec.get("defines", {}).items():
        out.append(f"define {name} = {render_row(expr)}")
    for name, q in spec.get("qdefines", {}).items():
        out.append(f"define {name} = {render_q(q)}")
    out.append("")
    targets = {t["id"]: t for t in spec["targets"]}
    in_goals = set()
    for g in spec.get("goals", []):
        in_goals.update(goal_targets(g))
    for t in spec["targets"]:
        if t["id"] not in in_goals:
            out.append(render_target(t))
            out.append("")
    for g in spec.get("goals", []):
        out.append(render_goal(g, targets))
        out.append("")
    return "\n".join(out)
