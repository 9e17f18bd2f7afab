import CredStackCore
import CredStackStore

/// The one way to change the store. Each operation is checked with the rules in Core, then run in a store
/// transaction: under the lock, on what is on disk now, its precondition checked, only what it changes
/// written. Both the command line and the dashboard call `perform`; neither writes anything itself.
public struct Operations: Sendable {
    public let store: Store
    public let clock: any WallClock

    public init(store: Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    /// `wait: false` (the dashboard) refuses at once with "busy" when another process holds the lock.
    public func perform(_ operation: StoreOperation, wait: Bool = true) throws(OperationError) -> Outcome {
        let now = clock.now
        do {
            var tolerating: RecordKey?
            if case .replaceRecord(let key, _, _) = operation { tolerating = key }
            // A timer file that does not read is what `timer cancel` is there to drop.
            if case .cancelTimer(nil) = operation { tolerating = .timer }
            return try store.transaction(wait: wait, tolerating: tolerating) { tx in
                var run = Run(tx: tx, now: now)
                let outcome = try run.apply(operation)
                tx = run.tx
                return outcome
            }
        } catch let e as OperationError {
            throw e
        } catch let e as StoreError {
            throw OperationError(e)
        } catch {
            throw OperationError(.conflict, "\(error)")
        }
    }
}

/// One operation inside its transaction.
struct Run {
    var tx: StoreTransaction
    let now: Int64
    var calendar: StudyCalendar { StudyCalendar(profile: tx.learner.profile) }
    var today: LocalDate { calendar.localDay(of: now) }

    init(tx: StoreTransaction, now: Int64) {
        self.tx = tx
        self.now = now
    }

    mutating func apply(_ operation: StoreOperation) throws -> Outcome {
        switch operation {
        case .addCourse(let course): return try addCourse(course)
        case .editCourse(let id, let patch, let expected): return try editCourse(id, patch, expected)
        case .removeCourse(let id, let sessions, let expected): return try removeCourse(id, sessions, expected)
        case .recordCredential(let id, let patch, let mode, let expected): return try recordCredential(id, patch, mode, expected)
        case .removeCredential(let id, let expected): return try removeCredential(id, expected)
        case .redeemCredential(let id, let pathway, let expected): return try redeem(id, pathway, expected)
        case .logSession(let draft): return try log(draft)
        case .editSession(let ref, let patch, let expected): return try editSession(ref, patch, expected)
        case .removeSession(let ref, let expected): return try removeSession(ref, expected)
        case .startTimer(let id, let at, let note, let expected): return try startTimer(id, at, note, expectedRunning: expected)
        case .stopTimer(let at, let expected): return try stopTimer(at: at, expected: expected)
        case .cancelTimer(let expected): return try cancelTimer(expected)
        case .switchTimer(let id, let at, let note, let expected): return try switchTimer(id, at, note, expected)
        case .setProfile(let patch): return try setProfile(patch)
        case .followPathway(let p): return try follow(p)
        case .dropPathway(let id, let expected): return try drop(id, expected)
        case .importHistory(let history, let source, let dryRun, let allowOverlap):
            return try importHistory(history, source: source, dryRun: dryRun, allowOverlap: allowOverlap)
        case .importBadge(let badge, let courseID, let replace, let dryRun): return try importBadge(badge, courseID: courseID, replace: replace, dryRun: dryRun)
        case .replaceRecord(let key, let bytes, let expected): return try replaceRecord(key, bytes, expected)
        case .recoverCourses: return try recoverCourses()
        case .addCatalog(let id, let bytes, let source, let replace): return try addCatalog(id, bytes, source: source, replace: replace)
        case .removeCatalog(let id):
            try tx.removeCatalog(id)
            return .catalogRemoved(id: id)
        }
    }

    // MARK: lookups

    func course(_ id: String) throws -> Course {
        if let c = tx.learner.course(id) { return c }
        throw OperationError.invalid(CourseLookup.unknown(id, in: tx.learner))
    }

    func pathway(_ id: String) throws -> Pathway {
        if let p = tx.learner.pathway(id) { return p }
        let near = tx.learner.pathways.map(\.id).min { EditDistance.between(id, $0) < EditDistance.between(id, $1) }
        throw OperationError.invalid("no pathway \"\(id)\"" + (near.map { "; did you mean \"\($0)\"?" } ?? "; you follow no pathways yet"))
    }

