import Foundation
import Testing
@testable import CredStackStore
@testable import CredStackTUI

@Suite struct ColorProfileTests {
    @Test(arguments: [
        (["TERM": "xterm-256color"], 256, ColorProfile.ansi256),
        (["TERM": "xterm-256color", "NO_COLOR": "1"], 256, .none),
        (["TERM": "xterm-256color", "NO_COLOR": ""], 256, .ansi256),
        (["TERM": "xterm"], 8, .ansi8),
        (["TERM": "xterm-16color"], 16, .ansi16),
        (["TERM": "xterm", "COLORTERM": "truecolor"], 8, .trueColor),
        (["TERM": "xterm-direct", "COLORTERM": "24bit"], 16_777_216, .trueColor),
        (["TERM": "screen-256color"], 256, .ansi256),
        (["TERM": "tmux-256color", "COLORTERM": "truecolor"], 256, .trueColor),
        (["TERM": "screen"], 16_777_216, .ansi256),
        (["TERM": "dumb"], 0, .none),
        (["TERM": "dumb", "CLICOLOR_FORCE": "1"], 0, .ansi8),
        (["TERM": "vt100"], 0, .none),
        (["TERM": "vt100", "CLICOLOR_FORCE": "0"], 0, .none),
        (["TERM": "linux"], 8, .ansi8),
        ([:], nil, .none),
    ] as [([String: String], Int?, ColorProfile)])
    func detectsTheProfile(env: [String: String], colors: Int?, expected: ColorProfile) {
        #expect(ColorProfile.detect(environment: env, terminfoColors: colors) == expected)
    }

    @Test func mapsColoursToWhatTheProfileHas() {
        #expect(ColorProfile.ansi256.map(.rgb(0xFF, 0x87, 0x00)) == .index(208))
        #expect(ColorProfile.ansi16.map(.index(208)) == .index(3), "orange is nearest to xterm's yellow")
        #expect(ColorProfile.ansi8.map(.index(12)) == .index(4))
        #expect(ColorProfile.ansi8.map(.rgb(250, 10, 10)) == .index(1))
        #expect(ColorProfile.none.map(.index(1)) == nil)
        #expect(ColorProfile.trueColor.map(.rgb(1, 2, 3)) == .rgb(1, 2, 3))
        #expect(ColorProfile.ansi256.map(.rgb(0x5F, 0x87, 0xAF)) == .index(67))
        #expect(ColorProfile.ansi256.map(.terminalDefault) == nil)
    }

    static let repoThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path

    @Test(arguments: Theme.builtIn.map(\.name))
    func eachShippedFileIsItsBuiltInTheme(name: String) throws {
        let file = try ThemeFile.read(Self.repoThemes + "/\(name).toml")
        let fromFile = try Theme(name: name, styles: [:]).overridden(by: file, name: name).get()
        let builtIn = try #require(Theme.builtIn(named: name))
        for role in Role.allCases { #expect(fromFile.styles[role] == builtIn.styles[role], "\(name).\(role.rawValue)") }
    }

    /// At 8 colours and with no colour at all, every theme keeps apart what a learner must tell apart.
    @Test(arguments: Theme.builtIn.map(\.name))
    func rolesStayDistinguishable(name: String) {
        let theme = Theme.builtIn(named: name)!
        for profile in [ColorProfile.ansi8, .ansi256] + (name == "monochrome" ? [ColorProfile.none] : []) {
            let r = { (role: Role) in theme.resolved(role, under: profile) }
            #expect(r(.selection) != r(.text), "\(name) \(profile): selection")
            #expect(r(.selection) != r(.selectionInactive), "\(name) \(profile): focused selection")
            #expect(r(.borderFocused) != r(.border), "\(name) \(profile): focused pane")
            #expect(r(.goalLine) != r(.bar), "\(name) \(profile): goal line")
            #expect(Set([r(.gaugeDone), r(.gaugeProgress), r(.gaugeMissing)]).count == 3, "\(name) \(profile): gauge segments")
            #expect(r(.error) != r(.text) && r(.warning) != r(.text), "\(name) \(profile): warnings")
        }
        if name == "monochrome" {
            #expect(Role.allCases.allSatisfy { theme.resolved($0, under: .ansi256).foreground == nil && theme.resolved($0, under: .ansi256).background == nil })
        }
    }

    @Test func noColorKeepsSelectionVisibleByAttributes() {
        let r = Theme.default.resolved(.selection, under: .none)
        #expect(r.foreground == nil && r.background == nil && r.reverse && r.bold)
    }
}
