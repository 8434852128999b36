/// A named slip a wrong answer can come from: the identifier a lesson declares under a quiz's `mistakes:` and
/// the `kind` the tutor's JSON carries. The raw values are stable; new slips add cases, none is renamed.
public enum QuizMistakeKind: String, CaseIterable, Sendable, Codable {
    // Convolution forward
    case flippedFilter = "flipped-filter"
    case beforeReLU = "before-relu"
    case biasForgotten = "bias-forgotten"
    case paddingForgotten = "padding-forgotten"
    case strideIgnored = "stride-ignored"
    case dilationIgnored = "dilation-ignored"
    case otherGroup = "other-group"
    case otherTileFilter = "other-tile-filter"
    // Pooling
    case meanForMaximum = "mean-for-maximum"
    case maximumForMean = "maximum-for-mean"
    case rounding = "rounding"
    case fractionDropped = "fraction-dropped"
    case sumNotDivided = "sum-not-divided"
    // Running sums
    case wholeSum = "whole-sum"
    case termMiscounted = "term-miscounted"
    // Gradients
    case unrotatedFilter = "unrotated-filter"
    case averagedGradient = "averaged-gradient"
    case filtersNotSummed = "filters-not-summed"
    case batchAveraged = "batch-averaged"
    case gradientSign = "gradient-sign"
    // Transposed convolution
    case stampsNotAdded = "stamps-not-added"
    case stampTurned = "stamp-turned"
    case outputPaddingAtStart = "output-padding-at-start"
    // Output size
    case roundedUp = "rounded-up"
    case roundedToNearest = "rounded-to-nearest"
    case plusOneForgotten = "plus-one-forgotten"
    case paddingCountedOnce = "padding-counted-once"
    // Network
    case channelsInterleaved = "channels-interleaved"
    case logBase = "log-base"
    case minusForgotten = "minus-forgotten"
    case oneMinusProbability = "one-minus-probability"
    case labelForgotten = "label-forgotten"
    case differenceReversed = "difference-reversed"
    case stepAdded = "step-added"
    case rateForgotten = "rate-forgotten"
    case exponentialAlone = "exponential-alone"
    // Anywhere
    case wrongCell = "wrong-cell"

    /// Which of two slips giving the same wrong value is named: the lower wins. A slip that teaches the step's
    /// lesson comes before a generic one; the right sum at the wrong place comes last, as it explains any
    /// number that happens to sit beside the answer.
    var priority: Int {
        switch self {
        case .wrongCell: 3
        case .termMiscounted, .wholeSum: 1
        case .strideIgnored: 2
        default: 0
        }
    }
}
