/// Renders the results of `goalspec test`: text for the terminal and JUnit XML for CI.
public enum SpecTestReport {
    /// Per test file its tests (`✓` passed, `✗` failed with each expectation that did not hold and
    /// the target's report, `!` unusable), then the summary line.
    public static func text(_ run: SpecTestRun, style: TextStyle = TextStyle(colored: false)) -> String {
        var out = ""
        for file in run.files where !file.results.isEmpty {
            out += style.bold(file.path) + "\n"
            for r in file.results {
                switch r.outcome {
                case .passed:
                    out += "  \(style.green("✓")) \(r.name)\n"
                case .failed(let failures):
                    out += "  \(style.red("✗")) \(r.name)\n"
                    for f in failures {
                        out += "      \(file.path):\(f.line): \(f.message)\n"
                        out += indented(f.report, by: "          ")
                    }
                case .unusable:
                    out += "  \(style.red("!")) \(r.name): \(unusableReason(r))\n"
                }
            }
            out += "\n"
        }
        return style.safe(out + summary(run) + "\n")
    }

    /// "12 tests: 11 passed, 1 failed"; unusable tests and test-file errors when there are any.
    public static func summary(_ run: SpecTestRun) -> String {
        let results = run.results
        let passed = results.filter(\.passed).count
        let unusable = results.filter(\.isUnusable).count
        let failed = results.count - passed - unusable
        var line = "\(results.count) test\(results.count == 1 ? "" : "s"): \(passed) passed, \(failed) failed"
        if unusable > 0 { line += ", \(unusable) could not run" }
        let errors = run.diagnostics.filter { $0.severity == .error }.count
        if errors > 0 { line += "; \(errors) error\(errors == 1 ? "" : "s") in test files" }
        return line
    }

    /// Every diagnostic to show: the test files' own, then those of each spec that could not be used.
    public static func diagnostics(_ run: SpecTestRun, style: TextStyle = TextStyle(colored: false)) -> String {
        var out = DiagnosticRenderer(sources: run.sources, style: style).render(run.diagnostics)
        for r in run.results {
            if case .unusable(let specRun?) = r.outcome {
                out += DiagnosticRenderer(sources: specRun.sources, style: style).render(specRun.diagnostics, counts: specRun.diagnosticCounts)
            }
        }
        return out
    }

    static func unusableReason(_ r: SpecTestResult) -> String {
        if case .unusable(let specRun?) = r.outcome {
            let errors = specRun.diagnosticCounts.errors
            return "\(r.spec) or its data could not be used (\(errors) error\(errors == 1 ? "" : "s"))"
        }
        return "the test names what the spec does not have (see the errors)"
    }

    static func indented(_ text: String, by pad: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
            .map { pad + $0 + "\n" }.joined()
    }

    /// JUnit XML: a suite per test file, a test case per test; a failed expectation is a failure,
    /// an unusable test an error; problems in the test files form a suite `test files` of errors.
    public static func junit(_ run: SpecTestRun) -> String {
        let esc = JUnitReport.escape
        var suites = ""
        var total = (tests: 0, failures: 0, errors: 0)
        if !run.diagnostics.isEmpty {
            let renderer = DiagnosticRenderer(sources: run.sources)
            var cases = ""
            var errors = 0
            for d in run.diagnostics {
                let isError = d.severity == .error
                if isError { errors += 1 }
                cases += "    <testcase classname=\"goalspec.testfiles\" name=\"\(esc(d.code.rawValue + " " + renderer.locationText(d.location)))\">\n"
                cases += isError ? "      <error message=\"\(esc(d.message))\" type=\"\(d.code.rawValue)\">\(esc(renderer.render(d)))</error>\n"
                                 : "      <system-out>\(esc(renderer.render(d)))</system-out>\n"
                cases += "    </testcase>\n"
            }
            total.tests += run.diagnostics.count
            total.errors += errors
            suites += "  <testsuite name=\"test files\" tests=\"\(run.diagnostics.count)\" failures=\"0\" errors=\"\(errors)\">\n\(cases)  </testsuite>\n"
        }
        for file in run.files where !file.results.isEmpty {
            var cases = ""
            var failures = 0, errors = 0
            for r in file.results {
                cases += "    <testcase classname=\"\(esc(file.path))\" name=\"\(esc(r.name))\" file=\"\(esc(file.path))\" line=\"\(r.line)\">\n"
                switch r.outcome {
                case .passed: break
                case .failed(let list):
                    failures += 1
                    let body = list.map { "\(file.path):\($0.line): \($0.message)\n\($0.report)" }.joined(separator: "\n")
                    cases += "      <failure message=\"\(esc(list.map(\.message).joined(separator: "; ")))\" type=\"expectation\">\(esc(body))</failure>\n"
                case .unusable(let specRun):
                    errors += 1
                    let body = specRun.map { DiagnosticRenderer(sources: $0.sources).render($0.diagnostics, counts: $0.diagnosticCounts) } ?? ""
                    cases += "      <error message=\"\(esc(unusableReason(r)))\" type=\"unusable\">\(esc(body))</error>\n"
                }
                cases += "    </testcase>\n"
            }
            total.tests += file.results.count
            total.failures += failures
            total.errors += errors
            suites += "  <testsuite name=\"\(esc(file.path))\" tests=\"\(file.results.count)\" failures=\"\(failures)\" errors=\"\(errors)\">\n\(cases)  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"goalspec test\" tests=\"\(total.tests)\" failures=\"\(total.failures)\" errors=\"\(total.errors)\">\n"
            + suites + "</testsuites>\n"
    }
}
