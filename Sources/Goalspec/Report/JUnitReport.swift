/// Renders a run as JUnit XML for CI systems: one test suite per spec file, one test case per
/// target (targets inside goals included, named by their goal path); "not met" and "no data" are
/// failures, evaluation errors are errors, and spec or data errors form a suite of their own.
public enum JUnitReport {
    /// The XML document.
    public static func render(_ run: Goalspec.Run) -> String {
        var suites: [String] = []
        let renderer = DiagnosticRenderer(sources: run.sources)
        let errors = run.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            var cases = ""
            for d in errors {
                let location = renderer.locationText(d.location)
                cases += "    <testcase classname=\"goalspec.diagnostics\" name=\"\(escape(d.code.rawValue + " " + location))\">\n"
                cases += "      <error message=\"\(escape(d.message))\" type=\"\(d.code.rawValue)\">\(escape(renderer.render(d)))</error>\n"
                cases += "    </testcase>\n"
            }
            suites.append("  <testsuite name=\"diagnostics\" tests=\"\(errors.count)\" failures=\"0\" errors=\"\(errors.count)\">\n\(cases)  </testsuite>\n")
        }
        let text = ResultTextRenderer()
        for spec in run.specs where spec.evaluated && !spec.items.isEmpty {
            var cases = ""
            var tests = 0, failures = 0, errorCount = 0
            func visit(_ item: ItemResult, path: [String]) {
                switch item {
                case .goal(let g):
                    g.children.forEach { visit($0, path: path + [g.title]) }
                case .target(let t):
                    tests += 1
                    let name = (path + [t.id]).joined(separator: " / ")
                    let details = escape(text.render(.target(t), indent: ""))
                    cases += "    <testcase classname=\"\(escape(spec.path))\" name=\"\(escape(name))\" file=\"\(escape(t.file))\" line=\"\(t.line)\">\n"
                    switch t.verdict {
                    case .met, .atRisk:
                        cases += "      <system-out>\(details)</system-out>\n"
                    case .notMet, .noData:
                        failures += 1
                        cases += "      <failure message=\"\(escape(t.verdict.rawValue))\" type=\"\(escape(t.verdict.rawValue))\">\(details)</failure>\n"
                    case .error:
                        errorCount += 1
                        cases += "      <error message=\"\(escape(t.explanation.reason ?? "evaluation failed"))\">\(details)</error>\n"
                    }
                    cases += "    </testcase>\n"
                }
            }
            spec.items.forEach { visit($0, path: []) }
            suites.append("  <testsuite name=\"\(escape(spec.title ?? spec.path))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errorCount)\">\n\(cases)  </testsuite>\n")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"goalspec\">\n" + suites.joined() + "</testsuites>\n"
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
