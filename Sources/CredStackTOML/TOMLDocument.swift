/// A TOML document as the bytes a person wrote, with its decoded values. Every edit changes the bytes of
/// what it was asked to change and nothing else: comments, blank lines, key order, quoting and number
/// formats elsewhere stay byte for byte (the approach of Rust's toml_edit and Python's tomlkit).
public struct TOMLDocument: Sendable {
    public private(set) var bytes: [UInt8]
    public private(set) var root: TOMLTable
    private var syntax: TOMLSyntax
    private var lines: LineIndex

    public init(bytes: [UInt8]) throws(TOMLError) {
        self.bytes = bytes
        (root, syntax) = try TOMLParser.parse(bytes)
        lines = LineIndex(bytes)
    }

    public init(text: String) throws(TOMLError) { try self.init(bytes: Array(text.utf8)) }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Line and column (from 1, columns in characters) of a byte offset, for messages.
    public func location(ofByte offset: Int) -> (line: Int, column: Int) { lines.location(ofByte: offset) }

    /// The value at a path of keys (and array indices for `[[tables]]` and lists).
    public func value(at path: [TOMLStep]) -> TOMLValue? {
        var current = TOMLValue(kind: .table(root), span: 0..<0)
        for step in path {
            switch (step, current.kind) {
            case (.key(let k), .table(let t)):
                guard let v = t[k] else { return nil }
                current = v
            case (.index(let n), .array(let items)), (.index(let n), .tableArray(let items)):
                guard items.indices.contains(n) else { return nil }
                current = items[n]
            default:
                return nil
            }
        }
        return current
    }

    public func table(at path: [TOMLStep]) -> TOMLTable? { value(at: path)?.table }

    // MARK: edits

    /// Sets `key` in the table at `path` (made if missing, as a `[header]` section at the end). An existing
    /// value's bytes are replaced, in the same quoting style where the new text allows; a new key goes after
    /// the table's last key, with that line's indentation and spacing around `=`.
    public mutating func set(_ key: String, _ value: TOMLLiteral, in path: [TOMLStep] = []) throws(TOMLEditError) {
        guard let table = table(at: path) else {
            let names = try headerName(path)
            try appendTable(names, fields: [TOMLField(key, value)])
            return
        }
        if let entry = table.entry(key) {
            if case .table(let t) = entry.value.kind, t.origin != .inline {
                throw TOMLEditError("\(TOMLFormat.key(key)) is a table; remove it before setting a value")
            }
            if case .tableArray = entry.value.kind { throw TOMLEditError("\(TOMLFormat.key(key)) is an array of tables") }
            let old = String(decoding: bytes[entry.value.span], as: UTF8.self)
            try splice([(entry.value.span, TOMLFormat.literal(value, like: old))])
            return
        }
        try insert(key, value, into: table, at: path)
    }

    /// Removes `key` from the table at `path`: its whole line (a comment on that line goes with it; comments
    /// on lines of their own stay), its entry in an inline table, or, for a table, every line of it.
    /// Returns false when there was nothing to remove.
    @discardableResult
    public mutating func remove(_ key: String, in path: [TOMLStep] = []) throws(TOMLEditError) -> Bool {
        guard let table = table(at: path), let entry = table.entry(key) else { return false }
        switch entry.value.kind {
        case .table(let t) where t.origin != .inline:
            try removeTable(t.id)
        case .tableArray(let elements):
            try splice(elements.flatMap { element -> [(Range<Int>, String)] in
                guard let t = element.table else { return [] }
                return removalRanges(ofTable: t.id).map { ($0, "") }
            })
        default:
            if syntax.tables[table.id]?.origin == .inline {
                try removeInlineEntry(key, from: table.id)
            } else if let line = syntax.keyValues.first(where: { $0.target == table.id && $0.path.last == key && $0.value == entry.value.span }) {
                try splice([(line.line, "")])
            } else {
                throw TOMLEditError("cannot find where \(TOMLFormat.key(key)) is written")
            }
        }
        return true
    }

    /// Removes the table at `path` (a `[header]` table with its sub-tables, one `[[element]]` when the path
    /// ends in an index, or the lines of a dotted table).
    public mutating func removeTable(at path: [TOMLStep]) throws(TOMLEditError) {
        guard let table = table(at: path) else { return }
        if case .key(let k)? = path.last {
            try remove(k, in: Array(path.dropLast()))
        } else {
            try removeTable(table.id)
        }
    }

