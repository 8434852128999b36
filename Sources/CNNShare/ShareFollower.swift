import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The follower's `ShareWatcher` on a dispatch queue of its own, polling every `interval` seconds: a share file on
/// a hung file system (an NFS server gone away) stalls that queue's thread, never the follower's keys. `take()`
/// hands over what changed.
public final class ShareFollower: Sendable {
    private let latest = Mutex(ShareReading.unchanged)
    private let stopped = Atomic(false)

    /// Starts polling `path` at once.
    public init(path: String, interval: Double = 0.1) {
        DispatchQueue(label: "cnn-tutor.share-follower").async { [self] in
            var watcher = ShareWatcher(path: path)
            while !stopped.load(ordering: .relaxed) {
                let reading = watcher.poll()
                if reading != .unchanged { latest.withLock { $0 = reading } }
                usleep(UInt32(interval * 1_000_000))
            }
        }
    }

    /// The latest reading since the last call (a new share, a new problem), or `.unchanged`.
    public func take() -> ShareReading {
        latest.withLock { reading in
            defer { reading = .unchanged }
            return reading
        }
    }

    /// Ends the polling (after the poll under way).
    public func stop() {
        stopped.store(true, ordering: .relaxed)
    }
}
