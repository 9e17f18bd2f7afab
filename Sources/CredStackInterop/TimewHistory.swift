import CredStackCore
import CredStackTOML

/// `timew export` JSON: intervals with `start`, `end` (absent while running), `tags` and `annotation`.
/// One tag names the course (the first that names one of the learner's, else the first); the others and
/// the annotation become the note. Read a block at a time, one interval after another: years of
/// history are never held as a JSON tree, nor the file whole.
public enum TimewHistory {
    static let expected = "the output of `timew export`"

    public static func parse(_ data: [UInt8], path: String) throws(InteropError) -> ImportedHistory {
        var reader = Reader(path: path)
        return try reader.history(of: data)
    }

    /// Takes the file in blocks cut anywhere; `finish` after the last.
    public struct Reader: HistoryReader {
        let path: String
        var history = ImportedHistory(unit: "entry")
        /// Bytes not yet read: the start of an interval cut by the end of the last block.
        var pending: [UInt8] = []
        /// Where `pending` starts in the file: its line and column (for errors).
        var consumedLines = 1, consumedColumns = 1
        var state = State.start
        var entry = 0

        enum State { case start, firstEntry, nextEntry, end, notAList }

        /// The longest interval read (`Limits.importRecordBytes`; a test gives a smaller one).
        let recordLimit: Int

        public init(path: String, recordLimit: Int = Limits.importRecordBytes) {
            self.path = path
            self.recordLimit = recordLimit
        }

        /// An interval cut by the end of what was read is read again only once twice as much waits: one
        /// of many blocks costs reading it once or twice, not once a block.
        var retryAt = 0

        public mutating func read(_ block: UnsafeBufferPointer<UInt8>) throws(InteropError) {
            pending.append(contentsOf: block)
            if pending.count >= retryAt {
                try scan(final: false)
                // What is left is an interval cut by the block's end: a long one is read again when twice as much waits.
                retryAt = pending.count > block.count ? 2 * pending.count : 0
            }
            if pending.count > recordLimit {
                throw InteropError(.malformed, "\(path):\(consumedLines):\(consumedColumns): not valid JSON (a value that does not end within "
                                   + "\(recordLimit >> 20) MiB); expected \(TimewHistory.expected); nothing was imported")
            }
        }

        public mutating func finish() throws(InteropError) -> ImportedHistory {
            try scan(final: true)
            return history
        }

        private mutating func scan(final: Bool) throws(InteropError) {
            // Before the end, only up to the last ASCII byte is read (and checked as UTF-8): a character cut by
            // the block's end waits for the rest of it.
            let readable = final ? pending.count : (pending.lastIndex { $0 < 128 } ?? -1) + 1
            // A byte that is not UTF-8 stops the reading where it is, so the first problem in the file is the one
            // told, however the file was cut into blocks.
            let invalid = pending.withUnsafeBufferPointer { UTF8Check.firstInvalidByte(UnsafeBufferPointer(rebasing: $0[..<readable])) }
            let bytes = pending
            var done = 0
            do throws(JSONScanner.Stop) {
                try bytes.withUnsafeBufferPointer { (all) throws(JSONScanner.Stop) in
                    var s = JSONScanner(UnsafeBufferPointer(rebasing: all[..<(invalid ?? readable)]), final: final && invalid == nil)
                    while true {
                        s.skipSpace()
                        done = s.at
                        switch state {
                        case .start:
                            guard let c = try s.peek() else { throw JSONScanner.Stop.invalid("the file is empty", at: s.at) }
                            if c == 91 { s.at += 1; state = .firstEntry } else { state = .notAList }
                        case .firstEntry, .nextEntry:
                            guard let c = try s.peek() else { throw JSONScanner.Stop.invalid("the list ends too soon", at: s.at) }
                            if c == 93 { s.at += 1; state = .end; continue }
                            if state == .nextEntry {
                                guard c == 44 else { throw JSONScanner.Stop.invalid("expected , or ] after an interval", at: s.at) }
                                s.at += 1
                                s.skipSpace()
                            }
                            try readInterval(&s)
                            state = .nextEntry
                        case .notAList:
                            try s.skipValue(depth: 0)
                            s.skipSpace()
                            guard try s.peek() == nil else { throw JSONScanner.Stop.invalid("unexpected text after the JSON", at: s.at) }
                            throw JSONScanner.Stop.invalid("", at: -1)
                        case .end:
                            guard try s.peek() == nil else { throw JSONScanner.Stop.invalid("unexpected text after the list", at: s.at) }
                            done = s.at
                            return
                        }
                    }
                }
            } catch {
                switch error {
                case .needMore:
                    if let invalid {
                        let (line, column) = position(of: invalid, in: bytes)
                        throw InteropError(.malformed, "\(path):\(line):\(column): not valid JSON (the file is not UTF-8 text here); expected \(TimewHistory.expected); nothing was imported")
                    }
                case .invalid(_, at: -1):
                    throw InteropError(.malformed, "\(path): expected a JSON list of intervals, as `timew export` writes; nothing was imported")
                case .invalid(let what, let at):
                    let (line, column) = position(of: at, in: bytes)
                    throw InteropError(.malformed, "\(path):\(line):\(column): not valid JSON (\(what)); expected \(TimewHistory.expected); nothing was imported")
                }
            }
            (consumedLines, consumedColumns) = position(of: done, in: bytes)
            pending.removeFirst(done)
        }

