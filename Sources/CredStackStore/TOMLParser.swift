import CredStackCore

/// Reads the TOML subset described in `TOMLDocument`. Errors carry the byte offset where reading stopped.
struct TOMLParser {
    private let b: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// Headers already seen, to reject a `[table]` defined twice.
    private var seenTables: Set<[String]> = []

    static let maxNesting = 32

    init(bytes: [UInt8]) { b = bytes }

    static func parse(_ bytes: [UInt8]) throws(TOMLSyntaxError) -> TOMLDocument {
        var p = TOMLParser(bytes: bytes)
        return try p.document()
    }

    /// Parses, reporting a syntax error at its line and column like every other problem in a file.
    static func document(_ bytes: [UInt8]) throws(FieldError) -> TOMLDocument {
        do { return try parse(bytes) } catch {
            let (line, column) = TextPosition(bytes: bytes).lineAndColumn(ofByte: error.offset)
            throw FieldError(line: line, column: column, message: error.message)
        }
    }

    private mutating func document() throws(TOMLSyntaxError) -> TOMLDocument {
        if let bad = TextPosition.firstInvalidUTF8(b) {
            throw TOMLSyntaxError(offset: bad, message: "the file is not valid UTF-8 text here")
        }
        if let nul = b.firstIndex(of: 0) {
            throw TOMLSyntaxError(offset: nul, message: "a NUL byte is not allowed in a text file")
        }
        var doc = TOMLDocument()
        var current = doc.root
        var currentStart = 0
        var keysInCurrent: Set<String> = []
        func close(_ table: TOMLTable, from start: Int, to end: Int, into doc: inout TOMLDocument) {
            var t = table
            t.rawBlock = String(decoding: b[start..<end], as: UTF8.self)
            if t.path.isEmpty { doc.root = t } else { doc.tables.append(t) }
        }
        while true {
            skipBlankAndComments()
            if i >= b.count { break }
            if b[i] == UInt8(ascii: "[") {
                let headerStart = lineStart
                close(current, from: currentStart, to: headerStart, into: &doc)
                current = try header()
                currentStart = headerStart
                keysInCurrent = []
            } else {
                let entry = try keyValue()
                if keysInCurrent.contains(entry.key) {
                    throw TOMLSyntaxError(offset: offsetOf(line: entry.line, column: entry.column),
                                          message: "\"\(entry.key)\" is set twice in this table")
                }
                keysInCurrent.insert(entry.key)
                current.entries.append(entry)
            }
            try endOfLine()
        }
        close(current, from: currentStart, to: b.count, into: &doc)
        return doc
    }

    // MARK: lines

    private mutating func newline() {
        i += 1
        line += 1
        lineStart = i
    }

    private mutating func skipSpaces() {
        while i < b.count, b[i] == 32 || b[i] == 9 { i += 1 }
    }

    private mutating func skipComment() {
        if i < b.count, b[i] == UInt8(ascii: "#") {
            while i < b.count, b[i] != 10 { i += 1 }
        }
    }

    private mutating func skipBlankAndComments() {
        while i < b.count {
            skipSpaces()
            skipComment()
            if i < b.count, b[i] == 13, i + 1 < b.count, b[i + 1] == 10 { i += 1 }
            if i < b.count, b[i] == 10 { newline() } else { return }
        }
    }

    /// Whitespace, skipping newlines and comments too (inside arrays).
    private mutating func skipWhitespaceAndNewlines() {
        skipBlankAndComments()
    }

    private mutating func endOfLine() throws(TOMLSyntaxError) {
        skipSpaces()
        skipComment()
        if i < b.count, b[i] == 13 { i += 1 }
        if i >= b.count { return }
        guard b[i] == 10 else { throw fail("expected the end of the line") }
        newline()
    }

    private func fail(_ message: String, at offset: Int? = nil) -> TOMLSyntaxError {
        TOMLSyntaxError(offset: offset ?? i, message: message)
    }

    private func offsetOf(line target: Int, column: Int) -> Int {
        var l = 1, o = 0
        while l < target, o < b.count { if b[o] == 10 { l += 1 }; o += 1 }
        // Column is in characters; walk characters forward.
        var col = 1
        while col < column, o < b.count {
            o += 1
            while o < b.count, b[o] & 0xC0 == 0x80 { o += 1 }
            col += 1
        }
        return o
    }

