import SwiftUI
import YaohaoKit

/// The privacy consent first, then login until someone is logged in, then the tabs; failures as
/// an alert in the core's words (a data freeze says when it ends).
struct RootView: View {
    @Environment(AppState.self) private var state

    var body: some View {
        @Bindable var state = state
        Group {
            if !state.consent.isGiven {
                ConsentView()
            } else {
                switch state.session {
                case .starting:
                    ProgressView()
                case .signedOut:
                    LoginView()
                case .signedIn:
                    MainTabs()
                }
            }
        }
        .errorAlert($state.error)
    }
}

extension View {
    /// An alert showing `error` in the app's language until dismissed.
    func errorAlert(_ error: Binding<PortalError?>) -> some View {
        modifier(ErrorAlert(error: error))
    }
}

/// The alert of a failure: what the core says, and for a data freeze (a planned pause, never
/// titled as a failure) when queries resume.
struct ErrorAlert: ViewModifier {
    @Environment(AppState.self) private var state
    @Binding var error: PortalError?

    private var title: LocalizedStringKey {
        if error?.isPlannedPause == true { return "暂停查询" }
        return error?.isRetryable == true ? "请稍后再试" : "无法完成"
    }

    func body(content: Content) -> some View {
        content.alert(title,
                      isPresented: Binding(get: { error != nil }, set: { if !$0 { error = nil } }),
                      presenting: error) { _ in
            Button("好") {}
        } message: { error in
            Text(error.display(state.language))
        }
    }
}

/// The main tabs; a tapped result notification opens the results.
struct MainTabs: View {
    @Environment(AppState.self) private var state
    @State private var tab = Tab.home

    enum Tab: Hashable { case home, results, calendar, tools, more }

    var body: some View {
        TabView(selection: $tab) {
            NavigationStack { DashboardView() }
                .tabItem { Label("首页", systemImage: "house") }
                .tag(Tab.home)
            NavigationStack { ResultsView(state: state) }
                .tabItem { Label("结果", systemImage: "checkmark.seal") }
                .tag(Tab.results)
            NavigationStack { CalendarView(core: state.core) }
                .tabItem { Label("日程", systemImage: "calendar") }
                .tag(Tab.calendar)
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

/// Reminders, announcements, the account and the settings.
struct MoreView: View {
    @Environment(AppState.self) private var state

    var body: some View {
        List {
            NavigationLink("提醒") { RemindersView() }
            NavigationLink("公告") { AnnouncementsView() }
            NavigationLink("关注申请编码") { FollowView(state: state) }
            NavigationLink("查询结果文件") { ResultFileView(model: state.resultFile()) }
            NavigationLink("账户") { AccountView(state: state) }
            NavigationLink("设置") { SettingsView() }
        }
        .navigationTitle("更多")
    }
}
