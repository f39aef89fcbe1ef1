import Foundation

/// A chart of the HTML report: drawn as inline SVG with a title and a description, a legend
/// in HTML, and a visually hidden table holding every figure.
protocol ReportChart {
    var id: String { get }
    var title: String { get }
    /// The SVG element.
    func svg(_ words: any MessageCatalogue) -> String
    /// The legend items: a small SVG swatch and its text.
    func legend(_ words: any MessageCatalogue) -> [(swatch: String, text: String)]
    /// A table of every figure drawn, for screen readers.
    func table(_ words: any MessageCatalogue) -> String
}

extension ReportChart {
    /// The chart as a figure: caption, SVG, legend and data table.
    func figure(_ words: any MessageCatalogue) -> String {
        var out = "<figure class=\"chart\" id=\"\(id)\">\n<figcaption>\(HTML.escape(title))</figcaption>\n"
        out += "<div class=\"chart-frame\">" + svg(words) + "</div>\n"
        let items = legend(words)
        if !items.isEmpty {
            out += "<ul class=\"legend\" aria-hidden=\"true\">"
            for item in items { out += "<li>\(item.swatch)<span>\(HTML.escape(item.text))</span></li>" }
            out += "</ul>\n"
        }
        out += table(words) + "\n</figure>\n"
        return out
    }

