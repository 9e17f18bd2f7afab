import CredStackCore
import CredStackTOML
#if canImport(Glibc)
import Glibc
#endif

/// The shipped pathway templates (`PathwayTemplates/*.toml`, compiled into the binary): published
/// defaults a learner copies into their store and then adjusts.
public enum PathwayTemplates {
    public static let names = ["ug-certificate", "ug-diploma", "ug-degree", "ug-honours", "pg-diploma", "ects-year"]

    static func bytes(_ name: String) -> [UInt8]? {
        switch name {
        case "ug-certificate": return PackageResources.ug_certificate_toml
        case "ug-diploma": return PackageResources.ug_diploma_toml
        case "ug-degree": return PackageResources.ug_degree_toml
        case "ug-honours": return PackageResources.ug_honours_toml
        case "pg-diploma": return PackageResources.pg_diploma_toml
        case "ects-year": return PackageResources.ects_year_toml
        default: return nil
        }
    }

    /// The built-in template's pathway, with `template` set to its name; nil for an unknown name.
    public static func pathway(named name: String) throws(StoreError) -> Pathway? {
        guard let bytes = bytes(name) else { return nil }
        return try decode(bytes, name: name, path: "template \(name)", fileID: nil)
    }

    /// `fileID`: a template in a file is named by the file, as a pathway in the store is (an `id` key may repeat it).
    static func decode(_ bytes: [UInt8], name: String, path: String, fileID: String?) throws(StoreError) -> Pathway {
        do {
            let doc = try TOMLDocument.reading(bytes)
            var pathway = try PathwayCodec.decode(FieldReader(doc.root, in: doc, name: "the template"), id: fileID)
            if pathway.template == nil { pathway.template = name }
            return pathway
        } catch {
            throw StoreError.malformed(path: path, line: error.line, column: error.column, message: error.message)
        }
    }

    /// A template as `pathway add --template` and the dashboard's picker mean it: a file path, or a name
    /// looked up in the learner's folder, then the shared ones (`SharedData`), then the built-ins.
    public struct Template: Sendable {
        public var name: String
        public var pathway: Pathway
        public var origin: SharedData.Origin
    }

    /// The built-in templates alone.
    public static var builtIn: [Template] {
        names.compactMap { name in ((try? pathway(named: name)) ?? nil).map { Template(name: name, pathway: $0, origin: .builtIn) } }
    }

    /// Every template there is, in lookup order; a file that does not read is named with `file:line:col` and
    /// left out, never fatal.
    public static func available(environment: [String: String]) -> (templates: [Template], problems: [String]) {
        var out: [Template] = []
        let (files, folderProblems) = SharedData.scan(.pathways, environment: environment)
        var problems = folderProblems
        for found in files {
            do { out.append(Template(name: found.name, pathway: try read(found.path, name: found.name), origin: found.origin)) }
            catch { problems.append("\(error) (skipped)") }
        }
        let shadowed = Set(out.map(\.name))
        for name in names where !shadowed.contains(name) {
            if let p = try? pathway(named: name) { out.append(Template(name: name, pathway: p, origin: .builtIn)) }
        }
        return (out, problems)
    }

    /// The template `nameOrPath` names, or nil when there is none; a broken file is an error at its line.
    public static func resolve(_ nameOrPath: String, environment: [String: String]) throws(StoreError) -> Template? {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            let name = String(nameOrPath.split(separator: "/").last ?? "").replacingOccurrences(of: ".toml", with: "")
            guard let bytes = try POSIXFile.read(nameOrPath, limit: ThemeFile.sizeLimit, regularOnly: true) else { return nil }
            guard Course.isValidID(name) else {
                throw .malformed(path: nameOrPath, line: 1, column: 1, message: "a template file is named ID.toml, its id in a-z, 0-9 and -")
            }
            return Template(name: name, pathway: try decode(bytes, name: name, path: nameOrPath, fileID: name), origin: .learner(nameOrPath))
        }
        if let found = SharedData.file(named: nameOrPath, .pathways, environment: environment) {
            return Template(name: found.name, pathway: try read(found.path, name: found.name), origin: found.origin)
        }
        return try pathway(named: nameOrPath).map { Template(name: nameOrPath, pathway: $0, origin: .builtIn) }
    }

    static func read(_ path: String, name: String) throws(StoreError) -> Pathway {
        guard let bytes = try POSIXFile.read(path, limit: ThemeFile.sizeLimit, regularOnly: true) else { throw .io(path: path, action: "read", code: ENOENT) }
        return try decode(bytes, name: name, path: path, fileID: name)
    }

    /// The comment at the top of the template: where its numbers come from.
    public static func description(_ name: String) -> [String] {
        guard let bytes = bytes(name) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n")
            .prefix { $0.hasPrefix("#") }.map { String($0.dropFirst().drop { $0 == " " }) }
    }
}
