import Foundation
import Observation

/// The planning calculator: the odds of the next ordinary draw for a pool of valid codes
/// (有效编码数, ladder copies included) and the points of a family, all computed by the core.
@MainActor
@Observable
public final class CalculatorModel {
    /// Valid codes in the pool, ladder copies included (有效编码数（含阶梯）).
    public var poolSize: UInt64 = 3_000_000
    /// Quotas of the draw.
    public var quota: UInt64 = 6_000
    /// Unsuccessful draws so far.
    public var unsuccessfulDraws: UInt32 = 0
    /// Holds a C5 licence.
    public var c5 = false
    /// The family, the main applicant first.
    public var members: [Member] = [Member(relation: .main, ladderSteps: 0, nevQueueFullYears: 0),
                                    Member(relation: .spouse, ladderSteps: 0, nevQueueFullYears: 0)]
    /// Full years the family has applied.
    public var familyFullYears: UInt32 = 0

    /// A calculator.
    public init() {}

    /// Every relation a family member can have, in the core's order.
    public static let relations: [Relation] = [.main, .spouse, .child, .parent, .spouseParent, .other]

    /// The applicant's weight in the pool (ladder copies).
    public var weight: UInt32 { ladderWeight(unsuccessfulDraws: unsuccessfulDraws, c5: c5) }

    /// The odds of the next draw, or why they cannot be computed.
    public var odds: Result<Odds, PortalError> {
        Result { () throws(PortalError) in
            do {
                let drawsPerYear = Double(policies().first(where: \.isDefault)?.ordinaryDrawsPerYear ?? 1)
                return try estimateOdds(input: OddsInput(poolSize: poolSize, quota: quota, weight: weight,
                                                         unsuccessfulDraws: nil, c5: c5, drawsPerYear: drawsPerYear))
            } catch {
                throw PortalError(error)
            }
        }
    }

    /// The family's points, or why they cannot be computed.
    public var points: Result<FamilyPoints, PortalError> {
        Result { () throws(PortalError) in
            do {
                return try familyPoints(family: Family(generations: nil, familyFullYears: familyFullYears,
                                                       members: members))
            } catch {
                throw PortalError(error)
            }
        }
    }

    /// Adds a member with `relation`.
    public func addMember(_ relation: Relation) {
        members.append(Member(relation: relation, ladderSteps: 0, nevQueueFullYears: 0))
    }

    /// Removes member `index`.
    public func removeMember(at index: Int) {
        guard members.indices.contains(index) else { return }
        members.remove(at: index)
    }
}
