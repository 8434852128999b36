/// The operand or parameter of an operation that a refusal concerns, as a value, so that a caller can point at the
/// field the user wrote (a lesson's `stride:` line, a `--padding` option) without reading the message.
public enum Operand: String, Equatable, Sendable, CaseIterable {
    case input, filter, gradient, bias, stride, padding, dilation, poolSize, outputPadding, group, groups
}

/// What a refusal is about: the operand (nil when it concerns no single one, such as the total work) and its
/// name in words for the message. A string literal is a subject with no operand.
public struct Subject: Equatable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let operand: Operand?
    public let description: String

    public init(_ operand: Operand?, _ description: String) {
        self.operand = operand
        self.description = description
    }

    public init(stringLiteral description: String) {
        self.init(nil, description)
    }

    public static let input = Subject(.input, "the input")
    public static let filter = Subject(.filter, "the filter")
    public static let outputGradient = Subject(.gradient, "the output gradient")
    public static let bias = Subject(.bias, "the bias")
    public static let stride = Subject(.stride, "the stride")
    public static let padding = Subject(.padding, "the padding")
    public static let dilation = Subject(.dilation, "the dilation")
    public static let poolSize = Subject(.poolSize, "the pooling size")
    public static let outputPadding = Subject(.outputPadding, "the output padding")
    public static let group = Subject(.group, "the channel group")
    public static let groups = Subject(.groups, "the number of groups")

    /// "the filter height", keeping the operand.
    public func along(_ axis: String) -> Subject { Subject(operand, "\(description) \(axis)") }
}

