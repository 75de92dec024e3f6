import Foundation
import Testing
@testable import ArchiveIngest

@Suite("Date parser")
struct DateParserTests {
    @Test func teiAttributes() {
        #expect(DateParser.parse(when: "1965-04-01") == DocumentDate(min: "1965-04-01", max: "1965-04-01", precision: .day, raw: "1965-04-01"))
        #expect(DateParser.parse(when: "1965-06") == DocumentDate(min: "1965-06-01", max: "1965-06-30", precision: .month, raw: "1965-06"))
        #expect(DateParser.parse(when: "1964-02")?.max == "1964-02-29")
        #expect(DateParser.parse(when: "1965") == DocumentDate(min: "1965-01-01", max: "1965-12-31", precision: .year, raw: "1965"))
        #expect(DateParser.parse(when: "1965-04-01T13:58:00")?.precision == .minute)
        #expect(DateParser.parse(when: "1965-04-01T13:58:07Z")?.precision == .second)
        #expect(DateParser.parse(when: "18270623") == DocumentDate(min: nil, max: nil, precision: .unknown, raw: "18270623"))
        #expect(DateParser.parse(when: "1965-02-30")?.precision == .unknown)
        #expect(DateParser.parse(from: "1977-03-30T11:15:00", to: "1977-03-30T14:15:00") ==
                DocumentDate(min: "1977-03-30T11:15:00", max: "1977-03-30T14:15:00", precision: .range,
                             raw: "1977-03-30T11:15:00/1977-03-30T14:15:00"))
        #expect(DateParser.parse(notBefore: "1810-07") == DocumentDate(min: "1810-07-01", max: nil, precision: .range, raw: "1810-07/"))
        #expect(DateParser.parse() == nil)
    }

    @Test func frusMinMax() {
        let day = DateParser.parseFRUS(min: "1960-12-14T00:00:00-05:00", max: "1960-12-14T23:59:59-05:00")
        #expect(day?.precision == .day)
        #expect(day?.min == "1960-12-14T00:00:00-05:00")
        #expect(DateParser.parseFRUS(min: "1960-12-01T00:00:00-05:00", max: "1963-11-09T23:59:59-05:00")?.precision == .range)
        #expect(DateParser.parseFRUS(min: nil, max: nil) == nil)
    }

    @Test func printedDates() {
        #expect(DateParser.parseText("April 1, 1965.")?.min == "1965-04-01")
        #expect(DateParser.parseText("3 February 1957")?.min == "1957-02-03")
        #expect(DateParser.parseText("June 1965")?.precision == .month)
        #expect(DateParser.parseText("no date") == nil)
        #expect(DateParser.parse("1820/1972")?.max == "1972-12-31")
    }
}

@Suite("Source note parser")
struct SourceNoteParserTests {
    @Test func usualForm() {
        let n = SourceNoteParser.parse("Source: National Archives and Records Administration, RG 59, Central Files 1964–66, POL 27–3 VIET S. Top Secret; Nodis.")
        #expect(n.repository == "National Archives and Records Administration")
        #expect(n.collection == "RG 59")
        #expect(n.fileIdentifier == "Central Files 1964–66, POL 27–3 VIET S")
        #expect(n.classification == "Top Secret")
        #expect(n.handling == ["Nodis"])
    }

    @Test func otherForms() {
        let j = SourceNoteParser.parse("Source: Johnson Library, National Security File, Country File, Vietnam, 5 D (2), Allies: Troop Commitments and Other Aid, 1967–69. No classification marking.")
        #expect(j.repository == "Johnson Library")
        #expect(j.collection == "National Security File")
        #expect(j.classification == "No classification marking")
        let n = SourceNoteParser.parse("Source: National Archives, Nixon Presidential Materials, NSC Files, Box 556, Country Files, Far East, Philippines, Vol. II. Secret; Nodis.")
        #expect(n.fileIdentifier == "NSC Files, Box 556, Country Files, Far East, Philippines, Vol. II")
        #expect(n.classification == "Secret")
        let w = SourceNoteParser.parse("Source: Washington National Records Center, RG 330, OSD/OASD/ISA Files: FRC 70 A 4443, Korea 091.112. Secret.")
        #expect(w.collection == "RG 330")
        #expect(w.fileIdentifier == "OSD/OASD/ISA Files: FRC 70 A 4443, Korea 091.112")
        let d = SourceNoteParser.parse("795.00/8–1550")
        #expect(d.fileIdentifier == "795.00/8–1550")
        #expect(d.repository == nil)
        #expect(d.classification == nil)
        let e = SourceNoteParser.parse("Source: Department of State, Central Files, POL 1. Secret; Immediate; Limdis; Literally Eyes Only. Drafted by X.")
        #expect(e.handling == ["Immediate", "Limdis", "Literally Eyes Only"])
        let c = SourceNoteParser.parse("Source: Department of State, Central Files. Limited Official Use; Priority.")
        #expect(c.classification == "Limited Official Use")
        #expect(c.handling == ["Priority"])
    }

