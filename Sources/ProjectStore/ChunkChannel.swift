import Foundation

/// A bounded hand-off between the thread that parses a file and the thread that stores it, so the
/// two overlap on two cores while memory stays bounded (at most `capacity` chunks wait).
final class ChunkChannel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var buffer: [[Element]] = []
    private let capacity: Int
    private var finished = false
    private var closed = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Blocks while the channel is full. Returns false when the receiver has closed it (stop producing).
    func send(_ chunk: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while buffer.count >= capacity && !closed { condition.wait() }
        if closed { return false }
        buffer.append(chunk)
        condition.broadcast()
        return true
    }

    /// The producer is done (successfully or not).
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The receiver gives up: the producer's next `send` returns false.
    func close() {
        condition.lock()
        closed = true
        buffer.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, or nil once the producer has finished and everything was received.
    func receive() -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while buffer.isEmpty && !finished { condition.wait() }
        if buffer.isEmpty { return nil }
        let chunk = buffer.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// The next chunk if one is waiting, without blocking; nil otherwise (whether or not more will come).
    func receiveIfReady() -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        if buffer.isEmpty { return nil }
        let chunk = buffer.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// Blocks until the producer has called `finish()`.
    func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}

/// Thrown inside the producer when the receiver closed the channel; never reaches a user.
struct ChunkChannelClosed: Error {}
