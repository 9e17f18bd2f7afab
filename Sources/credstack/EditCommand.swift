import ArgumentParser
import CredStackCore
import CredStackOperations
import CredStackStore
import Foundation

/// `credstack edit`: hand edits made safe the way `visudo` and `crontab -e` make them: the editor works
/// on a private copy; the copy is checked when the editor exits; it replaces the record only if the record
/// did not change meanwhile; a copy that does not read is offered back, kept, or thrown away.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit a record in your editor, checked before it is saved: credstack edit course ID (or profile, or pathway ID).",
        discussion: """
        Opens $VISUAL, else $EDITOR, else nano (or vi) on a private copy. When the editor exits the copy is \
        checked; a mistake is shown as file:line:col and you can edit again, keep the copy, or discard it. The \
        record is replaced only if nothing changed it meanwhile; otherwise your copy is kept and its path shown.
        """)
    enum What: String, ExpressibleByArgument, CaseIterable { case profile, course, pathway }

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "What to edit.") var what: What
    @Argument(help: ArgumentHelp("The course or pathway id.", valueName: "ID")) var id: String?

    func validate() throws {
        if (what == .profile) != (id == nil) {
            throw ValidationError(what == .profile ? "credstack edit profile takes no id" : "say which \(what.rawValue): credstack edit \(what.rawValue) ID")
        }
    }

    func run() throws {
        let ctx = try storeOptions.context()
        let key: RecordKey
        switch what {
        case .profile: key = .profile
        case .course: key = .course((try? ctx.course(id!)) ?? id!)
        case .pathway: key = .pathway(id!)
        }
        let path = ctx.store.layout.path(of: key)
        // A record that does not read can be edited too: that is how it gets fixed.
        do {
            let learner = try ctx.learner()
            if case .course(let c) = key, learner.course(c) == nil { throw Failure.usage(CourseLookup.unknown(c, in: learner)) }
            if case .pathway(let p) = key { _ = try PathwayCommand.find(p, in: learner) }
        } catch StoreError.malformed(let broken, _, _, let message) where broken == path {
            Output.warn("\(ctx.store.layout.relative(path)) does not read (\(message)); opening it so you can fix it")
        }
        guard let original = FileManager.default.contents(atPath: path).map([UInt8].init) else {
            throw Failure("no \(ctx.store.layout.relative(path)) to edit", .noInput)
        }
        let version = try ctx.store.currentVersion(of: key)
        let copy = try PrivateCopy(name: (path as NSString).lastPathComponent, bytes: original)

        while true {
            let status = Editor.run(on: copy.path)
            guard FileManager.default.fileExists(atPath: copy.path) else {
                copy.remove()
                throw Failure("the editor removed the copy; nothing was saved", .refused)
            }
            guard status == 0 else {
                Output.line("The editor exited with status \(status); nothing was saved. Your copy is kept at \(copy.path)")
                throw Failure("edit not applied", .refused)
            }
            let edited = copy.read()
            if edited == original {
                copy.remove()
                Output.line("No changes.")
                return
            }
            do {
                Output.line(try ctx.perform(.replaceRecord(key, bytes: edited, expected: version)).summary)
                copy.remove()
                return
            } catch let e as OperationError where e.kind == .changedElsewhere {
                throw Failure("\(ctx.store.layout.relative(path)) changed elsewhere while you edited it; nothing was saved. Your copy is kept at \(copy.path)", .refused)
            } catch let e as OperationError {
                // The mistake is in the copy being edited: name it.
                Output.error(e.message.replacingOccurrences(of: path, with: copy.path))
                switch Prompt.choose("(e)dit again, (k)eep the copy, or (d)iscard it? [e/k/d] ", ["e", "k", "d"]) {
                case "e": continue
                case "d":
                    copy.remove()
                    throw Failure("discarded; nothing was saved", .dataError)
                default:
                    throw Failure("nothing was saved; your copy is kept at \(copy.path)", .dataError)
                }
            }
        }
    }
}

/// A copy of a record in a folder only the learner can read (0700), for the editor to work on.
struct PrivateCopy {
    let path: String

    init(name: String, bytes: [UInt8]) throws {
        var template = Array((NSTemporaryDirectory() + "credstack-edit-XXXXXX").utf8CString)
        guard let dir = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            throw Failure("cannot make a private folder for the copy in \(NSTemporaryDirectory())", .cannotCreate)
        }
        path = dir + "/" + name
        try NewFile.write(path, bytes, what: "the copy")
    }

    func read() -> [UInt8] { FileManager.default.contents(atPath: path).map([UInt8].init) ?? [] }

    func remove() { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
}

/// The learner's editor, run on the terminal and waited for.
enum Editor {
    static var command: String {
        let env = ProcessInfo.processInfo.environment
        for name in ["VISUAL", "EDITOR"] { if let e = env[name], !e.trimmed.isEmpty { return e } }
        for fallback in ["/usr/bin/nano", "/bin/nano"] where FileManager.default.isExecutableFile(atPath: fallback) { return fallback }
        return "vi"
    }

    /// Runs `$EDITOR FILE` through the shell (the variable may hold arguments, `code --wait`); returns its status.
    static func run(on file: String) -> Int32 {
        var pid: pid_t = 0
        let args = ["/bin/sh", "-c", command + " \"$1\"", "credstack-editor", file]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

/// A one-letter question on the terminal; without one, the first choice that keeps the learner's work.
enum Prompt {
    /// Someone at a terminal who can answer (not a script or a pipe).
    static var canAsk: Bool { isatty(0) == 1 && isatty(2) == 1 }

    /// A line typed in answer; nil at the end of input.
    static func line(_ question: String) -> String? {
        Output.ask(question)
        return readLine()
    }

    static func choose(_ question: String, _ choices: [String]) -> String {
        guard isatty(0) == 1 else { return "k" }
        while true {
            Output.ask(question)
            guard let answer = readLine()?.trimmed.lowercased() else { return "k" }
            if let c = choices.first(where: { answer == $0 || (!answer.isEmpty && $0.hasPrefix(answer.prefix(1))) }) { return c }
        }
    }
}
