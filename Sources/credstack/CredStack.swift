import ArgumentParser
import CredStackCore
import CredStackInterop
import CredStackOperations
import CredStackStore
import CredStackText
import Foundation

@main
struct CredStack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credstack",
        abstract: "Track micro-credential courses, weekly study time and how your credits stack.",
        discussion: """
        With no command, opens the dashboard on your store. Data lives in plain files in the store folder: \
        --store DIR (before or after the command), else $CREDSTACK_HOME, else $XDG_DATA_HOME/credstack, else \
        ~/.local/share/credstack.

        Durations: 45m, 1h30m, 1.5h, 1:30, 0:45:00, or minutes (90). Times: 18:30, yesterday 18:30, \
        2026-11-28 18:30. Dates: 2026-03-14, today, tomorrow, yesterday. Sessions: their id (k3x9q2mz, or \
        its first letters) or @1 for the latest, @2 the one before.

        Terminal: NO_COLOR=1 turns colour off, CLICOLOR_FORCE=1 on; COLORTERM and terminfo decide how many \
        colours; CREDSTACK_ASCII=1 draws with ASCII only (for terminals that cannot show UTF-8).

        Exit codes: 0 ok, 1 a request the store refuses (a timer already running, something changed \
        elsewhere), 64 bad arguments, 65 a malformed file (the message names file:line:col), 66 no store or \
        no input file, 73 an output file exists, 74 a file could not be written, 75 the store is busy, 77 \
        permission denied or an unsafe store folder.
        """,
        version: "credstack \(CredStack.version) (store format \(StoreLayout.formatVersion))",
        subcommands: [Dashboard.self, Demo.self, Init.self, Log.self, SessionsCommand.self, TimerCommand.self, CourseCommand.self,
                      CredentialCommand.self, PathwayCommand.self, Credits.self, Plan.self, CatalogCommand.self, Week.self, Status.self, ReportCommand.self,
                      ProfileCommand.self, EditCommand.self, ImportCommand.self, Export.self, ThemesCommand.self, VersionCommand.self],
        defaultSubcommand: Dashboard.self
    )

    /// The release, as `credstack --version` prints it (with the store format it reads and writes).
    static let version = "0.9.0"

    /// The one place errors become messages and exit codes.
    static func main() {
        TextWidth.prepareLocale()
        // Over a file-size limit (ulimit -f) a write must fail with EFBIG and be reported, not kill us mid-save.
        signal(SIGXFSZ, SIG_IGN)
        // Ctrl-\ ends a command as Ctrl-C does (nothing half-written: appends hold it off per chunk), not
        // with the crash report Swift's runtime would print before carrying on.
        signal(SIGQUIT, SIG_DFL)
        Store.onLongLockWait { Output.warn($0) }
        MachineZone.normalizeTZ()
        let arguments = GlobalOptions.moved(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if let failure = Failure(error) {
                Output.error(failure.message)
                Foundation.exit(failure.status.rawValue)
            }
            let code = exitCode(for: error)
            if code != .success, let typo = CommandTypo.message(for: arguments) {
                Output.error(typo)
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            Output.parserMessage(fullMessage(for: error), toStandardError: code != .success)
            Foundation.exit(code.rawValue)
        }
    }
}

/// sysexits codes, one per kind of failure.
enum ExitStatus: Int32 {
    case refused = 1
    case usage = 64
    case dataError = 65
    case noInput = 66
    case cannotCreate = 73
    case ioError = 74
    case busy = 75
    case noPermission = 77
}

/// A failure the learner caused or can fix: printed as `credstack: message`, exited with `status`.
struct Failure: Error {
    var message: String
    var status: ExitStatus

    init(_ message: String, _ status: ExitStatus) {
        self.message = message
        self.status = status
    }

    static func usage(_ message: String) -> Failure { Failure(message, .usage) }

    /// Our errors, from any layer; nil for ArgumentParser's own (help, usage), which it prints.
    init?(_ error: any Error) {
        switch error {
        case let f as Failure: self = f
        case let e as OperationError:
            let message = e.hint.map { e.message + "; " + $0 } ?? e.message
            switch e.kind {
            case .invalid: self.init(message, .usage)
            case .conflict, .changedElsewhere, .timerOverLimit: self.init(message, .refused)
            case .store(let s): self.init(Failure(s)!.message, Failure(s)!.status)
            }
        case let e as StoreError:
            self.init(e.description, ExitStatus(rawValue: e.exitCode) ?? .refused)
        case let e as InteropError:
            self.init(e.message, e.kind == .unreadable ? .noInput : .dataError)
        default:
            return nil
        }
    }
}

