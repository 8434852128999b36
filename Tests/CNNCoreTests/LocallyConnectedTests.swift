import Testing
@testable import CNNCore

/// Locally connected and tiled layers and cross-channel pooling: values worked by hand (in the comments) and
/// checked with a direct numpy loop; the shared cases against `Convolution`, an independent implementation.
struct LocallyConnectedTests {
    let x = try! Tensor(rows: [[1, 2, 0], [0, 1, 3], [2, 1, 1]])

    @Test func eachOutputPositionHasItsOwnFilter() throws {
        // Windows [1 2; 0 1], [2 0; 1 3], [0 1; 2 1], [1 3; 1 1] with filters
        // [1 0; 0 1] → 2, [0 1; 1 0] → 1, [1 1; 0 0] → 1, [-1 0; 0 2] → 1.
        let filters = try Tensor(shape: [4, 2, 2], values: [1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, -1, 0, 0, 2])
        let layer = try LocallyConnected(input: x, filters: filters, sharing: .none)
        #expect(layer.forward().values == [2, 1, 1, 1])
        #expect(layer.displayOutputShape == [2, 2])
        #expect(layer.explainOutput(3).symbolicLine() == "O22 = X22·F411 + X23·F412 + X32·F421 + X33·F422")
        // 4 filters of 4 weights; one shared 2×2 filter; a dense 4-output × 9-input matrix.
        #expect([layer.parameterCount, layer.convolutionParameterCount, layer.denseParameterCount] == [16, 4, 36])
    }

    @Test func tiledFiltersCycleAlongBothAxes() throws {
        // Output (i, j) takes filter (i mod 2)·2 + (j mod 2); numpy loop: [[0 4 0] [1 7 1] [0 7 0]].
        let input = try Tensor(rows: [[1, 2, 0, 3], [4, 1, 2, 0], [0, 3, 1, 1], [2, 0, 4, 1]])
        let filters = try Tensor(shape: [4, 2, 2], values: [1, 0, 0, -1, 2, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1])
        let layer = try LocallyConnected(input: input, filters: filters, sharing: .tiled(2))
        #expect(layer.forward().values == [0, 4, 0, 1, 7, 1, 0, 7, 0])
        #expect(layer.filterIndex(i: 2, j: 1) == 1)
        #expect(layer.parameterCount == 16)
    }

    @Test func tiledSignalCyclesTFilters() throws {
        // x = 1 2 3 4 5, filters [1 -1] and [2 0] in turn: -1, 2·2 = 4, -1, 2·4 = 8.
        let signal = try Tensor(shape: [5], values: [1, 2, 3, 4, 5])
        let layer = try LocallyConnected(input: signal, filters: try Tensor(rows: [[1, -1], [2, 0]]),
            sharing: .tiled(2))
        #expect(layer.forward().values == [-1, 4, -1, 8])
        #expect(layer.displayOutputShape == [4])
        #expect([layer.parameterCount, layer.convolutionParameterCount, layer.denseParameterCount] == [4, 2, 20])
    }

    @Test func sharedFiltersAreAConvolution() throws {
        let input = try Tensor(shape: [2, 4, 5], values: (0..<40).map { Double(($0 * 7) % 11) - 5 })
        let kernel = (0..<18).map { Double(($0 * 5) % 7) - 3 }
        let conv = try Convolution(input: input, filter: try Tensor(shape: [2, 3, 3], values: kernel), stride: 2)
        let positions = conv.outputHeight * conv.outputWidth
        let copies = try Tensor(shape: [positions, 2, 3, 3],
            values: Array((0..<positions).map { _ in kernel }.joined()))
        let local = try LocallyConnected(input: input, filters: copies, sharing: .none, stride: 2)
        #expect(local.forward().values == conv.forward().values)
        let tiled = try LocallyConnected(input: input, filters: try Tensor(shape: [1, 2, 3, 3], values: kernel),
                                         sharing: .tiled(1), stride: 2)
        #expect(tiled.forward().values == conv.forward().values)
    }

    @Test func wrongFilterCountsAreRefused() throws {
        let three = try Tensor(shape: [3, 2, 2], values: Array(repeating: 1, count: 12))
        #expect(throws: CoreError.shapeMismatch(what: .filter, expected: [4, 2, 2], found: [3, 2, 2])) {
            try LocallyConnected(input: x, filters: three, sharing: .none)
        }
        #expect(throws: CoreError.nonPositive(what: "the number of tiles", value: 0)) {
            try LocallyConnected(input: x, filters: three, sharing: .tiled(0))
        }
        #expect(throws: CoreError.self) { try LocallyConnected(input: x, filters: try Tensor(rows: [[1, 1]]),
            sharing: .none) }
    }
}

struct CrossChannelPoolingTests {
    // Channels [1 5; 0 2], [3 1; 4 -1], [0 0; 1 1], [2 -3; 0 5].
    let input = try! Tensor(shape: [4, 2, 2], values: [1, 5, 0, 2, 3, 1, 4, -1, 0, 0, 1, 1, 2, -3, 0, 5])

    @Test func maxOverGroupsOfChannels() throws {
        let pooling = try CrossChannelPooling(input: input, mode: .max, group: 2)
        // max(ch1, ch2) = [3 5; 4 2], max(ch3, ch4) = [2 0; 1 5].
        #expect(pooling.forward().values == [3, 5, 4, 2, 2, 0, 1, 5])
        #expect(pooling.displayOutputShape == [2, 2, 2])
        #expect(pooling.explainOutput(5).numericLine() == "P212 = max(0, -3) = 0")
        #expect(try CrossChannelPooling(input: input, mode: .max, group: 4).forward().values == [3, 5, 4, 5])
    }

    @Test func averageOverGroupsOfChannels() throws {
        // (1 + 3)/2, (5 + 1)/2, (0 + 4)/2, (2 − 1)/2.
        let pooling = try CrossChannelPooling(input: input, mode: .average, group: 2)
        #expect(Array(pooling.forward().values.prefix(4)) == [2, 3, 2, 0.5])
    }

    @Test func badGroupsAreRefused() throws {
        #expect(throws: CoreError.channelsNotDivisible(channels: 4, group: 3)) {
            try CrossChannelPooling(input: input, mode: .max, group: 3)
        }
        #expect(throws: CoreError.nonPositive(what: .group, value: 0)) { try CrossChannelPooling(input: input,
            mode: .max, group: 0) }
        #expect(throws: CoreError.self) { try CrossChannelPooling(input: try Tensor(rows: [[1, 2]]), mode: .max,
            group: 1) }
        #expect(CoreError.channelsNotDivisible(channels: 4, group: 3).description
                == "the input's 4 channels do not split into groups of 3")
    }
}
