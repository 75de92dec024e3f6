import Foundation

/// A structured value a coding may carry besides its category, such as the amount, currency,
/// period and troop count of a payment.
public struct AttributeDefinition: Sendable, Hashable, Codable {
    /// The kind of value an attribute holds.
    public enum ValueType: String, Sendable, Hashable, Codable, CaseIterable {
        /// A decimal number (`1250000`, `9.13`).
        case number
        /// A whole number (`1200`).
        case integer
        /// Free text.
        case text
        /// An ISO 4217 currency code (`USD`, `GBP`).
        case currency
        /// A date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
        case date
        /// A period: a date, or two dates joined by `/` (`1950-07/1953-07`).
        case period
    }

    /// Name, unique within the dimension (`amount`).
    public var name: String
    public var type: ValueType
    /// Unit for numbers (`USD per month`, `troops`), shown to coders.
    public var unit: String?
    /// What the attribute records, in words.
    public var description: String?
    /// When not empty, the only values a coder may enter.
    public var allowedValues: [String]

    public init(name: String, type: ValueType, unit: String? = nil, description: String? = nil, allowedValues: [String] = []) {
        self.name = name
        self.type = type
        self.unit = unit
        self.description = description
        self.allowedValues = allowedValues
    }

    enum CodingKeys: String, CodingKey {
        case name, type, unit, description
        case allowedValues = "allowed_values"
    }

    /// Checks a value a coder entered; returns why it is not acceptable, or nil if it is.
    public func problem(with value: String) -> String? {
        let value = value.trimmingCharacters(in: .whitespaces)
        if !allowedValues.isEmpty && !allowedValues.contains(value) {
            return "`\(value)` is not one of the allowed values for \(name): \(allowedValues.joined(separator: ", "))"
        }
        switch type {
        case .text:
            return nil
        case .number:
            return Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")) != nil
                && value.allSatisfy({ "0123456789.-".contains($0) })
                ? nil : "\(name) should be a number such as 1250000 or 9.13, found `\(value)`"
        case .integer:
            return Int(value) != nil ? nil : "\(name) should be a whole number, found `\(value)`"
        case .currency:
            return ISOCodes.isCurrency(value) ? nil : "\(name) should be an ISO 4217 currency code such as USD, found `\(value)`"
        case .date:
            return ISOCodes.isDate(value) ? nil : "\(name) should be a date YYYY, YYYY-MM or YYYY-MM-DD, found `\(value)`"
        case .period:
            let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            return parts.count <= 2 && parts.allSatisfy(ISOCodes.isDate)
                ? nil : "\(name) should be a date or two dates joined by `/` (1950-07/1953-07), found `\(value)`"
        }
    }
}
