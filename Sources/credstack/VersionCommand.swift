import ArgumentParser
import CredStackStore
import CredStackTerminal
import Foundation

/// What an administrator needs to know about the installed build: `--version` says the version, this the rest.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "The version, the commit it was built from, and what it found on this machine.")
    /// Accepted so `credstack --store DIR version` works like every other command.
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        Output.line("credstack \(CredStack.version) (store format \(StoreLayout.formatVersion))")
        Output.line("commit      \(buildCommit ?? "not recorded (built from source, not by scripts/release)")")
        Output.line("swift       " + (Self.sharedSwiftRuntime().map { "shared runtime, \($0)" } ?? "runtime linked in (one-file build)"))
        Output.line("binary      \(Self.executablePath())")
        let term = env["TERM"] ?? ""
        let terminfo: String
        if term.isEmpty || term == "dumb" {
            terminfo = "TERM is \(term.isEmpty ? "not set" : "dumb"): the dashboard prints as text"
        } else if let entry = Terminal.entry(for: term) {
            terminfo = entry == term ? "TERM=\(term): found" : "TERM=\(term): no entry here, drawn as \(entry)"
        } else {
            terminfo = "TERM=\(term): no entry here nor for a relative; the dashboard prints as text"
        }
        Output.line("terminfo    \(terminfo)")
        let shared = SharedData.folders(.pathways, environment: env).dropFirst().map { ($0.folder as NSString).deletingLastPathComponent }
        Output.line("shared data \(shared.joined(separator: ", ")) (pathways/, themes/, catalogs/)")
    }

    /// The Swift runtime library this process loaded, when it is not linked in.
    static func sharedSwiftRuntime() -> String? {
        // /proc files say their size is 0: read them to the end rather than by size.
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/maps") else { return nil }
        let maps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        return maps.split(separator: "\n").lazy.compactMap { line in line.split(separator: " ").last.map(String.init) }
            .first { $0.hasSuffix("/libswiftCore.so") }
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
