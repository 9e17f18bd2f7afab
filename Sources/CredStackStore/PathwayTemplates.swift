import CredStackCore
import CredStackTOML

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

    /// The template's pathway, with `template` set to its name; nil for an unknown name.
    public static func pathway(named name: String) throws(StoreError) -> Pathway? {
        guard let bytes = bytes(name) else { return nil }
        do {
            let doc = try TOMLDocument.reading(bytes)
            var pathway = try PathwayCodec.decode(FieldReader(doc.root, in: doc, name: "the template"), id: nil)
            pathway.template = name
            return pathway
        } catch {
            throw StoreError.malformed(path: "template \(name)", line: error.line, column: error.column, message: error.message)
        }
    }

    /// The comment at the top of the template: where its numbers come from.
    public static func description(_ name: String) -> [String] {
        guard let bytes = bytes(name) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n")
            .prefix { $0.hasPrefix("#") }.map { String($0.dropFirst().drop { $0 == " " }) }
    }
}
