/// Everything the learner's records hold: who they are, their courses with credentials, their pathways.
public struct Learner: Hashable, Sendable {
    public var profile: Profile
    public var courses: [Course]
    public var pathways: [Pathway]

    public init(profile: Profile = Profile(), courses: [Course] = [], pathways: [Pathway] = []) {
        self.profile = profile
        self.courses = courses
        self.pathways = pathways
    }

    public func pathway(_ id: String) -> Pathway? { pathways.first { $0.id == id } }

    public func course(_ id: String) -> Course? { courses.first { $0.id == id } }

    public func courseIndex(_ id: String) -> Int? { courses.firstIndex { $0.id == id } }

    /// An unused course id made from a name ("Data Analytics 101" -> "data-analytics-101"); names with no
    /// ASCII letters or digits (डेटा एनालिटिक्स) become "course", numbered to stay unique.
    public func newCourseID(from name: String) -> String {
        var base = Course.slug(name)
        if !Course.isValidID(base) { base = "course" }
        var id = base, n = 2
        while course(id) != nil { id = "\(base.prefix(36))-\(n)"; n += 1 }
        return id
    }

    /// The known id closest to a mistyped one, for "did you mean" hints.
    public func nearestCourseID(to id: String) -> String? {
        courses.map(\.id).min { EditDistance.between(id, $0) < EditDistance.between(id, $1) }
            .flatMap { EditDistance.between(id, $0) <= max(2, id.count / 2) ? $0 : nil }
    }
}

public enum EditDistance {
    /// Levenshtein distance over Unicode characters.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
