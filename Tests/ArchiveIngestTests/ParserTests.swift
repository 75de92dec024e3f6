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
