/// How many colours to use, decided from the environment and what terminfo says the terminal has.
/// A pure function so every combination can be tested as a table (the idea of Bubble Tea's termenv).
public enum ColorProfile: Int, Comparable, Sendable, CustomStringConvertible {
    case none = 0, ansi8, ansi16, ansi256, trueColor

    public static func < (a: ColorProfile, b: ColorProfile) -> Bool { a.rawValue < b.rawValue }

    public var description: String { ["no colour", "8 colours", "16 colours", "256 colours", "truecolor"][rawValue] }

    /// - Parameters:
    ///   - environment: the process environment.
    ///   - terminfoColors: `COLORS` from terminfo for `TERM` (nil when unknown).
    public static func detect(environment env: [String: String], terminfoColors: Int?) -> ColorProfile {
        // NO_COLOR (any non-empty value) wins over everything: https://no-color.org
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return .none }
        let term = env["TERM"] ?? ""
        let forced = (env["CLICOLOR_FORCE"].map { !$0.isEmpty && $0 != "0" }) ?? false
        if term == "dumb" && !forced { return .none }
        var profile: ColorProfile
        switch terminfoColors ?? 0 {
        case 16_777_216...: profile = .trueColor
        case 256...: profile = .ansi256
        case 16...: profile = .ansi16
        case 8...: profile = .ansi8
        default: profile = .none
        }
        let colorterm = (env["COLORTERM"] ?? "").lowercased()
        if colorterm == "truecolor" || colorterm == "24bit" { profile = max(profile, .trueColor) }
        if term.hasSuffix("-256color") { profile = max(profile, .ansi256) }
        // tmux and screen pass 256 colours at most unless told otherwise (COLORTERM above).
        if (term.hasPrefix("screen") || term.hasPrefix("tmux")) && profile == .trueColor && colorterm.isEmpty { profile = .ansi256 }
        if forced && profile == .none { profile = .ansi8 }
        return profile
    }

    /// The colour to send for a theme colour under this profile: an index the terminal has, or nil for the
    /// terminal's default (also when there is no colour at all).
    public func map(_ color: ThemeColor) -> ThemeColor? {
        switch (self, color) {
        case (.none, _), (_, .terminalDefault): return nil
        case (.trueColor, _): return color
        case (_, .index(let i)):
            if i < limit { return color }
            if i < 16 { return .index(i - 8) }
            return .index(ColorProfile.nearest(ColorProfile.rgb(ofIndex: i), below: limit))
        case (_, .rgb(let r, let g, let b)):
            if self == .ansi256 { return .index(ColorProfile.cube(r, g, b)) }
            return .index(ColorProfile.nearest((Int(r), Int(g), Int(b)), below: limit))
        }
    }

    var limit: Int { [0, 8, 16, 256, 256][rawValue] }

    /// The 16 base colours as xterm draws them.
    static let base: [(Int, Int, Int)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
                                          (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
                                          (255, 0, 255), (0, 255, 255), (255, 255, 255)]

    /// The nearest colour of xterm's 6x6x6 cube, whose levels are 0, 95, 135, 175, 215, 255.
    static func cube(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        let q = { (v: UInt8) in levels.indices.min { abs(levels[$0] - Int(v)) < abs(levels[$1] - Int(v)) }! }
        return 16 + 36 * q(r) + 6 * q(g) + q(b)
    }

    static func rgb(ofIndex i: Int) -> (Int, Int, Int) {
        if i < 16 { return base[i] }
        if i >= 232 { let v = 8 + (i - 232) * 10; return (v, v, v) }
        let c = i - 16
        let level = { (n: Int) in n == 0 ? 0 : 55 + n * 40 }
        return (level(c / 36), level(c / 6 % 6), level(c % 6))
    }

    /// The base colour (below `limit`) closest to an RGB value.
    static func nearest(_ rgb: (Int, Int, Int), below limit: Int) -> Int {
        var best = 0, bestDistance = Int.max
        for (i, c) in base.prefix(limit).enumerated() {
            let d = (c.0 - rgb.0) * (c.0 - rgb.0) + (c.1 - rgb.1) * (c.1 - rgb.1) + (c.2 - rgb.2) * (c.2 - rgb.2)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }
}

/// A role's style as a terminal of a given profile will show it: colour indexes (nil: the terminal's own)
/// and attributes. The backend draws exactly this; tests compare it.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: Int?
    public var background: Int?
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false
    public var italic = false
}

extension Theme {
    public func resolved(_ role: Role, under profile: ColorProfile) -> ResolvedStyle {
        let s = style(role)
        var r = ResolvedStyle(bold: s.bold, dim: s.dim, underline: s.underline, reverse: s.reverse, italic: s.italic)
        let index = { (c: ThemeColor) -> Int? in if case .index(let i)? = profile.map(c) { return i }; return nil }
        r.foreground = index(s.foreground)
        r.background = index(s.background)
        // Bright black has no place among 8 colours: the terminal's own colour, dimmed, reads the same.
        if profile == .ansi8, s.foreground == .index(8) { r.foreground = nil; r.dim = true }
        // Without colour, a role that had a background keeps standing out by reverse video.
        if profile == .none, s.background != .terminalDefault { r.reverse = true }
        return r
    }
}
