import BackgroundTasks
import YaohaoKit

/// Performs the core's draw-day check plan with BGTaskScheduler (the scene's `.backgroundTask`
/// runs the check). iOS keeps one pending request per identifier, so the soonest planned check
/// is requested; after it runs the app state asks the core again and the next one is requested.
struct DrawDayTask: BackgroundScheduler {
    /// The task identifier (also in Info.plist's `BGTaskSchedulerPermittedIdentifiers`).
    static let identifier = "app.yaohao.draw-day-check"

    func schedule(_ checks: [PlannedCheck]) async {
        let scheduler = BGTaskScheduler.shared
        guard let next = checks.first else {
            scheduler.cancel(taskRequestWithIdentifier: Self.identifier)
            return
        }
        let request = BGAppRefreshTaskRequest(identifier: Self.identifier)
        request.earliestBeginDate = next.at
        // Submitting again replaces the pending request; a refusal (Background App Refresh off)
        // leaves the check notifications and the push to bring the user back.
        try? scheduler.submit(request)
    }
}
