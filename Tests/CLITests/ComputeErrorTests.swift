import Foundation
import Testing

private let grid = "1 2 3; 4 5 6; 7 8 9"

/// A conv command whose --input is `input`.
private func conv(input: String, filter: String = "1") -> [String] {
    ["compute", "conv", "--input", input, "--filter", filter]
}

/// Bad input of every kind: a status from 1 to 127 (never a signal), nothing on stdout, one stderr line
/// starting with "error:".
struct ComputeErrorTests {
    @Test(arguments: [
        ("ragged matrix", conv(input: "1 2; 3"), "ragged"),
        ("not a number", conv(input: "1 x"), "not a number"),
        ("nan", conv(input: "nan"), "nan"),
        ("NaN inside", conv(input: "1 NaN; 2 3"), "NaN"),
        ("inf", conv(input: "inf"), "inf"),
        ("overflowing number", conv(input: "1e999"), "1e999"),
        ("empty input", conv(input: ""), "empty"),
        ("blank input", conv(input: " ; ;"), "empty"),
        ("malformed JSON", conv(input: "[[1,2]"), "]"),
        ("ragged JSON", conv(input: "[[1,2],[3]]"), "ragged"),
        ("JSON mixing depths", conv(input: "[[1,2],3]"), "--input"),
        ("empty JSON list", conv(input: "[[]]"), "empty"),
        ("Infinity in JSON", conv(input: "[[1,Infinity]]"), "Infinity"),
        ("1e999 in JSON", conv(input: "[[1,1e999]]"), "1e999"),
        ("text after JSON", conv(input: "[[1,2]] 3"), "--input"),
        ("rank 5 JSON", conv(input: "[[[[[1]]]]]"), "deeper than rank 4"),
        ("100000-deep JSON", conv(input: String(repeating: "[", count: 100_000)), "deeper than rank 4"),
        ("rank 1 input", conv(input: "[1,2,3]"), "rank 1"),
        ("number beyond the lesson range", conv(input: "1e200"), "too large"),
        ("filter larger than the input", conv(input: "1 2; 3 4", filter: "1 1 1; 1 1 1; 1 1 1"), "larger"),
        ("bad filter", conv(input: "1 2; 3 4", filter: "1 ?"), "--filter"),
    ] as [(String, [String], String)])
    func badTensors(name: String, arguments: [String], fragment: String) throws {
        try CLI.expectRefusal(arguments, mentioning: fragment)
    }

    @Test(arguments: [
        ("stride 0", conv(input: grid) + ["--stride", "0"], "stride"),
        ("negative stride", conv(input: grid) + ["--stride=-1"], "stride"),
        ("negative padding", conv(input: grid) + ["--padding=-1"], "padding"),
        ("negative padding, spaced", conv(input: grid) + ["--padding", "-1"], "padding"),
        ("huge padding: output over 10^7", conv(input: "1") + ["--padding", "5000000"], "too large"),
        ("padding beyond any lesson", conv(input: "1") + ["--padding", "100000000000"], "too large"),
        ("stride not an integer", conv(input: grid) + ["--stride", "x"], "stride"),
        ("channel mismatch", conv(input: "[[[1,2],[3,4]],[[5,6],[7,8]]]", filter: "[[[1]],[[1]],[[1]]]"), "channel"),
        ("channel mismatch, rank-4 filter", conv(input: "[[[1,2],[3,4]]]", filter: "[[[[1]],[[1]]]]"), "channel"),
        ("bias count differs from filter count",
         conv(input: "1 2; 3 4", filter: "[[[[1]]],[[[2]]]]") + ["--bias", "[1,2,3]"], "bias"),
        ("bias not a number", conv(input: "1 2; 3 4") + ["--bias", "b"], "--bias"),
        ("bias of rank 2", conv(input: "1 2; 3 4") + ["--bias", "[[1]]"], "--bias"),
    ] as [(String, [String], String)])
    func badConvolutionParameters(name: String, arguments: [String], fragment: String) throws {
        try CLI.expectRefusal(arguments, mentioning: fragment)
    }

