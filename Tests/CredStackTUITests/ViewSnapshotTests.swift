import Testing
@testable import CredStackCore
@testable import CredStackTUI

private let small = Size(width: 80, height: 24)
private let large = Size(width: 120, height: 40)

@Suite(.serialized) struct ViewSnapshotTests {
    init() { TextWidth.prepareLocale() }

    @Test func demoDashboard() {
        let s = Fixtures.demoState()
        expectSnapshot(view(s, small), "dashboard-80x24")
        expectSnapshot(view(s, large), "dashboard-120x40")
        expectAligned(view(s, small))
        expectAligned(view(s, large))
    }

    @Test func rolesCarryMeaning() {
        var state = Fixtures.demoState()
        state.selectedCourseID = "data-foundations"
        let grid = view(state, large)
        #expect(grid.role(of: "overdue 3d") == .error)
        #expect(grid.role(of: "in 9d") == .warning)
        #expect(grid.role(of: "1 Courses") == .titleFocused)
        #expect(grid.role(of: "2 This week") == .title)
        #expect(grid.role(of: "┄") == .goalLine)
        #expect(grid.role(of: "डेटा") == .selection, "the selected course")
        #expect(view(Fixtures.demoState(), large).role(of: "Excel Dashboards") == .selection, "the first course in the list is selected at start")
        #expect(grid.role(of: "▒") == .gaugeProgress)
        #expect(grid.role(of: "░") == .gaugeMissing)
    }

