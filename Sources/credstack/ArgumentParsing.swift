import ArgumentParser
import CredStackInterop
import CredStackCore
import CredStackOperations
import CredStackStore

/// Flag text into typed values through the grammars in Core, each failure naming the flag (exit 64).
enum Parse {
    static func duration(_ text: String, flag: String = "DURATION") throws -> Int {
        switch StudyDuration.parse(text) {
        case .success(let s): return s
        case .failure(let p): throw Failure.usage("\(flag): \"\(text)\" is not a duration: expected \(p.expected)")
        }
    }

    static func courseID(_ text: String) throws -> String {
        guard Course.isValidID(text) else { throw Failure.usage("\"\(text)\" is not a course id: expected \(Course.idForm)") }
        return text
    }

    static func date(_ text: String, today: LocalDate, flag: String) throws -> LocalDate {
        guard let d = TimeInput.date(text, today: today) else {
            throw Failure.usage("\(flag): \"\(text)\" is not a date; expected \(TimeInput.dateForm)")
        }
        return d
    }

    static func time(_ text: String, flag: String, calendar: StudyCalendar, now: Int64) throws -> Timestamp {
        guard let t = TimeInput.time(text, now: now, calendar: calendar) else {
            throw Failure.usage("\(flag): \"\(text)\" is not a time; " + TimeInput.timeProblem(text, now: now, calendar: calendar))
        }
        return t
    }

    static func change<C>(_ result: Result<C, FieldProblem>, flag: String, _ text: String) throws -> C {
        switch result {
        case .success(let c): return c
        case .failure(let p): throw Failure.usage("\(flag): \"\(text)\": \(p.message)")
        }
    }

    static func session(_ text: String) throws -> SessionRef {
        guard let ref = SessionRef(text) else {
            let t = text.trimmed
            if (1...2).contains(t.count), t.utf8.allSatisfy(SessionID.isIDByte) {
                throw Failure.usage("\"\(text)\" is too short to name a session: type at least 3 letters of its id (like k3x), or @1 for the latest")
            }
            throw Failure.usage("\"\(text)\" is not a session: expected its id (like k3x9q2mz, or its first letters) or @1 for the latest")
        }
        return ref
    }
}

extension StudyMode: ExpressibleByArgument {}
extension CourseStatus: ExpressibleByArgument {}
extension Weekday: ExpressibleByArgument {
    public init?(argument: String) {
        guard let day = Weekday.parse(argument) else { return nil }
        self = day
    }
    public static var allValueStrings: [String] { allCases.map(\.name) }
}
extension DateOrder: ExpressibleByArgument {
    public init?(argument: String) { self.init(pattern: argument) }
}
