import CredStackCore

/// A value that is the wrong type or out of range, at its place in the file.
struct FieldError: Error {
    var line: Int
    var column: Int
    var message: String
}

/// Typed access to one table's entries. Remembers which keys were read so the rest can be preserved.
struct FieldReader {
    let table: TOMLTable
    private var used: Set<String> = []

    init(_ table: TOMLTable) { self.table = table }

    private mutating func entry(_ key: String, required: Bool) throws(FieldError) -> TOMLEntry? {
        used.insert(key)
        if let e = table.entries.first(where: { $0.key == key }) { return e }
        if required {
            throw FieldError(line: table.line, column: 1,
                             message: "\(table.path.isEmpty ? "the file" : table.header) has no \(key); expected a line like \(key) = ...")
        }
        return nil
    }

    private func wrong(_ e: TOMLEntry, _ expected: String) -> FieldError {
        FieldError(line: e.value.line, column: e.value.column, message: "\(e.key): expected \(expected), found \(e.value.raw)")
    }

    mutating func string(_ key: String, required: Bool = false) throws(FieldError) -> String? {
        guard let e = try entry(key, required: required) else { return nil }
        guard case .string(let s) = e.value.kind else { throw wrong(e, "text in quotes") }
        if required && s.trimmed.isEmpty { throw wrong(e, "some text") }
        return s
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>, required: Bool = false) throws(FieldError) -> Int? {
        guard let e = try entry(key, required: required) else { return nil }
        guard case .integer(let n) = e.value.kind else { throw wrong(e, "a whole number") }
        guard n >= range.lowerBound, n <= range.upperBound else {
            throw wrong(e, "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(n)
    }

    mutating func number(_ key: String, in range: ClosedRange<Double>, required: Bool = false) throws(FieldError) -> Double? {
        guard let e = try entry(key, required: required) else { return nil }
        let value: Double
        switch e.value.kind {
        case .integer(let n): value = Double(n)
        case .float(let d): value = d
        default: throw wrong(e, "a number")
        }
        guard range.contains(value) else {
            throw wrong(e, "a number from \(TOMLWriter.number(range.lowerBound)) to \(TOMLWriter.number(range.upperBound))")
        }
        return value
    }

    mutating func bool(_ key: String) throws(FieldError) -> Bool? {
        guard let e = try entry(key, required: false) else { return nil }
        guard case .bool(let v) = e.value.kind else { throw wrong(e, "true or false") }
        return v
    }

    mutating func date(_ key: String, required: Bool = false) throws(FieldError) -> LocalDate? {
        guard let e = try entry(key, required: required) else { return nil }
        switch e.value.kind {
        case .date(let d): return d
        case .string(let s):
            if let d = LocalDate.parse(s) { return d }
            throw wrong(e, "a date like 2026-03-14")
        default: throw wrong(e, "a date like 2026-03-14")
        }
    }

    mutating func timestamp(_ key: String, required: Bool = false) throws(FieldError) -> Timestamp? {
        guard let e = try entry(key, required: required) else { return nil }
        guard case .dateTime(let t) = e.value.kind else { throw wrong(e, "a date and time like 2026-11-30T09:15:00+05:30") }
        return t
    }

    mutating func strings(_ key: String) throws(FieldError) -> [String] {
        guard let e = try entry(key, required: false) else { return [] }
        guard case .array(let items) = e.value.kind else { throw wrong(e, "a list of text like [\"sql\", \"python\"]") }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item.kind else {
                throw FieldError(line: item.line, column: item.column, message: "\(key): expected text in quotes, found \(item.raw)")
            }
            out.append(s)
        }
        return out
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type, default fallback: E) throws(FieldError) -> E
    where E.RawValue == String {
        guard let e = try entry(key, required: false) else { return fallback }
        let options = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        guard case .string(let s) = e.value.kind, let v = E(rawValue: s.lowercased()) else { throw wrong(e, "one of \(options)") }
        return v
    }

    /// Entries no getter asked for: kept verbatim.
    var leftovers: [PreservedField] {
        table.entries.filter { !used.contains($0.key) }.map { PreservedField(key: $0.key, rawValue: $0.value.raw) }
    }

    func position(of key: String) -> (line: Int, column: Int) {
        if let e = table.entries.first(where: { $0.key == key }) { return (e.value.line, e.value.column) }
        return (table.line, 1)
    }
}

