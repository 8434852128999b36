import Testing
import CNNCore

struct NumberFormatTests {
    @Test(arguments: [
        (3.75, "3.75"), (-4, "-4"), (0.5, "0.5"), (-0.0, "0"), (0, "0"),
        (3.7500000000000004, "3.75"), (0.1 + 0.2, "0.3"), (1.0 / 3.0, "0.333333333333"),
        (-2.5, "-2.5"), (123456789, "123456789"), (1.5e-7, "1.5e-07"), (2e20, "2e+20"), (-1e-300, "-1e-300"),
    ] as [(Double, String)])
    func printsAsAPersonWrites(value: Double, text: String) {
        #expect(NumberFormat.string(value) == text)
    }

    @Test func cancellationNoiseIsZeroAgainstItsScale() {
        let noise = 0.1 + 0.2 - 0.3
        #expect(noise != 0)
        #expect(NumberFormat.string(noise, scale: 0.3) == "0")
        // A genuinely small number among small numbers stays.
        #expect(NumberFormat.string(1e-9, scale: 1e-9) == "1e-09")
    }

    /// Issue 13.9: against an infinite or NaN scale every finite value was cancellation noise, printed as 0.
    @Test func aNonFiniteScaleNeverTurnsAValueIntoZero() {
        #expect(NumberFormat.string(2, scale: .infinity) == "2")
        #expect(NumberFormat.string(-3.5, scale: -.infinity) == "-3.5")
        #expect(NumberFormat.string(7, scale: .nan) == "7")
        #expect(NumberFormat.string(.infinity, scale: .infinity) == "∞")
        #expect(NumberFormat.string(.nan) == "NaN")
    }

    @Test func parsesNumbersAndRefusesTheRest() throws {
        #expect(try TensorText.parseNumber("-1.5") == -1.5)
        #expect(try TensorText.parseNumber("3.75") == 3.75)
        for bad in ["nan", "inf", "x", "", "1..2", "--1"] {
            #expect(throws: CoreError.self) { try TensorText.parseNumber(bad) }
        }
        #expect(throws: CoreError.nonFinite(text: "1e999")) { try TensorText.parseNumber("1e999") }
    }

    @Test func parsesMatricesAndNamesTheRaggedRow() throws {
        let matrix = try TensorText.parseMatrix("1 2 3; 4,5,6\n7 8 9")
        #expect(matrix.shape == [3, 3])
        #expect(matrix.values == [1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(throws: CoreError.raggedRows(row: 2, expected: 2, found: 1)) { try TensorText.parseMatrix("1 2; 3") }
        #expect(throws: CoreError.notANumber(text: "x", row: 2, column: 2)) { try TensorText.parseMatrix("1 2; 3 x") }
        #expect(throws: CoreError.emptyTensor(what: "the matrix")) { try TensorText.parseMatrix(" ; ") }
    }

    // Fewer digits for display (a lesson's `digits:`): rounded, trailing zeros trimmed, integers whole.
    @Test(arguments: [
        (0.183744502917, 4, "0.1837"), (-0.00123456, 3, "-0.00123"), (16, 2, "16"), (0.5, 4, "0.5"),
        (1.5e-7, 2, "1.5e-07"), (123456.7, 3, "1.23e+05"), (0.099996, 4, "0.1"), (1.0 / 3.0, 20, "0.333333333333"),
    ] as [(Double, Int, String)])
    func printsToFewerSignificantDigits(value: Double, digits: Int, text: String) {
        #expect(NumberFormat.string(value, scale: 0, digits: digits) == text)
    }

    @Test func halfAUnitOfTheLastDigitShown() {
        #expect(NumberFormat.halfUnit(of: 0.183744502917, digits: 4) == 0.5e-4)
        #expect(NumberFormat.halfUnit(of: -0.00123456, digits: 3) == 0.5e-5)
        // 0.099996 shows as 0.1, whose four digits end at 0.0001 (0.1000).
        #expect(NumberFormat.halfUnit(of: 0.099996, digits: 4) == 0.5e-4)
        // Shown exactly: nothing to allow.
        #expect(NumberFormat.halfUnit(of: 0.5, digits: 4) == 0 && NumberFormat.halfUnit(of: 16, digits: 1) == 0)
    }
}
