import Testing
@testable import CredStackCore
@testable import CredStackTUI
import CredStackOperations

@Suite struct UpdateTests {
    init() { TextWidth.prepareLocale() }

    @Test func focusCyclesWithTabAndNumbers() {
        var s = Fixtures.demoState()
        #expect(s.focus == .courses)
        s = Fixtures.press(s, [.tab]).0
        #expect(s.focus == .week)
        s = Fixtures.press(s, [.tab, .tab]).0
        #expect(s.focus == .courses)
        s = Fixtures.press(s, [.backTab]).0
        #expect(s.focus == .credits)
        s = Fixtures.press(s, [.char("2")]).0
        #expect(s.focus == .week)
        s = Fixtures.press(s, [.char("1")]).0
        #expect(s.focus == .courses)
    }

    @Test func selectionStaysInBounds() {
        var s = Fixtures.demoState()
        let ids = s.visibleCourses.map(\.id)
        s = Fixtures.press(s, [.up, .char("k")]).0
        #expect(s.selectedCourseID == ids.first)
        s = Fixtures.press(s, [.end]).0
        #expect(s.selectedCourseID == ids.last)
        s = Fixtures.press(s, [.down, .char("j"), .pageDown]).0
        #expect(s.selectedCourseID == ids.last)
        s = Fixtures.press(s, [.home, .down, .down]).0
        #expect(s.selectedCourseID == ids[2])
        s = Fixtures.press(s, [.pageUp]).0
        #expect(s.selectedCourseID == ids[0])
        // Credits pane moves its own selection.
        s = Fixtures.press(s, [.char("3"), .down, .down, .down]).0
        #expect(s.selectedPathway == 1)
        #expect(s.selectedCourseID == ids[0])
    }

    @Test func weekNavigationNeverGoesIntoTheFuture() {
        var s = Fixtures.demoState()
        s = Fixtures.press(s, [.char("]")]).0
        #expect(s.weekOffset == 0)
        s = Fixtures.press(s, [.char("["), .char("[")]).0
        #expect(s.weekOffset == 2)
        s = Fixtures.press(s, [.char("2"), .right, .left, .left]).0
        #expect(s.weekOffset == 3)
    }

    @Test func theWeekPaneSaysWhichWeekItShowsAndHIsNotABackKey() {
        var s = Fixtures.press(Fixtures.demoState(), [.char("2"), .char("h")]).0
        #expect(s.weekOffset == 0, "h is no week key (l logs time; a pair that means two things trips vim hands)")
        s = Fixtures.press(s, [.left, .left]).0
        let screen = view(s, Size(width: 80, height: 24)).text
        #expect(screen.contains("week of 16 Nov"), "the header follows the shown week")
        #expect(screen.contains("2 2 weeks ago") && screen.contains("16 Nov – 22 Nov"), "dates in the pane's title")
        #expect(screen.contains("M 16 T 17 W 18"), "each day keeps its date at 80 columns")
        #expect(!screen.contains("[ ]"))
    }

