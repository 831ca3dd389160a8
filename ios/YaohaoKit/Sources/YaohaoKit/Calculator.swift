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

    /// What the odds answer: the pool, the quota and the applicant's ladder. The screen
    /// recomputes the odds whenever it changes (`.task(id:)`).
    public var oddsQuestion: OddsQuestion {
        OddsQuestion(poolSize: poolSize, quota: quota, unsuccessfulDraws: unsuccessfulDraws, c5: c5)
    }

    /// The odds of the next draw and their chart for `oddsQuestion`, or why they cannot be
    /// computed (`nil` before the first `computeOdds()`).
    public private(set) var odds: Result<OddsChart, PortalError>?

    /// Asks the core for the odds of `oddsQuestion` off the main actor (the core walks the
    /// draws up to its horizon); an answer to a question changed meanwhile is dropped.
    public func computeOdds() async {
        let question = oddsQuestion
        let answer = await Task.detached(priority: .userInitiated) { question.answer() }.value
        if question == oddsQuestion { odds = answer }
    }

    /// What the family's points answer: the members and the family's full years. The screen
    /// recomputes the points whenever it changes (`.task(id:)`).
    public var pointsQuestion: Family {
        Family(generations: nil, familyFullYears: familyFullYears, members: members)
    }

    /// The family's points for `pointsQuestion`, or why they cannot be computed (`nil` before the
    /// first `computePoints()`).
    public private(set) var points: Result<FamilyPoints, PortalError>?

    /// Asks the core for the family's points off the main actor; an answer to a family changed
    /// meanwhile is dropped.
    public func computePoints() async {
        let family = pointsQuestion
        let answer = await Task.detached(priority: .userInitiated) {
            Result { () throws(PortalError) in
                do {
                    return try familyPoints(family: family)
                } catch {
                    throw PortalError(error)
                }
            }
        }.value
        if family == pointsQuestion { points = answer }
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

/// The calculator's inputs to the odds of the ordinary lottery.
public struct OddsQuestion: Sendable, Hashable {
    /// Valid codes in the pool, ladder copies included.
    public var poolSize: UInt64
    /// Quotas of the draw.
    public var quota: UInt64
    /// Unsuccessful draws so far.
    public var unsuccessfulDraws: UInt32
    /// Holds a C5 licence.
    public var c5: Bool

    /// The core's answer: the ladder weight, then the odds with the default policy's draws per
    /// year. Synchronous core calls: run it off the main actor.
    func answer() -> Result<OddsChart, PortalError> {
        let weight = ladderWeight(unsuccessfulDraws: unsuccessfulDraws, c5: c5)
        let drawsPerYear = Double(policies().first(where: \.isDefault)?.ordinaryDrawsPerYear ?? 1)
        do {
            let odds = try estimateOdds(input: OddsInput(poolSize: poolSize, quota: quota, weight: weight,
                                                         unsuccessfulDraws: nil, c5: c5, drawsPerYear: drawsPerYear))
            return .success(OddsChart(weight: weight, odds: odds))
        } catch {
            return .failure(PortalError(error))
        }
    }
}

/// The core's odds of the next draw with the chart of the chance of having won within n draws:
/// the points to plot, the median wait to mark, and what the chart says for VoiceOver, read off
/// the core's curve (nothing is computed here).
public struct OddsChart: Sendable, Hashable {
    /// The applicant's weight in the pool (ladder copies).
    public let weight: UInt32
    /// The core's odds.
    public let odds: Odds

    /// The core's curve, draws ascending: x = `years`, y = `probability`.
    public var points: [OddsPoint] { odds.curve }

    /// Where the median wait is marked (years).
    public var medianYears: Double { odds.medianYears }

    /// The chances the summary reads off the curve.
    public static let milestones: [Double] = [0.5, 0.9]

    /// The first point of the curve where the chance reaches `chance`, if the curve gets there.
    public func point(reaching chance: Double) -> OddsPoint? {
        points.first { $0.probability >= chance }
    }

    /// The chart in a sentence: "50% 于 64.0 年内，90% 于 212.0 年内" / "50% within 64.0 years, 90%
    /// within 212.0 years", each read off the first point of the curve that reaches it; a chance
    /// the curve never reaches is said with the curve's last point.
    public func summary(_ language: Lang) -> String {
        var parts: [String] = []
        for chance in Self.milestones {
            if let point = point(reaching: chance) {
                parts.append(language == .zh ? "\(percent(chance)) 于 \(years(point.years)) 年内"
                                             : "\(percent(chance)) within \(years(point.years)) years")
            } else if let last = points.last {
                parts.append(language == .zh ? "\(years(last.years)) 年内仅 \(percent(last.probability))"
                                             : "only \(percent(last.probability)) within \(years(last.years)) years")
                break
            }
        }
        return parts.joined(separator: language == .zh ? "，" : ", ")
    }

    private func percent(_ chance: Double) -> String {
        let tenths = (chance * 1000).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))%" : String(format: "%.1f%%", tenths / 10)
    }

    private func years(_ years: Double) -> String { String(format: "%.1f", years) }
}
