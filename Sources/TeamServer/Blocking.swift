import Dispatch

/// Where the waiting thread finds the async result; written once before the semaphore is signalled.
private final class BlockingResult<T: Sendable>: @unchecked Sendable {
    var result: Result<T, Error>?
}

/// Runs the team layer's async work from synchronous code (a command, a ``TeamServerWorkStore``
/// call), waiting for it on this thread.
public func blockingOnTeamServer<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = BlockingResult<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}