/// Options every command takes, accepted before the command too (`credstack --store DIR status`).
enum GlobalOptions {
    static let withValue: Set<String> = ["--store"]

    /// `credstack --store DIR status` -> `credstack status --store DIR`: ArgumentParser reads options after the
    /// (sub)command they belong to.
    static func moved(_ args: [String]) -> [String] {
        var front: [String] = []
        var rest = args[...]
        while let first = rest.first, first.hasPrefix("--") {
            let name = String(first.prefix { $0 != "=" })
            guard withValue.contains(name) else { break }
            rest = rest.dropFirst()
            front.append(first)
            if !first.contains("="), let value = rest.first { front.append(value); rest = rest.dropFirst() }
        }
        guard !front.isEmpty else { return args }
        // The options go after the subcommand path (words that are not options).
        var path: [String] = []
        while let word = rest.first, !word.hasPrefix("-"), path.count < 2, isCommand(path + [word]) { path.append(word); rest = rest.dropFirst() }
        if path.isEmpty { return ["dashboard"] + front + Array(rest) }
        return path + front + Array(rest)
    }

    private static func isCommand(_ path: [String]) -> Bool {
        var type: ParsableCommand.Type = CredStack.self
        for word in path {
            guard let sub = type.configuration.subcommands.first(where: { $0._commandName == word }) else { return false }
            type = sub
        }
        return true
    }
}

/// `--store DIR`, shared by every command that touches the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store folder.", valueName: "DIR"))
    var store: String?

    /// The store, clock and operations a command works with: made once per run.
    func context() throws -> CLIContext {
        if let store, store.trimmed.isEmpty { throw Failure.usage("--store: an empty folder name; leave it out to use the default store") }
        let dir = StoreLocation.resolve(flag: store, environment: CLIContext.environment)
        return CLIContext(store: Store(directory: dir))
    }
}

/// What one command run works with: the store, the clock (`CREDSTACK_NOW` pins it for tests), the
/// operations, and the store as loaded (once).
final class CLIContext {
    let store: Store
    let clock: any WallClock
    let operations: Operations
    private var loaded: StoreSnapshot?
    /// The records alone, for a command that needs the learner's calendar or courses but not the log.
    private var records: Learner?
    private var warned: Set<String> = []

    init(store: Store) {
        self.store = store
        clock = CLIContext.clock
        operations = Operations(store: store, clock: clock)
    }

    /// The process's environment, read once: Foundation builds the whole dictionary on each access.
    static let environment = ProcessInfo.processInfo.environment

    static var clock: any WallClock {
        if let pinned = environment["CREDSTACK_NOW"], let t = Timestamp.parse(pinned) {
            return FixedClock(t.epochSeconds)
        }
        return SystemClock()
    }

    /// The store as it is now, read once; its warnings (a loose folder, a migration just done) go to stderr.
    func snapshot() throws -> StoreSnapshot {
        if let loaded { return loaded }
        let snap = try store.load()
        warn(snap.warnings)
        loaded = snap
        return snap
    }

    /// The learner as the records say, without reading the log (the snapshot's, when it is loaded).
    func learner() throws -> Learner {
        if let loaded { return loaded.learner }
        if let records { return records }
        let (learner, warnings) = try store.loadLearner()
        warn(warnings)
        records = learner
        return learner
    }

    /// Study folded into the days a report reads (`Store.history`); the snapshot's, when it is loaded.
    func history(_ days: ClosedRange<LocalDate>, courseID: String? = nil) throws -> StudyHistory {
        if let loaded { return StudyHistory(sessions: loaded.sessions, calendar: try calendar(), courseID: courseID) }
        let read = try store.history(of: try learner(), days: days, courseID: courseID)
        warn([read.warning].compactMap { $0 })
        return read.history
    }

    /// The `n` latest sessions in time order (`Store.latestSessions`); the snapshot's, when it is loaded.
    func latestSessions(_ n: Int, courseID: String?) throws -> [StudySession] {
        if let loaded { return Array(loaded.sessions.filter { courseID == nil || $0.courseID == courseID }.sorted(by: StudySession.timeOrder).suffix(n)) }
        let read = try store.latestSessions(n, courseID: courseID, of: try learner())
        warn([read.warning].compactMap { $0 })
        return read.sessions
    }

    /// Study folded into days over the whole log, from the log's index (`Store.overview`); the snapshot's,
    /// when it is loaded.
    func wholeHistory() throws -> StudyHistory {
        if let loaded { return StudyHistory(sessions: loaded.sessions, calendar: try calendar()) }
        let overview = try store.overview()
        warn(overview.warnings)
        return overview.history
    }

