#!/usr/bin/env python3
"""Writes the malformed-input corpus: one broken store file per case, named NN-what.FILE.
Each case is checked by CorpusTests against expected.tsv (file:line:col: message).
A 10 MB line and a folder in place of a file are made by the test itself, not kept in git."""
import os
HERE = os.path.dirname(os.path.abspath(__file__))
L = 'format = 1\n\n[profile]\nname = "Asha"\nweekly_goal_minutes = 300\n\n[[course]]\nid = "aws-cloud"\ntitle = "AWS Cloud"\n'
G = '# credstack study log, format 1. One session a line: START DURATION COURSE [NOTE]. See docs/FORMAT.md\n'
OK = '2026-11-30T09:00Z 45m aws-cloud fine\n'
cases = {
    "01-unclosed-string.learner.toml": L + 'provider = "AWS\n',
    "02-invalid-utf8.learner.toml": (L + 'provider = "caf').encode() + b"\xc3\x28" + b'"\n',
    "03-nul-byte.learner.toml": (L + 'provider = "A').encode() + b"\x00" + b'"\n',
    "04-goal-wrong-type.learner.toml": L.replace("weekly_goal_minutes = 300", 'weekly_goal_minutes = "5h"'),
    "05-skills-wrong-type.learner.toml": L + 'skills = "sql"\n',
    "06-duplicate-course-id.learner.toml": L + '\n[[course]]\nid = "aws-cloud"\ntitle = "Again"\n',
    "07-date-out-of-range.learner.toml": L + "due = 2026-13-45\n",
    "08-date-wrong-form.learner.toml": L + 'due = "14/03/2026"\n',
    "09-future-format.learner.toml": L.replace("format = 1", "format = 2"),
    "10-empty.learner.toml": "",
    "11-no-format.learner.toml": L.replace("format = 1\n", ""),
    "12-unknown-status.learner.toml": L + 'status = "finished"\n',
    "13-unknown-mode.learner.toml": L + 'mode = "remote"\n',
    "14-negative-credits.learner.toml": L + "credits = -4\n",
    "15-modules-over-total.learner.toml": L + "modules_done = 12\nmodules_total = 10\n",
    "16-unquoted-text.learner.toml": L + "category = Cloud\n",
    "17-bad-escape.learner.toml": L + 'provider = "C:\\Users"\n',
    "18-key-twice.learner.toml": L + 'title = "Twice"\n',
    "19-unclosed-table.learner.toml": L + "\n[[course]\n",
    "20-credential-first.learner.toml": 'format = 1\n\n[course.credential]\nawarded_by = "X"\nissued = 2026-01-01\n',
    "21-bad-course-id.learner.toml": L.replace('id = "aws-cloud"', 'id = "AWS Cloud"'),
    "22-credential-no-issued.learner.toml": L + '\n[course.credential]\nawarded_by = "Amazon"\n',
    "23-bad-fee.learner.toml": L + 'fee = "lots"\n',
    "24-pathway-no-total.learner.toml": L + '\n[[pathway]]\nid = "ug"\nname = "UG Certificate"\n',
    "25-unclosed-list.learner.toml": L + 'skills = ["sql", "python"\n',
    "26-truncated-line.sessions.log": G + OK + "2026-11-30T09:0\n" + OK,
    "27-invalid-utf8.sessions.log": (G + OK + "2026-11-30T10:00Z 30m aws-cloud caf").encode() + b"\xe9\n",
    "28-nul-byte.sessions.log": (G + OK + "2026-11-30T10:00Z 30m aws").encode() + b"\x00" + b"-cloud\n",
    "29-unknown-course.sessions.log": G + OK + "2026-11-30T10:00Z 30m aws-clod\n",
    "30-negative-duration.sessions.log": G + "2026-11-30T10:00Z -30m aws-cloud\n",
    "31-absurd-duration.sessions.log": G + "2026-11-30T10:00Z 9999h aws-cloud\n",
    "32-zero-duration.sessions.log": G + "2026-11-30T10:00Z 0m aws-cloud\n",
    "33-date-out-of-range.sessions.log": G + "2026-02-30T10:00Z 30m aws-cloud\n",
    "34-bad-offset.sessions.log": G + "2026-11-30T10:00+25:00 30m aws-cloud\n",
    "35-future-format.sessions.log": G.replace("format 1.", "format 9."),
    "36-no-course.sessions.log": G + "2026-11-30T10:00Z 30m\n",
    "37-duration-without-unit.sessions.log": G + "2026-11-30T10:00Z 45 aws-cloud\n",
    "38-timer-no-start.timer.toml": 'course = "aws-cloud"\n',
    "39-timer-start-wrong-type.timer.toml": 'course = "aws-cloud"\nstarted = "09:00"\n',
    "40-timer-empty.timer.toml": "",
}
for name, content in cases.items():
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(content if isinstance(content, bytes) else content.encode())
print(len(cases), "files")