    /// The opening of the SVG element, with its title and description.
    func svgOpening(width: Double, height: Double, description: String) -> String {
        let w = HTML.coordinate(width), h = HTML.coordinate(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" "
            + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"\(ChartPaint.fontFamily)\" font-size=\"12\" fill=\"\(ChartPaint.text)\">"
            + "<title id=\"\(id)-title\">\(HTML.escape(title))</title><desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>"
    }

    /// The value axis: grid lines and tick labels at the left, and its title.
    func valueAxis(_ scale: ChartScale, type: GoalType, words: any MessageCatalogue, left: Double, right: Double, top: Double, bottom: Double, title: String) -> String {
        var out = "<g class=\"axis axis-y\">"
        for tick in scale.ticks {
            let y = HTML.coordinate(scale.position(tick.doubleValue, top: top, bottom: bottom))
            let label = words.value(tick, as: type)
            out += "<line x1=\"\(HTML.coordinate(left))\" x2=\"\(HTML.coordinate(right))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"\(ChartPaint.grid)\" stroke-width=\"1\"/>"
            out += "<text class=\"tick\" x=\"\(HTML.coordinate(left - 6))\" y=\"\(y)\" dy=\"0.32em\" text-anchor=\"end\" data-value=\"\(HTML.dataValue(tick))\">\(HTML.escape(label))</text>"
        }
        out += "<text class=\"axis-title\" x=\"\(HTML.coordinate(left))\" y=\"\(HTML.coordinate(top - 12))\" text-anchor=\"start\" font-weight=\"600\">\(HTML.escape(title))</text>"
        return out + "</g>"
    }

    /// The category axis's title, at the top right of the plot where it fits beside the value axis's title.
    func categoryTitle(_ title: String, valueTitle: String, left: Double, right: Double, top: Double) -> String {
        guard !title.isEmpty, ChartPaint.width(title, size: 12) + ChartPaint.width(valueTitle, size: 12) + 24 < right - left else { return "" }
        return "<text class=\"axis-title axis-title-x\" x=\"\(HTML.coordinate(right))\" y=\"\(HTML.coordinate(top - 12))\" text-anchor=\"end\" font-style=\"italic\">\(HTML.escape(title)) →</text>"
    }

    /// The category axis: labels under `xs`, slanted when they do not fit, and its title.
    func categoryAxis(_ labels: [String], xs: [Double], slot: Double, baseline: Double, title: String, width: Double, slanted: Bool, bold: Set<Int> = []) -> String {
        var out = "<g class=\"axis axis-x\">"
        for (i, (full, x)) in zip(labels, xs).enumerated() {
            let label = Self.axisLabel(full)
            let weight = bold.contains(i) ? " font-weight=\"700\"" : ""
            if slanted {
                let y = baseline + 14
                out += "<text class=\"category\" x=\"\(HTML.coordinate(x))\" y=\"\(HTML.coordinate(y))\" text-anchor=\"end\" transform=\"rotate(-40 \(HTML.coordinate(x)) \(HTML.coordinate(y)))\"\(weight)>\(HTML.escape(label))</text>"
            } else {
                out += "<text class=\"category\" x=\"\(HTML.coordinate(x))\" y=\"\(HTML.coordinate(baseline + 18))\" text-anchor=\"middle\"\(weight)>\(HTML.escape(label))</text>"
            }
        }
        _ = slot
        return out + "</g>"
    }

    static func slants(_ labels: [String], slot: Double, size: Double = 12) -> Bool {
        labels.contains { ChartPaint.width(axisLabel($0), size: size) > slot - 6 }
    }

    /// The extra height slanted labels take.
    static func slantHeight(_ labels: [String], size: Double = 12) -> Double {
        (labels.map { ChartPaint.width(axisLabel($0), size: size) }.max() ?? 0) * 0.65 + 10
    }

    /// The room left of the plot that the first slanted label needs beyond half its slot.
    static func slantOverhang(_ labels: [String], slot: Double, size: Double = 12) -> Double {
        guard let first = labels.first else { return 0 }
        // Generous: the width is an estimate, and a label cut at the edge cannot be read.
        return Swift.max(0, ChartPaint.width(axisLabel(first), size: size * 1.15) * 0.77 - slot / 2 + 12)
    }

    /// A category as written under the axis: cut after 24 characters (the full name is in the
    /// point's title, the description and the table).
    static func axisLabel(_ s: String) -> String { s.count <= 24 ? s : String(s.prefix(23)) + "…" }

}

/// Positions for labels at `ys` (in any order) moved apart to at least `gap`, keeping their order.
func spread(_ ys: [Double], gap: Double = 13) -> [Double] {
    let order = ys.indices.sorted { ys[$0] < ys[$1] }
    var out = ys
    var last = -Double.infinity
    for i in order {
        out[i] = Swift.max(ys[i], last + gap)
        last = out[i]
    }
    return out
}

/// A legend swatch: a line, optionally dashed, with a marker.
func lineSwatch(colour: String, dash: String?, width: Double = 2.5, marker: String = "") -> String {
    let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"swatch\" width=\"34\" height=\"14\" viewBox=\"0 0 34 14\" aria-hidden=\"true\">"
        + "<line x1=\"1\" y1=\"7\" x2=\"33\" y2=\"7\" stroke=\"\(colour)\" stroke-width=\"\(HTML.coordinate(width))\"\(dashAttribute)/>\(marker)</svg>"
}

/// A legend swatch for a bar fill: a colour or a verdict's pattern.
func barSwatch(_ chart: String, verdict: Verdict?, colour: String, outline: Bool = false) -> String {
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"swatch\" width=\"18\" height=\"14\" viewBox=\"0 0 18 14\" aria-hidden=\"true\">"
    let stroke = outline ? " stroke=\"#000000\" stroke-width=\"2\"" : ""
    if let v = verdict {
        let id = "\(chart)-legend"
        out += "<defs>" + ChartPaint.patterns(id, [v]) + "</defs>"
        out += "<rect x=\"1\" y=\"1\" width=\"16\" height=\"12\" fill=\"url(#\(ChartPaint.patternID(id, v)))\"\(stroke)/>"
    } else {
        out += "<rect x=\"1\" y=\"1\" width=\"16\" height=\"12\" fill=\"\(colour)\"\(stroke)/>"
    }
    return out + "</svg>"
}

/// A series over periods (or years): the entity, the peer group's aggregate and the requirement
/// as lines; each point marked by its verdict and labelled with its value.
struct LineChart: ReportChart {
    enum Role: String { case focus, group, requirement }

    struct Series {
        var name: String
        var role: Role
        /// One value per category; nil where there is none.
        var values: [Exact?]
        /// The verdict at each category, for the focus series.
        var verdicts: [Verdict?]
    }

    /// A horizontal line at a value (the previous period's value, for `rises`).
    struct Reference {
        var label: String
        var value: Exact
    }

    var id: String
    var title: String
    var quantity: String
    var categoryTitle: String
    var categories: [String]
    var series: [Series]
    var references: [Reference] = []
    var type: GoalType

