import Testing
@testable import CNNCore

/// The worked examples of the course material, checked against values read off the slides or worked by hand.
struct SeedExampleTests {
    let poolingGrid = "1 3 2 1; 2 9 1 1; 1 3 2 3; 5 6 1 2"
    let fiveByFive = "1 3 2 1 3; 2 9 1 1 5; 1 3 2 3 2; 8 3 5 1 0; 5 6 1 2 9"

    func matrix(_ text: String) throws -> Tensor { try TensorText.parseMatrix(text) }

    func rows(_ tensor: Tensor) -> [[Double]] {
        tensor.reshaped(Array(tensor.shape.suffix(2))).rows
    }

    @Test func maxPoolFourByFourSizeTwoStrideTwo() throws {
        let pooling = try Pooling(input: matrix(poolingGrid), mode: .max, size: 2, stride: 2)
        #expect(rows(pooling.forward()) == [[9, 2], [6, 3]])
        #expect(pooling.displayOutputShape == [2, 2])
    }

    @Test func maxPoolFiveByFiveSizeThreeStrideOne() throws {
        let pooling = try Pooling(input: matrix(fiveByFive), mode: .max, size: 3, stride: 1)
        #expect(rows(pooling.forward()) == [[9, 9, 5], [9, 9, 5], [8, 6, 9]])
    }

    @Test func averagePoolGivesThreePointSevenFiveWhereTheSlidePrintsFour() throws {
        let pooling = try Pooling(input: matrix(poolingGrid), mode: .average, size: 2, stride: 2)
        let output = rows(pooling.forward())
        #expect(output == [[3.75, 1.25], [3.75, 2]])
        // The slide's bottom-left cell reads 4; its own window is (1 + 3 + 5 + 6)/4.
        #expect(output[1][0] != 4)
        let explanation = pooling.explainOutput(2)
        #expect(explanation.symbolicLine() == "P21 = (X31 + X32 + X41 + X42)/4")
        #expect(explanation.numericLine() == "P21 = (1 + 3 + 5 + 6)/4 = 15/4 = 3.75")
    }

    @Test func translatedInputMaxPool() throws {
        let input = try matrix("4 3 1 5; 1 3 4 8; 4 5 4 3; 6 5 9 4")
        let pooled = try Pooling(input: input, mode: .max, size: 2).forward()
        #expect(rows(pooled) == [[4, 8], [6, 9]])
        // Shifted one column right: the 9 still wins its window, the 8 is pushed out of the top-right one.
        let shifted = try Pooling(input: input.shifted(rows: 0, columns: 1), mode: .max, size: 2).forward()
        #expect(rows(input.shifted(rows: 0, columns: 1)) == [[0, 4, 3, 1], [0, 1, 3, 4], [0, 4, 5, 4], [0, 6, 5, 9]])
        #expect(rows(shifted) == [[4, 4], [6, 9]])
    }

    @Test func efficiencyTable() throws {
        let counts = try EfficiencyCounts(inputHeight: 320, inputWidth: 280, kernelHeight: 2, kernelWidth: 1)
        #expect(counts.outputHeight == 319 && counts.outputWidth == 280)
        #expect(counts.convolutionStored == 2)
        #expect(counts.convolutionOperations == 267_960)
        #expect(counts.sparseStored == 178_640)
        #expect(counts.sparseOperations == 267_960)
        #expect(counts.denseStored == 319 * 280 * 320 * 280)
        #expect(counts.denseStored > 8_000_000_000)
        #expect(counts.denseOperations > 16_000_000_000)
    }

