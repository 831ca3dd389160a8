import Foundation
import YaohaoFFI

/// The form fields the app checks as the user types, with the core's validators.
public enum FormField: String, Sendable, Hashable, CaseIterable {
    /// Driving-licence file number (档案编号), checked against the resident ID when known.
    case licenceFile = "licence_file"
    /// Contact address.
    case address
}

/// One member of a family for the points calculator.
public struct FamilyMember: Sendable, Hashable, Identifiable {
    /// Relation to the main applicant.
    public var relation: Relation
    /// 阶梯 in the ordinary lottery, as the official system shows it.
    public var ladderSteps: UInt32
    /// Full years in the NEV queue.
    public var nevQueueFullYears: UInt32
    /// A stable id for lists.
    public let id: UUID

    /// A member.
    public init(relation: Relation, ladderSteps: UInt32 = 0, nevQueueFullYears: UInt32 = 0) {
        self.relation = relation
        self.ladderSteps = ladderSteps
        self.nevQueueFullYears = nevQueueFullYears
        id = UUID()
    }
}

/// The family's points, from the core.
public struct PointsSummary: Sendable, Hashable {
    /// Total points.
    public var total: UInt32
    /// Generations counted.
    public var generations: UInt8
    /// The formula, written out.
    public var formula: String
}

/// Odds of the next draw and the expected wait, from the core.
public struct OddsEstimate: Sendable, Hashable {
    /// The applicant's weight (ladder copies) in the pool.
    public var weight: UInt32
    /// Probability of winning the next draw.
    public var probability: Double
    /// The same as "1 in X".
    public var oneIn: Double
    /// Years until the chance of having won reaches one half.
    public var medianYears: Double
    /// Expected years until a win.
    public var expectedYears: Double
}

/// The core's rules the screens call directly: field checks, points and odds. No network.
public enum Rules {
    /// Problems with `value` as `field` (empty when it is valid). `residentId` lets the licence
    /// file number be checked against the ID.
    public static func problems(_ field: FormField, _ value: String, residentId: String? = nil) -> [LocalizedText] {
        let validation = switch field {
        case .licenceFile: validateLicenceFile(value: value, idNumber: residentId)
        case .address: validateField(field: .address, value: value)
        }
        return validation.errors.map(\.localized)
    }

    /// Draws per year of the ordinary lottery under the default (current) policy.
    public static var drawsPerYear: Double {
        Double(policies().first(where: \.isDefault)?.ordinaryDrawsPerYear ?? 1)
    }

    /// Odds of the next ordinary draw for an applicant with `unsuccessfulDraws` so far.
    public static func odds(poolSize: UInt64, quota: UInt64, unsuccessfulDraws: UInt32, c5: Bool,
                            drawsPerYear: Double = Rules.drawsPerYear) throws(PortalError) -> OddsEstimate {
        let weight = ladderWeight(unsuccessfulDraws: unsuccessfulDraws, c5: c5)
        do {
            let odds = try estimateOdds(input: OddsInput(
                poolSize: poolSize, quota: quota, weight: weight, unsuccessfulDraws: nil, c5: c5,
                drawsPerYear: drawsPerYear))
            return OddsEstimate(weight: weight, probability: odds.probability, oneIn: odds.oneIn,
                                medianYears: odds.medianYears, expectedYears: odds.expectedYears)
        } catch {
            throw PortalError(error)
        }
    }

    /// The points of a family (the main applicant among `members`).
    public static func points(members: [FamilyMember], familyFullYears: UInt32) throws(PortalError) -> PointsSummary {
        let family = Family(
            generations: nil, familyFullYears: familyFullYears,
            members: members.map { Member(relation: $0.relation, ladderSteps: $0.ladderSteps,
                                          nevQueueFullYears: $0.nevQueueFullYears) })
        do {
            let points = try familyPoints(family: family)
            return PointsSummary(total: points.total, generations: points.generations, formula: points.formula)
        } catch {
            throw PortalError(error)
        }
    }
}

/// Relations in a family application (the core's `Relation`).
public typealias FamilyRelation = Relation

extension Rules {
    /// Every relation, in the order the calculator lists them.
    public static let relations: [FamilyRelation] = [.main, .spouse, .child, .parent, .spouseParent, .other]
}
