import CredStackCore

enum CoursesPane {
    static func draw(_ grid: inout CellGrid, _ rect: Rect, _ s: AppState) {
        let g = s.glyphs
        let courses = s.visibleCourses
        let total = s.data?.learner.courses.count ?? 0
        let title = "1 Courses" + (s.filter.isEmpty ? " (\(total))" : " (\(courses.count) of \(total) matching \"\(s.filter)\")")
        let inner = rect.inner.inset(dx: 1, dy: 0)
        guard inner.width > 0, inner.height > 0, let today = s.today else {
            Pane.draw(&grid, rect, title: title, focused: s.focus == .courses, glyphs: g)
            return
        }
        if courses.isEmpty {
            Pane.draw(&grid, rect, title: title, focused: s.focus == .courses, glyphs: g)
            Label.draw(&grid, "No course matches \"\(s.filter)\". Esc clears the filter.", in: inner, row: 1, role: .muted, glyphs: g)
            return
        }
        let fixed = [9, 5, 10, 5]
        let showProvider = inner.width >= 90
        let providerWidth = showProvider ? min(24, inner.width / 5) : 0
        let titleWidth = inner.width - fixed.reduce(0, +) - fixed.count - (showProvider ? providerWidth + 1 : 0)
        var columns = [Table.Column("Title", width: titleWidth)]
        if showProvider { columns.append(Table.Column("Provider", width: providerWidth)) }
        columns += [Table.Column("Status", width: 9), Table.Column("Done", width: 5, alignRight: true),
                    Table.Column("Due", width: 10), Table.Column("Cr", width: 5, alignRight: true)]
        let timerCourse = s.data?.timer?.courseID
        let rows: [[Table.CellText]] = courses.map { c in
            var row = [Table.CellText((c.id == timerCourse ? "\(g.timer) " : "") + c.title)]
            if showProvider { row.append(Table.CellText(c.provider, .muted)) }
            let statusRole: Role = c.status == .completed ? .success : (c.status == .paused || c.status == .dropped) ? .muted : .text
            row.append(Table.CellText(c.status.rawValue, statusRole))
            row.append(Table.CellText(c.modulesTotal > 0 ? "\(c.modulesDone)/\(c.modulesTotal)" : "-", .text))
            let dueRole: Role
            switch c.deadline(today: today) {
            case .overdue: dueRole = .error
            case .dueSoon: dueRole = .warning
            default: dueRole = .muted
            }
            row.append(Table.CellText(c.due == nil ? "-" : c.dueLabel(today: today), dueRole))
            if let earned = c.earnedCredits {
                row.append(Table.CellText(CreditFormat.label(earned) + g.check, .success))
            } else {
                row.append(Table.CellText(c.credits.map(CreditFormat.label) ?? "-", .text))
            }
            return row
        }
        let table = Table(columns: columns, rows: rows, selected: s.selectedIndex, focused: s.focus == .courses)
        Pane.draw(&grid, rect, title: title, focused: s.focus == .courses, glyphs: g, rightTitle: table.position(in: inner))
        table.draw(&grid, inner, glyphs: g)
    }
}

