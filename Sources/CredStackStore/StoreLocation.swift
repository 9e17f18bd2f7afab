import Foundation

/// Where the store lives: `--store DIR`, else `$CREDSTACK_HOME`, else `$XDG_DATA_HOME/credstack`,
/// else `~/.local/share/credstack`.
public enum StoreLocation {
    public static func resolve(flag: String?, environment: [String: String]) -> String {
        if let flag, !flag.isEmpty { return absolute(flag, environment) }
        if let home = environment["CREDSTACK_HOME"], !home.isEmpty { return absolute(home, environment) }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/credstack" }
        return (environment["HOME"] ?? "") + "/.local/share/credstack"
    }

    private static func absolute(_ path: String, _ env: [String: String]) -> String {
        var p = path
        if p == "~" || p.hasPrefix("~/") { p = (env["HOME"] ?? "") + p.dropFirst() }
        if !p.hasPrefix("/") { p = FileManager.default.currentDirectoryPath + "/" + p }
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }
}