    @Test func wideAndCombiningTitlesKeepBordersStraight() {
        let extra = [Course(id: "emoji", title: "Data Viz 📊 for Everyone 🚀"), Course(id: "cjk", title: "数据分析基础课程入门与实践"),
                     Course(id: "deva", title: "क्षमता निर्माण: साइबर सुरक्षा")]
        var s = AppState(data: Fixtures.demoData(extraCourses: extra), now: Fixtures.now)
        s.selectedCourseID = "deva"
        for size in [small, large, Size(width: 61, height: 20), Size(width: 97, height: 33)] {
            let grid = view(s, size)
            expectAligned(grid)
            // The courses pane's right border is in the last column on every row of the pane.
            for y in 1..<8 { #expect(["│", "╮", "╯"].contains(grid[size.width - 1, y].text), "row \(y) at \(size)") }
        }
        expectSnapshot(view(s, small), "wide-titles-80x24")
    }

    /// The plan window from the Credits pane: cheapest and soonest side by side, the cheapest route's courses;
    /// o switches to the soonest, Enter adds the selected course as planned (an operation, nothing else).
    @Test func planWindow() {
        let opened = Fixtures.press(Fixtures.demoState(), [.char("3"), .char("P")]).0
        guard case .plan(let w) = opened.overlay, let route = w.route else { Issue.record("no plan window"); return }
        #expect(route.bound == nil && route.report.isMet)
        expectSnapshot(view(opened, small), "plan-80x24")
        expectSnapshot(view(opened, large), "plan-120x40")
        expectAligned(view(opened, small))
        let soonest = Fixtures.press(opened, [.char("o")]).0
        guard case .plan(let s2) = soonest.overlay else { Issue.record("window closed"); return }
        #expect(s2.objective == .time && view(soonest, small).text.contains("Soonest route"))
        let (added, effects) = Fixtures.press(opened, [.down, .enter])
        #expect(added.overlay == nil)
        guard case .perform(.addCourse(let course))? = effects.first else { Issue.record("no add: \(effects)"); return }
        #expect(course.id == route.courses[1].course.id && course.status == .planned)
        // The window opens at once and asks for its routes; it says it is planning until they come, Esc
        // closes it meanwhile, and routes for a window no longer open are dropped.
        let (waiting, asked) = update(Fixtures.press(Fixtures.demoState(), [.char("3")]).0, .key(.char("P")))
        guard case .plan(let empty) = waiting.overlay else { Issue.record("no plan window"); return }
        #expect(asked == [.plan(pathwayID: empty.pathwayID, objectives: [.cost, .time])])
        #expect(view(waiting, small).text.contains("Planning: weighing every catalog course against the rules..."))
        let closed = update(waiting, .key(.escape)).0
        #expect(closed.overlay == nil)
        #expect(update(closed, .planned(pathwayID: empty.pathwayID, outcomes: [.cost: w.outcome!], hoursSource: "")).0.overlay == nil)
        let fewest = update(update(waiting, .key(.char("o"))).0, .key(.char("o")))
        #expect(fewest.1 == [.plan(pathwayID: empty.pathwayID, objectives: [.courses])])
        // From a breakdown, p opens the same window.
        let fromBreakdown = Fixtures.press(Fixtures.demoState(), [.char("3"), .enter, .char("p")]).0
        #expect({ if case .plan = fromBreakdown.overlay { return true } else { return false } }())
    }

    @Test func welcomeOnAnEmptyStore() {
        expectSnapshot(view(Fixtures.emptyState(), small), "welcome-80x24")
        expectSnapshot(view(Fixtures.emptyState(), large), "welcome-120x40")
    }

    @Test func creditsBreakdown() {
        let s = Fixtures.press(Fixtures.demoState(), [.char("3"), .enter]).0
        expectSnapshot(view(s, small), "credits-breakdown-80x24")
        expectSnapshot(view(s, large), "credits-breakdown-120x40")
        let next = Fixtures.press(Fixtures.demoState(), [.char("3"), .down, .enter]).0
        #expect(view(next, large).text.contains("Cloud & Security Micro-Stack"))
        #expect(view(next, large).text.contains("DevSecOps Essentials: 2 credits on the credential -> Cloud"))
    }

    @Test func helpOverlay() {
        let s = Fixtures.press(Fixtures.demoState(), [.char("?")]).0
        expectSnapshot(view(s, small), "help-80x24")
        expectSnapshot(view(s, large), "help-120x40")
    }

    @Test func addCourseFormWithValidationErrors() {
        let keys: [Key] = [.char("a")] + Fixtures.type("Bad Id") + [.tab, .tab, .tab, .tab, .tab, .tab]
            + Fixtures.type("3 of 10") + [.tab, .tab] + Fixtures.type("31/12/2026") + [.enter]
        let s = Fixtures.press(Fixtures.demoState(), keys).0
        expectSnapshot(view(s, small), "add-course-errors-80x24")
        expectSnapshot(view(s, large), "add-course-errors-120x40")
        let grid = view(s, small)
        #expect(grid.role(of: "✗ expected YYYY-MM-DD or today") == .error)
        #expect(grid.role(of: "✗ a course needs a title") == .error)
    }

    @Test func courseDetail() {
        let s = Fixtures.press(Fixtures.demoState(), [.char("j"), .enter]).0
        expectSnapshot(view(s, small), "detail-80x24")
        expectSnapshot(view(s, large), "detail-120x40")
    }

    @Test func sessionsListAndItsDeleteQuestion() {
        var s = Fixtures.press(Fixtures.demoState(), [.char("j"), .char("s"), .char("j"), .char("j")]).0
        expectSnapshot(view(s, small), "sessions-80x24")
        expectSnapshot(view(s, large), "sessions-120x40")
        #expect(view(s, small).role(of: "sq1zvtmq  Thu 26 Nov") == .selection && view(s, small).role(of: "dq1gaf07") == .text)
        s = Fixtures.press(s, [.char("d")]).0
        let grid = view(s, small)
        expectSnapshot(grid, "sessions-delete-80x24")
        #expect(grid.text.contains("y/Y  yes"), "the answers are on screen")
        expectAligned(grid)
    }

    @Test func aForgottenTimersDialogAndThePathwayPicker() {
        var s = Fixtures.demoState()
        s.data?.timer = RunningTimer(id: SessionID("k3x9q2mz")!, courseID: "sec-ops", started: Fixtures.utc.timestamp(Fixtures.now - 20 * 3600))
        s = Fixtures.press(s, [.char("j"), .char("t")]).0
        expectSnapshot(view(s, small), "timer-limit-80x24")
        expectSnapshot(view(s, large), "timer-limit-120x40")
        s = Fixtures.press(Fixtures.demoState(), [.char("p")] + Fixtures.type("ects")).0
        expectSnapshot(view(s, small), "follow-pathway-80x24")
    }

    @Test func tooSmallAndTiny() {
        let s = Fixtures.demoState()
        expectSnapshot(view(s, Size(width: 59, height: 24)), "too-small-59x24")
        expectSnapshot(view(s, Size(width: 1, height: 1)), "tiny-1x1")
        #expect(view(s, Size(width: 0, height: 0)).cells.isEmpty)
    }

    @Test func loadErrorScreen() {
        let s = AppState(data: nil, loadError: "/home/a/.local/share/credstack/learner.toml:14:9: due: expected a date like 2026-03-14, found \"14/03/2026\"", now: Fixtures.now)
        let grid = view(s, small)
        expectSnapshot(grid, "load-error-80x24")
        #expect(grid.role(of: "learner.toml:14:9") == .error)
    }

    @Test func asciiGlyphsStayAligned() {
        let grid = view(Fixtures.demoState(glyphs: .ascii), small)
        expectAligned(grid)
        #expect(!grid.text.contains("│") && !grid.text.contains("█"))
        expectSnapshot(grid, "dashboard-ascii-80x24")
    }

    @Test func everySizeRendersWithoutCrashing() {
        let states = [Fixtures.demoState(), Fixtures.emptyState(), Fixtures.press(Fixtures.demoState(), [.char("a"), .enter]).0,
                      Fixtures.press(Fixtures.demoState(), [.char("?")]).0, Fixtures.press(Fixtures.demoState(), [.enter]).0]
        for w in stride(from: 1, through: 300, by: 7) {
            for h in stride(from: 1, through: 100, by: 3) {
                for s in states {
                    let grid = view(s, Size(width: w, height: h))
                    #expect(grid.size == Size(width: w, height: h))
                }
            }
        }
    }
}

/// Not serialized: its 30 cases share the cores.
@Suite struct EverySizeTests {
    init() { TextWidth.prepareLocale() }

    /// Every size from 1x1 to 300x100, the dashboard with a running timer and a filter: 30,000 renders, each
    /// exactly the size asked for with every row adding up to its width.
    @Test(arguments: Array(stride(from: 1, through: 300, by: 10)))
    func everySizeFrom1x1To300x100(firstWidth: Int) {
        var s = Fixtures.demoState()
        s.data!.timer = RunningTimer(courseID: "sec-ops", started: Fixtures.utc.timestamp(Fixtures.now - 4000))
        s.filter = "a"
        for w in firstWidth..<min(firstWidth + 10, 301) {
            for h in 1...100 {
                let grid = view(s, Size(width: w, height: h))
                #expect(grid.size == Size(width: w, height: h))
                if h % 10 == 0 { for line in grid.lines { #expect(TextWidth.of(line) == w) } }
            }
        }
    }

    /// The credits breakdown wraps its lines to the box: every size from 60x20 up draws it aligned.
    @Test func creditsBreakdownAtEverySize() {
        let s = Fixtures.press(Fixtures.demoState(), [.char("3"), .enter]).0
        for w in stride(from: 1, through: 200, by: 7) {
            for h in stride(from: 1, through: 60, by: 3) {
                let grid = view(s, Size(width: w, height: h))
                for line in grid.lines { #expect(TextWidth.of(line) == w) }
            }
        }
    }
}