enum WeekPane {
    static func draw(_ grid: inout CellGrid, _ rect: Rect, _ s: AppState) {
        let g = s.glyphs
        guard let data = s.data, let today = s.today else { return }
        let week = data.history.week(containing: today, ago: s.weekOffset)
        let goal = data.learner.profile.weeklyGoalMinutes
        let title = s.weekOffset == 0 ? "2 This week" : s.weekOffset == 1 ? "2 Last week" : "2 \(s.weekOffset) weeks ago"
        // The dates stay in the title, whatever the total beside them needs.
        let range = "\(week.weekStart.day) \(LocalDate.monthNames[week.weekStart.month - 1]) – \(week.weekEnd.day) \(LocalDate.monthNames[week.weekEnd.month - 1])"
        let inner = Pane.draw(&grid, rect, title: title, focused: s.focus == .week, glyphs: g, rightTitle: range).inset(dx: 1, dy: 0)
        guard inner.height >= 3, inner.width >= 14 else { return }
        let total = StudyDuration.label(minutes: week.totalMinutes)
        let summary = goal > 0 ? "\(total) of \(StudyDuration.label(minutes: goal)) (\(week.totalMinutes * 100 / goal)%)" : total
        let summaryRole: Role = week.metGoal(goal) ? .success : .text
        Label.draw(&grid, summary + (week.metGoal(goal) ? " " + g.check : ""), in: inner, role: summaryRole, glyphs: g, alignRight: true)

        let footer = inner.height >= 8 ? 2 : inner.height >= 6 ? 1 : 0
        let roomy = inner.height >= 14
        let chartHeight = roomy ? min(10, inner.height - 1 - footer - 1) : inner.height - 1 - footer
        let chartRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: chartHeight)
        let todayIndex = s.weekOffset == 0 ? week.days.firstIndex(of: today) : nil
        let slot = chartRect.width / 7
        // Each day keeps its date: "Mon 30" where there is room, "M 30" where there is less.
        let labels = week.days.map { slot >= 6 ? "\($0.weekday.shortName) \($0.day)" : slot >= 5 ? "\($0.weekday.shortName.prefix(1)) \($0.day)" : String($0.weekday.shortName.prefix(2)) }
        BarChart(values: week.minutesPerDay, labels: labels, goal: goal / 7, highlighted: todayIndex).draw(&grid, chartRect, glyphs: g)
        if roomy {
            for (i, m) in week.minutesPerDay.enumerated() {
                let t = m == 0 ? "·" : StudyDuration.label(minutes: m)
                let fitted = TextWidth.truncate(t, to: slot, ellipsis: g.ellipsis)
                grid.put(fitted, x: chartRect.x + i * slot + max(0, (slot - TextWidth.of(fitted)) / 2), y: chartRect.maxY,
                         role: .muted, clip: inner)
            }
            // The rest of the room lists this week's time per course.
            let firstRow = chartRect.maxY + 2 - inner.y
            let lastRow = inner.height - footer - 1
            for (k, entry) in week.minutesPerCourse.prefix(max(0, lastRow - firstRow)).enumerated() {
                let name = data.learner.course(entry.courseID)?.title ?? entry.courseID
                let minutes = " " + StudyDuration.label(minutes: entry.minutes)
                let rowRect = inner.row(firstRow + k)
                Label.draw(&grid, name, in: Rect(x: rowRect.x, y: rowRect.y, width: rowRect.width - TextWidth.of(minutes), height: 1), glyphs: g)
                Label.draw(&grid, minutes, in: rowRect, role: .muted, glyphs: g, alignRight: true)
            }
        }
        guard footer > 0 else { return }
        let weeks = data.history.weeklyMinutes(endingWith: today, count: 12)
        let spark = "12 wk " + Sparkline.text(weeks, glyphs: g)
        let best = "  best \(StudyDuration.label(minutes: weeks.max() ?? 0))"
        let used = Label.draw(&grid, spark, in: inner, row: inner.height - footer, role: .bar, glyphs: g)
        Label.draw(&grid, best, in: inner, row: inner.height - footer, role: .muted, glyphs: g, indent: used)
        if footer == 2, s.weekOffset == 0, let risk = data.needs.first(where: \.atRisk) {
            // A course that will not be done by its due date at the learner's pace matters more than the streak.
            // Figures first, so a narrow pane cuts the title rather than the numbers.
            let more = data.needs.filter(\.atRisk).count - 1
            let figures = risk.overdue
                ? ": \(StudyDuration.label(minutes: risk.neededMinutesPerWeek)) left, overdue"
                : ": \(StudyDuration.label(minutes: risk.neededMinutesPerWeek))/wk by \(risk.due.shortLabel), avg \(StudyDuration.label(minutes: risk.averageMinutesPerWeek))"
            let tail = figures + (more > 0 ? " +\(more)" : "")
            let title = TextWidth.truncate(risk.title, to: max(4, inner.width - 2 - TextWidth.of(tail)), ellipsis: g.ellipsis)
            Label.draw(&grid, "! " + title + tail, in: inner, row: inner.height - 1, role: .warning, glyphs: g)
        } else if footer == 2 {
            let streak = data.history.streak(today: today, goalMinutes: goal)
            let text = goal > 0 ? streak.shortLabel : "no weekly goal set"
            Label.draw(&grid, text, in: inner, row: inner.height - 1, role: .muted, glyphs: g)
        }
    }
}

enum CreditsPane {
    /// Name, gauge, figures.
    static let rowsPerPathway = 3

    static func draw(_ grid: inout CellGrid, _ rect: Rect, _ s: AppState) {
        let g = s.glyphs
        guard let data = s.data, s.today != nil else { return }
        let inner = Pane.draw(&grid, rect, title: "3 Credits", focused: s.focus == .credits, glyphs: g).inset(dx: 1, dy: 0)
        guard inner.width > 4, inner.height > 0 else { return }
        let reports = data.credits
        if reports.isEmpty {
            let earned = data.learner.courses.compactMap(\.earnedCredits).reduce(0, +)
            Label.draw(&grid, "\(CreditFormat.label(earned)) credits earned.", in: inner, row: 0, glyphs: g)
            let hint = "Follow a pathway (a certificate, diploma or degree) to see how your credits stack: press p."
            for (i, line) in wrap(hint, width: inner.width).enumerated() {
                Label.draw(&grid, line, in: inner, row: i + 2, role: .muted, glyphs: g)
            }
            return
        }
        let per = rowsPerPathway
        let visible = max(1, inner.height / per)
        let offset = Table.scrollOffset(selected: s.selectedPathway, count: reports.count, visibleRows: visible)
        for (i, report) in reports.enumerated().dropFirst(offset).prefix(visible) {
            let row = (i - offset) * per
            let selected = i == s.selectedPathway && s.focus == .credits
            let mark = report.isMet ? " " + g.check : ""
            Label.draw(&grid, report.pathway.name + mark, in: inner, row: row, role: selected ? .selection : .title, glyphs: g)
            let seg = report.gaugeSegments
            let numbers = " \(CreditFormat.label(report.countedCredits))/\(CreditFormat.label(report.pathway.totalCredits))"
            let barWidth = inner.width - TextWidth.of(numbers)
            if row + 1 < inner.height {
                Gauge(done: seg.counted, inProgress: seg.inProgress, total: report.pathway.totalCredits)
                    .draw(&grid, x: inner.x, y: inner.y + row + 1, width: barWidth, glyphs: g, clip: inner)
                Label.draw(&grid, numbers, in: inner, row: row + 1, glyphs: g, alignRight: true)
            }
            if row + 2 < inner.height {
                let going = CreditFormat.label(report.inProgressCredits), more = CreditFormat.label(report.neededBeyondInProgress)
                let when = report.projection
                // The longest wording that fits the pane.
                let texts = ["\(going) in progress · \(more) more needed · \(when.shortLabel)",
                             "\(going) in progress · \(more) more · \(when.compactLabel)",
                             "\(going) in progress · \(when.compactLabel)"]
                let text = texts.first { TextWidth.of($0) <= inner.width } ?? texts[texts.count - 1]
                Label.draw(&grid, text, in: inner, row: row + 2, role: .muted, glyphs: g)
            }
        }
    }
}
