import Testing
@testable import CredStackTOML

/// Edits change the bytes they are asked to change and nothing else.
@Suite struct EditTests {
    let course = """
    # My AWS course: keep notes here.
    title = 'AWS Cloud'   # literal on purpose
    provider="AWS"
    credits = 2.25
    skills = ["C, C++", "iam"]
    hex = 0x1F
    when = 2026-11-30T09:15:00.125+05:30
    about = \"\"\"
    Two lines
    of text\"\"\"

    # The credential, imported from a badge.
    [credential]
      awarded_by = "Amazon"   # issuer
      issued = 2026-01-05
      unverified = true
      future_key = { nested = [1, 2] }

    [[notes]]
    text = "a"
    [[notes]]
    text = "b"

    """

    func doc(_ text: String) throws -> TOMLDocument { try TOMLDocument(text: text) }

    @Test func changingOneValueChangesOnlyItsBytes() throws {
        var d = try doc(course)
        try d.set("credits", .number(3))
        #expect(d.text == course.replacingOccurrences(of: "credits = 2.25", with: "credits = 3"))
        d = try doc(course)
        try d.set("title", .string("AWS Cloud Practitioner"))
        #expect(d.text == course.replacingOccurrences(of: "'AWS Cloud'", with: "'AWS Cloud Practitioner'"), "literal stays literal")
        d = try doc(course)
        try d.set("title", .string("It's"))
        #expect(d.text.contains("title = \"It's\"   # literal on purpose"), "a quote the literal form cannot hold")
        d = try doc(course)
        try d.set("awarded_by", .string("AWS Training"), in: ["credential"])
        #expect(d.text == course.replacingOccurrences(of: "awarded_by = \"Amazon\"", with: "awarded_by = \"AWS Training\""))
        d = try doc(course)
        try d.set("text", .string("B"), in: ["notes", 1])
        #expect(d.text == course.replacingOccurrences(of: "text = \"b\"", with: "text = \"B\""))
    }