    /// Source-note forms seen in the 95-volume series (volume and document in each comment).
    @Test func classificationForms() {
        // The form the issue reports: unknown caveat words after the level used to void the sentence.
        let exdis = SourceNoteParser.parse("Source: Department of State, Central Files, POL 27 VIET S. Secret; Exclusive Distribution; No Distribution Outside Department.")
        #expect(exdis.classification == "Secret")
        #expect(exdis.handling == ["Exdis", "No Distribution Outside Department"])
        #expect(exdis.fileIdentifier == "POL 27 VIET S")
        // frus1955-57v24 d153: the level after a comma, no sentence break.
        let comma = SourceNoteParser.parse("Source: Department of State, Central Files, 747C.00/12–2355, Secret; Niact . Drafted by Allen and Baxter and signed by Dulles .")
        #expect(comma.classification == "Secret")
        #expect(comma.handling == ["Niact"])
        #expect(comma.fileIdentifier == "747C.00/12–2355")
        // frus1961-63v03 d57: no period after the file designation.
        let noPeriod = SourceNoteParser.parse("Source: Department of State, Central Files, DEF 19 S VIET Secret; Priority. Drafted by Wood and cleared by Barnett , in AID")
        #expect(noPeriod.classification == "Secret")
        #expect(noPeriod.handling == ["Priority"])
        // frus1955-57v02 d178: a qualifier before the level.
        let personal = SourceNoteParser.parse("Source: Eisenhower Library, Whitman File, DDE Diaries. Personal and Confidential. Douglas , chairman of the board")
        #expect(personal.classification == "Confidential")
        #expect(personal.handling == ["Personal"])
        // frus1955-57v02 d182: "Confidential File" is a collection, the marking comes later.
        let file = SourceNoteParser.parse("Source: Eisenhower Library, White House Central Files, Confidential File, Formosan Question. Secret. Also directed to the Under Secretary.")
        #expect(file.classification == "Secret")
        // frus1961-63v03 d263: a lot file named after two levels.
        let lot = SourceNoteParser.parse("Source: Department of State, Top Secret and Secret Summaries: Lot 65 D 142. Top Secret; Eyes Only for the Secretary.")
        #expect(lot.classification == "Top Secret")
        #expect(lot.handling == ["Eyes Only"])
        // frus1955-57v23p2 d37: a folder "Strictly Confidential" before the real marking.
        let folder = SourceNoteParser.parse("Source: Princeton University Library, Dulles Papers, Strictly Confidential. Top Secret; Personal. Hanes was O’Connor’s Special Assistant.")
        #expect(folder.classification == "Top Secret")
        #expect(folder.handling == ["Personal"])
        // frus1969-76ve04 d2 and frus1964-68v14 d230.
        #expect(SourceNoteParser.parse("Source: National Archives, RG 59, Central Files 1967-69, POL 17-5 IRAN-US. Confidential with Secret attachment. Drafted by Theodore L. Eliot Jr.").classification == "Confidential")
        #expect(SourceNoteParser.parse("Source: Johnson Library, National Security File, Rostow Files, Hollybush. No classification marking or drafting information appears on the record.").classification == "No classification marking")
        // frus1955-57v26 d142: a missing period ends the caveats at the remark.
        let remark = SourceNoteParser.parse("Source: Department of State, Central Files, 962A.7162B/4–155. Secret; Niact Repeated to Heidelberg and Washington.")
        #expect(remark.handling == ["Niact"])
        // frus1952-54Guat d193: code words kept as written.
        let guat = SourceNoteParser.parse("Source: Central Intelligence Agency, Job 79-010125A, Box 75, Folder 2. No classification marking; Operational Immediate; RYBAT; PBSUCCESS .")
        #expect(guat.classification == "No classification marking")
        #expect(guat.handling == ["Operational Immediate", "RYBAT", "PBSUCCESS"])
        // Words that only look like levels.
        #expect(SourceNoteParser.parse("Source: Department of State, Secretary’s Memoranda of Conversation: Lot 64 D 199.").classification == nil)
        #expect(SourceNoteParser.parse("Source: Eisenhower Library, White House Central files, Confidential file").classification == nil)
        #expect(SourceNoteParser.parse("Source: Department of State, Central Files. Secret talks were held in Paris.").classification == nil)
    }

