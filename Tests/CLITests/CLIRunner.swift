import Foundation

/// Runs the built `credstack` binary, the way a learner or a script would.
struct CLIRunner {
    struct Result {
        var code: Int32
        var out: String
        var err: String
    }

    /// The binary sits next to the test bundle in the build folder.
    static let binary: String = {
        if let override = ProcessInfo.processInfo.environment["CREDSTACK_BIN"] { return override }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("credstack").path
            if FileManager.default.isExecutableFile(atPath: candidate), !candidate.hasSuffix(".xctest") { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return exe
    }()

    let store: String

    /// What unfinished saves left in the store: files named `.NAME.tmp-*`, but not the log's index (a cache
    /// named like them so that git leaves it out).
    func leftoverSaves() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: store).filter { $0.contains(".tmp-") && !$0.hasSuffix(".sessions.log.tmp-index") }
    }
    var environment: [String: String]

    init(now: String = "2026-11-30T10:00:00Z", store: String? = nil) {
        self.store = store ?? NSTemporaryDirectory() + "credstack-cli-\(UUID().uuidString)/store"
        environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "TZ": "UTC", "LANG": "C.UTF-8",
                       "CREDSTACK_NOW": now]
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: (store as NSString).deletingLastPathComponent) }

    @discardableResult
    func run(_ args: String..., withStore: Bool = true) -> Result { run(args, withStore: withStore) }

    func run(_ args: [String], withStore: Bool = true) -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        p.arguments = args + (withStore ? ["--store", store] : [])
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return Result(code: -1, out: "", err: "\(error)") }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// Runs `script` (with $0 the binary, $1 a course, $2 the store) once per course, all at the same time;
    /// returns their exit codes.
    func concurrently(_ script: String, courses: [String]) throws -> [Int32] {
        let writers = courses.map { course -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", script, CLIRunner.binary, course, store]
            p.environment = environment
            return p
        }
        for w in writers { try w.run() }
        for w in writers { w.waitUntilExit() }
        return writers.map(\.terminationStatus)
    }

    func file(_ name: String) -> String { (try? String(contentsOfFile: store + "/" + name, encoding: .utf8)) ?? "" }

    /// The log's session lines with their ids left out (ids are random), for comparing with what a test expects.
    var sessionLines: [String] {
        file("sessions.log").split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.replacingOccurrences(of: #" #[0-9a-z]{8}"#, with: "", options: .regularExpression) }
    }

    /// Every file of the store and its text, but the lock and the log's index (a cache any read may rebuild).
    func files() -> [String: String] {
        var out: [String: String] = [:]
        for name in (try? FileManager.default.subpathsOfDirectory(atPath: store)) ?? [] where name != ".lock" && name != ".sessions.log.tmp-index" {
            var dir: ObjCBool = false
            if FileManager.default.fileExists(atPath: store + "/" + name, isDirectory: &dir), !dir.boolValue { out[name] = file(name) }
        }
        return out
    }
}
