import Goalspec

enum Usage {
    static let main = """
    goalspec \(Runner.version) — check the goals of municipalities and regions against their data

    USAGE
      goalspec check [FILE|DIR]... [options]   evaluate targets (default: the current folder)
      goalspec lint [FILE|DIR]... [options]    check specs against data headers, evaluate nothing
      goalspec fmt FILE|DIR... [options]       print specs in canonical form, or --write or --check them
      goalspec sql SPEC --dialect D [options]  print the SQL that computes a spec's figures in an engine
      goalspec lsp                             run the language server for editors (LSP over stdio)
      goalspec test [FILE|DIR]... [options]    run the .goaltest files: verdicts and figures on fixture data
      goalspec --help | --version

    Run 'goalspec COMMAND --help' for the options of a command.

    EXIT STATUS (check)
      0  every target met (or at risk, without --strict)
      1  some target not met, or without data, or at risk with --strict
      2  a spec or its data could not be used (errors are printed with file:line:col)
      64 the command line was not understood

    """

    static let check = """
    USAGE
      goalspec check [FILE|DIR]... [options]

    Parses, type-checks and evaluates every target in the given .goal files; a folder means
    every .goal file below it. Without paths, the current folder.

    OPTIONS
      --data NAME=PATH     read dataset NAME from PATH instead of the path in the spec (repeatable);
                           a NAME that no spec declares is a usage error. PATH may be a table:
                           'postgresql://USER@HOST/DB?table=SCHEMA.TABLE' (client psql),
                           'duckdb:FILE.duckdb?table=TABLE' (client duckdb, pip install duckdb-cli),
                           'spark:?master=local[2]&warehouse=DIR&table=DB.TABLE' or
                           'spark://HOST:7077?table=DB.TABLE' (PySpark and Java 17); see docs/sql.md
      --connection NAME=URI
                           the URI of connection NAME, which a spec names in
                           'data D from table "SCHEMA.TABLE" in NAME' (repeatable); a NAME
                           that no data block reads from is a usage error
      --at PERIOD          evaluate at PERIOD (2024K3, 2024Q3, 2024M07, 2024, 2024-07-01) instead of
                           the latest period in the data; a target's own 'at' wins
      --format text|json|junit|markdown|html|github|sarif
                           output format (default text); json is documented in docs/json-schema.md,
                           junit is JUnit XML for CI (not met, no data and, with --strict,
                           at risk are failures), html is one self-contained page with a chart
                           per target (docs/html-report.md), github is GitHub Actions annotations
                           (::error for spec errors and failing targets, ::warning for at risk),
                           sarif is a SARIF 2.1.0 log (docs/ci.md); every format states the exit status
      --output FILE        write the report in the chosen format to FILE (replaced atomically);
                           the terminal gets the diagnostics and the summary line only
      --target ID          evaluate only the targets with this id (repeatable), as top-level
                           items: goals are not evaluated; an id no spec declares is a usage error
      --quiet              print only the summary line (and the diagnostics) of the text report
      --color auto|always|never
                           colour in text output (default auto: only on a terminal, never with NO_COLOR)
      --lang en|da         language of the report (default en): da writes verdicts, explanations and
                           numbers in Danish ("ikke opfyldt", "86,2 %", "3. kvartal 2024") in every
                           format; JSON's figures stay the same, only its sentences follow --lang
      --strict             count targets "at risk" as not met, in the exit status and every format
      --root DIR           confined mode (repeatable): every spec, import and data path must
                           resolve, symbolic links followed, inside a DIR; others are refused
                           (GS0601) without telling whether they exist, databases are refused,
                           and no message quotes or suggests data values (docs/security.md)
      --time-limit T       stop after T wall time for the whole run (30, 30s, 500ms, 2m;
                           default none): GS0602
      --max-rows N         at most N rows per dataset (default none): GS0603
      --max-groups N       at most N groups per dataset, e.g. the parts of a 'by'
                           (default 1000000): GS0605
      --memory-limit SIZE  memory for the values median and percentile keep, per dataset
                           (512K, 256M, 2G; default 512M): GS0604
      -h, --help           show this help

    EXIT STATUS
      0 all met (at risk counts as met) · 1 some not met or no data (or at risk, --strict)
      2 spec or data unusable (errors; warnings never change the status), or --output not writable
      64 bad command line

    At most 50 diagnostics are printed, errors first; the summary counts every error and warning.

    """

    static let test = """
    USAGE
      goalspec test [FILE|DIR]... [options]

    Runs the tests in the given .goaltest files (a folder means every .goaltest file below it;
    without paths, the current folder). Each test evaluates a spec on its fixture data (tables
    written in the test, or files) at an optional period, and compares the verdicts and figures
    it expects. The format is described in docs/testing-specs.md.

    OPTIONS
      --junit FILE         also write JUnit XML to FILE: a test case per test, failed expectations
                           as failures, tests that could not run as errors
      --color auto|always|never
                           colour in text output (default auto: only on a terminal, never with NO_COLOR)
      -h, --help           show this help

    EXIT STATUS
      0 every test passed · 1 some expectation did not hold
      2 a test file, a tested spec or its data could not be used, or no test found · 64 bad command line

    """

