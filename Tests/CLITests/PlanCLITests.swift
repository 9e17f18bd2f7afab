import Foundation
import Testing

/// Catalogs and the route planner as a learner and a lab administrator use them, through the real binary.
@Suite struct PlanCLITests {
    /// a, b: 3 credits at 100 and 150 INR; c: 6 at 500; d, e: 2 free credits (d from 1 Jun 2027). The
    /// cheapest 6 credits are a + d + e, 100 INR (RoutePlannerTests works the dates out by hand).
    static let five = """
    name = "Five courses"
    institution = "Test College"

    [[course]]
    id = "a"
    title = "Course A"
    category = "Data"
    mode = "on-site"
    credits = 3
    fee = "100 INR"
    weeks = 4
    self_paced = true

    [[course]]
    id = "b"
    title = "Course B"
    mode = "on-site"
    credits = 3
    fee = "150 INR"
    weeks = 4
    starts = [2027-03-01]

    [[course]]
    id = "c"
    title = "Course C"
    mode = "on-site"
    credits = 6
    fee = "500 INR"
    weeks = 8
    self_paced = true

    [[course]]
    id = "d"
    title = "Course D"
    mode = "on-site"
    credits = 2
    fee = "0 INR"
    weeks = 2
    starts = [2027-06-01]

    [[course]]
    id = "e"
    title = "Course E"
    mode = "on-site"
    credits = 2
    fee = "0 INR"
    weeks = 2
    self_paced = true
    """

    static func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A store following a 6-credit pathway of its own, with no history (so the plan uses --hours-per-week).
    static func store(_ cli: CLIRunner) throws {
        cli.run("init")
        try write(cli.store + "/pathways/six.toml", "name = \"Six credits\"\ntotal_credits = 6\n")
    }

    @Test func catalogsAreAddedListedShownAndRemovedAndBrokenOnesSayWhere() throws {
        var cli = CLIRunner(now: "2026-12-01T09:00:00Z")
        defer { cli.cleanUp() }
        let root = (cli.store as NSString).deletingLastPathComponent
        try Self.store(cli)
        let file = root + "/five.toml"
        try Self.write(file, Self.five)
        let added = cli.run("catalog", "add", file)
        #expect(added.code == 0 && added.out.contains("Added catalog five: Five courses, 5 courses."), "\(added.err)")
        #expect(cli.file("catalogs/five.toml") == Self.five, "kept as given, byte for byte")
        #expect(cli.run("catalog", "add", file).code == 1, "a second add of the same id asks for --replace")

        // Broken files: refused at their place, nothing written.
        let before = cli.file("catalogs/five.toml")
        for (text, expected) in [
            ("name = \"X\"\n[[course]]\nid = \"a\"\ntitle = \"A\"\ncredit = 3\nself_paced = true\n", "bad.toml:5:10: credit is not a key of [[course]]; did you mean credits?"),
            ("name = \"X\"\n[[course]]\nid = \"a\"\ntitle = \"A\"\ncredits = 3\n", "bad.toml:2:1: [[course]] a has neither starts"),
            ("name = \"X\"\n[[course]]\nid = \"a\"\ntitle = \"A\"\ncredits = 3\nfee = \"-5 INR\"\nself_paced = true\n", "bad.toml:6:7: fee"),
            ("name = \"X\"\n[[course]]\nid = \"a\"\ntitle = \"A\"\ncredits = 3\nself_paced = true\n[[course]]\nid = \"a\"\ntitle = \"B\"\ncredits = 1\nself_paced = true\n", "bad.toml:8:6: id: a is listed twice"),
            ("name = \"X\n", "bad.toml:1:8:"),
        ] {
            try Self.write(root + "/bad.toml", text)
            let r = cli.run("catalog", "add", root + "/bad.toml", "--id", "five", "--replace")
            #expect(r.code == 65 && r.err.contains(expected), "\(expected): \(r.err)")
        }
        #expect(cli.file("catalogs/five.toml") == before, "a refused catalog changes nothing")
        #expect(cli.run("catalog", "add", "/dev/zero").code != 0)

        // A lab's catalog, shared; the learner's own of the same id wins.
        let system = root + "/usr-share"
        try Self.write(system + "/credstack/catalogs/campus.toml", "name = \"Campus offer\"\n[[course]]\nid = \"z\"\ntitle = \"Z\"\ncredits = 6\nself_paced = true\n")
        try Self.write(system + "/credstack/catalogs/five.toml", "name = \"Shadowed\"\n")
        cli.environment["XDG_DATA_DIRS"] = system
        let list = cli.run("catalog", "list")
        #expect(list.out.contains("five") && list.out.contains("Five courses, 5 courses (yours,") && !list.out.contains("Shadowed"), "\(list.out)")
        #expect(list.out.contains("Campus offer, 1 course (shared, \(system)/credstack/catalogs/campus.toml)"), "\(list.out)")
        #expect(cli.run("catalog", "show", "five").out.contains("Course A"))
        let shared = cli.run("catalog", "remove", "campus")
        #expect(shared.code == 64 && shared.err.contains("only they can remove it"), "\(shared.err)")
        #expect(cli.run("catalog", "remove", "five").code == 0)
        #expect(!FileManager.default.fileExists(atPath: cli.store + "/catalogs/five.toml"))
        // With the learner's gone, the shared catalog of that id shows through.
        #expect(cli.run("catalog", "list").out.contains("Shadowed"))
    }

