import Foundation

/// Lookups that stay fixed for the length of one bulk write (a `code import` transaction): coders,
/// rounds, codebook versions (whose decoded definition is the expensive part), whether a case
/// exists, whether a coder has assignments in a round. The import writes codings and finished
/// units only, none of these, so caching them inside its transaction is exact; re-fetching and
/// re-decoding them was three quarters of the per-row cost.
final class LookupCache {
    var coders: [String: CoderRecord] = [:]
    var rounds: [String: RoundRecord] = [:]
    var codebooks: [Int64: CodebookVersionRecord] = [:]
    var cases: [String: Bool] = [:]
    /// Subject kind (`case`, `operation_actor`) per case id.
    var subjects: [String: String] = [:]
    var hasAssignments: [String: Bool] = [:]
}
