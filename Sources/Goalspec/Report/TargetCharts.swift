/// Chooses and builds the charts of one target for the HTML report, from its result, its
/// checked form and its results at earlier periods:
/// - a `by` breakdown: grouped bars per part (a bar per period) with the requirement;
/// - `rises yearly`: the yearly series;
/// - a comparison or a trend over two periods or more: the series over periods with the
///   requirement (and the peer group's aggregate, for peer comparisons);
/// - a peer-group aggregate: a bar per member with the focus entity marked;
/// - otherwise one bar against the requirement.
struct TargetCharts {
    let words: any MessageCatalogue
    let history: SpecHistory
    /// The most periods a grouped bar chart shows per part.
    static let maximumBarPeriods = 3

    func charts(for t: TargetResult, anchor: String) -> [any ReportChart] {
        let checked = history.checked[t.id]
        let series = history.series(t)
        var charts: [any ReportChart] = []
        func nextID() -> String { "\(anchor)-chart\(charts.count + 1)" }
        if !t.parts.isEmpty {
            if let c = partsChart(t, checked, series, id: nextID()) { charts.append(c) }
            return charts
        }
        if case .trend(_, let direction, yearlyFrom: let from?, let label, _)? = checked?.condition {
            if let c = yearlyChart(t, label: label, direction: direction, from: from, id: nextID()) { charts.append(c) }
            return charts
        }
        if series.count >= 2 {
            if case .trend(_, _, yearlyFrom: nil, let label, _)? = checked?.condition {
                if let c = trendChart(t, checked, series, label: label, id: nextID()) { charts.append(c) }
            } else if let c = seriesChart(t, checked, series, id: nextID()) {
                charts.append(c)
            }
        }
        if let c = membersChart(t, checked, id: nextID()) { charts.append(c) }
        if charts.isEmpty, let c = valueChart(t, checked, id: nextID()) { charts.append(c) }
        return charts
    }

    // MARK: The parts of a condition

    /// The focus entity as a name: `Aarhus`.
    func focusName(_ c: CheckedTarget?) -> String? {
        guard let f = c?.focus, !f.values.isEmpty else { return nil }
        return f.values.joined(separator: ", ")
    }

    /// The two sides of a comparison as written; the left side is the first measure's label
    /// when the comparison is not written `LEFT op RIGHT` (quantifiers, trends).
    func sides(_ check: CheckFigure, _ e: Explanation) -> (left: String, right: String?) {
        let op = " \(check.op.rawValue) "
        if let r = check.text.range(of: op) {
            return (String(check.text[..<r.lowerBound]), String(check.text[r.upperBound...]))
        }
        return (e.measures.first?.label ?? check.text, nil)
    }

    /// The requirement as shown in a legend: `requirement: ≥ avg(6byer) + 1.0pp`.
    func requirementName(_ check: CheckFigure, _ e: Explanation) -> String {
        let right = sides(check, e).right ?? check.threshold.map { words.value($0, as: check.type) }
        return words.requirement(right.map { "\(words.symbol(check.op)) \($0)" })
    }

    /// The requirement with its value, for a reference line: `requirement: ≥ avg(6byer) + 1.0pp = 85.9%`,
    /// or `requirement: ≥ 70%` when it is written as a number.
    func requirementLine(_ check: CheckFigure, _ e: Explanation, value: Exact) -> String {
        let name = requirementName(check, e)
        let shown = words.value(value, as: check.type)
        return name.hasSuffix(" \(shown)") ? name : name + " = " + shown
    }

    /// The measure of a peer group's aggregate (`avg(6byer)`) or pooled group, if the explanation has one.
    func peerMeasure(_ e: Explanation) -> MeasureFigure? {
        e.measures.first { !$0.members.isEmpty } ?? e.measures.first { $0.label.hasPrefix("pooled(") }
    }

    /// The value of the measure `label` at `period` in an explanation.
    func measure(_ label: String, at period: Period, in e: Explanation) -> Exact? {
        e.measures.first { $0.label == label && $0.period == period }?.value
    }

    // MARK: Charts

    /// The target's comparison, or when it has none (no data) the latest one of an earlier period.
    func check(_ t: TargetResult, _ series: [(period: Period, result: TargetResult)]) -> CheckFigure? {
        t.explanation.checks.first ?? series.reversed().lazy.compactMap { $0.result.explanation.checks.first }.first
    }

