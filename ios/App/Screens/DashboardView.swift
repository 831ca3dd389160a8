import SwiftUI
import YaohaoKit

/// The home screen: the next dates with countdowns, applications and drafts, from the cache at
/// once and refreshed from the portal on pull.
struct DashboardView: View {
    @Environment(AppState.self) private var state
    @State private var editor: DraftEditor?

    var body: some View {
        List {
            if let account = state.dashboard.account {
                Section {
                    Text("你好，\(account.name)")
                        .font(.headline)
                }
            }
            Section("接下来") {
                if state.dashboard.nextEvents.isEmpty {
                    Text("暂无日程")
                        .foregroundStyle(.secondary)
                }
                ForEach(state.dashboard.nextEvents) { event in
                    EventRow(event: event)
                }
            }
            Section("我的申请") {
                ForEach(state.dashboard.applications) { application in
                    ApplicationRow(application: application)
                }
                ForEach(state.dashboard.drafts) { draft in
                    Button {
                        editor = state.editor(for: draft)
                    } label: {
                        LabeledContent {
                            Text("草稿")
                        } label: {
                            Text(kindTitle(draft.kind))
                        }
                    }
                }
                Menu("新建申请") {
                    ForEach(PortalApplication.Kind.allCases, id: \.self) { kind in
                        Button(kindTitle(kind)) {
                            Task { editor = await state.newDraft(kind: kind) }
                        }
                    }
                }
            }
            if let refreshed = state.dashboard.refreshedAt {
                Section {
                    Text("更新于 \(BeijingTime.string(refreshed, state.language))")
                        .font(.footnote)
                        .foregroundStyle(.secondary)
                }
            }
        }
        .navigationTitle("摇号助手")
        .refreshable { await state.refresh() }
        .navigationDestination(item: $editor) { editor in
            ApplicationFormView(editor: editor)
        }
    }
}

/// An event with its Beijing time and a live countdown.
struct EventRow: View {
    @Environment(AppState.self) private var state
    let event: UpcomingEvent

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack {
                Text(state.text(event.title))
                    .font(.body.weight(.medium))
                if !event.announced {
                    Text("预计")
                        .font(.caption)
                        .padding(.horizontal, 6)
                        .background(.quaternary, in: Capsule())
                }
            }
            Text(BeijingTime.string(event.at, state.language))
                .font(.subheadline)
                .foregroundStyle(.secondary)
            TimelineView(.periodic(from: .now, by: 60)) { context in
                let left = Countdown(from: context.date, to: event.at)
                Text("还有 \(left.days) 天 \(left.hours) 小时 \(left.minutes) 分")
                    .font(.footnote.monospacedDigit())
                    .foregroundStyle(.tint)
            }
        }
    }
}

/// An application with its status.
struct ApplicationRow: View {
    @Environment(AppState.self) private var state
    let application: PortalApplication

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            LabeledContent {
                Text(statusTitle(application.status))
            } label: {
                Text(kindTitle(application.kind))
            }
            if let code = application.code {
                Text("申请编码 \(code)")
                    .font(.footnote.monospaced())
            }
            ForEach(application.rejectionReasons, id: \.self) { reason in
                Text(state.text(reason))
                    .font(.footnote)
                    .foregroundStyle(.red)
            }
        }
    }
}

/// The name of an application kind.
func kindTitle(_ kind: PortalApplication.Kind) -> LocalizedStringKey {
    switch kind {
    case .individualOrdinary: "个人普通指标"
    case .individualNev: "个人新能源指标"
    case .family: "家庭新能源指标"
    }
}

/// The name of an application status.
func statusTitle(_ status: PortalApplication.Status) -> LocalizedStringKey {
    switch status {
    case .draft: "草稿"
    case .underReview: "审核中"
    case .approved: "审核通过"
    case .rejected: "审核未通过"
    case .won: "已中签"
    case .removed: "已移出"
    case let .other(name): "状态：\(name)"
    }
}
