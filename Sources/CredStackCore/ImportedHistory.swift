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

/// Rows that read, and rows that did not with the reason, by line (or entry) number.
public struct ImportedHistory: Hashable, Sendable {
    /// What the numbers count: "line" in a CSV file, "entry" in a JSON list.
    public var unit: String
    public var rows: [ImportedRow] = []
    public var skipped: [Skip] = []

    public struct Skip: Hashable, Sendable {
        public var line: Int
        public var reason: String
        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    public init(unit: String) { self.unit = unit }

    public mutating func skip(_ line: Int, _ reason: String) { skipped.append(Skip(line: line, reason: reason)) }

    /// Checks a start and a length against the rules every session follows, then keeps the row or says why not.
    public mutating func add(line: Int, start: Timestamp, seconds: Int, course: String, note: String, title: String = "", tags: [String] = [],
                             id: SessionID = .unassigned) {
        if seconds <= 0 { return skip(line, "the session ends before it starts") }
        if seconds > Limits.sessionSeconds { return skip(line, "longer than one session may be (24h): \(StudyDuration.label(seconds: seconds))") }
        if course.trimmed.isEmpty { return skip(line, "no course") }
        rows.append(ImportedRow(line: line, start: start, seconds: seconds, course: course.trimmed, note: note, title: title, tags: tags, id: id))
    }
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
