import SwiftUI
import YaohaoKit

/// The home screen as the core builds it: the next dates, the applications with their status
/// and allowed actions, drafts and the latest results; from the cache at once, refreshed on pull.
struct DashboardView: View {
    @Environment(AppState.self) private var state
    @State private var editor: DraftEditor?
    @State private var application: ApplicationModel?

    var body: some View {
        List {
            if let account = state.dashboard?.account {
                Section {
                    Text("你好，\(account.account.name)")
                        .font(.headline)
                }
            }
            Section("接下来") {
                let events = state.dashboard?.nextEvents ?? []
                if events.isEmpty {
                    Text("暂无日程")
                        .foregroundStyle(.secondary)
                }
                ForEach(events, id: \.self) { event in
                    EventRow(title: event.title, at: event.at, announced: event.announced)
                }
            }
            Section("我的申请") {
                ForEach(state.dashboard?.applications ?? [], id: \.application.id) { card in
                    Button {
                        application = state.application(card)
                    } label: {
                        ApplicationCardRow(card: card)
                    }
                }
                ForEach(state.dashboard?.drafts ?? [], id: \.localId) { draft in
                    Button {
                        editor = state.editor(for: draft)
                    } label: {
                        LabeledContent {
                            Text(draft.synced ? LocalizedStringKey("草稿（已同步）") : LocalizedStringKey("草稿"))
                        } label: {
                            Text(kindTitle(draft.kind))
                        }
                    }
                    .swipeActions {
                        Button("删除草稿", role: .destructive) { Task { await state.discard(draft) } }
                    }
                }
                Menu("新建申请") {
                    ForEach(state.dashboard?.applicationKinds ?? [], id: \.self) { kind in
                        Button(kindTitle(kind)) {
                            Task { editor = await state.newDraft(kind: kind) }
                        }
                    }
                }
            }
            if let sync = state.lastSync, !sync.refused.isEmpty {
                Section("未能上传的材料") {
                    ForEach(sync.refused, id: \.self) { refusal in
                        Text("\(state.text(documentLabel(kind: refusal.kind)))：\(state.text(refusal.message))")
                            .foregroundStyle(.red)
                    }
                }
            }
            if let refreshed = state.dashboard?.refreshedAt {
                Section {
                    Text("更新于 \(BeijingTime.string(refreshed, state.language))")
                        .font(.footnote)
                        .foregroundStyle(.secondary)
                }
            }
        }
        .navigationTitle("摇号助手")
        .refreshable {
            await state.sendQueued()
            await state.refresh()
        }
        .navigationDestination(item: $editor) { ApplicationFormView(editor: $0) }
        .navigationDestination(item: $application) { ApplicationDetailView(model: $0) }
    }
}

/// A date with its Beijing time and a live countdown.
struct EventRow: View {
    @Environment(AppState.self) private var state
    let title: BilingualText
    let at: Date
    let announced: Bool

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack {
                Text(state.text(title))
                    .font(.body.weight(.medium))
                if !announced {
                    Text("预计")
                        .font(.caption)
                        .padding(.horizontal, 6)
                        .background(.quaternary, in: Capsule())
                }
            }
            Text(BeijingTime.string(at, state.language))
                .font(.subheadline)
                .foregroundStyle(.secondary)
            Text(at, style: .relative)
                .font(.footnote.monospacedDigit())
                .foregroundStyle(.tint)
        }
    }
}

/// An application card: the core's status label, the code and the countdown it shows.
struct ApplicationCardRow: View {
    @Environment(AppState.self) private var state
    let card: ApplicationCard

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            LabeledContent {
                Text(state.text(card.statusLabel))
            } label: {
                Text(kindTitle(card.application.kind))
            }
            if let code = card.application.code {
                Text("申请编码 \(code)")
                    .font(.footnote.monospaced())
            }
            if let countdown = card.countdown {
                DeadlineText(deadline: countdown.deadline)
            }
        }
    }
}

/// A deadline: what it means and when it is, in Beijing time.
struct DeadlineText: View {
    @Environment(AppState.self) private var state
    let deadline: Deadline

    var body: some View {
        Text("\(state.text(deadline.meaning))：\(BeijingTime.string(deadline.at, state.language))")
            .font(.footnote)
            .foregroundStyle(.orange)
    }
}

/// Why the core refuses an action now, and when it opens, if it says.
struct RefusalText: View {
    @Environment(AppState.self) private var state
    let action: Action

    var body: some View {
        VStack(alignment: .leading, spacing: 2) {
            if let reason = action.reason {
                Text(state.text(reason.text))
            }
            if let opensAt = action.opensAt {
                Text("可办理时间：\(BeijingTime.string(opensAt, state.language))")
            }
        }
        .font(.footnote)
        .foregroundStyle(.secondary)
    }
}

/// The name of an application kind.
func kindTitle(_ kind: ApplicationKind) -> LocalizedStringKey {
    switch kind {
    case .individualOrdinary: "个人普通指标"
    case .individualNev: "个人新能源指标"
    case .family: "家庭新能源指标"
    case .familyOrdinary: "家庭普通指标"
    case .unitOrdinary: "单位普通指标"
    case .unitNev: "单位新能源指标"
    }
}
