/// The built-in demo learner: a handful of courses across categories and ten weeks of study,
/// generated relative to `now` so the demo always looks current, and deterministic for a given day.
public enum DemoData {
    public static func make(now: Int64, calendar: StudyCalendar) -> (learner: Learner, sessions: [StudySession]) {
        let today = calendar.localDay(of: now)
        let d = { (offset: Int) in today.adding(days: offset) }
        let courses: [Course] = [
            Course(id: "data-foundations", title: "डेटा एनालिटिक्स की बुनियाद", provider: "SWAYAM / NPTEL",
                   category: "Data", mode: .online, status: .enrolled, modulesDone: 7, modulesTotal: 12,
                   start: d(-63), due: d(38), hours: 120, credits: 4, level: "4.5",
                   skills: ["statistics", "spreadsheets", "data cleaning"], fee: Fee(amount: "0", currency: "INR")),
            Course(id: "aws-cloud", title: "AWS Cloud Practitioner Essentials", provider: "AWS Skill Builder",
                   category: "Cloud", mode: .online, status: .completed, modulesDone: 6, modulesTotal: 6,
                   start: d(-200), due: d(-150), hours: 60, credits: 2, level: "5",
                   skills: ["aws", "cloud economics", "iam"], fee: Fee(amount: "100", currency: "USD"),
                   credential: Credential(awardedBy: "Amazon Web Services", issued: d(-152), expires: d(-152 + 3 * 365),
                                          credentialID: "AWS-CCP-58213", url: "https://www.credly.com/badges/58213",
                                          credits: 2, assessment: "proctored exam", grade: "pass")),
            Course(id: "sec-ops", title: "Cybersecurity Operations Fundamentals", provider: "Cisco Networking Academy",
                   category: "Security", mode: .blended, status: .enrolled, modulesDone: 3, modulesTotal: 8,
                   start: d(-40), due: d(9), hours: 90, credits: 3, level: "5",
                   skills: ["siem", "incident response", "network security"], fee: Fee(amount: "4500", currency: "INR")),
            Course(id: "ml-python", title: "Machine Learning with Python", provider: "IBM via Coursera",
                   category: "AI", mode: .online, status: .enrolled, modulesDone: 2, modulesTotal: 10,
                   start: d(-21), due: d(75), hours: 120, credits: 4, level: "5.5",
                   skills: ["python", "scikit-learn", "regression"], fee: Fee(amount: "49", currency: "USD")),
            Course(id: "sql-analytics", title: "SQL for Data Analytics", provider: "Example Analytics Academy",
                   category: "Data", mode: .online, status: .completed, modulesDone: 5, modulesTotal: 5,
                   start: d(-320), due: d(-250), hours: 30, credits: 1, level: "4.5",
                   skills: ["sql", "joins", "reporting"],
                   credential: Credential(awardedBy: "Example Analytics Academy", issued: d(-246), expires: d(-246 + 2 * 365),
                                          credentialID: "EAA-88213", credits: 1, assessment: "project", grade: "A")),
            Course(id: "cloud-design", title: "クラウド設計入門", provider: "Coursera",
                   category: "Cloud", mode: .online, status: .planned, modulesDone: 0, modulesTotal: 8,
                   start: d(12), due: d(100), hours: 45, credits: 2, level: "5", skills: ["architecture"]),
            Course(id: "excel-dash", title: "Excel Dashboards for Managers", provider: "LinkedIn Learning",
                   category: "Data", mode: .online, status: .enrolled, modulesDone: 4, modulesTotal: 6,
                   start: d(-50), due: d(-3), hours: 10, credits: 0.5, skills: ["excel", "dashboards"]),
            Course(id: "devsecops", title: "DevSecOps Essentials", provider: "Linux Foundation",
                   category: "DevOps", mode: .online, status: .completed, modulesDone: 6, modulesTotal: 6,
                   start: d(-120), due: d(-62), hours: 60, credits: 2, level: "5",
                   skills: ["ci/cd", "container security"], fee: Fee(amount: "299", currency: "USD"),
                   credential: Credential(awardedBy: "The Linux Foundation", issued: d(-60), credentialID: "LFS-DSO-3317", credits: 2,
                                          assessment: "online exam", grade: "pass")),
            Course(id: "python-basics", title: "Python Programming Basics", provider: "Example Online University",
                   category: "Programming", mode: .online, status: .completed, modulesDone: 4, modulesTotal: 4,
                   start: d(-880), due: d(-830), hours: 30, credits: 1, level: "4.5", skills: ["python"],
                   credential: Credential(awardedBy: "Example Online University", issued: d(-825), expires: d(-95),
                                          credits: 1, assessment: "quizzes")),
            // States hours, not credits: pathways convert it through their hours per credit.
            Course(id: "data-entry-voc", title: "Data Entry Operator (Skill India)", provider: "Skill India Digital",
                   category: "Vocational", mode: .onSite, status: .planned, modulesDone: 0, modulesTotal: 4,
                   start: d(30), due: d(90), hours: 120, level: "4.5", skills: ["data entry", "office tools"]),
        ]
        let pathways = [
            Pathway(id: "ug-cert-data", name: "UG Certificate in Data Science", totalCredits: 44, awardLevel: 4.5,
                    template: "ug-certificate", hoursPerCredit: 30, maxOnlineShare: 0.4, shelfLifeYears: 7, minLevel: 4.5,
                    requiredCourses: ["data-foundations"],
                    minimums: [CategoryMinimum(name: "Vocational", credits: 4, categories: ["Vocational", "Internship", "Apprenticeship"]),
                               CategoryMinimum(name: "Data", credits: 12, categories: ["Data", "AI"])],
                    creditSystem: "NCrF", levelFramework: "NCrF"),
            Pathway(id: "cloud-sec-stack", name: "Cloud & Security Micro-Stack", totalCredits: 12, hoursPerCredit: 30,
                    minimums: [CategoryMinimum(name: "Cloud", credits: 4, categories: ["Cloud", "DevOps"]),
                               CategoryMinimum(name: "Security", credits: 3, categories: ["Security", "DevOps"])]),
        ]
        let profile = Profile(name: "Priya Sharma", weeklyGoalMinutes: 300, weekStart: calendar.weekStart)

        // Ten weeks of sessions up to today, on the courses that were active then.
        var rng = SplitMix64(seed: UInt64(truncatingIfNeeded: today.daysSinceEpoch))
        // Ids from a generator of their own, so the demo's study pattern stays what it always was.
        var ids = SplitMix64(seed: UInt64(truncatingIfNeeded: today.daysSinceEpoch) ^ 0x5E55_1D5)
        // Study goes to courses running that day (started, and not past due if completed).
        let studied = courses.filter { $0.status == .enrolled || $0.status == .completed }
        let notes = ["", "", "lecture videos", "practice quiz", "lab exercise", "reading", "assignment", ""]
        var sessions: [StudySession] = []
        let firstDay = calendar.startOfWeek(containing: today).adding(days: -63)
        let nowSecondOfDay = calendar.timestamp(now).local.secondOfDay
        for offset in 0...firstDay.days(until: today) {
            let day = firstDay.adding(days: offset)
            let weekend = day.weekday == .saturday || day.weekday == .sunday
            let roll = Int(rng.next() % 100)
            let count = roll < 20 ? 0 : roll < (weekend ? 55 : 75) ? 1 : 2
            for k in 0..<count {
                let hour = weekend ? 10 + k * 4 : (k == 0 ? 7 : 20)
                let secondOfDay = hour * 3600 + Int(rng.next() % 4) * 900
                let minutes = 15 + Int(rng.next() % 13) * 5
                if day == today && secondOfDay + minutes * 60 > nowSecondOfDay { continue }
                let active = studied.filter { c in
                    c.start.map { $0 <= day } ?? false && (c.status == .enrolled || c.due.map { day <= $0 } ?? false)
                }
                guard !active.isEmpty else { continue }
                let course = active[Int(rng.next() % UInt64(active.count))].id
                let start = calendar.timestamp(calendar.epoch(of: day, secondOfDay: secondOfDay))
                sessions.append(StudySession(id: SessionID.random(using: &ids), start: start, durationSeconds: minutes * 60, courseID: course,
                                             note: notes[Int(rng.next() % UInt64(notes.count))]))
            }
        }
        return (Learner(profile: profile, courses: courses, pathways: pathways), sessions)
    }
}

/// A tiny deterministic generator (SplitMix64) so demo data and randomized tests repeat exactly.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
