/// A TOML 1.0 reader over bytes. It builds the value tree (every value with its span) and, beside it, the
/// document's line structure (sections and key/value lines) that the editor needs to change a value without
/// touching anything else.
struct TOMLParser {
    typealias Child = TableBuilder.Child
    private let b: [UInt8]
    private var i = 0
    private var nextTableID = 0
    private(set) var syntax = TOMLSyntax()
    private var root: TableBuilder!
    private var section = 0
    private var allTables: [TableBuilder] = []

    static let maxNesting = 64

    init(_ bytes: [UInt8]) { b = bytes }

    static func parse(_ bytes: [UInt8]) throws(TOMLError) -> (TOMLTable, TOMLSyntax) {
        var p = TOMLParser(bytes)
        do {
            return try p.document()
        } catch let e as ParseFailure {
            let (line, column) = LineIndex(bytes).location(ofByte: e.offset)
            throw TOMLError(offset: e.offset, line: line, column: column, message: e.message)
        } catch {
            fatalError("unreachable")
        }
    }

    struct ParseFailure: Error {
        var offset: Int
        var message: String
    }

    private func fail(_ message: String, at offset: Int? = nil) -> ParseFailure {
        ParseFailure(offset: offset ?? i, message: message)
    }

    // MARK: the document

    private mutating func document() throws -> (TOMLTable, TOMLSyntax) {
        if let bad = UTF8Check.firstInvalidByte(b) { throw fail("the file is not valid UTF-8 text here", at: bad) }
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        root = makeTable(.root, keySpan: 0..<0, parent: nil)
        syntax.sections = [TOMLSyntax.Section(table: root.id, path: [], isArray: false, headerLine: nil, keyValues: [])]
        var current = root!
        while i < b.count {
            let lineStart = lineStartOffset()
            skipSpaces()
            guard i < b.count else { break }
            switch b[i] {
            case UInt8(ascii: "#"):
                try comment()
            case 10, 13:
                break
            case UInt8(ascii: "["):
                current = try header(lineStart: lineStart)
            default:
                try keyValueLine(into: current, lineStart: lineStart)
            }
            try endOfLine()
        }
        for t in allTables {
            syntax.tables[t.id] = TOMLSyntax.Table(origin: t.origin, section: t.section, parent: t.parent, braces: t.origin == .inline ? t.headerSpan : nil,
                                                   inlineEntries: t.inlineEntries.map { ($0.path, $0.span) })
        }
        return (root.build(), syntax)
    }

    private func lineStartOffset() -> Int {
        var s = i
        while s > 0, b[s - 1] != 10 { s -= 1 }
        return s
    }

    private mutating func skipSpaces() {
        while i < b.count, b[i] == 32 || b[i] == 9 { i += 1 }
    }

    /// A comment: anything but control characters (tab excepted) up to the end of the line.
    private mutating func comment() throws {
        i += 1
        while i < b.count, b[i] != 10 {
            let c = b[i]
            if c == 13, i + 1 < b.count, b[i + 1] == 10 { return }
            if (c < 0x20 && c != 9) || c == 0x7F { throw fail("a control character (\(hex(c))) is not allowed in a comment") }
            i += 1
        }
    }

    /// Spaces, an optional comment, then a line break or the end of the file.
    private mutating func endOfLine() throws {
        skipSpaces()
        if i < b.count, b[i] == UInt8(ascii: "#") { try comment() }
        guard i < b.count else { return }
        if b[i] == 10 { i += 1; return }
        if b[i] == 13 {
            guard i + 1 < b.count, b[i + 1] == 10 else { throw fail("a carriage return must be followed by a line feed") }
            i += 2
            return
        }
        throw fail("expected the end of the line, found \(describe(at: i))")
    }

    /// Where the line that ends here stops: after its line break, or at the end of the file.
    private func lineEnd(from offset: Int) -> Int {
        var e = offset
        while e < b.count, b[e] != 10 { e += 1 }
        return min(e + 1, b.count)
    }

    // MARK: tables

    private mutating func makeTable(_ origin: TOMLTable.Origin, keySpan: Range<Int>, parent: TableBuilder?) -> TableBuilder {
        defer { nextTableID += 1 }
        let t = TableBuilder(origin: origin, id: nextTableID, keySpan: keySpan)
        t.section = section
        t.parent = parent?.id
        allTables.append(t)
        return t
    }