    /// Adds `[name]` (or `[[name]]`) with its fields at the end of the document, after a blank line.
    public mutating func appendTable(_ name: [String], array: Bool = false, fields: [TOMLField]) throws(TOMLEditError) {
        let nl = newline
        var text = ""
        if !bytes.isEmpty {
            if bytes.last != 10 { text += nl }
            if !endsWithBlankLine { text += nl }
        }
        let header = TOMLFormat.keyPath(name)
        text += (array ? "[[\(header)]]" : "[\(header)]") + nl
        for f in fields { text += TOMLFormat.key(f.key) + separator + TOMLFormat.literal(f.value) + nl }
        try splice([(bytes.count..<bytes.count, text)])
    }

    // MARK: how an edit is placed

    private mutating func insert(_ key: String, _ value: TOMLLiteral, into table: TOMLTable, at path: [TOMLStep]) throws(TOMLEditError) {
        guard let info = syntax.tables[table.id] else { throw TOMLEditError("unknown table") }
        let nl = newline
        switch info.origin {
        case .root, .header, .arrayElement:
            let section = syntax.sections[info.section]
            if let last = section.keyValues.last.map({ syntax.keyValues[$0] }) {
                let indent = indentation(before: last.key.lowerBound)
                let sep = String(decoding: bytes[last.key.upperBound..<last.value.lowerBound], as: UTF8.self)
                let lead = bytes[last.line.upperBound - 1] == 10 ? "" : nl
                try splice([(last.line.upperBound..<last.line.upperBound, lead + indent + TOMLFormat.key(key) + sep + TOMLFormat.literal(value) + nl)])
            } else {
                let at = section.headerLine?.upperBound ?? topInsertionPoint
                let lead = at > 0 && bytes[at - 1] != 10 ? nl : ""
                try splice([(at..<at, lead + TOMLFormat.key(key) + separator + TOMLFormat.literal(value) + nl)])
            }
        case .dotted:
            guard let last = syntax.keyValues.last(where: { $0.viaTables.contains(table.id) }),
                  let depth = last.viaTables.firstIndex(of: table.id) else { throw TOMLEditError("cannot find the dotted table") }
            let indent = indentation(before: last.key.lowerBound)
            let sep = String(decoding: bytes[last.key.upperBound..<last.value.lowerBound], as: UTF8.self)
            let name = TOMLFormat.keyPath(Array(last.path[0...depth]) + [key])
            let lead = bytes[last.line.upperBound - 1] == 10 ? "" : nl
            try splice([(last.line.upperBound..<last.line.upperBound, lead + indent + name + sep + TOMLFormat.literal(value) + nl)])
        case .inline:
            guard let braces = info.braces else { throw TOMLEditError("cannot find the inline table's braces") }
            let field = TOMLFormat.key(key) + " = " + TOMLFormat.literal(value)
            if let last = info.inlineEntries.last {
                try splice([(last.span.upperBound..<last.span.upperBound, ", " + field)])
            } else {
                try splice([(braces, "{ " + field + " }")])
            }
        case .implicit:
            let names = try headerName(path)
            try appendTable(names, fields: [TOMLField(key, value)])
        }
    }

    /// Every byte range that goes when a header table goes: its section and its sub-tables' sections, each
    /// from its header to its last key line, with one blank line before it when one follows it too.
    private func removalRanges(ofTable id: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for section in syntax.sections where section.headerLine != nil && syntax.table(section.table, isWithin: id) {
            let start = section.headerLine!.lowerBound
            var end = section.keyValues.last.map { syntax.keyValues[$0].line.upperBound } ?? section.headerLine!.upperBound
            var from = start
            // Take the blank line before it when the removed text is followed by a blank line or the end.
            let blankBefore = from >= 2 && bytes[from - 1] == 10 && (bytes[from - 2] == 10 || (from >= 3 && bytes[from - 2] == 13 && bytes[from - 3] == 10))
            if blankBefore {
                var after = end
                while after < bytes.count, bytes[after] == 32 || bytes[after] == 9 || bytes[after] == 13 { after += 1 }
                if after >= bytes.count || bytes[after] == 10 { from -= bytes[from - 2] == 13 ? 2 : 1 }
            }
            if end < from { end = from }
            ranges.append(from..<end)
        }
        for line in syntax.keyValues where line.viaTables.contains(where: { syntax.table($0, isWithin: id) }) {
            ranges.append(line.line)
        }
        return ranges
    }

