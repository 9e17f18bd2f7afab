import CredStackCore
import CredStackStore

/// Every change a learner can make to the store, as a value. The command line parses its arguments into
/// one; the dashboard's forms, dialogs and keys build the same; `Operations.perform` is the only code that
/// changes the store. An operation that acts on something the dashboard showed carries what it showed (a
/// record's version, the sessions a dialog listed, the timer it saw) and is refused when that changed.
public enum StoreOperation: Equatable, Sendable {
    case addCourse(Course)
    /// Only the fields in the patch are written.
    case editCourse(id: String, CoursePatch, expected: RecordVersion?)
    /// `sessions`: delete exactly these with the course (what the dialog listed; the operation refuses if the
    /// course has others now); nil refuses when the course has any, `.all` deletes whatever it has.
    case removeCourse(id: String, sessions: SessionSelection, expected: RecordVersion?)
    case recordCredential(courseID: String, CredentialPatch, mode: CredentialMode, expected: RecordVersion?)
    case removeCredential(courseID: String, expected: RecordVersion?)
    /// nil pathway undoes a redemption.
    case redeemCredential(courseID: String, pathwayID: String?, expected: RecordVersion?)
    case logSession(SessionDraft)
    case editSession(SessionRef, SessionPatch, expected: StudySession?)
    case removeSession(SessionRef, expected: StudySession?)
    case startTimer(courseID: String, at: Timestamp, note: String, expectedRunning: SessionID?)
    /// `at`: when the study really ended (nil: now). `expected`: the timer the dashboard showed.
    case stopTimer(at: Int64?, expected: SessionID?)
    case cancelTimer(expected: SessionID?)
    /// Stop the running timer (logging it) and start one on another course, as timewarrior's `start` does.
    case switchTimer(courseID: String, at: Timestamp, note: String, expected: SessionID?)
    case setProfile(ProfilePatch)
    case followPathway(Pathway)
    case dropPathway(id: String, expected: RecordVersion?)
    /// Rows that overlap a session (in the log or earlier in the file) are skipped unless `allowOverlap`;
    /// no day ever gets more than 24h.
    case importHistory(ImportedHistory, source: String, dryRun: Bool, allowOverlap: Bool = false)
    case importBadge(ImportedCredential, courseID: String?, replace: Bool, dryRun: Bool)
    /// A course for every id the log names that has none (their files were lost): `credstack init --recover`.
    case recoverCourses
    /// A whole record file, checked, replacing the one at `expected` (`credstack edit`).
    case replaceRecord(RecordKey, bytes: [UInt8], expected: RecordVersion)
    /// A catalog file, checked and kept in the store as given (`catalogs/ID.toml`); `replace` allows one of
    /// that id to be there already.
    case addCatalog(id: String, bytes: [UInt8], source: String, replace: Bool)
    case removeCatalog(id: String)
}

public enum SessionSelection: Equatable, Sendable {
    case none
    case all
    /// These sessions as they were shown (an edit of one since counts as a change).
    case exactly(Set<StudySession>)
}

public enum CredentialMode: Equatable, Sendable {
    /// The course must have none.
    case new
    /// Whatever the course had goes; the patch is the whole new credential.
    case replace
    /// Changes to the one the course has (or a new one when it has none): only the patch's fields.
    case edit
}

/// A session to log. `start` nil: it just ended.
public struct SessionDraft: Equatable, Sendable {
    public var courseID: String
    public var seconds: Int
    public var start: Timestamp?
    public var note: String
    public var allowOverlap: Bool

    public init(courseID: String, seconds: Int, start: Timestamp? = nil, note: String = "", allowOverlap: Bool = false) {
        self.courseID = courseID
        self.seconds = seconds
        self.start = start
        self.note = note
        self.allowOverlap = allowOverlap
    }
}

/// How a learner names a session: its id (or a unique start of it), or `@N`, the Nth most recent.
public enum SessionRef: Equatable, Sendable, CustomStringConvertible {
    case id(String)
    case recent(Int)

    public init?(_ text: String) {
        let t = text.trimmed.lowercased()
        if t.hasPrefix("@") {
            guard case .success(let n) = FieldText.integer(String(t.dropFirst()), in: 1...Int(Int32.max)) else { return nil }
            self = .recent(n)
        } else {
            let id = t.hasPrefix("#") ? String(t.dropFirst()) : t
            guard id.count >= 3, id.count <= SessionID.length, id.utf8.allSatisfy(SessionID.isIDByte) else { return nil }
            self = .id(id)
        }
    }

    public var description: String {
        switch self {
        case .id(let t): return t
        case .recent(let n): return "@\(n)"
        }
    }
}

public struct SessionPatch: Equatable, Sendable {
    public var start: Timestamp?
    public var seconds: Int?
    public var courseID: String?
    public var note: String?
    public var allowOverlap: Bool

    public init(start: Timestamp? = nil, seconds: Int? = nil, courseID: String? = nil, note: String? = nil, allowOverlap: Bool = false) {
        self.start = start
        self.seconds = seconds
        self.courseID = courseID
        self.note = note
        self.allowOverlap = allowOverlap
    }

    public var isEmpty: Bool { start == nil && seconds == nil && courseID == nil && note == nil }

    public func applied(to s: StudySession) -> StudySession {
        var out = s
        if let start { out.start = start }
        if let seconds { out.durationSeconds = seconds }
        if let courseID { out.courseID = courseID }
        if let note { out.note = note }
        return out
    }
}