    @Test func outputSizeArithmetic() throws {
        #expect(try OutputSize.compute(inputSize: 5, filterSize: 3, stride: 1, padding: 0) == 3)
        #expect(try OutputSize.compute(inputSize: 4, filterSize: 2, stride: 2, padding: 0) == 2)
        #expect(try OutputSize.compute(inputSize: 7, filterSize: 3, stride: 2, padding: 0) == 3)
        #expect(try OutputSize.compute(inputSize: 6, filterSize: 3, stride: 2, padding: 0) == 2)
        #expect(try OutputSize.compute(inputSize: 224, filterSize: 3, stride: 1, padding: 1) == 224)
        #expect(try OutputSize.compute(inputSize: 320, filterSize: 2, stride: 1, padding: 0) == 319)
        #expect(OutputSize.samePadding(filterSize: 5) == 2)
        #expect(try OutputSize.explain(inputSize: 6, filterSize: 3, stride: 2, padding: 0)
            == "⌊(N + 2P − F)/S⌋ + 1 = ⌊(6 + 2·0 − 3)/2⌋ + 1 = ⌊3/2⌋ + 1 = 2")
        #expect(throws: CoreError.filterTooLarge(window: .filter, axis: "size", filter: 4, paddedInput: 3)) {
            try OutputSize.compute(inputSize: 3, filterSize: 4, stride: 1, padding: 0)
        }
        #expect(throws: CoreError.nonPositive(what: .stride, value: 0)) {
            try OutputSize.compute(inputSize: 3, filterSize: 2, stride: 0, padding: 0)
        }
        #expect(throws: CoreError.negative(what: .padding, value: -1)) {
            try OutputSize.compute(inputSize: 3, filterSize: 2, stride: 1, padding: -1)
        }
    }

    @Test func refusalsNameTheirOperandAsAValue() throws {
        let input = try TensorText.parseMatrix("1 2 3; 4 5 6; 7 8 9")
        func operand(_ body: () throws -> Void) -> Operand? {
            do { try body() } catch let error as CoreError { return error.operand } catch { return nil }
            return nil
        }
        #expect(operand { _ = try Convolution(input: input, filter: input, stride: 0) } == .stride)
        #expect(operand { _ = try Convolution(input: input, filter: input, padding: -1) } == .padding)
        #expect(operand { _ = try Convolution(input: input, filter: try Tensor(zeros: [4, 4])) } == .filter)
        #expect(operand { _ = try Convolution(input: input, filter: input, bias: [1, 2]) } == .bias)
        #expect(operand { _ = try Pooling(input: input, mode: .max, size: 4) } == .poolSize)
        #expect(operand { _ = try Pooling(input: input, mode: .max, size: 0) } == .poolSize)
    }
}

/// The 3×3 input, 2×2 filter example of the backpropagation slides, symbol for symbol.
struct SlideBackpropagationTests {
    // Values chosen so every term is distinct; the numbers are checked by hand below.
    let input = try! TensorText.parseMatrix("1 2 3; 4 5 6; 7 8 9")
    let filter = try! TensorText.parseMatrix("1 0; 0 -1")
    let gradient = try! TensorText.parseMatrix("1 2; 3 4")

    @Test func forwardPassSymbolsAndNumbers() throws {
        let conv = try Convolution(input: input, filter: filter)
        let o11 = conv.explainOutput(0)
        #expect(o11.symbolicLine() == "O11 = X11·F11 + X12·F12 + X21·F21 + X22·F22")
        #expect(o11.numericLine() == "O11 = 1·1 + 2·0 + 4·0 + 5·(-1) = -4")
        #expect(o11.terms.map(\.partial) == [1, 1, 1, -4])
        #expect(o11.symbolicLine(terms: 2) == "O11 = X11·F11 + X12·F12 + …")
        #expect(conv.explainOutput(3).symbolicLine() == "O22 = X22·F11 + X23·F12 + X32·F21 + X33·F22")
        // O_ij = X_ij − X_(i+1)(j+1) = −4 everywhere for this input.
        #expect(conv.forward().values == [-4, -4, -4, -4])
        #expect(conv.displayOutputShape == [2, 2])
    }

