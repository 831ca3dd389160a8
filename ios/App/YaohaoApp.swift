import SwiftUI
import YaohaoKit

/// 北京小客车指标助手: the iOS shell over the Rust core.
@main
struct YaohaoApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var delegate
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        let state = delegate.state
        WindowGroup {
            RootView()
                .environment(state)
                .task { await state.start() }
        }
        .onChange(of: scenePhase) { _, phase in
            if phase == .background {
                DrawDayTask.schedule(at: state.nextDrawDayCheck)
            }
        }
        .backgroundTask(.appRefresh(DrawDayCheck.taskIdentifier)) {
            await state.runDrawDayCheck()
            DrawDayTask.schedule(at: await state.nextDrawDayCheck)
        }
    }
}
