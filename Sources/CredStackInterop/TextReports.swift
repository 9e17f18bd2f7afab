import CredStackCore
import CredStackStore
import CredStackText
import Foundation

/// Plain-text renderings of the model, shared by `status`, `week`, `course list` and `course show`.
/// User text passes through `DisplaySafe`; columns are measured in display width, not characters.
public enum Report {
    /// `fullTitles`: every title whole (for a screen reader or a pipe), the column as wide as the longest;
    /// otherwise titles are cut to fit a terminal.
    public static func courseTable(_ unordered: [Course], today: LocalDate, fullTitles: Bool = false) -> String {
        let courses = unordered.sorted(by: Course.listOrder)
        var widths = [18, 34, 10, 9, 21, 7]
        if fullTitles { widths[1] = max(widths[1], courses.map { TextWidth.of(DisplaySafe.text($0.title)) }.max() ?? 0) }
        func row(_ cells: [String]) -> String {
            zip(cells, widths).map { TextWidth.fit($0, $1) }.joined(separator: " ").trimmedRight
        }
        var lines = [row(["ID", "TITLE", "STATUS", "PROGRESS", "DUE", "CREDITS"])]
        for c in courses {
            lines.append(row([c.id, DisplaySafe.text(c.title), c.status.rawValue, progressLabel(c), dueLabel(c, today: today),
                              creditsLabel(c)]))
        }
        return lines.joined(separator: "\n")
    }

    static func progressLabel(_ c: Course) -> String {
        c.modulesTotal > 0 ? "\(c.modulesDone)/\(c.modulesTotal)" : "-"
    }

    static func creditsLabel(_ c: Course) -> String {
        if let earned = c.earnedCredits { return CreditFormat.label(earned) + " ✓" }
        return c.credits.map(CreditFormat.label) ?? "-"
    }

    static func dueLabel(_ c: Course, today: LocalDate) -> String {
        guard let due = c.due else { return "-" }
        let label = c.dueLabel(today: today)
        return label == due.description ? label : "\(due) \(label)"
    }

    public static func courseDetail(_ c: Course, sessions: [StudySession], calendar: StudyCalendar, today: LocalDate) -> String {
        var out = c.facts(today: today).map { fact in
            fact.value.isEmpty ? "\n" + fact.label : TextWidth.fit(fact.label, 14) + DisplaySafe.text(fact.value)
        }
        let total = sessions.reduce(0) { $0 + $1.durationSeconds }
        out.append("")
        out.append("Sessions: \(sessions.count), \(StudyDuration.label(seconds: total)) in all")
        // The latest ten, newest first, at the learner's local time.
        for s in sessions.sorted(by: StudySession.timeOrder).suffix(10).reversed() {
            let local = calendar.timestamp(s.start.epochSeconds)
            out.append("  \(s.id)  \(local.local.date) \(local.clockLabel)  \(TextWidth.fit(StudyDuration.label(seconds: s.durationSeconds), 7))  \(DisplaySafe.text(s.note))".trimmedRight)
        }
        return out.joined(separator: "\n")
    }

    public static func timerLine(_ timer: RunningTimer?, learner: Learner, now: Int64) -> String {
        guard let timer else { return "No timer running. Start one: credstack timer start COURSE" }
        let title = learner.course(timer.courseID)?.title ?? timer.courseID
        return "Timer running on \(DisplaySafe.text(timer.courseID)) (\(DisplaySafe.text(title))): \(StudyDuration.label(seconds: timer.elapsedSeconds(now: now))) since \(timer.started)"
    }

    /// Bars and sparklines as the dashboard draws them; ASCII when the locale is not UTF-8. Decided once
    /// per run: building the environment's dictionary for each line was a tenth of `week`'s start-up.
    static let glyphs = Glyphs.forTerminal(environment: ProcessInfo.processInfo.environment)

    /// The days `week` reads: the week shown and, for this week, the days its averages look back over.
    public static func weekDays(calendar: StudyCalendar, today: LocalDate, ago: Int) -> ClosedRange<LocalDate> {
        let start = calendar.startOfWeek(containing: today).adding(days: -7 * ago)
        return (ago == 0 ? min(start, today.adding(days: 1 - WeeklyPlan.averageDays)) : start)...start.adding(days: 6)
    }

