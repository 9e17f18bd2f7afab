import CredStackCore
import CredStackStore

extension Run {
    // MARK: sessions

    /// The session a learner named, checked against what the dashboard showed (`expected`).
    mutating func resolve(_ ref: SessionRef, expected: StudySession?) throws -> StudySession {
        let all = try tx.sessions()
        let found: StudySession
        switch ref {
        case .recent(let n):
            let ordered = all.sorted(by: StudySession.timeOrder)
            guard n >= 1, n <= ordered.count else {
                throw OperationError.invalid(ordered.isEmpty ? "no sessions are logged yet" : "@\(n): there are \(ordered.count) sessions (@1 is the latest)")
            }
            found = ordered[ordered.count - n]
        case .id(let prefix):
            let matches = all.filter { $0.id.text.hasPrefix(prefix) }
            let ids = Set(matches.map(\.id))
            guard !matches.isEmpty else { throw OperationError.invalid("no session \(prefix); `credstack sessions` lists them with their ids") }
            guard ids.count == 1 else {
                throw OperationError.invalid("\(prefix) is the start of \(ids.count) session ids (\(ids.sorted().prefix(4).map(\.text).joined(separator: ", "))); type more of it")
            }
            guard matches.count == 1 else {
                throw OperationError.conflict("session \(matches[0].id) appears \(matches.count) times in sessions.log (a copied line?); remove the extra line by hand first")
            }
            found = matches[0]
        }
        if let expected, expected != found {
            throw OperationError(.changedElsewhere, "session \(found.id) changed elsewhere since it was shown; nothing was changed")
        }
        return found
    }

    /// Checks a session against the rules and, unless asked not to, against the sessions around it.
    mutating func check(_ session: StudySession, allowOverlap: Bool) throws {
        if let problem = SessionRules.problem(start: session.start, seconds: session.durationSeconds, now: now) {
            throw OperationError.invalid(problem, field: "when")
        }
        let others = try tx.sessions()
        if allowOverlap {
            if let day = SessionRules.overfullDay(with: session, in: others, calendar: calendar) {
                throw OperationError.invalid("that would make more than 24h of study on \(day.shortLabel) \(day.year)")
            }
        } else if let clash = SessionRules.overlapping(session, in: others).first {
            throw OperationError.invalid("it overlaps session \(clash.id) (\(describe(clash))); choose another time, or --allow-overlap for study in parallel",
                                         field: "when")
        }
    }

    func describe(_ s: StudySession) -> String {
        let local = calendar.timestamp(s.start.epochSeconds)
        let end = calendar.timestamp(s.endEpochSeconds)
        return "\(StudyDuration.label(seconds: s.durationSeconds)) on \(s.courseID), \(local.local.date.shortLabel) \(local.clockLabel)-\(end.clockLabel)"
    }

    mutating func log(_ draft: SessionDraft) throws -> Outcome {
        _ = try course(draft.courseID)
        var session = StudySession(start: draft.start ?? calendar.timestamp(now - Int64(draft.seconds)), durationSeconds: draft.seconds,
                                   courseID: draft.courseID, note: draft.note)
        if draft.start == nil && !draft.allowOverlap {
            // "Just finished" twice in a row: the second session happened before the first one. One pass from the
            // latest session back, moving the end before each one it would overlap.
            var end = now
            let length = Int64(draft.seconds)
            for s in try tx.sessions().sorted(by: { $0.start.epochSeconds > $1.start.epochSeconds }) where s.start.epochSeconds < end {
                if s.endEpochSeconds > end - length { end = s.start.epochSeconds } else if s.start.epochSeconds < end - 2 * Int64(Limits.sessionSeconds) { break }
            }
            session.start = calendar.timestamp(end - length)
        }
        try check(session, allowOverlap: draft.allowOverlap)
        try tx.append([session])
        return .sessionLogged(try tx.sessions().last!)
    }

    mutating func editSession(_ ref: SessionRef, _ patch: SessionPatch, _ expected: StudySession?) throws -> Outcome {
        let before = try resolve(ref, expected: expected)
        if let id = patch.courseID { _ = try course(id) }
        let after = patch.applied(to: before)
        guard after != before else { return .nothingChanged("Nothing changed in session \(before.id).") }
        try check(after, allowOverlap: patch.allowOverlap)
        try tx.replaceSession(after)
        return .sessionEdited(before: before, after: after)
    }