    static let height = 300.0
    static let top = 34.0
    static let bottomMargin = 40.0

    var allValues: [Exact] { series.flatMap { $0.values.compactMap { $0 } } + references.map(\.value) }

    func description(_ words: any MessageCatalogue) -> String {
        var points: [String] = []
        for s in series {
            for (i, v) in s.values.enumerated() {
                guard let v else { continue }
                points.append(words.point(s.name, categories[i], words.value(v, as: type), s.verdicts.indices.contains(i) ? s.verdicts[i] : nil))
            }
        }
        for r in references { points.append(r.label) }
        return words.describe(kind: words.lineKind(series: series.map(\.name), from: categories.first ?? "", to: categories.last ?? ""), points: points)
    }

    func svg(_ words: any MessageCatalogue) -> String {
        let scale = ChartScale(values: allValues, fromZero: false)
        let tickWidth = scale.ticks.map { ChartPaint.width(words.value($0, as: type), size: 12) }.max() ?? 30
        let axisLeft = Swift.max(48, tickWidth + 14)
        let endLabels = series.filter { $0.role == .requirement }.compactMap { $0.values.last ?? nil }.map { words.value($0, as: type) }
            + references.map { words.value($0.value, as: type) }
        let rightMargin = Swift.max(24, (endLabels.map { ChartPaint.width($0, size: 11) + 22 }.max() ?? 0))
        let plotWidth = Swift.max(420, Double(categories.count) * 48)
        let slot = plotWidth / Double(Swift.max(1, categories.count))
        let slanted = Self.slants(categories, slot: slot)
        let height = Self.height + (slanted ? Self.slantHeight(categories) : 0)
        let top = Self.top, bottom = Self.height - Self.bottomMargin
        let left = Swift.max(axisLeft, slanted ? Self.slantOverhang(categories, slot: slot) : 0)
        let width = left + plotWidth + rightMargin
        let right = left + plotWidth
        let xs = categories.indices.map { left + slot * (Double($0) + 0.5) }
        func y(_ v: Exact) -> Double { scale.position(v.doubleValue, top: top, bottom: bottom) }

        var out = svgOpening(width: width, height: height, description: description(words))
        out += valueAxis(scale, type: type, words: words, left: left, right: right, top: top, bottom: bottom, title: quantity)
        out += categoryAxis(categories, xs: xs, slot: slot, baseline: bottom, title: categoryTitle, width: width, slanted: slanted)
        out += self.categoryTitle(categoryTitle, valueTitle: quantity, left: left, right: right, top: top)
        out += "<line x1=\"\(HTML.coordinate(left))\" x2=\"\(HTML.coordinate(right))\" y1=\"\(HTML.coordinate(bottom))\" y2=\"\(HTML.coordinate(bottom))\" stroke=\"\(ChartPaint.text)\" stroke-width=\"1\"/>"

        // The labels at the right end (requirement, references), moved apart where they meet.
        let requirementEnds = series.filter { $0.role == .requirement }.map { s in s.values.last.flatMap { $0 }.map(y) ?? 0 }
        let ends = spread(requirementEnds + references.map { y($0.value) })
        var requirementEnd = Array(ends.prefix(requirementEnds.count))
        let referenceEnds = Array(ends.dropFirst(requirementEnds.count))
        for (r, labelY) in zip(references, referenceEnds) {
            let ry = HTML.coordinate(y(r.value))
            out += "<g class=\"reference\" data-value=\"\(HTML.dataValue(r.value))\"><title>\(HTML.escape(r.label))</title>"
            out += "<line x1=\"\(HTML.coordinate(left))\" x2=\"\(HTML.coordinate(right))\" y1=\"\(ry)\" y2=\"\(ry)\" stroke=\"\(ChartPaint.requirement)\" stroke-width=\"1.5\" stroke-dasharray=\"8 5\"/>"
            out += "<text x=\"\(HTML.coordinate(right + 6))\" y=\"\(HTML.coordinate(labelY))\" dy=\"0.32em\" font-size=\"11\">\(HTML.escape(words.value(r.value, as: type)))</text></g>"
        }
        let labelAll = categories.count <= 8
        for (index, s) in series.enumerated().sorted(by: { Self.order($0.element.role) < Self.order($1.element.role) }) {
            let (colour, width, dash) = Self.stroke(s.role)
            out += "<g class=\"series series-\(s.role.rawValue)\" data-series=\"\(HTML.escape(s.name))\" data-role=\"\(s.role.rawValue)\">"
            // Lines between consecutive points that both have a value.
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
                    out += "<polyline points=\"\(segment.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(HTML.coordinate(width))\" stroke-linejoin=\"round\"\(dashAttribute)/>"
                }
                segment = []
            }
            for (i, v) in s.values.enumerated() {
                if let v { segment.append("\(HTML.coordinate(xs[i])),\(HTML.coordinate(y(v)))") } else { flush() }
            }
            flush()
            for (i, v) in s.values.enumerated() {
                guard let v else { continue }
                let verdict = s.verdicts.indices.contains(i) ? s.verdicts[i] : nil
                let label = words.value(v, as: type)
                let py = y(v)
                out += "<g class=\"point\" data-category=\"\(HTML.escape(categories[i]))\" data-value=\"\(HTML.dataValue(v))\""
                    + (verdict.map { " data-verdict=\"\(ChartPaint.cssClass($0))\"" } ?? "") + ">"
                out += "<title>\(HTML.escape(words.point(s.name, categories[i], label, verdict)))</title>"
                switch s.role {
                case .focus:
                    out += ChartPaint.marker(verdict, x: xs[i], y: py, colour: colour)
                case .group:
                    out += "<rect x=\"\(HTML.coordinate(xs[i] - 4))\" y=\"\(HTML.coordinate(py - 4))\" width=\"8\" height=\"8\" fill=\"\(colour)\"/>"
                case .requirement:
                    out += "<circle cx=\"\(HTML.coordinate(xs[i]))\" cy=\"\(HTML.coordinate(py))\" r=\"2.5\" fill=\"\(colour)\"/>"
                }
                if s.role == .requirement {
                    if i == s.values.count - 1 {
                        let endY = requirementEnd.isEmpty ? py : requirementEnd.removeFirst()
                        out += "<text class=\"value\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\" x=\"\(HTML.coordinate(right + 6))\" y=\"\(HTML.coordinate(endY))\" dy=\"0.32em\" font-size=\"11\">\(HTML.escape(label))</text>"
                    }
                } else if labelAll || i == 0 || i == s.values.count - 1 {
                    let above = isHighest(index, at: i)
                    let ly = above ? py - 10 : py + 19
                    out += "<text class=\"value\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\" x=\"\(HTML.coordinate(xs[i]))\" y=\"\(HTML.coordinate(ly))\" text-anchor=\"middle\" font-size=\"11.5\" font-weight=\"\(s.role == .focus ? "700" : "400")\">\(HTML.escape(label))</text>"
                }
                out += "</g>"
            }
            out += "</g>"
        }
        return out + "</svg>"
    }

    /// Whether series `index` is the highest of the focus and group series at category `i` (its label goes above).
    func isHighest(_ index: Int, at i: Int) -> Bool {
        guard let mine = series[index].values[i] else { return true }
        for (j, s) in series.enumerated() where j != index && s.role != .requirement {
            if let other = s.values[i], other > mine { return false }
            if let other = s.values[i], other == mine, j < index { return false }
        }
        return true
    }

    static func order(_ r: Role) -> Int {
        switch r {
        case .requirement: 0
        case .group: 1
        case .focus: 2
        }
    }

    static func stroke(_ r: Role) -> (String, Double, String?) {
        switch r {
        case .focus: (ChartPaint.focus, 3, nil)
        case .group: (ChartPaint.group, 2, "6 4")
        case .requirement: (ChartPaint.requirement, 1.5, "8 5")
        }
    }

    func legend(_ words: any MessageCatalogue) -> [(swatch: String, text: String)] {
        var items: [(String, String)] = []
        for s in series {
            let (colour, width, dash) = Self.stroke(s.role)
            let marker: String = switch s.role {
            case .focus: "<circle cx=\"17\" cy=\"7\" r=\"4\" fill=\"\(colour)\"/>"
            case .group: "<rect x=\"13\" y=\"3\" width=\"8\" height=\"8\" fill=\"\(colour)\"/>"
            case .requirement: ""
            }
            items.append((lineSwatch(colour: colour, dash: dash, width: width, marker: marker), s.name))
        }
        for r in references {
            items.append((lineSwatch(colour: ChartPaint.requirement, dash: "8 5", width: 1.5), r.label))
        }
        let used = Set(series.flatMap { $0.verdicts.compactMap { $0 } })
        for v in ChartPaint.verdicts where used.contains(v) {
            let marker = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"swatch\" width=\"16\" height=\"14\" viewBox=\"0 0 16 14\" aria-hidden=\"true\">"
                + ChartPaint.marker(v, x: 8, y: 7, colour: ChartPaint.focus, size: 4.5) + "</svg>"
            items.append((marker, "\(words.symbol(v)) \(words.verdict(v))"))
        }
        return items
    }

    func table(_ words: any MessageCatalogue) -> String {
        var out = "<table class=\"visually-hidden chart-data\"><caption>\(HTML.escape(words.chartDataCaption)): \(HTML.escape(title))</caption>"
        out += "<thead><tr><th scope=\"col\">\(HTML.escape(categoryTitle))</th>"
        for s in series { out += "<th scope=\"col\">\(HTML.escape(s.name))</th>" }
        out += "</tr></thead><tbody>"
        for (i, c) in categories.enumerated() {
            out += "<tr><th scope=\"row\">\(HTML.escape(c))</th>"
            for s in series {
                var cell = s.values[i].map { words.value($0, as: type) } ?? words.noValue()
                if s.verdicts.indices.contains(i), let v = s.verdicts[i] { cell += " (\(words.verdict(v)))" }
                out += "<td>\(HTML.escape(cell))</td>"
            }
            out += "</tr>"
        }
        out += "</tbody>"
        if !references.isEmpty {
            out += "<tfoot>" + references.map { "<tr><td colspan=\"\(series.count + 1)\">\(HTML.escape($0.label))</td></tr>" }.joined() + "</tfoot>"
        }
        return out + "</table>"
    }
}