    @Test func planAnswersWithARouteItsScheduleAndWhyAndSaysWhenThereIsNone() throws {
        var cli = CLIRunner(now: "2026-12-01T09:00:00Z")
        defer { cli.cleanUp() }
        let root = (cli.store as NSString).deletingLastPathComponent
        try Self.store(cli)
        try Self.write(root + "/five.toml", Self.five)
        cli.run("catalog", "add", root + "/five.toml")

        let cheapest = cli.run("plan", "six", "--hours-per-week", "10")
        #expect(cheapest.code == 0, "\(cheapest.err)")
        let text = cheapest.out
        #expect(text.contains("Six credits (six): cheapest route"))
        #expect(text.contains("3 courses, 100 INR, every rule met on 2027-07-13"), "\(text)")
        #expect(text.contains("Optimal: no set of catalog courses that meets every rule costs less"))
        #expect(text.contains("of the branch and bound), taking courses one at a time in the order they open."), "the schedule the proof holds for")
        #expect(text.contains("3 credits, fills the total; 100 INR (33.33 INR a credit)"))
        #expect(text.contains("2027-07-13  every rule met") && text.contains("✓ Total 6 credits: 7 counted"), "\(text)")
        #expect(text.contains("Side by side:") && text.contains("500 INR"), "the soonest (c alone) beside it")

        let json = cli.run("plan", "six", "--by", "time", "--hours-per-week", "10", "--format", "json")
        let doc = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let route = doc?["route"] as? [String: Any]
        #expect(doc?["status"] as? String == "route" && route?["completion"] as? String == "2027-04-06", "\(json.out)")
        #expect((route?["courses"] as? [[String: Any]])?.map { $0["id"] as? String } == ["c"])
        #expect(route?["proved_optimal"] as? Bool == true)

        let poor = cli.run("plan", "six", "--budget", "50", "INR", "--hours-per-week", "10")
        #expect(poor.code == 1 && poor.out.contains("no route fits the budget of 50 INR: the cheapest costs 100 INR"), "\(poor.out)")
        // A rate for the currency fees are compared in says nothing: it is left out, and the plan says so.
        let selfRate = cli.run("plan", "six", "--rate", "INR=2", "--hours-per-week", "10")
        #expect(selfRate.code == 0 && selfRate.out.contains("the rate given for INR (2) is left out"), "\(selfRate.out)")
        let excluded = cli.run("plan", "six", "--exclude", "a", "--hours-per-week", "10")
        #expect(excluded.out.contains("150 INR") && excluded.out.contains("left out as you asked: a"), "\(excluded.out)")

        for (args, expected) in [(["--budget", "lots"], "--budget: expected an amount"), (["--hours-per-week", "0"], "--hours-per-week"),
                                 (["--rate", "USD"], "--rate: expected"), (["--exclude", "zz"], "no catalog course \"zz\""),
                                 (["--by", "vibes"], "vibes"),
                                 (["--budget", "100", "USD", "--rate", "USD=84"], "USD is the budget's currency")] {
            let r = cli.run(["plan", "six"] + args)
            #expect(r.code == 64 && r.err.contains(expected), "\(args): \(r.err)")
        }
        #expect(cli.run("plan", "sx").err.contains("did you mean \"six\""))
        // A course under way that needs more a week than the learner gives it is said in `week`.
        cli.run("course", "add", "sec", "--title", "Cyber Ops", "--hours", "90", "--modules", "3/8", "--due", "2026-12-10")
        let week = cli.run("week").out
        #expect(week.contains("! Cyber Ops: 39h 23m a week to finish by Thu 10 Dec; nothing logged on it lately  (at risk)"), "\(week)")
        #expect(week.contains("Courses under way need 39h 23m a week to finish on time, more than your goal of 5h."))
        // The demo's certificate is followed as ug-cert-data; its template's name finds it too.
        cli.run("pathway", "add", "--template", "ug-certificate", "--id", "my-cert")
        #expect(cli.run("plan", "ug-certificate", "--hours-per-week", "10").out.contains("(my-cert)"))
    }

    /// The learner's week in the dashboard: P in Credits plans, o switches to the soonest, Enter adds it.
    @Test func theDashboardPlansSwitchesAndAddsACourse() throws {
        var cli = CLIRunner(now: "2026-12-01T09:00:00Z")
        defer { cli.cleanUp() }
        let root = (cli.store as NSString).deletingLastPathComponent
        try Self.store(cli)
        try Self.write(root + "/five.toml", Self.five)
        cli.run("catalog", "add", root + "/five.toml")
        cli.run("profile", "set", "--goal", "10h")
        cli.run("course", "add", "intro", "--title", "Intro", "--status", "completed")
        var env = cli.environment
        env["TERM"] = "xterm-256color"
        let tmux = try Tmux(width: 80, height: 24, command: "\(CLIRunner.binary) --store \(cli.store)", environment: env)
        defer { tmux.kill() }
        #expect(tmux.waitFor("Credits"))
        tmux.send("3")
        tmux.send("P")
        #expect(tmux.waitFor("Cheapest: 3 courses, 100 INR, every rule met 2027-07-13"), "\(tmux.screen)")
        #expect(tmux.screen.contains("Soonest:  1 course, 500 INR, every rule met 2027-04-06"))
        tmux.send("o")
        #expect(tmux.waitFor("Soonest route, proved optimal"), "\(tmux.screen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Added c: Course C."), "\(tmux.screen)")
        #expect(cli.file("courses/c.toml").contains("status = \"planned\""))
        tmux.send("q")
    }
}
