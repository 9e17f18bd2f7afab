/// What a learner means by a course name they typed: for messages that suggest the right id.
public enum CourseLookup {
    /// The course `text` names: its id, its id in another case, or its title (any case) when only one
    /// course has it. A prefix or a near miss is only ever a suggestion.
    public static func resolve(_ text: String, in learner: Learner) -> Course? {
        if let c = learner.course(text) { return c }
        if let c = learner.course(text.lowercased()) { return c }
        let titled = learner.courses.filter { $0.title.lowercased() == text.trimmed.lowercased() }
        return titled.count == 1 ? titled[0] : nil
    }

    /// The course `text` most likely means when it is not an id: the id in another case, the only id it
    /// starts, a title, or the nearest id by spelling.
    public static func suggestion(for text: String, in learner: Learner) -> Course? {
        let lower = text.lowercased()
        if let c = learner.course(lower) { return c }
        let prefixed = learner.courses.filter { $0.id.hasPrefix(lower) }
        if prefixed.count == 1 { return prefixed[0] }
        if let c = learner.courses.first(where: { $0.title.lowercased() == lower }) { return c }
        return learner.nearestCourseID(to: text).flatMap(learner.course)
    }

    /// "no course "x"; did you mean "y" (Title)?" or where to see them.
    public static func unknown(_ text: String, in learner: Learner) -> String {
        guard let c = suggestion(for: text, in: learner) else {
            return "no course \"\(text)\"" + (learner.courses.isEmpty ? "; add one with `credstack course add ID --title ...`" : "; `credstack course list` shows your courses")
        }
        return "no course \"\(text)\"; did you mean \"\(c.id)\" (\(c.title))?"
    }
}
