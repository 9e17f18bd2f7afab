import CredStackCore
import CredStackTOML

/// The append-only study log: one session a line, `START DURATION COURSE [#ID] [NOTE]`, e.g.
/// `2026-11-30T09:15+05:30 45m aws-cloud #k3x9q2mz lecture videos`. Lines starting with `#` are comments;
/// a line without an id (written before ids existed, or by hand) gets one derived from its text.
/// Parsed at the byte level: no `DateFormatter`, no splitting lines into arrays of strings.
public enum StudyLogCodec {
    public static let formatVersion = 2
    static let headerPrefix = "# credstack study log, format "
    public static var header: String {
        "\(headerPrefix)\(formatVersion). One session a line: START DURATION COURSE [#ID] [NOTE]. See docs/FORMAT.md\n"
    }

    public struct LineError: Error, Equatable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// One session line as the scanner found it: the parsed start and duration, and where the course id and
    /// note lie in the buffer, so a caller can take only what it needs.
    public struct ScannedLine {
        public var start: Timestamp
        public var seconds: Int
        public var line: Int
        /// The byte offset of the line in what was scanned.
        public var offset: Int
        public var course: UnsafeBufferPointer<UInt8>
        /// 1-based column of the course id.
        public var courseColumn: Int
        public var note: UnsafeBufferPointer<UInt8>
        /// The `#id` written on the line (checked), or nil for a line from before ids.
        var idBytes: UnsafeBufferPointer<UInt8>?
        /// The whole line, which an id is derived from when none is written.
        var lineBytes: UnsafeBufferPointer<UInt8>

        public var courseID: String { String(decoding: course, as: UTF8.self) }
        /// Made only when asked for: a report over a million lines needs none of them.
        public var id: SessionID {
            idBytes.map { SessionID(unchecked: String(decoding: $0, as: UTF8.self)) } ?? SessionID.derived(from: lineBytes)
        }
    }

    /// Walks every session line once, checking it, without building anything: the one parser of the log.
    public static func scan(_ bytes: [UInt8], _ visit: (ScannedLine) -> Void) throws(LineError) {
        if let bad = UTF8Check.firstInvalidByte(bytes) {
            let (l, c) = LineIndex(bytes).location(ofByte: bad)
            throw LineError(line: l, column: c, message: "the file is not valid UTF-8 text here")
        }
        var lineNo = 0
        // A byte-order mark (a Windows editor) is not part of the first line.
        var start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let n = bytes.count
        try bytes.withUnsafeBufferPointer { (buf) throws(LineError) in
            while start < n {
                lineNo += 1
                var end = start
                while end < n, buf[end] != 10 { end += 1 }
                var lineEnd = end
                if lineEnd > start, buf[lineEnd - 1] == 13 { lineEnd -= 1 }
                var first = start
                while first < lineEnd, buf[first] == 32 || buf[first] == 9 { first += 1 }
                if first == lineEnd {
                    // Blank or only spaces: nothing.
                } else if lineEnd - start >= 7, buf[start] == 60 || buf[start] == 62 || buf[start] == 61,
                          (start..<(start + 7)).allSatisfy({ buf[$0] == buf[start] }) {
                    throw LineError(line: lineNo, column: 1, message: "git conflict markers (\(String(UnicodeScalar(buf[start])))...): a merge is not finished; the log merges without conflicts when .gitattributes says `sessions.log merge=union` (credstack init --git); keep both sides' lines, remove the markers, then `git add` it")
                } else if buf[start] != 35 { // '#'
                    visit(try decodeLine(buf, start, lineEnd, lineNo))
                } else {
                    try checkHeader(buf, start, lineEnd, lineNo)
                }
                start = end + 1
            }
        }
    }

    /// The log's last line when it has no line break and is what an interrupted write leaves: any such line
    /// when an append was interrupted (`appendInterrupted`: its marker is still there, so even a line cut
    /// before its id is caught); otherwise a line that does not read as a session, or one that carries an id
    /// or ends in the start of one (credstack writes those, always with the line break, so one without it
    /// was cut short, perhaps inside its note). A line typed by hand without an id that merely lacks its line
    /// break is not torn.
    public static func tornTail(_ bytes: [UInt8], appendInterrupted: Bool = false) -> (line: Int, range: Range<Int>, text: String)? {
        guard let last = bytes.last, last != 10 else { return nil }
        let start = (bytes.lastIndex(of: 10).map { $0 + 1 }) ?? 0
        let tail = Array(bytes[start...])
        if !appendInterrupted {
            if tail.first == 35 { return nil }
            let reads = (try? scan(tail) { _ in }) != nil
            if reads && !hasExplicitID(tail) { return nil }
        }
        let line = bytes[..<start].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
        return (line, start..<bytes.count, String(decoding: tail, as: UTF8.self))
    }

