/// A session read from another tool's export, before it is matched to a course; `course` is whatever
/// the file called it (an id or a title).
public struct ImportedRow: Hashable, Sendable {
    public var line: Int
    public var start: Timestamp
    public var seconds: Int
    public var course: String
    public var note: String
    /// The course's title when the file has one apart from `course` (credstack's own export does).
    public var title: String
    /// Labels that may name the course (timewarrior's tags, sorted by timewarrior): the importer takes the
    /// first that names one of the learner's courses, else `course`, and keeps the rest in the note.
    public var tags: [String]
    /// The session's id when the file carries one (credstack's own exports do): kept on import.
    public var id: SessionID

    public init(line: Int, start: Timestamp, seconds: Int, course: String, note: String, title: String = "", tags: [String] = [],
                id: SessionID = .unassigned) {
        self.line = line
        self.start = start
        self.seconds = seconds
        self.course = course
        self.note = note
        self.title = title
        self.tags = tags
        self.id = id
    }
}

/// Rows that read, and rows that did not with the reason, by line (or entry) number. Kept as columns, not
/// as one value per row: an import of years of history holds a million rows in about 50 bytes each, their
/// course names once and their notes in one buffer.
public struct ImportedHistory: Hashable, Sendable {
    /// What the numbers count: "line" in a CSV file, "entry" in a JSON list.
    public var unit: String
    public var skipped: [Skip] = []

    /// Each course name the file used (trimmed), once, in the order first met, and the title first given with it.
    public private(set) var names: [String] = []
    public private(set) var titles: [String] = []
    private var numberOfName: [String: Int32] = [:]
    /// The same by a hash of the name's bytes, checked against the name: a parser's lookup without a string.
    private var numberOfHash: [UInt64: Int32] = [:]

    // One entry per row, in the file's order.
    public private(set) var lines: [Int32] = []
    public private(set) var starts: [Int64] = []
    public private(set) var utcOffsets: [Int32] = []
    public private(set) var seconds: [Int32] = []
    /// The row's course name, as a position in `names`.
    public private(set) var nameNumbers: [Int32] = []
    /// Where each row's note ends in `noteBytes` (it starts where the one before ends).
    private var noteEnds: [UInt32] = []
    private var noteBytes: [UInt8] = []
    /// Only files that carry ids (credstack's own exports) hold them; nil when no row has one.
    private var ids: [SessionID]?
    /// Only timewarrior rows have tags, by row.
    private var tagsOfRow: [Int32: [String]] = [:]

    public struct Skip: Hashable, Sendable {
        public var line: Int
        public var reason: String
        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    public init(unit: String) { self.unit = unit }

    public var count: Int { starts.count }

    /// Room for `rows` rows (and their notes), when a parser can count or estimate them first: the columns
    /// then take what they need, not up to twice that as they grow.
    private mutating func reserveCapacity(_ rows: Int, noteBytes notes: Int) {
        noteBytes.reserveCapacity(notes)
        lines.reserveCapacity(rows)
        starts.reserveCapacity(rows)
        utcOffsets.reserveCapacity(rows)
        seconds.reserveCapacity(rows)
        nameNumbers.reserveCapacity(rows)
        noteEnds.reserveCapacity(rows)
    }

    public mutating func skip(_ line: Int, _ reason: String) { skipped.append(Skip(line: line, reason: reason)) }

    /// Checks a start and a length against the rules every session follows, then keeps the row or says why not.
    public mutating func add(line: Int, start: Timestamp, seconds: Int, course: String, note: String, title: String = "", tags: [String] = [],
                             id: SessionID = .unassigned) {
        if seconds <= 0 { return skip(line, "the session ends before it starts") }
        if seconds > Limits.sessionSeconds { return skip(line, "longer than one session may be (24h): \(StudyDuration.label(seconds: seconds))") }
        let name = course.trimmed
        if name.isEmpty { return skip(line, "no course") }
        if !tags.isEmpty { tagsOfRow[Int32(count)] = tags }
        var note = note
        note.withUTF8 { append(line: line, start: start, seconds: seconds, name: number(ofName: name, title: title), note: $0, id: id) }
    }

    /// A row whose course name is already numbered (`number(ofName:)`) and whose note is UTF-8: what a
    /// parser of a long file adds without making a string per row. The length must be checked (1s...24h).
    public mutating func append(line: Int, start: Timestamp, seconds: Int, name: Int32, note: UnsafeBufferPointer<UInt8>,
                                id: SessionID = .unassigned) {
        precondition(seconds > 0 && seconds <= Limits.sessionSeconds && names.indices.contains(Int(name)))
        if id.isAssigned, ids == nil { ids = Array(repeating: .unassigned, count: count) }
        ids?.append(id)
        lines.append(Int32(clamping: line))
        starts.append(start.epochSeconds)
        utcOffsets.append(start.utcOffsetSeconds)
        self.seconds.append(Int32(seconds))
        nameNumbers.append(name)
        // Stored as valid UTF-8 (bytes that are not become U+FFFD, as a string would make them).
        if note.allSatisfy({ $0 < 128 }) || String(validating: note, as: UTF8.self) != nil {
            noteBytes.append(contentsOf: note)
        } else {
            noteBytes.append(contentsOf: String(decoding: note, as: UTF8.self).utf8)
        }
        noteEnds.append(UInt32(noteBytes.count))
    }

    /// The number of a course name (trimmed, not empty), numbering it if it is new; `title` is kept with it
    /// when it has none yet.
    public mutating func number(ofName name: String, title: String = "") -> Int32 {
        if let n = numberOfName[name] {
            if !title.isEmpty, titles[Int(n)].isEmpty { titles[Int(n)] = title }
            return n
        }
        let n = Int32(names.count)
        names.append(name)
        titles.append(title)
        numberOfName[name] = n
        return n
    }

