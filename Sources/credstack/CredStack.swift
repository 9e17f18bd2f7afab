import ArgumentParser
import CredStackCore
import CredStackStore
import CredStackTUI
import Foundation

@main
struct CredStack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credstack",
        abstract: "Track micro-credential courses, weekly study time and how your credits stack.",
        discussion: """
        With no command, opens the dashboard on your store. Data lives in plain files in the store folder: \
        --store DIR, else $CREDSTACK_HOME, else $XDG_DATA_HOME/credstack, else ~/.local/share/credstack.

        Terminal: NO_COLOR=1 turns colour off, CLICOLOR_FORCE=1 on; COLORTERM and terminfo decide how many \
        colours; CREDSTACK_ASCII=1 draws with ASCII only (for terminals that cannot show UTF-8).

        Exit codes: 0 ok, 64 bad arguments, 65 a malformed store file, 66 no store, 74 a file could not be \
        written, 1 a request that conflicts with the store (e.g. a timer already running).
        """,
        subcommands: [Dashboard.self, Demo.self, Init.self, ImportCommand.self, ReportCommand.self, ProfileCommand.self, CourseCommand.self,
                      CredentialCommand.self, PathwayCommand.self, Credits.self, Log.self, SessionsCommand.self, TimerCommand.self, ThemesCommand.self, Week.self, Status.self, Export.self],
        defaultSubcommand: Dashboard.self
    )

    /// Measures text in the terminal's terms before any command prints a table.
    static func main() {
        TextWidth.prepareLocale()
        // Over a file-size limit (ulimit -f) a write must fail with EFBIG and be reported, not kill us mid-save.
        signal(SIGXFSZ, SIG_IGN)
        main(nil)
    }
}

/// `--store DIR`, shared by every command that touches the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store folder.", valueName: "DIR"))
    var store: String?

    var resolved: Store {
        Store(directory: StoreLocation.resolve(flag: store, environment: ProcessInfo.processInfo.environment))
    }
}

/// The moment and calendar a command runs in. `CREDSTACK_NOW` (a timestamp) pins the clock for tests.
struct Context {
    let clock: any WallClock
    let calendar: StudyCalendar

    static var clock: any WallClock {
        if let pinned = ProcessInfo.processInfo.environment["CREDSTACK_NOW"], let t = Timestamp.parse(pinned) {
            return FixedClock(t.epochSeconds)
        }
        return SystemClock()
    }

    init(profile: Profile) {
        clock = Context.clock
        calendar = StudyCalendar(profile: profile)
    }

    var now: Int64 { clock.now }
    var today: LocalDate { calendar.localDay(of: now) }
}

/// A failure the learner caused or can fix: printed as `credstack: message` and exited with `code`.
struct UserFacingError: Error {
    var message: String
    var code: Int32
}

extension ParsableCommand {
    /// Runs `body`, turning store and input errors into one clear line on stderr and a sysexits code.
    func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as StoreError {
            Output.error(e.description)
            throw ExitCode(e.exitCode)
        } catch let e as UserFacingError {
            Output.error(e.message)
            throw ExitCode(e.code)
        }
    }
}

enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("credstack: \(DisplaySafe.text(message))\n".utf8))
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("credstack: warning: \(DisplaySafe.text(message))\n".utf8))
    }

    /// Text a learner or a file supplied, made safe to print on a terminal.
    static func safe(_ s: String) -> String { DisplaySafe.text(s) }
}