    static let lint = """
    USAGE
      goalspec lint [FILE|DIR]... [options]

    Parses and checks the given .goal files (a folder means every .goal file below it) against
    the headers and a sample of their data, and reports every error and warning. Evaluates
    nothing, so it is fast on large data.

    OPTIONS
      --data NAME=PATH     read dataset NAME from PATH (repeatable); NAME must be declared
      --connection NAME=URI
                           the URI of connection NAME, which a spec names in
                           'data D from table "SCHEMA.TABLE" in NAME' (repeatable); a NAME
                           that no data block reads from is a usage error
      --format text|json   output format (default text)
      --color auto|always|never
      --lang en|da         language of the fixed words (fejl, advarsel, tip); messages stay English
      --strict             exit 1 when there are warnings
      --explain-data       show how each dataset was read: delimiter, and per column the
                           type, role and number format (decimal mark, thousands) decided
      --root DIR, --time-limit T, --max-rows N, --max-groups N, --memory-limit SIZE
                           as for 'goalspec check' (lint reads only headers and samples, so
                           only --root and --time-limit can be reached)
      -h, --help           show this help

    EXIT STATUS
      0 clean (warnings allowed) · 1 warnings with --strict · 2 errors · 64 bad command line

    """

    static let fmt = """
    USAGE
      goalspec fmt FILE|DIR... [--write | --check] [--root DIR]...

    Prints each .goal file (a folder means every .goal file below it) in its canonical form:
    two-space indentation, one blank line between declarations, single spaces around operators,
    the fewest parentheses, every comment kept. The formatted spec always means the same.
    With several files each is headed by '==> FILE <=='. A file with a syntax error is never
    formatted: its errors are printed and the exit status is 2.

    OPTIONS
      --write              rewrite the files in place and print the path of each file changed;
                           files already formatted are left alone. Atomic: a temporary file in
                           the same folder, with the file's permissions and owner, is renamed
                           over it. A read-only file or folder, or a file with several hard
                           links, is an error and stays as it was
      --root DIR           refuse files outside DIR (repeatable; see 'goalspec check --help')
      --check              change nothing; print a diff for each file that is not formatted
      --color auto|always|never
                           colour in error messages (default auto)
      -h, --help           show this help

    EXIT STATUS
      0 done, or all formatted (--check) · 1 some file not formatted (--check) · 2 syntax error or
      unreadable file · 64 bad command line

    """

    static let lsp = """
    USAGE
      goalspec lsp [--stdio]

    Runs the Goalspec language server (LSP 3.17, JSON-RPC with Content-Length framing) on
    standard input and output, for editors: diagnostics as 'goalspec check' gives them, hover
    (types and units, a measure's value on the data, a column's type and values, a group's
    members), completion, go to definition, document symbols, formatting, and an "Evaluate"
    code lens with each target's verdict and margin, re-run on save. Unsaved buffers are read
    instead of their files. See editors/README.md for VS Code, Neovim and Helix.

    OPTIONS
      --stdio              accepted for clients that pass it; stdio is the only transport
      -h, --help           show this help

    EXIT STATUS
      0 after the client's shutdown and exit · 1 the input ended first · 64 bad command line

    """

    static let sql = """
    USAGE
      goalspec sql SPEC --dialect duckdb|postgresql|spark [--table NAME=TABLE]... [--connection NAME=URI]...

    Checks the spec against its data files' headers and samples, then prints, per dataset, the
    SQL that computes every figure its targets need where the data lives: one aggregate query
    per dataset (counts, exact decimal sums, min and max, grouped by period and the compared
    columns), plus a row query for measures that stay in Swift (row arithmetic, periods in
    conditions). Shares, means, medians and thresholds are computed in Swift from what the
    queries return, so the verdicts are the same as 'goalspec check'. Runs nothing.

    OPTIONS
      --dialect duckdb|postgresql|spark
                           the engine whose SQL to write (required)
      --table NAME=TABLE   dataset NAME is the table TABLE (SCHEMA.TABLE allowed; repeatable);
                           by default the table a dataset is bound to, else the dataset's name
                           in lower case, other characters than letters, digits and _ replaced by _
      --data NAME=PATH     read dataset NAME's schema from PATH, a file or a table (repeatable)
      --connection NAME=URI
                           the URI of connection NAME, which a spec names in
                           'data D from table "SCHEMA.TABLE" in NAME' (repeatable); a NAME
                           that no data block reads from is a usage error
      --root DIR           confined mode (repeatable; see 'goalspec check --help')
      --color auto|always|never
                           colour in error messages (default auto)
      -h, --help           show this help

    Every column name and value is quoted by the dialect: "x" ("" inside) for DuckDB and
    PostgreSQL, `x` (`` inside) for Spark; text literals '…' with ' doubled, in Spark with ' and \\
    escaped by a backslash. See docs/sql.md.

    EXIT STATUS
      0 printed · 2 spec or data unusable · 64 bad command line

    """
}