    private mutating func header(lineStart: Int) throws -> TableBuilder {
        let open = i
        i += 1
        let isArray = i < b.count && b[i] == UInt8(ascii: "[")
        if isArray { i += 1 }
        skipSpaces()
        let path = try keyPath()
        skipSpaces()
        guard i < b.count, b[i] == UInt8(ascii: "]") else {
            throw fail(isArray ? "expected ]] to close the table name, found \(describe(at: i))" : "expected ] to close the table name, found \(describe(at: i))")
        }
        i += 1
        if isArray {
            guard i < b.count, b[i] == UInt8(ascii: "]") else { throw fail("expected ]] to close the array-of-tables name [[...]]") }
            i += 1
        }
        let name = path.map(\.key).joined(separator: ".")
        section = syntax.sections.count
        var t = root!
        for part in path.dropLast() {
            switch t.children[part.key] {
            case nil:
                let implied = makeTable(.implicit, keySpan: part.span, parent: t)
                t.add(part.key, .table(implied))
                t = implied
            case .table(let sub)?:
                if sub.origin == .inline { throw fail("\(part.key) is an inline table { ... }, which cannot be extended", at: part.span.lowerBound) }
                t = sub
            case .tableArray(let elements)?:
                t = elements.last!
            case .value?:
                throw fail("\(part.key) is already a value, so [\(name)] cannot be a table inside it", at: part.span.lowerBound)
            }
        }
        let last = path.last!
        let table: TableBuilder
        if isArray {
            switch t.children[last.key] {
            case nil:
                table = makeTable(.arrayElement, keySpan: last.span, parent: t)
                t.add(last.key, .tableArray([table]))
            case .tableArray(let elements)?:
                table = makeTable(.arrayElement, keySpan: last.span, parent: t)
                t.children[last.key] = .tableArray(elements + [table])
            case .table?:
                throw fail("[[\(name)]] names an array of tables, but \(name) is already a table", at: last.span.lowerBound)
            case .value?:
                throw fail("[[\(name)]] names an array of tables, but \(name) is already a value", at: last.span.lowerBound)
            }
        } else {
            switch t.children[last.key] {
            case nil:
                table = makeTable(.header, keySpan: last.span, parent: t)
                t.add(last.key, .table(table))
            case .table(let existing)? where existing.origin == .implicit:
                existing.origin = .header
                existing.section = section
                table = existing
            case .table(let existing)?:
                let how = existing.origin == .dotted ? " by dotted keys" : existing.origin == .inline ? " as an inline table" : ""
                throw fail("the table [\(name)] is defined twice (already defined\(how))", at: open)
            case .tableArray?:
                throw fail("[\(name)] is already an array of tables ([[\(name)]])", at: open)
            case .value?:
                throw fail("\(name) is already a value, so it cannot be a table", at: last.span.lowerBound)
            }
        }
        table.headerSpan = open..<i
        syntax.sections.append(TOMLSyntax.Section(table: table.id, path: path.map(\.key), isArray: isArray,
                                                  headerLine: lineStart..<lineEnd(from: i), keyValues: []))
        return table
    }

    // MARK: keys

    private struct KeyPart {
        var key: String
        var span: Range<Int>
    }

