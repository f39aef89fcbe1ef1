#!/usr/bin/env python3
"""Runs Goalspec's generated DuckDB queries on typed in-memory tables (used by SQLDuckDBTests).

Reads a JSON job on stdin: {"tables": [{"name", "columns": [{"name", "type"}], "rows": [[text or null]]}],
"queries": [sql]}. Loads each table (values bound as parameters and cast to the column's type,
so no value is spliced into SQL), runs each query, and writes {"results": [{"columns", "rows"} or
{"error"}]} with every value as text: decimals in plain notation, Bool values true/false. A
floating-point value in a result is reported as an error: the pushdown must return exact types.
"""
import decimal
import json
import sys

import duckdb


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def text(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, float):
        raise ValueError("inexact floating-point value %r in a result" % value)
    return str(value)


def main():
    job = json.load(sys.stdin)
    con = duckdb.connect()
    for table in job["tables"]:
        columns = table["columns"]
        con.execute("CREATE TABLE %s (%s)" % (quote(table["name"]),
                    ", ".join(quote(c["name"]) + " " + c["type"] for c in columns)))
        if table["rows"]:
            placeholders = ", ".join("CAST(? AS %s)" % c["type"] for c in columns)
            con.executemany("INSERT INTO %s VALUES (%s)" % (quote(table["name"]), placeholders), table["rows"])
    results = []
    for sql in job["queries"]:
        try:
            cursor = con.execute(sql)
            names = [d[0] for d in cursor.description]
            rows = [[text(v) for v in row] for row in cursor.fetchall()]
            results.append({"columns": names, "rows": rows})
        except Exception as error:  # reported to the test, which fails with it
            results.append({"error": str(error)})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
