import Codebook

/// Where the register (typed by hand) and the classifications derived from coded evidence
/// disagree. The evidence is what the project stands on; the register is a cross-check.
public struct RegisterDisagreement: Sendable, Hashable, Codable {
    /// `pivotal_state` or `payment`.
    public var kind: String
    /// The operation or case concerned.
    public var subject: String
    /// What the register says.
    public var register: String
    /// What the evidence says.
    public var evidence: String

    public init(kind: String, subject: String, register: String, evidence: String) {
        self.kind = kind
        self.subject = subject
        self.register = register
        self.evidence = evidence
    }

    public var line: String { "\(subject): register \(register); evidence \(evidence)" }
}

/// A coding that names the register payment it documents (the `payment` attribute).
public struct PaymentReference: Sendable, Hashable, Codable {
    public var caseId: String
    public var passageId: Int64
    public var coder: String
    /// The criterion the coding tags (`PAY.equipment`).
    public var criterion: String
    public var direction: EvidenceDirection
    /// The register payment's id (`KOREA-1950/COL#1`).
    public var payment: String

    public init(caseId: String, passageId: Int64, coder: String, criterion: String, direction: EvidenceDirection, payment: String) {
        self.caseId = caseId
        self.passageId = passageId
        self.coder = coder
        self.criterion = criterion
        self.direction = direction
        self.payment = payment
    }
}

public enum RegisterCrossCheck {
    /// The pivotal-state category the register's `pivotal_states` lists correspond to.
    public static let pivotalCategory = "PIV"

    /// For each operation with operation-actor subjects among `classifications`: actors the
    /// register lists as pivotal whose subject is not a member of `PIV` (or was not coded), and
    /// actors the evidence makes pivotal that the register does not list.
    public static func pivotalStates(_ classifications: [CaseClassification], register: Register) -> [RegisterDisagreement] {
        let subjects = classifications.compactMap { c -> (CoalitionCase, Membership)? in
            guard let subject = register.coalitionCase(c.caseId), subject.subject == .operationActor else { return nil }
            let membership = c.classifications.flatMap(\.entries).first { $0.category == pivotalCategory }?.outcome.membership
            return membership.map { (subject, $0) }
        }
        var out: [RegisterDisagreement] = []
        for operationId in Set(subjects.map(\.0.operation)).sorted() {
            let listed = Set(register.operation(operationId)?.pivotalStates ?? [])
            let coded = subjects.filter { $0.0.operation == operationId }
            for (subject, membership) in coded.sorted(by: { $0.0.id < $1.0.id }) {
                let isListed = listed.contains(subject.actor)
                switch (isListed, membership) {
                case (true, .notMember):
                    out.append(.init(kind: "pivotal_state", subject: subject.id, register: "lists \(subject.actor) as pivotal",
                                     evidence: "says not pivotal"))
                case (true, .indeterminate):
                    out.append(.init(kind: "pivotal_state", subject: subject.id, register: "lists \(subject.actor) as pivotal",
                                     evidence: "is indeterminate"))
                case (false, .member):
                    out.append(.init(kind: "pivotal_state", subject: subject.id, register: "does not list \(subject.actor)",
                                     evidence: "makes it pivotal"))
                default: break
                }
            }
            for actor in listed.subtracting(coded.map(\.0.actor)).sorted() {
                out.append(.init(kind: "pivotal_state", subject: "\(operationId)@\(actor)", register: "lists \(actor) as pivotal",
                                 evidence: "has not coded it (no operation-actor subject in this round)"))
            }
        }
        return out
    }

    /// Codings of one case that name a register payment, checked against that payment: a coding
    /// that tags another kind of payment (or another scheme) than the register records, or that
    /// contradicts the payment, is a disagreement, with its passage and coder.
    public static func paymentReferences(_ references: [PaymentReference], caseId: String, register: Register) -> [RegisterDisagreement] {
        var out: [RegisterDisagreement] = []
        let sorted = references.filter { $0.caseId == caseId }
            .sorted { ($0.payment, $0.passageId, $0.coder, $0.criterion) < ($1.payment, $1.passageId, $1.coder, $1.criterion) }
        for r in sorted {
            guard let p = register.payments.first(where: { $0.id == r.payment }) else { continue }
            let recorded = "records \(p.id) as \(p.subtype?.rawValue ?? p.scheme.rawValue)"
            let coded = PaymentSubtype.allCases.first { $0.criterionID == r.criterion }
            if r.direction == .contradicts {
                out.append(.init(kind: "payment", subject: caseId, register: recorded,
                                 evidence: "passage \(r.passageId) (\(r.coder)) contradicts it (\(r.criterion))"))
            } else if let coded, coded != p.subtype, p.subtype != nil || coded.scheme != p.scheme {
                let scheme = coded.scheme == p.scheme ? "" : ", a \(coded.scheme.rawValue), not a \(p.scheme.rawValue)"
                out.append(.init(kind: "payment", subject: caseId, register: recorded,
                                 evidence: "passage \(r.passageId) (\(r.coder)) documents it as \(r.criterion)\(scheme)"))
            }
        }
        var seen = Set<RegisterDisagreement>()
        return out.filter { seen.insert($0).inserted }
    }

    /// Per recipient case: payment schemes and kinds the evidence establishes that the register
    /// has no payment for, and register payments whose scheme or kind the evidence does not
    /// establish (refuted, contested or not found).
    public static func payments(_ classification: CaseClassification, register: Register) -> [RegisterDisagreement] {
        guard let c = register.coalitionCase(classification.caseId), c.subject == .coalitionCase else { return [] }
        let payments = register.payments(inCase: c.id)
        var out: [RegisterDisagreement] = []
        let members = Set(classification.members)
        for scheme in PaymentScheme.allCases {
            let inRegister = payments.filter { $0.scheme == scheme }.map(\.id)
            let entry = classification.classifications.flatMap(\.entries).first { $0.category == scheme.rawValue }
            guard let entry else { continue }
            if members.contains(scheme.rawValue), inRegister.isEmpty {
                out.append(.init(kind: "payment", subject: c.id, register: "has no \(scheme.rawValue) payment",
                                 evidence: "establishes \(scheme.rawValue)"))
            } else if !inRegister.isEmpty, entry.outcome.membership != .member {
                out.append(.init(kind: "payment", subject: c.id,
                                 register: "records \(scheme.rawValue) (\(inRegister.joined(separator: ", ")))",
                                 evidence: entry.outcome.membership == .notMember ? "rules \(scheme.rawValue) out" : "does not establish it"))
            }
        }
        let statuses = classification.statuses
        for p in payments {
            guard let subtype = p.subtype, let status = statuses[subtype.criterionID], status != .established else { continue }
            out.append(.init(kind: "payment", subject: c.id, register: "records \(p.id) as \(subtype.rawValue)",
                             evidence: "has \(subtype.criterionID) \(status.label)"))
        }
        return out
    }
}
