import Dispatch
import Synchronization

/// The presenter's side of the share file: `publish` hands the latest share to a writer thread and returns at
/// once, so that a slow or hung file system (an NFS server gone away) never holds up the presenter's keys.
/// Shares published faster than they are written are skipped to the latest: the class follows where the
/// presenter is, not every step on the way.
public final class SharePublisher: Sendable {
    public let path: String
    private let queue = DispatchQueue(label: "cnn-tutor.share-publisher")
    private let state = Mutex(PublisherState())

    private struct PublisherState {
        /// The share waiting to be written, when one is.
        var pending: ClassroomShare?
        var writing = false
        /// Why the last write failed; nil once one succeeds.
        var problem: ShareProblem?
    }

    public init(path: String) {
        self.path = path
    }

    /// Writes `share` soon, in the background.
    public func publish(_ share: ClassroomShare) {
        let start = state.withLock { state -> Bool in
            state.pending = share
            guard !state.writing else { return false }
            state.writing = true
            return true
        }
        if start { queue.async { self.writePending() } }
    }

    /// Why the last write failed, nil when it succeeded.
    public var problem: ShareProblem? { state.withLock { $0.problem } }

    /// Waits until what was published is written (before the presenter's tutor exits), at most `timeout`
    /// seconds: a hung file system must not keep the tutor from exiting.
    public func finish(timeout: Double = 2) {
        let done = DispatchSemaphore(value: 0)
        queue.async { done.signal() }
        _ = done.wait(timeout: .now() + timeout)
    }

    private func writePending() {
        while let share = state.withLock({ state -> ClassroomShare? in
            defer { state.pending = nil }
            if state.pending == nil { state.writing = false }
            return state.pending
        }) {
            var problem: ShareProblem?
            do { try ShareFile.write(share, to: path) } catch { problem = error }
            state.withLock { $0.problem = problem }
        }
    }
}
