#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Display width of text in terminal columns, from the C library's `wcwidth` (the table ncursesw uses, so
/// our layout and the cursor ncurses moves always agree). Needs a UTF-8 `LC_CTYPE`; `TextWidth.prepareLocale`
/// sets one.
public enum TextWidth {
    /// Columns one scalar takes: 0 for combining marks, 2 for wide ones, and for a control character or a
    /// bidi override the width of the escape it is drawn as (`\e`, `\x9B`), so truncation and padding measure
    /// what the screen shows.
    @inline(__always)
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x7F { return v >= 0x20 ? 1 : DisplaySafe.escapedWidth(s) }
        if DisplaySafe.isUnsafe(s) { return DisplaySafe.escapedWidth(s) }
        let cw = Int(c_wcwidth(Int32(bitPattern: v)))
        return cw < 0 ? 0 : cw
    }

    /// Width of one grapheme: the sum of its scalars' widths, as ncurses advances the cursor over it.
    public static func of(_ c: Character) -> Int {
        var w = 0
        for s in c.unicodeScalars { w += of(s) }
        return w
    }

    /// Text split into terminal cells: each a spacing scalar with the zero-width scalars after it, and its
    /// width. Zero-width scalars with nothing before them are dropped.
    public static func cells(_ text: String) -> [(text: String, width: Int)] {
        var out: [(String, Int)] = []
        for scalar in text.unicodeScalars {
            let w = of(scalar)
            if w > 0 { out.append((String(scalar), w)) } else if !out.isEmpty { out[out.count - 1].0.unicodeScalars.append(scalar) }
        }
        return out
    }

    public static func of<S: StringProtocol>(_ s: S) -> Int {
        var w = 0
        for c in s { w += of(c) }
        return w
    }

    /// Cuts at a grapheme boundary so the result fits `width`, ending with "…" when something was cut.
    public static func truncate(_ s: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        let room = width - of(ellipsis)
        var out = ""
        var used = 0
        for c in s {
            let cw = of(c)
            if used + cw > room { break }
            out.append(c)
            used += cw
        }
        return room >= 0 ? out + ellipsis : ""
    }

    /// Truncated or padded with spaces to exactly `width` columns.
    public static func fit(_ s: String, _ width: Int, alignRight: Bool = false) -> String {
        let t = truncate(s, to: width)
        let pad = String(repeating: " ", count: max(0, width - of(t)))
        return alignRight ? pad + t : t + pad
    }

    /// Use the environment's locale; when it is not UTF-8, fall back to C.UTF-8 for character handling
    /// if the system has it. Returns whether UTF-8 is in force (else draw with ASCII).
    @discardableResult
    public static func prepareLocale() -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8 { return true }
        if setlocale(LC_CTYPE, "C.UTF-8") != nil || setlocale(LC_CTYPE, "C.utf8") != nil { return isUTF8 }
        return false
    }

    public static var isUTF8: Bool {
        guard let cs = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}

/// glibc declares `wcwidth` only under _XOPEN_SOURCE, which Swift's Glibc module does not set.
@_silgen_name("wcwidth")
private func c_wcwidth(_ c: Int32) -> Int32
