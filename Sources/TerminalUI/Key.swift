/// A key the coder pressed, decoded from the bytes a terminal sends.
public enum Key: Equatable, Sendable {
    case character(Character)
    case enter
    case tab
    case backspace
    case delete
    case escape
    case up, down, left, right
    case pageUp, pageDown, home, end
    /// Ctrl with a letter (`Ctrl-C` is `.control("c")`).
    case control(Character)
}
