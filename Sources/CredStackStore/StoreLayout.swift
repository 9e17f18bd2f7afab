import CredStackCore

/// Where each record lives in a format 2 store: one file per record, so two machines that change different
/// records never touch the same file (git merges them without conflicts).
///
///     profile.toml          format = 2, the learner's name, goal, week, zone, theme
///     courses/ID.toml       one course and its credential
///     pathways/ID.toml      one pathway followed and its rules
///     sessions.log          the study log, one session a line (merge=union in git)
///     timer.toml            the running timer, while there is one (machine-local)
///     catalogs/ID.toml      catalogs the learner added (`credstack catalog add`), as they were given
public struct StoreLayout: Sendable {
    public static let formatVersion = 2

    public let directory: String
    public var profile: String { directory + "/profile.toml" }
    public var courses: String { directory + "/courses" }
    public var pathways: String { directory + "/pathways" }
    public var log: String { directory + "/sessions.log" }
    public var timer: String { directory + "/timer.toml" }
    public var catalogs: String { directory + "/catalogs" }
    public func catalog(_ id: String) -> String { catalogs + "/" + id + ".toml" }
    var lock: String { directory + "/.lock" }
    /// There while an append runs: one a killed append leaves says the log's unterminated last line was cut.
    /// Named like a temp file, so the `.gitignore` of every store already leaves it out.
    var appendMarker: String { directory + "/.sessions.log.tmp-append" }
    /// The log's checkpoint (`SessionIndex`): disposable, machine-local, left out of git the same way.
    var sessionIndex: String { directory + "/.sessions.log.tmp-index" }
    /// An edit of the log's tail in progress (`LogJournal`): one a crash leaves is finished by the next command.
    var logJournal: String { directory + "/.sessions.log.tmp-journal" }
    /// A format 1 store's single file.
    public var legacyLearner: String { directory + "/learner.toml" }

    public func path(of record: RecordKey) -> String {
        switch record {
        case .profile: return profile
        case .course(let id): return courses + "/" + id + ".toml"
        case .pathway(let id): return pathways + "/" + id + ".toml"
        case .timer: return timer
        }
    }

    /// The path as messages show it: relative to the store (`courses/aws-cloud.toml`).
    public func relative(_ path: String) -> String {
        path.hasPrefix(directory + "/") ? String(path.dropFirst(directory.count + 1)) : path
    }
}

/// One record file of the store.
public enum RecordKey: Hashable, Sendable, CustomStringConvertible {
    case profile
    case course(String)
    case pathway(String)
    case timer

    public var description: String {
        switch self {
        case .profile: return "the profile"
        case .course(let id): return "course \(id)"
        case .pathway(let id): return "pathway \(id)"
        case .timer: return "the timer"
        }
    }
}

/// What a record's file held when it was read (a hash of its bytes; 0 when there was no file). An action
/// carries the version it was shown and is refused when the file changed since ("changed elsewhere").
public typealias RecordVersion = UInt64

enum ContentHash {
    static func of(_ bytes: [UInt8]?) -> RecordVersion {
        guard let bytes else { return 0 }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h == 0 ? 1 : h
    }
}
