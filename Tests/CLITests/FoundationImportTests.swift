import Foundation
import Testing

/// Issue 18: the installed binary stays small only while no target linked into it imports Foundation (the
/// module, whose CoreFoundation drags in ICU's 34 MB data table); FoundationEssentials is fine.
struct FoundationImportTests {
    @Test func theShippedTargetsAreReadFromTheManifest() throws {
        let shipped = try ShippedTargets.ofPackage(at: CLI.packageRoot)
        #expect(shipped.isSuperset(of: ["cnn-tutor", "CNNCore", "CNNLessons", "CNNTerminal", "CNNFiles", "CNNBundle"]))
        #expect(shipped.isDisjoint(with: ["train-bundled", "cnn-tutor-bench", "embed-lessons", "Yams"]))
    }

    @Test func noShippedTargetImportsFoundation() throws {
        var found: [String] = []
        for target in try ShippedTargets.ofPackage(at: CLI.packageRoot) {
            let folder = CLI.packageRoot.appendingPathComponent("Sources/\(target)")
            found += try FoundationImports.lines(under: folder).map { "Sources/\(target)/\($0)" }
        }
        #expect(found.isEmpty, "import FoundationEssentials (or nothing) instead: \(found)")
    }

    /// The detector itself, on a planted copy: every spelling of an import of Foundation, none of Essentials.
    @Test func theDetectorFindsAPlantedImport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("foundation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Nested"),
                                                withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let planted = ["import Foundation", "@preconcurrency import Foundation", "  import struct Foundation.URL",
                       "@_exported import Foundation // re-export"]
        let clean = ["import FoundationEssentials", "// import Foundation", "import CNNCore",
                     "let x = \"import Foundation\""]
        try (clean + planted).joined(separator: "\n").write(to: folder.appendingPathComponent("Nested/A.swift"),
                                                             atomically: true, encoding: .utf8)
        try clean.joined(separator: "\n").write(to: folder.appendingPathComponent("B.swift"), atomically: true,
                                                 encoding: .utf8)
        let found = try FoundationImports.lines(under: folder)
        #expect(found.map { $0.components(separatedBy: ":")[1] } == ["5", "6", "7", "8"])
        #expect(found.allSatisfy { $0.hasPrefix("Nested/A.swift:") })
    }
}

/// The targets linked into the `cnn-tutor` executable: its dependencies in Package.swift, and theirs, on down.
enum ShippedTargets {
    static func ofPackage(at root: URL) throws -> Set<String> {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let dependencies = targetDependencies(manifest)
        var shipped: Set<String> = []
        var pending = ["cnn-tutor"]
        while let target = pending.popLast() {
            guard shipped.insert(target).inserted else { continue }
            pending += dependencies[target] ?? []
        }
        return shipped
    }

    /// Each `.target`/`.executableTarget` name with the targets (not products) in its `dependencies: [...]`.
    static func targetDependencies(_ manifest: String) -> [String: [String]] {
        let declaration = /\.(?:executableTarget|target)\(\s*name:\s*"([^"]+)"(?:,\s*dependencies:\s*\[([^\]]*)\])?/
        let products = /\.product\([^)]*\)/
        let quoted = /"([^"]+)"/
        var result: [String: [String]] = [:]
        for match in manifest.matches(of: declaration) {
            let list = String(match.output.2 ?? "").replacing(products, with: "")
            result[String(match.output.1)] = list.matches(of: quoted).map { String($0.output.1) }
        }
        return result
    }
}

/// Lines that import the module Foundation (plain, attributed, or one declaration of it) in Swift files.
enum FoundationImports {
    nonisolated(unsafe) static let importLine = #/
        \s* (?:@\w+\s+)* import \s+ (?:(?:struct|class|enum|protocol|typealias|func|let|var)\s+)?
        Foundation (?:\.\w+)* \s* (?://.*)?
        /#

    /// "relative/path.swift:line" for each such line in the Swift files under `folder`, in path order.
    static func lines(under folder: URL) throws -> [String] {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        var found: [String] = []
        for path in paths.sorted() where path.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.wholeMatch(of: importLine) != nil {
                found.append("\(path):\(index + 1)")
            }
        }
        return found
    }
}
