import CredStackCore
import Foundation

/// Course due dates and credential expiry dates as an iCalendar file (RFC 5545) that calendar apps
/// import or subscribe to. UIDs are stable, so a re-export updates the same events instead of adding copies.
public enum ICalendar {
    public static func export(_ learner: Learner, now: Int64, today: LocalDate) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//credstack//credstack//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + text("credstack" + (learner.profile.name.isEmpty ? "" : ": \(learner.profile.name)"))]
        let stamp = utcStamp(now)
        for course in learner.courses {
            if let due = course.due, course.isActive {
                var about = [course.provider, course.progress.map { _ in "\(course.modulesDone) of \(course.modulesTotal) modules done" } ?? ""]
                    .filter { !$0.isEmpty }
                if let credits = course.credits { about.append("\(CreditFormat.count(credits))") }
                lines += event(uid: "due-\(course.id)", stamp: stamp, day: due, summary: "Due: \(course.title)",
                               description: about.joined(separator: ", "), alarm: "\(course.title) is due tomorrow")
            }
            if let credential = course.credential, let expires = credential.expires, expires > today {
                lines += event(uid: "expires-\(course.id)", stamp: stamp, day: expires, summary: "Credential expires: \(course.title)",
                               description: "Awarded by \(credential.awardedBy) on \(credential.issued); renew it to keep its credits counting.",
                               alarm: nil)
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// An all-day event (DTEND is the next day, exclusive), optionally with a reminder the day before.
    static func event(uid: String, stamp: String, day: LocalDate, summary: String, description: String, alarm: String?) -> [String] {
        var out = ["BEGIN:VEVENT", "UID:\(uid)@credstack", "DTSTAMP:\(stamp)",
                   "DTSTART;VALUE=DATE:\(compact(day))", "DTEND;VALUE=DATE:\(compact(day.adding(days: 1)))",
                   "SUMMARY:" + text(summary), "TRANSP:TRANSPARENT", "CATEGORIES:credstack"]
        if !description.isEmpty { out.append("DESCRIPTION:" + text(description)) }
        if let alarm { out += ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P1D", "DESCRIPTION:" + text(alarm), "END:VALARM"] }
        out.append("END:VEVENT")
        return out
    }

    /// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11); control
    /// characters are dropped.
    static func text(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: if let v = ch.unicodeScalars.first?.value, v >= 32, v != 127 { out.append(ch) }
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1), never
    /// splitting a character's UTF-8 bytes.
    static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        for ch in line {
            let n = String(ch).utf8.count
            if octets + n > 75 {
                out += "\r\n "
                octets = 1
            }
            out.append(ch)
            octets += n
        }
        return out
    }

    static func compact(_ day: LocalDate) -> String { day.description.replacingOccurrences(of: "-", with: "") }

    static func utcStamp(_ epoch: Int64) -> String {
        let t = Timestamp(epochSeconds: epoch, utcOffsetSeconds: 0).local
        return compact(t.date) + "T" + Digits.pad(t.secondOfDay / 3600, 2) + Digits.pad(t.secondOfDay / 60 % 60, 2) + Digits.pad(t.secondOfDay % 60, 2) + "Z"
    }
}
