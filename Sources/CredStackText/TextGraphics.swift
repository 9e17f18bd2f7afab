/// Bars and sparklines as text, for the dashboard's panes and the plain-text reports alike.
/// A bar of `width` columns filled in eighths, e.g. minutes of a day against the busiest day.
public enum HorizontalBar {
    public static func text(_ value: Int, max: Int, width: Int, glyphs: Glyphs) -> String {
        guard max > 0, width > 0 else { return "" }
        let eighths = Int((Double(value) / Double(max) * Double(width * 8)).rounded())
        let full = min(width, eighths / 8)
        let part = full < width && eighths % 8 > 0 ? String(glyphs.horizontalEighths[eighths % 8 - 1]) : ""
        return String(repeating: glyphs.fullBlock, count: full) + part
    }
}

public enum Sparkline {
    public static func text(_ values: [Int], glyphs: Glyphs) -> String {
        let top = values.max() ?? 0
        let n = glyphs.sparks.count
        return String(values.map { v in top == 0 ? glyphs.sparks[0] : glyphs.sparks[min(n - 1, v * (n - 1) / top)] })
    }
}
