import CredStackCore

/// Prints values in the same TOML subset `TOMLParser` reads, one `key = value` per line.
struct TOMLWriter {
    private(set) var text = ""

    static func key(_ k: String) -> String {
        let bare = !k.isEmpty && k.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 || $0 == 45 }
        return bare ? k : string(k)
    }

    static func string(_ s: String) -> String {
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

    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    /// TOML needs the seconds in a date-time, so unlike the study log this always prints them.
    static func dateTime(_ t: Timestamp) -> String {
        let (date, sod) = t.local
        var s = date.description + "T" + Digits.pad(sod / 3600, 2) + ":" + Digits.pad(sod / 60 % 60, 2) + ":" + Digits.pad(sod % 60, 2)
        if t.utcOffsetSeconds == 0 { return s + "Z" }
        let a = abs(Int(t.utcOffsetSeconds))
        s += (t.utcOffsetSeconds < 0 ? "-" : "+") + Digits.pad(a / 3600, 2) + ":" + Digits.pad(a / 60 % 60, 2)
        return s
    }

    mutating func comment(_ c: String) { text += "# \(c)\n" }
    mutating func blank() { text += "\n" }
    mutating func header(_ h: String) { text += "\(h)\n" }
    mutating func raw(_ key: String, _ rawValue: String) { text += "\(TOMLWriter.key(key)) = \(rawValue)\n" }

    mutating func put(_ key: String, _ value: String) { raw(key, TOMLWriter.string(value)) }
    mutating func put(_ key: String, _ value: String?) { if let value { put(key, value) } }
    /// Empty strings are left out: an absent key reads back as "".
    mutating func putNonEmpty(_ key: String, _ value: String) { if !value.isEmpty { put(key, value) } }
    mutating func put(_ key: String, _ value: Int) { raw(key, String(value)) }
    mutating func put(_ key: String, _ value: Int?) { if let value { put(key, value) } }
    mutating func put(_ key: String, _ value: Double?) { if let value { raw(key, TOMLWriter.number(value)) } }
    mutating func put(_ key: String, _ value: Bool) { raw(key, value ? "true" : "false") }
    mutating func put(_ key: String, _ value: LocalDate?) { if let value { raw(key, value.description) } }
    mutating func put(_ key: String, _ value: Timestamp) { raw(key, TOMLWriter.dateTime(value)) }
    mutating func put(_ key: String, _ values: [String]) {
        if !values.isEmpty { raw(key, "[" + values.map(TOMLWriter.string).joined(separator: ", ") + "]") }
    }
    mutating func put(_ preserved: [PreservedField]) {
        for field in preserved where !field.key.hasPrefix("[") { raw(field.key, field.rawValue) }
    }
}

extension TOMLWriter {
    /// A preserved table block, trimmed of the blank lines around it.
    mutating func rawBlock(_ block: String) {
        var lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.trimmed.isEmpty { lines.removeLast() }
        while let first = lines.first, first.trimmed.isEmpty { lines.removeFirst() }
        text += lines.joined(separator: "\n") + "\n"
    }
}
