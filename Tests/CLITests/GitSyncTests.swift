import Foundation
import Testing

/// The store is a folder of plain files: two machines keep it in sync with git alone.
@Suite struct GitSyncTests {
    /// Runs git in `dir`; returns its exit status and output.
    @discardableResult
    static func git(_ dir: String, _ args: String...) -> (code: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", dir, "-c", "user.name=Learner", "-c", "user.email=learner@example.org", "-c", "init.defaultBranch=main",
                       "-c", "pull.rebase=false"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        do { try p.run() } catch { return (-1, "\(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func twoDivergedCopiesMergeWithoutConflictsAndLoseNothing() throws {
        let laptop = CLIRunner()
        defer { laptop.cleanUp() }
        laptop.run("init", "--name", "Asha")
        #expect(laptop.file(".gitattributes").contains("sessions.log merge=union"))
        for (id, title) in [("aws", "AWS Cloud"), ("data", "Data Analytics"), ("ml", "Machine Learning")] {
            laptop.run("course", "add", id, "--title", title, "--modules", "1/10")
        }
        laptop.run("log", "45m", "aws", "--at", "08:00")
        #expect(Self.git(laptop.store, "init", "-q").code == 0)
        Self.git(laptop.store, "add", "-A")
        #expect(Self.git(laptop.store, "commit", "-qm", "start").code == 0)
        #expect(!Self.git(laptop.store, "ls-files").out.contains("timer.toml") && !Self.git(laptop.store, "ls-files").out.contains(".lock"))

        let labDir = (laptop.store as NSString).deletingLastPathComponent + "/lab"
        #expect(Self.git("/", "clone", "-q", laptop.store, labDir).code == 0)
        let lab = CLIRunner(now: "2026-11-30T10:00:00Z", store: labDir)

        // The laptop: a new course at the end, study on two courses, progress on one, a running timer.
        laptop.run("course", "add", "zz-new", "--title", "Zed")
        laptop.run("log", "30m", "data", "--at", "07:00")
        laptop.run("log", "20m", "aws", "--at", "09:00")
        laptop.run("course", "edit", "ml", "--modules", "4/10")
        laptop.run("timer", "start", "aws")
        Self.git(laptop.store, "add", "-A")
        #expect(Self.git(laptop.store, "commit", "-qm", "laptop").code == 0)

        // The lab machine, meanwhile: another new course, other study, a credential, a new goal.
        #expect(lab.run("course", "add", "b-new", "--title", "Bee").code == 0)
        lab.run("log", "1h", "data", "--at", "06:00")
        lab.run("credential", "add", "aws", "--by", "Amazon Web Services", "--issued", "2026-11-29", "--credits", "2")
        lab.run("profile", "set", "--goal", "6h")
        Self.git(labDir, "add", "-A")
        #expect(Self.git(labDir, "commit", "-qm", "lab").code == 0)

        // Plain git pull on the lab machine: no conflicts.
        let pull = Self.git(labDir, "pull", "-q", "origin", "main")
        #expect(pull.code == 0, "merge failed:\n\(pull.out)\n\(Self.git(labDir, "diff").out)")
        #expect(!lab.file("learner.toml").contains("<<<<<<<") && !lab.file("sessions.log").contains("<<<<<<<"))

        // credstack reads the merged store, and everything both machines did is there.
        let list = lab.run("course", "list")
        #expect(list.code == 0, "\(list.err)")
        for id in ["aws", "b-new", "data", "ml", "zz-new"] { #expect(list.out.contains(id), "\(id) lost") }
        #expect(list.out.contains("4/10"), "the laptop's progress on ml")
        #expect(lab.run("course", "show", "aws").out.contains("Amazon Web Services"), "the lab's credential")
        #expect(lab.run("profile").out.contains("6h"))
        let sessions = lab.file("sessions.log").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(sessions.count == 4, "\(sessions)")
        #expect(lab.run("week").out.contains("Total 2h 35m of 6h goal"))
        #expect(lab.run("timer", "status").out.contains("No timer running"), "a timer belongs to the machine it runs on")
    }
}
