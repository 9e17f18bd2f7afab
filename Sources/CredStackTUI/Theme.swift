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
