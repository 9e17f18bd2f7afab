import CredStackCore
import CredStackStore

/// Checks on typed values, each failing with the expected form (exit 64).
enum Parse {
    static func usage(_ message: String) -> UserFacingError { UserFacingError(message: message, code: 64) }

    static func duration(_ text: String) throws -> Int {
        switch StudyDuration.parse(text) {
        case .success(let s): return s
        case .failure(let p): throw usage("\"\(text)\" is not a duration: expected \(p.expected)")
        }
    }

    /// Minutes, from `300` or a duration like `5h`.
    static func goalMinutes(_ text: String) throws -> Int {
        if let n = Int(text), (0...10_080).contains(n) { return n }
        if case .success(let s) = StudyDuration.parse(text, maximumSeconds: 10_080 * 60) { return (s + 30) / 60 }
        throw usage("\"\(text)\" is not a weekly goal: expected minutes like 300 or a duration like 5h")
    }

    static func date(_ text: String, today: LocalDate, field: String) throws -> LocalDate {
        guard let d = TimeInput.date(text, today: today) else {
            throw usage("\(field): \"\(text)\" is not a date; expected \(TimeInput.dateForm)")
        }
        return d
    }

    static func courseID(_ text: String) throws -> String {
        guard Course.isValidID(text) else { throw usage("\"\(text)\" is not a course id: expected \(Course.idForm)") }
        return text
    }

    static func number(_ text: String, field: String, max: Double) throws -> Double {
        guard let v = Double(text), v.isFinite, v >= 0, v <= max else {
            throw usage("\(field): \"\(text)\" is not a number from 0 to \(Int(max))")
        }
        return v
    }

    static func modules(_ text: String) throws -> (done: Int, total: Int) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let done = Int(parts[0]), let total = Int(parts[1]), done >= 0, total >= 0, done <= max(total, 0),
              total <= 10_000 else {
            throw usage("--modules: \"\(text)\" is not progress; expected done/total like 3/10")
        }
        return (done, total)
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ text: String, _: E.Type, field: String) throws -> E where E.RawValue == String {
        guard let v = E(rawValue: text.lowercased()) else {
            throw usage("\(field): \"\(text)\" is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }

    static func fee(_ text: String) throws -> Fee {
        guard let f = FeeText.parse(text) else { throw usage("--fee: \"\(text)\" is not a fee; expected an amount and currency like \"49.99 USD\"") }
        return f
    }

    /// An unknown course id, with the nearest known one as a hint.
    static func unknownCourse(_ id: String, in learner: Learner) -> UserFacingError {
        let hint = learner.nearestCourseID(to: id).map { "; did you mean \"\($0)\"?" } ?? "; `credstack course list` shows your courses"
        return usage("no course \"\(id)\"\(hint)")
    }
}
