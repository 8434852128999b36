import Foundation
import Testing
import CNNFiles

/// PathText against Foundation's NSString path methods, which it replaces in the shipped binary.
struct PathTextTests {
    /// Paths with a folder: Foundation's deletingLastPathComponent traps on a bare name ("c"), see worksOutByHand.
    static let paths = ["a/b/c", "/c", "/", "", "a/b/", "a/b//", "/a/b/c.json", "./x", "../x/y", "a/.b"]

    @Test(arguments: paths)
    func splitsAsNSStringDoes(path: String) {
        #expect(PathText.folder(of: path) == (path as NSString).deletingLastPathComponent)
        #expect(PathText.lastComponent(of: path) == (path as NSString).lastPathComponent)
    }

    @Test(arguments: ["hand-ins", "hand-ins/", "/", "", "a/b"])
    func joinsAsNSStringDoes(folder: String) {
        #expect(PathText.joined(folder, "exam.json") == (folder as NSString).appendingPathComponent("exam.json"))
    }

    @Test func worksOutByHand() {
        #expect(PathText.folder(of: "a/b/c") == "a/b")
        #expect(PathText.folder(of: "/c") == "/")
        #expect(PathText.folder(of: "c") == "")
        #expect(PathText.lastComponent(of: "c") == "c")
        #expect(PathText.lastComponent(of: "a/b/") == "b")
        #expect(PathText.joined("a/", "c") == "a/c")
        #expect(PathText.joined("", "c") == "c")
    }
}
