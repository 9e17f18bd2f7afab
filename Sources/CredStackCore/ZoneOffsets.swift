import Foundation

/// UTC offsets of a time zone, looked up fast: a zone without transitions (UTC, fixed offsets) answers with
/// one number, others remember the span between two transitions, so a pass over sessions in time order asks
/// Foundation about once per clock change instead of once per session.
public struct ZoneOffsets: Sendable {
    private let zone: TimeZone
    private let fixed: Int?
    private var spanStart: Int64 = .max
    private var spanEnd: Int64 = .min
    private var spanOffset = 0

    public init(_ zone: TimeZone) {
        self.zone = zone
        fixed = zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: -6_000_000_000)) == nil
            ? zone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)) : nil
    }

    public mutating func offset(at epoch: Int64) -> Int {
        if let fixed { return fixed }
        if epoch >= spanStart && epoch < spanEnd { return spanOffset }
        let date = Date(timeIntervalSince1970: TimeInterval(epoch))
        spanOffset = zone.secondsFromGMT(for: date)
        spanStart = epoch
        spanEnd = zone.nextDaylightSavingTimeTransition(after: date).map { Int64($0.timeIntervalSince1970) } ?? .max
        return spanOffset
    }
}
