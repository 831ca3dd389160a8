import SwiftUI
import YaohaoKit

/// 北京小客车指标助手: the iOS shell over the Rust core.
@main
struct YaohaoApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var delegate

    var body: some Scene {
        let state = delegate.state
        WindowGroup {
            RootView()
                .environment(state)
                .task { await state.start() }
        }
        // The core's draw-day check; afterwards the app state plans the next one with the core.
        .backgroundTask(.appRefresh(DrawDayTask.identifier)) {
            await state.runDrawDayCheck()
        }
    }
}