    @Test(arguments: [
        ("grad of the wrong shape", ["compute", "backward", "--input", grid, "--filter", "1 0; 0 1", "--grad",
                                     "1 2 3; 4 5 6"], "2×2"),
        ("grad of the wrong rank", ["compute", "backward", "--input", "[[[1,2],[3,4]]]",
                                    "--filter", "[[[[1]]],[[[2]]]]", "--grad", "[[1,2],[3,4]]"], "2×2×2"),
        ("grad missing", ["compute", "backward", "--input", grid, "--filter", "1"], "--grad"),
        ("grad not a number", ["compute", "backward", "--input", grid, "--filter", "1 1; 1 1", "--grad", "1 2; 3 nan"],
         "--grad"),
        ("full-conv of rank 3", ["compute", "full-conv", "--input", "[[[1,2],[3,4]]]", "--filter", "1"], "2-D"),
        ("full-conv with a rank-3 filter", ["compute", "full-conv", "--input", "1 2; 3 4", "--filter", "[[[1]]]"],
         "2-D"),
        ("full-conv of a non-number", ["compute", "full-conv", "--input", "1 2; 3 z", "--filter", "1"], "not a number"),
        ("unknown pool mode", ["compute", "pool", "--mode", "median", "--input", "1 2; 3 4", "--size", "2"], "median"),
        ("pool without a mode", ["compute", "pool", "--input", "1 2; 3 4", "--size", "2"], "--mode"),
        ("pool padding over half the window", ["compute", "pool", "--mode", "max", "--input", grid, "--size", "2",
                                               "--padding", "2"], "padding"),
        ("pool window larger than the input", ["compute", "pool", "--mode", "avg", "--input", "1 2; 3 4", "--size",
                                               "3"], "larger"),
        ("pool stride 0", ["compute", "pool", "--mode", "max", "--input", "1 2; 3 4", "--size", "2", "--stride", "0"],
         "stride"),
        ("pool size 0", ["compute", "pool", "--mode", "max", "--input", "1 2; 3 4", "--size", "0"], "size"),
        ("pool grad of the wrong shape", ["compute", "pool", "--mode", "max", "--input", "1 2; 3 4", "--size", "2",
                                          "--grad", "1 2; 3 4"], "1×1"),
        ("size: filter does not fit", ["compute", "size", "--input-size", "3", "--filter-size", "6"], "larger"),
        ("size: stride 0", ["compute", "size", "--input-size", "5", "--filter-size", "3", "--stride", "0"], "stride"),
        ("size: negative stride", ["compute", "size", "--input-size", "5", "--filter-size", "3", "--stride=-2"],
         "stride"),
        ("size: negative padding", ["compute", "size", "--input-size", "5", "--filter-size", "3", "--padding", "-1"],
         "padding"),
        ("size: beyond Int", ["compute", "size", "--input-size", "99999999999999999999999", "--filter-size", "3"],
         "input-size"),
        ("relu grad of the wrong shape", ["compute", "relu", "--input", "1 -2", "--grad", "1 2 3"], "shape"),
        ("unreadable file", conv(input: "@/nonexistent/cnn-tutor/tensor.txt"), "cannot read"),
    ] as [(String, [String], String)])
    func badOperationInput(name: String, arguments: [String], fragment: String) throws {
        try CLI.expectRefusal(arguments, mentioning: fragment)
    }

    @Test(arguments: [
        ("unknown operation", ["compute", "convolve", "--input", "1"], "unknown operation 'convolve'"),
        ("missing operation", ["compute"], "missing operation"),
        ("missing operation before options", ["compute", "--input", "1"], "missing operation"),
        ("unknown command", ["frobnicate"], "unknown command 'frobnicate'"),
        ("missing --filter", ["compute", "conv", "--input", "1"], "--filter"),
        ("missing --input", ["compute", "conv", "--filter", "1"], "--input"),
        ("missing value at the end", ["compute", "conv", "--input", "1", "--filter"], "--filter"),
        ("unknown option", ["compute", "conv", "--input", "1", "--filter", "1", "--frobnicate"], "--frobnicate"),
        ("missing --input-size", ["compute", "size", "--filter-size", "3"], "--input-size"),
    ] as [(String, [String], String)])
    func badCommandLines(name: String, arguments: [String], fragment: String) throws {
        // With and without --json: usage errors never print usage text.
        try CLI.expectRefusal(arguments, json: false, mentioning: fragment)
        try CLI.expectRefusal(arguments, json: true)
    }

    @Test func refusalsWithoutJSONFollowTheSameContract() throws {
        try CLI.expectRefusal(conv(input: "1 2; 3"), json: false, mentioning: "ragged")
        try CLI.expectRefusal(["compute", "backward", "--input", grid, "--filter", "1 0; 0 1", "--grad", "1"],
                              json: false)
    }

    /// Issue 13, item 14: the refusal names the output's shape as the user wrote its axes, and the limit; a side
    /// of the output is not "the output", and `compute` is not a lesson.
    @Test(arguments: [
        (conv(input: "1 2; 3 4"), "20000000×20000000"),
        (conv(input: "[1, 2]", filter: "[1]"), "20000000"),
        (conv(input: "[[[[1, 2], [3, 4]]]]", filter: "[[[[1]]], [[[1]]]]"), "1×2×20000000×20000000"),
        (["compute", "transposed", "--input", "1 2; 3 4", "--filter", "1", "--stride", "9999999"],
         "10000000×10000000"),
    ] as [([String], String)])
    func anOutputTooLargeNamesItsShapeAndTheLimit(arguments: [String], shape: String) throws {
        let padded = arguments[1] == "conv" ? arguments + ["--padding", "9999999"] : arguments
        try CLI.expectRefusal(padded, json: false, mentioning: "error: the output would be too large: shape \(shape), "
                              + "more than the limit of 10000000 values")
        #expect(try !CLI.run(padded).stderr.contains("lesson"))
    }

    @Test func tooManyNumbersInAFileAreRefused() throws {
        // 10^7 + 1 numbers: one more than any lesson may use.
        let url = try RepeatedInput.file("[", repeating: "0,", 10_000_000, tail: "0]")
        defer { try? FileManager.default.removeItem(at: url) }
        try CLI.expectRefusal(["compute", "relu", "--input", "@" + url.path], mentioning: "too large")
    }
}
