import Testing
import CNNLessons
@testable import CNNText

/// The scripts' structure, without running Python (ExportScriptTests in CLITests runs them).
struct ExportScriptStructureTests {
    func forwardPass() throws -> Lesson {
        let library = LessonLibrary.load(userDirectories: [], environment: [:])
        return try #require(library.lesson(id: "forward-pass")).get()
    }

    @Test func everyOperationHasACall() {
        let missing = Operation.Name.allCases.filter { ScriptCall.builders[$0] == nil }
        #expect(missing.isEmpty, "add a ScriptCall builder and a prelude function for: \(missing.map(\.rawValue))")
    }

    /// Every function a bundled lesson's script calls is defined by both preludes.
    @Test func bothPreludesDefineEveryCalledFunction() throws {
        let library = LessonLibrary.load(userDirectories: [], environment: [:])
        var called: Set<String> = []
        for header in library.headers {
            let script = ScriptExport(library: .numpy).render(try #require(library.lesson(id: header.id)).get())
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
        let script = export.render(try forwardPass())
        // The lesson's first computation is the conv of step 3, at line 43 of its file.
        #expect(script.contains("# Step 3: Some numbers (03-forward-pass.yaml:43)\n"
                                + "# not exportable yet: op conv at 03-forward-pass.yaml:43\n"))
        #expect(!script.contains("report(3,"))
    }

    @Test func bothLibrariesCallTheSameFunctionsWithTheSameOperands() throws {
        let lesson = try forwardPass()
        let numpy = ScriptExport(library: .numpy).render(lesson), torch = ScriptExport(library: .pytorch).render(lesson)
        let calls = { (script: String) in script.components(separatedBy: "\n# Step 3:").last }
        #expect(calls(numpy) == calls(torch))
        #expect(numpy.contains("import numpy as np") && !numpy.contains("import torch"))
        #expect(torch.contains("F.conv2d(") && torch.contains("F.conv_transpose2d(") && torch.contains("F.max_pool2d("))
    }
}
