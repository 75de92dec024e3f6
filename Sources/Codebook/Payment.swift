import Foundation

/// Something a payer gave, agreed or offered to a recipient for its participation.
public struct Payment: Sendable, Hashable, Codable, Identifiable {
    /// Where the payment stands.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case offered, agreed, paid, refused
    }

    /// What the amount is counted per.
    public enum Basis: String, Sendable, Hashable, Codable, CaseIterable {
        /// The whole payment.
        case total
        case perMonth = "per_month"
        case perYear = "per_year"
        /// Per item (per aircraft, per vehicle).
        case perUnit = "per_unit"
    }

    /// Stable id, `CASE#N` (`KOREA-1950/COL#1`).
    public var id: String
    /// Case id.
    public var caseID: String
    /// Actor id of the payer.
    public var payer: String
    public var scheme: PaymentScheme
    public var subtype: PaymentSubtype?
    /// Nil when no figure is documented.
    public var amount: Decimal?
    /// ISO 4217 code; required with an amount.
    public var currency: String?
    public var basis: Basis
    public var years: YearSpan?
    public var status: Status
    public var note: String?
    /// Where the information comes from (a publication or an archival reference).
    public var source: String?
    /// References to passages in the project that document the payment.
    public var evidence: [String]

    public init(
        id: String, caseID: String, payer: String, scheme: PaymentScheme, subtype: PaymentSubtype? = nil,
        amount: Decimal? = nil, currency: String? = nil, basis: Basis = .total, years: YearSpan? = nil,
        status: Status, note: String? = nil, source: String? = nil, evidence: [String] = []
    ) {
        self.id = id
        self.caseID = caseID
        self.payer = payer
        self.scheme = scheme
        self.subtype = subtype
        self.amount = amount
        self.currency = currency
        self.basis = basis
        self.years = years
        self.status = status
        self.note = note
        self.source = source
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case id, payer, scheme, subtype, amount, currency, basis, years, status, note, source, evidence
        case caseID = "case"
    }
}