    @Test func reloadSaysSoAndLongMessagesTakeTwoLines() {
        var (s, effects) = Fixtures.press(Fixtures.demoState(), [.char("r")])
        #expect(effects == [.reload] && s.message?.text.contains("again from disk") == true)
        s.message = StatusMessage(text: "Timer started on excel-dash at 18:30. t stops and logs it; it keeps running after you quit (q), and credstack timer stop stops it from a shell.",
                                  kind: .success, until: s.now + 5)
        let lines = view(s, Size(width: 80, height: 24)).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[21].contains("Timer started on excel-dash") && lines[22].contains("stops it from a shell"), "\(lines[20...23])")
        #expect(lines[23].contains("q quit"), "the key bar stays")
    }

    @Test func aBadPathwayIdIsSaidAsSuch() {
        let s = Fixtures.press(Fixtures.demoState(), [.char("p"), .tab] + Fixtures.type("My Diploma/../x") + [.enter]).0
        guard case .form(let form)? = s.overlay else { Issue.record("no form"); return }
        #expect(form.field("id")?.error == "use a-z, 0-9 and - (ug-cert-data)")
    }

    @Test func theLogFormFindsACourseByItsTitle() {
        var s = Fixtures.press(Fixtures.demoState(), [.char("l"), .tab]).0
        s = Fixtures.press(s, Fixtures.type("machine")).0
        guard case .form(let form)? = s.overlay else { Issue.record("no form"); return }
        #expect(form.field("course")?.value == "ml-python" && form.field("course")?.shownValue == "Machine Learning with Python")
        #expect(form.field("course")?.currentHint.contains("1 match") == true)
        // Letters that match nothing are kept and said; Enter then refuses rather than guess.
        var (after, _) = Fixtures.press(s, Fixtures.type("zz"))
        guard case .form(let none)? = after.overlay else { return }
        #expect(none.field("course")?.currentHint == "nothing matches \"machinezz\"")
        let typed = Fixtures.press(Fixtures.demoState(), [.char("l")] + Fixtures.type("1h") + [.tab] + Fixtures.type("machinezz") + [.enter])
        guard case .form(let refused)? = typed.0.overlay, typed.1.isEmpty else { Issue.record("saved a guess"); return }
        #expect(refused.field("course")?.error == "nothing matches \"machinezz\"")
        // Backspace widens the search again, a scalar at a time.
        after = Fixtures.press(after, [.backspace, .backspace, .backspace]).0
        guard case .form(let wider)? = after.overlay else { return }
        #expect(wider.field("course")?.search == "machin" && wider.field("course")?.value == "ml-python")
        // A Hindi title is found while its letters are still being composed (डे is ड then the sign े).
        var hindi = Fixtures.press(Fixtures.demoState(), [.char("l"), .tab, .char("ड"), .char("\u{947}")]).0
        hindi = Fixtures.press(hindi, [.char("ट")]).0
        guard case .form(let h)? = hindi.overlay else { return }
        #expect(h.field("course")?.value == "data-foundations", "\(String(describing: h.field("course")))")
    }

    @Test func enterOnCreditsOpensTheBreakdownAndEscClosesIt() {
        var s = Fixtures.press(Fixtures.demoState(), [.char("3"), .down, .enter]).0
        #expect(s.overlay == .breakdown(pathwayID: "cloud-sec-stack", scroll: 0))
        s = Fixtures.press(s, [.down, .down]).0
        #expect(s.overlay == .breakdown(pathwayID: "cloud-sec-stack", scroll: 2))
        s = Fixtures.press(s, [.escape]).0
        #expect(s.overlay == nil && s.focus == .credits)
        // Enter in Courses still opens the course.
        s = Fixtures.press(s, [.char("1"), .enter]).0
        #expect(s.overlay == .detail(courseID: "excel-dash", scroll: 0))
    }

    @Test func mouseClicksFocusAndSelectAndTheWheelScrolls() {
        let screen = Size(width: 80, height: 24)
        let click = { (x: Int, y: Int) in Event.mouse(MouseEvent(.press, x: x, y: y, screen: screen)) }
        var s = Fixtures.demoState()
        // The second course row (below the pane border at y 1 and the header at y 2).
        s = update(s, click(10, 4)).0
        #expect(s.focus == .courses && s.selectedCourseID == "sec-ops")
        #expect(view(s, screen).role(of: "Cybersecurity") == .selection)
        // The second pathway in Credits: name rows at y 12 and 15.
        s = update(s, click(50, 15)).0
        #expect(s.focus == .credits && s.selectedPathway == 1)
        s = update(s, click(50, 12)).0
        #expect(s.selectedPathway == 0)
        // The wheel moves the selection in the pane under it, and steps weeks in This week.
        s = update(s, .mouse(MouseEvent(.wheelDown, x: 10, y: 4, screen: screen))).0
        #expect(s.focus == .courses && s.selectedCourseID == "data-foundations")
        s = update(s, .mouse(MouseEvent(.wheelUp, x: 5, y: 15, screen: screen))).0
        #expect(s.focus == .week && s.weekOffset == 1)
        // An open help window scrolls; a form ignores the mouse; the header and key bar do nothing.
        s = Fixtures.press(s, [.char("?")]).0
        s = update(s, .mouse(MouseEvent(.wheelDown, x: 10, y: 10, screen: screen))).0
        #expect(s.overlay == .help(scroll: 1))
        s = Fixtures.press(s, [.escape, .char("a")]).0
        let form = s.overlay
        s = update(s, click(10, 5)).0
        #expect(s.overlay == form)
        s = Fixtures.press(s, [.escape]).0
        let before = s
        s = update(s, click(10, 0)).0
        s = update(s, click(10, 23)).0
        #expect(s.focus == before.focus && s.selectedCourseID == before.selectedCourseID)
    }

    @Test func aNewDayReloadsSoCreditsAreEvaluatedForIt() {
        let s = Fixtures.demoState()
        #expect(update(s, .tick(now: Fixtures.now + 60)).1.isEmpty)
        let midnight = Timestamp.parse("2026-12-03T00:00:01Z")!.epochSeconds
        #expect(update(s, .tick(now: midnight)).1 == [.reload])
        let demo = DemoData.make(now: Fixtures.now, calendar: Fixtures.utc)
        let reloaded = update(s, .loaded(DashboardData(learner: s.data!.learner, sessions: demo.sessions, timer: nil,
                                                       calendar: Fixtures.utc, now: midnight))).0
        #expect(update(reloaded, .tick(now: midnight + 1)).1.isEmpty, "once per day, not every second")
    }

    @Test func filterNarrowsCoursesAndEscClears() {
        var s = Fixtures.press(Fixtures.demoState(), [.char("/")] + Fixtures.type("data")).0
        #expect(s.filterEditing)
        #expect(s.visibleCourses.map(\.id) == ["excel-dash", "data-foundations", "data-entry-voc", "sql-analytics"])
        s = Fixtures.press(s, [.enter]).0
        #expect(!s.filterEditing && s.filter == "data")
        #expect(view(s, Size(width: 80, height: 24)).text.contains("(4 of 10 matching \"data\")"))
        s = Fixtures.press(s, [.escape]).0
        #expect(s.filter.isEmpty && s.visibleCourses.count == 10)
    }

    @Test func addCourseFormValidatesThenSaves() {
        var (s, effects) = Fixtures.press(Fixtures.demoState(), [.char("a")] + Fixtures.type("gcp") + [.enter])
        #expect(effects.isEmpty)
        guard case .form(let form)? = s.overlay else { Issue.record("form closed"); return }
        #expect(form.fields[1].error == "a course needs a title")
        #expect(form.focused == 1, "focus jumps to the first field in error")
        (s, effects) = Fixtures.press(s, Fixtures.type("Google Cloud") + [.tab, .tab, .tab, .right, .right, .tab, .tab] + Fixtures.type("2/8")
                                      + [.tab, .tab] + Fixtures.type("2027-01-31") + [.tab, .tab] + Fixtures.type("4") + [.enter])
        #expect(s.overlay == nil)
        guard case .perform(.addCourse(let c))? = effects.first else { Issue.record("no effect: \(effects)"); return }
        #expect(c.id == "gcp" && c.title == "Google Cloud" && c.mode == .blended)
        #expect(c.modulesDone == 2 && c.modulesTotal == 8 && c.due == LocalDate.parse("2027-01-31") && c.credits == 4)
        #expect(s.selectedCourseID == "gcp")
    }

    @Test func escCancelsAFormWithoutEffects() {
        let (s, effects) = Fixtures.press(Fixtures.demoState(), [.char("a")] + Fixtures.type("x") + [.escape])
        #expect(s.overlay == nil)
        #expect(effects.isEmpty)
        #expect(s.message?.text == "Cancelled; nothing was saved.")
    }

    @Test func anEditCarriesOnlyTheTouchedFieldsAndTheVersionItWasOpenedOn() {
        var s0 = Fixtures.demoState()
        s0.data!.versions[.course("excel-dash")] = 42
        let (_, effects) = Fixtures.press(s0, [.char("e"), .ctrl("u")] + Fixtures.type("New title") + [.enter])
        #expect(effects == [.perform(.editCourse(id: "excel-dash", CoursePatch([.title("New title")]), expected: 42))])
        // Enter on an untouched form changes nothing and says so.
        let (s, none) = Fixtures.press(s0, [.char("e"), .enter])
        #expect(none.isEmpty && s.overlay == nil && s.message?.text == "Nothing changed; nothing was saved.")
        // Typing a value and then typing it back is no change either.
        let (_, back) = Fixtures.press(s0, [.char("e"), .backspace] + Fixtures.type("s") + [.enter])
        #expect(back.isEmpty)
    }

    @Test func logFormBuildsTheSession() {
        let s0 = Fixtures.press(Fixtures.demoState(), [.down, .down]).0
        var (s, effects) = Fixtures.press(s0, [.char("l")] + Fixtures.type("45x") + [.enter])
        guard case .form(let form)? = s.overlay else { Issue.record("form closed"); return }
        #expect(form.fields[0].error == "expected 45m, 1h30m, 1.5h, 1:30 or 90 (minutes)")
        #expect(effects.isEmpty)
        (s, effects) = Fixtures.press(s, [.backspace] + Fixtures.type("m") + [.tab, .tab] + Fixtures.type("yesterday 20:00") + [.tab] + Fixtures.type("lab") + [.enter])
        let start = Fixtures.utc.timestamp(Timestamp.parse("2026-12-01T20:00:00Z")!.epochSeconds)
        #expect(effects == [.perform(.logSession(SessionDraft(courseID: "data-foundations", seconds: 2700, start: start, note: "lab")))])
        // No start time: the session just ended.
        (_, effects) = Fixtures.press(s0, [.char("l")] + Fixtures.type("30m") + [.enter])
        #expect(effects == [.perform(.logSession(SessionDraft(courseID: "data-foundations", seconds: 1800)))])
        // Ending in the future is refused, by the same rule as the command line's.
        (s, effects) = Fixtures.press(s0, [.char("l")] + Fixtures.type("30m") + [.tab, .tab] + Fixtures.type("18:10") + [.enter])
        #expect(effects.isEmpty)
        guard case .form(let f2)? = s.overlay else { Issue.record("form closed"); return }
        #expect(f2.field("when")?.error?.contains("in the future") == true)
    }

    @Test func timerStartsOnTheSelectedCourseAndStopsTheOneShown() {
        var s = Fixtures.demoState()
        var effects: [Effect]
        (s, effects) = Fixtures.press(s, [.down, .char("t")])
        #expect(effects == [.perform(.startTimer(courseID: "sec-ops", at: Fixtures.utc.timestamp(Fixtures.now), note: "", expectedRunning: nil))])
        let timer = RunningTimer(id: SessionID("k3x9q2mz")!, courseID: "sec-ops", started: Fixtures.utc.timestamp(Fixtures.now - 125))
        s.data!.timer = timer
        s = update(s, .tick(now: Fixtures.now)).0
        #expect(view(s, Size(width: 80, height: 24)).text.contains("⏱ sec-ops 00:02:05"))
        (_, effects) = Fixtures.press(s, [.char("t")])
        #expect(effects == [.perform(.stopTimer(at: nil, expected: timer.id))])
    }

    @Test func deleteAsksFirstAndCarriesWhatItListed() {
        var (s, effects) = Fixtures.press(Fixtures.demoState(), [.char("d")])
        guard case .confirm(let c)? = s.overlay else { Issue.record("no confirmation"); return }
        #expect(c.lines.contains { $0.contains("logged session") })
        #expect(effects.isEmpty)
        (s, effects) = Fixtures.press(s, [.char("n")])
        #expect(s.overlay == nil && effects.isEmpty)
        (_, effects) = Fixtures.press(s, [.char("d"), .char("y")])
        let listed = Set(s.data!.courseSessions["excel-dash"] ?? [])
        #expect(!listed.isEmpty)
        #expect(effects == [.perform(.removeCourse(id: "excel-dash", sessions: .exactly(listed), expected: 0))])
    }

    @Test func aStoreThatStopsReadingIsShownOverAnOpenWindowAndEscDoesNotQuit() {
        var s = Fixtures.press(Fixtures.demoState(), [.enter]).0
        guard case .detail? = s.overlay else { Issue.record("no detail window"); return }
        s = update(s, .loadFailed("courses/ds.toml: gone")).0
        let screen = view(s, Size(width: 80, height: 24)).text
        #expect(screen.contains("courses/ds.toml: gone") && !screen.contains("Sessions:"), "\(screen)")
        let (after, effects) = update(s, .key(.escape))
        #expect(effects.isEmpty, "Esc does not quit from the error screen")
        #expect(update(after, .key(.char("q"))).1 == [.quit])
        // Read again: the window is back as it was.
        let back = update(after, .loaded(Fixtures.demoData())).0
        #expect(view(back, Size(width: 80, height: 24)).text.contains("Sessions:"))
    }

    @Test func overlaysCloseWithEscAndQuitNeedsNoOverlay() {
        var (s, effects) = Fixtures.press(Fixtures.demoState(), [.char("?")])
        #expect(s.overlay == .help(scroll: 0))
        (s, effects) = Fixtures.press(s, [.escape])
        #expect(s.overlay == nil && effects.isEmpty)
        (s, effects) = Fixtures.press(s, [.enter])
        #expect(s.overlay == .detail(courseID: "excel-dash", scroll: 0))
        (s, effects) = Fixtures.press(s, [.char("q")])
        #expect(s.overlay == nil && effects.isEmpty, "q closes the overlay first")
        (_, effects) = Fixtures.press(s, [.char("q")])
        #expect(effects == [.quit])
    }

    @Test func capitalTCyclesTheTheme() {
        #expect(Fixtures.press(Fixtures.demoState(), [.char("T")]).1 == [.cycleTheme])
        #expect(Fixtures.press(Fixtures.demoState(), [.char("t")]).1 != [.cycleTheme])
    }

    @Test func loadErrorOffersReloadAndQuit() {
        let s = AppState(data: nil, loadError: "broken", now: Fixtures.now)
        #expect(Fixtures.press(s, [.char("r")]).1 == [.reload])
        #expect(Fixtures.press(s, [.char("a")]).1.isEmpty)
        #expect(Fixtures.press(s, [.char("q")]).1 == [.quit])
    }

    @Test func reloadKeepsTheSelectionByID() {
        var s = Fixtures.press(Fixtures.demoState(), [.down, .down]).0
        var data = Fixtures.demoData()
        data.learner.courses.insert(Course(id: "aaa", title: "New first"), at: 0)
        s = update(s, .loaded(data)).0
        #expect(s.selectedCourseID == "data-foundations")
        data.learner.courses.removeAll { $0.id == "data-foundations" }
        s = update(s, .loaded(data)).0
        #expect(s.selectedCourseID == "excel-dash", "the first course in the list")
    }

    @Test func oneKeyTableForHelpBarAndHandler() {
        let help = HelpOverlay.lines(width: 72).map(\.0).joined(separator: "\n")
        for b in KeyBindings.all { #expect(help.contains(b.keyLabel) && help.contains(b.help.prefix(20)), "\(b.help)") }
        // Every key the bar shows does what the table says, in every mode.
        for mode in [KeyMode.dashboard, .scrolling, .confirm, .form, .filter] {
            for b in KeyBindings.all where b.mode == mode && b.bar != nil {
                for focus in Focus.allCases where b.applies(in: mode, focus) {
                    #expect(KeyBindings.action(for: b.keys[0], in: mode, focus: focus) == b.action, "\(b.help) in \(mode)")
                }
            }
        }
        // No key means two things in one place.
        for mode in [KeyMode.dashboard, .scrolling, .confirm, .form, .filter] {
            for focus in Focus.allCases {
                var seen: [Key: Action] = [:]
                for b in KeyBindings.all where b.applies(in: mode, focus) {
                    for k in b.keys { #expect(seen[k] == nil || seen[k] == b.action, "\(k) in \(mode)/\(focus)"); seen[k] = b.action }
                }
            }
        }
    }

    @Test func everyScrollingWindowScrollsWithTheSameKeysAndStaysInRange() {
        for opening: [Key] in [[.char("?")], [.enter], [.char("3"), .enter]] {
            var s = Fixtures.press(Fixtures.demoState(), opening).0
            s = update(s, .resized(Size(width: 80, height: 24))).0
            guard let overlay = s.overlay else { Issue.record("\(opening) opened nothing"); continue }
            let bottom = ScrollingOverlay.maxScroll(overlay, s)
            #expect(bottom > 0, "\(overlay) has more than a screen")
            s = Fixtures.press(s, [.end]).0
            #expect(s.overlay?.scroll == bottom)
            s = Fixtures.press(s, [.char("j")]).0
            #expect(s.overlay?.scroll == bottom, "no scrolling past the end")
            s = Fixtures.press(s, [.char("k")]).0
            #expect(s.overlay?.scroll == bottom - 1, "one key up moves up at once")
            s = Fixtures.press(s, [.home]).0
            #expect(s.overlay?.scroll == 0)
            s = Fixtures.press(s, [.char(" ")]).0
            #expect((s.overlay?.scroll ?? 0) > 1, "space pages down")
            s = Fixtures.press(s, [.escape]).0
            #expect(s.overlay == nil)
        }
    }
}
