/// How a course reads to a person: shared by the dashboard's detail view and `credstack course show`.
extension Course {
    /// "in 9d", "today", "overdue 3d", or the date when it is not close.
    public func dueLabel(today: LocalDate) -> String {
        guard let due else { return "" }
        switch deadline(today: today) {
        case .overdue(let d): return "overdue \(d)d"
        case .dueSoon(let d): return d == 0 ? "today" : "in \(d)d"
        default: return due.description
        }
    }

    /// Every field that has a value, as label and text, in reading order; the credential's fields follow
    /// under a "Credential" heading (a pair with an empty value).
    public func facts(today: LocalDate) -> [(label: String, value: String)] {
        var out: [(String, String)] = []
        func add(_ label: String, _ value: String?) { if let value, !value.isEmpty { out.append((label, value)) } }
        add("Id", id)
        add("Title", title)
        add("Provider", provider)
        add("Category", category)
        add("Mode", mode.rawValue)
        add("Status", status.rawValue)
        add("Progress", modulesTotal > 0 ? "\(modulesDone) of \(modulesTotal) modules" : nil)
        add("Start", start?.description)
        add("Due", due.map { d in dueLabel(today: today) == d.description ? d.description : "\(d) (\(dueLabel(today: today)))" })
        add("Workload", hours.map { "\(CreditFormat.label($0)) h" })
        add("Credits", credits.map(CreditFormat.label))
        add("Level", level)
        add("Credit system", creditSystem)
        add("Online share", onlineShare.map { CreditFormat.label($0 * 100) + "%" })
        add("Skills", skills.joined(separator: ", "))
        add("About", about)
        add("Fee", fee?.label)
        if let cr = credential {
            out.append(("Credential", ""))
            add("Awarded by", cr.awardedBy)
            add("Issued", cr.issued.description)
            add("Expires", cr.expires.map { $0.description + ($0 <= today ? " (expired)" : "") })
            add("Credits", cr.credits.map(CreditFormat.label))
            add("Credential id", cr.credentialID)
            add("URL", cr.url)
            add("Assessment", cr.assessment)
            add("Grade", cr.grade)
            add("Redeemed for", cr.redeemedFor)
            add("Credit system", cr.creditSystem)
            add("Known as", cr.unverified ? "imported, unverified" : "self-reported")
        }
        return out
    }
}
