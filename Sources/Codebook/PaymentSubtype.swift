/// What exactly a payment consisted of. Each subtype is a criterion of the `payment` dimension
/// of the buying-allies codebook (`transport` is `PAY.transport`).
public enum PaymentSubtype: String, Sendable, Hashable, Codable, CaseIterable {
    case transport, equipment, allowances, insurance, training
    /// Any other cost arising in direct relationship with the deployment (the article's list of
    /// deployment subsidies is what they "most often cover", not a closed list).
    case otherDeploymentCost = "other_deployment_cost"
    case foreignAid = "foreign_aid"
    case militaryAid = "military_aid"
    case debtRelief = "debt_relief"
    case sanctionRelief = "sanction_relief"
    case loan
    case tradeAgreement = "trade_agreement"
    case armsDeal = "arms_deal"
    case politicalPromise = "political_promise"

    /// The scheme this subtype belongs to.
    public var scheme: PaymentScheme {
        switch self {
        case .transport, .equipment, .allowances, .insurance, .training, .otherDeploymentCost: .deploymentSubsidy
        default: .sideDeal
        }
    }

    /// The codebook criterion id for this subtype (`PAY.debt_relief`).
    public var criterionID: String { "PAY.\(rawValue)" }
}
