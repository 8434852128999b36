import Testing
import CNNLessons
@testable import CNNText

/// The scripts' structure, without running Python (ExportScriptTests in CLITests runs them).
struct ExportScriptStructureTests {
    static let library = LessonLibrary.load(userDirectories: [], environment: [:])

    func bundled(_ id: String) throws -> LessonPlayer {
        try #require(Self.library.entries.first { $0.header.id == id }).player.get()
    }

    @Test func everyOperationHasACall() {
        let missing = Operation.Name.allCases.filter { ScriptCall.builders[$0] == nil }
        #expect(missing.isEmpty, "add a ScriptCall builder and a prelude function for: \(missing.map(\.rawValue))")
    }

    /// Every function a bundled lesson's script calls is defined by both preludes.
    @Test func bothPreludesDefineEveryCalledFunction() throws {
        var called: Set<String> = []
        for header in Self.library.headers {
            let script = ScriptExport(library: .numpy).render(try bundled(header.id))
            for line in script.split(separator: "\n") where line.hasPrefix("s") && line.contains(" = ") {
                let call = line.split(separator: " = ", maxSplits: 1)[1]
                called.insert(String(call.prefix { $0 != "(" }))
            }
        }
        #expect(called.isSuperset(of: ["transposed", "unshared_conv", "pool_channels", "conv", "size"]))
        for function in called {
            #expect(ScriptPrelude.numpy.contains("\ndef \(function)("), "numpy prelude: \(function)")
            #expect(ScriptPrelude.pytorch.contains("\ndef \(function)("), "pytorch prelude: \(function)")
        }
    }

    @Test func anOperationWithoutACallBecomesACommentNamingItsPlace() throws {
        var export = ScriptExport(library: .numpy)
        export.builders[.conv] = nil
        let script = export.render(try bundled("forward-pass"))
        // The lesson's first computation is the conv of step 3, at line 45 of its file, shown as the tutor's
        // frames 3–6, its narration set in below; with nothing computed, each of the tutor's results is reported
        // as missing.
        #expect(script.contains("# Steps 3–6: Some numbers (03-forward-pass.yaml:45)\n"
                                + "#   The slides keep everything symbolic. To watch real arithmetic we pick\n"))
        #expect(script.contains("#   Step through O11: each product, then the running sum.\n"
                                + "# not exportable yet: op conv at 03-forward-pass.yaml:45\n"
                                + "report(\"steps 3\\u20136\", {}, tutor={\n"))
        #expect(!script.contains("s3 = "))
    }

    @Test func bothLibrariesCallTheSameFunctionsWithTheSameOperands() throws {
        let player = try bundled("forward-pass")
        let numpy = ScriptExport(library: .numpy).render(player), torch = ScriptExport(library: .pytorch).render(player)
        let calls = { (script: String) in script.components(separatedBy: "\n# Steps 3–6:").last }
        #expect(calls(numpy) == calls(torch))
        #expect(numpy.contains("import numpy as np") && !numpy.contains("import torch"))
        #expect(torch.contains("F.conv2d(") && torch.contains("F.conv_transpose2d(") && torch.contains("F.max_pool2d("))
    }
}

extension ExportScriptStructureTests {
    /// The tutor's values are written exactly: 0.1 + 0.2 is 0.30000000000000004 in doubles, and a value written
    /// shorter would read back as another double.
    @Test func theTutorsValuesAreEmbeddedExactly() throws {
        let text = """
            id: sample
            title: Sample
            summary: x
            steps:
              - title: Sum
                op: conv
                input: [0.1, 0.2]
                filter: [1, 1]
                walk: result

            """
        let player = try LessonPlayer(lesson: LessonLoader.load(text: text, file: "sample.yaml").get())
        #expect(player.results(ofStep: 0)["output"]?.values == [0.30000000000000004])
        let script = ScriptExport(library: .numpy).render(player)
        // One lesson step, one frame: the tutor's step 1.
        #expect(script.contains("# Step 1: Sum (sample.yaml:6)\ns1 = conv("))
        #expect(script.contains("\nreport(\"step 1\", s1, tutor={\"output\": [0.30000000000000004], "
                                + "\"rotated_filter\": [1, 1]})\n"))
        #expect(script.hasSuffix("\n\nsummarize()\n"))
    }
}