    func seriesChart(_ t: TargetResult, _ c: CheckedTarget?, _ series: [(period: Period, result: TargetResult)], id: String) -> LineChart? {
        guard let check = check(t, series) else { return nil }
        let (left, _) = sides(check, t.explanation)
        let checks = series.map { $0.result.explanation.checks.first }
        let values = checks.map { $0?.value }
        guard values.contains(where: { $0 != nil }) else { return nil }
        let thresholds = checks.map { $0?.threshold }
        var lines = [LineChart.Series(name: focusName(c) ?? left, role: .focus, values: values, verdicts: series.map { $0.result.verdict })]
        if let peer = peerMeasure(t.explanation) {
            let peerValues = series.map { s in measure(peer.label, at: s.period, in: s.result.explanation) }
            if peerValues.contains(where: { $0 != nil }) && peerValues != thresholds {
                lines.append(LineChart.Series(name: peer.label, role: .group, values: peerValues, verdicts: []))
            }
        }
        if thresholds.contains(where: { $0 != nil }) {
            lines.append(LineChart.Series(name: requirementName(check, t.explanation), role: .requirement, values: thresholds, verdicts: []))
        }
        return LineChart(id: id, title: words.seriesTitle(left, focus: focusName(c)), quantity: left, categoryTitle: words.periodColumn,
                         categories: series.map(\.period.description), series: lines, type: check.type)
    }

    func trendChart(_ t: TargetResult, _ c: CheckedTarget?, _ series: [(period: Period, result: TargetResult)], label: String, id: String) -> LineChart? {
        guard let check = check(t, series) else { return nil }
        let values = series.map { s in
            measure(label, at: s.period, in: s.result.explanation) ?? measure(label, at: s.period, in: t.explanation)
        }
        guard values.contains(where: { $0 != nil }) else { return nil }
        // A period with a value but no earlier one to compare with has no verdict of its own.
        let verdicts: [Verdict?] = series.map { $0.result.verdict == .noData ? nil : $0.result.verdict }
        let name = focusName(c) ?? label
        var chart = LineChart(id: id, title: words.trendTitle(label, focus: focusName(c)), quantity: label, categoryTitle: words.periodColumn,
                              categories: series.map(\.period.description),
                              series: [LineChart.Series(name: name, role: .focus, values: values, verdicts: verdicts)], type: check.type)
        if let previous = t.explanation.checks.first?.threshold,
           let before = t.explanation.measures.first(where: { $0.label == label && $0.period != t.period })?.period {
            chart.references.append(LineChart.Reference(label: words.previousLine(words.value(previous, as: check.type), before.description), value: previous))
        }
        return chart
    }

    func yearlyChart(_ t: TargetResult, label: String, direction: TrendDirection, from: Int, id: String) -> LineChart? {
        let years = t.explanation.measures.compactMap { m in m.period.map { ($0, m) } }.filter { $0.1.label == label }
            .sorted { $0.0 < $1.0 }.map(\.1)
        guard let type = years.first?.type else { return nil }
        var verdicts: [Verdict?] = []
        for (i, m) in years.enumerated() {
            guard i > 0, let v = m.value, let before = years[i - 1].value else { verdicts.append(nil); continue }
            let holds = direction == .rises ? v > before : v < before
            verdicts.append(holds ? .met : .notMet)
        }
        return LineChart(id: id, title: words.yearlyTitle(label, from: from), quantity: label, categoryTitle: words.yearColumn,
                         categories: years.map { $0.period?.description ?? "" },
                         series: [LineChart.Series(name: label, role: .focus, values: years.map(\.value), verdicts: verdicts)], type: type)
    }