    /// Whether a session line carries `#ID` after its course, or, as its last bytes, the start of one
    /// (`#`, `#k3x`): a line credstack wrote, cut inside its id.
    static func hasExplicitID(_ line: [UInt8]) -> Bool {
        var fields = 0, i = 0
        while i < line.count, fields < 3 {
            while i < line.count, line[i] != 32 { i += 1 }
            while i < line.count, line[i] == 32 { i += 1 }
            fields += 1
        }
        guard i < line.count, line[i] == 35 else { return false }
        let id = line[(i + 1)...].prefix { $0 != 32 }
        if id.count == SessionID.length { return SessionID.isValid(id) }
        return id.count < SessionID.length && i + 1 + id.count == line.count && id.allSatisfy(SessionID.isIDByte)
    }

    /// Every session, plus the 1-based line and column of each session's course id (to report unknown ones).
    public static func decode(_ bytes: [UInt8]) throws(LineError) -> (sessions: [StudySession], courseColumns: [(line: Int, column: Int)]) {
        var sessions: [StudySession] = []
        var positions: [(line: Int, column: Int)] = []
        sessions.reserveCapacity(bytes.count / 40)
        positions.reserveCapacity(bytes.count / 40)
        try scan(bytes) { l in
            sessions.append(StudySession(id: l.id, start: l.start, durationSeconds: l.seconds, courseID: l.courseID,
                                         note: String(decoding: l.note, as: UTF8.self)))
            positions.append((l.line, l.courseColumn))
        }
        return (sessions, positions)
    }

    private static func checkHeader(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ lineNo: Int) throws(LineError) {
        let prefix = Array(headerPrefix.utf8)
        guard e - s > prefix.count, b[s..<(s + prefix.count)].elementsEqual(prefix) else { return }
        var v = 0, i = s + prefix.count
        while i < e, b[i] >= 48, b[i] <= 57, v < 1_000_000 { v = v * 10 + Int(b[i] - 48); i += 1 }
        if v > formatVersion {
            throw LineError(line: lineNo, column: prefix.count + 1,
                            message: "format \(v) is newer than this credstack reads (\(formatVersion)); upgrade credstack before using this store")
        }
    }

    @inline(__always)
    private static func decodeLine(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ lineNo: Int) throws(LineError) -> ScannedLine {
        func fail(_ at: Int, _ message: String) -> LineError {
            // Columns count characters; everything before a problem is ASCII except in the note, so bytes suffice
            // up to the course id, and the slow path handles the rest.
            let prefix = UnsafeBufferPointer(rebasing: b[s..<max(s, min(at, e))])
            return LineError(line: lineNo, column: String(decoding: prefix, as: UTF8.self).count + 1, message: message)
        }
        var i = s
        while i < e, b[i] != 32, b[i] != 9 { i += 1 }
        let stamp: Timestamp
        switch Timestamp.parse(UnsafeBufferPointer(rebasing: b[s..<i])) {
        case .success(let t): stamp = t
        case .failure(let p): throw fail(s + p.offset, "expected \(p.expected)")
        }
        guard i < e else { throw fail(i, "expected a duration like 45m after the start time") }
        i += 1
        let durStart = i
        var seconds = 0, number = 0, sawDigit = false, sawUnit = false
        while i < e, b[i] != 32, b[i] != 9 {
            let c = b[i]
            if c >= 48 && c <= 57 {
                number = number * 10 + Int(c - 48)
                sawDigit = true
                if number > 1_000_000 { throw fail(durStart, "expected a duration of at most 24h, found an absurd one") }
            } else if sawDigit && (c == 104 || c == 109 || c == 115) { // h m s
                seconds += number * (c == 104 ? 3600 : c == 109 ? 60 : 1)
                number = 0
                sawDigit = false
                sawUnit = true
            } else {
                throw fail(i, c == 45 ? "expected a positive duration like 45m, found a negative one" : "expected a duration like 45m or 1h30m")
            }
            i += 1
        }
        guard sawUnit, !sawDigit else { throw fail(durStart, "expected a duration like 45m or 1h30m (with h, m or s after each number)") }
        guard seconds > 0 else { throw fail(durStart, "expected a duration longer than zero") }
        guard seconds <= Limits.sessionSeconds else { throw fail(durStart, "expected a duration of at most 24h for one session") }
        guard i < e else { throw fail(i, "expected a course id after the duration") }
        i += 1
        let idStart = i
        while i < e, b[i] != 32, b[i] != 9 { i += 1 }
        let course = UnsafeBufferPointer(rebasing: b[idStart..<i])
        guard isValidID(course) else {
            throw fail(idStart, "expected \(Course.idForm), found \"\(String(decoding: course, as: UTF8.self))\"")
        }
        var noteStart = i < e ? i + 1 : e
        var idBytes: UnsafeBufferPointer<UInt8>?
        // `#` and eight id characters, then a space or the end: the session's id.
        if noteStart + 9 <= e, b[noteStart] == 35, noteStart + 9 == e || b[noteStart + 9] == 32, isIDAt(b, noteStart + 1) {
            idBytes = UnsafeBufferPointer(rebasing: b[(noteStart + 1)..<(noteStart + 9)])
            noteStart = min(e, noteStart + 10)
        }
        let note = UnsafeBufferPointer(rebasing: b[noteStart..<e])
        return ScannedLine(start: stamp, seconds: seconds, line: lineNo, offset: s, course: course, courseColumn: idStart - s + 1, note: note,
                           idBytes: idBytes, lineBytes: UnsafeBufferPointer(rebasing: b[s..<e]))
    }

