/// Who is asking: the handle given with `--as` (or `DOSSIER_CODER`), or nobody.
///
/// Every read of a round's codings, notes, disagreements, audit events or packets takes a viewer,
/// and ``AccessPolicy`` decides from the viewer's role and the round's state what they may see.
public struct Viewer: Sendable, Hashable, CustomStringConvertible {
    /// The coder handle, or nil when nobody said who they are.
    public let handle: String?

    public init(_ handle: String?) {
        self.handle = handle.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Nobody in particular: sees everything except blind rounds that are still open.
    public static let anonymous = Viewer(nil)

    public var description: String { handle ?? "(nobody)" }
}
