/// The two ways a pivotal state pays for participation (Henke 2019).
public enum PaymentScheme: String, Sendable, Hashable, Codable, CaseIterable {
    /// Pays for the deployment itself: transport, equipment, allowances, insurance, training.
    case deploymentSubsidy = "deployment_subsidy"
    /// Pays with something unrelated to the operation: aid, debt relief, arms, promises.
    case sideDeal = "side_deal"
}
