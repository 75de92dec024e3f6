import Testing
@testable import Agreement

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 coders × 12 units, missing values.
let krippendorff2011: [[Double?]] = {
    let a: [Double?] = [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil]
    let b: [Double?] = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3]
    let c: [Double?] = [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil]
    let d: [Double?] = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil]
    return (0..<12).map { [a[$0], b[$0], c[$0], d[$0]] }
}()

/// Fleiss (1971) psychiatric diagnoses: 30 patients, 6 ratings each, 5 categories (R irr `diagnoses`,
/// as reproduced in statsmodels' test_inter_rater.py). Published kappa 0.430 (irr: 0.4302445).
let fleiss1971: [[Double?]] = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
].map { $0.map { Optional($0) } }

@Suite("Published examples")
struct PublishedExamplesTests {
    @Test("Krippendorff 2011, 4 coders x 12 units with missing values: nominal .743, ordinal .815, interval .849, ratio .797",
          arguments: [(MeasurementLevel.nominal, 0.743), (.ordinal, 0.815), (.interval, 0.849), (.ratio, 0.797)])
    func krippendorff2011Alpha(level: MeasurementLevel, published: Double) throws {
        let data = try ReliabilityData(numbers: krippendorff2011)
        let alpha = try KrippendorffAlpha(data, level: level)
        let value = try #require(alpha.value)
        #expect(abs(value - published) < 0.0005)
        #expect(alpha.pairableValues == 40)
    }

    @Test("Krippendorff 2011 coincidence matrix (section C, nominal): o_11 = 7, o_12 = 4/3, n.. = 40")
    func krippendorff2011Coincidences() throws {
        let cm = CoincidenceMatrix(try ReliabilityData(numbers: krippendorff2011))
        #expect(abs(cm[0, 0] - 7) < 1e-12)
        #expect(abs(cm[0, 1] - 4.0 / 3) < 1e-12)
        #expect(cm.marginals.map { ($0 * 3).rounded() / 3 } == [9, 13, 10, 5, 3].map { Double($0) })
        #expect(cm.pairableValues == 40)
    }

    @Test("Krippendorff 2011 binary example (A: 0100000010, B: 1110010000): alpha = 0.095")
    func krippendorffBinary() throws {
        let a: [Double] = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
        let b: [Double] = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
        let data = try ReliabilityData(numbers: (0..<10).map { [a[$0], b[$0]] })
        let alpha = try KrippendorffAlpha(data, level: .nominal)
        #expect(abs(try #require(alpha.value) - 0.095) < 0.0005)
    }

    @Test("Fleiss 1971, 30 subjects x 6 ratings, 5 diagnoses: kappa = 0.430 (irr kappam.fleiss 0.4302445)")
    func fleiss1971Kappa() throws {
        let data = try ReliabilityData(numbers: fleiss1971)
        let kappa = ChanceCorrectedAgreement.fleissKappa(data)
        #expect(abs(try #require(kappa.value) - 0.4302445) < 1e-7)
    }
}