    private var column: Int {
        String(decoding: b[lineStart..<min(i, b.count)], as: UTF8.self).count + 1
    }

    // MARK: headers and keys

    private mutating func header() throws(TOMLSyntaxError) -> TOMLTable {
        let startLine = line
        i += 1
        let isArray = i < b.count && b[i] == UInt8(ascii: "[")
        if isArray { i += 1 }
        var path: [String] = []
        while true {
            skipSpaces()
            path.append(try key())
            skipSpaces()
            if i < b.count, b[i] == UInt8(ascii: ".") { i += 1; continue }
            break
        }
        guard i < b.count, b[i] == UInt8(ascii: "]") else { throw fail(isArray ? "expected ]] to close the table name" : "expected ] to close the table name") }
        i += 1
        if isArray {
            guard i < b.count, b[i] == UInt8(ascii: "]") else { throw fail("expected ]] to close the table name") }
            i += 1
            // A new array element starts a fresh scope for its sub-tables.
            seenTables = seenTables.filter { !$0.starts(with: path) }
        } else {
            if seenTables.contains(path) { throw fail("the table [\(path.joined(separator: "."))] is defined twice", at: lineStart) }
            seenTables.insert(path)
        }
        return TOMLTable(path: path, isArrayElement: isArray, line: startLine, rawBlock: "")
    }

    private mutating func key() throws(TOMLSyntaxError) -> String {
        guard i < b.count else { throw fail("expected a key") }
        if b[i] == UInt8(ascii: "\"") { return try basicString() }
        if b[i] == UInt8(ascii: "'") { return try literalString() }
        let start = i
        while i < b.count, isBareKeyByte(b[i]) { i += 1 }
        guard i > start else { throw fail("expected a key (letters, digits, _ or -) or a quoted key") }
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    private func isBareKeyByte(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 95 || c == 45
    }

    private mutating func keyValue() throws(TOMLSyntaxError) -> TOMLEntry {
        let keyLine = line, keyColumn = column
        let k = try key()
        skipSpaces()
        if i < b.count, b[i] == UInt8(ascii: ".") {
            throw fail("dotted keys are not supported here; use a [table] header instead")
        }
        guard i < b.count, b[i] == UInt8(ascii: "=") else { throw fail("expected = after the key \"\(k)\"") }
        i += 1
        skipSpaces()
        let v = try value(depth: 0)
        return TOMLEntry(key: k, line: keyLine, column: keyColumn, value: v)
    }

    // MARK: values

    private mutating func value(depth: Int) throws(TOMLSyntaxError) -> TOMLValue {
        guard depth < TOMLParser.maxNesting else { throw fail("lists are nested too deeply") }
        let start = i, vLine = line, vColumn = column
        guard i < b.count, b[i] != 10, b[i] != 13 else { throw fail("expected a value after =") }
        let kind: TOMLValue.Kind
        switch b[i] {
        case UInt8(ascii: "\""):
            if i + 2 < b.count, b[i + 1] == 34, b[i + 2] == 34 { throw fail("multi-line strings are not supported; use \\n in a \"...\" string") }
            kind = .string(try basicString())
        case UInt8(ascii: "'"):
            kind = .string(try literalString())
        case UInt8(ascii: "["):
            kind = .array(try array(depth: depth))
        case UInt8(ascii: "{"):
            kind = .table(try inlineTable(depth: depth))
        default:
            kind = try scalar()
        }
        return TOMLValue(kind: kind, line: vLine, column: vColumn, raw: String(decoding: b[start..<i], as: UTF8.self))
    }

    private mutating func scalar() throws(TOMLSyntaxError) -> TOMLValue.Kind {
        let start = i
        while i < b.count, !isValueEnd(b[i]) { i += 1 }
        // An offset date-time may have a space between date and time; keep reading if so.
        if i - start == 10, i + 1 < b.count, b[i] == 32, b[i + 1] >= 48, b[i + 1] <= 57 {
            i += 1
            while i < b.count, !isValueEnd(b[i]) { i += 1 }
        }
        let token = Array(b[start..<i])
        let text = String(decoding: token, as: UTF8.self)
        guard !token.isEmpty else { throw fail("expected a value", at: start) }
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "inf", "+inf", "-inf", "nan", "+nan", "-nan": throw fail("expected a finite number, found \(text)", at: start)
        default: break
        }
        if token.count >= 10, token[4] == 45, token.count > 7, token[7] == 45 {
            if token.count == 10 {
                guard let d = LocalDate.parse(text) else { throw fail("expected a real date like 2026-03-14, found \(text)", at: start) }
                return .date(d)
            }
            switch Timestamp.parse(token) {
            case .success(let t): return .dateTime(t)
            case .failure(let p): throw fail("expected \(p.expected), found \(text)", at: start + p.offset)
            }
        }
        let digits = String(text.filter { $0 != "_" })
        if let n = Int64(digits), !text.hasPrefix("_"), !text.hasSuffix("_") { return .integer(n) }
        if let d = Double(digits), d.isFinite, digits.first != ".", digits.last != ".",
           digits.allSatisfy({ "0123456789+-.eE".contains($0) }) {
            return .float(d)
        }
        let first = text.unicodeScalars.first!
        if first.properties.isAlphabetic {
            throw fail("expected a value, found \(text) (text needs quotes: \"\(text)\")", at: start)
        }
        throw fail("expected a value, found \(text)", at: start)
    }

