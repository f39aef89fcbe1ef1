import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Goalspec

/// The HTML report of the bundled MSB 2026 spec, rendered once.
let msb2026Report: String = {
    let run = Runner.run(files: [repositoryRoot.appendingPathComponent("Specs/aarhus-msb-2026.goal").path])
    return HTMLReport.render(run)
}()

/// Parses the report as XML (it is written as XHTML for this), recording an issue when it does not parse.
func parseHTML(_ html: String) throws -> XMLElement {
    let doc = try XMLDocument(data: Data(html.utf8), options: [])
    return try #require(doc.rootElement())
}

extension XMLElement {
    /// The elements below this one named `name` (local name, any namespace), depth first.
    func all(_ name: String) -> [XMLElement] {
        var out: [XMLElement] = []
        func visit(_ e: XMLElement) {
            for case let child as XMLElement in e.children ?? [] {
                if child.localName == name { out.append(child) }
                visit(child)
            }
        }
        visit(self)
        return out
    }

    func all(_ name: String, where attribute: String, is value: String) -> [XMLElement] {
        all(name).filter { $0[attribute] == value }
    }

    func first(_ name: String, where attribute: String, is value: String) -> XMLElement? {
        all(name, where: attribute, is: value).first
    }

    /// Elements whose class list holds `cls`.
    func all(_ name: String, class cls: String) -> [XMLElement] {
        all(name).filter { ($0["class"] ?? "").split(separator: " ").contains(Substring(cls)) }
    }

    /// An attribute's value by name (looked up in the list: `attribute(forName:)` misses plain
    /// attributes of elements in a default namespace on Linux).
    subscript(_ attribute: String) -> String? {
        (attributes ?? []).first { ($0.name ?? "") == attribute || ($0.localName ?? "") == attribute }?.stringValue
    }

    var text: String { stringValue ?? "" }

    /// The text of this element's direct `<title>` child.
    var titleText: String? { (children ?? []).compactMap { $0 as? XMLElement }.first { $0.localName == "title" }?.text }
}

/// Maps a value to the chart's y coordinate as its axis does: from the tick labels' values and positions.
struct AxisReading {
    let ticks: [(value: Double, y: Double)]

    init(_ svg: XMLElement) throws {
        ticks = svg.all("text", class: "tick").compactMap { t in
            guard let v = t["data-value"].flatMap(Double.init), let y = t["y"].flatMap(Double.init) else { return nil }
            return (v, y)
        }
        try #require(ticks.count >= 2)
    }

    func y(_ value: Double) -> Double {
        let (a, b) = (ticks.first!, ticks.last!)
        return a.y + (value - a.value) / (b.value - a.value) * (b.y - a.y)
    }
}