    @Test func addingAKeyFollowsTheTablesOwnStyle() throws {
        var d = try doc(course)
        try d.set("expires", .dateTime(TOMLDateTime(year: 2029, month: 1, day: 5)), in: ["credential"])
        #expect(d.text == course.replacingOccurrences(of: "  future_key = { nested = [1, 2] }\n",
                                                      with: "  future_key = { nested = [1, 2] }\n  expires = 2029-01-05\n"))
        d = try doc(course)
        try d.set("level", .string("5"))
        #expect(d.text == course.replacingOccurrences(of: "of text\"\"\"\n", with: "of text\"\"\"\nlevel = \"5\"\n"))
        // CRLF files get CRLF lines.
        d = try doc("a = 1\r\nb = 2\r\n")
        try d.set("c", .integer(3))
        #expect(d.text == "a = 1\r\nb = 2\r\nc = 3\r\n")
        // No final line break: one is added before the new line.
        d = try doc("a=1")
        try d.set("b", .boolean(true))
        #expect(d.text == "a=1\nb=true\n")
    }

    @Test func inlineAndDottedTablesAreEditedWhereTheyAre() throws {
        var d = try doc("profile = { name = \"Asha\", weekly_goal_minutes = 600 }\n# end\n")
        try d.set("weekly_goal_minutes", .integer(300), in: ["profile"])
        try d.set("week_start", .string("sunday"), in: ["profile"])
        #expect(d.text == "profile = { name = \"Asha\", weekly_goal_minutes = 300, week_start = \"sunday\" }\n# end\n")
        try d.remove("name", in: ["profile"])
        #expect(d.text == "profile = { weekly_goal_minutes = 300, week_start = \"sunday\" }\n# end\n")
        try d.remove("week_start", in: ["profile"])
        #expect(d.text == "profile = { weekly_goal_minutes = 300 }\n# end\n")

        d = try doc("credential.awarded_by = \"A\"\ncredential.issued = 2026-01-05\nother = 1\n")
        try d.set("credits", .number(2), in: ["credential"])
        #expect(d.text == "credential.awarded_by = \"A\"\ncredential.issued = 2026-01-05\ncredential.credits = 2\nother = 1\n")
        try d.remove("credential")
        #expect(d.text == "other = 1\n")
    }

    @Test func removingKeepsCommentsOnTheirOwnLines() throws {
        var d = try doc(course)
        try d.remove("unverified", in: ["credential"])
        #expect(d.text == course.replacingOccurrences(of: "  unverified = true\n", with: ""))
        d = try doc(course)
        try d.remove("credential")
        #expect(d.text == course.replacingOccurrences(of: """
        [credential]
          awarded_by = "Amazon"   # issuer
          issued = 2026-01-05
          unverified = true
          future_key = { nested = [1, 2] }

        """, with: ""))
        #expect(d.text.contains("# The credential, imported from a badge."))
        d = try doc(course)
        try d.removeTable(at: ["notes", 0])
        #expect(d.text == course.replacingOccurrences(of: "[[notes]]\ntext = \"a\"\n", with: ""))
        #expect(try #require(d.root["notes"]).kind.isTableArray(count: 1))
    }

    @Test func appendingATable() throws {
        var d = try doc("title = \"x\"\n")
        try d.set("awarded_by", .string("A"), in: ["credential"])
        #expect(d.text == "title = \"x\"\n\n[credential]\nawarded_by = \"A\"\n")
        try d.appendTable(["minimum"], array: true, fields: [TOMLField("name", .string("Data")), TOMLField("credits", .number(12))])
        #expect(d.text.hasSuffix("[credential]\nawarded_by = \"A\"\n\n[[minimum]]\nname = \"Data\"\ncredits = 12\n"))
        d = try doc("")
        try d.set("name", .string("Ünïcode \u{1B}"))
        #expect(d.text == "name = \"Ünïcode \\u001B\"\n")
    }

    @Test func aByteOrderMarkAndPositions() throws {
        let d = try TOMLDocument(bytes: [0xEF, 0xBB, 0xBF] + Array("a = 1\n".utf8))
        #expect(d.bytes.count == 9 && d.root["a"] != nil, "a BOM is read and kept")
        do {
            _ = try TOMLDocument(bytes: [0xEF, 0xBB, 0xBF] + Array("a = 1\nb = \"डेटा\" x\n".utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.line == 2 && error.column == 12, "\(error)")
            #expect(error.message.contains("end of the line"))
        }
        do {
            _ = try TOMLDocument(bytes: [0xEF, 0xBB, 0xBF] + Array("= 1\n".utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.line == 1 && error.column == 1, "a byte-order mark is not a column: \(error)")
        }
    }
}

extension TOMLValue.Kind {
    func isTableArray(count: Int) -> Bool { if case .tableArray(let items) = self { return items.count == count }; return false }
}

@Suite struct HostileTOMLTests {
    @Test func veryLongDottedKeysAndHeadersAreRefusedNotAStackOverflow() {
        for text in ["a = 1\n" + String(repeating: "a.", count: 5000) + "b = 1\n", "[" + String(repeating: "a.", count: 10_000) + "b]\n",
                     "x = {" + String(repeating: "a.", count: 3000) + "b = 1}\n",
                     "x = " + String(repeating: "{" + String(repeating: "a.", count: 60) + "b = ", count: 60) + "1" + String(repeating: "}", count: 60) + "\n"] {
            do {
                _ = try TOMLDocument(text: text)
                Issue.record("accepted")
            } catch {
                #expect(error.message.contains("more than 64 dotted parts") || error.message.contains("nested too deeply"), "\(error)")
            }
        }
    }

    @Test func aKeyAddedAfterTheFirstLineOfAFileWithAByteOrderMark() throws {
        var d = try TOMLDocument(bytes: [0xEF, 0xBB, 0xBF] + Array("title = \"B\"\n".utf8))
        try d.set("provider", .string("P"))
        #expect(d.bytes == [0xEF, 0xBB, 0xBF] + Array("title = \"B\"\nprovider = \"P\"\n".utf8))
    }
}