    private mutating func removeTable(_ id: Int) throws(TOMLEditError) {
        guard let info = syntax.tables[id] else { return }
        if info.origin == .dotted {
            try splice(syntax.keyValues.filter { $0.viaTables.contains(id) }.map { ($0.line, "") })
        } else {
            try splice(removalRanges(ofTable: id).map { ($0, "") })
        }
    }

    private mutating func removeInlineEntry(_ key: String, from table: Int) throws(TOMLEditError) {
        guard let info = syntax.tables[table], let braces = info.braces,
              let k = info.inlineEntries.firstIndex(where: { $0.path == [key] }) else {
            throw TOMLEditError("cannot find \(TOMLFormat.key(key)) in its inline table")
        }
        if info.inlineEntries.count == 1 { try splice([(braces, "{}")]); return }
        let span = info.inlineEntries[k].span
        var end = span.upperBound
        while end < braces.upperBound, bytes[end] == 32 || bytes[end] == 9 { end += 1 }
        if end < braces.upperBound, bytes[end] == UInt8(ascii: ",") {
            end += 1
            while end < braces.upperBound, bytes[end] == 32 || bytes[end] == 9 { end += 1 }
            try splice([(span.lowerBound..<end, "")])
            return
        }
        // The last entry: take the comma before it.
        var start = span.lowerBound
        while start > braces.lowerBound, bytes[start - 1] == 32 || bytes[start - 1] == 9 { start -= 1 }
        if start > braces.lowerBound, bytes[start - 1] == UInt8(ascii: ",") { start -= 1 }
        try splice([(start..<span.upperBound, "")])
    }

    /// Replaces ranges (which must not overlap) and reads the result back; an edit that would not read is refused.
    private mutating func splice(_ changes: [(Range<Int>, String)]) throws(TOMLEditError) {
        var out = bytes
        for (range, text) in changes.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            out.replaceSubrange(range, with: Array(text.utf8))
        }
        do {
            self = try TOMLDocument(bytes: out)
        } catch {
            throw TOMLEditError("the edit would not read back as TOML (\(error.description)); nothing was changed")
        }
    }

    /// Header names for a path of keys (no indices: a new table goes at the top level of names).
    private func headerName(_ path: [TOMLStep]) throws(TOMLEditError) -> [String] {
        var names: [String] = []
        for step in path {
            guard case .key(let k) = step else { throw TOMLEditError("cannot make a table inside a list element that does not exist") }
            names.append(k)
        }
        return names
    }

    // MARK: the file's own style

    /// The spaces and tabs before a key on its line (not a byte-order mark or anything else).
    private func indentation(before offset: Int) -> String {
        var start = offset
        while start > 0, bytes[start - 1] == 32 || bytes[start - 1] == 9 { start -= 1 }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    /// CRLF when the file already uses it.
    private var newline: String {
        guard let lf = bytes.firstIndex(of: 10) else { return "\n" }
        return lf > 0 && bytes[lf - 1] == 13 ? "\r\n" : "\n"
    }

    /// The spacing around `=` the file uses (from its first key line), else ` = `.
    private var separator: String {
        guard let first = syntax.keyValues.first else { return " = " }
        return String(decoding: bytes[first.key.upperBound..<first.value.lowerBound], as: UTF8.self)
    }

    private var endsWithBlankLine: Bool {
        var k = bytes.count - 1
        guard k >= 0, bytes[k] == 10 else { return false }
        k -= 1
        if k >= 0, bytes[k] == 13 { k -= 1 }
        return k < 0 || bytes[k] == 10
    }

    /// Where a first top-level key goes: after the comment lines that open the file, before any header.
    private var topInsertionPoint: Int {
        var at = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        while at < bytes.count {
            var j = at
            while j < bytes.count, bytes[j] == 32 || bytes[j] == 9 { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: "#") else { break }
            while j < bytes.count, bytes[j] != 10 { j += 1 }
            at = min(j + 1, bytes.count)
        }
        if let firstHeader = syntax.sections.dropFirst().first?.headerLine?.lowerBound { at = min(at, firstHeader) }
        return at
    }
}

/// One step in a path to a value: a key, or an index into a list or array of tables.
public enum TOMLStep: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)
    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }
}

public struct TOMLEditError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
