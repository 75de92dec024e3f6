import ArgumentParser
import Foundation
import ProjectStore

/// `--as HANDLE`, or `$DOSSIER_CODER`: who is running the command. The one identity rule of the
/// CLI; what the person may see and do is decided by ``AccessPolicy`` in ProjectStore.
struct IdentityOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Who you are: your coder handle.",
        discussion: "Defaults to $DOSSIER_CODER. While a blind round is open you see only your own codings.",
        valueName: "handle"))
    var handle: String?

    /// The handle from `--as`, else `$DOSSIER_CODER`, else nobody.
    var viewer: Viewer {
        Viewer(handle ?? ProcessInfo.processInfo.environment["DOSSIER_CODER"])
    }

    /// Who the audit log names for a register or codebook change: the handle, or "-" when nobody said.
    var editor: String { viewer.handle ?? "-" }

    /// The person doing the work, for commands that also accept the older `--coder HANDLE`:
    /// `--as` and `--coder` must agree when both are given.
    func acting(legacy coder: String?) throws -> String {
        if let handle, let coder, handle != coder {
            throw ValidationError("--as \(handle) and --coder \(coder) name different people; give one.")
        }
        guard let who = handle ?? coder ?? viewer.handle else {
            throw ValidationError("say who you are with --as HANDLE (or set DOSSIER_CODER).")
        }
        return who
    }
}
