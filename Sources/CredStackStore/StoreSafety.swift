#if canImport(Glibc)
import Glibc
#endif

/// The store is private data on what may be a shared machine. As OpenSSH treats `~/.ssh`, credstack will not
/// write into a folder (or through a file) that another user owns or that others can write: a planted link
/// or file there could make it write somewhere else, or read records someone else put there.
enum StoreSafety {
    /// Why `path` is not safe to write through, or nil. `st` is its status (links followed).
    static func problem(_ path: String, isFolder: Bool) -> String? {
        guard let st = POSIXFile.status(path) else { return nil }
        let me = geteuid()
        let what = isFolder ? "folder" : "file"
        if st.st_uid != me {
            return "this \(what) belongs to another user (uid \(st.st_uid)); credstack only writes to your own files (copy the store instead)"
        }
        if st.st_mode & 0o022 != 0 {
            let who = st.st_mode & 0o002 != 0 ? "every user" : "its group"
            let fix = isFolder ? "chmod 700 \(path)" : "chmod 600 \(path)"
            return "\(who) can write to this \(what), so another user could change your records or plant a link; run `\(fix)` and try again"
        }
        return nil
    }

    /// Refuses a write unless the store folder, and each file it writes through, is the learner's alone.
    static func checkWritable(_ layout: StoreLayout, files: [String]) throws(StoreError) {
        if let problem = problem(layout.directory, isFolder: true) { throw .unsafe(path: layout.directory, reason: problem) }
        for dir in [layout.courses, layout.pathways, layout.catalogs] where files.contains(where: { $0.hasPrefix(dir + "/") }) {
            if let problem = problem(dir, isFolder: true) { throw .unsafe(path: dir, reason: problem) }
        }
        for file in files {
            guard let target = try? POSIXFile.writeTarget(file), target != file else {
                if let problem = problem(file, isFolder: false) { throw .unsafe(path: file, reason: problem) }
                continue
            }
            // A link: its target and the folder the target lives in must be the learner's too.
            if let problem = problem(target, isFolder: false) { throw .unsafe(path: file, reason: "links to \(target): " + problem) }
            let folder = POSIXFile.parent(target)
            if let problem = problem(folder, isFolder: true) { throw .unsafe(path: file, reason: "links into \(folder): " + problem) }
        }
    }

    /// For reads: what the learner should know (shown, not fatal).
    static func warnings(_ layout: StoreLayout) -> [String] {
        problem(layout.directory, isFolder: true).map { ["\(layout.directory): \($0)"] } ?? []
    }
}
