/// An institution's offer: courses a learner could take that it recognises. Read from plain TOML files
/// (docs/FORMAT.md, "Catalogs"); the planner chooses routes to an award from them.
public struct Catalog: Hashable, Sendable {
    public var id: String
    public var name: String
    public var institution: String
    /// Example data (the demo's catalog): listings say so, so nobody mistakes it for a real offer.
    public var example: Bool
    public var courses: [CatalogCourse]

    public init(id: String, name: String, institution: String = "", example: Bool = false, courses: [CatalogCourse]) {
        self.id = id
        self.name = name
        self.institution = institution
        self.example = example
        self.courses = courses
    }
}

/// One course in a catalog: what a learner would need to know to choose it.
public struct CatalogCourse: Hashable, Sendable {
    public var id: String
    public var title: String
    public var provider: String
    public var category: String
    public var mode: StudyMode
    public var onlineShare: Double?
    public var level: String?
    public var credits: Double?
    public var creditSystem: String?
    /// Notional study hours.
    public var hours: Double?
    public var fee: Fee?
    /// How long it runs, start to end; nil: as long as its hours take at the learner's pace.
    public var weeks: Int?
    /// The next cohorts' start dates; empty with `selfPaced` (start any day).
    public var starts: [LocalDate]
    /// Cohorts repeat every this many weeks from each date in `starts` ("a new batch every 4 weeks").
    public var repeatWeeks: Int?
    public var selfPaced: Bool
    public var skills: [String]
    public var url: String?
    /// The catalog it came from (set when catalogs are merged).
    public var catalogID: String

    public init(id: String, title: String, provider: String = "", category: String = "", mode: StudyMode = .online,
                onlineShare: Double? = nil, level: String? = nil, credits: Double? = nil, creditSystem: String? = nil,
                hours: Double? = nil, fee: Fee? = nil, weeks: Int? = nil, starts: [LocalDate] = [], selfPaced: Bool = false,
                skills: [String] = [], url: String? = nil, catalogID: String = "") {
        self.id = id
        self.title = title
        self.provider = provider
        self.category = category
        self.mode = mode
        self.onlineShare = onlineShare
        self.level = level
        self.credits = credits
        self.creditSystem = creditSystem
        self.hours = hours
        self.fee = fee
        self.weeks = weeks
        self.starts = starts
        self.selfPaced = selfPaced
        self.skills = skills
        self.url = url
        self.catalogID = catalogID
    }

    /// The course as the learner's own record, when they add it to their courses (status planned, starting
    /// on `start`).
    public func asCourse(status: CourseStatus = .planned, start: LocalDate? = nil, due: LocalDate? = nil) -> Course {
        Course(id: id, title: title, provider: provider, category: category, mode: mode, status: status,
               start: start, due: due, hours: hours, credits: credits, level: level, skills: skills,
               about: url.map { "From the \(catalogID) catalog: \($0)" } ?? "From the \(catalogID) catalog",
               fee: fee, creditSystem: creditSystem, onlineShare: onlineShare)
    }

    /// The first day it can be started on or after `today`; nil when every cohort has begun.
    /// `upcomingStarts(after:count: 1).first`, without building the list (the planner asks it at every step).
    public func nextStart(after today: LocalDate) -> LocalDate? {
        if selfPaced { return today }
        var next: LocalDate?
        for start in starts {
            var day = start
            if start < today {
                guard let every = repeatWeeks, every > 0 else { continue }
                let period = every * 7
                day = start.adding(days: (start.days(until: today) + period - 1) / period * period)
            }
            if next.map({ day < $0 }) ?? true { next = day }
        }
        return next
    }

    /// The next `count` cohort start days on or after `today` (today alone for a self-paced course).
    public func upcomingStarts(after today: LocalDate, count: Int) -> [LocalDate] {
        if selfPaced { return [today] }
        var days: [LocalDate] = []
        for start in starts {
            guard let every = repeatWeeks, every > 0, start < today else {
                if start >= today { days.append(start) }
                continue
            }
            let period = every * 7
            let first = start.adding(days: (start.days(until: today) + period - 1) / period * period)
            days += (0..<count).map { first.adding(days: $0 * period) }
        }
        return Array(Set(days).sorted().prefix(count))
    }

    /// "self-paced", "starts 2027-01-04", "starts 2027-01-04 (also 2027-04-05)".
    public func startLabel(after today: LocalDate) -> String {
        if selfPaced { return "self-paced" }
        let ahead = upcomingStarts(after: today, count: 2)
        guard let first = ahead.first else { return "no start date ahead" }
        return "starts \(first)" + (ahead.count > 1 ? ", then \(ahead[1])" + (repeatWeeks.map { " and every \($0) weeks" } ?? "") : "")
    }
}

extension Array where Element == Catalog {
    /// Every course of the catalogs, each id once: the first catalog (the learner's own come first) wins.
    public var mergedCourses: [CatalogCourse] {
        var seen = Set<String>()
        var out: [CatalogCourse] = []
        for catalog in self {
            for var course in catalog.courses where seen.insert(course.id).inserted {
                course.catalogID = catalog.id
                out.append(course)
            }
        }
        return out
    }
}
