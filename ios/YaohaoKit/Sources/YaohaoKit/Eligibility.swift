import Foundation
import Observation

/// The eligibility check of an individual applicant: the facts as the user states them, and the
/// core's verdict with every reason it fails, on today's Beijing date.
@MainActor
@Observable
public final class EligibilityModel {
    /// Date of birth.
    public var birthDate: Date
    /// Where the applicant's right to apply comes from (hukou, army, permits).
    public var residence: Residence = .beijingHukou
    /// When the driving licence expires (`nil`: no licence).
    public var licenceValidUntil: Date?
    /// Owns a car registered in Beijing.
    public var ownsBeijingCar = false
    /// Holds a valid quota.
    public var holdsValidQuota = false

    private let now: @Sendable () -> Date

    /// A check as of `now` (the system clock in the app).
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
        birthDate = now().addingTimeInterval(-30 * 365.25 * 86_400)
        licenceValidUntil = now().addingTimeInterval(5 * 365.25 * 86_400)
    }

    /// The core's verdict, or why the facts cannot be checked.
    public var eligibility: Result<Eligibility, PortalError> {
        let facts = PersonFacts(birthDate: BeijingTime.dateString(birthDate), residence: residence,
                                licenceValidUntil: licenceValidUntil.map(BeijingTime.dateString),
                                ownsBeijingCar: ownsBeijingCar, holdsValidQuota: holdsValidQuota)
        let today = BeijingTime.dateString(now())
        return Result { () throws(PortalError) in
            do {
                return try checkIndividualEligibility(facts: facts, today: today)
            } catch {
                throw PortalError(error)
            }
        }
    }
}
