import Goalspec

enum Usage {
    static let main = """
    goalspec \(Runner.version) — check the goals of municipalities and regions against their data

    USAGE
      goalspec check [FILE|DIR]... [options]   evaluate targets (default: the current folder)
      goalspec lint [FILE|DIR]... [options]    check specs against data headers, evaluate nothing
      goalspec fmt FILE|DIR... [options]       print specs in canonical form, or --write or --check them
      goalspec sql SPEC --dialect D [options]  print the SQL that computes a spec's figures in an engine
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
                           a NAME that no spec declares is a usage error
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
      --format text|json   output format (default text)
      --color auto|always|never
      --lang en|da         language of the fixed words (fejl, advarsel, tip); messages stay English
      --strict             exit 1 when there are warnings
      --explain-data       show how each dataset was read: delimiter, and per column the
                           type, role and number format (decimal mark, thousands) decided
      -h, --help           show this help

    EXIT STATUS
      0 clean (warnings allowed) · 1 warnings with --strict · 2 errors · 64 bad command line

    """

    static let fmt = """
    USAGE
      goalspec fmt FILE|DIR... [--write | --check]

    Prints each .goal file (a folder means every .goal file below it) in its canonical form:
    two-space indentation, one blank line between declarations, single spaces around operators,
    the fewest parentheses, every comment kept. The formatted spec always means the same.
    With several files each is headed by '==> FILE <=='. A file with a syntax error is never
    formatted: its errors are printed and the exit status is 2.

    OPTIONS
      --write              rewrite the files in place (atomically) and print the path of each file
                           changed; files already formatted are left alone
      --check              change nothing; print a diff for each file that is not formatted
      --color auto|always|never
                           colour in error messages (default auto)
      -h, --help           show this help

    EXIT STATUS
      0 done, or all formatted (--check) · 1 some file not formatted (--check) · 2 syntax error or
      unreadable file · 64 bad command line

    """

    static let sql = """
    USAGE
      goalspec sql SPEC --dialect duckdb|postgresql|spark [--table NAME=TABLE]...

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
                           by default the dataset's name in lower case, other characters than
                           letters, digits and _ replaced by _
      --data NAME=PATH     read dataset NAME's schema from PATH (repeatable)
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
