import BackgroundTasks
import YaohaoKit

/// Schedules the draw-day check (a BGAppRefreshTask handled by the scene's `.backgroundTask`).
enum DrawDayTask {
    /// Asks iOS to run the check no earlier than `date`; without a date, cancels it.
    static func schedule(at date: Date?) {
        let scheduler = BGTaskScheduler.shared
        guard let date else {
            scheduler.cancel(taskRequestWithIdentifier: DrawDayCheck.taskIdentifier)
            return
        }
        let request = BGAppRefreshTaskRequest(identifier: DrawDayCheck.taskIdentifier)
        request.earliestBeginDate = date
        // Submitting again replaces the pending request; a refusal (Background App Refresh off)
        // leaves the push and the next launch to check the results.
        try? scheduler.submit(request)
    }
}
