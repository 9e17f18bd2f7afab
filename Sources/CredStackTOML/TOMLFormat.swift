/// How values are written: keys bare when they can be, strings quoted and escaped, numbers and dates in
/// their plain forms. Used for every value the editor adds or changes.
public enum TOMLFormat {
    @inline(__always)
    static func isBareKeyByte(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 95 || c == 45
    }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    static func isHexDigit(_ c: UInt8) -> Bool { digitValue(c).map { $0 < 16 } ?? false }

    static func digitValue(_ c: UInt8) -> Int? {
        switch c {
        case 48...57: return Int(c - 48)
        case 97...102: return Int(c - 87)
        case 65...70: return Int(c - 55)
        default: return nil
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A key, bare when it can be, else in double quotes.
    public static func key(_ k: String) -> String {
        !k.isEmpty && k.utf8.allSatisfy(isBareKeyByte) ? k : basicString(k)
    }

    public static func keyPath(_ path: [String]) -> String { path.map(key).joined(separator: ".") }

    /// `"..."` with `"`, `\` and control characters escaped.
    public static func basicString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A string in the style of `previous` (the text it replaces): literal `'...'` stays literal and a
    /// multi-line string stays multi-line where the new text allows it; otherwise `"..."`.
    public static func string(_ s: String, like previous: String? = nil) -> String {
        let controls = s.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t" && $0 != "\n") || $0.value == 0x7F }
        if let p = previous {
            if p.hasPrefix("'''"), !controls, !s.contains("'''"), !s.hasSuffix("'"), !s.hasPrefix("\n") { return "'''" + s + "'''" }
            if p.hasPrefix("'"), !p.hasPrefix("'''"), !controls, !s.contains("'"), !s.contains("\n") { return "'" + s + "'" }
            if p.hasPrefix("\"\"\""), s.contains("\n") {
                var body = ""
                for scalar in s.unicodeScalars {
                    switch scalar {
                    case "\n": body += "\n"
                    default: body += String(basicString(String(scalar)).dropFirst().dropLast())
                    }
                }
                return "\"\"\"\n" + body + "\"\"\""
            }
        }
        return basicString(s)
    }

    /// Whole numbers without a fraction (`2`), others in the shortest form that reads back exactly (`2.25`).
    public static func number(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    public static func float(_ d: Double) -> String {
        let n = number(d)
        return n.contains(".") || n.contains("e") || n.contains("n") ? n : n + ".0"
    }

    public static func literal(_ value: TOMLLiteral, like previous: String? = nil) -> String {
        switch value {
        case .string(let s): return string(s, like: previous)
        case .integer(let n): return String(n)
        case .number(let d): return number(d)
        case .float(let d): return float(d)
        case .boolean(let v): return v ? "true" : "false"
        case .dateTime(let d): return d.description
        case .raw(let text): return text
        case .array(let items): return "[" + items.map { literal($0) }.joined(separator: ", ") + "]"
        case .inlineTable(let fields):
            return fields.isEmpty ? "{}" : "{ " + fields.map { key($0.key) + " = " + literal($0.value) }.joined(separator: ", ") + " }"
        }
    }
}

/// A value to write into a document.
public indirect enum TOMLLiteral: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    /// An integer when whole (`2`), else a float (`2.25`): for fields that accept either.
    case number(Double)
    case float(Double)
    case boolean(Bool)
    case dateTime(TOMLDateTime)
    case array([TOMLLiteral])
    case inlineTable([TOMLField])
    /// Text that is already a valid TOML value.
    case raw(String)
}

public struct TOMLField: Equatable, Sendable {
    public var key: String
    public var value: TOMLLiteral
    public init(_ key: String, _ value: TOMLLiteral) {
        self.key = key
        self.value = value
    }
}

extension TOMLLiteral {
    /// The literal that writes `value` again (tables inline, lists as lists): to carry a value, unknown to
    /// the program, from one document into another.
    public init(_ value: TOMLValue) {
        switch value.kind {
        case .string(let s): self = .string(s)
        case .integer(let n): self = .integer(n)
        case .float(let d): self = .float(d)
        case .boolean(let b): self = .boolean(b)
        case .dateTime(let d): self = .dateTime(d)
        case .array(let items), .tableArray(let items): self = .array(items.map(TOMLLiteral.init))
        case .table(let t): self = .inlineTable(t.entries.map { TOMLField($0.key, TOMLLiteral($0.value)) })
        }
    }
}