    mutating func removeSession(_ ref: SessionRef, _ expected: StudySession?) throws -> Outcome {
        let s = try resolve(ref, expected: expected)
        try tx.removeSessions([s.id])
        return .sessionRemoved(s)
    }

    // MARK: the timer

    mutating func startTimer(_ courseID: String, _ at: Timestamp, _ note: String, expectedRunning: SessionID?) throws -> Outcome {
        _ = try course(courseID)
        if let running = tx.timer {
            if expectedRunning == running.id {
                throw OperationError.conflict("a timer is already running on \(running.courseID) since \(running.started.clockLabel); stop it first, or switch: credstack timer switch \(courseID)")
            }
            throw OperationError(.changedElsewhere, "a timer was started on \(running.courseID) elsewhere at \(running.started.clockLabel); nothing was started")
        }
        if at.epochSeconds > now + Int64(Limits.futureGraceSeconds) {
            throw OperationError.invalid("the timer cannot start in the future (\(at))", field: "when")
        }
        let timer = RunningTimer(id: SessionID.random(), courseID: courseID, started: at, note: note)
        tx.setTimer(timer)
        return .timerStarted(timer, stopped: nil)
    }

    /// The running timer, when it is the one the caller saw.
    func runningTimer(_ expected: SessionID?) throws -> RunningTimer {
        guard let timer = tx.timer else {
            if expected != nil { throw OperationError(.changedElsewhere, "the timer was stopped elsewhere; nothing was logged here") }
            throw OperationError.conflict("no timer is running")
        }
        if let expected, expected != timer.id {
            throw OperationError(.changedElsewhere, "the timer changed elsewhere (now on \(timer.courseID) since \(timer.started.clockLabel)); nothing was logged")
        }
        return timer
    }

    /// Logs the timer's session (once: a stop retried after a crash finds it by its id) and clears the timer.
    mutating func stopTimer(at: Int64?, expected: SessionID?) throws -> Outcome {
        var timer = try runningTimer(expected)
        let end = at ?? now
        if end > now + Int64(Limits.futureGraceSeconds) { throw OperationError.invalid("the timer cannot stop in the future", field: "when") }
        // Timers from before ids existed get one from what they are, so a retry finds the same session.
        if !timer.id.isAssigned { timer.id = SessionID.derived(from: Array("\(timer.started) \(timer.courseID)".utf8)) }
        guard let session = timer.session(endingAt: end) else {
            if end <= timer.started.epochSeconds {
                throw OperationError.invalid("the timer started at \(calendar.timestamp(timer.started.epochSeconds)); the end must come after that", field: "when")
            }
            let ran = StudyDuration.label(seconds: Int(min(end - timer.started.epochSeconds, Int64(Int32.max))))
            throw OperationError(.conflict, "the timer on \(timer.courseID) has run \(ran) since \(describeStart(timer)), more than one session may last (24h). "
                + "Say when you stopped: credstack timer stop --at \"yesterday 21:00\" (or cancel it)", field: "when")
        }
        let already = try tx.sessions().contains { $0.id == session.id }
        if !already { try tx.append([session]) }
        tx.setTimer(nil)
        return .timerStopped(session, alreadyLogged: already)
    }

    func describeStart(_ timer: RunningTimer) -> String {
        let t = calendar.timestamp(timer.started.epochSeconds)
        return "\(t.local.date.shortLabel) \(t.clockLabel)"
    }

    mutating func cancelTimer(_ expected: SessionID?) throws -> Outcome {
        let timer = try runningTimer(expected)
        tx.setTimer(nil)
        return .timerCancelled(timer)
    }

    mutating func switchTimer(_ courseID: String, _ at: Timestamp, _ note: String, _ expected: SessionID?) throws -> Outcome {
        _ = try course(courseID)
        var stopped: StudySession?
        if tx.timer != nil {
            guard case .timerStopped(let s, _) = try stopTimer(at: at.epochSeconds, expected: expected) else { fatalError("unreachable") }
            stopped = s
        }
        guard case .timerStarted(let t, _) = try startTimer(courseID, at, note, expectedRunning: nil) else { fatalError("unreachable") }
        return .timerStarted(t, stopped: stopped)
    }

