import CredStackCore
import CredStackTOML
#if canImport(Glibc)
import Glibc
#endif

/// Format 1 kept everything but the log in one `learner.toml`; format 2 keeps one file per record. The move
/// happens once, under the lock: the new files are written beside the old one, `profile.toml` last (its
/// presence is what makes a store format 2), then `learner.toml` is kept as a dated backup. A move that
/// fails part-way removes what it wrote and leaves format 1 as it was.
enum Migration {
    struct Legacy {
        var records: Store.Records
        /// The format 2 files that hold the same records, by path, in the order they are written.
        var files: [(path: String, bytes: [UInt8])]
    }

    static func readLegacy(_ layout: StoreLayout) throws(StoreError) -> Legacy {
        let path = layout.legacyLearner
        guard let bytes = try POSIXFile.read(path, limit: 4 * POSIXFile.recordLimit) else { throw .notInitialized(directory: layout.directory) }
        let store = Store(directory: layout.directory)
        if !bytes.contains(where: { $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 }) {
            throw .malformed(path: path, line: 1, column: 1, message: "the file is empty; expected format = 1 and a [profile] (restore it from a backup; nothing was changed)")
        }
        let doc = try store.parse(bytes, path: path)
        return try store.decoded(path, doc) { doc throws(FieldError) in try decode(doc, layout: layout) }
    }

    private static func decode(_ doc: TOMLDocument, layout: StoreLayout) throws(FieldError) -> Legacy {
        let root = FieldReader(doc.root, in: doc, name: "the file")
        guard doc.root.entry("format") != nil else {
            throw root.error(at: 0, "expected format = 1 at the top of the file (every learner file credstack writes has it)")
        }
        if let version = try root.int("format", in: 1...Int.max), version > 1 {
            throw root.error(at: root.position(of: "format"), "format \(version) in learner.toml is newer than this credstack reads; upgrade credstack before using this store")
        }
        var records = Store.Records(learner: Learner(), docs: [:], versions: [:], warnings: [])
        var files: [(String, [UInt8])] = []
        func edited(_ body: () throws -> Void) throws(FieldError) {
            do { try body() } catch { throw FieldError(line: 1, column: 1, message: "cannot carry this over to format 2: \(error)") }
        }

        var profileDoc = try! TOMLDocument(text: "")
        if let table = try root.table("profile") {
            let r = FieldReader(table, in: doc, name: "[profile]", anchor: doc.root.entry("profile")!.value.span.lowerBound)
            records.learner.profile = try ProfileCodec.profile(r)
        }
        try edited { profileDoc = try ProfileCodec.newDocument(records.learner.profile) }
        // Keys and tables this version does not know stay, in profile.toml.
        let profileKeys: Set<String> = ["name", "weekly_goal_minutes", "week_start", "time_zone", "theme", "mouse", "timer_limit_minutes"]
        for entry in (try root.table("profile"))?.entries ?? [] where !profileKeys.contains(entry.key) {
            try edited { try profileDoc.set(entry.key, TOMLLiteral(entry.value)) }
        }
        for entry in doc.root.entries where !["format", "profile", "course", "pathway"].contains(entry.key) {
            try edited { try profileDoc.set(entry.key, TOMLLiteral(entry.value)) }
        }

        for element in try elements(root, "course") {
            let r = FieldReader(element.table, in: doc, name: "[[course]]", anchor: element.span.lowerBound)
            let id = try r.string("id", required: true)!
            guard Course.isValidID(id) else { throw r.error(at: r.position(of: "id"), "id: expected \(Course.idForm), found \"\(id)\"") }
            if records.learner.course(id) != nil {
                throw r.error(at: r.position(of: "id"), "the course id \"\(id)\" is used twice; ids must be unique")
            }
            let course = try CourseCodec.decode(r, id: id)
            records.learner.courses.append(course)
            var courseDoc = try! TOMLDocument(text: "")
            try edited {
                courseDoc = try CourseCodec.newDocument(course)
                for entry in element.table.entries where !CourseCodec.keys.contains(entry.key) {
                    try courseDoc.set(entry.key, TOMLLiteral(entry.value))
                }
                for entry in element.table["credential"]?.table?.entries ?? [] where !CourseCodec.credentialKeys.contains(entry.key) {
                    try courseDoc.set(entry.key, TOMLLiteral(entry.value), in: ["credential"])
                }
            }
            files.append((layout.path(of: .course(id)), courseDoc.bytes))
        }
        for element in try elements(root, "pathway") {
            let r = FieldReader(element.table, in: doc, name: "[[pathway]]", anchor: element.span.lowerBound)
            let pathway = try PathwayCodec.decode(r, id: nil)
            if records.learner.pathway(pathway.id) != nil {
                throw r.error(at: r.position(of: "id"), "the pathway id \"\(pathway.id)\" is used twice")
            }
            records.learner.pathways.append(pathway)
            var pathwayDoc = try! TOMLDocument(text: "")
            try edited {
                pathwayDoc = try PathwayCodec.newDocument(pathway)
                for entry in element.table.entries where !PathwayCodec.keys.contains(entry.key) {
                    try pathwayDoc.set(entry.key, TOMLLiteral(entry.value))
                }
            }
            files.append((layout.path(of: .pathway(pathway.id)), pathwayDoc.bytes))
        }
        records.learner.courses.sort { $0.id < $1.id }
        records.learner.pathways.sort { $0.id < $1.id }
        files.append((layout.profile, profileDoc.bytes))
        return Legacy(records: records, files: files)
    }

