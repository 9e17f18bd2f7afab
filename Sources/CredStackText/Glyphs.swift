/// Box-drawing and block characters, with an ASCII set for terminals whose locale is not UTF-8.
public struct Glyphs: Sendable, Equatable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var fullBlock: Character
    /// Eighth blocks from one eighth to seven eighths, bottom-up (vertical bars).
    public var verticalEighths: [Character]
    /// Eighth blocks from one eighth to seven eighths, left to right (horizontal bars).
    public var horizontalEighths: [Character]
    public var sparks: [Character]
    public var gaugeDone: Character
    public var gaugeProgress: Character
    public var gaugeMissing: Character
    public var goalLine: Character
    public var ellipsis: String
    public var timer: String
    public var check: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯",
        fullBlock: "█", verticalEighths: ["▁", "▂", "▃", "▄", "▅", "▆", "▇"],
        horizontalEighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        sparks: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        gaugeDone: "█", gaugeProgress: "▒", gaugeMissing: "░", goalLine: "┄", ellipsis: "…", timer: "⏱", check: "✓")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        fullBlock: "#", verticalEighths: [".", ".", "_", "_", "=", "=", "#"],
        horizontalEighths: ["#", "#", "#", "#", "#", "#", "#"],
        sparks: [".", ".", "-", "-", "=", "=", "#", "#"],
        gaugeDone: "#", gaugeProgress: "=", gaugeMissing: ".", goalLine: "-", ellipsis: "~", timer: "T", check: "*")
}

extension Glyphs {
    /// ASCII when the locale is not UTF-8 (after `TextWidth.prepareLocale`), or when the learner asks for
    /// it with `CREDSTACK_ASCII=1` (a terminal set to Latin-1 on a machine whose locale says UTF-8).
    public static func forTerminal(environment: [String: String]) -> Glyphs {
        environment["CREDSTACK_ASCII"] == "1" || !TextWidth.isUTF8 ? .ascii : .unicode
    }
}