    // MARK: imports

    mutating func importHistory(_ history: ImportedHistory, source: String, dryRun: Bool) throws -> Outcome {
        var skipped = history.skipped
        var byName: [String: String] = [:]
        var newCourses: [Course] = []
        var fresh: [StudySession] = []
        var seen = Set(try tx.sessions().map(SessionKey.init))
        func existing(_ name: String) -> Course? {
            let learner = tx.learner
            return learner.course(name) ?? learner.course(Course.slug(name)) ?? learner.courses.first { $0.title.lowercased() == name.lowercased() }
        }
        for var row in history.rows {
            if !row.tags.isEmpty {
                let chosen = row.tags.first { existing($0) != nil } ?? row.course
                row.course = chosen
                row.note = ([row.note] + row.tags.filter { $0 != chosen }).filter { !$0.isEmpty }.joined(separator: " · ")
            }
            let key = row.course.lowercased()
            let id: String
            let learner = tx.learner
            if let known = byName[key] {
                id = known
            } else if let c = existing(row.course) {
                id = c.id
            } else {
                id = learner.newCourseID(from: row.course)
                let course = Course(id: id, title: row.title.isEmpty ? row.course : row.title, status: .enrolled)
                try tx.addCourse(course)
                newCourses.append(course)
            }
            byName[key] = id
            let session = StudySession(id: row.id, start: row.start, durationSeconds: row.seconds, courseID: id, note: row.note)
            if let problem = SessionRules.problem(start: session.start, seconds: session.durationSeconds, now: now) {
                skipped.append(ImportedHistory.Skip(line: row.line, reason: problem))
            } else if seen.insert(SessionKey(session)).inserted {
                fresh.append(session)
            } else {
                skipped.append(ImportedHistory.Skip(line: row.line, reason: "already in the log"))
            }
        }
        try tx.append(fresh)
        if dryRun { tx.discard() }
        let report = ImportReport(source: source, unit: history.unit, dryRun: dryRun, imported: fresh, newCourses: newCourses, skipped: skipped)
        let failed = skipped.filter { $0.reason != "already in the log" }
        if !failed.isEmpty, failed.count == history.rows.count + history.skipped.count {
            // Every row failed: say so as a failure, not a quiet success.
            throw OperationError.invalid(report.lines.joined(separator: "\n"))
        }
        return .imported(report)
    }

    mutating func importBadge(_ badge: ImportedCredential, courseID: String?, replace: Bool, dryRun: Bool) throws -> Outcome {
        if let courseID, !Course.isValidID(courseID) { throw OperationError.invalid("\"\(courseID)\" is not a course id: expected \(Course.idForm)") }
        let existing = badge.matchingCourse(in: tx.learner, courseID: courseID)
        if let old = existing?.credential, !replace {
            throw OperationError.conflict("\(existing!.id) already has a credential (from \(old.awardedBy), issued \(old.issued)); "
                                          + "add --replace to overwrite it with this badge's (nothing was changed)")
        }
        let id = existing?.id ?? courseID ?? tx.learner.newCourseID(from: badge.name)
        let patch = badge.patch(for: existing)
        if existing == nil {
            try tx.addCourse(patch.applied(to: Course(id: id, title: badge.name)))
        } else if !patch.isEmpty {
            try tx.patchCourse(id, patch)
        }
        if existing?.credential != nil { try tx.removeCredential(id) }
        try tx.patchCredential(id, CredentialPatch(allOf: badge.credential))
        if dryRun { tx.discard() }
        return .badgeImported(BadgeReport(courseID: id, before: existing, after: tx.learner.course(id)!, saved: !dryRun))
    }
}

/// Sessions are the same when they start at the same instant on the same course for the same time.
struct SessionKey: Hashable {
    var start: Int64
    var seconds: Int
    var course: String
    init(_ s: StudySession) {
        start = s.start.epochSeconds
        seconds = s.durationSeconds
        course = s.courseID
    }
}