    /// The sessions that start in `range` (`Store.sessions(startingIn:of:)`); the snapshot's, when it is loaded.
    func sessions(startingIn range: Range<Int64>) throws -> [StudySession] {
        if let loaded { return loaded.sessions.filter { range.contains($0.start.epochSeconds) } }
        let read = try store.sessions(startingIn: range, of: try learner())
        warn([read.warning].compactMap { $0 })
        return read.sessions
    }

    /// A course's sessions (`Store.sessions(of:learner:)`); the snapshot's, when it is loaded.
    func sessions(of courseID: String) throws -> [StudySession] {
        if let loaded { return loaded.sessions.filter { $0.courseID == courseID } }
        return try store.sessions(of: courseID, learner: try learner())
    }

    /// The running timer, without reading the log.
    func timer() throws -> RunningTimer? {
        if let loaded { return loaded.timer }
        return try store.loadTimer(against: try learner())
    }

    /// Each warning once per run, however many reads come across it.
    private func warn(_ warnings: [String]) {
        for w in warnings where warned.insert(w).inserted { Output.warn(w) }
    }

    var now: Int64 { clock.now }

    func calendar() throws -> StudyCalendar { StudyCalendar(profile: try learner().profile) }
    func today() throws -> LocalDate { try calendar().localDay(of: now) }

    /// The id of the course the learner typed (an id in any case, or a title): an id whose file exists is
    /// taken without reading the store. Anything else goes on as typed, and the operation says what it
    /// might have meant.
    func course(_ typed: String) throws -> String {
        if Course.isValidID(typed), access(store.layout.path(of: .course(typed)), F_OK) == 0 { return typed }
        return CourseLookup.resolve(typed, in: try learner())?.id ?? typed
    }

    /// Runs an operation; the store is read again afterwards if a command needs it.
    @discardableResult
    func perform(_ operation: StoreOperation) throws -> Outcome {
        let outcome = try operations.perform(operation)
        loaded = nil
        records = nil
        return outcome
    }
}

/// Everything credstack prints. Text for people has every control character a record or file holds shown
/// escaped, wherever it goes, so no command, present or future, can send raw escapes; machine formats are
/// exact unless they land on a terminal. A write that fails (a full disk, `ulimit -f`, a closed pipe) ends
/// the program with a message and exit 74, never a crash.
enum Output {
    static let toTerminal = isatty(1) == 1

    static func line(_ text: String) {
        write(text + "\n")
    }

    /// Escaped even into a pipe or file: piped into `less -R`, or kept in a file someone will `cat`, a control
    /// byte in a title would reach a terminal all the same.
    static func write(_ text: String) {
        emit(Array(DisplaySafe.terminalText(text).utf8), to: 1)
    }

    /// Machine formats (TSV, CSV, JSON, ICS) as bytes; escaped only when they land on a terminal.
    static func data(_ bytes: [UInt8]) {
        if toTerminal { write(String(decoding: bytes, as: UTF8.self)) } else { emit(bytes, to: 1) }
    }

    static func error(_ message: String) {
        emit(Array("credstack: \(DisplaySafe.terminalText(message))\n".utf8), to: 2)
    }

    static func warn(_ message: String) {
        emit(Array("credstack: warning: \(DisplaySafe.terminalText(message))\n".utf8), to: 2)
    }

    /// A question waiting for an answer on the same line.
    static func ask(_ question: String) {
        emit(Array(DisplaySafe.terminalText(question).utf8), to: 2)
    }

    /// ArgumentParser's own words (usage errors, help), which may quote what was typed.
    static func parserMessage(_ text: String, toStandardError: Bool) {
        emit(Array((DisplaySafe.terminalText(text) + "\n").utf8), to: toStandardError ? 2 : 1)
    }

    private static func emit(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { failed(fd, code: n < 0 ? errno : EIO) }
            offset += n
        }
    }

    private static func failed(_ fd: Int32, code: Int32) -> Never {
        // A reader that went away (`credstack sessions | head -1`) is not an error worth a word.
        if code == EPIPE { Foundation.exit(ExitStatus.ioError.rawValue) }
        if fd == 1 {
            let message = Array("credstack: cannot write the output: \(POSIXText.describe(code))\n".utf8)
            _ = message.withUnsafeBytes { Glibc.write(2, $0.baseAddress!, message.count) }
        }
        Foundation.exit(ExitStatus.ioError.rawValue)
    }
}
