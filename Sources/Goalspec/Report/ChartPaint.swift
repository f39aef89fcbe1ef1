/// Colours, patterns and marker shapes of the HTML report's charts. Verdicts differ in colour
/// and also in pattern (bars) and shape (points), so that they can be told apart in greyscale
/// and by readers who do not see the colours.
enum ChartPaint {
    static let met = "#1b7837"
    static let atRisk = "#b35806"
    static let notMet = "#b2182b"
    static let noData = "#8c8c8c"
    static let error = "#542788"
    /// The entity's series and bars without a verdict of their own.
    static let focus = "#1f5fa8"
    /// Peer groups and earlier periods.
    static let neutral = "#9fb3c8"
    static let group = "#4d4d4d"
    static let requirement = "#111111"
    static let grid = "#d0d7de"
    static let text = "#1f2328"
    static let fontFamily = "system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, &quot;Helvetica Neue&quot;, Arial, sans-serif"

    static func colour(_ v: Verdict?) -> String {
        switch v {
        case .met: met
        case .atRisk: atRisk
        case .notMet: notMet
        case .noData: noData
        case .error: error
        case nil: focus
        }
    }

    /// The CSS class name of a verdict.
    static func cssClass(_ v: Verdict) -> String {
        switch v {
        case .met: "met"
        case .atRisk: "at-risk"
        case .notMet: "not-met"
        case .noData: "no-data"
        case .error: "error"
        }
    }

    static let verdicts: [Verdict] = [.met, .atRisk, .notMet, .noData, .error]

    /// The id of a verdict's bar pattern inside the chart `chart`.
    static func patternID(_ chart: String, _ v: Verdict) -> String { "\(chart)-p-\(cssClass(v))" }

    /// Bar fills: met solid, at risk dotted, not met hatched, no data cross-hatched light, error hatched the other way.
    static func patterns(_ chart: String, _ used: Set<Verdict>) -> String {
        var out = ""
        for v in verdicts where used.contains(v) {
            let id = patternID(chart, v)
            let c = colour(v)
            switch v {
            case .met:
                out += "<pattern id=\"\(id)\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"\(c)\"/></pattern>"
            case .atRisk:
                out += "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"\(c)\"/><circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#ffffff\"/></pattern>"
            case .notMet:
                out += "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"\(c)\"/><rect width=\"2\" height=\"6\" fill=\"#ffffff\"/></pattern>"
            case .noData:
                out += "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#e6e6e6\"/><path d=\"M0 0L6 6M6 0L0 6\" stroke=\"\(c)\" stroke-width=\"1\"/></pattern>"
            case .error:
                out += "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(-45)\"><rect width=\"6\" height=\"6\" fill=\"\(c)\"/><rect width=\"2\" height=\"6\" fill=\"#ffffff\"/></pattern>"
            }
        }
        return out
    }

    /// A point's marker: met a filled circle, at risk a diamond, not met a cross, no data an
    /// empty circle, error a square; without a verdict a small circle in `colour`.
    static func marker(_ v: Verdict?, x: Double, y: Double, colour fallback: String, size: Double = 5) -> String {
        let (cx, cy) = (HTML.coordinate(x), HTML.coordinate(y))
        let s = size
        func c(_ d: Double) -> String { HTML.coordinate(d) }
        switch v {
        case .met:
            return "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(c(s))\" fill=\"\(met)\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"
        case .atRisk:
            return "<path d=\"M\(cx) \(c(y - s * 1.3))L\(c(x + s * 1.3)) \(cy)L\(cx) \(c(y + s * 1.3))L\(c(x - s * 1.3)) \(cy)Z\" fill=\"\(atRisk)\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"
        case .notMet:
            return "<path d=\"M\(c(x - s)) \(c(y - s))L\(c(x + s)) \(c(y + s))M\(c(x + s)) \(c(y - s))L\(c(x - s)) \(c(y + s))\" stroke=\"\(notMet)\" stroke-width=\"3\" stroke-linecap=\"round\" fill=\"none\"/>"
        case .noData:
            return "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(c(s))\" fill=\"#ffffff\" stroke=\"\(noData)\" stroke-width=\"2\"/>"
        case .error:
            return "<rect x=\"\(c(x - s))\" y=\"\(c(y - s))\" width=\"\(c(2 * s))\" height=\"\(c(2 * s))\" fill=\"\(error)\"/>"
        case nil:
            return "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(c(s * 0.8))\" fill=\"\(fallback)\" stroke=\"#ffffff\" stroke-width=\"1\"/>"
        }
    }

    /// An estimate of the width of `text` in a sans-serif font of `size`.
    static func width(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.58 }
}