    private mutating func keyPath() throws -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            let start = i
            // Each part is a table inside the last: as deep as values may nest, no deeper.
            if parts.count == TOMLParser.maxNesting { throw fail("this key has more than \(TOMLParser.maxNesting) dotted parts", at: start) }
            parts.append(KeyPart(key: try simpleKey(), span: start..<i))
            skipSpaces()
            guard i < b.count, b[i] == UInt8(ascii: ".") else { return parts }
            i += 1
            skipSpaces()
        }
    }

    private mutating func simpleKey() throws -> String {
        guard i < b.count else { throw fail("expected a key, found the end of the file") }
        switch b[i] {
        case UInt8(ascii: "\""):
            if i + 2 < b.count, b[i + 1] == 34, b[i + 2] == 34 { throw fail("a key cannot be a multi-line string") }
            return try basicString()
        case UInt8(ascii: "'"):
            if i + 2 < b.count, b[i + 1] == 39, b[i + 2] == 39 { throw fail("a key cannot be a multi-line string") }
            return try literalString()
        default:
            let start = i
            while i < b.count, TOMLFormat.isBareKeyByte(b[i]) { i += 1 }
            guard i > start else {
                if i >= b.count || b[i] == 10 || b[i] == 13 { throw fail("expected a key, found the end of the line") }
                throw fail("expected a key (letters, digits, _ or -, or a quoted key), found \(describe(at: i))")
            }
            return String(decoding: b[start..<i], as: UTF8.self)
        }
    }

    /// `key = value` on its own line, into the current section's table.
    private mutating func keyValueLine(into table: TableBuilder, lineStart: Int) throws {
        let keyStart = i
        let path = try keyPath()
        let keyEnd = path.last!.span.upperBound
        skipSpaces()
        guard i < b.count, b[i] == UInt8(ascii: "=") else {
            throw fail("expected = after the key \(path.map(\.key).joined(separator: ".")), found \(describe(at: i))")
        }
        i += 1
        skipSpaces()
        let valueStart = i
        var traversed: [Int] = []
        let target = try dottedParent(of: path, in: table, traversed: &traversed)
        let value = try self.value(depth: 0)
        try target.addValue(path.last!.key, value, keySpan: path.last!.span, failure: fail)
        let lineStop = lineEnd(from: i)
        syntax.keyValues.append(TOMLSyntax.KeyValue(section: section, path: path.map(\.key), line: lineStart..<lineStop,
                                                    key: keyStart..<keyEnd, value: valueStart..<i, target: target.id,
                                                    viaTables: traversed))
        syntax.sections[section].keyValues.append(syntax.keyValues.count - 1)
    }

    /// The table a dotted key's last part goes in, making the tables its earlier parts name.
    private mutating func dottedParent(of path: [KeyPart], in table: TableBuilder, traversed: inout [Int]) throws -> TableBuilder {
        var t = table
        for part in path.dropLast() {
            switch t.children[part.key] {
            case nil:
                let made = makeTable(.dotted, keySpan: part.span, parent: t)
                t.add(part.key, .table(made))
                t = made
            case .table(let sub)? where sub.origin == .dotted || sub.origin == .implicit:
                if sub.origin == .implicit { sub.origin = .dotted }
                t = sub
            case .table(let sub)?:
                let how = sub.origin == .inline ? "an inline table, which cannot be extended" : "defined by a [\(part.key)] header, so dotted keys cannot add to it"
                throw fail("\(part.key) is \(how)", at: part.span.lowerBound)
            case .tableArray?:
                throw fail("\(part.key) is an array of tables; dotted keys cannot add to it", at: part.span.lowerBound)
            case .value?:
                throw fail("\(part.key) is already a value, so it cannot hold \(path.map(\.key).joined(separator: "."))", at: part.span.lowerBound)
            }
            traversed.append(t.id)
        }
        return t
    }

    // MARK: values

    private mutating func value(depth: Int) throws -> Child {
        guard depth < TOMLParser.maxNesting else { throw fail("values are nested too deeply (over \(TOMLParser.maxNesting) levels)") }
        guard i < b.count, b[i] != 10, b[i] != 13 else { throw fail("expected a value after =, found the end of the line") }
        let start = i
        switch b[i] {
        case UInt8(ascii: "\""):
            let s = isTriple(34) ? try multilineBasicString() : try basicString()
            return .value(TOMLValue(kind: .string(s), span: start..<i))
        case UInt8(ascii: "'"):
            let s = isTriple(39) ? try multilineLiteralString() : try literalString()
            return .value(TOMLValue(kind: .string(s), span: start..<i))
        case UInt8(ascii: "["):
            return .value(try array(depth: depth))
        case UInt8(ascii: "{"):
            return .table(try inlineTable(depth: depth))
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if matches("true") { i += 4; try checkValueEnd(start); return .value(TOMLValue(kind: .boolean(true), span: start..<i)) }
            if matches("false") { i += 5; try checkValueEnd(start); return .value(TOMLValue(kind: .boolean(false), span: start..<i)) }
            throw unknownValue(start)
        default:
            if let dt = try dateTime() { try checkValueEnd(start); return .value(TOMLValue(kind: .dateTime(dt), span: start..<i)) }
            let kind = try number()
            try checkValueEnd(start)
            return .value(TOMLValue(kind: kind, span: start..<i))
        }
    }

    private func isTriple(_ q: UInt8) -> Bool { i + 2 < b.count && b[i] == q && b[i + 1] == q && b[i + 2] == q }

    private func matches(_ word: String) -> Bool {
        let w = Array(word.utf8)
        return i + w.count <= b.count && b[i..<(i + w.count)].elementsEqual(w)
    }

    /// After a scalar: whitespace, a comma, a closing bracket, a comment or the end of the line.
    private func checkValueEnd(_ start: Int) throws {
        guard i < b.count else { return }
        switch b[i] {
        case 32, 9, 10, 13, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"): return
        case let c where c < 0x20 || c == 0x7F || c >= 0x80: throw fail("expected the end of the value, found \(describe(at: i))")
        default: throw unknownValue(start)
        }
    }

    private func unknownValue(_ start: Int) -> ParseFailure {
        var end = start
        while end < b.count, !(b[end] == 32 || b[end] == 9 || b[end] == 10 || b[end] == 13 || b[end] == UInt8(ascii: ",")
                               || b[end] == UInt8(ascii: "]") || b[end] == UInt8(ascii: "}") || b[end] == UInt8(ascii: "#")) { end += 1 }
        let token = String(decoding: b[start..<min(end, start + 40)], as: UTF8.self)
        guard let first = token.unicodeScalars.first else {
            return fail("expected a value (text in quotes, a number, true/false, a date, [list] or { table }), found \(describe(at: start))", at: start)
        }
        if first.properties.isAlphabetic {
            return fail("expected a value, found \(token) (text needs quotes: \"\(token)\")", at: start)
        }
        if "0123456789+-.".unicodeScalars.contains(first) {
            return fail("\(token) is not a number, date or time TOML can read (numbers look like 42, -7, 3.14, 1e6, 0xFF)", at: start)
        }
        return fail("expected a value (text in quotes, a number, true/false, a date, [list] or { table }), found \(token)", at: start)
    }

    private mutating func array(depth: Int) throws -> TOMLValue {
        let open = i
        i += 1
        var items: [TOMLValue] = []
        while true {
            try skipArrayWhitespace(open)
            if b[i] == UInt8(ascii: "]") { i += 1; break }
            switch try value(depth: depth + 1) {
            case .value(let v): items.append(v)
            case .table(let t): items.append(TOMLValue(kind: .table(t.build()), span: t.headerSpan ?? t.keySpan))
            case .tableArray: break
            }
            try skipArrayWhitespace(open)
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; break }
            throw fail("expected , or ] in the list, found \(describe(at: i))")
        }
        return TOMLValue(kind: .array(items), span: open..<i)
    }

    /// Inside a list: spaces, line breaks and comments.
    private mutating func skipArrayWhitespace(_ open: Int) throws {
        while true {
            skipSpaces()
            guard i < b.count else { throw fail("this list is never closed with ]", at: open) }
            switch b[i] {
            case 10: i += 1
            case 13:
                guard i + 1 < b.count, b[i + 1] == 10 else { throw fail("a carriage return must be followed by a line feed") }
                i += 2
            case UInt8(ascii: "#"): try comment()
            default: return
            }
        }
    }

    private mutating func inlineTable(depth: Int) throws -> TableBuilder {
        let open = i
        i += 1
        let table = makeTable(.inline, keySpan: open..<open, parent: nil)
        skipSpaces()
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1
            table.headerSpan = open..<i
            return table
        }
        while true {
            skipSpaces()
            guard i < b.count, b[i] != 10, b[i] != 13 else { throw fail("an inline table { ... } must close on the same line") }
            if b[i] == UInt8(ascii: "}") { throw fail("a trailing comma is not allowed before } in an inline table") }
            let entryStart = i
            let path = try keyPath()
            skipSpaces()
            guard i < b.count, b[i] == UInt8(ascii: "=") else {
                throw fail("expected = after the key \(path.map(\.key).joined(separator: ".")) in the inline table, found \(describe(at: i))")
            }
            i += 1
            skipSpaces()
            var traversed: [Int] = []
            let target = try dottedParent(of: path, in: table, traversed: &traversed)
            let v = try value(depth: depth + path.count)
            try target.addValue(path.last!.key, v, keySpan: path.last!.span, failure: fail)
            table.inlineEntries.append(TableBuilder.InlineEntry(path: path.map(\.key), span: entryStart..<i))
            skipSpaces()
            guard i < b.count, b[i] != 10, b[i] != 13 else { throw fail("an inline table { ... } must close on the same line") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; break }
            throw fail("expected , or } in the inline table, found \(describe(at: i))")
        }
        table.headerSpan = open..<i
        table.freeze()
        return table
    }

    // MARK: strings

    private mutating func basicString() throws -> String {
        let open = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < b.count, b[i] != 10, b[i] != 13 else { throw fail("this string is not closed with \" on its line", at: open) }
            let c = b[i]
            if c == 34 { i += 1; break }
            if c == 92 { try escape(into: &out); continue }
            if (c < 0x20 && c != 9) || c == 0x7F { throw fail("a control character (\(hex(c))) must be written as an escape like \\u001B in a string") }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func multilineBasicString() throws -> String {
        let open = i
        i += 3
        skipFirstNewline()
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw fail("this multi-line string is never closed with \"\"\"", at: open) }
            let c = b[i]
            if c == 34, isTriple(34) {
                var quotes = 3
                while i + quotes < b.count, b[i + quotes] == 34 { quotes += 1 }
                if quotes > 5 { throw fail("too many quotes at the end of a multi-line string (at most two may come before \"\"\")", at: i + 5) }
                out.append(contentsOf: repeatElement(34, count: quotes - 3))
                i += quotes
                break
            }
            if c == 92 {
                // A backslash at the end of a line joins it to the next, dropping the whitespace between.
                var j = i + 1
                while j < b.count, b[j] == 32 || b[j] == 9 { j += 1 }
                if j < b.count, b[j] == 10 || (b[j] == 13 && j + 1 < b.count && b[j + 1] == 10) {
                    i = j
                    while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 10 || (b[i] == 13 && i + 1 < b.count && b[i + 1] == 10) { i += 1 }
                    continue
                }
                try escape(into: &out)
                continue
            }
            if c == 13 {
                guard i + 1 < b.count, b[i + 1] == 10 else { throw fail("a carriage return must be followed by a line feed") }
                out.append(10)
                i += 2
                continue
            }
            if (c < 0x20 && c != 9 && c != 10) || c == 0x7F { throw fail("a control character (\(hex(c))) must be written as an escape like \\u001B in a string") }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func skipFirstNewline() {
        if i < b.count, b[i] == 10 { i += 1 } else if i + 1 < b.count, b[i] == 13, b[i + 1] == 10 { i += 2 }
    }

    private mutating func escape(into out: inout [UInt8]) throws {
        let at = i
        guard i + 1 < b.count else { throw fail("expected an escape after \\") }
        let e = b[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "\""): out.append(34)
        case UInt8(ascii: "\\"): out.append(92)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = e == UInt8(ascii: "u") ? 4 : 8
            guard i + n <= b.count, b[i..<(i + n)].allSatisfy(TOMLFormat.isHexDigit),
                  let v = UInt32(String(decoding: b[i..<(i + n)], as: UTF8.self), radix: 16) else {
                throw fail("expected \(n) hex digits after \\\(e == 117 ? "u" : "U") (write \\\\ for a backslash)", at: at)
            }
            guard let scalar = Unicode.Scalar(v) else {
                throw fail("\\\(e == 117 ? "u" : "U")\(String(decoding: b[i..<(i + n)], as: UTF8.self)) is not a Unicode character (surrogates and values past 10FFFF are not)", at: at)
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            i += n
        default:
            let shown = e < 0x20 || e >= 0x7F ? hex(e) : "\\" + String(UnicodeScalar(e))
            throw fail("unknown escape \(shown) in a string (use \\\\ for a backslash)", at: at)
        }
    }

    private mutating func literalString() throws -> String {
        let open = i
        i += 1
        let start = i
        while i < b.count, b[i] != 39 {
            let c = b[i]
            if c == 10 || c == 13 { throw fail("this string is not closed with ' on its line", at: open) }
            if (c < 0x20 && c != 9) || c == 0x7F { throw fail("a control character (\(hex(c))) is not allowed in a literal string") }
            i += 1
        }
        guard i < b.count else { throw fail("this string is never closed with '", at: open) }
        let s = String(decoding: b[start..<i], as: UTF8.self)
        i += 1
        return s
    }

    private mutating func multilineLiteralString() throws -> String {
        let open = i
        i += 3
        skipFirstNewline()
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw fail("this multi-line string is never closed with '''", at: open) }
            let c = b[i]
            if c == 39, isTriple(39) {
                var quotes = 3
                while i + quotes < b.count, b[i + quotes] == 39 { quotes += 1 }
                if quotes > 5 { throw fail("too many quotes at the end of a multi-line string (at most two may come before ''')", at: i + 5) }
                out.append(contentsOf: repeatElement(39, count: quotes - 3))
                i += quotes
                break
            }
            if c == 13 {
                guard i + 1 < b.count, b[i + 1] == 10 else { throw fail("a carriage return must be followed by a line feed") }
                out.append(10)
                i += 2
                continue
            }
            if (c < 0x20 && c != 9 && c != 10) || c == 0x7F { throw fail("a control character (\(hex(c))) is not allowed in a literal string") }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: numbers

    private mutating func number() throws -> TOMLValue.Kind {
        let start = i
        var sign: UInt8? = nil
        if b[i] == 43 || b[i] == 45 { sign = b[i]; i += 1 }
        if matches("inf") || matches("nan") {
            let isNaN = b[i] == UInt8(ascii: "n")
            i += 3
            return .float(isNaN ? .nan : (sign == 45 ? -.infinity : .infinity))
        }
        guard i < b.count, TOMLFormat.isDigit(b[i]) else { throw unknownValue(start) }
        if b[i] == 48, i + 1 < b.count, b[i + 1] == UInt8(ascii: "x") || b[i + 1] == UInt8(ascii: "o") || b[i + 1] == UInt8(ascii: "b") {
            let radixLetter = b[i + 1]
            if sign != nil { throw fail("a \(radixName(radixLetter)) number cannot have a sign", at: start) }
            i += 2
            let radix = radixLetter == UInt8(ascii: "x") ? 16 : radixLetter == UInt8(ascii: "o") ? 8 : 2
            let digits = try digitRun(radix: radix, what: "\(radixName(radixLetter)) digits")
            guard let v = Int64(digits, radix: radix) else { throw fail("this number is too large for a 64-bit integer", at: start) }
            return .integer(v)
        }
        let intPart = try digitRun(radix: 10, what: "digits")
        if intPart.count > 1, intPart.first == "0" { throw fail("a number cannot start with a zero (write 7, not 07)", at: start) }
        var text = (sign == 45 ? "-" : "") + intPart
        var isFloat = false
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard i < b.count, TOMLFormat.isDigit(b[i]) else { throw fail("expected digits after the decimal point") }
            text += "." + (try digitRun(radix: 10, what: "digits"))
            isFloat = true
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            var exp = "e"
            if i < b.count, b[i] == 43 || b[i] == 45 { exp.append(Character(UnicodeScalar(b[i]))); i += 1 }
            guard i < b.count, TOMLFormat.isDigit(b[i]) else { throw fail("expected digits in the exponent") }
            text += exp + (try digitRun(radix: 10, what: "digits"))
            isFloat = true
        }
        if isFloat {
            guard let d = Double(text) else { throw fail("this is not a number TOML can read", at: start) }
            return .float(d)
        }
        guard let v = Int64(text) else { throw fail("this number is too large for a 64-bit integer (at most 9223372036854775807)", at: start) }
        return .integer(v)
    }

    private func radixName(_ letter: UInt8) -> String {
        letter == UInt8(ascii: "x") ? "hexadecimal" : letter == UInt8(ascii: "o") ? "octal" : "binary"
    }

    /// Digits of `radix` with single underscores between them.
    private mutating func digitRun(radix: Int, what: String) throws -> String {
        var out = ""
        var lastUnderscore = true
        let start = i
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "_") {
                if lastUnderscore { throw fail("an underscore in a number must sit between two digits") }
                lastUnderscore = true
                i += 1
                continue
            }
            guard TOMLFormat.digitValue(c).map({ $0 < radix }) ?? false else { break }
            out.append(Character(UnicodeScalar(c)))
            lastUnderscore = false
            i += 1
        }
        if out.isEmpty { throw fail("expected \(what)", at: start) }
        if lastUnderscore { throw fail("an underscore in a number must sit between two digits", at: i - 1) }
        return out
    }

    // MARK: dates and times

    /// A date, time or date-time starting here; nil when the text here is not one (a number, say).
    private mutating func dateTime() throws -> TOMLDateTime? {
        let start = i
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for k in at..<(at + n) {
                guard TOMLFormat.isDigit(b[k]) else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            return v
        }
        let looksLikeDate = digits(i, 4) != nil && i + 4 < b.count && b[i + 4] == 45
        let looksLikeTime = digits(i, 2) != nil && i + 2 < b.count && b[i + 2] == 58
        guard looksLikeDate || looksLikeTime else {
            // Catch dates with a short year or month before they read as numbers.
            var j = i
            while j < b.count, TOMLFormat.isDigit(b[j]) { j += 1 }
            if j > i, j < b.count, b[j] == 45 || b[j] == 58, j + 1 < b.count, TOMLFormat.isDigit(b[j + 1]) {
                throw fail(b[j] == 45 ? "a date needs a four-digit year, two-digit month and day, like 2026-03-14"
                                      : "a time needs two digits for hours, minutes and seconds, like 07:05:00")
            }
            return nil
        }
        var dt: TOMLDateTime
        if looksLikeDate {
            guard let y = digits(i, 4), let mo = digits(i + 5, 2), i + 7 < b.count, b[i + 7] == 45, let d = digits(i + 8, 2) else {
                throw fail("a date needs a four-digit year, two-digit month and day, like 2026-03-14")
            }
            if i + 10 < b.count, TOMLFormat.isDigit(b[i + 10]) { throw fail("a date needs a four-digit year, two-digit month and day, like 2026-03-14") }
            guard (1...12).contains(mo) else { throw fail("month \(mo) does not exist (1 to 12)", at: i + 5) }
            guard d >= 1, d <= TOMLFormat.daysIn(month: mo, year: y) else {
                throw fail("day \(d) does not exist in \(y)-\(mo < 10 ? "0" : "")\(mo)", at: i + 8)
            }
            dt = TOMLDateTime(year: y, month: mo, day: d)
            i += 10
            // T, t, or a single space followed by a time.
            if i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t")
                || (b[i] == 32 && digits(i + 1, 2) != nil && i + 3 < b.count && b[i + 3] == 58) {
                i += 1
                guard digits(i, 2) != nil else { throw fail("expected a time like 07:32:00 after the date's T") }
                try time(into: &dt)
                try offset(into: &dt)
            }
        } else {
            dt = TOMLDateTime(hasDate: false, hasTime: true)
            try time(into: &dt)
        }
        _ = start
        return dt
    }

    private mutating func time(into dt: inout TOMLDateTime) throws {
        func two(_ at: Int) -> Int? {
            guard at + 2 <= b.count, TOMLFormat.isDigit(b[at]), TOMLFormat.isDigit(b[at + 1]) else { return nil }
            return Int(b[at] - 48) * 10 + Int(b[at + 1] - 48)
        }
        guard let h = two(i), i + 2 < b.count, b[i + 2] == 58, let m = two(i + 3) else {
            throw fail("a time needs two digits for hours, minutes and seconds, like 07:05:00")
        }
        guard i + 5 < b.count, b[i + 5] == 58, let s = two(i + 6) else {
            throw fail("a time needs seconds in TOML 1.0, like 07:05:00", at: i)
        }
        guard h < 24 else { throw fail("hour \(h) does not exist (00 to 23)", at: i) }
        guard m < 60 else { throw fail("minute \(m) does not exist (00 to 59)", at: i + 3) }
        guard s <= 60 else { throw fail("second \(s) does not exist (00 to 60)", at: i + 6) }
        if i + 8 < b.count, TOMLFormat.isDigit(b[i + 8]) { throw fail("a time needs two digits for hours, minutes and seconds, like 07:05:00") }
        dt.hour = h; dt.minute = m; dt.second = s
        dt.hasTime = true
        i += 8
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            while i < b.count, TOMLFormat.isDigit(b[i]) { i += 1 }
            guard i > fracStart else { throw fail("expected digits after the decimal point in the seconds") }
            var nanos = 0
            for k in 0..<9 { nanos = nanos * 10 + (fracStart + k < i ? Int(b[fracStart + k] - 48) : 0) }
            dt.nanosecond = nanos
        }
    }

    private mutating func offset(into dt: inout TOMLDateTime) throws {
        guard i < b.count else { return }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { dt.offsetSeconds = 0; i += 1; return }
        guard b[i] == 43 || b[i] == 45 else { return }
        let sign = b[i] == 45 ? -1 : 1
        func two(_ at: Int) -> Int? {
            guard at + 2 <= b.count, TOMLFormat.isDigit(b[at]), TOMLFormat.isDigit(b[at + 1]) else { return nil }
            return Int(b[at] - 48) * 10 + Int(b[at + 1] - 48)
        }
        guard let oh = two(i + 1), i + 3 < b.count, b[i + 3] == 58, let om = two(i + 4),
              !(i + 6 < b.count && TOMLFormat.isDigit(b[i + 6])) else {
            throw fail("expected a UTC offset like +05:30 or Z")
        }
        guard oh < 24, om < 60 else { throw fail("the UTC offset \(sign < 0 ? "-" : "+")\(oh):\(om) does not exist") }
        dt.offsetSeconds = sign * (oh * 3600 + om * 60)
        i += 6
    }

    // MARK: messages

    private func hex(_ c: UInt8) -> String {
        let h = String(c, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: 4 - h.count) + h
    }

    /// The character at `offset`, as a message shows it.
    private func describe(at offset: Int) -> String {
        guard offset < b.count else { return "the end of the file" }
        let c = b[offset]
        if c == 10 || c == 13 { return "the end of the line" }
        if c < 0x20 || c == 0x7F { return "the control character \(hex(c))" }
        var end = offset + 1
        while end < b.count, b[end] & 0xC0 == 0x80 { end += 1 }
        return "'" + String(decoding: b[offset..<end], as: UTF8.self) + "'"
    }
}