        /// The line and column (from 1) of byte `at` of `bytes`, which start where reading stopped last.
        private func position(of at: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
            let before = bytes[..<min(at, bytes.count)]
            let line = consumedLines + before.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            guard let lastBreak = before.lastIndex(of: 10) else { return (line, consumedColumns + before.count) }
            return (line, at - lastBreak)
        }

        /// One element of the list, skipped with its reason unless it is a finished, tagged interval.
        private mutating func readInterval(_ s: inout JSONScanner) throws(JSONScanner.Stop) {
            var start: String?, end: String?, annotation: String?, tags: [String]?
            if try s.peek() == 123 {
                s.at += 1
                s.skipSpace()
                if try s.peek() == 125 { s.at += 1 } else {
                    while true {
                        s.skipSpace()
                        guard try s.peek() == 34 else { throw JSONScanner.Stop.invalid("expected a key in quotes", at: s.at) }
                        let key = try s.string()
                        s.skipSpace()
                        guard try s.peek() == 58 else { throw JSONScanner.Stop.invalid("expected : after a key", at: s.at) }
                        s.at += 1
                        s.skipSpace()
                        switch key {
                        case "start": start = try s.stringOrSkip()
                        case "end": end = try s.stringOrSkip()
                        case "annotation": annotation = try s.stringOrSkip()
                        case "tags": tags = try s.strings()
                        default: try s.skipValue(depth: 1)
                        }
                        s.skipSpace()
                        guard let c = try s.peek(), c == 44 || c == 125 else { throw JSONScanner.Stop.invalid("expected , or } in an interval", at: s.at) }
                        s.at += 1
                        if c == 125 { break }
                    }
                }
            } else {
                try s.skipValue(depth: 1)
            }
            entry += 1
            guard let start else { return history.skip(entry, "not an interval with a start") }
            guard let from = stamp(start) else { return history.skip(entry, "start \"\(start)\" is not a time like 20261130T091500Z") }
            guard let end else { return history.skip(entry, "still running (no end yet)") }
            guard let to = stamp(end) else { return history.skip(entry, "end \"\(end)\" is not a time like 20261130T101500Z") }
            let allTags = tags ?? []
            guard let course = allTags.first else { return history.skip(entry, "no tag to name the course") }
            // timewarrior sorts tags, so the course may be any of them: the importer picks the one that names a course.
            history.add(line: entry, start: from, seconds: Int(clamping: to.epochSeconds - from.epochSeconds), course: course,
                        note: annotation ?? "", tags: allTags.count > 1 ? allTags : [])
        }
    }

    /// timewarrior's `20261130T091500Z` (always UTC).
    static func stamp(_ text: String) -> Timestamp? {
        let u = Array(text.utf8)
        guard u.count == 16, u[8] == UInt8(ascii: "T"), u[15] == UInt8(ascii: "Z"),
              let y = Digits.value(u, 0, 4), let mo = Digits.value(u, 4, 2), let d = Digits.value(u, 6, 2),
              let h = Digits.value(u, 9, 2), let mi = Digits.value(u, 11, 2), let s = Digits.value(u, 13, 2),
              h < 24, mi < 60, s < 60, let day = LocalDate(year: y, month: mo, day: d) else { return nil }
        return Timestamp(epochSeconds: Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + mi * 60 + s), utcOffsetSeconds: 0)
    }
}

/// Strict JSON (RFC 8259) over a buffer, a value at a time. Running out of bytes before the last block is
/// `needMore` (the caller keeps the bytes and reads again with more); anything else wrong is `invalid`.
struct JSONScanner {
    enum Stop: Error { case needMore, invalid(String, at: Int) }

    let b: UnsafeBufferPointer<UInt8>
    let final: Bool
    var at = 0
    /// Deeper than this is refused, never a stack overflow.
    static let maxDepth = 512

    init(_ b: UnsafeBufferPointer<UInt8>, final: Bool) {
        self.b = b
        self.final = final
    }

    mutating func skipSpace() {
        while at < b.count, b[at] == 32 || b[at] == 9 || b[at] == 10 || b[at] == 13 { at += 1 }
    }

    /// The next byte, nil at the very end of the input.
    func peek() throws(Stop) -> UInt8? {
        if at < b.count { return b[at] }
        if final { return nil }
        throw .needMore
    }

    private mutating func byte(_ what: String) throws(Stop) -> UInt8 {
        guard let c = try peek() else { throw .invalid(what, at: at) }
        at += 1
        return c
    }

    /// A string value (the scanner on its opening quote). Half of a surrogate pair alone, which JSON allows
    /// but text cannot hold, becomes U+FFFD: the rest of the string is kept.
    mutating func string() throws(Stop) -> String {
        try stringValue()
    }

