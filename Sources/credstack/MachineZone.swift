import CredStackCore
import Foundation

/// The machine's time zone as `TZ` names it. Foundation reads `TZ=Asia/Kolkata` but not the other POSIX
/// forms (`:Asia/Kolkata`, a path under zoneinfo, a fixed offset like `IST-5:30`), which it would silently
/// take as UTC: named zones are rewritten to the bare name before anything asks for the zone, offsets become
/// the calendars' fallback zone, and anything else is said once rather than turned into UTC in silence.
enum MachineZone {
    static func normalizeTZ() {
        guard let tz = getenv("TZ").map({ String(cString: $0) }), !tz.isEmpty else { return }
        if let name = ZoneName.fromTZ(tz), TimeZone(identifier: name) != nil {
            setenv("TZ", name, 1)
        } else if let rules = tz.firstIndex(of: ","), TimeZone(identifier: String(tz[..<rules])) != nil {
            // `EST5EDT,M3.2.0,M11.1.0`: the zone of that name has the same rules.
            setenv("TZ", String(tz[..<rules]), 1)
        } else if let east = ZoneName.posixOffset(tz), let zone = TimeZone(secondsFromGMT: east) {
            StudyCalendar.machineZone = zone
        } else if TimeZone(identifier: tz) == nil, TimeZone(abbreviation: tz) == nil, !["UTC0", "GMT0", "Z"].contains(tz) {
            Output.warn("TZ=\(tz) is not a time zone this machine knows; times are in UTC (credstack profile set --time-zone ZONE sets yours)")
        }
    }
}
