import Foundation
import Testing
import CredStackCore
import CredStackInterop

// What `credstack plan` says when the search stops before proving its route: the bound no route can beat,
// with its unit, in the text and in the JSON.

@Suite struct RoutePlanReportTests {
    @Test func aStoppedSearchStatesTheBoundWithItsUnit() throws {
        let today = LocalDate.parse("2026-12-01")!
        let catalog = (0..<4).map { i in
            CatalogCourse(id: "s\(i)", title: "S\(i)", category: "Data", mode: .onSite, level: "5", credits: 2, hours: 60,
                          fee: Fee(amount: "\(300 + 50 * i)", currency: "INR"), weeks: 4, starts: [], selfPaced: true, catalogID: "t")
        }
        let pathway = Pathway(id: "p", name: "P", totalCredits: 4)
        func report(_ objective: PlanObjective, bound: Double) throws -> RoutePlanReport {
            let request = PlanRequest(pathway: pathway, learner: Learner(courses: [], pathways: [pathway]), catalog: catalog,
                                      today: today, hoursPerWeek: 10, objective: objective)
            guard case .route(var route, let notes) = RoutePlanner.plan(request) else { throw PlanTestError.noRoute }
            // As a search that stopped at its step limit leaves it (RoutePlannerTests prove the bounds).
            route.bound = bound
            let outcome = PlanOutcome.route(route, notes: notes)
            return RoutePlanReport(pathway: pathway, outcome: outcome, alternatives: [(objective, outcome)],
                                   hoursSource: "as stated", today: today, weekStart: .monday)
        }
        for (objective, bound, label) in [(PlanObjective.cost, 612.5, "612.50 INR"), (.time, 20_800.0, "2026-12-13"), (.courses, 2.0, "2 courses"), (.courses, 1.0, "1 course")] {
            let r = try report(objective, bound: bound)
            #expect(r.text.contains("  Not proved optimal: the search stopped; no route can be better than \(label)."), "\(r.text)")
            let doc = try JSONSerialization.jsonObject(with: Data(r.json.utf8)) as? [String: Any]
            let route = doc?["route"] as? [String: Any]
            #expect(route?["proved_optimal"] as? Bool == false && route?["bound"] as? String == label, "\(r.json)")
        }
    }
}

extension RoutePlanReportTests {
    @Test func aLongFeeStaysInItsColumn() throws {
        // Fees kept apart in two currencies, one of them huge: the side-by-side cuts it short with an
        // ellipsis and keeps two spaces before the next column.
        let today = LocalDate.parse("2026-12-01")!
        let catalog = [("a", "999999999999.50 INR"), ("b", "3 EUR")].map { id, fee in
            CatalogCourse(id: id, title: id, category: "Data", mode: .onSite, level: "5", credits: 2, hours: 60,
                          fee: Fee.parse(fee), weeks: 4, starts: [], selfPaced: true, catalogID: "t")
        }
        let pathway = Pathway(id: "p", name: "P", totalCredits: 4)
        let request = PlanRequest(pathway: pathway, learner: Learner(courses: [], pathways: [pathway]), catalog: catalog,
                                  today: today, hoursPerWeek: 10, objective: .time)
        let outcome = RoutePlanner.plan(request)
        guard case .route(let route, _) = outcome else { throw PlanTestError.noRoute }
        #expect(route.feeLabel == "3 EUR + 999999999999.50 INR")
        let text = RoutePlanReport(pathway: pathway, outcome: outcome, alternatives: [(.time, outcome), (.courses, outcome)],
                                   hoursSource: "as stated", today: today, weekStart: .monday).text
        let fees = try #require(text.split(separator: "\n").first { $0.hasPrefix("    fees") })
        // (Where the cut falls depends on the width the locale gives "…"; the two spaces do not.)
        #expect(fees.hasPrefix("    fees      3 EUR + 99999") && fees.contains("…  3 EUR + 99999") && fees.hasSuffix("…  "), "\(fees)")
    }
}

private enum PlanTestError: Error { case noRoute }
