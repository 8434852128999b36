import Foundation

extension ExportScriptTests {
    /// The operations and shapes added since the first exporters: transposed convolution in its three forms (a
    /// batch through a C_in×C_out bank with bias, stride, padding, output padding and dilation; a negative border
    /// that cuts the spread input; 1-D), locally connected and tiled layers (batch, channels, stride, 1-D), pooling
    /// across channels (max in groups, mean over all), dilated conv and conv-backward on 1-D signals and batches
    /// with stride and padding, 1-D pooling and its gradient, full 1-D convolution, im2col of a signal and of a batch,
    /// the elementwise and reshaping operations on signals, and the size with dilation.
    static let newOperations = """
        id: export-new-operations
        title: Export of the newer operations
        summary: Transposed, unshared, cross-channel, 1-D signals, batches and dilation for the exporters.
        steps:
          - op: transposed
            input:
              - ["1 -2 0; 3 1 -1", "2 0 1; -1 2 3"]
              - ["0 1 2; -2 1 0", "1 1 -1; 0 2 1"]
            filter:
              - ["1 0 -1; 2 1 0", "0 1 1; -1 0 2", "2 -1 0; 1 1 1"]
              - ["0 2 1; 1 -1 0", "1 1 0; 0 -2 1", "-1 0 1; 2 0 -1"]
            bias: [0.5, -1, 2]
            stride: 2
            padding: 1
            output_padding: 1
            dilation: 2
            form: zero-insertion
            walk: result
          - op: transposed
            input: "1 2 -1; 0 3 1; 2 -2 1"
            filter: "1 -1; 2 0.5"
            stride: 3
            padding: 2
            output_padding: 2
            form: zero-insertion
            walk: result
          - op: transposed
            input: [1, -2, 3, 0.5]
            filter: [2, -1, 1]
            bias: [0.25]
            stride: 2
            padding: 1
            output_padding: 1
            dilation: 2
            walk: result
          - op: transposed
            input: [3, 1, -2]
            filter: [1, 2]
            stride: 3
            output_padding: 2
            form: zero-insertion
            walk: result
          - op: transposed
            input: ["1 2; 3 4", "-1 0; 2 1"]
            filter: [["1 0; 2 -1"], ["0 3; 1 1"]]
            form: scatter
            walk: result
          - op: local-conv
            input:
              - ["1 2 0 1 3; 0 1 2 2 1; 3 1 0 1 2", "2 0 1 1 0; 1 3 0 2 2; 0 1 1 0 1"]
              - ["0 1 1 2 0; 2 0 1 3 1; 1 1 2 0 0", "1 2 0 0 1; 0 1 3 1 2; 2 0 1 1 0"]
            filters:
              - ["1 0; 0 1", "0 1; 1 0"]
              - ["2 1; 0 -1", "1 0; 0 2"]
            stride: 2
            walk: result
          - op: local-conv
            input: [1, 3, -2, 0, 4]
            filter: "1 2; -1 0; 3 1; 0.5 -2"
            walk: result
          - op: tiled-conv
            input: [1, 3, -2, 0, 4, 2, 1]
            filter: "1 2 0; -1 0 2"
            tiles: 2
            stride: 2
            walk: result
          - op: tiled-conv
            input: ["1 2 0 1; 0 1 2 2; 3 1 0 1; 1 0 2 3", "2 0 1 1; 1 3 0 2; 0 1 1 0; 2 2 1 0"]
            filters:
              - ["1 0; 0 1", "0 1; 1 0"]
              - ["2 1; 0 -1", "1 0; 0 2"]
              - ["0 0; 1 1", "1 -1; 0 0"]
              - ["1 1; 1 1", "-1 0; 0 -1"]
            tiles: 2
            walk: result
          - op: pool
            input:
              - ["1 -2; 3 0", "2 5; -1 1", "0 0; 4 -3", "-1 2; 2 2"]
              - ["0 1; 1 0", "3 -1; 2 2", "1 1; -2 5", "4 0; 0 1"]
            mode: max
            across: channels
            group: 2
            walk: result
          - op: pool
            input: ["1 -2 0; 3 0 1", "2 5 1; -1 1 0", "0 0 3; 4 -3 2"]
            mode: avg
            across: channels
            walk: result
          - op: conv
            input: [1, -2, 3, 0, 2, 1, -1, 4]
            filter: [1, 0.5, -1]
            bias: [0.5]
            stride: 2
            padding: 1
            dilation: 2
            walk: result
          - op: conv
            input:
              - ["1 2 0 1 3; 0 1 2 2 1; 3 1 0 1 2; 1 1 0 2 0; 2 0 1 1 3"]
              - ["0 1 1 2 0; 2 0 1 3 1; 1 1 2 0 0; 0 2 1 1 1; 1 0 0 2 1"]
            filters: [["1 0 -1; 2 1 0; 0 1 1"], ["0 1 0; 1 -2 1; 0 1 0"]]
            bias: [1, -1]
            stride: 2
            padding: 2
            dilation: 2
            walk: result
          - op: conv-backward
            input: [1, -2, 3, 0, 2, 1, -1, 4]
            filter: [1, 0.5, -1]
            grad: [1, -1, 2]
            bias: [0.5]
            stride: 2
            padding: 1
            dilation: 2
            gradient: input
            walk: result
          - op: conv-backward
            input:
              - ["1 2 0 1 3; 0 1 2 2 1; 3 1 0 1 2; 1 1 0 2 0; 2 0 1 1 3"]
              - ["0 1 1 2 0; 2 0 1 3 1; 1 1 2 0 0; 0 2 1 1 1; 1 0 0 2 1"]
            filters: [["1 0 -1; 2 1 0; 0 1 1"], ["0 1 0; 1 -2 1; 0 1 0"]]
            grad: {from: 13, result: output}
            stride: 2
            padding: 2
            dilation: 2
            gradient: weight
            walk: result
          - op: pool
            input: [1, -2, 3, 0, 2, -1, -4]
            mode: max
            size: 3
            stride: 2
            padding: 1
            walk: result
          - op: pool-backward
            input: [1, -2, 3, 0, 2, -1, -4]
            grad: [1, 2, -1]
            mode: avg
            size: 3
            stride: 2
            walk: result
          - op: convolve
            input: [1, 2, -1, 3]
            filter: [2, 0, -1]
            mode: full
            walk: result
          - op: im2col
            input: [1, 3, -2, 4, 0]
            filter: [1, 2]
            stride: 2
            padding: 1
            walk: result
          - op: im2col
            input:
              - ["1 2 0; 0 1 3; 2 1 1"]
              - ["2 0 1; 1 1 0; 0 2 1"]
            filters: [["1 -1; 0 2"], ["0 1; 1 0"]]
            walk: result
          - op: relu-backward
            input: [1, -3, 2, 0]
            grad: [1, 2, 3, 4]
            walk: result
          - op: dilate
            grad: [1, 2, 3]
            stride: 2
            walk: result
          - op: rotate
            filter: [1, 2, 3]
            walk: result
          - op: size
            input_size: 11
            filter_size: 3
            stride: 2
            padding: 1
            dilation: 3

        """
}
