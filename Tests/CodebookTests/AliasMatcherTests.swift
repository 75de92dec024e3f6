import Foundation
import Testing
@testable import Codebook

@Suite("Finding actor mentions by alias")
struct AliasMatcherTests {
    private func matcher(_ pairs: [(String, String)]) -> AliasMatcher {
        AliasMatcher(aliases: pairs.map { AliasMatcher.Alias(actorID: $0.0, pattern: $0.1) })
    }

    @Test("whole words only: Korea does not match Koreans unless the alias asks")
    func wordBoundaries() {
        let text = "The Koreans met in Korea; korea's delegates and KOREA."
        let plain = matcher([("KOR", "Korea")]).matches(in: text)
        #expect(plain.map(\.text) == ["Korea", "korea", "KOREA"])
        #expect(plain.first.map { [$0.start, $0.end] } == [19, 24])
        let prefix = matcher([("KOR", "Korea*")]).matches(in: text)
        #expect(prefix.map(\.text) == ["Koreans", "Korea", "korea", "KOREA"])
        #expect(prefix.first.map { [$0.start, $0.end] } == [4, 11])
        #expect(matcher([("KOR", "Korea")]).matches(in: "NorthKorea SouthKorea").isEmpty)
    }

    @Test("case-kept aliases: =US matches US, not us")
    func keptCase() {
        let found = matcher([("USA", "=US"), ("USA", "United States")]).matches(in: "Let us ask the US and the united  states.")
        #expect(found.map(\.text) == ["US", "united  states"])
        #expect(found.allSatisfy { $0.actorID == "USA" })
        #expect(matcher([("USA", "=U.S.")]).matches(in: "The U.S. position; the u.s. view").map(\.text) == ["U.S."])
    }

    @Test("accents and apostrophes are ignored; offsets are Unicode scalars in the original text")
    func diacritics() {
        let m = matcher([("CIV", "Côte d'Ivoire")])
        #expect(m.matches(in: "Troops from Cote d'Ivoire arrived.").map(\.text) == ["Cote d'Ivoire"])
        #expect(m.matches(in: "Troops from CÔTE D’IVOIRE arrived.").map(\.text) == ["CÔTE D’IVOIRE"])
        // Decomposed o + combining circumflex: offsets count both scalars.
        let decomposed = "À Co\u{302}te d'Ivoire!"
        let found = m.matches(in: decomposed)
        #expect(found.count == 1)
        #expect(found.first.map { [$0.start, $0.end] } == [2, 16])
        #expect(found.first?.text == "Co\u{302}te d'Ivoire")
        // An alias written without accents matches accented text too.
        let plain = matcher([("SEN", "Senegal"), ("TUR", "Turkiye")])
        #expect(plain.matches(in: "le Sénégal et la Türkiye").map(\.actorID) == ["SEN", "TUR"])
        // Offsets after a character outside the Basic Multilingual Plane are scalar counts.
        let emoji = matcher([("KOR", "Korea")]).matches(in: "🇰🇷 Korea")
        #expect(emoji.first.map { [$0.start, $0.end] } == [3, 8])
    }

