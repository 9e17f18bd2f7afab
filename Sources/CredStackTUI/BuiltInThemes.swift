/// The themes that ship with credstack. Each also exists as `themes/NAME.toml`, and a test keeps the file
/// and this definition identical, so the files are the documentation and a starting point for your own.
extension Theme {
    public static let builtIn: [Theme] = [.default, .light, .highContrast, .monochrome, .saffron]

    public static func builtIn(named name: String) -> Theme? { builtIn.first { $0.name == name } }

    /// Light terminals: no yellow or cyan text, which fade on white.
    public static let light = Theme(name: "light", styles: [
        .text: Style(),
        .muted: Style(.index(8)),
        .border: Style(.index(8)),
        .borderFocused: Style(.index(4), bold: true),
        .title: Style(bold: true),
        .titleFocused: Style(.index(4), bold: true),
        .header: Style(.index(8), bold: true),
        .selection: Style(.index(15), on: .index(4), bold: true),
        .selectionInactive: Style(reverse: true),
        .bar: Style(.index(4)),
        .barToday: Style(.index(5), bold: true),
        .goalLine: Style(.index(1)),
        .gaugeDone: Style(.index(2)),
        .gaugeProgress: Style(.index(4)),
        .gaugeMissing: Style(.index(8)),
        .warning: Style(.index(5), bold: true),
        .error: Style(.index(1), bold: true),
        .success: Style(.index(2), bold: true),
        .statusBar: Style(.index(15), on: .index(4)),
        .keyHint: Style(.index(4), bold: true),
        .input: Style(underline: true),
    ])

    /// Strong contrast for projectors and low vision: bold everywhere it helps, selection in yellow.
    public static let highContrast = Theme(name: "high-contrast", styles: [
        .text: Style(bold: true),
        .muted: Style(),
        .border: Style(),
        .borderFocused: Style(.index(11), bold: true),
        .title: Style(bold: true, underline: true),
        .titleFocused: Style(.index(11), bold: true, underline: true),
        .header: Style(bold: true, underline: true),
        .selection: Style(.index(0), on: .index(11), bold: true),
        .selectionInactive: Style(reverse: true),
        .bar: Style(.index(15), bold: true),
        .barToday: Style(.index(11), bold: true),
        .goalLine: Style(.index(9), bold: true),
        .gaugeDone: Style(.index(10), bold: true),
        .gaugeProgress: Style(.index(11), bold: true),
        .gaugeMissing: Style(),
        .warning: Style(.index(11), bold: true, reverse: true),
        .error: Style(.index(9), bold: true, reverse: true),
        .success: Style(.index(10), bold: true),
        .statusBar: Style(bold: true, reverse: true),
        .keyHint: Style(.index(11), bold: true),
        .input: Style(bold: true, underline: true),
    ])

    /// No colour at all: every role reads by attributes (and the gauges and goal line by their glyphs).
    public static let monochrome = Theme(name: "monochrome", styles: [
        .text: Style(),
        .muted: Style(dim: true),
        .border: Style(dim: true),
        .borderFocused: Style(bold: true),
        .title: Style(bold: true),
        .titleFocused: Style(bold: true, underline: true),
        .header: Style(underline: true),
        .selection: Style(bold: true, reverse: true),
        .selectionInactive: Style(underline: true),
        .bar: Style(),
        .barToday: Style(bold: true),
        .goalLine: Style(dim: true),
        .gaugeDone: Style(bold: true),
        .gaugeProgress: Style(),
        .gaugeMissing: Style(dim: true),
        .warning: Style(bold: true, underline: true),
        .error: Style(bold: true, reverse: true),
        .success: Style(bold: true),
        .statusBar: Style(reverse: true),
        .keyHint: Style(bold: true),
        .input: Style(underline: true),
    ])

    /// Warm saffron, green and navy: a dark theme with character.
    public static let saffron = Theme(name: "saffron", styles: [
        .text: Style(),
        .muted: Style(.index(245)),
        .border: Style(.index(94)),
        .borderFocused: Style(.index(208), bold: true),
        .title: Style(.index(223), bold: true),
        .titleFocused: Style(.index(208), bold: true),
        .header: Style(.index(180), bold: true),
        .selection: Style(.index(16), on: .index(208), bold: true),
        .selectionInactive: Style(.index(223), on: .index(58)),
        .bar: Style(.index(34)),
        .barToday: Style(.index(208), bold: true),
        .goalLine: Style(.index(231)),
        .gaugeDone: Style(.index(34), bold: true),
        .gaugeProgress: Style(.index(208)),
        .gaugeMissing: Style(.index(239)),
        .warning: Style(.index(214), bold: true),
        .error: Style(.index(196), bold: true),
        .success: Style(.index(34), bold: true),
        .statusBar: Style(.index(231), on: .index(18)),
        .keyHint: Style(.index(208), bold: true),
        .input: Style(underline: true),
    ])
}