    // MARK: courses

    mutating func addCourse(_ c: Course) throws -> Outcome {
        guard Course.isValidID(c.id) else { throw OperationError.invalid("\"\(c.id)\" is not a course id: expected \(Course.idForm)", field: "id") }
        if tx.learner.course(c.id) != nil {
            throw OperationError.conflict("a course \"\(c.id)\" already exists; change it with `credstack course edit \(c.id)`")
        }
        if let problem = c.problem { throw OperationError.invalid(problem.message, field: problem.field.rawValue) }
        try tx.addCourse(c)
        return .courseAdded(tx.learner.course(c.id)!)
    }

    mutating func editCourse(_ id: String, _ patch: CoursePatch, _ expected: RecordVersion?) throws -> Outcome {
        let before = try course(id)
        try tx.expect(.course(id), expected, "\(id)")
        let after = patch.applied(to: before)
        if let problem = after.problem { throw OperationError.invalid(problem.message, field: problem.field.rawValue) }
        let changed = patch.ordered.filter { change in
            var probe = before
            change.apply(to: &probe)
            return probe != before
        }
        try tx.patchCourse(id, CoursePatch(changed))
        return .courseEdited(tx.learner.course(id)!, changed: changed.map(\.field))
    }

    mutating func removeCourse(_ id: String, _ selection: SessionSelection, _ expected: RecordVersion?) throws -> Outcome {
        _ = try course(id)
        try tx.expect(.course(id), expected, "\(id)")
        if tx.timer?.courseID == id {
            throw OperationError.conflict("a timer is running on \(id); stop or cancel it first (nothing was removed)")
        }
        let logged = try tx.sessions().filter { $0.courseID == id }
        let ids = Set(logged.map(\.id))
        switch selection {
        case .none where !logged.isEmpty:
            throw OperationError.conflict("\(id) has \(logged.count) logged session\(logged.count == 1 ? "" : "s"); nothing was removed. "
                + "Mark it dropped (`credstack course edit \(id) --status dropped`) or pass --with-sessions to delete them too")
        case .exactly(let listed) where listed != Set(logged):
            throw OperationError(.changedElsewhere, "\(id)'s sessions changed elsewhere since the dialog listed them (now \(logged.count)); nothing was removed")
        default:
            break
        }
        if !ids.isEmpty { try tx.removeSessions(ids) }
        try tx.removeCourse(id)
        return .courseRemoved(id: id, sessions: ids.count)
    }

    // MARK: credentials

    mutating func recordCredential(_ id: String, _ patch: CredentialPatch, _ mode: CredentialMode, _ expected: RecordVersion?) throws -> Outcome {
        let c = try course(id)
        try tx.expect(.course(id), expected, "\(id)")
        let had = c.credential
        if mode == .new, let old = had {
            throw OperationError.conflict("\(id) already has a credential (from \(old.awardedBy), issued \(old.issued)); pass --replace to overwrite it")
        }
        guard let result = patch.applied(to: mode == .replace ? nil : had) else {
            throw OperationError.invalid("a credential needs who awarded it and the date it was issued", field: "awardedBy")
        }
        if let problem = result.problem { throw OperationError.invalid(problem.message, field: problem.field.rawValue) }
        if mode == .replace && had != nil { try tx.removeCredential(id) }
        try tx.patchCredential(id, patch)
        // A credential newly recorded means the course is finished; an edit of one changes only itself.
        if had == nil {
            var done = CoursePatch()
            if c.status != .completed { done.set(.status(.completed)) }
            if c.modulesTotal > 0 && c.modulesDone < c.modulesTotal { done.set(.modules(done: c.modulesTotal, total: c.modulesTotal)) }
            if !done.isEmpty { try tx.patchCourse(id, done) }
        }
        return .credentialRecorded(courseID: id, tx.learner.course(id)!.credential!, replaced: mode == .replace && had != nil, today: today)
    }

