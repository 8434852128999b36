/// A path's folder and last name, taken apart and put together as text, the file system unasked: what
/// Foundation's NSString path methods did (`a/b/` is the file `b` in the folder `a`), without Foundation.
public enum PathText {
    /// The folder `path` names a file in: "a/b" for "a/b/c", "/" for "/c", "" for a bare name "c".
    public static func folder(of path: String) -> String {
        let path = withoutTrailingSlashes(path)
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last name in `path`: "c" for "a/b/c" and for "a/b/c/", "/" for "/".
    public static func lastComponent(of path: String) -> String {
        let path = withoutTrailingSlashes(path)
        guard path != "/", let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `name` in the folder `folder`: "a/c" for ("a", "c") and ("a/", "c"); `name` alone when `folder` is "".
    public static func joined(_ folder: String, _ name: String) -> String {
        if name.isEmpty { return folder }
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// "a/b" for "a/b//"; "/" stays "/".
    private static func withoutTrailingSlashes(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return String(path)
    }
}
