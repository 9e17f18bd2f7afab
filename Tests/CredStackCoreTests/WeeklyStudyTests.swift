import Foundation
import Testing
@testable import CredStackCore

private let utc = TimeZone(identifier: "UTC")!
private let ist = TimeZone(identifier: "Asia/Kolkata")!

private func at(_ text: String) -> Timestamp { Timestamp.parse(text)! }
private func date(_ text: String) -> LocalDate { LocalDate.parse(text)! }
private func session(_ start: String, _ minutes: Int, _ course: String = "c") -> StudySession {
    StudySession(start: at(start), durationSeconds: minutes * 60, courseID: course)
}

@Suite struct WeeklyStudyTests {
    @Test func mondayAndSundayWeekStarts() {
        let monday = StudyCalendar(timeZone: utc, weekStart: .monday)
        let sunday = StudyCalendar(timeZone: utc, weekStart: .sunday)
        // Wednesday 2 Dec 2026.
        #expect(monday.startOfWeek(containing: date("2026-12-02")) == date("2026-11-30"))
        #expect(sunday.startOfWeek(containing: date("2026-12-02")) == date("2026-11-29"))
        // Sunday itself: last day of a Monday week, first day of a Sunday week.
        #expect(monday.startOfWeek(containing: date("2026-11-29")) == date("2026-11-23"))
        #expect(sunday.startOfWeek(containing: date("2026-11-29")) == date("2026-11-29"))
        #expect(sunday.weekdayOrder.first == .sunday && sunday.weekdayOrder.last == .saturday)

        let sessions = [session("2026-11-29T10:00Z", 60)]
        #expect(StudyHistory(sessions: sessions, calendar: monday).week(containing: date("2026-11-29")).minutesPerDay == [0, 0, 0, 0, 0, 0, 60])
        #expect(StudyHistory(sessions: sessions, calendar: sunday).week(containing: date("2026-11-29")).minutesPerDay == [60, 0, 0, 0, 0, 0, 0])
    }

    @Test func sessionAcrossMidnightCountsTowardBothDays() {
        let cal = StudyCalendar(timeZone: utc)
        let week = StudyHistory(sessions: [session("2026-12-01T23:30Z", 90)], calendar: cal).week(containing: date("2026-12-01"))
        #expect(week.minutesPerDay == [0, 30, 60, 0, 0, 0, 0])
        #expect(week.totalMinutes == 90)
    }

    @Test func sessionAcrossTheWeekBoundarySplitsBetweenWeeks() {
        let cal = StudyCalendar(timeZone: utc)
        let history = StudyHistory(sessions: [session("2026-11-29T23:00Z", 120)], calendar: cal)
        #expect(history.week(containing: date("2026-11-29")).totalMinutes == 60)
        #expect(history.week(containing: date("2026-11-30")).totalMinutes == 60)
    }

    @Test func sessionLoggedInISTShownOnAUTCMachine() {
        // 01:00 on Monday in India is 19:30 on Sunday in UTC.
        let profile = Profile(timeZone: "Asia/Kolkata")
        let cal = StudyCalendar(profile: profile, fallback: utc)
        #expect(cal.timeZone.identifier == "Asia/Kolkata")
        let s = session("2026-11-30T01:00+05:30", 45)
        let week = StudyHistory(sessions: [s], calendar: cal).week(containing: date("2026-11-30"))
        #expect(week.minutesPerDay[0] == 45)
        // The same session on a learner whose profile says UTC lands on Sunday of the previous week.
        let utcWeek = StudyHistory(sessions: [s], calendar: StudyCalendar(timeZone: utc)).week(containing: date("2026-11-29"))
        #expect(utcWeek.minutesPerDay[6] == 45)
    }

    @Test func emptyWeeksAreZeroNotMissing() {
        let week = StudyHistory(sessions: [], calendar: StudyCalendar(timeZone: ist)).week(containing: date("2026-11-30"), ago: 3)
        #expect(week.minutesPerDay == [0, 0, 0, 0, 0, 0, 0])
        #expect(week.weekStart == date("2026-11-09"))
        #expect(!week.metGoal(300))
        #expect(week.minutesPerCourse.isEmpty)
    }

    @Test func perCourseTotalsAndFilter() {
        let cal = StudyCalendar(timeZone: utc)
        let sessions = [session("2026-11-30T08:00Z", 30, "a"), session("2026-12-01T08:00Z", 45, "b"), session("2026-12-02T08:00Z", 20, "a")]
        let week = StudyHistory(sessions: sessions, calendar: cal).week(containing: date("2026-12-02"))
        #expect(week.minutesPerCourse.map(\.courseID) == ["a", "b"])
        #expect(week.minutesPerCourse.map(\.minutes) == [50, 45])
        #expect(StudyHistory(sessions: sessions, calendar: cal, courseID: "b").week(containing: date("2026-12-02")).totalMinutes == 45)
    }

