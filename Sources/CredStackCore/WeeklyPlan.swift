/// What each course under way needs a week to finish by its due date, against what the learner has been
/// giving it: the "is this course at risk" answer on the This week pane and in `credstack week`.
public struct CourseNeed: Hashable, Sendable {
    public var courseID: String
    public var title: String
    public var due: LocalDate
    /// Hours left: the course's notional hours times the share of modules not done.
    public var hoursLeft: Double
    /// Minutes a week from today to finish on the due date (all of it when due this week or overdue).
    public var neededMinutesPerWeek: Int
    /// Minutes a week the learner gave it over the last four weeks (fewer since the course started).
    public var averageMinutesPerWeek: Int
    public var daysLeft: Int

    public var overdue: Bool { daysLeft < 0 }
    /// Needs more a week than the learner has been giving it.
    public var atRisk: Bool { overdue || neededMinutesPerWeek > averageMinutesPerWeek }

    /// "Cybersecurity Ops: 4h 30m a week to finish by 10 Dec; you average 2h".
    public var text: String {
        let need = StudyDuration.label(minutes: neededMinutesPerWeek)
        let average = averageMinutesPerWeek > 0 ? "you average \(StudyDuration.label(minutes: averageMinutesPerWeek))" : "nothing logged on it lately"
        if overdue { return "\(title): \(need) left, due \(due.shortLabel) (\(-daysLeft) days ago)" }
        return "\(title): \(need) a week to finish by \(due.shortLabel); \(average)"
    }
}

public enum WeeklyPlan {
    /// The days the learner's recent average on a course is measured over.
    public static let averageDays = 28

    /// Courses under way with a due date and hours, soonest due first.
    public static func needs(_ learner: Learner, history: StudyHistory, today: LocalDate) -> [CourseNeed] {
        learner.courses.compactMap { course -> CourseNeed? in
            guard course.credential == nil, course.status == .enrolled || course.status == .paused,
                  let due = course.due, let hours = course.hours, hours > 0 else { return nil }
            let left = hours * (1 - (course.progress ?? 0))
            guard left > 0 else { return nil }
            let daysLeft = today.days(until: due)
            // Due today counts today: one day left, not zero.
            let weeks = max(1.0, Double(daysLeft + 1) / 7)
            let needed = Int((left * 60 / weeks).rounded(.up))
            let since = max(today.adding(days: 1 - averageDays), course.start ?? .first)
            let days = max(7, since.days(until: today) + 1)
            let seconds = history.seconds(on: course.id, from: since, through: today)
            let average = Int((Double(seconds) / 60 / Double(days) * 7).rounded())
            return CourseNeed(courseID: course.id, title: course.title, due: due, hoursLeft: left,
                              neededMinutesPerWeek: daysLeft < 0 ? Int((left * 60).rounded(.up)) : needed,
                              averageMinutesPerWeek: average, daysLeft: daysLeft)
        }.sorted { ($0.due, $0.title) < ($1.due, $1.title) }
    }

    /// "Courses under way need 6h 10m a week; your goal is 5h."
    public static func summary(_ needs: [CourseNeed], goalMinutes: Int) -> String? {
        let upcoming = needs.filter { !$0.overdue }
        guard !upcoming.isEmpty else { return nil }
        let total = upcoming.reduce(0) { $0 + $1.neededMinutesPerWeek }
        let verdict = total > goalMinutes ? "more than" : "within"
        return "Courses under way need \(StudyDuration.label(minutes: total)) a week to finish on time, \(verdict) your goal of \(StudyDuration.label(minutes: goalMinutes))."
    }
}
