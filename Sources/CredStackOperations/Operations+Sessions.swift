import CredStackCore
import CredStackStore

extension Run {
    // MARK: sessions

    /// The session a learner named, checked against what the dashboard showed (`expected`).
    mutating func resolve(_ ref: SessionRef, expected: StudySession?) throws -> StudySession {
        let found = try resolveThroughIndex(ref) ?? resolveByReadingAll(ref)
        if let expected, expected != found {
            throw OperationError(.changedElsewhere, "session \(found.id) changed elsewhere since it was shown; nothing was changed")
        }
        return found
    }

    /// The session named, found without reading every line: the latest ones through the log's index, a
    /// whole id by a search of the log's bytes. The write then refuses unless its id is on one line only
    /// (what reading every line would have checked here). nil: read every line.
    private mutating func resolveThroughIndex(_ ref: SessionRef) throws -> StudySession? {
        let found: StudySession
        switch ref {
        case .recent(let n) where n >= 1:
            guard let latest = try tx.indexedLatestSessions(n), latest.count == n else { return nil }
            found = latest[0]
        case .id(let text) where text.utf8.count == SessionID.length:
            guard let id = SessionID(text), let matches = try tx.sessions(withExplicitID: id), matches.count == 1 else { return nil }
            found = matches[0]
        default:
            return nil
        }
        tx.requireOneLine(found.id)
        return found
    }

