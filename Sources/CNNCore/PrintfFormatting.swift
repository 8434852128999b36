#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// `format` filled in with `arguments` by C's `vsnprintf` ("%.4f", "%5.1f %%", "%.12g"), always in the C
    /// locale: a decimal point, never a comma, whatever locale the terminal set with `setlocale(LC_ALL, "")`.
    /// What Foundation's `String(format:)` printed under the C locale, without linking Foundation.
    ///
    /// - Parameters:
    ///   - format: a printf format. Precondition: its conversions match `arguments` in number and C type
    ///     (`%d` an `Int32`, `%ld` an `Int`, `%f`/`%g` a `Double`).
    ///   - arguments: the values, in the order of the conversions.
    public init(cFormat format: String, _ arguments: any CVarArg...) {
        let previous = uselocale(cLocale)
        defer { uselocale(previous) }
        var buffer = [CChar](repeating: 0, count: 64)
        let length = Int(withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) })
        if length >= buffer.count {
            buffer = [CChar](repeating: 0, count: length + 1)
            _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        self.init(decoding: buffer.prefix(Swift.max(length, 0)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The C locale, made once (its decimal point is what matters): `uselocale` switches only the calling thread to it,
/// so threads formatting at the same time never see each other's locale.
nonisolated(unsafe) private let cLocale = newlocale(LC_NUMERIC_MASK, "C", nil)