/// Bars in groups: one bar per member of a peer group (the focus entity marked), or per part of
/// a breakdown with a bar per period; the latest period's bars are filled by their verdict.
struct BarChart: ReportChart {
    struct Bar {
        var label: String
        var value: Exact?
        /// Filled by this verdict's colour and pattern; nil: a neutral bar (an earlier period, a member).
        var verdict: Verdict?
        /// The focus entity among the members: outlined, its label bold.
        var isFocus = false
    }

    struct Group {
        var label: String
        var bars: [Bar]
        /// The requirement of this group, drawn across it when it differs between groups.
        var threshold: Exact?
    }

    enum ReferenceRole: String { case requirement, group }

    struct Reference {
        var label: String
        var value: Exact
        var role: ReferenceRole
    }

    var id: String
    var title: String
    var quantity: String
    var categoryTitle: String
    var groups: [Group]
    var references: [Reference] = []
    var type: GoalType
    /// The names of bars within a group (periods), in the legend; empty when each group has one bar.
    var barNames: [String] = []

    static let height = 312.0
    static let top = 46.0
    static let bottomMargin = 40.0

    var ownThresholds: Bool { groups.contains { $0.threshold != nil } }

    func description(_ words: any MessageCatalogue) -> String {
        var points: [String] = []
        for g in groups {
            for b in g.bars {
                let name = g.bars.count > 1 || !barNames.isEmpty ? "\(g.label), \(b.label)" : g.label
                points.append(words.bar(name, b.value.map { words.value($0, as: type) } ?? words.noValue(), b.verdict))
            }
            if let t = g.threshold { points.append("\(g.label) \(words.requirementColumn) \(words.value(t, as: type))") }
        }
        for r in references { points.append(r.label) }
        return words.describe(kind: words.barKind(title), points: points)
    }

