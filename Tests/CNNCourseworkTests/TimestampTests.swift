import Foundation
import Testing
import CNNCoursework

/// Exam result timestamps against Foundation's ISO8601DateFormatter, which wrote them before: hand-ins written by
/// either build read the same.
struct TimestampTests {
    @Test(arguments: [0, 1_778_335_387, 1_778_335_387.999, 951_782_400, -86_400.5, 4_102_444_799] as [Double])
    func matchesFoundationsFormatter(seconds: Double) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let date = Date(timeIntervalSince1970: seconds)
        #expect(ExamResult.timestamp(date) == formatter.string(from: date))
    }

    @Test func worksOutByHand() {
        #expect(ExamResult.timestamp(Date(timeIntervalSince1970: 1_778_335_387.6)) == "2026-05-09T14:03:07Z")
    }
}
