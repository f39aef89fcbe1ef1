"""Writes the xlsx fixtures of the xlsx reader's tests with openpyxl (pip install openpyxl).

employment-openpyxl.xlsx: Specs/data/employment.csv as sheet "Beskæftigelse", after a first
sheet "Noter" of notes, with numbers as numbers. types-openpyxl.xlsx: one row per cell kind
(shared and inline strings, integers, decimals, floats Excel rounds, booleans, dates in the
1900 system, empty cells, an error value), in sheet "Ark1".

The LibreOffice fixtures are made from the CSV files with
  soffice --headless --convert-to xlsx --outdir . employment.csv
(see README.md in this folder).
"""
import csv
import datetime
import pathlib

import openpyxl

here = pathlib.Path(__file__).resolve().parent
root = here.parents[3]

book = openpyxl.Workbook()
notes = book.active
notes.title = "Noter"
notes["A1"] = "Kilde: Danmarks Statistik og Jobindsats, bearbejdet."
sheet = book.create_sheet("Beskæftigelse")
with open(root / "Specs/data/employment.csv", newline="", encoding="utf-8") as f:
    for i, row in enumerate(csv.reader(f)):
        if i == 0:
            sheet.append(row)
        else:
            sheet.append([row[0], row[1], int(row[2]), int(row[3])])
book.save(here / "employment-openpyxl.xlsx")

book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Ark1"
sheet.append(["kommune", "dato", "beløb", "andel", "aktiv", "note"])
sheet.append(["Århus", datetime.date(2024, 7, 1), 1234.5, 0.1 + 0.2, True, "første"])
sheet.append(["Ærø", datetime.date(2024, 12, 31), 12345678901234567, 0.25, False, None])
sheet.append(["Øster Hornum", datetime.date(1900, 3, 1), -0.000015, 1e-20, True, "a & b < c"])
sheet.append(["København", datetime.date(2023, 1, 15), 3, None, None, "=\"x\""])
sheet["D5"] = "=1/0"
for cell in ("B2", "B3", "B4", "B5"):
    sheet[cell].number_format = "DD-MM-YYYY"
for cell in ("D2", "D3", "D4"):
    sheet[cell].number_format = "0.0%"
book.save(here / "types-openpyxl.xlsx")

# deflate.zip: entries exercising every DEFLATE block kind; the reader checks each entry's
# CRC-32 and size, so reading them all proves the decoder right on these streams.
import random
import zipfile

rng = random.Random(1951)
words = ["kommune", "borgere", "målet", "Århus", "andel", "øvrige", "6-byer", "job", "uddannelse"]
text = " ".join(rng.choice(words) for _ in range(60000)).encode("utf-8")
noise = bytes(rng.getrandbits(8) for _ in range(70000))
far = bytes(rng.getrandbits(8) for _ in range(32000)) * 4
with zipfile.ZipFile(here / "deflate.zip", "w") as z:
    z.writestr(zipfile.ZipInfo("empty.txt"), b"", compress_type=zipfile.ZIP_DEFLATED)
    z.writestr("stored.txt", text[:5000], compress_type=zipfile.ZIP_STORED)
    z.writestr("fixed.txt", b"abc", compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    z.writestr("text-level1.txt", text, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    z.writestr("text-level9.txt", text, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    z.writestr("noise.bin", noise, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    z.writestr("far-matches.bin", far, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    z.writestr("runs.bin", b"\x00" * 200000 + b"x" * 1000, compress_type=zipfile.ZIP_DEFLATED)

# The LibreOffice fixtures (LibreOffice computes and saves formula results, openpyxl does not):
#   cp ../../../../Specs/data/employment.csv . && soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx employment.csv
#   mv employment.xlsx employment-libreoffice.xlsx && rm employment.csv
#   mkdir lo && soffice --headless --convert-to xlsx --outdir lo types-openpyxl.xlsx
#   mv lo/types-openpyxl.xlsx types-libreoffice.xlsx && rmdir lo
