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
