import ArgumentParser
import Foundation

/// Says which word of a mistyped command line is wrong, with the nearest valid one.
///
/// swift-argument-parser already answers `--unit` with "Did you mean '--units'?", but only when
/// nothing else is wrong: `code list --rond rel-1` is reported as a missing `--round`, and
/// `code lst` as an unexpected argument with no suggestion. These hints name the typo instead.
enum ArgumentHints {
    /// The message for the first unknown subcommand or option in `arguments`, if there is one.
    static func hint(for arguments: [String], root: ParsableCommand.Type) -> String? {
        hint(arguments[...], command: root, path: [root.configuration.commandName ?? "dossier"])
    }

    private static func hint(_ arguments: ArraySlice<String>, command: ParsableCommand.Type, path: [String]) -> String? {
        let configuration = command.configuration
        if let word = arguments.first, !word.hasPrefix("-"), !configuration.subcommands.isEmpty {
            for sub in configuration.subcommands where name(of: sub) == word {
                return hint(arguments.dropFirst(), command: sub, path: path + [word])
            }
            if configuration.defaultSubcommand == nil {
                let names = configuration.subcommands.map(name(of:))
                return "Unknown command '\(word)' for '\(path.joined(separator: " "))'." + suggestion(word, among: names)
                    + " Commands: \(names.joined(separator: ", "))."
            }
        }
        if let sub = configuration.defaultSubcommand, !configuration.subcommands.isEmpty {
            return hint(arguments, command: sub, path: path)
        }
        let valid = longOptions(of: command)
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--") else { continue }
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if !valid.contains(name) {
                return "Unknown option '\(name)' for '\(path.joined(separator: " "))'." + suggestion(name, among: valid.sorted())
            }
        }
        return nil
    }

    /// A command's name as typed: its configured name, else its type name in kebab case (as ArgumentParser does).
    static func name(of command: ParsableCommand.Type) -> String {
        if let name = command.configuration.commandName { return name }
        var out = ""
        for (i, c) in String(describing: command).enumerated() {
            if c.isUppercase, i > 0 { out += "-" }
            out += c.lowercased()
        }
        return out
    }

    /// Every long option a command accepts, hidden ones included, read from its full help.
    private static func longOptions(of command: ParsableCommand.Type) -> Set<String> {
        let help = Dossier.helpMessage(for: command, includeHidden: true, columns: 10_000)
        var valid: Set<String> = ["--help", "--version", "--experimental-dump-help"]
        let regex = try! NSRegularExpression(pattern: #"--[a-z0-9][a-z0-9-]*"#)
        for match in regex.matches(in: help, range: NSRange(help.startIndex..., in: help)) {
            if let range = Range(match.range, in: help) { valid.insert(String(help[range])) }
        }
        return valid
    }

    /// " Did you mean 'x'?" for the closest name within a few edits, or nothing.
    static func suggestion(_ word: String, among names: [String]) -> String {
        let scored = names.map { ($0, distance(word, $0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let best = scored.first, best.1 <= max(2, word.count / 3) else { return "" }
        return " Did you mean '\(best.0)'?"
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            for j in 1...b.count {
                let above = row[j]
                row[j] = Swift.min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}

extension Dossier {
    /// Parses and runs like ArgumentParser's own `main`, but a line that does not parse is first
    /// checked for a mistyped command or option, which is then named with the nearest valid one.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure, let hint = ArgumentHints.hint(for: arguments, root: Dossier.self) {
                printError("Error: \(hint)")
                printError("  See 'dossier --help' for the commands and 'dossier COMMAND --help' for their options.")
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
            exit(withError: error)
        }
    }
}