    @Test func docTypeInference() {
        #expect(DocTypeInference.infer("56. Telegram From the Embassy in Korea to the Department of State") == "telegram")
        #expect(DocTypeInference.infer("72.Telegram From the Embassy") == "telegram")
        #expect(DocTypeInference.infer("Memorandum of Conversation, by the Assistant Secretary") == "memorandum of conversation")
        #expect(DocTypeInference.infer("No. 140 The Secretary of State to the Embassy") == nil)
        #expect(DocTypeInference.infer("81. Editorial Note") == "editorial note")
        #expect(DocTypeInference.infer("12. Minutes of Meeting") == "minutes")
        #expect(DocTypeInference.infer("228. Memorandum by the President's Special Assistant") == "memorandum")
    }
}

@Suite("Text helpers on the parsing path")
struct TextHelperTests {
    @Test func trimmedAgreesWithFoundation() {
        let samples = ["", " ", "\n\t ", "a", " a ", "\u{A0}Secret\u{2003}", "\u{3000}x\u{85}", "\u{200B}x\u{200B}",
                       " \u{301}a", "a \u{301}", "Top Secret;\n", "\u{FEFF}x", "é\r\n", "\u{2028}line\u{2029}", "\u{1680}z"]
        for s in samples {
            #expect(s.trimmed.utf8.elementsEqual(s.trimmingCharacters(in: .whitespacesAndNewlines).utf8), "\(s.debugDescription)")
        }
    }

    @Test func lastWordAgreesWithSplitting() {
        for s in ["", " ", "one", "one two", "one two  ", "  U.S", "a  b ", "Vol", "see p"] {
            let expected = s.split(separator: " ").last.map(String.init) ?? ""
            #expect(SourceNoteParser.lastWord(of: s) == expected, "\(s.debugDescription)")
        }
    }

    /// The sentence splitting as written before it looked only a few characters past each period
    /// (it lower-cased the whole rest of the note at every period).
    static func splitSentencesAsBefore(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "." && (i + 1 == chars.count || chars[i + 1] == " ") {
                let lastWord = current.split(separator: " ").last.map { String($0).lowercased() } ?? ""
                let stripped = lastWord.trimmingCharacters(in: CharacterSet(charactersIn: "([“\"'"))
                let isInitial = stripped.count == 1 && stripped.first!.isLetter
                let rest = String(chars[min(i + 2, chars.count)...]).lowercased()
                let markingFollows = SourceNoteParser.classifications.contains { rest.hasPrefix($0.0) }
                if SourceNoteParser.abbreviations.contains(stripped) || isInitial, i + 1 < chars.count, !markingFollows {
                    current.append(c)
                } else {
                    let t = current.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !t.isEmpty { out.append(t) }
                    current = ""
                }
            } else {
                current.append(c)
            }
            i += 1
        }
        let t = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !t.isEmpty { out.append(t) }
        return out
    }

    @Test func sentencesAreSplitAsBefore() {
        // Many periods, abbreviations and initials, markings right after an abbreviation.
        let long = (1...200).map { "See vol. \($0), p. \($0). J. Smith to the U.S. Embassy" }.joined(separator: ". ")
        let notes = [
            "Source: National Archives, RG 59, \(long). Secret; Nodis. Drafted by J. Doe.",
            "Source: Department of State, Central Files, 795.00/8–1550. Top Secret. Sent to U.S. No classification marking.",
            "Source: Johnson Library, NSF, Vol. Secret. Confidential.",
            "Ibid., p. 4. Limited Official Use. Repeated to St. Petersburg. É. Ñ. Unclassified.",
            "Source: U.S. Army, Box 3. no classification marking. x. y",
            "", ".", ". .", "A. B. C.", "Mr. Secret. Official Use Only",
        ]
        for note in notes {
            #expect(SourceNoteParser.splitSentences(note) == Self.splitSentencesAsBefore(note), "\(note.prefix(60))")
        }
        let parsed = SourceNoteParser.parse(notes[0])
        #expect(parsed.classification == "Secret")
        #expect(parsed.handling == ["Nodis"])
    }
}
