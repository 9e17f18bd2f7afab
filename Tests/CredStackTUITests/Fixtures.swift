import Foundation
@testable import CredStackCore
@testable import CredStackTUI
import CredStackStore

/// The demo learner on a pinned clock in UTC: every snapshot is the same on every machine and every day.
enum Fixtures {
    static let utc = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!)
    static let now = Timestamp.parse("2026-12-02T18:30:00Z")!.epochSeconds

    static func demoData(extraCourses: [Course] = []) -> DashboardData {
        let demo = DemoData.make(now: now, calendar: utc)
        var learner = demo.learner
        learner.courses += extraCourses
        var data = DashboardData(learner: learner, sessions: demo.sessions, timer: nil, calendar: utc, now: now)
        data.catalog = [Catalogs.demo].mergedCourses
        return data
    }

    static func demoState(glyphs: Glyphs = .unicode) -> AppState {
        AppState(data: demoData(), now: now, glyphs: glyphs)
    }

    static func emptyState() -> AppState {
        AppState(data: DashboardData(learner: Learner(profile: Profile(name: "Asha")), sessions: [], timer: nil, calendar: utc, now: now), now: now)
    }

    /// Runs keys through `update`, collecting effects.
    static func press(_ state: AppState, _ keys: [Key]) -> (AppState, [Effect]) {
        var s = state
        var all: [Effect] = []
        for k in keys {
            let (next, effects) = update(s, .key(k))
            s = next
            all += effects
            // Plans are worked out at once here, as the effect runner does when not in the background.
            for case .plan(let id, let objectives) in effects {
                guard let data = s.data, let today = s.today,
                      let result = PlanWindow.plan(data, pathwayID: id, objectives: objectives, today: today) else { continue }
                s = update(s, .planned(pathwayID: id, outcomes: result.outcomes, hoursSource: result.hoursSource)).0
            }
        }
        return (s, all)
    }

    static func type(_ text: String) -> [Key] { text.map { Key.char($0) } }
}