    func svg(_ words: any MessageCatalogue) -> String {
        let values = groups.flatMap { g in g.bars.compactMap(\.value) + (g.threshold.map { [$0] } ?? []) } + references.map(\.value)
        let scale = ChartScale(values: values, fromZero: true, ceiling: type == .share ? Exact.one : nil)
        let tickWidth = scale.ticks.map { ChartPaint.width(words.value($0, as: type), size: 12) }.max() ?? 30
        let axisLeft = Swift.max(48, tickWidth + 14)
        let rightMargin = Swift.max(24, references.map { ChartPaint.width(words.value($0.value, as: type), size: 11) + 14 }.max() ?? 0)
        let barsPerGroup = Swift.max(1, groups.map(\.bars.count).max() ?? 1)
        let barWidth = 44.0
        let slot = Double(barsPerGroup) * barWidth + 20
        let plotWidth = Swift.max(420, Double(groups.count) * slot)
        let groupSlot = plotWidth / Double(Swift.max(1, groups.count))
        let labels = groups.map { g in g.bars.contains(where: \.isFocus) ? words.focusMark(g.label) : g.label }
        let slanted = Self.slants(labels, slot: groupSlot)
        let left = Swift.max(axisLeft, slanted ? Self.slantOverhang(labels, slot: groupSlot) : 0)
        let width = left + plotWidth + rightMargin
        let height = Self.height + (slanted ? Self.slantHeight(labels) : 0)
        let top = Self.top, bottom = Self.height - Self.bottomMargin
        let right = left + plotWidth
        func y(_ v: Exact) -> Double { scale.position(v.doubleValue, top: top, bottom: bottom) }
        let zero = scale.position(0, top: top, bottom: bottom)
        let centres = groups.indices.map { left + groupSlot * (Double($0) + 0.5) }
        let used = Set(groups.flatMap { $0.bars.compactMap(\.verdict) })

        var out = svgOpening(width: width, height: height, description: description(words))
        out += "<defs>" + ChartPaint.patterns(id, used) + "</defs>"
        out += valueAxis(scale, type: type, words: words, left: left, right: right, top: top, bottom: bottom, title: quantity)
        let focusIndices = Set(groups.indices.filter { groups[$0].bars.contains(where: \.isFocus) })
        out += categoryAxis(labels, xs: centres, slot: groupSlot, baseline: bottom, title: categoryTitle, width: width, slanted: slanted, bold: focusIndices)
        out += self.categoryTitle(categoryTitle, valueTitle: quantity, left: left, right: right, top: top)
        for (gi, g) in groups.enumerated() {
            let start = centres[gi] - Double(g.bars.count) * barWidth / 2
            out += "<g class=\"bar-group\" data-group=\"\(HTML.escape(g.label))\">"
            for (bi, b) in g.bars.enumerated() {
                let x = start + Double(bi) * barWidth + 2
                let w = barWidth - 4
                let name = g.bars.count > 1 || !barNames.isEmpty ? "\(g.label), \(b.label)" : g.label
                out += "<g class=\"bar\" data-label=\"\(HTML.escape(b.label))\""
                    + (b.value.map { " data-value=\"\(HTML.dataValue($0))\"" } ?? "")
                    + (b.verdict.map { " data-verdict=\"\(ChartPaint.cssClass($0))\"" } ?? "")
                    + (b.isFocus ? " data-focus=\"true\"" : "") + ">"
                let shown = b.value.map { words.value($0, as: type) } ?? words.noValue()
                out += "<title>\(HTML.escape(words.bar(name, shown, b.verdict)))</title>"
                if let v = b.value {
                    let vy = y(v)
                    let (ry, rh) = vy < zero ? (vy, zero - vy) : (zero, vy - zero)
                    let fill = b.verdict.map { "url(#\(ChartPaint.patternID(id, $0)))" } ?? (b.isFocus ? ChartPaint.focus : ChartPaint.neutral)
                    let stroke = b.isFocus ? " stroke=\"#000000\" stroke-width=\"2.5\"" : (b.verdict != nil ? " stroke=\"\(ChartPaint.colour(b.verdict))\" stroke-width=\"1\"" : "")
                    out += "<rect x=\"\(HTML.coordinate(x))\" y=\"\(HTML.coordinate(ry))\" width=\"\(HTML.coordinate(w))\" height=\"\(HTML.coordinate(Swift.max(rh, 0.5)))\" fill=\"\(fill)\"\(stroke)/>"
                    let labelY = vy < zero ? vy - 5 : vy + 13
                    let text = shown
                    let size = ChartPaint.width(text, size: 10.5) > barWidth + 4 ? 9.5 : 10.5
                    if let v = b.verdict {
                        // The verdict's mark over the value, for readers who do not tell the fills apart.
                        let markY = vy < zero ? labelY - 12 : labelY + 12
                        out += "<text class=\"mark\" x=\"\(HTML.coordinate(x + w / 2))\" y=\"\(HTML.coordinate(markY))\" font-size=\"11\" font-weight=\"700\" text-anchor=\"middle\" fill=\"\(ChartPaint.colour(v))\">\(HTML.escape(words.symbol(v)))</text>"
                    }
                    if ChartPaint.width(text, size: size) > barWidth + 8 {
                        // Too wide to stand over the bar: written upwards from its top.
                        let ty = vy < zero ? vy - 4 : vy + 4
                        out += "<text class=\"value\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\" x=\"\(HTML.coordinate(x + w / 2))\" y=\"\(HTML.coordinate(ty))\" dy=\"0.32em\" font-size=\"\(HTML.coordinate(size))\" text-anchor=\"\(vy < zero ? "start" : "end")\" transform=\"rotate(-90 \(HTML.coordinate(x + w / 2)) \(HTML.coordinate(ty)))\">\(HTML.escape(text))</text>"
                    } else {
                        out += "<text class=\"value\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\" x=\"\(HTML.coordinate(x + w / 2))\" y=\"\(HTML.coordinate(labelY))\" font-size=\"\(HTML.coordinate(size))\" text-anchor=\"middle\">\(HTML.escape(text))</text>"
                    }
                } else {
                    out += "<text class=\"value\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\" x=\"\(HTML.coordinate(x + w / 2))\" y=\"\(HTML.coordinate(zero - 5))\" font-size=\"10\" text-anchor=\"middle\">\(HTML.escape(words.symbol(.noData)))</text>"
                }
                if !barNames.isEmpty && g.bars.count > 1 {
                    out += "<text class=\"bar-label\" x=\"\(HTML.coordinate(x + w / 2))\" y=\"\(HTML.coordinate(bottom + 30))\" font-size=\"9\" text-anchor=\"middle\" opacity=\"0.75\">\(HTML.escape(Self.shortLabel(b.label)))</text>"
                }
                out += "</g>"
            }
            if let t = g.threshold, !references.contains(where: { $0.role == .requirement && $0.value == t }) {
                let ty = HTML.coordinate(y(t))
                out += "<g class=\"threshold\" data-value=\"\(HTML.dataValue(t))\"><title>\(HTML.escape("\(g.label): \(words.requirementColumn) \(words.value(t, as: type))"))</title>"
                out += "<line x1=\"\(HTML.coordinate(start - 4))\" x2=\"\(HTML.coordinate(start + Double(g.bars.count) * barWidth + 4))\" y1=\"\(ty)\" y2=\"\(ty)\" stroke=\"\(ChartPaint.requirement)\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/></g>"
            }
            out += "</g>"
        }
        out += "<line x1=\"\(HTML.coordinate(left))\" x2=\"\(HTML.coordinate(right))\" y1=\"\(HTML.coordinate(zero))\" y2=\"\(HTML.coordinate(zero))\" stroke=\"\(ChartPaint.text)\" stroke-width=\"1\"/>"
        let labelYs = spread(references.map { y($0.value) })
        for (r, labelY) in zip(references, labelYs) {
            let ry = HTML.coordinate(y(r.value))
            let (colour, dash) = r.role == .requirement ? (ChartPaint.requirement, "8 5") : (ChartPaint.group, "6 4")
            out += "<g class=\"reference reference-\(r.role.rawValue)\" data-value=\"\(HTML.dataValue(r.value))\"><title>\(HTML.escape(r.label))</title>"
            out += "<line x1=\"\(HTML.coordinate(left))\" x2=\"\(HTML.coordinate(right))\" y1=\"\(ry)\" y2=\"\(ry)\" stroke=\"\(colour)\" stroke-width=\"\(r.role == .requirement ? "2" : "1.5")\" stroke-dasharray=\"\(dash)\"/>"
            out += "<text x=\"\(HTML.coordinate(right + 6))\" y=\"\(HTML.coordinate(labelY))\" dy=\"0.32em\" font-size=\"11\">\(HTML.escape(words.value(r.value, as: type)))</text></g>"
        }
        return out + "</svg>"
    }

