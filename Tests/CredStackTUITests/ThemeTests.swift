import Foundation
import Testing
@testable import CredStackStore
@testable import CredStackTUI

@Suite struct ThemeTests {
    static let repoThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path

    @Test func shippedDefaultFileIsTheBuiltInTheme() throws {
        let file = try ThemeFile.read(Self.repoThemes + "/default.toml")
        let theme = try Theme(name: "x", styles: [:]).overridden(by: file, name: "default").get()
        for role in Role.allCases {
            #expect(theme.styles[role] == Theme.default.styles[role], "\(role.rawValue)")
        }
        #expect(Set(file.roles.map(\.role)) == Set(Role.allCases.map(\.rawValue)), "the file names every role")
    }

    @Test func aThemeOverridesOnlyWhatItSets() throws {
        let dir = NSTemporaryDirectory() + "credstack-theme-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/credstack/themes", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "[palette]\naccent = \"#ff8700\"\n\n[roles]\nborder_focused = { fg = \"accent\", modifiers = [\"bold\"] }\n"
            .write(toFile: dir + "/credstack/themes/amber.toml", atomically: true, encoding: .utf8)
        let (theme, problem) = Theme.load("amber", environment: ["XDG_CONFIG_HOME": dir])
        #expect(problem == nil)
        #expect(theme.style(.borderFocused) == Style(.rgb(0xFF, 0x87, 0x00), bold: true))
        #expect(theme.style(.selection) == Theme.default.style(.selection))
    }

    @Test func aBrokenThemeFallsBackWithFileLineColumn() throws {
        let path = NSTemporaryDirectory() + "credstack-bad-\(UUID().uuidString).toml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "[roles]\ntext = {}\nselection = { fg = \"chartreuse\" }\n".write(toFile: path, atomically: true, encoding: .utf8)
        var (theme, problem) = Theme.load(path, environment: [:])
        #expect(theme.name == "default")
        #expect(problem?.contains("\(path):3:1: selection: \"chartreuse\" is not a colour") == true, "\(problem ?? "")")
        try "[roles]\nborder = { fg = \"red\" \n".write(toFile: path, atomically: true, encoding: .utf8)
        (theme, problem) = Theme.load(path, environment: [:])
        #expect(problem?.contains("\(path):2:") == true, "\(problem ?? "")")
        (_, problem) = Theme.load("no-such-theme", environment: ["HOME": "/nonexistent"])
        #expect(problem?.contains("no-such-theme.toml") == true)
    }

    @Test func colourNames() {
        #expect(ThemeColor.parse("cyan") == .index(6))
        #expect(ThemeColor.parse("bright-black") == .index(8))
        #expect(ThemeColor.parse("208") == .index(208))
        #expect(ThemeColor.parse("#0a0B0c") == .rgb(10, 11, 12))
        #expect(ThemeColor.parse("default") == .terminalDefault)
        #expect(ThemeColor.parse("256") == nil && ThemeColor.parse("#12345") == nil && ThemeColor.parse("chartreuse") == nil)
    }
}