    func membersChart(_ t: TargetResult, _ c: CheckedTarget?, id: String) -> BarChart? {
        guard let peer = t.explanation.measures.first(where: { !$0.members.isEmpty }) else { return nil }
        let check = t.explanation.checks.first
        let focus = focusName(c)
        var groups = peer.members.map { m in
            BarChart.Group(label: m.name, bars: [BarChart.Bar(label: m.name, value: m.value, verdict: nil, isFocus: m.name == focus)], threshold: nil)
        }
        if let focus, !groups.contains(where: { $0.label == focus }), let value = check?.value {
            groups.insert(BarChart.Group(label: focus, bars: [BarChart.Bar(label: focus, value: value, verdict: t.verdict, isFocus: true)], threshold: nil), at: 0)
        } else if let i = groups.firstIndex(where: { $0.label == focus }) {
            groups[i].bars[0].verdict = t.verdict
        }
        var references: [BarChart.Reference] = []
        if let value = peer.value, value != check?.threshold {
            references.append(BarChart.Reference(label: "\(peer.label): \(words.value(value, as: peer.type))", value: value, role: .group))
        }
        if let check, let threshold = check.threshold {
            references.append(BarChart.Reference(label: requirementLine(check, t.explanation, value: threshold), value: threshold, role: .requirement))
        }
        return BarChart(id: id, title: words.membersTitle(peer.label, focus: focus), quantity: peer.label, categoryTitle: c?.focus?.columnName ?? words.memberColumn,
                        groups: groups, references: references, type: peer.type)
    }

    func valueChart(_ t: TargetResult, _ c: CheckedTarget?, id: String) -> BarChart? {
        guard let check = t.explanation.checks.first, let value = check.value else { return nil }
        let (left, _) = sides(check, t.explanation)
        let name = focusName(c) ?? left
        var references: [BarChart.Reference] = []
        if let threshold = check.threshold {
            references.append(BarChart.Reference(label: requirementLine(check, t.explanation, value: threshold), value: threshold, role: .requirement))
        }
        let label = t.period?.description ?? name
        return BarChart(id: id, title: words.valueTitle(left), quantity: left, categoryTitle: "",
                        groups: [BarChart.Group(label: label, bars: [BarChart.Bar(label: label, value: value, verdict: t.verdict)], threshold: nil)],
                        references: references, type: check.type)
    }

    func partsChart(_ t: TargetResult, _ c: CheckedTarget?, _ series: [(period: Period, result: TargetResult)], id: String) -> BarChart? {
        guard let check = t.parts.lazy.compactMap({ $0.explanation.checks.first }).first else { return nil }
        var trendLabel: String? = nil
        if case .trend(_, _, _, let label, _)? = c?.condition { trendLabel = label }
        func key(_ p: PartResult) -> [String] { p.key.map(\.value) }
        func value(_ part: PartResult?, at period: Period, latest: PartResult) -> Exact? {
            if let label = trendLabel {
                return part.flatMap { measure(label, at: period, in: $0.explanation) } ?? measure(label, at: period, in: latest.explanation)
            }
            return part?.explanation.checks.first?.value
        }
        // The periods shown: the latest few at which some part has a value.
        var shown: [(period: Period, result: TargetResult)] = []
        for s in series.reversed() where shown.count < Self.maximumBarPeriods {
            let has = t.parts.contains { latest in value(s.result.parts.first { key($0) == key(latest) }, at: s.period, latest: latest) != nil }
            if has || s.result.period == t.period { shown.insert(s, at: 0) }
        }
        if shown.isEmpty { shown = [(t.period ?? Period(year: 2000)!, t)] }
        var groups: [BarChart.Group] = []
        for part in t.parts {
            var bars: [BarChart.Bar] = []
            for s in shown {
                let isLatest = s.result.period == t.period
                let earlier = s.result.parts.first { key($0) == key(part) }
                let v = isLatest ? value(part, at: s.period, latest: part) : value(earlier, at: s.period, latest: part)
                bars.append(BarChart.Bar(label: s.period.description, value: v, verdict: isLatest ? part.verdict : nil))
            }
            let threshold = trendLabel == nil ? part.explanation.checks.first?.threshold : nil
            groups.append(BarChart.Group(label: part.key.map(\.value).joined(separator: ", "), bars: bars, threshold: threshold))
        }
        var references: [BarChart.Reference] = []
        let thresholds = Set(groups.compactMap(\.threshold))
        if thresholds.count == 1, let only = thresholds.first, groups.allSatisfy({ $0.threshold != nil }) {
            references.append(BarChart.Reference(label: requirementLine(check, t.parts[0].explanation, value: only), value: only, role: .requirement))
        }
        let columns = t.parts[0].key.map(\.column)
        let quantity = trendLabel ?? sides(check, t.parts[0].explanation).left
        return BarChart(id: id, title: words.partsTitle(quantity, columns: columns), quantity: quantity, categoryTitle: columns.joined(separator: ", "),
                        groups: groups, references: references, type: check.type,
                        barNames: shown.count > 1 ? shown.map(\.period.description) : [])
    }
}