    @Test func forgivingStreak() {
        let cal = StudyCalendar(timeZone: utc)
        // Goal 60 minutes. Weeks ago: 1 met, 2 met, 3 missed, 4 met, 5..8 missed. This week: 30 minutes so far.
        let today = date("2026-12-02")
        var sessions: [StudySession] = []
        for ago in [1, 2, 4] {
            let day = cal.startOfWeek(containing: today).adding(days: -7 * ago + 2)
            sessions.append(session("\(day)T10:00Z", 60))
        }
        sessions.append(session("2026-11-30T10:00Z", 30))
        let history = StudyHistory(sessions: sessions, calendar: cal)
        var streak = history.streak(today: today, goalMinutes: 60, window: 8)
        #expect(streak.weeksMet == 3)
        #expect(streak.currentRun == 2)
        #expect(!streak.thisWeekMet)
        #expect(streak.label == "goal met in 3 of the last 8 weeks; current run 2 weeks")
        // Meeting this week's goal extends the run at once.
        sessions.append(session("2026-12-01T10:00Z", 30))
        streak = StudyHistory(sessions: sessions, calendar: cal).streak(today: today, goalMinutes: 60, window: 8)
        #expect(streak.currentRun == 3)
        #expect(streak.thisWeekMet)
        #expect(streak.label == "goal met this week and in 3 of the 8 weeks before; current run 3 weeks")
        #expect(streak.shortLabel == "met this week, 3 of 8 before · run 3")
        #expect(history.weeklyMinutes(endingWith: today, count: 5) == [60, 0, 60, 60, 30])
        // No goal, no streak.
        #expect(history.streak(today: today, goalMinutes: 0).weeksMet == 0)
    }

    @Test func demoDataIsAliveAndDeterministic() {
        let cal = StudyCalendar(timeZone: utc)
        let now = at("2026-11-30T10:00Z").epochSeconds
        let a = DemoData.make(now: now, calendar: cal)
        let b = DemoData.make(now: now, calendar: cal)
        #expect(a.learner == b.learner && a.sessions == b.sessions)
        #expect(a.learner.courses.count >= 6)
        #expect(a.learner.courses.contains { $0.title == "डेटा एनालिटिक्स की बुनियाद" })
        #expect(a.learner.courses.filter { $0.credential != nil }.count == 4)
        #expect(a.sessions.allSatisfy { $0.endEpochSeconds <= now })
        let history = StudyHistory(sessions: a.sessions, calendar: cal)
        let weekly = history.weeklyMinutes(endingWith: cal.localDay(of: now), count: 10)
        #expect(weekly.dropLast().allSatisfy { $0 > 0 }, "\(weekly)")
    }

    @Test func suggestsTheNearestCourseID() {
        let learner = Learner(courses: [Course(id: "aws-cloud", title: "A"), Course(id: "sec-ops", title: "B")])
        #expect(learner.nearestCourseID(to: "aws-clod") == "aws-cloud")
        #expect(learner.nearestCourseID(to: "secops") == "sec-ops")
        #expect(learner.nearestCourseID(to: "zzzzzzzzzzzz") == nil)
    }
}

/// What each course under way needs a week to finish by its due date, worked out by hand.
@Suite struct WeeklyPlanTests {
    @Test func hoursAWeekToFinishAgainstTheLearnersAverage() {
        // sec: 90 h, 3 of 8 modules done: 56.25 h left. Due Thu 10 Dec, today Tue 1 Dec: 10 days with today,
        // 10/7 weeks: 56.25 h / (10/7) = 39.375 h = 2362.5 min, rounded up 2363 = 39h 23m a week.
        // Logged on it: 2 h on 20 Nov and 2 h on 27 Nov; started 1 Nov, so the last 28 days: 4 h / 4 weeks = 1 h.
        // easy: 10 h, 9 of 10 done: 1 h left, due in 28 days (29 with today): 60 / (29/7) = 14.48 -> 15 min a
        // week; it has 30 min a week (2 h over 4 weeks): on track. late: due yesterday, 2 h left.
        let today = date("2026-12-01")
        let courses = [
            Course(id: "sec", title: "Cybersecurity Ops", status: .enrolled, modulesDone: 3, modulesTotal: 8, start: date("2026-11-01"),
                   due: date("2026-12-10"), hours: 90),
            Course(id: "easy", title: "Easy", status: .enrolled, modulesDone: 9, modulesTotal: 10, start: date("2026-10-01"),
                   due: date("2026-12-29"), hours: 10),
            Course(id: "late", title: "Late", status: .enrolled, modulesDone: 0, modulesTotal: 1, due: date("2026-11-30"), hours: 2),
            Course(id: "done", title: "Done", status: .completed, due: date("2026-12-05"), hours: 20),
        ]
        let sessions = [session("2026-11-20T18:00:00Z", 120, "sec"), session("2026-11-27T18:00:00Z", 120, "sec"),
                        session("2026-11-21T18:00:00Z", 120, "easy")]
        let needs = WeeklyPlan.needs(Learner(courses: courses), history: StudyHistory(sessions: sessions, calendar: StudyCalendar(timeZone: utc)),
                                     today: today)
        #expect(needs.map(\.courseID) == ["late", "sec", "easy"])
        #expect(needs[1].text == "Cybersecurity Ops: 39h 23m a week to finish by Thu 10 Dec; you average 1h")
        #expect(needs[1].atRisk && !needs[2].atRisk && needs[0].atRisk && needs[0].overdue)
        #expect(needs[2].neededMinutesPerWeek == 15 && needs[2].averageMinutesPerWeek == 30)
        #expect(WeeklyPlan.summary(needs, goalMinutes: 300) == "Courses under way need 39h 38m a week to finish on time, more than your goal of 5h.")
    }
}