@Suite("HTML report")
struct HTMLReportTests {
    @Test("the report is well-formed XHTML with no scripts and nothing fetched")
    func selfContained() throws {
        let root = try parseHTML(msb2026Report)
        #expect(root.localName == "html")
        #expect(root["lang"] == "en")
        #expect(root.all("script").isEmpty)
        #expect(root.all("link").isEmpty)
        #expect(root.all("img").isEmpty)
        #expect(root.all("style").count == 1)
        let lower = msb2026Report.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("@import"))
        #expect(!lower.contains(" src="))
        #expect(!lower.contains("@font-face"))
        // The only addresses are the namespace names, which are never fetched.
        let addresses = lower.components(separatedBy: "http").count - 1
        let namespaces = lower.components(separatedBy: "xmlns=\"http").count - 1
        #expect(addresses == namespaces)
        // url(...) only refers to patterns in the same document.
        #expect(!lower.replacingOccurrences(of: "url(#", with: "").contains("url("))
        #expect(msb2026Report.contains("@media print"))
        #expect(msb2026Report.contains("@media (max-width"))
        #expect(root.all("meta", where: "name", is: "viewport").count == 1)
    }

    @Test("the summary counts each verdict; the tree holds every goal and target with its verdict, linked to its section")
    func summaryAndTree() throws {
        let run = Runner.run(files: [repositoryRoot.appendingPathComponent("Specs/aarhus-msb-2024-25.goal").path,
                                       repositoryRoot.appendingPathComponent("Specs/aarhus-msb-2026.goal").path])
        let root = try parseHTML(HTMLReport.render(run))
        let tally = Tally(run)
        let counts = Dictionary(uniqueKeysWithValues: root.all("li").compactMap { li in
            li["data-count"].flatMap(Int.init).map { (li["data-verdict"] ?? "", $0) }
        })
        #expect(counts["met"] == tally.met)
        #expect(counts["not-met"] == tally.notMet)
        #expect(counts["at-risk"] == tally.atRisk)
        #expect(counts["no-data"] == tally.noData)
        #expect(tally.total == 10)

        let tree = try #require(root.all("ul", class: "tree").first)
        let goals = tree.all("li", class: "goal-node")
        #expect(goals.count == 2)
        // The inner goal is inside the outer goal's list.
        #expect(goals[0].all("li", class: "goal-node").count == 1)
        #expect(goals[0].text.contains("goal “Den politiske retning for budgettet 2024 og 2025”"))
        #expect(goals[0]["data-verdict"] == "met")
        let targetNodes = root.all("ul", class: "tree").flatMap { $0.all("li", class: "target-node") }
        #expect(targetNodes.count == 10)
        let articles = root.all("article")
        let ids = Set(articles.compactMap { $0["id"] })
        for node in targetNodes {
            let href = try #require(node.all("a").first?["href"])
            #expect(href.hasPrefix("#") && ids.contains(String(href.dropFirst())), "\(href) points at no target")
        }
        let social = try #require(articles.first { $0["data-target"] == "social" })
        #expect(social["data-verdict"] == "not-met")
        #expect(social.all("span", class: "badge").first?.text == "✗ not met")
        #expect(social.all("code", class: "condition").first?.text == "atLeast 7/10 reach goal")
        let explanation = try #require(social.all("pre", class: "explanation").first?.text)
        #expect(explanation.contains("35 more citizens must satisfy reach goal (3115 of 4500 now, 3150 needed)"))
        #expect(social.all("h3").first?.text == "social — Mindst 7 ud af 10 borgere når målet for den sociale indsats")
        let nested = try #require(articles.first { $0["data-target"] == "rising_dimension" })
        #expect(nested.all("p", class: "in-goals").first?.text.contains("“En stigende andel børn og voksne når deres mål eller har fremgang”") == true)
    }

    @Test("the MSB job chart: Aarhus 86.4% → 86.2% and the six cities' average 85.1% → 84.9% over every quarter, the requirement line at the average + 1.0pp")
    func msbJobSeries() throws {
        let root = try parseHTML(msb2026Report)
        let job = try #require(root.first("article", where: "data-target", is: "job"))
        let svg = try #require(job.all("svg", class: "chart-svg").first)
        let quarters = ["2023K3", "2023K4", "2024K1", "2024K2", "2024K3"]
        #expect(svg.all("text", class: "category").map(\.text) == quarters)
        #expect(svg.all("text", class: "axis-title").first?.text == "share(job)")
        #expect(!svg.all("text", class: "tick").isEmpty)

        func points(_ role: String) throws -> [(category: String, value: Double, element: XMLElement)] {
            let series = try #require(svg.first("g", where: "data-role", is: role), "no \(role) series")
            return series.all("g", class: "point").map { ($0["data-category"] ?? "", Double($0["data-value"] ?? "") ?? .nan, $0) }
        }
        let aarhus = try points("focus")
        let average = try points("group")
        let requirement = try points("requirement")
        #expect(try #require(svg.first("g", where: "data-role", is: "focus"))["data-series"] == "Aarhus")
        #expect(try #require(svg.first("g", where: "data-role", is: "group"))["data-series"] == "avg(6byer)")
        // Every series has a point at every quarter.
        for series in [aarhus, average, requirement] { #expect(series.map(\.category) == quarters) }
        // The published figures, shown as written and held exactly.
        #expect(aarhus.first?.element.titleText == "Aarhus, 2023K3: 86.4% (met)")
        #expect(aarhus.last?.element.titleText == "Aarhus, 2024K3: 86.2% (met)")
        #expect(aarhus.first?.element.all("text", class: "value").first?.text == "86.4%")
        #expect(aarhus.last?.element.all("text", class: "value").first?.text == "86.2%")
        #expect(aarhus.first?.value == 0.864 && aarhus.last?.value == 0.862)
        #expect(average.first?.element.titleText == "avg(6byer), 2023K3: 85.1%")
        #expect(average.last?.element.titleText == "avg(6byer), 2024K3: 84.9%")
        #expect(average.first?.value == 0.851 && average.last?.value == 0.849)
        // The requirement is the average + 1.0pp at each quarter, and drawn there.
        let axis = try AxisReading(svg)
        for (r, a) in zip(requirement, average) {
            #expect(abs(r.value - (a.value + 0.01)) < 1e-9)
            let circle = try #require(r.element.all("circle").first)
            let cy = try #require(circle["cy"].flatMap(Double.init))
            #expect(abs(cy - axis.y(a.value + 0.01)) < 0.6, "requirement at \(r.category) drawn at \(cy), not at \(axis.y(a.value + 0.01))")
        }
        // Aarhus's line passes through its points at their values.
        for p in aarhus {
            let marker = try #require(p.element.all("circle").first)
            #expect(abs((marker["cy"].flatMap(Double.init) ?? 0) - axis.y(p.value)) < 0.6)
        }
        // Text alternatives: the SVG is an image labelled by its title and description, holding every figure.
        let labelled = try #require(svg["aria-labelledby"]).split(separator: " ").map(String.init)
        #expect(svg["role"] == "img")
        let titleID = svg.all("title").first?["id"], descID = svg.all("desc").first?["id"]
        #expect(labelled == [titleID, descID].compactMap { $0 })
        let desc = try #require(svg.all("desc").first?.text)
        for figure in ["Aarhus, 2023K3: 86.4%", "Aarhus, 2024K3: 86.2%", "avg(6byer), 2023K3: 85.1%", "avg(6byer), 2024K3: 84.9%"] {
            #expect(desc.contains(figure))
        }
        // … and a visually hidden table with a row per quarter.
        let figure = try #require(job.all("figure").first)
        let table = try #require(figure.all("table", class: "visually-hidden").first)
        let rows = table.all("tbody").first?.all("tr") ?? []
        #expect(rows.map { $0.all("th").first?.text ?? "" } == quarters)
        #expect(rows.last?.all("td").map(\.text) == ["86.2% (met)", "84.9%", "85.9%"])
    }

    @Test("the MSB job goal also has a bar per city of the group, Aarhus marked, with the average and the requirement")
    func msbJobMembers() throws {
        let root = try parseHTML(msb2026Report)
        let job = try #require(root.first("article", where: "data-target", is: "job"))
        let svgs = job.all("svg", class: "chart-svg")
        #expect(svgs.count == 2)
        let bars = svgs[1].all("g", class: "bar")
        #expect(bars.map { $0["data-label"] ?? "" } == ["Aarhus", "København", "Odense", "Aalborg", "Esbjerg", "Randers", "Vejle"])
        #expect(bars.filter { $0["data-focus"] == "true" }.map { $0["data-label"] } == ["Aarhus"])
        #expect(bars[0]["data-verdict"] == "met")
        #expect(bars.map { $0.titleText ?? "" }.contains("København: 85.5%"))
        let references = svgs[1].all("g", class: "reference")
        #expect(references.compactMap { $0["data-value"] } == ["0.849", "0.859"])
        let axis = try AxisReading(svgs[1])
        let requirement = try #require(svgs[1].all("g", class: "reference-requirement").first?.all("line").first)
        #expect(abs((requirement["y1"].flatMap(Double.init) ?? 0) - axis.y(0.859)) < 0.6)
        // A bar's top is at its value; bars start at zero.
        let odense = try #require(bars.first { $0["data-label"] == "Odense" }?.all("rect").first)
        let top = try #require(odense["y"].flatMap(Double.init)), height = try #require(odense["height"].flatMap(Double.init))
        #expect(abs(top - axis.y(0.846)) < 0.6)
        #expect(abs(top + height - axis.y(0)) < 0.6)
    }

    @Test("per dimension: a bar per dimension for 2023K3 and 2024K3 (61%, 60%, 59% → 68%, 71%, 69%) with the 70% line")
    func perDimensionBars() throws {
        let run = Runner.run(files: [repositoryRoot.appendingPathComponent("Specs/aarhus-msb-2026.goal").path])
        let root = try parseHTML(HTMLReport.render(run))
        let article = try #require(root.first("article", where: "data-target", is: "social_dimension"))
        let svg = try #require(article.all("svg", class: "chart-svg").first)
        let groups = svg.all("g", class: "bar-group")
        #expect(groups.map { $0["data-group"] ?? "" } == ["learning", "network", "personal"])
        var published: [String: [Int]] = [:]
        for g in groups {
            let bars = g.all("g", class: "bar")
            #expect(bars.map { $0["data-label"] ?? "" } == ["2023K3", "2024K3"])
            published[g["data-group"] ?? ""] = bars.map { Int(((Double($0["data-value"] ?? "") ?? 0) * 100).rounded()) }
            // Only the period evaluated has a verdict.
            #expect(bars[0]["data-verdict"] == nil)
        }
        #expect(published == ["learning": [61, 68], "network": [60, 71], "personal": [59, 69]])
        #expect(groups.map { $0.all("g", class: "bar").last?["data-verdict"] ?? "" } == ["not-met", "met", "not-met"])
        #expect(groups[0].all("g", class: "bar").last?.titleText == "learning, 2024K3: 67.73% (not met)")
        // Verdicts differ by pattern and by a mark, not only by colour.
        let fills = groups.compactMap { $0.all("g", class: "bar").last?.all("rect").first?["fill"] }
        #expect(Set(fills).count == 2 && fills.allSatisfy { $0.hasPrefix("url(#") })
        #expect(groups.compactMap { $0.all("text", class: "mark").first?.text } == ["✗", "✓", "✗"])
        let threshold = try #require(svg.all("g", class: "reference-requirement").first)
        #expect(threshold["data-value"] == "0.7")
        let axis = try AxisReading(svg)
        #expect(abs((threshold.all("line").first?["y1"].flatMap(Double.init) ?? 0) - axis.y(0.7)) < 0.6)
        #expect(svg.all("text", class: "tick").last?.text == "80%")
    }

    @Test("rising per dimension draws the earlier period beside the latest; rises yearly draws each year")
    func trendsAndYearly() throws {
        let run = Runner.run(files: [repositoryRoot.appendingPathComponent("Specs/aarhus-msb-2024-25.goal").path,
                                       repositoryRoot.appendingPathComponent("Specs/region-midtjylland-2017.goal").path])
        let root = try parseHTML(HTMLReport.render(run))
        let rising = try #require(root.first("article", where: "data-target", is: "rising_adults"))
        let groups = rising.all("g", class: "bar-group")
        let values = groups.map { $0.all("g", class: "bar").map { Int(((Double($0["data-value"] ?? "") ?? 0) * 100).rounded()) } }
        #expect(values == [[60, 67], [60, 71], [59, 70]])

        let yearly = try #require(root.first("article", where: "data-target", is: "kollektiv_trafik"))
        let svg = try #require(yearly.all("svg", class: "chart-svg").first)
        #expect(svg.all("text", class: "category").map(\.text) == ["2016", "2017", "2018", "2019"])
        let points = svg.all("g", class: "point")
        #expect(points.compactMap { $0.all("text", class: "value").first?.text } == ["12.97%", "13.56%", "14.43%", "14.96%"])
        #expect(points.map { $0["data-verdict"] ?? "-" } == ["-", "met", "met", "met"])

        // A by-breakdown with one period: one bar per part, 19 municipalities, and the 100% line.
        let coverage = try #require(root.first("article", where: "data-target", is: "bredbånd"))
        let bars = coverage.all("g", class: "bar")
        #expect(bars.count == 19)
        #expect(bars.filter { $0["data-verdict"] == "met" }.count == 4)
        #expect(coverage.all("g", class: "reference-requirement").first?["data-value"] == "1")
    }

    @Test("every chart of the bundled specs has a title, a description, a hidden table and a title per point")
    func everyChartAccessible() throws {
        let (files, _) = Runner.specFiles(in: [repositoryRoot.appendingPathComponent("Specs").path])
        let root = try parseHTML(HTMLReport.render(Runner.run(files: files)))
        let figures = root.all("figure")
        #expect(figures.count >= 46)
        var ids = Set<String>()
        for e in root.all("svg") + root.all("pattern") + root.all("article") {
            if let id = e["id"] { #expect(ids.insert(id).inserted, "id \(id) used twice") }
        }
        for figure in figures {
            let svg = try #require(figure.all("svg", class: "chart-svg").first)
            #expect(svg["role"] == "img")
            let title = try #require(svg.all("title").first), desc = try #require(svg.all("desc").first)
            #expect(title.text.isEmpty == false)
            #expect(desc.text.isEmpty == false)
            #expect(svg["aria-labelledby"] == "\(title["id"] ?? "?") \(desc["id"] ?? "?")")
            #expect(figure.all("table", class: "visually-hidden").count == 1)
            for p in svg.all("g", class: "point") + svg.all("g", class: "bar") { #expect(p.titleText?.isEmpty == false) }
        }
        // Each target has at least one chart.
        for article in root.all("article") { #expect(!article.all("figure").isEmpty, "\(article["data-target"] ?? "") has no chart") }
    }

    @Test("hostile names (markup, ampersands, quotes, æøå, control characters) are escaped everywhere")
    func hostileNames() throws {
        let hostile = "<script>alert('x')</script> & \"Æblegården\" <b>"
        let spec = """
            spec "Mål <i>&</i> \\"citat\\" æøå"
            data d from "d.csv"
              entity city
              time year
            group peers = city in ["A<b>&amp;", "Ø'\\"x"]
            target t1 "Titel <script>alert(1)</script> & co"
              data d
              for city = "\(hostile.replacingOccurrences(of: "\"", with: "\\\""))"
              mean(v) >= avg(peers)
            target t2 "Dele & <parts>"
              data d
              by city
              mean(v) >= 5
            """
        let csv = """
            city,year,v
            "\(hostile.replacingOccurrences(of: "\"", with: "\"\""))",2023,6
            "\(hostile.replacingOccurrences(of: "\"", with: "\"\""))",2024,7
            A<b>&amp;,2023,4
            A<b>&amp;,2024,5
            "Ø'""x",2023,5
            "Ø'""x",2024,6
            """
        let run = try runSpec(spec, data: ["d.csv": csv])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let html = HTMLReport.render(run)
        let root = try parseHTML(html)
        #expect(root.all("script").isEmpty)
        #expect(root.all("i").isEmpty)
        #expect(root.all("parts").isEmpty)
        #expect(root.all("b").isEmpty)
        #expect(root.all("h2").contains { $0.text == "Mål <i>&</i> \"citat\" æøå" })
        let t1 = try #require(root.first("article", where: "data-target", is: "t1"))
        #expect(t1.all("h3").first?.text == "t1 — Titel <script>alert(1)</script> & co")
        let series = try #require(t1.first("g", where: "data-role", is: "focus"))
        #expect(series["data-series"] == hostile)
        let bars = t1.all("g", class: "bar")
        #expect(bars.map { $0["data-label"] ?? "" } == [hostile, "A<b>&amp;", "Ø'\"x"])
        #expect(t1.all("pre", class: "explanation").first?.text.contains("A<b>&amp; 5") == true)
        let t2 = try #require(root.first("article", where: "data-target", is: "t2"))
        #expect(Set(t2.all("g", class: "bar-group").compactMap { $0["data-group"] }) == [hostile, "A<b>&amp;", "Ø'\"x"])
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Æblegården&quot;"))
    }

    @Test("escaping: markup characters become references, characters XML forbids become U+FFFD")
    func escaping() throws {
        #expect(HTML.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        #expect(HTML.escape("æøå ÆØÅ — “ok”") == "æøå ÆØÅ — “ok”")
        #expect(HTML.escape("x\u{0}y\u{1B}z\u{7F}\tq\n") == "x\u{FFFD}y\u{FFFD}z\u{FFFD}\tq\n")
        let root = try parseHTML("<p xmlns=\"http://www.w3.org/1999/xhtml\" title=\"\(HTML.escape("\u{1}\"'<&"))\">\(HTML.escape("\u{2}<&>"))</p>")
        #expect(root["title"] == "\u{FFFD}\"'<&")
        #expect(root.text == "\u{FFFD}<&>")
    }

    @Test("a spec that could not be evaluated is named, with the diagnostics, and the report still parses")
    func unusableSpec() throws {
        let run = try runSpec("target t \"x\"\n  data nope\n  share(a) >= 50%\n", data: [:])
        #expect(run.exitStatus == 2)
        let root = try parseHTML(HTMLReport.render(run))
        #expect(root.all("pre", class: "diagnostics").first?.text.isEmpty == false)
        #expect(root.all("p", class: "outcome").first?.text.hasPrefix("Unusable (exit status 2)") == true)
        #expect(root.all("article").isEmpty)
    }

    @Test("the value axis: round ticks enclosing every value; share axes stop at 100%")
    func scale() {
        let s = ChartScale(values: [Exact(mantissa: 849, scale: 3), Exact(mantissa: 865, scale: 3)], fromZero: false)
        #expect(s.ticks.first! <= Exact(mantissa: 849, scale: 3) && s.ticks.last! >= Exact(mantissa: 865, scale: 3))
        #expect(s.ticks.count >= 3 && s.ticks.count <= 12)
        let bars = ChartScale(values: [Exact.one, Exact(mantissa: 8, scale: 1)], fromZero: true, ceiling: .one)
        #expect(bars.ticks.first == .zero && bars.ticks.last == .one)
        let flat = ChartScale(values: [Exact(5)], fromZero: false)
        #expect(flat.low < 5 && flat.high > 5)
        #expect(spread([10, 12, 40]) == [10, 23, 40])
    }
}
