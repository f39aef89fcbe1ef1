"""The same data in other forms Goalspec reads, for the same expected figures.

A seed's data.csv (',' and '.', UTF-8) is rewritten as
- danish: what Danish Excel writes as "CSV (semikolonsepareret)": ';'-separated, decimal comma,
  thousands marks on large numbers, '12,5 %', Windows-1252, CRLF, a ';' ending every row;
- xlsx: an Excel workbook written by openpyxl (numbers as numbers, percentages as numbers
  formatted 0.0%, booleans as numbers, text as shared strings).
The spec is copied with its data path pointed at the new file; the oracle's expectations are
those of the original file, so every figure must come out the same.
"""

import csv
import os
import re
from decimal import Decimal

NUMBER = re.compile(r"^\s*[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?\s*$")


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def danish_number(text):
    """'1234.5' → '1.234,5'; other spellings (exponents, padding) keep their digits."""
    t = text.strip()
    if "e" in t.lower():
        return t.replace(".", ",")
    sign = ""
    if t[:1] in "+-":
        sign, t = t[0], t[1:]
    whole, _, frac = t.partition(".")
    if len(whole) > 3 and not whole.startswith("0"):
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = whole + "." + ".".join(groups)
    return sign + whole + ("," + frac if frac else "")


def danish_cell(value, kind):
    if value == "" or kind not in ("decimal", "integer", "money", "percent"):
        return value
    if kind == "percent":
        body = value.strip().rstrip("%").strip()
        return danish_number(body) + " %"
    return danish_number(value) if NUMBER.match(value) else value


def quote(value):
    if any(c in value for c in ';"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_danish(src_dir, dst_dir, spec_name, columns):
    header, rows = read(os.path.join(src_dir, "data.csv"))
    kinds = [columns.get(h, "text") for h in header]
    lines = [";".join(quote(h) for h in header) + ";"]
    for r in rows:
        lines.append(";".join(quote(danish_cell(v, k)) for v, k in zip(r, kinds)) + ";")
    text = "\r\n".join(lines) + "\r\n"
    os.makedirs(dst_dir, exist_ok=True)
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    with open(os.path.join(dst_dir, "data.csv"), "wb") as f:
        f.write(data)
    spec = open(os.path.join(src_dir, spec_name), encoding="utf-8").read()
    # the file now says by itself how it writes numbers
    spec = spec.replace("\n  decimal point\n", "\n")
    with open(os.path.join(dst_dir, spec_name), "w", encoding="utf-8") as f:
        f.write(spec)


def write_xlsx(src_dir, dst_dir, spec_name, columns):
    import openpyxl
    header, rows = read(os.path.join(src_dir, "data.csv"))
    kinds = [columns.get(h, "text") for h in header]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ark1"
    ws.append(header)
    for r in rows:
        out = []
        for v, k in zip(r, kinds):
            if v.strip() == "":
                out.append(None)
            elif k in ("decimal", "integer", "money") and NUMBER.match(v):
                d = Decimal(v.strip())
                out.append(int(d) if d == d.to_integral_value() and abs(d) < 10 ** 15 else float(d))
            elif k == "bool" and v in ("0", "1"):
                out.append(int(v))
            else:
                out.append(v)
        ws.append(out)
    for j, k in enumerate(kinds):
        if k != "percent":
            continue
        for i in range(2, len(rows) + 2):
            cell = ws.cell(row=i, column=j + 1)
            text = cell.value
            if isinstance(text, str) and NUMBER.match(text.strip().rstrip("%").strip()):
                cell.value = float(Decimal(text.strip().rstrip("%").strip()) / 100)
                cell.number_format = "0.0%"
    os.makedirs(dst_dir, exist_ok=True)
    wb.save(os.path.join(dst_dir, "data.xlsx"))
    spec = open(os.path.join(src_dir, spec_name), encoding="utf-8").read()
    spec = spec.replace('from "data.csv"', 'from "data.xlsx"').replace("\n  decimal point\n", "\n")
    with open(os.path.join(dst_dir, spec_name), "w", encoding="utf-8") as f:
        f.write(spec)


WRITERS = {"danish": write_danish, "xlsx": write_xlsx}
