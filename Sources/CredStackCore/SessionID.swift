/// A session's stable identity: eight characters of `0-9a-z` without i, l, o and u (`k3x9q2mz`), written on
/// its line in the log. Lines written before ids existed (or typed by hand) get one derived from their
/// text, so it stays the same as long as the line does.
public struct SessionID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let text: String

    public static let length = 8
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// Not yet given one: the store assigns a fresh id when it writes the session.
    public static let unassigned = SessionID(unchecked: "")

    /// For readers that have already checked the text (`isValid`).
    public init(unchecked text: String) { self.text = text }

    /// A well-formed id, or nil.
    public init?(_ text: String) {
        guard SessionID.isValid(text.utf8) else { return nil }
        self.text = text
    }

    /// Checked for every line of the log: inlinable and branch-only, so a million lines cost nothing (a
    /// generic `allSatisfy` over the alphabet array was a third of a report's time).
    @inlinable
    public static func isValid<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        guard bytes.count == length else { return false }
        for b in bytes where !isIDByte(b) { return false }
        return true
    }

    /// The alphabet's bytes: `0-9` and `a-z` without i, l, o and u.
    @inlinable @inline(__always)
    public static func isIDByte(_ b: UInt8) -> Bool {
        switch b {
        case 48...57: return true
        case 97...122: return b != 105 && b != 108 && b != 111 && b != 117
        default: return false
        }
    }

    public var isAssigned: Bool { !text.isEmpty }
    public var description: String { text }

    public static func random<G: RandomNumberGenerator>(using rng: inout G) -> SessionID {
        var v = rng.next()
        return SessionID(unchecked: digits(&v))
    }

    public static func random() -> SessionID {
        var g = SystemRandomNumberGenerator()
        return random(using: &g)
    }

    /// FNV-1a of the line's text: stable, and different for different lines.
    public static func derived<C: Collection>(from line: C) -> SessionID where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in line { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return SessionID(unchecked: digits(&h))
    }

    private static func digits(_ v: inout UInt64) -> String {
        var out = [UInt8](repeating: 0, count: length)
        for k in 0..<length { out[k] = alphabet[Int(v & 31)]; v >>= 5 }
        return String(decoding: out, as: UTF8.self)
    }

    public static func < (a: SessionID, b: SessionID) -> Bool { a.text < b.text }
}
