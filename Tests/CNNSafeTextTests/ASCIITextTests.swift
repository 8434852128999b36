import CNNSafeText
import Testing

@Suite struct ASCIITextTests {
    @Test func symbolsAreSpelledInASCII() {
        #expect(ASCIIText.transliterated("O₁₁ = X₁₁·F₁₁ + … (80×24, ∂L/∂X, −4 → 4)")
            == "O11 = X11*F11 + ... (80x24, dL/dX, -4 -> 4)")
        #expect(ASCIIText.transliterated("⌊(N + 2P − F)/S⌋ + 1 ≤ 10⁵ ± 1") == "floor((N + 2P - F)/S) + 1 <= 10^5 +/- 1")
    }

    @Test func aRunOfSuperscriptDigitsIsOneExponent() {
        #expect(ASCIIText.transliterated("2⁶³ − 1, X² + Y³") == "2^63 - 1, X^2 + Y^3")
        #expect(ASCIIText.replacement(for: "⁶") == ["^", "6"])
    }

    @Test func asciiIsKeptControlsIncluded() {
        let text = "plain text \u{1B}[0m\n\t~"
        #expect(ASCIIText.transliterated(text) == text)
        #expect(ASCIIText.replacement(for: "a") == ["a"])
    }

    @Test func marksAreDroppedAndTheUnknownIsAQuestionMark() {
        #expect(ASCIIText.transliterated("cafe\u{301} é 漢字 🙂") == "cafe e ?? ?")
    }

    @Test func everyStandInIsPrintableASCII() {
        let samples = "─│┌…·×−→←∂Σ≈≠≤≥∞√°“”«»ᵀαβγδΔεηθλμπσρτφω∈∀⌈⌉⌊⌋⟨⟩\u{00A0}₀₉⁰⁹±"
        for scalar in samples.unicodeScalars {
            let replacement = ASCIIText.replacement(for: scalar)
            #expect(!replacement.isEmpty && replacement.allSatisfy { (0x20..<0x7F).contains($0.value) },
                    "\(scalar) → \(replacement)")
        }
    }
}
