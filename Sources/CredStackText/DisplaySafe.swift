/// Text from files and imports can hold control characters, escape sequences and bidirectional overrides.
/// Before any of it reaches a terminal, make every such character visible instead of active.
public enum DisplaySafe {
    public static func text(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isUnsafe) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            if isUnsafe(scalar) { out += escape(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// For text printed on a terminal as it is: line breaks and tabs stay, every other control is escaped.
    public static func terminalText(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\n" && $0 != "\t" }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            if isUnsafe(scalar) && scalar != "\n" && scalar != "\t" { out += escape(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    public static func isUnsafe(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Columns the escaped form of an unsafe scalar takes (all ASCII), so layout measures what is drawn.
    static func escapedWidth(_ c: Unicode.Scalar) -> Int { escape(c).utf8.count }

    private static func escape(_ c: Unicode.Scalar) -> String {
        switch c.value {
        case 0x1B: return "\\e"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        default:
            let hex = String(c.value, radix: 16, uppercase: true)
            return c.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" + hex : hex)
                                   : "\\u{" + hex + "}"
        }
    }
}