    @Test("multiword aliases match across line breaks and runs of spaces")
    func multiword() {
        let m = matcher([("KOR", "Republic of Korea"), ("KOR", "=ROK"), ("ZAF", "Union of South Africa")])
        let text = "the Republic of\n   Korea and the ROK; the Union of South\tAfrica; rok"
        let found = m.matches(in: text)
        #expect(found.map(\.actorID) == ["KOR", "KOR", "ZAF"])
        #expect(found[0].text == "Republic of\n   Korea")
        #expect(found[0].start == 4)
        #expect(found[0].end == 24)
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[found[2].start..<found[2].end])) == "Union of South\tAfrica")
    }

    @Test("overlaps resolve leftmost-longest; identical spans of two actors are both kept")
    func overlaps() {
        let m = matcher([
            ("PRK", "Democratic People's Republic of Korea"), ("KOR", "Republic of Korea"),
            ("KOR", "Korea*"), ("GEO", "Georgia"), ("USA-GA", "Georgia"),
        ])
        let found = m.matches(in: "The Democratic People's Republic of Korea attacked the Republic of Korea. Georgia.")
        #expect(found.map(\.actorID) == ["PRK", "KOR", "GEO", "USA-GA"])
        #expect(found[0].text == "Democratic People's Republic of Korea")
        #expect(found[1].text == "Republic of Korea")
    }

    @Test("the register's aliases feed the matcher")
    func fromRegister() throws {
        let register = try Register.load(data: try Fixtures.data("Imports/register/buying-allies.yaml"), path: "r.yaml")
        let found = register.aliasMatcher().matches(in: """
            The ROK government asked us whether the U.S. would pay; Colombian troops and the Union of
            South Africa's squadron stayed in Korea, as did the Philippine engineers.
            """)
        #expect(found.map(\.actorID) == ["KOR", "USA", "COL", "ZAF", "PHL"])
        #expect(found.map(\.text) == ["ROK", "U.S.", "Colombian", "Union of\nSouth Africa", "Philippine"])
    }

    @Test("one folding serves case-kept and caseless aliases: lower-casing the case-kept folding is folding without case")
    func foldingOnceAgreesWithFoldingTwice() {
        let texts = [
            "The Koreans met in Korea; KOREA's delegates.", "Côte d’Ivoire — CÔTE D'IVOIRE\u{00A0}and\tthe\n\nROK",
            "STRAẞE Straße ŁÓDŹ Øresund ﬁnance Æther İstanbul ΣΟΦΙΑ σοφία", "e\u{0301}te\u{0301} `quoted` \u{2014} \u{2212}1",
            "", "   ", "U.S.A. u.s.a. US us", "Ǆ ǅ ǆ ﬀ Ⅻ ① ＡＢＣ",
        ]
        for text in texts {
            let direct = TextFolding.fold(text, keepCase: false)
            let derived = TextFolding.lowercased(TextFolding.fold(text, keepCase: true))
            #expect(direct.scalars == derived.scalars, "\(text)")
            #expect(direct.origins == derived.origins, "\(text)")
        }
        // Both tables in one text, as the register's USA aliases (name, =US) are.
        let both = matcher([("USA", "United States"), ("USA", "=US"), ("ROK", "Korea*")])
        #expect(both.matches(in: "the UNITED STATES, us, the US and Koreans").map(\.text) == ["UNITED STATES", "US", "Koreans"])
    }

    @Test("ASCII texts are matched on their bytes exactly as on their folded scalars")
    func asciiBytesAgreeWithFoldedScalars() {
        let aliases = [("USA", "United States"), ("USA", "=US"), ("USA", "=U.S."), ("USA", "United States of America"),
                       ("ROK", "Korea*"), ("ROK", "=ROK"), ("ROK", "Republic of Korea"), ("GBR", "U.K."), ("GBR", "Britain"),
                       ("X", "o'clock"), ("X", "-7"), ("Y", "United"), ("CIV", "Côte d'Ivoire"), ("Z", "r")]
        let m = matcher(aliases)
        let words = ["United", "UNITED", "united", "States", "STATES", "of", "America", "US", "us", "U.S.", "u.s.", "ROK",
                     "rok", "Korea", "Koreans", "KOREA's", "Republic", "Britain", "U.K.", "o`clock", "o'clock", "-7", "x-7",
                     "Cote", "d'Ivoire", "r", "R", "1950", ",", "."]
        let gaps = [" ", "  ", "\n", " \n\t ", "", "\r\n", ", "]
        var rng = Seeded(state: 13)
        var texts = ["", " ", "United  States", "United\nStates of  America", "the US", "US", "Korean", "o`clock  ROK\n"]
        for _ in 0..<400 {
            texts.append((0..<Int.random(in: 1...12, using: &rng)).map { _ in
                words.randomElement(using: &rng)! + gaps.randomElement(using: &rng)!
            }.joined())
        }
        for text in texts {
            #expect(text.utf8.allSatisfy { $0 < 0x80 })
            let bytes = m.matches(in: text), scalars = m.scalarMatches(in: text)
            #expect(bytes == scalars, "\(text.debugDescription)")
        }
        // A text with one non-ASCII scalar takes the scalar path, offsets in scalars.
        #expect(m.matches(in: "Côte d’Ivoire and the US").map(\.start) == [0, 22])
    }

    @Test("texts with other scalars are matched on folded bytes exactly as on folded scalars when the aliases are ASCII")
    func foldedBytesAgreeWithFoldedScalars() {
        let ascii = matcher([("USA", "United States"), ("USA", "=US"), ("USA", "=U.S."), ("ROK", "Korea*"), ("ROK", "=ROK"),
                             ("CIV", "Côte d'Ivoire"), ("X", "o'clock"), ("X", "-7"), ("E", "ete"), ("Y", "Istanbul")])
        let other = matcher([("GRC", "ΣΟΦΙΑ"), ("USA", "United States")])
        let words = ["United", "STATES", "States", "US", "us", "U.S.", "ROK", "Korea", "Koreans", "KOREA’s", "Côte", "COTE",
                     "d’Ivoire", "D'IVOIRE", "o’clock", "o\u{1FEF}clock", "\u{2212}7", "—7", "ete", "e\u{0301}te\u{0301}", "été",
                     "İstanbul", "ISTANBUL", "ΣΟΦΙΑ", "σοφία", "Straße", "ﬁnance", "①", "“quoted”", "Ⅻ", "Ǆ", "ẞ", "x", "1950"]
        let gaps = [" ", "  ", "\n", "\u{00A0}", " \u{2003} ", "", ", ", "\u{0301} "]
        var rng = Seeded(state: 17)
        var texts = ["", "\u{00A0}", "United\u{00A0}States", "e\u{0301}te\u{0301}", "Koreans\u{0301}", "ΣΟΦΙΑ US"]
        for _ in 0..<400 {
            texts.append((0..<Int.random(in: 1...12, using: &rng)).map { _ in
                words.randomElement(using: &rng)! + gaps.randomElement(using: &rng)!
            }.joined())
        }
        for text in texts {
            #expect(ascii.matches(in: text) == ascii.scalarMatches(in: text), "\(text.debugDescription)")
            #expect(other.matches(in: text) == other.scalarMatches(in: text), "\(text.debugDescription)")
        }
    }
}

/// A fixed sequence of pseudo-random numbers (SplitMix64), so every run checks the same texts.
private struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