    @Test func theFourWeightGradientSums() throws {
        let backward = try Convolution(input: input, filter: filter).backward(outputGradient: gradient)
        let lines = (0..<4).map { backward.explainWeightGradient($0).symbolicLine() }
        #expect(lines == [
            "∂L/∂F11 = ∂L/∂O11·X11 + ∂L/∂O12·X12 + ∂L/∂O21·X21 + ∂L/∂O22·X22",
            "∂L/∂F12 = ∂L/∂O11·X12 + ∂L/∂O12·X13 + ∂L/∂O21·X22 + ∂L/∂O22·X23",
            "∂L/∂F21 = ∂L/∂O11·X21 + ∂L/∂O12·X22 + ∂L/∂O21·X31 + ∂L/∂O22·X32",
            "∂L/∂F22 = ∂L/∂O11·X22 + ∂L/∂O12·X23 + ∂L/∂O21·X32 + ∂L/∂O22·X33",
        ])
        // By hand: 1·1+2·2+3·4+4·5 = 37; 1·2+2·3+3·5+4·6 = 47; 1·4+2·5+3·7+4·8 = 67; 1·5+2·6+3·8+4·9 = 77.
        #expect(backward.weightGradient().values == [37, 47, 67, 77])
        #expect(backward.biasGradient() == [10])
    }

    @Test func theNineInputGradientSums() throws {
        let backward = try Convolution(input: input, filter: filter).backward(outputGradient: gradient)
        let lines = (0..<9).map { backward.explainInputGradient($0).symbolicLine() }
        #expect(lines == [
            "∂L/∂X11 = ∂L/∂O11·F11",
            "∂L/∂X12 = ∂L/∂O11·F12 + ∂L/∂O12·F11",
            "∂L/∂X13 = ∂L/∂O12·F12",
            "∂L/∂X21 = ∂L/∂O11·F21 + ∂L/∂O21·F11",
            "∂L/∂X22 = ∂L/∂O11·F22 + ∂L/∂O12·F21 + ∂L/∂O21·F12 + ∂L/∂O22·F11",
            "∂L/∂X23 = ∂L/∂O12·F22 + ∂L/∂O22·F12",
            "∂L/∂X31 = ∂L/∂O21·F21",
            "∂L/∂X32 = ∂L/∂O21·F22 + ∂L/∂O22·F21",
            "∂L/∂X33 = ∂L/∂O22·F22",
        ])
        // By hand with F11 = 1, F22 = −1: ∂L/∂X = G placed at (0,0) minus G placed at (1,1).
        let expected: [Double] = [1, 2, 0, 3, 4 - 1, -2, 0, -3, -4]
        #expect(backward.inputGradient().values == expected)
    }

    @Test func inputGradientIsTheFullConvolutionWithTheRotatedFilter() throws {
        let full = try Convolution.full(input: gradient, filter: filter,
                                        names: TensorNames(input: "∂L/∂O", filter: "F", output: "∂L/∂X"))
        #expect(full.forward().values == [1, 2, 0, 3, 3, -2, 0, -3, -4])
        #expect(filter.rotated180().values == [-1, 0, 0, 1])
        // The rotated filter over the zero-padded gradient: for ∂L/∂X11 only F11 meets ∂L/∂O11.
        let first = full.explainOutput(0)
        #expect(first.symbolicLine() == "∂L/∂X11 = 0·F22 + 0·F21 + 0·F12 + ∂L/∂O11·F11")
        #expect(full.explainOutput(4).symbolicLine()
            == "∂L/∂X22 = ∂L/∂O11·F22 + ∂L/∂O12·F21 + ∂L/∂O21·F12 + ∂L/∂O22·F11")
    }

    @Test func strideTwoAlignment() throws {
        // 5×5 input, 3×3 filter of ones, stride 2: X22 (0-based (1,1)) is met only by O11 at offset (1,1);
        // X33 (0-based (2,2)) by all four outputs.
        let conv = try Convolution(input: Tensor(shape: [5, 5], values: (1...25).map(Double.init)),
                                   filter: Tensor(shape: [3, 3], values: Array(repeating: 1, count: 9)), stride: 2)
        let backward = try conv.backward(outputGradient: TensorText.parseMatrix("1 2; 3 4"))
        #expect(backward.explainInputGradient(6).symbolicLine() == "∂L/∂X22 = ∂L/∂O11·F22")
        #expect(backward.explainInputGradient(12).symbolicLine()
            == "∂L/∂X33 = ∂L/∂O11·F33 + ∂L/∂O12·F31 + ∂L/∂O21·F13 + ∂L/∂O22·F11")
        #expect(backward.inputGradient().values[12] == 10)
    }
}
