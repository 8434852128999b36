import CNNCore
import CNNProblems
import Testing

/// The generators against their published reference outputs: a seed must give the same problem everywhere.
struct RandomTests {
    @Test func splitMix64MatchesItsReferenceOutputs() {
        var mixer = SplitMix64(seed: 1_234_567)
        let outputs = (0..<5).map { _ in mixer.next() }
        #expect(outputs == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                            4_593_380_528_125_082_431, 16_408_922_859_458_223_821])
    }

    @Test func xoshiro256StarStarMatchesItsReferenceOutputs() {
        var random = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let outputs = (0..<10).map { _ in random.next() }
        #expect(outputs == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360,
                            607_988_272_756_665_600, 16_172_922_978_634_559_625, 8_476_171_486_693_032_832,
                            10_595_114_339_597_558_777, 2_904_607_092_377_533_576])
    }

    @Test func aSeedFillsTheStateFromSplitMix64() {
        var mixer = SplitMix64(seed: 99)
        var expected = Xoshiro256StarStar(state: (mixer.next(), mixer.next(), mixer.next(), mixer.next()))
        var seeded = Xoshiro256StarStar(seed: 99)
        #expect((0..<8).map { _ in seeded.next() } == (0..<8).map { _ in expected.next() })
    }

    @Test func drawsStayInTheirRangeAndReachEveryValue() {
        var random = Xoshiro256StarStar(seed: 5)
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let value = random.integer(in: -3...5)
            #expect((-3...5).contains(value))
            seen.insert(value)
        }
        #expect(seen == Set(-3...5))
    }

    /// Lemire's method with the bound 3 over a stream whose first word lands in the rejected zone.
    @Test func aDrawInTheBiasedZoneIsDrawnAgain() {
        // 2⁶⁴ mod 3 = 1: a low word of 0 is rejected. next() of state (0, 0, 0, 1) is 0, so the first draw is redone.
        var random = Xoshiro256StarStar(state: (0, 0, 0, 1))
        var copy = random
        _ = copy.next()
        let second = copy.next().multipliedFullWidth(by: 3).high
        #expect(random.below(3) == second)
    }

    @Test func shufflingKeepsEveryElement() {
        var random = Xoshiro256StarStar(seed: 11)
        let values = Array(0..<20)
        let shuffled = random.shuffled(values)
        #expect(shuffled.sorted() == values)
        #expect(shuffled != values)
    }
}
