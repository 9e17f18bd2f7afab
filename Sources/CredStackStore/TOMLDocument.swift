import CredStackCore

/// The subset of TOML 1.0 the store writes and reads: `key = value` lines, `[table]` and `[[array]]`
/// headers, comments, basic and literal strings, integers, floats, booleans, local dates, offset
/// date-times, arrays (over several lines too) and inline tables. Every value keeps its line and column
/// so a wrong value can be reported where it stands, and its raw text so unknown keys survive a save.
struct TOMLDocument {
    var root = TOMLTable(path: [], isArrayElement: false, line: 1, rawBlock: "")
    var tables: [TOMLTable] = []
}

struct TOMLTable {
    var path: [String]
    var isArrayElement: Bool
    var line: Int
    /// The header and everything up to the next header, verbatim (for preserving unknown tables).
    var rawBlock: String
    var entries: [TOMLEntry] = []

    var header: String {
        let name = path.map(TOMLWriter.key).joined(separator: ".")
        return isArrayElement ? "[[\(name)]]" : "[\(name)]"
    }
}

struct TOMLEntry {
    var key: String
    var line: Int
    var column: Int
    var value: TOMLValue
}

struct TOMLValue {
    enum Kind {
        case string(String)
        case integer(Int64)
        case float(Double)
        case bool(Bool)
        case date(LocalDate)
        case dateTime(Timestamp)
        case array([TOMLValue])
        case table([TOMLEntry])
    }
    var kind: Kind
    var line: Int
    var column: Int
    var raw: String

    var typeName: String {
        switch kind {
        case .string: return "a string"
        case .integer: return "a whole number"
        case .float: return "a number"
        case .bool: return "true or false"
        case .date: return "a date"
        case .dateTime: return "a date and time"
        case .array: return "a list"
        case .table: return "a table"
        }
    }
}

/// A syntax or value error at a byte offset; the caller turns it into `file:line:col`.
struct TOMLSyntaxError: Error {
    var offset: Int
    var message: String
}
