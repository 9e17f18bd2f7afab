import CredStackCore
import CredStackStore

/// What an operation did, as data each front shows in its own way (`summary` is the shared sentence).
public enum Outcome: Equatable, Sendable {
    case courseAdded(Course)
    case courseEdited(Course, changed: [CourseField])
    case courseRemoved(id: String, sessions: Int)
    case credentialRecorded(courseID: String, Credential, replaced: Bool, today: LocalDate)
    case credentialRemoved(courseID: String)
    case credentialRedeemed(courseID: String, pathwayID: String?)
    /// With the status of its course, which a note mentions when the course is over (completed, dropped).
    case sessionLogged(StudySession, courseStatus: CourseStatus)
    case sessionEdited(before: StudySession, after: StudySession)
    case sessionRemoved(StudySession)
    case timerStarted(RunningTimer, stopped: StudySession?)
    /// `alreadyLogged`: an earlier stop logged it and was interrupted before the timer was cleared.
    case timerStopped(StudySession, alreadyLogged: Bool)
    case timerCancelled(RunningTimer)
    /// A `timer.toml` that did not read, removed (what was wrong with it).
    case brokenTimerDropped(String)
    /// Stopped under a minute after it started: nothing logged.
    case timerTooShort(RunningTimer, seconds: Int)
    case profileSaved(Profile, changed: Bool)
    case pathwayFollowed(Pathway, warnings: [String])
    /// With the courses whose credits stay redeemed for it (and so for its award).
    case pathwayDropped(id: String, award: String, redeemed: [String])
    case imported(ImportReport)
    case badgeImported(BadgeReport)
    case recordReplaced(RecordKey)
    case coursesRecovered([String])
    case catalogAdded(Catalog, replaced: Bool)
    case catalogRemoved(id: String)
    case nothingChanged(String)

    public var summary: String {
        switch self {
        case .courseAdded(let c): return "Added \(c.id): \(c.title)."
        case .courseEdited(let c, let fields):
            return fields.isEmpty ? "Nothing changed in \(c.id)." : "Saved \(c.id): \(fields.map { $0.label.lowercased() }.joined(separator: ", "))."
        case .courseRemoved(let id, let n): return "Removed \(id)" + (n > 0 ? " and its \(n) session\(n == 1 ? "" : "s")." : ".")
        case .credentialRecorded(let id, let credential, let replaced, let today):
            let future = credential.issued > today ? " Issued \(credential.issued), after today: it counts toward pathways from that day." : ""
            return (replaced ? "Replaced the credential of \(id)." : "Recorded the credential for \(id).") + future
        case .credentialRemoved(let id): return "Removed the credential of \(id)."
        case .credentialRedeemed(let id, let p):
            return p.map { "\(id)'s credits are marked as redeemed for \($0)." } ?? "\(id)'s credits are no longer marked as redeemed."
        case .sessionLogged(let s, let status):
            let over = status == .completed || status == .dropped ? " Note: \(s.courseID) is marked \(status.rawValue)." : ""
            return "Logged \(StudyDuration.label(seconds: s.durationSeconds)) on \(s.courseID) (session \(s.id))." + over
        // The year too: an edit may move a session years back, and a removed one may be from any year.
        case .sessionEdited(_, let s):
            return "Saved session \(s.id): \(StudyDuration.label(seconds: s.durationSeconds)) on \(s.courseID) from \(s.start.local.date.shortLabel) \(s.start.local.date.year) \(s.start.clockLabel)."
        case .sessionRemoved(let s):
            return "Removed session \(s.id): \(StudyDuration.label(seconds: s.durationSeconds)) on \(s.courseID) from \(s.start.local.date.shortLabel) \(s.start.local.date.year) \(s.start.clockLabel)."
        case .timerStarted(let t, let stopped):
            let before = stopped.map { "Logged \(StudyDuration.label(seconds: $0.durationSeconds)) on \($0.courseID). " } ?? ""
            return before + "Timer started on \(t.courseID) at \(t.started.clockLabel)."
        case .timerStopped(let s, let already):
            return already ? "The timer's \(StudyDuration.label(seconds: s.durationSeconds)) on \(s.courseID) was already logged (session \(s.id)); the timer is cleared."
                           : "Logged \(StudyDuration.label(seconds: s.durationSeconds)) on \(s.courseID) (from \(s.start.clockLabel), session \(s.id))."
        case .timerCancelled(let t): return "Timer on \(t.courseID) cancelled; nothing logged."
        case .brokenTimerDropped(let problem): return "Removed a timer file that did not read (\(problem)); nothing logged."
        case .timerTooShort(let t, let seconds): return "The timer on \(t.courseID) ran \(seconds)s, under a minute: nothing logged."
        case .profileSaved(_, let changed): return changed ? "Profile saved." : "The profile already says that; nothing changed."
        case .pathwayFollowed(let p, _): return "Following \(p.name) (\(p.id)): \(CreditFormat.label(p.totalCredits)) credits."
        case .pathwayDropped(let id, let award, let redeemed):
            return "No longer following \(id); your courses and credentials are unchanged."
                + (redeemed.isEmpty ? "" : " Credits of \(redeemed.joined(separator: ", ")) stay redeemed for it, and still count where a pathway stacks on \(award).")
        case .imported(let r): return r.headline
        case .badgeImported(let r): return r.saved ? "Saved the badge on \(r.courseID)." : "Nothing saved (--dry-run)."
        case .recordReplaced(let key): return "Saved \(key)."
        case .catalogAdded(let c, let replaced):
            return "\(replaced ? "Replaced" : "Added") catalog \(c.id): \(c.name), \(c.courses.count) course\(c.courses.count == 1 ? "" : "s")."
                + (c.example ? " (It says it is example data.)" : "")
        case .catalogRemoved(let id): return "Removed catalog \(id) from your store."
        case .coursesRecovered(let ids):
            return ids.isEmpty ? "Every course the log names is there; nothing to recover."
                : "Made \(ids.count) course\(ids.count == 1 ? "" : "s") back from the log: \(ids.joined(separator: ", ")) (titles are their ids: credstack course edit ID --title ...)."
        case .nothingChanged(let why): return why
        }
    }
}

/// What an import read, added and skipped, row by row.
public struct ImportReport: Equatable, Sendable {
    public var source: String
    public var unit: String
    public var dryRun: Bool
    public var importedCount: Int
    public var importedSeconds: Int
    public var newCourses: [Course]
    public var skipped: [ImportedHistory.Skip]

    public var headline: String {
        var head = "\(dryRun ? "Would import" : "Imported") \(importedCount) session\(importedCount == 1 ? "" : "s") (\(StudyDuration.label(seconds: importedSeconds))) from \(source)"
        if !newCourses.isEmpty { head += "; new courses: " + newCourses.map { "\($0.id) (\($0.title))" }.joined(separator: ", ") }
        return head + (skipped.isEmpty ? "." : "; skipped \(skipped.count):")
    }

    /// The headline, the skipped rows with their reasons (the first 30), and the dry-run note.
    public var lines: [String] {
        var out = [headline]
        for s in skipped.sorted(by: { $0.line < $1.line }).prefix(30) { out.append("  \(unit) \(s.line): \(s.reason)") }
        if skipped.count > 30 { out.append("  ... and \(skipped.count - 30) more") }
        if dryRun { out.append("Nothing saved (--dry-run).") }
        return out
    }
}

public struct BadgeReport: Equatable, Sendable {
    public var courseID: String
    public var before: Course?
    public var after: Course
    public var saved: Bool
}
