/// The commit a release was built from: `scripts/release` writes it here for the build and puts this back.
let buildCommit: String? = nil
