#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Set from the SIGWINCH handler; a signal handler may only touch a plain flag.
nonisolated(unsafe) private var windowChanged: sig_atomic_t = 0
/// The settings to restore if the process is terminated while the screen is raw.
nonisolated(unsafe) private var savedSettings = termios()
nonisolated(unsafe) private var hasSavedSettings = false

// File-level wrappers: inside the class `write` and `read` name its own methods.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }

private let leaveSequence = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

/// The controlling terminal through termios and ANSI escape sequences: raw key input without echo,
/// the alternate screen (so the shell's scrollback is left as it was), SIGWINCH for live resizing.
///
/// On SIGTERM or SIGHUP the terminal is restored before the process ends; everything the coder
/// entered was already saved, so nothing else needs doing.
public final class POSIXTerminal: Terminal {
    private let input: Int32
    private let output: Int32
    private var entered = false

    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.input = input
        self.output = output
    }

    /// Whether both ends are a terminal (otherwise the session runs line by line).
    public static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    public var size: TerminalSize {
        var ws = winsize()
        let ok = withUnsafeMutablePointer(to: &ws) { ioctl(output, UInt(TIOCGWINSZ), $0) } == 0
        if ok && ws.ws_col > 0 && ws.ws_row > 0 { return TerminalSize(columns: Int(ws.ws_col), rows: Int(ws.ws_row)) }
        let columns = getenv("COLUMNS").flatMap { Int(String(cString: $0)) } ?? 80
        let rows = getenv("LINES").flatMap { Int(String(cString: $0)) } ?? 24
        return TerminalSize(columns: columns, rows: rows)
    }

    public func takeResize() -> Bool {
        guard windowChanged != 0 else { return false }
        windowChanged = 0
        return true
    }

    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { systemWrite(output, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }

    public func read(timeoutMilliseconds: Int) -> [UInt8]? {
        var fds = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        let ready = poll(&fds, 1, Int32(timeoutMilliseconds))
        if ready < 0 { return errno == EINTR ? [] : nil }
        if ready == 0 { return [] }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { systemRead(input, $0.baseAddress!, $0.count) }
        if n < 0 { return errno == EINTR || errno == EAGAIN ? [] : nil }
        if n == 0 { return nil }
        return Array(buffer[0..<n])
    }

    public func enter() throws {
        guard !entered else { return }
        var settings = termios()
        guard tcgetattr(input, &settings) == 0 else { throw TerminalError.notATerminal }
        savedSettings = settings
        hasSavedSettings = true
        var raw = settings
        // Keys one by one, no echo, Ctrl-C and Ctrl-Z as keys (the screen decides), no CR->LF mapping.
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | BRKINT | INPCK | ISTRIP)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSAFLUSH, &raw) == 0 else { throw TerminalError.notATerminal }
        signal(SIGWINCH) { _ in windowChanged = 1 }
        // A parent (a test runner, a multiplexer) may have left SIGWINCH blocked; resizing needs it.
        var resize = sigset_t()
        sigemptyset(&resize)
        sigaddset(&resize, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &resize, nil)
        let restore: @convention(c) (Int32) -> Void = { sig in
            if hasSavedSettings { tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedSettings) }
            leaveSequence.withCString { _ = systemWrite(STDOUT_FILENO, $0, strlen($0)) }
            _exit(128 + sig)
        }
        signal(SIGTERM, restore)
        signal(SIGHUP, restore)
        entered = true
        write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J")
    }

    public func leave() {
        guard entered else { return }
        write(leaveSequence)
        if hasSavedSettings { tcsetattr(input, TCSAFLUSH, &savedSettings) }
        signal(SIGWINCH, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        signal(SIGHUP, SIG_DFL)
        entered = false
    }

    deinit { leave() }
}

/// Why the full screen could not start.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal

    public var description: String {
        "the input is not a terminal; use `--plain` (or pipe the answers in) for the line-by-line session."
    }
}
