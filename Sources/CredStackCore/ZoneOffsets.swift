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

    /// A session of `seconds` from `start`, split at local midnights: each local day (days since epoch) it
    /// touches and the seconds that fall on it, in order.
    @inline(__always)
    public mutating func splitByLocalDay(start: Int64, seconds: Int, _ part: (_ day: Int, _ seconds: Int) -> Void) {
        var at = start
        var remaining = seconds
        while remaining > 0 {
            let local = at + Int64(offset(at: at))
            let day = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
            let chunk = min(remaining, 86_400 - Int(local - Int64(day) * 86_400))
            part(day, chunk)
            remaining -= chunk
            at += Int64(chunk)
        }
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
