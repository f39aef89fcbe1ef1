/// What the data phase decided about each dataset a spec reads — format, dialect, and per
/// column the type, role and number format — for `goalspec lint --explain-data`, so that no
/// inference about the input is hidden from the user.
public enum DataReadingReport {
    /// One line per dataset and one per column, aligned; control characters in column names
    /// shown visibly.
    public static func text(_ datasets: [DatasetBinding]) -> String {
        var out = ""
        for d in datasets {
            out += "data \(d.name) from \(d.path): \(fileDescription(d.schema))\n"
            let columns = d.schema.columns
            let nameWidth = min(24, columns.map(\.name.count).max() ?? 0)
            for c in columns {
                let name = c.name.count < nameWidth ? c.name + String(repeating: " ", count: nameWidth - c.name.count) : c.name
                let type = c.type.rawValue + String(repeating: " ", count: max(0, 8 - c.type.rawValue.count))
                var notes: [String] = []
                if let role = role(of: c.index, in: d) { notes.append(role) }
                notes.append(contentsOf: numberNotes(c))
                if c.isEmptyInSample { notes.append("no value in the sample: typed by the spec's use") }
                out += "  \(name)  \(type)  \(notes.joined(separator: "; "))".trimmingTrailingSpaces() + "\n"
            }
        }
        return TerminalSafeText.visible(out, keepingStyle: false)
    }

    /// The same as JSON values, one object per dataset.
    public static func json(_ datasets: [DatasetBinding]) -> JSONValue {
        .array(datasets.map { d in
            var fields: [(String, JSONValue)] = [
                ("name", .string(d.name)),
                ("path", .string(d.path)),
                ("format", .string(d.schema.tableSource == nil ? d.schema.format.rawValue : (d.schema.tableEngine ?? "sql"))),
            ]
            if let dialect = d.schema.dialect {
                fields.append(("delimiter", .string(String(UnicodeScalar(dialect.delimiter)))))
                fields.append(("decimalMark", .string(String(UnicodeScalar(dialect.decimalSeparator)))))
            }
            fields.append(("sampledRows", .integer(d.schema.sampledRows)))
            fields.append(("sampleIsWholeFile", .bool(d.schema.sampleCoversWholeFile)))
            fields.append(("columns", .array(d.schema.columns.map { c in
                var column: [(String, JSONValue)] = [
                    ("name", .string(c.name)),
                    ("type", .string(c.type.rawValue)),
                    ("role", role(of: c.index, in: d).map { .string($0) } ?? .null),
                ]
                if c.type == .decimal || c.type == .integer || c.type == .percent {
                    column.append(("decimalMark", .string(String(UnicodeScalar(c.numberFormat.decimalMark)))))
                    column.append(("thousands", .string(c.numberFormat.grouping.word)))
                }
                if let a = c.numberAmbiguity {
                    column.append(("ambiguous", .object([
                        ("example", .string(a.example)),
                        ("underDecimalPoint", a.underDecimalPoint.map { .string($0) } ?? .null),
                        ("underDecimalComma", a.underDecimalComma.map { .string($0) } ?? .null),
                    ])))
                }
                column.append(("typedByUse", .bool(c.isEmptyInSample)))
                return .object(column)
            })))
            return .object(fields)
        })
    }

    static func fileDescription(_ s: TableSchema) -> String {
        var parts: [String] = []
        if let table = s.tableSource {
            parts.append(table)
            parts.append("\(s.sampledRows) rows, types from the table")
            return parts.joined(separator: ", ")
        }
        if let dialect = s.dialect {
            let delimiter = switch dialect.delimiter {
            case 9: "tab"
            default: "'\(String(UnicodeScalar(dialect.delimiter)))'"
            }
            parts.append("\(s.format.rawValue.uppercased()), \(delimiter)-separated")
            if dialect.hasBOM { parts.append("UTF-8 with BOM") }
            parts.append(dialect.lineEnding == .crlf ? "CRLF" : "LF")
            parts.append("decimal \(dialect.decimalSeparator == UInt8(ascii: ",") ? "comma" : "point") by default")
        } else {
            parts.append(s.format.rawValue)
            if let sheet = s.sheet { parts.append("sheet \"\(sheet)\"") }
        }
        parts.append(s.sampleCoversWholeFile ? "\(s.sampledRows) rows, all sampled"
                                              : "types from the first \(s.sampledRows) rows")
        return parts.joined(separator: ", ")
    }

    static func role(of column: Int, in d: DatasetBinding) -> String? {
        if d.entity == column { return "entity" }
        if d.time == column { return "time" }
        if d.weight == column { return "weight" }
        if d.units[column] != nil { return "unit" }
        return nil
    }

    static func numberNotes(_ c: ColumnSchema) -> [String] {
        guard c.type == .decimal || c.type == .percent || c.type == .integer else { return [] }
        if let a = c.numberAmbiguity {
            let readings = [a.underDecimalPoint, a.underDecimalComma].compactMap { $0 }.joined(separator: " or ")
            return ["AMBIGUOUS: '\(a.example)' reads as \(readings); declare decimal comma or decimal point"]
        }
        if c.type == .integer { return [] }
        return ["\(c.numberFormat) (\(c.numberFormat.example.dropFirst(5)))"]
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