    mutating func removeCredential(_ id: String, _ expected: RecordVersion?) throws -> Outcome {
        let c = try course(id)
        try tx.expect(.course(id), expected, "\(id)")
        guard c.credential != nil else { throw OperationError.conflict("\(id) has no credential recorded") }
        try tx.removeCredential(id)
        return .credentialRemoved(courseID: id)
    }

    mutating func redeem(_ id: String, _ pathwayID: String?, _ expected: RecordVersion?) throws -> Outcome {
        let c = try course(id)
        try tx.expect(.course(id), expected, "\(id)")
        guard let credential = c.credential else { throw OperationError.conflict("\(id) has no credential recorded; record it first") }
        var award: String?
        if let pathwayID {
            let p = try pathway(pathwayID)
            // ABC 2021: only credits that hold can be debited for an award.
            if let problem = CreditEngine.validityProblem(credential, p, today: today) {
                throw OperationError.conflict("\(id) cannot be redeemed for \(p.id): \(problem)")
            }
            award = p.awardKey
        }
        try tx.patchCredential(id, CredentialPatch([.redeemedFor(pathwayID), .redeemedAward(award)]))
        return .credentialRedeemed(courseID: id, pathwayID: pathwayID)
    }

    // MARK: profile and pathways

    mutating func setProfile(_ patch: ProfilePatch) throws -> Outcome {
        let before = tx.learner.profile
        try tx.patchProfile(patch)
        return .profileSaved(tx.learner.profile, changed: tx.learner.profile != before)
    }

    mutating func follow(_ p: Pathway) throws -> Outcome {
        guard Course.isValidID(p.id) else { throw OperationError.invalid("\"\(p.id)\" is not a pathway id: expected \(Course.idForm)") }
        if tx.learner.pathway(p.id) != nil {
            throw OperationError.conflict("you already follow a pathway with id \"\(p.id)\"; choose another with --id")
        }
        try tx.addPathway(p)
        // Stacking follows awards: a stacks_on that names nothing followed counts no redeemed credits.
        let followed = tx.learner.pathways
        let warnings = p.stacksOn.filter { name in !followed.contains { $0.id != p.id && ($0.id == name || $0.awardKey == name) } }.map {
            "\(p.id) stacks on \"\($0)\", which none of your pathways is; credits redeemed for it count here once you follow it (credstack pathway add --template \($0))"
        }
        return .pathwayFollowed(p, warnings: warnings)
    }

    mutating func drop(_ id: String, _ expected: RecordVersion?) throws -> Outcome {
        let p = try pathway(id)
        try tx.expect(.pathway(id), expected, "pathway \(id)")
        try tx.removePathway(id)
        // Credits redeemed for it stay redeemed; they keep its award, so what stacks on the award still counts them.
        let redeemed = tx.learner.courses.filter { $0.credential?.redeemedFor == id }
        for c in redeemed where c.credential?.redeemedAward == nil {
            try tx.patchCredential(c.id, CredentialPatch([.redeemedAward(p.awardKey)]))
        }
        return .pathwayDropped(id: id, award: p.awardKey, redeemed: redeemed.map(\.id))
    }

    mutating func recoverCourses() throws -> Outcome {
        let missing = try tx.store.loggedCourseIDs().keys.filter { tx.learner.course($0) == nil }.sorted()
        for id in missing { try tx.addCourse(Course(id: id, title: id, status: .enrolled)) }
        return .coursesRecovered(missing)
    }

    mutating func addCatalog(_ id: String, _ bytes: [UInt8], source: String, replace: Bool) throws -> Outcome {
        guard Course.isValidID(id) else { throw OperationError.invalid("\"\(id)\" is not a catalog id: expected \(Course.idForm) (the file's name, without .toml)") }
        let there = try tx.store.catalogExists(id)
        if there && !replace {
            throw OperationError.conflict("a catalog \(id) is already in your store; add --replace to replace it with \(source)")
        }
        let catalog = try tx.putCatalog(id, bytes: bytes, path: source)
        return .catalogAdded(catalog, replaced: there)
    }

    mutating func replaceRecord(_ key: RecordKey, _ bytes: [UInt8], _ expected: RecordVersion) throws -> Outcome {
        try tx.expect(key, expected, "\(key)")
        try tx.replaceRecord(key, bytes: bytes)
        return .recordReplaced(key)
    }
}
