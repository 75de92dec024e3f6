import Foundation

/// Counts, for this process, how often a connection found the project's write lock taken and
/// waited for it (each retry of the busy handler). An import compares the count before and after
/// opening a staging transaction to learn whether another writer took the lock in the gap before
/// it, and so whether to keep leaving longer gaps.
public final class LockWaitCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Retries counted so far.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func increment() {
        lock.lock()
        value += 1
        lock.unlock()
    }
}
