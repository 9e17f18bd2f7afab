import Testing
@testable import CredStackTUI

/// The demo dashboard in every shipped theme under every colour profile the backend draws with, as a map
/// of which cells share a style plus what each style resolves to: a change in role-to-colour resolution
/// shows up here, not only a change of text.
@Suite struct ThemeSnapshotTests {
    static let profiles: [ColorProfile] = [.none, .ansi8, .ansi16, .ansi256]

    init() { TextWidth.prepareLocale() }

    @Test(arguments: Theme.builtIn.map(\.name))
    func dashboardInEachThemeAndProfile(name: String) throws {
        let theme = try #require(Theme.builtIn(named: name))
        var state = Fixtures.demoState()
        state.focus = .credits
        let grid = view(state, Size(width: 80, height: 24))
        var out = ""
        for profile in Self.profiles {
            out += "== \(name) under \(profile)\n" + Self.styleMap(grid, theme: theme, profile: profile)
        }
        expectSnapshot(text: out, "theme-\(name)")
    }

    /// One letter per cell, the same letter for the same resolved style, then the legend.
    static func styleMap(_ grid: CellGrid, theme: Theme, profile: ColorProfile) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var seen: [ResolvedStyle] = []
        var rows = ""
        for y in 0..<grid.size.height {
            for x in 0..<grid.size.width {
                let style = theme.resolved(grid[x, y].role, under: profile)
                if !seen.contains(style) { seen.append(style) }
                rows.append(letters[seen.firstIndex(of: style)! % letters.count])
            }
            rows += "\n"
        }
        let legend = seen.enumerated().map { i, s in
            var parts = ["fg \(s.foreground.map(String.init) ?? "-")", "bg \(s.background.map(String.init) ?? "-")"]
            for (on, label) in [(s.bold, "bold"), (s.dim, "dim"), (s.underline, "underline"), (s.reverse, "reverse"), (s.italic, "italic")] where on {
                parts.append(label)
            }
            return "\(letters[i]): " + parts.joined(separator: " ")
        }
        return rows + legend.joined(separator: "\n") + "\n"
    }
}
