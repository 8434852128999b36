import CNNLessons
import Foundation
import Testing

/// Lessons and pdflatex for the sheet tests.
enum SheetSupport {
    static let library = LessonLibrary.load(userDirectories: [], environment: [:])

    static func bundled() throws -> [LessonPlayer] {
        try library.entries.map { try $0.player.get() }
    }

    static func sample(_ steps: String, title: String = "Sample", id: String = "sample") throws -> LessonPlayer {
        let text = "id: \(id)\ntitle: \"\(title)\"\nsummary: x\nsteps:\n" + steps
        return try LessonPlayer(lesson: LessonLoader.load(text: text, file: "\(id).yaml").get())
    }

    /// A 7×7 input forward and backward: sums of 9 to 36 terms, the longest lines a sheet meets.
    static func sevenBySeven() throws -> LessonPlayer {
        let input = "\"3 -1 4 1 -5 9 2; 6 5 -3 5 8 9 7; 9 3 2 -3 8 4 6; 2 6 4 3 3 8 3; 2 7 9 5 0 2 8; "
            + "8 4 1 9 7 1 6; 9 3 9 9 3 7 5\""
        let gradient = "\"1 -2 3 1 2 -1; 2 1 -1 3 2 2; -3 1 2 2 1 1; 1 1 -2 3 -1 2; 2 -2 1 1 3 1; 1 2 3 -1 1 2\""
        return try sample("""
              - title: A 7×7 input, a 3×3 filter
                op: conv
                input: \(input)
                filter: "1 -2 3; -1 2 1; 2 -3 1"
                quiz:
                  ask: What is O33?
                  value: output
                  at: [3, 3]
              - title: All of ∂L/∂F12
                op: conv-backward
                input: \(input)
                filter: "1 -2; 3 -3"
                grad: \(gradient)
                gradient: weight
                quiz:
                  ask: What is ∂L/∂F12?
                  value: grad_weight
                  at: [1, 2]
              - title: An average over 7×7
                op: pool
                mode: avg
                size: 7
                input: \(input)
                quiz:
                  ask: What is the mean of all 49 cells?
                  value: output
                  at: [1, 1]

            """, title: "Seven by seven", id: "seven")
    }

    static let pdflatex = ["/usr/bin/pdflatex", "/usr/local/bin/pdflatex"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Compiles `document` with pdflatex; returns the log's lines that report a problem: errors, warnings and
    /// overfull boxes (none of which a sheet may have).
    static func compile(_ document: String, name: String) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try document.write(to: folder.appendingPathComponent("\(name).tex"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(pdflatex))
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "\(name).tex"]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let log = (try? String(contentsOf: folder.appendingPathComponent("\(name).log"), encoding: .isoLatin1)) ?? ""
        var problems = log.split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("!") || $0.contains("Overfull") || $0.contains("Warning")
        }
        if process.terminationStatus != 0 { problems.append("pdflatex exited with \(process.terminationStatus)") }
        return problems
    }
}

/// The answers a key prints, read back: `Answer: $\mathbf{-2}$` (LaTeX) or `**Answer:** \-2` (Markdown).
enum KeyAnswers {
    static func latex(_ key: String) -> [Double?] {
        key.split(separator: "\n").compactMap { line -> Double?? in
            guard line.hasPrefix("Answer: $\\mathbf{"), line.hasSuffix("}$\\par") else { return nil }
            let body = line.dropFirst("Answer: $\\mathbf{".count).dropLast("}$\\par".count)
            return .some(value(String(body)))
        }
    }

    static func markdown(_ key: String) -> [Double?] {
        key.split(separator: "\n").compactMap { line -> Double?? in
            guard line.hasPrefix("**Answer:** ") else { return nil }
            return .some(value(line.dropFirst("**Answer:** ".count).replacingOccurrences(of: "\\", with: "")))
        }
    }

    /// "-2", "3.25", "-\tfrac{13}{4}", "13/4".
    static func value(_ text: String) -> Double? {
        let negative = text.hasPrefix("-")
        let body = text.dropFirst(negative ? 1 : 0)
        let sign = negative ? -1.0 : 1.0
        if body.hasPrefix("\\tfrac{") {
            let parts = body.dropFirst("\\tfrac{".count).dropLast().components(separatedBy: "}{")
            guard parts.count == 2, let top = Double(parts[0]), let bottom = Double(parts[1]) else { return nil }
            return sign * top / bottom
        }
        let parts = body.split(separator: "/")
        if parts.count == 2, let top = Double(parts[0]), let bottom = Double(parts[1]) { return sign * top / bottom }
        return Double(body).map { sign * $0 }
    }
}
