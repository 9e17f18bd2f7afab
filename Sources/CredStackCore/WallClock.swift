import Foundation

/// Where "now" comes from. Injected so tests and the demo can pin it.
public protocol WallClock: Sendable {
    var now: Int64 { get }
}

public struct SystemClock: WallClock {
    public init() {}
    public var now: Int64 { Int64(Date().timeIntervalSince1970) }
}

public struct FixedClock: WallClock {
    public let now: Int64
    public init(_ now: Int64) { self.now = now }
}
