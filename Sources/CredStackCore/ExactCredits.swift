/// Credits, hours and minutes as exact fractions, so a projected date is what a registrar gets by hand:
/// 7 credits at 30 h per credit and 42 h per 84 days is 420 days, never 421 from a rounding error.
/// Values come from decimal text (`2.25`, `0.5`), so a millionth is the finest step kept.
public struct ExactCredits: Hashable, Sendable {
    public let numerator: Int128
    public let denominator: Int128

    public init(_ numerator: Int128, _ denominator: Int128 = 1) {
        let g = ExactCredits.gcd(abs(numerator), abs(denominator))
        let sign: Int128 = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / max(g, 1)
        self.denominator = sign * denominator / max(g, 1)
    }

    /// A decimal value as written (at most six places: the store's numbers are decimal text).
    public init(_ value: Double) {
        self.init(Int128((value * 1_000_000).rounded()), 1_000_000)
    }

    public static func + (a: ExactCredits, b: ExactCredits) -> ExactCredits {
        ExactCredits(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func * (a: ExactCredits, b: ExactCredits) -> ExactCredits {
        ExactCredits(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    public static func / (a: ExactCredits, b: ExactCredits) -> ExactCredits {
        ExactCredits(a.numerator * b.denominator, a.denominator * b.numerator)
    }

    /// The smallest whole number not below the value (the value is positive).
    public var ceiling: Int128 { (numerator + denominator - 1) / denominator }

    public var double: Double { Double(numerator) / Double(denominator) }

    private static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
