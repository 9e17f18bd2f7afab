import CredStackCore
import Foundation
import Testing

/// `credits`, `pathway`, `import badge` and `export transcript` through the real binary.
@Suite struct CreditsCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// A kept copy of the demo store, on the pinned clock.
    static func demoStore(_ cli: CLIRunner) throws -> String {
        let r = cli.run("demo", "--print", "--keep", withStore: false)
        let line = try #require(r.out.split(separator: "\n").last { $0.hasPrefix("Demo store kept at ") })
        return String(line.dropFirst("Demo store kept at ".count))
    }

    @Test func demoCreditsCanBeCheckedByHandFromTheExplanations() throws {
        let cli = CLIRunner()
        let demo = try Self.demoStore(cli)
        defer { try? FileManager.default.removeItem(atPath: demo) }
        let r = cli.run(["credits", "--store", demo], withStore: false)
        #expect(r.code == 0, "\(r.err)")
        let out = r.out
        for expected in [
            "UG Certificate in Data Science (ug-cert-data, template ug-certificate, level 4.5)",
            "5 of 44 credits counted, 11 in progress, 28 more needed beyond those.",
            "  open  At least 4 in Vocational (from Vocational, Internship, Apprenticeship): 0, 4 missing",
            "  open  At least 12 in Data (from Data, AI): 1, 11 missing",
            "  open  Required: डेटा एनालिटिक्स की बुनियाद (not yet earned)",
            "  met   Online credits at most 40% of 44 = 17.6: 5 counted",
            "  courses at NCrF level 4.5 and above",
            "  SQL for Data Analytics: 1 credit on the credential -> Data; counts until 2028-03-27",
            "  Python Programming Basics, 1 credit: expired on 2026-08-27",
            "Next step: Finish डेटा एनालिटिक्स की बुनियाद: 4 credits, completes required course",
            "  399 USD for 4 credits = 99.75 USD per credit",
            "Cloud & Security Micro-Stack (cloud-sec-stack)",
            "  met   At least 4 in Cloud (from Cloud, DevOps): 4",
            "  DevSecOps Essentials: 2 credits on the credential -> Cloud",
            "Next step: Finish Cybersecurity Operations Fundamentals: 3 credits, completes Security",
        ] { #expect(out.contains(expected), "missing: \(expected)\n\(out)") }

        // Each pathway's numbers add up from its own lines.
        for block in out.components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n").map(String.init)
            let countedHeader = try #require(lines.first { $0.hasPrefix("Counted (") })
            let counted = Double(countedHeader.dropFirst("Counted (".count).dropLast())!
            let start = lines.firstIndex(of: countedHeader)! + 1
            let items = lines[start...].prefix { $0.hasPrefix("  ") }
            let sum = items.compactMap { line -> Double? in
                guard let r = line.range(of: #": (\d+(\.\d+)?) credits? on the credential"#, options: .regularExpression) else { return nil }
                return Double(line[r].split(separator: " ")[1])
            }.reduce(0, +)
            #expect(sum == counted, "\(block)")
            // "N credits to go at H per W days at P h per credit = D days (...): reached around DATE": by hand,
            // D = ceil(N x P x W / H) exactly, and DATE = today + D days.
            let projection = try #require(lines.first { $0.contains(" credits to go at ") })
            let pattern = #/(\d+(?:\.\d+)?) credits to go at (?:(\d+)h)? ?(?:(\d+)m)? per (\d+) days at (\d+) h per credit = (\d+) days \((\d+) weeks?(?: (\d) days?)?\): reached around (\d{4}-\d\d-\d\d)/#
            let m = try #require(projection.firstMatch(of: pattern), "\(projection)")
            let toGoTenths = Int((Double(m.1)! * 10).rounded())
            let minutes = Int(m.2 ?? "0")! * 60 + Int(m.3 ?? "0")!
            let (window, perCredit, days) = (Int(m.4)!, Int(m.5)!, Int(m.6)!)
            let numerator = toGoTenths * perCredit * 60 * window, denominator = 10 * minutes
            #expect(days == (numerator + denominator - 1) / denominator, "\(projection)")
            #expect(Int(m.7)! == days / 7 && Int(m.8 ?? "0")! == days % 7, "\(projection)")
            #expect(LocalDate.parse("2026-11-30")!.adding(days: days).description == String(m.9), "\(projection)")
        }

        let one = cli.run(["credits", "cloud-sec-stack", "--store", demo], withStore: false)
        #expect(one.code == 0 && !one.out.contains("UG Certificate"))
        let typo = cli.run(["credits", "cloud-sec", "--store", demo], withStore: false)
        #expect(typo.code == 64 && typo.err.contains("did you mean \"cloud-sec-stack\""))
    }

    @Test func followAPathwayFromATemplate() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init", "--name", "Ravi")
        #expect(cli.run("credits").out.contains("No pathways followed yet"))
        let templates = cli.run(["pathway", "templates"], withStore: false)
        #expect(templates.code == 0)
        for name in ["ug-certificate", "ug-diploma", "ug-degree", "ug-honours", "pg-diploma", "ects-year"] {
            #expect(templates.out.contains("\(name): "), "\(name)")
        }
        var r = cli.run("pathway", "add", "--template", "ug-certificate")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Following UG Certificate (NEP 2020) (ug-certificate): 44 credits"))
        let file = cli.file("pathways/ug-certificate.toml")
        for line in ["template = \"ug-certificate\"", "max_online_share = 0.4", "shelf_life_years = 7", "[[minimum]]", "name = \"Vocational\""] {
            #expect(file.contains(line), "\(line)")
        }
        r = cli.run("pathway", "add", "--template", "ug-certificate")
        #expect(r.code == 1 && r.err.contains("already follow a pathway with id \"ug-certificate\""), "\(r.err)")
        #expect(cli.file("pathways/ug-certificate.toml") == file)
        #expect(cli.run("pathway", "add", "--template", "ug-diploma", "--id", "dip", "--name", "Diploma in Data").code == 0)
        #expect(cli.run("pathway", "add", "--template", "bsc").code == 64)
        cli.run("course", "add", "voc", "--title", "Retail Internship", "--category", "Vocational", "--mode", "on-site", "--hours", "135", "--level", "4.5")
        cli.run("credential", "add", "voc", "--by", "Skill India", "--issued", "2026-10-01")
        r = cli.run("credits", "ug-certificate")
        #expect(r.out.contains("Retail Internship: 135 h / 30 h per credit = 4 credits (4.5, rounded down) -> Vocational"), "\(r.out)\(r.err)")
        #expect(r.out.contains("  met   At least 4 in Vocational (from Vocational, Internship, Apprenticeship): 4"))
        #expect(cli.run("pathway", "list").out.contains("dip"))
        // Redeemed for the certificate: the diploma (which stacks on ug-certificate) still counts it; a stack that does not, does not.
        #expect(cli.run("pathway", "add", "--template", "ects-year", "--id", "eu").code == 0)
        #expect(cli.run("credential", "redeem", "voc", "ug-certificate").code == 0)
        #expect(cli.file("courses/voc.toml").contains("redeemed_for = \"ug-certificate\""))
        #expect(cli.run("credits", "dip").out.contains("Retail Internship: 135 h / 30 h per credit = 4 credits (4.5, rounded down) -> Vocational"))
        #expect(cli.run("credits", "eu").out.contains("Retail Internship, 4.5 credits: already redeemed for UG Certificate (NEP 2020) (ug-certificate), award ug-certificate, which this pathway does not stack on"))
        #expect(cli.run("credential", "redeem", "voc", "nope").code == 64)
        #expect(cli.run("credential", "redeem", "voc", "--undo").code == 0)
        #expect(!cli.file("courses/voc.toml").contains("redeemed_for"))
        #expect(cli.run("pathway", "remove", "dip").code == 0)
        #expect(!cli.run("pathway", "list").out.contains("dip "))
    }

    @Test func importBadgesInBothShapes() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        cli.run("pathway", "add", "--template", "ug-certificate")
        var r = cli.run("import", "badge", Self.fixtures + "/ob3-cloud-practitioner.json")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("New course cloud-computing-foundations: Cloud Computing Foundations"))
        #expect(r.out.contains("Credits       4") && r.out.contains("Level         5.5") && r.out.contains("imported, unverified"))
        let file = cli.file("courses/cloud-computing-foundations.toml")
        for line in ["issued = 2026-03-14", "expires = 2033-03-14", "credits = 4", "unverified = true", "level = \"5.5\"", "grade = \"A\""] {
            #expect(file.contains(line), "\(line)")
        }
        #expect(cli.run("credits").out.contains("Cloud Computing Foundations: 4 credits on the credential (mode not recorded: counted as online under the cap) -> total"))

        // The older shape (issuanceDate/expirationDate) with no credits at all.
        r = cli.run("import", "badge", Self.fixtures + "/ob3-legacy-dates.json")
        #expect(r.code == 0, "\(r.err)")
        #expect(cli.file("courses/sql-for-data-analytics.toml").contains("issued = 2025-08-02\nexpires = 2027-08-02"))
        #expect(cli.run("credits").out.contains("SQL for Data Analytics, no credits: no credits stated and no hours to convert"))

        // Again: refused without --replace, and nothing changes.
        let before = cli.files()
        r = cli.run("import", "badge", Self.fixtures + "/ob3-legacy-dates.json")
        #expect(r.code == 1 && r.err.contains("already has a credential") && r.err.contains("--replace"))
        #expect(cli.files() == before)
        r = cli.run("import", "badge", Self.fixtures + "/ob3-cloud-practitioner.json", "--course", "sql-for-data-analytics", "--replace", "--dry-run")
        #expect(r.code == 0 && r.out.contains("replaces the one issued 2025-08-02") && r.out.contains("Nothing saved"))
        #expect(cli.files() == before)
        r = cli.run("import", "badge", Self.fixtures + "/ob3-legacy-dates.json", "--replace")
        #expect(r.code == 0 && r.out.contains("replaces the one issued 2025-08-02"))
    }

    @Test func badBadgeFilesWriteNothing() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        let before = cli.files()
        let dir = (cli.store as NSString).deletingLastPathComponent
        let cases: [(String, String, String)] = [
            ("cut.json", "{\"type\": [\"OpenBadgeCredential\"", "not valid JSON"),
            ("list.json", "[1, 2]", "expected a JSON object"),
            ("vc.json", "{\"type\": [\"VerifiableCredential\"], \"credentialSubject\": {}}", "not an Open Badge"),
            ("noname.json", "{\"type\": \"OpenBadgeCredential\", \"issuer\": \"https://x\", \"validFrom\": \"2026-01-01T00:00:00Z\", \"credentialSubject\": {\"achievement\": {}}}", "credentialSubject.achievement.name is missing"),
            ("nodate.json", "{\"type\": \"OpenBadgeCredential\", \"issuer\": {\"name\": \"X\"}, \"credentialSubject\": {\"achievement\": {\"name\": \"A\"}}}", "validFrom or issuanceDate is missing"),
            ("baddate.json", "{\"type\": \"OpenBadgeCredential\", \"issuer\": {\"name\": \"X\"}, \"validFrom\": \"14/03/2026\", \"credentialSubject\": {\"achievement\": {\"name\": \"A\"}}}", "validFrom: expected a date"),
            ("credits.json", "{\"type\": \"OpenBadgeCredential\", \"issuer\": {\"name\": \"X\"}, \"validFrom\": \"2026-01-01\", \"credentialSubject\": {\"creditsEarned\": \"four\", \"achievement\": {\"name\": \"A\"}}}", "creditsEarned: expected a number"),
        ]
        for (name, content, message) in cases {
            let path = dir + "/" + name
            try content.write(toFile: path, atomically: true, encoding: .utf8)
            let r = cli.run("import", "badge", path)
            #expect(r.code == 65, "\(name): \(r.code) \(r.err)")
            #expect(r.err.contains(path) && r.err.contains(message) && r.err.contains("nothing was imported"), "\(name): \(r.err)")
        }
        #expect(cli.run("import", "badge", dir + "/missing.json").code == 66)
        #expect(cli.files() == before)
    }

    @Test func skillsTranscriptInMarkdownAndJSON() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init", "--name", "Meera | Iyer")
        cli.run("course", "add", "sql", "--title", "SQL Basics", "--skills", "sql,reporting", "--credits", "2", "--level", "4.5")
        cli.run("course", "add", "py", "--title", "Python", "--skills", "python,SQL")
        cli.run("log", "2h", "sql", "--at", "08:00")
        cli.run("log", "90m", "py", "--at", "06:00")
        cli.run("credential", "add", "sql", "--by", "Example Academy", "--issued", "2026-11-01", "--expires", "2028-11-01")
        cli.run("credential", "add", "py", "--by", "Example Academy", "--issued", "2026-11-20")
        let md = cli.run("export", "transcript", "--format", "md")
        #expect(md.code == 0, "\(md.err)")
        #expect(md.out.contains("# Skills transcript: Meera \\| Iyer"))
        #expect(md.out.contains("| SQL Basics | Example Academy | 2026-11-01 | 2028-11-01 | 2 | 4.5 | 2 h | sql, reporting | self-reported |"), "\(md.out)")
        #expect(!md.out.contains("verified |"), "a typed credential is never claimed verified")
        #expect(md.out.contains("| SQL | 3.5 h | Python; SQL Basics |"), "skills merge across case and sum hours:\n\(md.out)")
        let json = cli.run("export", "transcript", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect((object["credentials"] as? [Any])?.count == 2)
        #expect(object["current_credits"] as? Double == 2)
        let entries = try #require(object["credentials"] as? [[String: Any]])
        #expect(entries.allSatisfy { $0["verification"] as? String == "self-reported" && $0["verified"] == nil }, "\(json.out)")
        #expect(cli.run("export", "transcript", "--format", "csv").code == 64)
        #expect(cli.run("export", "sessions", "--format", "md").code == 64)
    }

    /// The registrar's rules through the binary: whole courses under the online cap, stacking by award
    /// whatever the id, a credential issued in the future, a course whose mode is not given, and the report
    /// as JSON that agrees with the text.
    @Test func registrarRulesThroughTheBinary() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.run("init")
        var r = cli.run("pathway", "add", "--template", "ug-diploma")
        #expect(r.code == 0 && r.err.contains("stacks on \"ug-certificate\", which none of your pathways is"), "\(r.err)")
        r = cli.run("pathway", "add", "--template", "ug-certificate", "--id", "ug-cert-data")
        #expect(r.code == 0 && r.err.isEmpty, "the certificate under another id is no stranger: \(r.err)")
        // Five 4-credit online courses: 44 x 40% = 17.6, so four count (16) and the fifth is left out whole.
        for n in 1...5 {
            #expect(cli.run("course", "add", "on\(n)", "--title", "Online \(n)", "--mode", "online", "--credits", "4", "--level", "5").code == 0)
            #expect(cli.run("credential", "add", "on\(n)", "--by", "SWAYAM", "--issued", "2026-0\(n)-01").code == 0)
        }
        // Redeemed for the certificate (followed as ug-cert-data): the diploma stacks on the award, so it counts there.
        #expect(cli.run("credential", "redeem", "on1", "ug-cert-data").code == 0)
        let json = cli.run("credits", "--format", "json")
        #expect(json.code == 0, "\(json.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let reports = try #require(object["pathways"] as? [[String: Any]])
        let cert = try #require(reports.first { $0["id"] as? String == "ug-cert-data" })
        let diploma = try #require(reports.first { $0["id"] as? String == "ug-diploma" })
        #expect(cert["award"] as? String == "ug-certificate")
        #expect(cert["counted_credits"] as? Double == 16 && cert["online_credits_left_out"] as? Double == 4, "\(cert)")
        let out = try #require(cert["not_counted"] as? [[String: Any]])
        #expect(out.count == 1 && out[0]["course"] as? String == "on5" && (out[0]["reason"] as? String)?.contains("online cap") == true, "\(out)")
        // The diploma's cap is 84 x 40% = 33.6: all five count, the redeemed one too.
        #expect(diploma["counted_credits"] as? Double == 20 && diploma["online_credits_left_out"] as? Double == 0, "\(diploma)")
        let text = cli.run("credits", "ug-cert-data").out
        #expect(text.contains("Online 5, 4 credits: over the 40% online cap: with it, online credits would be 20 of at most 17.6"), "\(text)")
        #expect(cli.run("credits", "ug-diploma").out.contains("Online 1: 4 credits stated by the course -> total"))

        // Issued in the future: said, and not counted until then.
        r = cli.run("course", "add", "later", "--title", "Later", "--credits", "2", "--level", "5")
        #expect(r.code == 0)
        #expect(!cli.file("courses/later.toml").contains("mode"), "no mode given, none written")
        #expect(cli.run("course", "show", "later").out.contains("unknown"))
        r = cli.run("credential", "add", "later", "--by", "X", "--issued", "2027-06-01")
        #expect(r.code == 0 && r.out.contains("Issued 2027-06-01, after today: it counts toward pathways from that day."), "\(r.out)")
        #expect(cli.run("credits", "ug-cert-data").out.contains("Later, 2 credits: issued 2027-06-01, after today; it counts from that day"))
        #expect(cli.run("credits", "--format", "yaml").code == 64)

        // A credit system given with the credential is kept (and the ECTS year counts it by its hours).
        cli.run("course", "add", "eu1", "--title", "EU course", "--mode", "on-site", "--hours", "105", "--level", "5")
        #expect(cli.run("credential", "add", "eu1", "--by", "X", "--issued", "2026-10-01", "--credits", "4", "--credit-system", "ncrf").code == 0)
        #expect(cli.file("courses/eu1.toml").contains("credit_system = \"NCrF\""))
        #expect(cli.run("pathway", "add", "--template", "ects-year").code == 0)
        #expect(cli.run("credits", "ects-year").out.contains("EU course: its 4 NCrF credits are not ECTS credits and the pathway states no conversion, so its hours count: 105 h / 30 h per credit = 3.5 credits"))

        // Only credits that hold can be redeemed; dropping the certificate keeps what stacks on its award.
        r = cli.run("credential", "redeem", "later", "ug-cert-data")
        #expect(r.code == 1 && r.err.contains("cannot be redeemed for ug-cert-data: issued 2027-06-01, after today"), "\(r.err)")
        r = cli.run("pathway", "remove", "ug-cert-data")
        #expect(r.code == 0 && r.out.contains("Credits of on1 stay redeemed for it, and still count where a pathway stacks on ug-certificate."), "\(r.out)")
        #expect(cli.file("courses/on1.toml").contains("redeemed_award = \"ug-certificate\""))
        #expect(cli.run("credits", "ug-diploma").out.contains("Online 1: 4 credits stated by the course -> total"))
    }
}
