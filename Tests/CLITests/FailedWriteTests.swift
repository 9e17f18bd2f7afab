import Foundation
import CredStackCore
import Testing

/// A write that cannot complete says why, exits non-zero, and leaves the previous files exactly as they were.
@Suite struct FailedWriteTests {
    func sh(_ cli: CLIRunner, _ script: String) -> (code: Int32, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script, CLIRunner.binary, cli.store]
        p.environment = cli.environment
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try? p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    @Test func aFileSizeLimitLeavesTheStoreIntact() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "a", "--title", String(repeating: "A long course title ", count: 30))
        for _ in 0..<30 { cli.run("log", "5m", "a", "--note", String(repeating: "n", count: 40)) }
        let before = cli.files()
        #expect(cli.file("courses/a.toml").utf8.count > 512 && cli.file("sessions.log").utf8.count > 1024)
        // ulimit -f counts 512-byte blocks: 1 block is less than either file.
        var r = sh(cli, "ulimit -f 1; \"$0\" course edit a --title \"$(printf 'B%.0s' $(seq 600))\" --store \"$1\"")
        #expect(r.code == 74, "\(r.err)")
        #expect(r.err.contains("the file size limit was reached"), "\(r.err)")
        r = sh(cli, "ulimit -f 2; \"$0\" log 5m a --store \"$1\"")
        #expect(r.code == 74, "\(r.err)")
        #expect(cli.files() == before)
        #expect(try cli.leftoverSaves().isEmpty)
        #expect(cli.run("status").code == 0)
    }

    @Test func aStoreTheUserCannotWriteIsReportedNotDamaged() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            // As a normal user, chmod alone makes the folder read-only to us.
            return try readOnlyAsThisUser()
        }
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "a", "--title", "A")
        cli.run("log", "5m", "a")
        let before = cli.files()
        // Root ignores permission bits, so run the writer as nobody on a store nobody may read but not write.
        for path in [cli.store, (cli.store as NSString).deletingLastPathComponent, cli.store + "/courses", cli.store + "/pathways"] { chmod(path, 0o755) }
        for f in ["profile.toml", "courses/a.toml", "sessions.log", ".lock"] { chmod(cli.store + "/" + f, 0o644) }
        let asNobody = "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups \"$0\""
        var r = sh(cli, "\(asNobody) log 5m a --store \"$1\"")
        #expect(r.code == 77, "\(r.err)")
        #expect(r.err.contains("belongs to another user"), "\(r.err)")
        r = sh(cli, "\(asNobody) course add b --title B --store \"$1\"")
        #expect(r.code == 77, "\(r.err)")
        // Reading another user's store works (it says whose it is).
        r = sh(cli, "\(asNobody) status --store \"$1\"")
        #expect(r.code == 0, "\(r.err)")
        #expect(cli.files() == before)
        // A store that cannot be read at all says so, not "no store".
        chmod(cli.store, 0o700)
        r = sh(cli, "\(asNobody) status --store \"$1\"")
        #expect(r.code == 77 && r.err.contains("permission denied"), "\(r.err)")
    }

    /// A full disk: a 256 KiB tmpfs filled up under the store. Needs root to mount (CI runs as root).
    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func aFullDiskLeavesTheStoreIntact() throws {
        let mountPoint = NSTemporaryDirectory() + "credstack-full-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer {
            _ = Tmux.shell("umount \(mountPoint)")
            try? FileManager.default.removeItem(atPath: mountPoint)
        }
        #expect(Tmux.shell("mount -t tmpfs -o size=256k tmpfs \(mountPoint)"))
        var cli = CLIRunner()
        cli = CLIRunner(store: mountPoint + "/store")
        cli.run("init")
        cli.run("course", "add", "a", "--title", String(repeating: "A long course title ", count: 20))
        for _ in 0..<20 { cli.run("log", "5m", "a", "--note", String(repeating: "n", count: 60)) }
        let before = cli.files()
        // Fill what is left of the disk.
        _ = Tmux.shell("dd if=/dev/zero of=\(mountPoint)/filler bs=1k count=1024 2>/dev/null")
        var r = sh(cli, "\"$0\" course add b --title B --store \"$1\"")
        #expect(r.code == 74, "\(r.err)")
        #expect(r.err.contains("the disk is full"), "\(r.err)")
        r = sh(cli, "\"$0\" log 5m a --note \"$(printf '%06000d' 0)\" --store \"$1\"")
        #expect(r.code == 74, "\(r.err)")
        #expect(cli.files() == before)
        // An import that fills the disk part way through its append leaves nothing: not its first lines,
        // not the courses it made.
        _ = Tmux.shell("rm \(mountPoint)/filler; dd if=/dev/zero of=\(mountPoint)/filler bs=1k count=64 2>/dev/null")
        let base = Timestamp.parse("2026-01-01T00:00Z")!.epochSeconds
        let rows = (0..<4000).map { i in
            "\(Timestamp(epochSeconds: base + Int64(i) * 3600, utcOffsetSeconds: 0))\t\(Timestamp(epochSeconds: base + Int64(i) * 3600 + 1800, utcOffsetSeconds: 0))"
                + "\tnew-course-\(i % 3)\t" + String(repeating: "x", count: 60)
        }
        let file = NSTemporaryDirectory() + "credstack-full-\(UUID().uuidString.prefix(8)).tsv"
        try (rows.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let before2 = cli.files()
        let imported = cli.run("import", "sessions", file)
        #expect(imported.code == 74 && imported.err.contains("the disk is full"), "\(imported.out)\(imported.err)")
        #expect(cli.files() == before2)
        #expect(try cli.leftoverSaves().isEmpty)
        #expect(cli.run("status").code == 0)
    }

    private func readOnlyAsThisUser() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "a", "--title", "A")
        let before = cli.files()
        chmod(cli.store + "/courses", 0o500)
        defer { chmod(cli.store + "/courses", 0o700) }
        let r = cli.run("course", "add", "b", "--title", "B")
        #expect(r.code == 77 && r.err.contains("permission denied"), "\(r.err)")
        #expect(cli.files() == before)
    }
}