/// Why the core refused a computation. Every case reads as one line a student can act on.
public enum CoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case raggedRows(row: Int, expected: Int, found: Int)
    case notANumber(text: String, row: Int, column: Int)
    case nonFinite(text: String)
    /// A numeral longer than `limit` characters (`length` in all), refused before it is converted.
    case numeralTooLong(text: String, length: Int, limit: Int, row: Int, column: Int)
    case magnitudeTooLarge(text: String)
    /// A nonzero numeral below `Limits.minMagnitude`: it would underflow to 0 (or to an imprecise denormal).
    case magnitudeTooSmall(text: String)
    case emptyTensor(what: Subject)
    case badRank(what: Subject, rank: Int, allowed: String)
    case shapeMismatch(what: Subject, expected: [Int], found: [Int])
    case channelMismatch(inputChannels: Int, filterChannels: Int)
    case filterTooLarge(window: Subject, axis: String, filter: Int, paddedInput: Int)
    case dilatedFilterTooLarge(axis: String, filter: Int, dilation: Int, span: Int, paddedInput: Int)
    case outputPaddingTooLarge(outputPadding: Int, stride: Int, dilation: Int)
    case nonPositive(what: Subject, value: Int)
    case negative(what: Subject, value: Int)
    case tooLarge(what: Subject, count: Int, limit: Int)
    /// A tensor whose shape holds more values than `Limits.maxElements`.
    case tooManyValues(what: Subject, shape: [Int], limit: Int)
    /// A count (of weights, of operations) beyond what a 64-bit integer holds.
    case uncountable(what: Subject, quantity: String)
    case paddingTooLarge(padding: Int, windowSize: Int)
    case indexOutOfRange(what: String, index: [Int], shape: [Int])
    case channelsNotDivisible(channels: Int, group: Int)
    /// A grouped convolution's input channels or filters (`count` of them, named by `noun`) not a multiple of G.
    case notDivisibleIntoGroups(count: Int, noun: String, groups: Int)
    /// A grouped filter bank whose channel axis is not C/G.
    case groupChannelMismatch(filterChannels: Int, inputChannels: Int, groups: Int)

    /// The operand the refusal concerns, when it concerns one.
    public var operand: Operand? {
        switch self {
        case .raggedRows, .notANumber, .nonFinite, .numeralTooLong, .magnitudeTooLarge, .magnitudeTooSmall,
             .indexOutOfRange: nil
        case .emptyTensor(let what), .badRank(let what, _, _), .shapeMismatch(let what, _, _): what.operand
        case .nonPositive(let what, _), .negative(let what, _), .tooLarge(let what, _, _): what.operand
        case .tooManyValues(let what, _, _): what.operand
        case .uncountable(let what, _): what.operand
        case .filterTooLarge(let window, _, _, _): window.operand
        case .channelMismatch: .filter
        case .paddingTooLarge: .padding
        case .dilatedFilterTooLarge: .dilation
        case .outputPaddingTooLarge: .outputPadding
        case .channelsNotDivisible: .group
        case .notDivisibleIntoGroups: .groups
        case .groupChannelMismatch: .filter
        }
    }

    public var description: String {
        switch self {
        case let .raggedRows(row, expected, found):
            return "ragged matrix: row \(row) has \(found) value\(found == 1 ? "" : "s"), row 1 has \(expected)"
        case let .notANumber(text, row, column):
            return "not a number: '\(text)' at row \(row), value \(column)"
        case let .nonFinite(text):
            return "not a finite number: '\(text)' (NaN and infinities are not allowed)"
        case let .numeralTooLong(text, length, limit, row, column):
            return "the number '\(text)' at row \(row), value \(column) is too long: \(length) characters, "
                + "at most \(limit)"
        case let .magnitudeTooLarge(text):
            return "'\(text)' is too large for a lesson; numbers must lie between -1e100 and 1e100"
        case let .magnitudeTooSmall(text):
            return "'\(text)' underflows: a nonzero number must be at least 1e-100 in size (a smaller one would "
                + "be read as 0)"
        case let .emptyTensor(what):
            return "\(what) is empty"
        case let .badRank(what, rank, allowed):
            return "\(what) has rank \(rank); expected \(allowed)"
        case let .shapeMismatch(what, expected, found):
            return "\(what) has shape \(Shape.describe(found)); expected \(Shape.describe(expected))"
        case let .channelMismatch(inputChannels, filterChannels):
            let plural = filterChannels == 1 ? "" : "s"
            return "the filter has \(filterChannels) channel\(plural) but the input has \(inputChannels)"
        case let .filterTooLarge(window, axis, filter, paddedInput):
            return "\(window.along(axis)) \(filter) is larger than the padded input \(axis) \(paddedInput)"
        case let .dilatedFilterTooLarge(axis, filter, dilation, span, paddedInput):
            return "the filter \(axis) \(filter) at dilation \(dilation) spans \(span), "
                + "more than the padded input \(axis) \(paddedInput)"
        case let .outputPaddingTooLarge(outputPadding, stride, dilation):
            return "the output padding \(outputPadding) must be smaller than the stride \(stride) "
                + "or the dilation \(dilation)"
        case let .nonPositive(what, value):
            return "\(what) must be at least 1, got \(value)"
        case let .negative(what, value):
            return "\(what) must not be negative, got \(value)"
        case let .tooLarge(what, count, limit):
            return "\(what) is too large: \(count) exceeds the limit of \(limit)"
        case let .tooManyValues(what, shape, limit):
            return "\(what) would be too large: shape \(Shape.describe(shape)), more than the limit of \(limit) values"
        case let .uncountable(what, quantity):
            return "\(what) is too large to count \(quantity): more than 2⁶³ − 1"
        case let .paddingTooLarge(padding, windowSize):
            return "pooling padding \(padding) is more than half the window size \(windowSize)"
        case let .indexOutOfRange(what, index, shape):
            return "\(what) index \(index) is outside shape \(Shape.describe(shape))"
        case let .channelsNotDivisible(channels, group):
            return "the input's \(channels) channel\(channels == 1 ? "" : "s") do not split into groups of \(group)"
        case let .notDivisibleIntoGroups(count, noun, groups):
            let (plural, verb) = count == 1 ? ("", "does") : ("s", "do")
            return "the \(count) \(noun)\(plural) \(verb) not split into \(groups) equal groups"
        case let .groupChannelMismatch(filterChannels, inputChannels, groups):
            let perGroup = inputChannels / groups
            return "the filter has \(filterChannels) channel\(filterChannels == 1 ? "" : "s") but each of the "
                + "\(groups) groups sees C/G = \(inputChannels)/\(groups) = \(perGroup) input "
                + "channel\(perGroup == 1 ? "" : "s")"
        }
    }
}

public enum Shape {
    /// `[3, 4]` → "3×4".
    public static func describe(_ shape: [Int]) -> String {
        shape.map(String.init).joined(separator: "×")
    }
}

/// Bounds that keep every request lesson-sized, so bad input is refused instead of hanging.
public enum Limits {
    public static let maxElements = 10_000_000
    /// Multiply-adds one operation may need.
    public static let maxWork = 4_000_000_000
    /// Any single size, stride or padding; keeps all index arithmetic far from overflow.
    public static let maxExtent = 10_000_000
    /// Largest magnitude of an input number: products and sums of lesson-sized tensors stay finite.
    public static let maxMagnitude = 1e100
    /// Smallest magnitude of a nonzero input number: a smaller one would be read as 0 or lose its precision.
    public static let minMagnitude = 1e-100
}
