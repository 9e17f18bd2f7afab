import CredStackCore

/// `timer.toml`: the running timer, kept on disk so it outlives the process, a crash or a dropped SSH link.
enum TimerCodec {
    static func decode(_ bytes: [UInt8]) throws(FieldError) -> RunningTimer {
        let doc = try TOMLParser.document(bytes)
        var r = FieldReader(doc.root)
        let course = try r.string("course", required: true)!
        let started = try r.timestamp("started", required: true)!
        return RunningTimer(courseID: course, started: started, note: try r.string("note") ?? "")
    }

    static func encode(_ timer: RunningTimer) -> String {
        var w = TOMLWriter()
        w.comment("credstack: a study timer is running. `credstack timer stop` logs it; `credstack timer cancel` drops it.")
        w.put("course", timer.courseID)
        w.put("started", timer.started)
        w.putNonEmpty("note", timer.note)
        return w.text
    }
}
