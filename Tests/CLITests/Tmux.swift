import Foundation

/// A real terminal for end-to-end tests: a detached tmux session running the binary, driven by keys and read
/// back as the screen a person would see.
final class Tmux {
    let name = "credstack-e2e-\(UUID().uuidString.prefix(8))"
    private let socket: String

    init(width: Int, height: Int, command: String, environment: [String: String]) throws {
        socket = NSTemporaryDirectory() + "\(name).sock"
        let env = environment.map { "\($0.key)=\(Tmux.quote($0.value))" }.joined(separator: " ")
        // The shell stays after the program exits so the test can see what the terminal was left showing.
        // Only the given environment, so what the test runner exports (NO_COLOR, say) cannot leak in.
        let script = "env -i \(env) \(command); echo \"EXITED rc=$?\"; sleep 60"
        let problem = try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", script])
        if !problem.isEmpty { throw TmuxError(message: "tmux new-session: \(problem)") }
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a tmux command through the shell with every stream on a file. Not `Process`: on Linux it waits
    /// for a pipe the forked tmux server inherits, so starting the server never returns.
    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let out = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString.prefix(6)).out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let command = (["tmux", "-S", socket, "-f", "/dev/null"] + args).map(Tmux.quote).joined(separator: " ")
        guard Tmux.shell("\(command) </dev/null >\(Tmux.quote(out)) 2>&1") else { throw TmuxError(message: "could not run tmux") }
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// `sh -c command`, waited for with waitpid.
    static func shell(_ command: String) -> Bool {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
        defer { for a in argv { free(a) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return false }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return true
    }

    func send(_ keys: String...) { _ = try? tmux(["send-keys", "-t", name] + keys) }

    /// Literal text, typed as is.
    func type(_ text: String) { _ = try? tmux(["send-keys", "-t", name, "-l", text]) }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    /// The screen with the SGR sequences tmux keeps for what the program drew (colours, bold, reverse).
    var styledScreen: String { (try? tmux(["capture-pane", "-p", "-e", "-t", name])) ?? "" }

    func display(_ format: String) -> String {
        ((try? tmux(["display-message", "-p", "-t", name, format])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) { _ = try? tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"]) }

    /// Waits until the screen shows `text` (up to `seconds`); returns whether it did.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if screen.contains(text) { return true }
            usleep(50_000)
        }
        return false
    }

    func kill() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    deinit { kill() }
}

struct TmuxError: Error { var message: String }
