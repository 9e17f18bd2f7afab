import CredStackCore
import Foundation

/// The machine's time zone as `TZ` names it. Foundation reads `TZ=Asia/Kolkata` but not the other POSIX
/// forms of a named zone (`:Asia/Kolkata`, a path under zoneinfo), which it would silently take as UTC:
/// those are rewritten to the bare name before anything asks for the zone.
enum MachineZone {
    static func normalizeTZ() {
        guard let tz = getenv("TZ").map({ String(cString: $0) }), let name = ZoneName.fromTZ(tz),
              TimeZone(identifier: name) != nil else { return }
        setenv("TZ", name, 1)
    }
}