    private mutating func resolveByReadingAll(_ ref: SessionRef) throws -> StudySession {
        let all = try tx.sessions()
        let found: StudySession
        switch ref {
        case .recent(let n):
            let ordered = all.sorted(by: StudySession.timeOrder)
            guard n >= 1, n <= ordered.count else {
                throw OperationError.invalid(ordered.isEmpty ? "no sessions are logged yet" : "@\(n): there are \(ordered.count) sessions (@1 is the latest)")
            }
            found = ordered[ordered.count - n]
            if all.filter({ $0.id == found.id }).count > 1 {
                throw OperationError.conflict("session \(found.id) appears \(all.filter { $0.id == found.id }.count) times in sessions.log (a copied line?); remove the extra line by hand first")
            }
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
        return found
    }

    /// Checks a session against the rules and, unless asked not to, against the sessions around it.
    mutating func check(_ session: StudySession, allowOverlap: Bool) throws {
        if let problem = SessionRules.problem(start: session.start, seconds: session.durationSeconds, now: now) {
            throw OperationError.invalid(problem, field: "when")
        }
        // Both rules look at most three days around the session (it lasts at most a day): only those are read.
        let others = try tx.sessions(startingIn: session.start.epochSeconds - 3 * 86_400 ..< session.start.epochSeconds + 3 * 86_400)
        if allowOverlap {
            if let day = SessionRules.overfullDay(with: session, in: others, calendar: calendar) {
                throw OperationError.invalid("that would make more than 24h of study on \(day.shortLabel) \(day.year)")
            }
        } else if let clash = SessionRules.overlapping(session, in: others).first {
            throw OperationError.invalid("it overlaps session \(clash.id) (\(describe(clash))); choose another time", field: "when",
                                         hint: "--allow-overlap for study in parallel")
        }
    }

    func describe(_ s: StudySession) -> String {
        let local = calendar.timestamp(s.start.epochSeconds)
        let end = calendar.timestamp(s.endEpochSeconds)
        return "\(StudyDuration.label(seconds: s.durationSeconds)) on \(s.courseID), \(local.local.date.shortLabel) \(local.clockLabel)-\(end.clockLabel)"
    }

    mutating func log(_ draft: SessionDraft) throws -> Outcome {
        let course = try course(draft.courseID)
        var session = StudySession(start: draft.start ?? calendar.timestamp(now - Int64(draft.seconds)), durationSeconds: draft.seconds,
                                   courseID: draft.courseID, note: draft.note)
        if draft.start == nil && !draft.allowOverlap {
            // "Just finished" twice in a row: the second session happened before the first one. One pass from the
            // latest session back, moving the end before each one it would overlap.
            // Read a few days at a time, back from now: nothing that starts two days before the end can reach it.
            var end = now
            let length = Int64(draft.seconds)
            let reach = 2 * Int64(Limits.sessionSeconds)
            var windowEnd = now + Int64(Limits.futureGraceSeconds) + 1
            while windowEnd > end - reach {
                let windowStart = windowEnd - 2 * reach
                for s in try tx.sessions(startingIn: windowStart..<windowEnd).sorted(by: { $0.start.epochSeconds > $1.start.epochSeconds })
                where s.start.epochSeconds < end && s.endEpochSeconds > end - length {
                    end = s.start.epochSeconds
                }
                windowEnd = windowStart
            }
            session.start = calendar.timestamp(end - length)
        }
        try check(session, allowOverlap: draft.allowOverlap)
        let logged = try tx.append([session])
        return .sessionLogged(logged.first!, courseStatus: course.status)
    }

    mutating func editSession(_ ref: SessionRef, _ patch: SessionPatch, _ expected: StudySession?) throws -> Outcome {
        let before = try resolve(ref, expected: expected)
        if let id = patch.courseID { _ = try course(id) }
        let after = patch.applied(to: before)
        guard after != before else { return .nothingChanged("Nothing changed in session \(before.id).") }
        // Only a change of time is checked against the sessions around it; a new note or course is not.
        let moved = after.start != before.start || after.durationSeconds != before.durationSeconds
        try check(after, allowOverlap: patch.allowOverlap || !moved)
        try tx.replaceSession(after)
        return .sessionEdited(before: inLearnersTime(before), after: inLearnersTime(after))
    }

    mutating func removeSession(_ ref: SessionRef, _ expected: StudySession?) throws -> Outcome {
        let s = try resolve(ref, expected: expected)
        try tx.removeSessions([s.id])
        return .sessionRemoved(inLearnersTime(s))
    }

    /// The session with its start in the learner's zone, for what is said about it (the log keeps its own).
    func inLearnersTime(_ s: StudySession) -> StudySession {
        var out = s
        out.start = calendar.timestamp(s.start.epochSeconds)
        return out
    }

    // MARK: the timer

    mutating func startTimer(_ courseID: String, _ at: Timestamp, _ note: String, expectedRunning: SessionID?) throws -> Outcome {
        _ = try course(courseID)
        if let running = tx.timer {
            if expectedRunning == running.id {
                throw OperationError.conflict("a timer is already running on \(running.courseID) since \(running.started.clockLabel); stop it first, or switch: credstack timer switch \(courseID)")
            }
            throw OperationError(.changedElsewhere, "a timer is already running on \(running.courseID) (started \(describeStart(running))); nothing was started",
                                 hint: "stop it first, or switch: credstack timer switch \(courseID)")
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
        if end >= timer.started.epochSeconds, end - timer.started.epochSeconds < Int64(SessionRules.minimumSeconds) {
            // Started and stopped by mistake: not study.
            tx.setTimer(nil)
            return .timerTooShort(timer, seconds: Int(end - timer.started.epochSeconds))
        }
        guard let session = timer.session(endingAt: end) else {
            if end <= timer.started.epochSeconds {
                throw OperationError.invalid("the timer started at \(describeStart(timer)); the end must come after that", field: "when",
                                             hint: "a timer started by mistake: credstack timer cancel")
            }
            let ran = Int(min(end - timer.started.epochSeconds, Int64(Int32.max)))
            // Left running for over a day: ask when it stopped, as for any timer past the limit.
            if at == nil { try checkLimit(timer, ranSeconds: ran) }
            throw OperationError.invalid("that makes \(StudyDuration.label(seconds: ran)) since \(describeStart(timer)); one session lasts at most 24h", field: "when")
        }
        // A stop interrupted after its append already logged it: say what was logged then, do not log again.
        let started = session.start.epochSeconds
        if let logged = try tx.sessions(startingIn: started..<(started + 1)).first(where: { $0.id == session.id }) {
            tx.setTimer(nil)
            return .timerStopped(logged, alreadyLogged: true)
        }
        // Past the learner's limit, "now" is a guess: only an end they give is logged.
        if at == nil { try checkLimit(timer, ranSeconds: session.durationSeconds) }
        // The same rules as a logged session: no overlap, no day over 24h.
        try check(session, allowOverlap: false)
        let logged = try tx.append([session])
        tx.setTimer(nil)
        // As written: a timer whose id a session already has (a hand-edited timer file) gets a fresh one.
        return .timerStopped(logged.first!, alreadyLogged: false)
    }

    /// A timer that ran longer than the learner's limit was probably forgotten: refused with `.timerOverLimit`,
    /// which the command line answers by asking for the end and the dashboard with a dialog.
    func checkLimit(_ timer: RunningTimer, ranSeconds: Int) throws {
        let limit = tx.learner.profile.timerLimitMinutes * 60
        guard ranSeconds > limit else { return }
        let example = calendar.timestamp(timer.started.epochSeconds + 3600)
        throw OperationError(.timerOverLimit, "the timer on \(timer.courseID) has run \(StudyDuration.label(seconds: ranSeconds)) since \(describeStart(timer)), "
            + "longer than your \(StudyDuration.label(seconds: limit)) limit", field: "when",
            hint: "say when you stopped: credstack timer stop --at \"\(example.local.date) \(example.clockLabel)\" (or timer cancel)")
    }

    func describeStart(_ timer: RunningTimer) -> String {
        let t = calendar.timestamp(timer.started.epochSeconds)
        return "\(t.local.date.shortLabel) \(t.clockLabel)"
    }

    mutating func cancelTimer(_ expected: SessionID?) throws -> Outcome {
        if tx.timer == nil, let problem = tx.unreadableTimer {
            tx.setTimer(nil)
            return .brokenTimerDropped(problem.description)
        }
        let timer = try runningTimer(expected)
        tx.setTimer(nil)
        return .timerCancelled(timer)
    }

    mutating func switchTimer(_ courseID: String, _ at: Timestamp, _ note: String, _ expected: SessionID?) throws -> Outcome {
        _ = try course(courseID)
        var stopped: StudySession?
        if let running = tx.timer, at.epochSeconds > running.started.epochSeconds {
            try checkLimit(running, ranSeconds: Int(min(at.epochSeconds - running.started.epochSeconds, Int64(Int32.max))))
        }
        if tx.timer != nil, case .timerStopped(let s, _) = try stopTimer(at: at.epochSeconds, expected: expected) { stopped = s }
        guard case .timerStarted(let t, _) = try startTimer(courseID, at, note, expectedRunning: nil) else { fatalError("unreachable") }
        return .timerStarted(t, stopped: stopped)
    }

    // MARK: imports

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