    private mutating func stringValue() throws(Stop) -> String {
        at += 1
        var plainFrom = at
        var out: [UInt8] = []
        while true {
            let c = try byte("a string that never ends")
            if c == 34 { break }
            if c < 32 { throw .invalid("a control character in a string", at: at - 1) }
            guard c == 92 else { continue }
            out.append(contentsOf: b[plainFrom..<(at - 1)])
            let e = try byte("an escape that never ends")
            switch e {
            case 34, 92, 47: out.append(e)
            case 98: out.append(8)
            case 102: out.append(12)
            case 110: out.append(10)
            case 114: out.append(13)
            case 116: out.append(9)
            case 117:
                var v = try hex4()
                // A high half is whole only with a low half escaped right after it.
                if (0xD800...0xDBFF).contains(v), try peek() == 92, at + 1 < b.count || !final {
                    guard at + 1 < b.count else { throw .needMore }
                    if b[at + 1] == 117 {
                        let mark = at
                        at += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) { v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00) } else { at = mark }
                    }
                }
                let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
                out.append(contentsOf: String(Character(scalar)).utf8)
            default:
                throw .invalid("an unknown escape \\\(Character(Unicode.Scalar(e)))", at: at - 1)
            }
            plainFrom = at
        }
        if out.isEmpty { return String(decoding: b[plainFrom..<(at - 1)], as: UTF8.self) }
        out.append(contentsOf: b[plainFrom..<(at - 1)])
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws(Stop) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = try byte("a \\u escape cut short")
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 97...102: d = UInt32(c - 87)
            case 65...70: d = UInt32(c - 55)
            default: throw .invalid("a \\u escape needs four hex digits", at: at - 1)
            }
            v = v << 4 | d
        }
        return v
    }

    /// A string, or nil (skipped) for any other value.
    mutating func stringOrSkip() throws(Stop) -> String? {
        if try peek() == 34 { return try stringValue() }
        try skipValue(depth: 1)
        return nil
    }

    /// A string as one, a list's strings (others left out), or none for any other value: as JSON-LD and
    /// timewarrior write tags.
    mutating func strings() throws(Stop) -> [String] {
        let c = try peek()
        if c == 34 { return [try stringValue()] }
        guard c == 91 else { try skipValue(depth: 1); return [] }
        at += 1
        var out: [String] = []
        skipSpace()
        if try peek() == 93 { at += 1; return out }
        while true {
            skipSpace()
            if try peek() == 34 { out.append(try stringValue()) } else { try skipValue(depth: 2) }
            skipSpace()
            let c = try byte("a list that never ends")
            if c == 93 { return out }
            guard c == 44 else { throw .invalid("expected , or ] in a list", at: at - 1) }
        }
    }

    /// Any value, checked and passed over.
    mutating func skipValue(depth: Int) throws(Stop) {
        guard depth < JSONScanner.maxDepth else { throw .invalid("nested too deep", at: at) }
        guard let c = try peek() else { throw .invalid("expected a value", at: at) }
        switch c {
        case 34: _ = try stringValue()
        case 123, 91:
            let close: UInt8 = c == 123 ? 125 : 93
            at += 1
            skipSpace()
            if try peek() == close { at += 1; return }
            while true {
                skipSpace()
                if c == 123 {
                    guard try peek() == 34 else { throw .invalid("expected a key in quotes", at: at) }
                    _ = try stringValue()
                    skipSpace()
                    guard try byte("expected :") == 58 else { throw .invalid("expected : after a key", at: at - 1) }
                    skipSpace()
                }
                try skipValue(depth: depth + 1)
                skipSpace()
                let next = try byte("a value that never ends")
                if next == close { return }
                guard next == 44 else { throw .invalid("expected , or \(c == 123 ? "}" : "]")", at: at - 1) }
            }
        case 116: try literal("true")
        case 102: try literal("false")
        case 110: try literal("null")
        case 45, 48...57: try number()
        default: throw .invalid("unexpected character '\(Character(Unicode.Scalar(c)))'", at: at)
        }
    }

    private mutating func literal(_ word: String) throws(Stop) {
        for w in word.utf8 {
            guard try byte("\(word) cut short") == w else { throw .invalid("expected \(word)", at: at - 1) }
        }
    }

    /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, whose end must be seen (more digits may follow in the next block).
    private mutating func number() throws(Stop) {
        func digits(_ s: inout JSONScanner) throws(Stop) -> Int {
            var n = 0
            while let c = try s.peek(), c >= 48 && c <= 57 { s.at += 1; n += 1 }
            return n
        }
        if try peek() == 45 { at += 1 }
        if try peek() == 48 { at += 1 } else { guard try digits(&self) > 0 else { throw .invalid("expected a digit", at: at) } }
        if try peek() == 46 {
            at += 1
            guard try digits(&self) > 0 else { throw .invalid("expected a digit after .", at: at) }
        }
        if let c = try peek(), c == 101 || c == 69 {
            at += 1
            if let s = try peek(), s == 43 || s == 45 { at += 1 }
            guard try digits(&self) > 0 else { throw .invalid("expected a digit in the exponent", at: at) }
        }
    }
}
