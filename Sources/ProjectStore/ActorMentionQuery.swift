import Codebook
import Foundation

/// What finding one actor's mentions needs from the register: its aliases compiled for matching,
/// the full-text prefilter, and the search keys that narrow glossary entries. The live search
/// (`MentionFinder`) and the stored rows (`MentionStore`) both start from it, so they cannot drift.
struct ActorMentionQuery: Sendable {
    let actor: Actor
    let aliases: [AliasMatcher.Alias]
    let matcher: AliasMatcher
    /// FTS5 expression: each alias's words as a phrase (a prefix for `Korea*`), OR-ed; nil when no
    /// alias has a word, in which case the actor has no mentions at all.
    let ftsQuery: String?
    /// Alias search forms (`AliasMatcher.searchForm(of:)`) a glossary entry's stored search form
    /// must contain for the matcher to be worth running on it.
    let glossaryKeys: [String]
    /// Everything of the register that the actor's mentions depend on (its id, name and aliases), as
    /// stored beside them: stored rows made under another key are not used.
    let aliasKey: String

    init(actor: Actor) {
        self.actor = actor
        let names = [actor.name] + actor.aliases
        aliases = names.map { AliasMatcher.Alias(actorID: actor.id, pattern: $0) }
        matcher = AliasMatcher(aliases: aliases)
        let terms = Set(names.map { alias in
            let words = AliasMatcher.Alias(actorID: actor.id, pattern: alias).name.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            return "\"" + words.joined(separator: " ").replacingOccurrences(of: "\"", with: "") + "\"" + (alias.hasSuffix("*") ? "*" : "")
        }).filter { $0 != "\"\"" }
        ftsQuery = terms.isEmpty ? nil : terms.sorted().joined(separator: " OR ")
        glossaryKeys = Array(Set(aliases.map(AliasMatcher.searchForm(of:)))).filter { !$0.isEmpty }.sorted()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        aliasKey = String(decoding: (try? encoder.encode([actor.id] + names)) ?? Data(), as: UTF8.self)
    }
}
