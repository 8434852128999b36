import Foundation

extension ExportScriptTests {
    /// Grouped layers and what `from:` takes besides a result: a batch through two groups with bias, stride,
    /// padding and dilation, forward and each gradient; a depthwise layer fed one channel of a batch result;
    /// an earlier step's input and filter, itself a reference, and one channel of an earlier operand.
    static let groups = """
        id: export-groups
        title: Export of grouped layers and references
        summary: groups, from an operand, from one channel.
        steps:
          - op: conv
            input:
              - ["1 -2 0 1; 3 1 -1 2; 0 2 1 -1; 1 0 3 2", "2 0 1 -1; -1 2 3 0; 1 1 -2 2; 0 3 1 1",
                 "0 1 2 1; -2 1 0 3; 1 -1 2 0; 2 2 1 -1", "1 1 -1 0; 0 2 1 -2; 3 0 1 1; -1 1 0 2"]
              - ["2 1 0 -1; 1 -1 2 0; 0 3 1 1; -2 0 1 2", "0 -1 1 2; 2 0 -2 1; 1 2 0 -1; 3 1 1 0",
                 "1 0 -1 2; 0 1 3 -1; 2 -2 1 0; 1 1 0 3", "-1 2 0 1; 1 0 2 2; 0 -1 1 3; 2 1 -2 0"]
            filters:
              - ["1 0; -1 2", "0 1; 1 -1"]
              - ["2 -1; 0 1", "1 1; -1 0"]
              - ["-1 1; 1 0", "0 2; 1 1"]
              - ["1 1; 0 -2", "-1 0; 2 1"]
            bias: [0.5, -1, 0, 2]
            groups: 2
            stride: 2
            padding: 1
            dilation: 2
            walk: result
          - op: conv-backward
            input: {from: 1, result: input}
            filter: {from: 1, result: filter}
            grad: {from: 1, result: output}
            bias: [0.5, -1, 0, 2]
            groups: 2
            stride: 2
            padding: 1
            dilation: 2
            gradient: input
            walk: result
          - op: conv
            input: {from: 1, result: output, channel: 3}
            filters: [["1 -1; 0 2"], ["2 0; 1 1"]]
            walk: result
          - op: conv
            input: {from: 2, result: input}
            filters: [["1"], ["-1"], ["2"], ["0.5"]]
            groups: 4
            walk: result
          - op: relu
            input: {from: 4, result: input, channel: 2}
            walk: result

        """
}
