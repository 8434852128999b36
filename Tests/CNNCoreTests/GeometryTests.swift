import Testing
@testable import CNNCore

/// Window, sliding-axis and flat-index arithmetic, checked by hand on small cases and by brute-force
/// enumeration (every output's window listed cell by cell) over many sizes.
struct GeometryTests {
    @Test func windowOfAStrideTwoPaddedPool() {
        // 2×2 windows at stride 2 over an input padded by 1: output (1, 2) starts at row 1, column 3.
        let window = Window(i: 1, j: 2, size: Extent2D(2), stride: Extent2D(2), padding: Extent2D(1))
        #expect(window.rows == 1..<3 && window.columns == 3..<5)
        #expect(window.origin == (1, 3) as (Int, Int))
        #expect(window.center == (2, 4) as (Int, Int))
        #expect(window.contains(row: 2, column: 4) && !window.contains(row: 3, column: 4))
        // In a 4×4 input only column 3 of the window holds data.
        #expect(window.clipped(height: 4, width: 4).count == 2)
    }

    @Test func aWindowInThePaddingCoversNoData() {
        let corner = Window(i: 0, j: 0, size: Extent2D(1), stride: Extent2D(1), padding: Extent2D(1))
        #expect(corner.rows == -1..<0)
        #expect(corner.clipped(height: 3, width: 3).count == 0)
    }

    /// For every input index, the covering count equals the outputs whose window, listed cell by cell, holds it.
    @Test(arguments: [(1, 1, 0), (2, 1, 0), (3, 2, 1), (2, 2, 0), (3, 3, 2), (5, 2, 3), (1, 3, 0)])
    func coveringCountMatchesEnumeration(size: Int, stride: Int, padding: Int) {
        for inputCount in 1...9 where inputCount + 2 * padding >= size {
            let outputCount = (inputCount + 2 * padding - size) / stride + 1
            for index in -padding..<(inputCount + padding) {
                let enumerated = (0..<outputCount).filter { o in
                    Window(i: o, j: 0, size: Extent2D(size), stride: Extent2D(stride), padding: Extent2D(padding))
                        .rows.contains(index)
                }.count
                let counted = SlidingAxis.coveringCount(index: index, outputCount: outputCount, size: size,
                                                        stride: stride, padding: padding)
                #expect(counted == enumerated, "n=\(inputCount) index=\(index) size=\(size) s=\(stride) p=\(padding)")
            }
        }
    }

    @Test func strideTwoLeavesCellsNoWindowCovers() {
        // 1×1 windows at stride 2 over 5 cells: outputs read cells 0, 2, 4; cells 1 and 3 get no gradient.
        let counts = (0..<5).map {
            SlidingAxis.coveringCount(index: $0, outputCount: 3, size: 1, stride: 2, padding: 0)
        }
        #expect(counts == [1, 0, 1, 0, 1])
    }

    @Test func flatIndicesAreRowMajorAndRoundTrip() {
        let shape = CanonicalShape([2, 3, 4, 5])
        #expect(shape.flat(0, 0, 0, 1) == 1)
        #expect(shape.flat(0, 0, 1, 0) == 5)
        #expect(shape.flat(0, 1, 0, 0) == 20)
        #expect(shape.flat(1, 0, 0, 0) == 60)
        for flat in 0..<120 {
            let p = shape.position(flat)
            #expect(shape.flat(p.n, p.c, p.row, p.column) == flat)
        }
        // The same order as Tensor's own flat index.
        let tensor = try! Tensor(shape: [2, 3, 4, 5], values: (0..<120).map(Double.init))
        #expect(tensor.flatIndex([1, 2, 3, 4]) == shape.flat(1, 2, 3, 4))
    }
}
