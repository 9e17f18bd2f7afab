import CredStackCore
#if canImport(Glibc)
import Glibc
#endif

extension Store {
    /// Whether the learner's store holds a catalog of this id.
    public func catalogExists(_ id: String) throws(StoreError) -> Bool {
        try POSIXFile.read(layout.catalog(id), limit: Catalogs.sizeLimit) != nil
    }
}

/// Where catalogs come from: the ones the learner added to their store (`catalogs/ID.toml`, travelling with
/// it), then the learner's config folder and the system's data folders (`SharedData`), where a lab or
/// university administrator installs one for every learner on the machine. The first catalog of an id wins.
public enum Catalogs {
    public struct Loaded: Sendable {
        public var catalog: Catalog
        public var path: String
        public var origin: SharedData.Origin
        /// In the learner's store (so `catalog remove` can take it out).
        public var inStore: Bool
    }

    /// Catalogs are larger than themes: 5,000 courses of a dozen lines each.
    public static let sizeLimit = 8 * 1024 * 1024

    /// The example catalog `credstack demo` adds to its store.
    public static let demoID = "demo-university"
    public static var demoBytes: [UInt8] { PackageResources.demo_university_toml }
    /// The demo catalog itself (it is checked by the tests, so it always reads).
    public static var demo: Catalog { (try? decode(demoBytes, id: demoID, path: "the demo catalog")) ?? Catalog(id: demoID, name: "demo", courses: []) }

    static func decode(_ bytes: [UInt8], id: String, path: String) throws(StoreError) -> Catalog {
        do { return try CatalogCodec.decode(bytes, id: id) } catch {
            throw .malformed(path: path, line: error.line, column: error.column, message: error.message)
        }
    }

    /// A catalog file's bytes as `catalog add` takes them (a regular file within the size limit); nil when missing.
    public static func bytes(ofFile path: String) throws(StoreError) -> [UInt8]? {
        try POSIXFile.read(path, limit: sizeLimit, regularOnly: true)
    }

    public static func read(_ path: String, id: String) throws(StoreError) -> Catalog {
        guard let bytes = try POSIXFile.read(path, limit: sizeLimit, regularOnly: true) else { throw .io(path: path, action: "read", code: ENOENT) }
        return try decode(bytes, id: id, path: path)
    }

    /// The id a catalog file is known by: its name without `.toml` (`~/Downloads/ncrf-2027.toml` -> `ncrf-2027`).
    public static func id(fromPath path: String) -> String? {
        let name = String(path.split(separator: "/").last ?? "")
        let id = name.hasSuffix(".toml") ? String(name.dropLast(5)) : name
        return Course.isValidID(id) ? id : nil
    }

    /// Every catalog, in lookup order; a file that does not read is named with `file:line:col` and left out.
    public static func available(store: Store?, environment: [String: String]) -> (catalogs: [Loaded], problems: [String]) {
        var out: [Loaded] = []
        var problems: [String] = []
        var seen = Set<String>()
        if let store, let names = (try? POSIXFile.list(store.layout.catalogs)) ?? nil {
            for name in names.sorted() where name.hasSuffix(".toml") {
                guard let id = id(fromPath: name), seen.insert(id).inserted else { continue }
                let path = store.layout.catalog(id)
                do { out.append(Loaded(catalog: try read(path, id: id), path: path, origin: .learner(path), inStore: true)) }
                catch { problems.append("\(error) (skipped)") }
            }
        }
        let (files, folderProblems) = SharedData.scan(.catalogs, environment: environment)
        problems += folderProblems
        for found in files where seen.insert(found.name).inserted {
            do { out.append(Loaded(catalog: try read(found.path, id: found.name), path: found.path, origin: found.origin, inStore: false)) }
            catch { problems.append("\(error) (skipped)") }
        }
        return (out, problems)
    }
}
