/// Rows and columns of a terminal.
public struct TerminalSize: Equatable, Sendable {
    public var columns: Int
    public var rows: Int
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

/// What the coding screen needs from a terminal. ``POSIXTerminal`` is the real one; tests and
/// benchmarks use their own.
public protocol Terminal: AnyObject {
    /// The current size (after a resize, the new one).
    var size: TerminalSize { get }
    /// True once after the terminal was resized since the last call.
    func takeResize() -> Bool
    /// Writes bytes to the screen.
    func write(_ text: String)
    /// Waits up to `milliseconds` for input: the bytes read, `[]` when none came, nil at end of input.
    func read(timeoutMilliseconds: Int) -> [UInt8]?
    /// Switches to the full-screen mode (raw keys, alternate screen, hidden cursor).
    func enter() throws
    /// Puts the terminal back as it was.
    func leave()
}