    /// The number of a course name given as UTF-8 as the file holds it (trimmed here); nil when it is empty.
    public mutating func number(ofName bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var from = 0, to = bytes.count
        // ASCII white space: what `trimmed` removes at either end of a name that is ASCII there.
        while from < to, bytes[from] == 32 || (9...13).contains(bytes[from]) { from += 1 }
        while to > from, bytes[to - 1] == 32 || (9...13).contains(bytes[to - 1]) { to -= 1 }
        let name = UnsafeBufferPointer(rebasing: bytes[from..<to])
        // Names that are plain ASCII at both ends are trimmed already; others go through the string's own trim.
        guard let first = name.first, let last = name.last, first < 128, last < 128 else {
            let text = String(decoding: name, as: UTF8.self).trimmed
            return text.isEmpty ? nil : number(ofName: text)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        if let n = numberOfHash[hash], names[Int(n)].utf8.elementsEqual(name) { return n }
        let n = number(ofName: String(decoding: name, as: UTF8.self))
        numberOfHash[hash] = n
        return n
    }

    /// Room for the rows of a whole file, estimated from those read so far (`read` of its `total` bytes):
    /// a little over what they need rather than up to twice, as columns that grow would take.
    public mutating func reserveForFile(ofBytes total: Int, read: Int) {
        guard count > 0, read > 0, total > read else { return }
        let share = Double(total) / Double(read) * 1.05
        reserveCapacity(Int(Double(count) * share) + 16, noteBytes: Int(Double(noteBytes.count) * share) + 64)
    }

    public func start(ofRow i: Int) -> Timestamp { Timestamp(epochSeconds: starts[i], utcOffsetSeconds: utcOffsets[i]) }
    public func name(ofRow i: Int) -> String { names[Int(nameNumbers[i])] }
    public func note(ofRow i: Int) -> String {
        let from = i == 0 ? 0 : Int(noteEnds[i - 1])
        return String(decoding: noteBytes[from..<Int(noteEnds[i])], as: UTF8.self)
    }
    public func tags(ofRow i: Int) -> [String] { tagsOfRow[Int32(i)] ?? [] }
    public func id(ofRow i: Int) -> SessionID { ids?[i] ?? .unassigned }
    public var hasTags: Bool { !tagsOfRow.isEmpty }
    /// Whether any row carries its own id.
    public var hasIDs: Bool { ids != nil }

    public func row(_ i: Int) -> ImportedRow {
        ImportedRow(line: Int(lines[i]), start: start(ofRow: i), seconds: Int(seconds[i]), course: name(ofRow: i), note: note(ofRow: i),
                    title: titles[Int(nameNumbers[i])], tags: tags(ofRow: i), id: id(ofRow: i))
    }

    /// Every row as one value: for small histories and tests (a long one is read by column).
    public var rows: [ImportedRow] { (0..<count).map(row) }
}

/// A credential read from a badge file (Open Badges 3.0), with what it says about the course it records.
public struct ImportedCredential: Hashable, Sendable {
    public var badgeID: String?
    public var name: String
    public var about: String
    public var issuer: String
    public var issued: LocalDate
    public var expires: LocalDate?
    public var credits: Double?
    public var field: String
    public var level: String?
    public var skills: [String]
    public var grade: String?
    public var achievementType: String?

    public init(badgeID: String?, name: String, about: String, issuer: String, issued: LocalDate, expires: LocalDate?, credits: Double?,
                field: String, level: String?, skills: [String], grade: String?, achievementType: String?) {
        self.badgeID = badgeID; self.name = name; self.about = about; self.issuer = issuer; self.issued = issued
        self.expires = expires; self.credits = credits; self.field = field; self.level = level; self.skills = skills
        self.grade = grade; self.achievementType = achievementType
    }

    /// Imported, so marked unverified: credstack does not check the badge's signature.
    public var credential: Credential {
        Credential(awardedBy: issuer, issued: issued, expires: expires, credentialID: badgeID,
                   url: badgeID.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil },
                   credits: credits, assessment: achievementType, grade: grade, unverified: true)
    }

    /// The learner's course this badge is for: the one named, else the one holding a credential with the
    /// same id, else one with the same title.
    public func matchingCourse(in learner: Learner, courseID: String?) -> Course? {
        if let courseID { return learner.course(courseID) }
        if let badgeID, let c = learner.courses.first(where: { $0.credential?.credentialID == badgeID }) { return c }
        return learner.courses.first { $0.title.lowercased() == name.lowercased() }
    }

    /// The changes the badge makes to a course: the learner's own values kept, empty ones filled.
    public func patch(for existing: Course?) -> CoursePatch {
        let c = existing ?? Course(id: "", title: name)
        var patch = CoursePatch()
        if existing == nil { patch.set(.title(name)) }
        if c.provider.isEmpty { patch.set(.provider(issuer)) }
        if c.category.isEmpty, !field.isEmpty { patch.set(.category(field)) }
        if c.level == nil, let level { patch.set(.level(level)) }
        if c.about.isEmpty, !about.isEmpty { patch.set(.about(about)) }
        if c.credits == nil, let credits { patch.set(.credits(credits)) }
        let added = skills.filter { !c.skills.contains($0) }
        if !added.isEmpty { patch.set(.skills(c.skills + added)) }
        if c.status != .completed { patch.set(.status(.completed)) }
        return patch
    }
}
