import Testing
@testable import CNNCore

/// Sizes whose counts do not fit an Int are refused with the operand named, never a trap.
struct CountOverflowTests {
    @Test func denseCountsOfAHugeInputAreRefusedNamingTheInput() {
        // 49998² outputs × (2·50000² − 1) operations ≈ 1.25·10¹⁹ > 2⁶³ − 1 ≈ 9.22·10¹⁸.
        let expected = CoreError.uncountable(what: Subject(.input, "the input 50000×50000"),
                                             quantity: "the dense matrix's operations")
        #expect(throws: expected) { try EfficiencyCounts(inputHeight: 50000, inputWidth: 50000, kernelHeight: 3,
            kernelWidth: 3) }
        #expect(expected.operand == .input)
        #expect(expected.description
            == "the input 50000×50000 is too large to count the dense matrix's operations: more than 2⁶³ − 1")
    }

    @Test func countsJustBelowTheLimitAreExact() throws {
        // 40000² inputs, 39999² outputs: 39999²·40000² ≈ 2.56·10¹⁸ weights fit; 2× that plus change does too.
        let counts = try EfficiencyCounts(inputHeight: 40000, inputWidth: 40000, kernelHeight: 2, kernelWidth: 2)
        #expect(counts.denseStored == 1_599_920_001 * 1_600_000_000)
        #expect(counts.denseOperations == 1_599_920_001 * 3_199_999_999)
        #expect(counts.convolutionOperations == 1_599_920_001 * 7)
    }

    @Test func spreadingByAHugeStrideIsRefused() throws {
        let grid = try TensorText.parseMatrix("1 2; 3 4")
        #expect(throws: CoreError.self) { try grid.dilated(by: Int.max) }
        #expect(throws: CoreError.self) { try grid.dilated(by: 20_000_000) }
        #expect(try grid.dilated(by: 2).values == [1, 0, 2, 0, 0, 0, 3, 0, 4])
    }

    @Test func hugeShapesAreRefusedBeforeAnyAllocation() {
        #expect(throws: CoreError.self) { try Tensor(zeros: [3_037_000_500, 3_037_000_500]) }
        #expect(throws: CoreError.self) {
            try TransposedConvolution(input: Tensor(shape: [1], values: [1]), filter: Tensor(shape: [1], values: [1]),
                                      stride: 1, padding: 0, outputPadding: 0, dilation: Int.max)
        }
        #expect(throws: CoreError.self) {
            try Convolution(input: Tensor(shape: [2], values: [1, 2]), filter: Tensor(shape: [2], values: [1, 1]),
                dilation: Int.max)
        }
    }
}
