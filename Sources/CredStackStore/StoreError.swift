#if canImport(Glibc)
import Glibc
#endif
/// Everything that can go wrong with the store, each saying what and where in words a learner can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// A file that does not read: `path:line:col: message`.
    case malformed(path: String, line: Int, column: Int, message: String)
    /// The operating system refused (`errno`).
    case io(path: String, action: String, code: Int32)
    case notInitialized(directory: String)
    /// The profile is gone but a study log is there: the learner's minutes must not be started over.
    case profileLost(directory: String)
    /// A request that conflicts with what is on disk (a course id that exists, no timer to stop...).
    case rejected(String)
    /// What an action was based on changed on disk since it was shown.
    case changedElsewhere(String)
    /// The store is not safe to write (others can write it, it belongs to someone else, a planted link).
    case unsafe(path: String, reason: String)
    /// Another process holds the store's lock and the caller chose not to wait.
    case busy(String)

    public var description: String {
        switch self {
        case let .malformed(path, line, column, message): return "\(path):\(line):\(column): \(message)"
        case let .io(path, action, code): return "cannot \(action) \(path): \(POSIXText.describe(code))"
        case let .notInitialized(dir):
            var st = stat()
            if stat(dir, &st) == 0, (st.st_mode & S_IFMT) != S_IFDIR {
                return "\(dir) is a file, not a store folder; pass --store with a folder (credstack init --store DIR creates one)"
            }
            return "no credstack store at \(dir); run `credstack init` to create one (or pass --store DIR)"
        case let .profileLost(dir): return "\(dir) holds a study log but no profile.toml (lost or deleted?); run `credstack init --recover` to rebuild the profile and every missing course from the log"
        case let .rejected(message): return message
        case let .changedElsewhere(message): return message
        case let .unsafe(path, reason): return "\(path): \(reason)"
        case let .busy(message): return message
        }
    }

    /// sysexits: 65 bad data, 66 no input, 73 cannot create, 74 I/O error, 75 temporary failure, 77 no
    /// permission, 1 otherwise.
    public var exitCode: Int32 {
        switch self {
        case .malformed: return 65
        case .notInitialized, .profileLost: return 66
        case .io(_, _, let code): return code == 13 || code == 1 ? 77 : 74
        case .rejected, .changedElsewhere: return 1
        case .unsafe: return 77
        case .busy: return 75
        }
    }
}