    /// A bar's label under it, short enough for the bar: `2024K3` stays, longer text is cut.
    static func shortLabel(_ s: String) -> String { s.count <= 7 ? s : String(s.prefix(6)) + "…" }

    func legend(_ words: any MessageCatalogue) -> [(swatch: String, text: String)] {
        var items: [(String, String)] = []
        let bars = groups.flatMap(\.bars)
        if bars.contains(where: { $0.verdict == nil && !$0.isFocus && $0.value != nil }) {
            let text = barNames.count > 1 ? words.earlierPeriod + " (" + barNames.dropLast().joined(separator: ", ") + ")" : words.memberColumn
            items.append((barSwatch(id, verdict: nil, colour: ChartPaint.neutral), text))
        }
        if let focus = bars.first(where: \.isFocus), let g = groups.first(where: { $0.bars.contains(where: \.isFocus) }) {
            items.append((barSwatch(id + "-f", verdict: focus.verdict, colour: ChartPaint.focus, outline: true), words.focusMark(g.label)))
        }
        let used = Set(bars.filter { !$0.isFocus }.compactMap(\.verdict))
        for v in ChartPaint.verdicts where used.contains(v) {
            let period = barNames.count > 1 ? " (\(barNames.last ?? ""))" : ""
            items.append((barSwatch(id + "-\(ChartPaint.cssClass(v))", verdict: v, colour: ChartPaint.colour(v)), "\(words.symbol(v)) \(words.verdict(v))\(period)"))
        }
        for r in references {
            let (colour, dash) = r.role == .requirement ? (ChartPaint.requirement, "8 5") : (ChartPaint.group, "6 4")
            items.append((lineSwatch(colour: colour, dash: dash, width: 2), r.label))
        }
        if groups.contains(where: { g in g.threshold.map { t in !references.contains { $0.role == .requirement && $0.value == t } } ?? false }) {
            items.append((lineSwatch(colour: ChartPaint.requirement, dash: "5 3", width: 2), words.requirementColumn))
        }
        return items
    }

