import ArgumentParser

/// A document id as the tool prints it: `d12` or `12`.
struct DocumentID: ExpressibleByArgument, Sendable {
    var value: Int64

    init?(argument: String) {
        guard let value = PrefixedID.parse(argument, prefix: "d") else { return nil }
        self.value = value
    }
}
