import Codebook

/// The likelihoods a criterion's evidence test implies when the codebook gives none for a
/// category: `P(E | member)` and `P(E | not member)` for evidence that the criterion holds.
///
/// Van Evera (1997, "Guide to Methods for Students of Political Science", 31–32) defines the tests
/// by certitude and uniqueness; Collier (2011, "Understanding Process Tracing", PS 44:4, table 1)
/// reads them as necessary and/or sufficient; Bennett (2015, appendix to Bennett & Checkel, eds.,
/// "Process Tracing") states them as likelihoods: a hoop test has `P(E | H)` near 1 and
/// `P(E | not H)` well above 0, a smoking gun `P(E | not H)` near 0 and `P(E | H)` modest, a straw in
/// the wind both moderate and close, doubly decisive near 1 and near 0. Fairfield & Charman (2022) warn that 0 and 1 make one item decisive whatever else is found, so none is used.
/// The numbers are this project's reading of those descriptions, chosen so a hoop test failed and a
/// smoking gun found weigh the same ±9.03 dB (the one is the other's mirror, Collier 2011). They are
/// the four pairs Humphreys & Jacobs (2023, "Integrated Inferences", §5.3.1 and Figure 5.3) use to
/// draw the tests (`plotit(.4, .6)`, `(.6, .95)`, `(.05, .4)`, `(.05, .95)` in the book's source, as
/// P(E | not H), P(E | H)); the book too calls the smoking gun's 0.9 (log10 8) "substantial, but not
/// strong". They are defaults for a codebook that says nothing, not findings. A codebook's
/// `likelihoods:` for a criterion and category replace them.
///
/// | test | P(E ǀ member) | P(E ǀ not member) | found | absent or contradicted |
/// |---|---|---|---|---|
/// | straw in the wind | 0.60 | 0.40 | +1.76 dB | −1.76 dB |
/// | hoop | 0.95 | 0.60 | +2.00 dB | −9.03 dB |
/// | smoking gun | 0.40 | 0.05 | +9.03 dB | −2.00 dB |
/// | doubly decisive | 0.95 | 0.05 | +12.79 dB | −12.79 dB |
public enum DefaultLikelihoods {
    /// The default for a test.
    public static func likelihood(for test: EvidenceTest) -> Likelihood {
        switch test {
        case .strawInTheWind: Likelihood(ifMember: 0.60, ifNotMember: 0.40)
        case .hoop: Likelihood(ifMember: 0.95, ifNotMember: 0.60)
        case .smokingGun: Likelihood(ifMember: 0.40, ifNotMember: 0.05)
        case .doublyDecisive: Likelihood(ifMember: 0.95, ifNotMember: 0.05)
        }
    }

    /// Where the defaults come from, for output that shows them.
    public static let source = "default for the evidence test (Van Evera 1997; Collier 2011; Bennett 2015; Fairfield & Charman 2022; the pairs of Humphreys & Jacobs 2023, Figure 5.3)"
}
