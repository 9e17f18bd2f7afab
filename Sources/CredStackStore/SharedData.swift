import CredStackCore
#if canImport(Glibc)
import Glibc
#endif

/// Where pathway templates, themes and catalogs come from, the XDG way, so an institution's files reach every
/// learner on a lab machine without copying: the learner's own folder first (`$XDG_CONFIG_HOME/credstack/KIND`,
/// else `~/.config/credstack/KIND`), then each `$XDG_DATA_DIRS` entry's `credstack/KIND` (default
/// `/usr/local/share:/usr/share`), then what is built in. The first file named `NAME.toml` wins.
public enum SharedData {
    public enum Kind: String, Sendable { case pathways, themes, catalogs }

    public enum Origin: Equatable, Sendable {
        case learner(String)
        case system(String)
        case builtIn

        public var isLearners: Bool { if case .learner = self { return true } else { return false } }

        /// Where it came from, as listings say it.
        public var label: String {
            switch self {
            case .learner(let path): return "yours, \(path)"
            case .system(let path): return "shared, \(path)"
            case .builtIn: return "built in"
            }
        }
    }

    /// The folders to look in, in order, each with the origin its files have.
    public static func folders(_ kind: Kind, environment: [String: String]) -> [(folder: String, learner: Bool)] {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? ((environment["HOME"] ?? "") + "/.config")
        let dataDirs = (environment["XDG_DATA_DIRS"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local/share:/usr/share")
            .split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
        return [(config + "/credstack/" + kind.rawValue, true)] + dataDirs.map { ($0 + "/credstack/" + kind.rawValue, false) }
    }

    /// A file found for a name: where, and how it came.
    public struct Found: Sendable {
        public var name: String
        public var path: String
        public var origin: Origin
    }

    /// Every `NAME.toml` in the folders, in lookup order; a name found twice is listed where it is used only.
    /// Names that are not ids (`a b.toml`, `../x.toml`) and anything not a regular file are left out.
    public static func files(_ kind: Kind, environment: [String: String]) -> [Found] { scan(kind, environment: environment).files }

    /// The files, and why a folder that is there could not be read (an administrator's umask of 077 makes
    /// a shared folder invisible to learners: that is said, not silently empty).
    public static func scan(_ kind: Kind, environment: [String: String]) -> (files: [Found], problems: [String]) {
        var seen = Set<String>()
        var out: [Found] = []
        var problems: [String] = []
        for (folder, learner) in folders(kind, environment: environment) {
            let (names, problem) = entries(of: folder)
            if let problem { problems.append(problem) }
            for entry in names.sorted() where entry.hasSuffix(".toml") {
                let name = String(entry.dropLast(5))
                let path = folder + "/" + entry
                guard Course.isValidID(name), isRegularFile(path), seen.insert(name).inserted else { continue }
                out.append(Found(name: name, path: path, origin: learner ? .learner(path) : .system(path)))
            }
        }
        return (out, problems)
    }

    /// The file a name means, in lookup order; nil when no folder has one.
    public static func file(named name: String, _ kind: Kind, environment: [String: String]) -> Found? {
        guard Course.isValidID(name) else { return nil }
        return files(kind, environment: environment).first { $0.name == name }
    }

    static func entries(of folder: String) -> (names: [String], problem: String?) {
        guard let dir = opendir(folder) else {
            let code = errno
            return ([], code == ENOENT || code == ENOTDIR ? nil : "\(folder): cannot be read (\(String(cString: strerror(code)))); its files are not offered")
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if name != "." && name != ".." { names.append(name) }
        }
        return (names, nil)
    }

    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }
}