    /// The id a session line at `s..<e` carries as `#ID` after its course, its eight bytes packed in a
    /// number, found where `decodeLine` finds it (three fields, each followed by one separator); nil when
    /// it carries none. Only a line that reads has that id: this lets a rewrite of the log pass over the
    /// lines it does not change without decoding them.
    static func explicitIDWord(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64? {
        var i = s
        for _ in 0..<3 {
            while i < e, b[i] != 32, b[i] != 9 { i += 1 }
            i += 1
        }
        guard i + 9 <= e, b[i] == 35, i + 9 == e || b[i + 9] == 32, isIDAt(b, i + 1) else { return nil }
        return idWord(UnsafeBufferPointer(rebasing: b[(i + 1)..<(i + 9)]))
    }

    /// Eight id bytes as one number.
    static func idWord<C: Collection>(_ id: C) -> UInt64 where C.Element == UInt8 {
        id.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The id whose bytes `idWord` made into `word`.
    static func id(ofWord word: UInt64) -> SessionID {
        withUnsafeBytes(of: word.bigEndian) { SessionID(unchecked: String(decoding: $0, as: UTF8.self)) }
    }

    /// `SessionID.isValid` on the eight bytes at `at`, as a plain loop: it runs for every line of the log.
    @inline(__always)
    private static func isIDAt(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        var k = at
        while k < at + 8 {
            if !SessionID.isIDByte(b[k]) { return false }
            k += 1
        }
        return true
    }

    /// `Course.isValidID` on bytes, without making a string.
    @inline(__always)
    private static func isValidID(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = id.first, id.count <= 40, first != 45, first != 46 else { return false }
        for c in id where !((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 || c == 95 || c == 46) { return false }
        return true
    }

    /// One line, newline included. Line breaks in a note become spaces: a session is always one line.
    public static func encode(_ session: StudySession) -> String {
        var line: [UInt8] = []
        encode(session, into: &line)
        return String(decoding: line, as: UTF8.self)
    }

    /// The same line appended to `out` as bytes: what writers of many lines (an import) use.
    public static func encode(_ session: StudySession, into out: inout [UInt8]) {
        session.start.appendISO(to: &out)
        out.append(32)
        StudyDuration.appendCompact(session.durationSeconds, to: &out)
        out.append(32)
        out.append(contentsOf: session.courseID.utf8)
        if session.id.isAssigned {
            out.append(contentsOf: [32, 35])
            out.append(contentsOf: session.id.text.utf8)
        }
        // One line, and no space at either end (the reader could not tell it from the separator), so what is
        // written is exactly what is read back. Most notes need nothing done: their bytes go as they are.
        var note = session.note
        note.withUTF8 { note in
            guard let first = note.first, let last = note.last else { return }
            var plain = first > 32 && first < 128 && last > 32 && last < 128
            for b in note where b == 10 || b == 13 { plain = false }
            out.append(32)
            if plain { out.append(contentsOf: note) } else { out.append(contentsOf: cleaned(session.note).utf8) }
            if out.last == 32 { out.removeLast() }
        }
        out.append(10)
    }

    /// A note with its line breaks made spaces and the spaces at either end trimmed.
    private static func cleaned(_ text: String) -> String {
        var note = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" { note.unicodeScalars.append(" ") } else { note.unicodeScalars.append(scalar) }
        }
        return note.trimmed
    }
}
