import ArgumentParser
import Foundation

/// A passage id as the tool prints it: `p16275` or `16275`.
struct PassageID: ExpressibleByArgument, Sendable {
    var value: Int64

    init?(argument: String) {
        guard let value = PrefixedID.parse(argument, prefix: "p") else { return nil }
        self.value = value
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// Reads ids written with or without their one-letter prefix.
enum PrefixedID {
    static func parse(_ text: String, prefix: Character) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.first == prefix ? String(trimmed.dropFirst()) : trimmed
        guard let value = Int64(digits), value > 0 else { return nil }
        return value
    }
}
