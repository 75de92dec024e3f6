import Testing
@testable import TerminalUI

@Suite struct TextLayoutTests {
    @Test func widthCountsWideCharactersTwiceAndAccentsNever() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("朴正熙") == 6)
        #expect(DisplayWidth.of("cafe\u{301}") == 4)        // e + combining acute: one column
        #expect(DisplayWidth.of("café") == 4)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("\u{1F1F0}\u{1F1F7}") == 2 || DisplayWidth.of("\u{1F1F0}\u{1F1F7}") == 1)
        #expect(DisplayWidth.of("\u{200B}") == 0)
    }

    @Test func wrappingNeverBreaksInsideAWord() {
        let text = "The government expects an adverse reaction from the opposition if the payment becomes known."
        for width in 10...60 {
            let lines = TextWrapper.wrap(text, width: width)
            #expect(lines.allSatisfy { $0.width <= width }, "width \(width)")
            let words = Set(text.split(separator: " ").map(String.init))
            for line in lines {
                for word in line.plain.split(separator: " ") { #expect(words.contains(String(word)), "width \(width): '\(word)'") }
            }
            #expect(lines.map(\.plain).joined(separator: " ") == text)
        }
    }

    @Test func wideCharactersAndAccentsWrapByColumns() {
        let text = "Pak Chung-hee (朴正熙) met the cafe\u{301} owner in 서울 with naïve hopes of 한국군 파병 support."
        for width in [10, 12, 17, 30] {
            let lines = TextWrapper.wrap(text, width: width)
            #expect(lines.allSatisfy { $0.width <= width }, "width \(width): \(lines.map(\.plain))")
            #expect(lines.map(\.plain).joined(separator: " ") == text)
            #expect(lines.contains { $0.plain.contains("(朴正熙)") })
            #expect(lines.contains { $0.plain.contains("cafe\u{301}") })
        }
    }

    @Test func aWordLongerThanTheLineIsTheOnlyThingCut() {
        let lines = TextWrapper.wrap("see 103.9302/37-38-39-40-41 now", width: 10)
        #expect(lines.map(\.plain) == ["see", "103.9302/3", "7-38-39-40", "-41 now"])
    }

    @Test func stylesSurviveWrapping() {
        let cells = "one two three".map { TextWrapper.Cell($0, $0 == "t" ? .bold : .plain) }
        let lines = TextWrapper.wrap(cells, width: 7)
        #expect(lines.map(\.plain) == ["one two", "three"])
        #expect(lines[1].runs.first == StyledLine.Run(text: "t", style: .bold))
    }

    @Test func fittingCutsWithAnEllipsisAndPadsToTheExactWidth() {
        let line = StyledLine("漢字 and more text", .plain)
        let cut = line.fitted(to: 8)
        #expect(cut.width == 8 && cut.plain.hasSuffix("…"))
        #expect(StyledLine("ab").fitted(to: 5).plain == "ab   ")
        #expect(StyledLine("abcde").fitted(to: 5).plain == "abcde")
    }
}

@Suite struct KeyDecoderTests {
    @Test func decodesTextControlKeysAndEscapeSequences() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(Array("2é/".utf8)) == [.character("2"), .character("é"), .character("/")])
        #expect(decoder.feed([0x0D, 0x7F, 0x09, 0x03]) == [.enter, .backspace, .tab, .control("c")])
        #expect(decoder.feed(Array("\u{1B}[A\u{1B}[B\u{1B}OC\u{1B}[D".utf8)) == [.up, .down, .right, .left])
        #expect(decoder.feed(Array("\u{1B}[5~\u{1B}[6~\u{1B}[H\u{1B}[4~\u{1B}[3~".utf8)) == [.pageUp, .pageDown, .home, .end, .delete])
    }

    @Test func waitsForTheRestOfASplitSequenceAndTakesALoneEscapeOnPause() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B, UInt8(ascii: "[")]) == [])
        #expect(decoder.feed([UInt8(ascii: "5")]) == [])
        #expect(decoder.feed([UInt8(ascii: "~")]) == [.pageUp])
        #expect(decoder.feed([0xE6]) == [])                       // first byte of 朴
        #expect(decoder.feed([0x9C, 0xB4]) == [.character("朴")])
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.flush() == [.escape])
        #expect(decoder.feed([0x1B, UInt8(ascii: "q")]) == [.escape, .character("q")])
    }
}