    /// `history` holds at least `weekDays`.
    public static func week(_ learner: Learner, history: StudyHistory, today: LocalDate, ago: Int, courseID: String?) -> String {
        let calendar = history.calendar
        let week = history.week(containing: today, ago: ago)
        let goal = learner.profile.weeklyGoalMinutes
        let dailyTarget = goal / 7
        let scale = max(week.minutesPerDay.max() ?? 0, dailyTarget, 1)
        var out = ["Week of \(week.weekStart.shortLabel) - \(week.weekEnd.shortLabel) \(week.weekEnd.year)"
                   + (courseID.map { ", \($0) only" } ?? "") + "  (\(calendar.timeZone.identifier))"]
        for (day, minutes) in zip(week.days, week.minutesPerDay) {
            let mark = day == today ? "*" : " "
            out.append("\(mark)\(day.weekday.shortName) \(TextWidth.fit(String(day.day), 2, alignRight: true))  "
                       + TextWidth.fit(HorizontalBar.text(minutes, max: scale, width: 30, glyphs: glyphs), 30) + " " + StudyDuration.label(minutes: minutes))
        }
        let pct = goal > 0 ? " (\(week.totalMinutes * 100 / goal)%)" : ""
        out.append("Total \(StudyDuration.label(minutes: week.totalMinutes)) of \(StudyDuration.label(minutes: goal)) goal\(pct)"
                   + (week.metGoal(goal) ? ", goal met" : ""))
        if courseID == nil, !week.minutesPerCourse.isEmpty {
            out.append("")
            out.append("Per course")
            for (id, minutes) in week.minutesPerCourse {
                let title = learner.course(id)?.title ?? ""
                out.append("  " + TextWidth.fit(id, 18) + " " + TextWidth.fit(DisplaySafe.text(title), 34) + " "
                           + StudyDuration.label(minutes: minutes))
            }
        }
        let needs = WeeklyPlan.needs(learner, history: history, today: today)
        if courseID == nil, ago == 0, !needs.isEmpty {
            out.append("")
            out.append("To finish on time (hours left from modules not done; your average over the last 4 weeks)")
            for need in needs { out.append((need.atRisk ? "! " : "  ") + DisplaySafe.text(need.text) + (need.atRisk ? "  (at risk)" : "")) }
            if let summary = WeeklyPlan.summary(needs, goalMinutes: goal) { out.append(summary) }
        }
        return out.joined(separator: "\n")
    }

    public static func status(_ snap: StoreSnapshot, calendar: StudyCalendar, now: Int64, fullTitles: Bool = false) -> String {
        status(snap.learner, timer: snap.timer, history: StudyHistory(sessions: snap.sessions, calendar: calendar), now: now, fullTitles: fullTitles)
    }

    /// The days `status` reads: twelve weeks back (the sparkline, the streak), and the longest pace window
    /// the credit projections use. Before them only the first day of study counts.
    public static func statusDays(calendar: StudyCalendar, today: LocalDate) -> ClosedRange<LocalDate> {
        let weeks = calendar.startOfWeek(containing: today).adding(days: -7 * 11)
        let pace = today.adding(days: 1 - max(CreditContext.longestPaceWindow, WeeklyPlan.averageDays))
        return min(weeks, pace, weekDays(calendar: calendar, today: today, ago: 0).lowerBound)...weekDays(calendar: calendar, today: today, ago: 0).upperBound
    }

    /// `history` holds at least `statusDays` and knows the first day of study.
    public static func status(_ learner: Learner, timer: RunningTimer?, history: StudyHistory, now: Int64, fullTitles: Bool = false) -> String {
        let calendar = history.calendar
        let today = calendar.localDay(of: now)
        var out = ["credstack - \(DisplaySafe.text(learner.profile.name.isEmpty ? "your dashboard" : learner.profile.name)), \(today.shortLabel) \(today.year)", ""]
        out.append("COURSES")
        out.append(learner.courses.isEmpty ? "  No courses yet: credstack course add ID --title \"...\"" : courseTable(learner.courses, today: today, fullTitles: fullTitles)
            .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        out.append("")
        out.append("THIS WEEK")
        out.append(week(learner, history: history, today: today, ago: 0, courseID: nil).split(separator: "\n", omittingEmptySubsequences: false)
            .map { ("  " + $0).trimmedRight }.joined(separator: "\n"))
        let last12 = history.weeklyMinutes(endingWith: today, count: 12)
        out.append("  Last 12 weeks \(Sparkline.text(last12, glyphs: glyphs))  (\(StudyDuration.label(minutes: last12.max() ?? 0)) best)")
        out.append("  Streak: " + history.streak(today: today, goalMinutes: learner.profile.weeklyGoalMinutes).label)
        out.append("")
        out.append("CREDITS")
        if learner.pathways.isEmpty { out.append("  No pathways followed yet.") }
        for report in CreditEngine.evaluateAll(learner, history: history, today: today) {
            out.append("  \(DisplaySafe.text(report.pathway.name)): \(report.summary); \(report.projection.shortLabel)")
        }
        out.append("")
        out.append("TIMER")
        out.append("  " + timerLine(timer, learner: learner, now: now))
        return out.joined(separator: "\n")
    }
}

extension String {
    public var trimmedRight: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
