import Foundation
import Testing

/// What a lab administrator sets up once for every learner: shared templates and themes, found the XDG way.
@Suite struct LabMachineTests {
    @Test func sharedTemplatesAndThemesReachEveryLearnerTheirOwnFirst() throws {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        let root = (cli.store as NSString).deletingLastPathComponent
        let system = root + "/usr-share", local = root + "/usr-local-share", config = root + "/config"
        func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        try write(local + "/credstack/pathways/campus-cert.toml", "name = \"Campus Certificate\"\ntotal_credits = 20\n")
        try write(system + "/credstack/pathways/campus-cert.toml", "name = \"Older Campus Certificate\"\ntotal_credits = 30\n")
        try write(system + "/credstack/pathways/broken.toml", "name = \"Broken\ntotal_credits = 1\n")
        try write(config + "/credstack/pathways/ug-certificate.toml", "name = \"My university's certificate\"\ntotal_credits = 46\n")
        try write(system + "/credstack/themes/campus.toml", "[roles]\ntitle = \"red\"\n")
        cli.environment["XDG_DATA_DIRS"] = local + ":" + system
        cli.environment["XDG_CONFIG_HOME"] = config
        cli.run("init")

        let listed = cli.run(["pathway", "templates"], withStore: false)
        #expect(listed.code == 0, "a broken shared file is never fatal: \(listed.err)")
        #expect(listed.out.contains("campus-cert: Campus Certificate, 20 credits (shared, \(local)/credstack/pathways/campus-cert.toml)"), "\(listed.out)")
        #expect(!listed.out.contains("Older Campus Certificate"), "the first folder wins")
        #expect(listed.out.contains("ug-certificate: My university's certificate, 46 credits (yours,"), "the learner's own first")
        #expect(listed.out.contains("ug-diploma: UG Diploma (NEP 2020), 84 credits (built in)"))
        #expect(listed.err.contains("\(system)/credstack/pathways/broken.toml:1:8:") && listed.err.contains("(skipped)"), "\(listed.err)")

        let added = cli.run("pathway", "add", "--template", "campus-cert")
        #expect(added.code == 0 && added.out.contains("Following Campus Certificate (campus-cert): 20 credits"), "\(added.err)")
        #expect(cli.file("pathways/campus-cert.toml").contains("total_credits = 20"))
        let byPath = cli.run("pathway", "add", "--template", system + "/credstack/pathways/broken.toml")
        #expect(byPath.code == 65 && byPath.err.contains("broken.toml:1:8"), "a file asked for by path says what is wrong: \(byPath.err)")

        let themes = cli.run(["themes"], withStore: false).out
        #expect(themes.contains("campus  (shared, \(system)/credstack/themes/campus.toml)") && themes.contains("light  (built in)"), "\(themes)")
    }

    @Test func versionSaysWhatAnAdministratorNeeds() {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.environment["TERM"] = "xterm-kitty"
        let r = cli.run(["version"], withStore: false)
        #expect(r.code == 0)
        for line in ["credstack 0.9.0 (store format 2)", "commit      ", "swift       ", "binary      ",
                     "terminfo    TERM=xterm-kitty: no entry here, drawn as xterm-256color", "shared data "] {
            #expect(r.out.contains(line), "\(line): \(r.out)")
        }
    }

    /// `TZ` as a POSIX offset is that offset; a TZ nothing reads is said, not silently UTC.
    @Test func offsetsInTZAndOnesThatDoNotRead() {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("course", "add", "a", "--title", "A")
        for tz in ["IST-5:30", "<+0530>-5:30"] {
            cli.environment["TZ"] = tz
            let r = cli.run("log", "30m", "a", "--at", tz.hasPrefix("<") ? "2026-11-28 20:00" : "2026-11-29 20:00")
            #expect(r.code == 0 && r.err.isEmpty, "\(tz): \(r.err)")
        }
        #expect(cli.file("sessions.log").contains("2026-11-29T20:00+05:30 30m a") && cli.file("sessions.log").contains("2026-11-28T20:00+05:30 30m a"),
                "\(cli.file("sessions.log"))")
        cli.environment["TZ"] = "Bogus/Zone"
        #expect(cli.run("status").err.contains("TZ=Bogus/Zone is not a time zone this machine knows"))
        // Zones that read are never warned about, UTC-like ones included.
        for tz in ["Etc/GMT-5", "UTC", "Etc/UTC", "Europe/Berlin", "UTC0"] {
            cli.environment["TZ"] = tz
            #expect(!cli.run("status").err.contains("not a time zone"), "\(tz)")
        }
    }

    /// Ids that would hide their file (`.x` makes courses/.x.toml) are refused everywhere an id is made.
    @Test func idsThatWouldHideTheirFileAreRefused() {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        for args in [["course", "add", ".hidden", "--title", "X"], ["course", "add", "..", "--title", "X"],
                     ["pathway", "add", "--template", "ug-degree", "--id", ".x"]] {
            let r = cli.run(args)
            #expect(r.code == 64, "\(args): \(r.out) \(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.store + "/courses/.hidden.toml"))
        // Global options before any subcommand, even those that do not use the store.
        for args in [["themes"], ["version"], ["pathway", "templates"]] {
            #expect(cli.run(["--store", cli.store] + args, withStore: false).code == 0, "\(args)")
        }
    }
}
