/// The size the tutor draws at. The terminal's own size (TIOCGWINSZ) wins over COLUMNS and LINES, which a stale
/// or hostile environment can set to anything (`COLUMNS=10000 LINES=10000` once made a 10 GB screen), and any
/// size is clamped to `maximum`: no size a terminal or an environment reports is ever allocated whole.
public struct ScreenSize: Equatable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// A million cells: more than any screen a person reads, and a few tens of MB at most.
    public static let maximum = ScreenSize(width: 1000, height: 1000)
    /// What a terminal that reports no size is taken to be (terminfo's `cols` and `lines` for most terminals).
    public static let fallback = ScreenSize(width: 80, height: 24)

    /// The size to draw at, axis by axis: the terminal's, else the environment's, else `fallback`; clamped to
    /// 1…`maximum`.
    ///
    /// - Parameters:
    ///   - terminal: the terminal's size from TIOCGWINSZ; nil, or 0 on an axis, where it does not say.
    ///   - environment: read for COLUMNS and LINES, for an axis the terminal does not give.
    public static func resolve(terminal: ScreenSize?, environment: [String: String]) -> ScreenSize {
        let width = positive(terminal?.width) ?? positive(environment["COLUMNS"].flatMap { Int($0) }) ?? fallback.width
        let height = positive(terminal?.height) ?? positive(environment["LINES"].flatMap { Int($0) })
            ?? fallback.height
        return ScreenSize(width: min(width, maximum.width), height: min(height, maximum.height))
    }

    private static func positive(_ value: Int?) -> Int? {
        value.flatMap { $0 > 0 ? $0 : nil }
    }
}