    private static func elements(_ r: FieldReader, _ key: String) throws(FieldError) -> [(table: TOMLTable, span: Range<Int>)] {
        guard let entry = r.table.entry(key) else { return [] }
        guard case .tableArray(let items) = entry.value.kind else {
            throw r.error(at: entry.value.span.lowerBound, "expected [[\(key)]] tables; a [\(key).…] table must come after the [[\(key)]] it belongs to")
        }
        return items.compactMap { v in v.table.map { ($0, v.span) } }
    }
}

extension Store {
    /// Moves a format 1 store to format 2 (see `Migration`); returns the note to show once, or nil when
    /// another process did it first.
    func migrate(wait: Bool) throws(StoreError) -> String? {
        try StoreSafety.checkWritable(layout, files: [])
        let lock = try FileLock(path: layout.lock, exclusive: true, wait: wait)
        defer { withExtendedLifetime(lock) {} }
        if try format() == .current { return nil }
        let legacy = try Migration.readLegacy(layout)
        // The log and the timer must read against the records before anything is written.
        _ = try scanLog(against: legacy.records.learner) { _, _ in }
        _ = try readTimer(against: legacy.records.learner)
        try StoreSafety.checkWritable(layout, files: legacy.files.map(\.path))
        var written: [String] = []
        var madeFolders: [String] = []
        do {
            for folder in [layout.courses, layout.pathways] where !POSIXFile.isDirectory(folder) {
                try POSIXFile.makeDirectory(folder)
                madeFolders.append(folder)
            }
            for file in legacy.files {
                try POSIXFile.atomicReplace(file.path, with: file.bytes)
                written.append(file.path)
            }
        } catch {
            for path in written { unlink(path) }
            for folder in madeFolders.reversed() { rmdir(folder) }
            throw error
        }
        let today = LocalDate(daysSinceEpoch: Int(time(nil) / 86_400))
        var backup = layout.legacyLearner + ".format1-\(today).bak"
        var n = 2
        while POSIXFile.status(backup, follow: false) != nil { backup = layout.legacyLearner + ".format1-\(today)-\(n).bak"; n += 1 }
        if rename(layout.legacyLearner, backup) != 0 { throw .io(path: layout.legacyLearner, action: "keep as a backup", code: errno) }
        POSIXFile.fsyncDirectory(directory)
        _ = try? writeGitFiles()
        return "moved this store to format 2 (one file per course in courses/, per pathway in pathways/, and profile.toml, so git syncs "
            + "them without conflicts); the old learner.toml is kept as \(layout.relative(backup))"
    }
}
