import CredStackCore
import CredStackTOML

/// A value that is the wrong type or out of range, at its place in the file.
struct FieldError: Error {
    var line: Int
    var column: Int
    var message: String
}

/// Typed access to one table of a document, every problem reported where the value stands.
struct FieldReader {
    let table: TOMLTable
    let doc: TOMLDocument
    /// How messages name the table: "the file", "[credential]".
    let name: String
    /// Where a missing key is reported (the table's header, or the top of the file).
    let anchor: Int

    init(_ table: TOMLTable, in doc: TOMLDocument, name: String, anchor: Int = 0) {
        self.table = table
        self.doc = doc
        self.name = name
        self.anchor = anchor
    }

    func error(at offset: Int, _ message: String) -> FieldError {
        let (line, column) = doc.location(ofByte: offset)
        return FieldError(line: line, column: column, message: message)
    }

    private func entry(_ key: String, required: Bool) throws(FieldError) -> TOMLTable.Entry? {
        if let e = table.entry(key) { return e }
        if required { throw error(at: anchor, "\(name) has no \(key); expected a line like \(key) = ...") }
        return nil
    }

    private func raw(_ e: TOMLTable.Entry) -> String {
        let text = String(decoding: doc.bytes[e.value.span], as: UTF8.self)
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }

    private func wrong(_ e: TOMLTable.Entry, _ expected: String) -> FieldError {
        error(at: e.value.span.lowerBound, "\(e.key): expected \(expected), found \(raw(e))")
    }

    func position(of key: String) -> Int { table.entry(key)?.value.span.lowerBound ?? anchor }

    func string(_ key: String, required: Bool = false) throws(FieldError) -> String? {
        guard let e = try entry(key, required: required) else { return nil }
        guard case .string(let s) = e.value.kind else { throw wrong(e, "text in quotes") }
        if required && s.trimmed.isEmpty { throw wrong(e, "some text") }
        return s
    }

    func int(_ key: String, in range: ClosedRange<Int>, required: Bool = false) throws(FieldError) -> Int? {
        guard let e = try entry(key, required: required) else { return nil }
        guard case .integer(let n) = e.value.kind else { throw wrong(e, "a whole number") }
        guard n >= Int64(range.lowerBound), n <= Int64(range.upperBound) else {
            throw wrong(e, "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(n)
    }

    func number(_ key: String, in range: ClosedRange<Double>, required: Bool = false) throws(FieldError) -> Double? {
        guard let e = try entry(key, required: required) else { return nil }
        let value: Double
        switch e.value.kind {
        case .integer(let n): value = Double(n)
        case .float(let d): value = d
        default: throw wrong(e, "a number")
        }
        guard value.isFinite, range.contains(value) else {
            throw wrong(e, "a number from \(FieldText.exact(range.lowerBound)) to \(FieldText.exact(range.upperBound))")
        }
        return value
    }

    func bool(_ key: String) throws(FieldError) -> Bool? {
        guard let e = try entry(key, required: false) else { return nil }
        guard case .boolean(let v) = e.value.kind else { throw wrong(e, "true or false") }
        return v
    }

    /// A local date (`2026-03-14`), or the same in quotes.
    func date(_ key: String, required: Bool = false) throws(FieldError) -> LocalDate? {
        guard let e = try entry(key, required: required) else { return nil }
        switch e.value.kind {
        case .dateTime(let d) where d.hasDate && !d.hasTime:
            guard let day = LocalDate(year: d.year, month: d.month, day: d.day) else { throw wrong(e, "a date like 2026-03-14") }
            return day
        case .string(let s):
            if let d = LocalDate.parse(s) { return d }
            throw wrong(e, "a date like 2026-03-14")
        default: throw wrong(e, "a date like 2026-03-14")
        }
    }

    /// An offset date-time (`2026-11-30T09:15:00+05:30`).
    func timestamp(_ key: String, required: Bool = false) throws(FieldError) -> Timestamp? {
        guard let e = try entry(key, required: required) else { return nil }
        guard case .dateTime(let d) = e.value.kind, d.hasDate, d.hasTime, let offset = d.offsetSeconds,
              let day = LocalDate(year: d.year, month: d.month, day: d.day) else {
            throw wrong(e, "a date and time with its UTC offset, like 2026-11-30T09:15:00+05:30")
        }
        let local = Int64(day.daysSinceEpoch) * 86_400 + Int64(d.hour * 3600 + d.minute * 60 + min(d.second, 59))
        return Timestamp(epochSeconds: local - Int64(offset), utcOffsetSeconds: Int32(offset))
    }

    func strings(_ key: String) throws(FieldError) -> [String] {
        guard let e = try entry(key, required: false) else { return [] }
        guard case .array(let items) = e.value.kind else { throw wrong(e, "a list of text like [\"sql\", \"python\"]") }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item.kind else {
                let text = String(decoding: doc.bytes[item.span], as: UTF8.self)
                throw error(at: item.span.lowerBound, "\(key): expected text in quotes, found \(text)")
            }
            out.append(s)
        }
        return out
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type, default fallback: E) throws(FieldError) -> E
    where E.RawValue == String {
        guard let e = try entry(key, required: false) else { return fallback }
        let options = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        guard case .string(let s) = e.value.kind, let v = E(rawValue: s.lowercased()) else { throw wrong(e, "one of \(options)") }
        return v
    }

    /// A sub-table (`[credential]` or `credential = { ... }`), or nil when absent.
    func table(_ key: String) throws(FieldError) -> TOMLTable? {
        guard let e = table.entry(key) else { return nil }
        guard case .table(let t) = e.value.kind else { throw wrong(e, "a table like [\(key)]") }
        return t
    }
}

extension TOMLDocument {
    /// Parses, reporting a syntax error as a field error (line, column, message).
    static func reading(_ bytes: [UInt8]) throws(FieldError) -> TOMLDocument {
        do { return try TOMLDocument(bytes: bytes) } catch { throw FieldError(line: error.line, column: error.column, message: error.message) }
    }
}
