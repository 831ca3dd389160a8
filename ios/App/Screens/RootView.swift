import SwiftUI
import YaohaoKit

/// Login until someone is logged in, then the tabs; failures as an alert.
struct RootView: View {
    @Environment(AppState.self) private var state

    var body: some View {
        @Bindable var state = state
        Group {
            switch state.session {
            case .starting:
                ProgressView()
            case .signedOut:
                LoginView()
            case .signedIn:
                MainTabs()
            }
        }
        .alert("出错了", isPresented: Binding(get: { state.error != nil }, set: { if !$0 { state.error = nil } }),
               presenting: state.error) { _ in
            Button("好") {}
        } message: { error in
            Text(state.text(error.message))
        }
    }
}

/// The main tabs; a tapped result notification opens the results.
struct MainTabs: View {
    @Environment(AppState.self) private var state
    @State private var tab = Tab.home

    enum Tab: Hashable { case home, results, reminders, tools, more }

    var body: some View {
        TabView(selection: $tab) {
            NavigationStack { DashboardView() }
                .tabItem { Label("首页", systemImage: "house") }
                .tag(Tab.home)
            NavigationStack { ResultsView() }
                .tabItem { Label("结果", systemImage: "checkmark.seal") }
                .tag(Tab.results)
            NavigationStack { RemindersView() }
                .tabItem { Label("提醒", systemImage: "bell") }
                .tag(Tab.reminders)
            NavigationStack { OddsView() }
                .tabItem { Label("积分与概率", systemImage: "chart.bar") }
                .tag(Tab.tools)
            NavigationStack { MoreView() }
                .tabItem { Label("更多", systemImage: "ellipsis.circle") }
                .tag(Tab.more)
        }
        .onChange(of: state.openedLink) { _, link in
            guard let link else { return }
            if link.host() == "results" { tab = .results }
            state.openedLink = nil
        }
    }
}

/// Announcements and settings.
struct MoreView: View {
    var body: some View {
        List {
            NavigationLink("公告") { AnnouncementsView() }
            NavigationLink("设置") { SettingsView() }
        }
        .navigationTitle("更多")
    }
}
