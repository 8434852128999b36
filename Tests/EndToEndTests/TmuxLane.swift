import Foundation
import Testing

/// One thread of its own for the tmux suites: their tests spend most of their time asleep, polling a screen, and
/// `swift test` has as many test threads as cores (two here). On the shared threads each of the serialized suites'
/// steps also waited its turn behind every other queued test, so the tmux tests ran last, one core idle, after all
/// the rest. On this thread they run from the start, beside the others, and their sleeps hold no test thread.
final class TmuxLane: TaskExecutor, @unchecked Sendable {
    static let shared = TmuxLane()

    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var jobs: [UnownedJob] = []

    private init() {
        let thread = Thread { [unowned self] in runJobs() }
        thread.name = "tmux lane"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func runJobs() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Runs a suite, and every test in it, on the tmux lane: the tasks the suite starts inherit the preference.
struct OnTmuxLane: SuiteTrait, TestScoping {
    func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        test.isSuite ? self : nil
    }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        try await withTaskExecutorPreference(TmuxLane.shared) { try await function() }
    }
}

extension Trait where Self == OnTmuxLane {
    /// The suite and its tests run on `TmuxLane`'s thread.
    static var onTmuxLane: Self { Self() }
}