    func table(_ words: any MessageCatalogue) -> String {
        var out = "<table class=\"visually-hidden chart-data\"><caption>\(HTML.escape(words.chartDataCaption)): \(HTML.escape(title))</caption>"
        let withBars = !barNames.isEmpty
        out += "<thead><tr><th scope=\"col\">\(HTML.escape(categoryTitle))</th>"
        if withBars { out += "<th scope=\"col\">\(HTML.escape(words.periodColumn))</th>" }
        out += "<th scope=\"col\">\(HTML.escape(words.valueColumn))</th><th scope=\"col\">\(HTML.escape(words.verdictColumn))</th>"
        if ownThresholds { out += "<th scope=\"col\">\(HTML.escape(words.requirementColumn))</th>" }
        out += "</tr></thead><tbody>"
        for g in groups {
            for b in g.bars {
                let name = b.isFocus ? words.focusMark(g.label) : g.label
                out += "<tr><th scope=\"row\">\(HTML.escape(name))</th>"
                if withBars { out += "<td>\(HTML.escape(b.label))</td>" }
                out += "<td>\(HTML.escape(b.value.map { words.value($0, as: type) } ?? words.noValue()))</td>"
                out += "<td>\(HTML.escape(b.verdict.map { words.verdict($0) } ?? ""))</td>"
                if ownThresholds { out += "<td>\(HTML.escape(g.threshold.map { words.value($0, as: type) } ?? ""))</td>" }
                out += "</tr>"
            }
        }
        out += "</tbody>"
        if !references.isEmpty {
            out += "<tfoot>" + references.map { "<tr><td colspan=\"5\">\(HTML.escape($0.label))</td></tr>" }.joined() + "</tfoot>"
        }
        return out + "</table>"
    }
}
