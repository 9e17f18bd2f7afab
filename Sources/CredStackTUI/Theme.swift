import CredStackStore

/// A colour as a theme names it: terminal default, one of the 256 indexed colours, or RGB.
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case index(Int)
    case rgb(UInt8, UInt8, UInt8)

    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
                               "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
                               "bright-magenta", "bright-cyan", "bright-white"]

    /// `default`, a name above, `0`-`255`, or `#rrggbb`.
    public static func parse(_ text: String) -> ThemeColor? {
        let t = text.lowercased()
        if t == "default" || t == "reset" { return .terminalDefault }
        if let i = names.firstIndex(of: t) { return .index(i) }
        if let n = Int(t), (0...255).contains(n) { return .index(n) }
        if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        }
        return nil
    }
}

public struct Style: Hashable, Sendable {
    public var foreground: ThemeColor = .terminalDefault
    public var background: ThemeColor = .terminalDefault
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false
    public var italic = false

    public init(_ foreground: ThemeColor = .terminalDefault, on background: ThemeColor = .terminalDefault,
                bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false, italic: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
        self.italic = italic
    }
}

/// Named roles mapped to styles. Built-in defaults cover every role; a theme file overrides what it sets.
public struct Theme: Sendable {
    public var name: String
    public var styles: [Role: Style]

    public func style(_ role: Role) -> Style { styles[role] ?? Theme.default.styles[role] ?? Style() }

    /// Dark terminals. Selection and focus also differ by attribute (reverse, bold), so they read without colour.
    public static let `default` = Theme(name: "default", styles: [
        .text: Style(),
        .muted: Style(.index(8)),
        .border: Style(.index(8)),
        .borderFocused: Style(.index(6), bold: true),
        .title: Style(bold: true),
        .titleFocused: Style(.index(6), bold: true),
        .header: Style(.index(8), bold: true),
        .selection: Style(.index(0), on: .index(6), bold: true),
        .selectionInactive: Style(reverse: true),
        .bar: Style(.index(4)),
        .barToday: Style(.index(6), bold: true),
        .goalLine: Style(.index(3)),
        .gaugeDone: Style(.index(2)),
        .gaugeProgress: Style(.index(3)),
        .gaugeMissing: Style(.index(8)),
        .warning: Style(.index(3), bold: true),
        .error: Style(.index(1), bold: true),
        .success: Style(.index(2)),
        .statusBar: Style(.index(15), on: .index(4)),
        .keyHint: Style(.index(6), bold: true),
        .input: Style(underline: true),
    ])
}

extension Theme {
    /// This theme with a theme file's roles laid over it. Any unknown role, colour or modifier is an error
    /// at its line and column; nothing is half-applied.
    public func overridden(by file: ThemeFile, name: String) -> Result<Theme, StoreError> {
        var out = self
        out.name = name
        for entry in file.roles {
            let fail = { (message: String) in StoreError.malformed(path: file.path, line: entry.line, column: entry.column, message: message) }
            guard let role = Role(rawValue: entry.role) else {
                return .failure(fail("unknown role \"\(entry.role)\"; roles are \(Role.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            var style = Style()
            for (text, slot) in [(entry.foreground, 0), (entry.background, 1)] {
                guard let text else { continue }
                guard let color = ThemeColor.parse(file.palette[text] ?? text) else {
                    return .failure(fail("\(entry.role): \"\(text)\" is not a colour; expected #rrggbb, 0-255, a name like cyan or bright-blue, a palette name, or default"))
                }
                if slot == 0 { style.foreground = color } else { style.background = color }
            }
            for m in entry.modifiers {
                switch m.lowercased() {
                case "bold": style.bold = true
                case "dim": style.dim = true
                case "underline", "underlined": style.underline = true
                case "reverse", "reversed": style.reverse = true
                case "italic": style.italic = true
                default: return .failure(fail("\(entry.role): unknown modifier \"\(m)\"; expected bold, dim, underline, reverse or italic"))
                }
            }
            out.styles[role] = style
        }
        return .success(out)
    }
}

extension Theme {
    /// `NAME` from the learner's themes (`$XDG_CONFIG_HOME/credstack/themes/NAME.toml`, else `~/.config/...`),
    /// then the shared ones (`$XDG_DATA_DIRS/credstack/themes`), then the built-ins; or a path to a file.
    /// A theme that cannot be read falls back to the default, with the reason.
    public static func load(_ nameOrPath: String?, environment: [String: String]) -> (theme: Theme, problem: String?) {
        guard let nameOrPath, !nameOrPath.isEmpty else { return (.default, nil) }
        let path: String
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            path = nameOrPath
        } else if let found = SharedData.file(named: nameOrPath, .themes, environment: environment) {
            path = found.path
        } else if let builtIn = Theme.builtIn(named: nameOrPath) {
            return (builtIn, nil)
        } else {
            let own = SharedData.folders(.themes, environment: environment)[0].folder
            return (.default, "theme not used: no theme \"\(nameOrPath)\" (no \(nameOrPath).toml in \(own) or the shared folders; credstack themes lists them)")
        }
        do {
            let file = try ThemeFile.read(path)
            switch Theme.default.overridden(by: file, name: nameOrPath) {
            case .success(let theme): return (theme, nil)
            case .failure(let error): return (.default, "theme not used: \(error)")
            }
        } catch {
            return (.default, "theme not used: \(error)")
        }
    }
}