    private func isValueEnd(_ c: UInt8) -> Bool {
        c == 32 || c == 9 || c == 10 || c == 13 || c == UInt8(ascii: ",") || c == UInt8(ascii: "]")
            || c == UInt8(ascii: "}") || c == UInt8(ascii: "#")
    }

    private mutating func array(depth: Int) throws(TOMLSyntaxError) -> [TOMLValue] {
        let open = i
        i += 1
        var items: [TOMLValue] = []
        while true {
            skipWhitespaceAndNewlines()
            guard i < b.count else { throw fail("this list is never closed with ]", at: open) }
            if b[i] == UInt8(ascii: "]") { i += 1; return items }
            items.append(try value(depth: depth + 1))
            skipWhitespaceAndNewlines()
            guard i < b.count else { throw fail("this list is never closed with ]", at: open) }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; return items }
            throw fail("expected , or ] in the list")
        }
    }

    private mutating func inlineTable(depth: Int) throws(TOMLSyntaxError) -> [TOMLEntry] {
        i += 1
        var entries: [TOMLEntry] = []
        skipSpaces()
        if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return entries }
        while true {
            skipSpaces()
            let kLine = line, kColumn = column
            let k = try key()
            skipSpaces()
            guard i < b.count, b[i] == UInt8(ascii: "=") else { throw fail("expected = after the key \"\(k)\"") }
            i += 1
            skipSpaces()
            entries.append(TOMLEntry(key: k, line: kLine, column: kColumn, value: try value(depth: depth + 1)))
            skipSpaces()
            guard i < b.count else { throw fail("expected } to close the inline table") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; return entries }
            throw fail("expected , or } in the inline table")
        }
    }

    private mutating func literalString() throws(TOMLSyntaxError) -> String {
        let open = i
        i += 1
        let start = i
        while i < b.count, b[i] != UInt8(ascii: "'") {
            if b[i] == 10 { throw fail("this string is not closed on its line with '", at: open) }
            i += 1
        }
        guard i < b.count else { throw fail("this string is not closed with '", at: open) }
        let s = String(decoding: b[start..<i], as: UTF8.self)
        i += 1
        return s
    }

    private mutating func basicString() throws(TOMLSyntaxError) -> String {
        let open = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < b.count, b[i] != 10 else { throw fail("this string is not closed on its line with \"", at: open) }
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < b.count else { throw fail("expected an escape after \\") }
                let e = b[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "e"): out.append(27)
                case UInt8(ascii: "\""): out.append(34)
                case UInt8(ascii: "\\"): out.append(92)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let n = e == UInt8(ascii: "u") ? 4 : 8
                    guard i + n <= b.count, let v = UInt32(String(decoding: b[i..<(i + n)], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(v) else {
                        throw fail("expected \(n) hex digits naming a Unicode character after \\\(e == 117 ? "u" : "U") (write \\\\ for a backslash)")
                    }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    i += n
                default:
                    throw fail("unknown escape \\\(String(UnicodeScalar(e))) (use \\\\ for a backslash)", at: i - 2)
                }
                continue
            }
            if c < 0x20 && c != 9 || c == 0x7F {
                throw fail("a control character must be written as an escape like \\u001B inside a string")
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
