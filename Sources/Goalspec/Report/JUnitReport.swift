/// Renders a run as JUnit XML for CI systems: one test suite per spec file, one test case per
/// target and per goal (targets inside goals named by their goal path), each with its verdict as
/// the property `verdict`. The failures and errors agree with the exit status of `goalspec check`:
/// an item fails when its verdict does not pass (not met, no data, at risk with `--strict`; an
/// evaluation error is an error) unless a goal around it passes without it. Diagnostics form a
/// suite of their own: errors are errors, warnings pass with their text; the suite's properties
/// count every error and warning and those the display cap left out (one more test case says how
/// many, an error when errors were left out).
public enum JUnitReport {
    /// The XML document.
    /// `language`: the language of the messages and details; names, types and properties stay the same.
    public static func render(_ run: Runner.Run, language: ReportLanguage = .english) -> String {
        let words = language.catalogue
        var suites: [String] = []
        var total = (tests: 0, failures: 0, errors: 0)
        let renderer = DiagnosticRenderer(sources: run.sources, language: language)
        let counts = run.diagnosticCounts
        if !run.diagnostics.isEmpty || counts.omitted > 0 {
            var cases = ""
            var tests = 0, errorCases = 0
            for d in run.diagnostics {
                let location = renderer.locationText(d.location)
                tests += 1
                cases += "    <testcase classname=\"goalspec.diagnostics\" name=\"\(escape(d.code.rawValue + " " + location))\">\n"
                if d.severity == .error {
                    errorCases += 1
                    cases += "      <error message=\"\(escape(d.message))\" type=\"\(d.code.rawValue)\">\(escape(renderer.render(d)))</error>\n"
                } else {
                    cases += "      <system-out>\(escape(renderer.render(d)))</system-out>\n"
                }
                cases += "    </testcase>\n"
            }
            if let line = words.omittedDiagnostics(counts) {
                tests += 1
                cases += "    <testcase classname=\"goalspec.diagnostics\" name=\"not shown\">\n"
                if counts.omittedErrors > 0 {
                    errorCases += 1
                    cases += "      <error message=\"\(escape(line))\" type=\"not shown\">\(escape(line))</error>\n"
                } else {
                    cases += "      <system-out>\(escape(line))</system-out>\n"
                }
                cases += "    </testcase>\n"
            }
            let properties = [("errors", counts.errors), ("warnings", counts.warnings),
                              ("omittedErrors", counts.omittedErrors), ("omittedWarnings", counts.omittedWarnings)]
                .map { "      <property name=\"\($0.0)\" value=\"\($0.1)\"/>\n" }.joined()
            total.tests += tests
            total.errors += errorCases
            suites.append("  <testsuite name=\"diagnostics\" tests=\"\(tests)\" failures=\"0\" errors=\"\(errorCases)\">\n"
                + "    <properties>\n\(properties)    </properties>\n\(cases)  </testsuite>\n")
        }
        let items = ReportedItem.all(run, language: language)
        for spec in run.specs where spec.evaluated && !spec.items.isEmpty {
            var cases = ""
            var tests = 0, failures = 0, errorCount = 0
            for reported in items where reported.specPath == spec.path {
                let verdict = reported.item.verdict
                tests += 1
                cases += "    <testcase classname=\"\(escape(spec.path))\" name=\"\(escape(reported.name))\" file=\"\(escape(reported.file))\" line=\"\(reported.line)\">\n"
                cases += "      <properties><property name=\"verdict\" value=\"\(escape(verdict.rawValue))\"/></properties>\n"
                if reported.failsRun && verdict == .error {
                    errorCount += 1
                    let reason: String
                    if case .target(let t) = reported.item { reason = t.explanation.reason.map(words.reason) ?? words.evaluationFailed } else { reason = words.evaluationFailed }
                    cases += "      <error message=\"\(escape(reason))\">\(escape(reported.text))</error>\n"
                } else if reported.failsRun {
                    failures += 1
                    let message = words.verdict(verdict) + (verdict == .atRisk ? " (--strict)" : "")
                    cases += "      <failure message=\"\(escape(message))\" type=\"\(escape(verdict.rawValue))\">\(escape(reported.text))</failure>\n"
                } else {
                    cases += "      <system-out>\(escape(reported.text))</system-out>\n"
                }
                cases += "    </testcase>\n"
            }
            total.tests += tests
            total.failures += failures
            total.errors += errorCount
            suites.append("  <testsuite name=\"\(escape(spec.title ?? spec.path))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errorCount)\">\n\(cases)  </testsuite>\n")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"goalspec\" tests=\"\(total.tests)\" failures=\"\(total.failures)\" errors=\"\(total.errors)\">\n"
            + suites.joined() + "</testsuites>\n"
    }

    /// Text escaped for XML attributes and content; control characters other than tab and newline are dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                if scalar == "\u{1B}" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
