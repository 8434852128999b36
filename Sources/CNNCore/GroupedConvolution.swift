/// One group of a grouped convolution: its filters and the input channels they alone see.
public struct ChannelGroup: Equatable, Sendable, CustomStringConvertible {
    /// 0-based, below `count`.
    public let index: Int
    /// G, the number of groups.
    public let count: Int
    /// The group's filters (output channels), 0-based.
    public let filters: Range<Int>
    /// The input channels the group's filters see, 0-based.
    public let channels: Range<Int>

    public init(index: Int, count: Int, filters: Range<Int>, channels: Range<Int>) {
        (self.index, self.count, self.filters, self.channels) = (index, count, filters, channels)
    }

    /// "group 2 of 3: filter 2 sees input channel 2 only", "group 1 of 2: filters 1–2 see input channels 1–2 only",
    /// numbered from the current index base.
    public var description: String {
        let base = IndexBase.current
        let who = filters.count == 1 ? "filter \(Self.numbered(filters)) sees" : "filters \(Self.numbered(filters)) see"
        return "group \(base.shown(index)) of \(count): \(who) \(channelWords) only"
    }

    /// The description as a sentence: "Group 2 of 3: filter 2 sees input channel 2 only."
    public var sentence: String {
        let words = description
        return words.prefix(1).uppercased() + words.dropFirst() + "."
    }

    /// "input channel 3", "input channels 3–4", in the current index base.
    public var channelWords: String {
        (channels.count == 1 ? "input channel " : "input channels ") + Self.numbered(channels)
    }

    /// "3" or "3–4": a range of 0-based indices numbered in the current index base.
    public static func numbered(_ range: Range<Int>) -> String {
        let base = IndexBase.current
        let first = base.shown(range.lowerBound), last = base.shown(range.upperBound - 1)
        return first == last ? "\(first)" : "\(first)–\(last)"
    }
}

/// Grouped convolution (G > 1): the C input channels and the K filters split into G groups in order, and filter k
/// of group g sees only that group's C/G channels, so each filter has C/G channels instead of C and the layer
/// K·(C/G)·Kh·Kw weights instead of K·C·Kh·Kw. G = C is a depthwise convolution: one channel a group.
extension Convolution {
    /// C/G: the channels each filter sees, which is the filters' channel axis.
    public var channelsPerGroup: Int { channels / groups }

    /// K/G: the filters of each group.
    public var filtersPerGroup: Int { filterCount / groups }

    /// Group `index` (0-based, below `groups`).
    public func channelGroup(_ index: Int) -> ChannelGroup {
        ChannelGroup(index: index, count: groups,
                     filters: (index * filtersPerGroup)..<((index + 1) * filtersPerGroup),
                     channels: (index * channelsPerGroup)..<((index + 1) * channelsPerGroup))
    }

    /// The group of filter `k` (0-based).
    public func channelGroup(ofFilter k: Int) -> ChannelGroup { channelGroup(k / filtersPerGroup) }

    /// The group of input channel `c` (0-based).
    public func channelGroup(ofChannel c: Int) -> ChannelGroup { channelGroup(c / channelsPerGroup) }

    /// K·(C/G)·Kh·Kw, the weights of the filter bank.
    public var weightCount: Int { filters.count }

    /// K·C·Kh·Kw, the weights of the same layer with one group: every filter sees every channel.
    public var denseWeightCount: Int { weightCount * groups }

    /// The weights and, when the layer has a bias, its K biases.
    public var parameterCount: Int { weightCount + (bias?.count ?? 0) }

    /// `parameterCount` of the same layer with one group.
    public var denseParameterCount: Int { denseWeightCount + (bias?.count ?? 0) }

    /// The parameter count with its arithmetic, then the one-group layer's for comparison:
    /// "Parameters: K·(C/G)·Kh·Kw + K = 4·(4/2)·3·3 + 4 = 76" and
    /// "With one group: K·C·Kh·Kw + K = 4·4·3·3 + 4 = 148 (G = 2 times the weights)".
    public var parameterCountLines: [String] {
        let biasSymbol = bias == nil ? "" : " + K", biasValue = bias == nil ? "" : " + \(filterCount)"
        let kernel = "\(kernelHeight)·\(kernelWidth)"
        return [
            "Parameters: K·(C/G)·Kh·Kw\(biasSymbol) = \(filterCount)·(\(channels)/\(groups))·\(kernel)\(biasValue)"
                + " = \(parameterCount)",
            "With one group: K·C·Kh·Kw\(biasSymbol) = \(filterCount)·\(channels)·\(kernel)\(biasValue)"
                + " = \(denseParameterCount) (G = \(groups) times the weights)",
        ]
    }

    /// Refuses G < 1, C or K not divisible by G, and a filter bank whose channel axis is not C/G.
    /// - Parameters:
    ///   - groups: G as asked.
    ///   - channels: C, the input's channels.
    ///   - filters: K, the filter count.
    ///   - filterChannels: the filter bank's channel axis.
    static func checkGroups(_ groups: Int, channels: Int, filters: Int, filterChannels: Int) throws {
        guard groups >= 1 else { throw CoreError.nonPositive(what: .groups, value: groups) }
        guard channels % groups == 0 else {
            throw CoreError.notDivisibleIntoGroups(count: channels, noun: "input channel", groups: groups)
        }
        guard filters % groups == 0 else {
            throw CoreError.notDivisibleIntoGroups(count: filters, noun: "filter", groups: groups)
        }
        guard filterChannels * groups == channels else {
            // With one group, the message every dense layer has always given.
            guard groups > 1 else {
                throw CoreError.channelMismatch(inputChannels: channels, filterChannels: filterChannels)
            }
            throw CoreError.groupChannelMismatch(filterChannels: filterChannels, inputChannels: channels,
                                                 groups: groups)
        }
    }
}