/// A table while the document is read: mutable, shared by reference so headers can reopen it.
final class TableBuilder {
    enum Child {
        case value(TOMLValue)
        case table(TableBuilder)
        case tableArray([TableBuilder])
    }

    struct InlineEntry {
        var path: [String]
        /// `key = value` inside the braces.
        var span: Range<Int>
    }

    var origin: TOMLTable.Origin
    let id: Int
    /// Where its own name was written (the last part of a header or dotted key).
    var keySpan: Range<Int>
    /// The `[header]` or `{ ... }` text.
    var headerSpan: Range<Int>?
    var section = 0
    var parent: Int?
    var keys: [String] = []
    var keySpans: [String: Range<Int>] = [:]
    var children: [String: Child] = [:]
    var inlineEntries: [InlineEntry] = []
    private var frozen = false

    init(origin: TOMLTable.Origin, id: Int, keySpan: Range<Int>) {
        self.origin = origin
        self.id = id
        self.keySpan = keySpan
    }

    func add(_ key: String, _ child: Child) {
        keys.append(key)
        children[key] = child
        if case .table(let t) = child { keySpans[key] = t.keySpan }
        if case .tableArray(let ts) = child { keySpans[key] = ts[0].keySpan }
    }

    func addValue(_ key: String, _ child: TableBuilder.Child, keySpan: Range<Int>,
                  failure: (String, Int?) -> TOMLParser.ParseFailure) throws {
        if frozen { throw failure("an inline table cannot be extended", keySpan.lowerBound) }
        if children[key] != nil {
            throw failure("the key \(TOMLFormat.key(key)) is defined twice in this table", keySpan.lowerBound)
        }
        add(key, child)
        keySpans[key] = keySpan
    }

    func freeze() {
        frozen = true
        for child in children.values { if case .table(let t) = child { t.freeze() } }
    }

    func build() -> TOMLTable {
        let entries = keys.map { key -> TOMLTable.Entry in
            let span = keySpans[key] ?? 0..<0
            switch children[key]! {
            case .value(let v):
                return TOMLTable.Entry(key: key, keySpan: span, value: v)
            case .table(let t):
                return TOMLTable.Entry(key: key, keySpan: span, value: TOMLValue(kind: .table(t.build()), span: t.headerSpan ?? t.keySpan))
            case .tableArray(let ts):
                let elements = ts.map { TOMLValue(kind: .table($0.build()), span: $0.headerSpan ?? $0.keySpan) }
                return TOMLTable.Entry(key: key, keySpan: span,
                                       value: TOMLValue(kind: .tableArray(elements), span: (ts[0].headerSpan ?? span)))
            }
        }
        return TOMLTable(origin: origin, id: id, entries: entries)
    }
}
