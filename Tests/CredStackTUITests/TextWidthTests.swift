import Testing
@testable import CredStackTUI

@Suite struct TextWidthTests {
    init() { TextWidth.prepareLocale() }

    @Test func measuresScriptsByDisplayColumns() {
        #expect(TextWidth.of("abc") == 3)
        #expect(TextWidth.of("数据") == 4)
        #expect(TextWidth.of("📊") == 2)
        // Devanagari: the vowel sign े (non-spacing) takes no column, ा (spacing) takes one, as in wcwidth.
        #expect(TextWidth.of("डेटा") == 3)
        #expect(TextWidth.of("e\u{301}") == 1)
    }

    @Test func truncatesAtGraphemeBoundariesWithinWidth() {
        #expect(TextWidth.truncate("Cybersecurity", to: 6) == "Cyber…")
        #expect(TextWidth.truncate("数据分析", to: 5) == "数据…")
        #expect(TextWidth.of(TextWidth.truncate("डेटा एनालिटिक्स की बुनियाद", to: 7)) <= 7)
        #expect(TextWidth.fit("数据", 5) == "数据 ")
        #expect(TextWidth.fit("ab", 4, alignRight: true) == "  ab")
        #expect(TextWidth.truncate("abc", to: 0) == "")
    }
}

@Suite struct DisplaySafeTests {
    @Test func escapesControlsAndBidiButKeepsScripts() {
        #expect(DisplaySafe.text("a\u{1B}[31mred") == "a\\e[31mred")
        #expect(DisplaySafe.text("bell\u{07}") == "bell\\x07")
        #expect(DisplaySafe.text("c1\u{9B}x") == "c1\\x9Bx")
        #expect(DisplaySafe.text("rlo\u{202E}txt") == "rlo\\u{202E}txt")
        #expect(DisplaySafe.text("डेटा 数据 📊") == "डेटा 数据 📊")
    }

    /// Layout measures text as drawn: a control takes the columns of its escape, so a title holding one is
    /// cut and padded to its column like any other (it once ran into the next column).
    @Test func controlsAreMeasuredAsTheirEscapes() {
        TextWidth.prepareLocale()
        #expect(TextWidth.of("a\u{9B}b") == 6)
        #expect(TextWidth.of("\u{1B}]0;x\u{07}") == 2 + 4 + 4)
        let fitted = TextWidth.fit(String(repeating: "a", count: 40) + "\u{202E}", 12)
        #expect(TextWidth.of(DisplaySafe.text(fitted)) == 12 && fitted.hasSuffix("…"))
        var grid = CellGrid(size: Size(width: 20, height: 1))
        let title = TextWidth.fit("T\u{1B}]0;PWNED\u{07}", 10)
        grid.put(title + "|next", x: 0, y: 0, role: .text)
        #expect((0..<20).map { grid[$0, 0].text }.joined().hasPrefix("T\\e]0;PWN…|next"))
    }
}
