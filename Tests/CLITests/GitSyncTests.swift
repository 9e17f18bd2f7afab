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

        // The laptop: a new course whose id sorts right next to the lab's, study on two courses, progress on
        // one, a pathway followed, a running timer.
        laptop.run("course", "add", "aws-b", "--title", "AWS part B")
        laptop.run("log", "30m", "data", "--at", "07:00")
        laptop.run("log", "20m", "aws", "--at", "09:00")
        laptop.run("course", "edit", "ml", "--modules", "4/10")
        #expect(laptop.run("pathway", "add", "--template", "ug-certificate").code == 0)
        laptop.run("timer", "start", "aws")
        Self.git(laptop.store, "add", "-A")
        #expect(Self.git(laptop.store, "commit", "-qm", "laptop").code == 0)

        // The lab machine, meanwhile: the adjacent new course, other study, an edit of another course, a
        // credential, a new goal.
        #expect(lab.run("course", "add", "aws-a", "--title", "AWS part A").code == 0)
        lab.run("log", "1h", "data", "--at", "06:00")
        lab.run("course", "edit", "data", "--provider", "NPTEL")
        lab.run("credential", "add", "aws", "--by", "Amazon Web Services", "--issued", "2026-11-29", "--credits", "2")
        lab.run("profile", "set", "--goal", "6h")
        Self.git(labDir, "add", "-A")
        #expect(Self.git(labDir, "commit", "-qm", "lab").code == 0)

        // Plain git pull, both ways: no conflicts.
        let pull = Self.git(labDir, "pull", "-q", "origin", "main")
        #expect(pull.code == 0, "merge failed:\n\(pull.out)\n\(Self.git(labDir, "diff").out)")
        Self.git(laptop.store, "remote", "add", "lab", labDir)
        let back = Self.git(laptop.store, "pull", "-q", "lab", "main")
        #expect(back.code == 0, "merge failed:\n\(back.out)")

        // credstack reads the merged store on both, and everything both machines did is there.
        for machine in [lab, laptop] {
            let list = machine.run("course", "list")
            #expect(list.code == 0, "\(list.err)")
            for id in ["aws", "aws-a", "aws-b", "data", "ml"] { #expect(list.out.contains(id), "\(id) lost") }
            #expect(list.out.contains("4/10"), "the laptop's progress on ml")
            #expect(machine.run("course", "show", "data").out.contains("NPTEL"), "the lab's edit")
            #expect(machine.run("course", "show", "aws").out.contains("Amazon Web Services"), "the lab's credential")
            #expect(machine.run("pathway", "list").out.contains("ug-certificate"), "the laptop's pathway")
            #expect(machine.run("profile").out.contains("6h"))
            #expect(machine.sessionLines.count == 4, "\(machine.sessionLines)")
            #expect(machine.run("week").out.contains("Total 2h 35m of 6h goal"))
        }
        #expect(lab.run("timer", "status").out.contains("No timer running"), "a timer belongs to the machine it runs on")

        // Both change the same field of the same course: git says so, and credstack refuses the half-merged file.
        laptop.run("timer", "cancel")
        laptop.run("course", "edit", "ml", "--title", "ML on the laptop")
        Self.git(laptop.store, "commit", "-qam", "laptop title")
        lab.run("course", "edit", "ml", "--title", "ML in the lab")
        Self.git(labDir, "commit", "-qam", "lab title")
        let clash = Self.git(labDir, "pull", "-q", "origin", "main")
        #expect(clash.code != 0 && clash.out.contains("CONFLICT") && clash.out.contains("courses/ml.toml"), "\(clash.out)")
        let r = lab.run("status")
        #expect(r.code == 65, "\(r.err)")
        #expect(r.err.contains("courses/ml.toml:") && r.err.contains("git conflict markers") && r.err.contains("git add"), "\(r.err)")
        #expect(lab.run("log", "5m", "ml").code == 65, "nothing is written into a half-merged store")
    }
}
