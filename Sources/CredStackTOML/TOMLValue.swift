/// A decoded TOML value and the bytes it came from. `span` is the value's text in the source (for a table
/// made by a header, the header line; for an inline table, its braces; for a table only implied by a
/// longer name, an empty range where it was first named).
public struct TOMLValue: Sendable {
    public indirect enum Kind: Sendable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        case dateTime(TOMLDateTime)
        case array([TOMLValue])
        /// `[[name]]` sections: an array whose elements are tables, each defined by its own header.
        case tableArray([TOMLValue])
        case table(TOMLTable)
    }

    public var kind: Kind
    public var span: Range<Int>

    public init(kind: Kind, span: Range<Int>) {
        self.kind = kind
        self.span = span
    }

    public var table: TOMLTable? { if case .table(let t) = kind { return t }; return nil }

    /// How a message names the type: "a string", "a whole number"...
    public var typeName: String {
        switch kind {
        case .string: return "text in quotes"
        case .integer: return "a whole number"
        case .float: return "a number"
        case .boolean: return "true or false"
        case .dateTime(let d): return d.kindName
        case .array, .tableArray: return "a list"
        case .table: return "a table"
        }
    }
}

/// A table: its keys in the order they were defined, each with its value and where the key was written.
public struct TOMLTable: Sendable {
    public enum Origin: Sendable, Equatable {
        /// The document itself.
        case root
        /// `[name]`
        case header
        /// Named only as part of a longer header (`[a.b]` implies `a`).
        case implicit
        /// Made by a dotted key (`a.b = 1` makes `a`).
        case dotted
        /// `{ ... }`
        case inline
        /// One `[[name]]` element.
        case arrayElement
    }

    public struct Entry: Sendable {
        public var key: String
        /// Where the key was written (the last part of a dotted key); empty for implied tables.
        public var keySpan: Range<Int>
        public var value: TOMLValue
    }

    public var origin: Origin
    /// Identifies the table within its document (the editor addresses tables by it).
    public var id: Int
    public private(set) var entries: [Entry]
    private var index: [String: Int]

    init(origin: Origin, id: Int, entries: [Entry]) {
        self.origin = origin
        self.id = id
        self.entries = entries
        var index: [String: Int] = [:]
        for (i, e) in entries.enumerated() { index[e.key] = i }
        self.index = index
    }

    public var keys: [String] { entries.map(\.key) }
    public subscript(key: String) -> TOMLValue? { index[key].map { entries[$0].value } }
    public func entry(_ key: String) -> Entry? { index[key].map { entries[$0] } }
}

/// Any of TOML's four date-time forms: offset date-time, local date-time, local date, local time.
public struct TOMLDateTime: Hashable, Sendable, CustomStringConvertible {
    public var year = 0, month = 0, day = 0
    public var hour = 0, minute = 0, second = 0
    public var nanosecond = 0
    public var hasDate: Bool
    public var hasTime: Bool
    /// Seconds east of UTC; nil for the local forms.
    public var offsetSeconds: Int?

    public init(year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
        hasDate = true; hasTime = false
    }

    public init(hasDate: Bool, hasTime: Bool) {
        self.hasDate = hasDate
        self.hasTime = hasTime
    }

    public var kindName: String {
        switch (hasDate, hasTime, offsetSeconds != nil) {
        case (true, true, true): return "a date and time"
        case (true, true, false): return "a local date and time"
        case (true, false, _): return "a date"
        default: return "a time of day"
        }
    }

    /// RFC 3339 form: `1979-05-27T07:32:00.5-07:00`, `1979-05-27`, `07:32:00`; fraction only when present.
    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        var out = ""
        if hasDate { out += pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }
        if hasDate && hasTime { out += "T" }
        if hasTime {
            out += pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
            if nanosecond > 0 {
                var frac = pad(nanosecond, 9)
                while frac.hasSuffix("0") { frac.removeLast() }
                out += "." + frac
            }
        }
        if let offset = offsetSeconds {
            if offset == 0 { out += "Z" } else {
                let a = abs(offset)
                out += (offset < 0 ? "-" : "+") + pad(a / 3600, 2) + ":" + pad(a / 60 % 60, 2)
            }
        }
        return out
    }
}

/// A document that is not valid TOML: the byte offset where reading stopped and what is wrong there.
public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(line):\(column): \(message)" }
}
