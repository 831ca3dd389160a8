import SwiftUI
import YaohaoKit

/// One application: the core's card, the review's reasons, the status history, the actions the
/// core allows now with their deadlines (withdrawing after a confirmation), and the ones it
/// refuses with its reasons.
struct ApplicationDetailView: View {
    @Environment(AppState.self) private var state
    @Bindable var model: ApplicationModel
    @State private var editor: DraftEditor?

    var body: some View {
        List {
            Section {
                ApplicationCardRow(card: model.card)
                ForEach(model.card.application.rejectionReasons, id: \.self) { reason in
                    Text(state.text(reason.text))
                        .foregroundStyle(.red)
                }
                if let weight = model.card.nextWeight {
                    LabeledContent("下期阶梯倍数", value: "\(weight)")
                }
            }
            if !model.actions.isEmpty {
                Section("可办理") {
                    ForEach(model.actions, id: \.self) { action in
                        VStack(alignment: .leading, spacing: 4) {
                            Button(state.text(action.label), role: action.kind == .withdraw ? .destructive : nil) {
                                Task { editor = await model.run(action) }
                            }
                            if let deadline = action.deadline {
                                DeadlineText(deadline: deadline)
                            }
                        }
                    }
                }
            }
            if !model.refused.isEmpty {
                Section("暂不可办理") {
                    ForEach(model.refused, id: \.self) { action in
                        VStack(alignment: .leading, spacing: 4) {
                            Text(state.text(action.label))
                                .foregroundStyle(.secondary)
                            RefusalText(action: action)
                        }
                    }
                }
            }
            if let detail = model.detail {
                Section("办理记录") {
                    ForEach(detail.history, id: \.self) { change in
                        VStack(alignment: .leading, spacing: 4) {
                            Text(state.text(applicationStatusLabel(status: change.status)))
                            Text(BeijingTime.string(change.seenAt, state.language))
                                .font(.footnote)
                                .foregroundStyle(.secondary)
                            ForEach(change.reasons, id: \.self) { reason in
                                Text(state.text(reason.text))
                                    .font(.footnote)
                                    .foregroundStyle(.red)
                            }
                        }
                    }
                }
                Section("已提交的材料") {
                    ForEach(detail.documents, id: \.self) { document in
                        LabeledContent(state.text(documentLabel(kind: document.kind)),
                                       value: ByteCountFormatter.string(fromByteCount: document.size, countStyle: .file))
                    }
                }
            }
        }
        .navigationTitle(kindTitle(model.card.application.kind))
        .task { await model.load() }
        .errorAlert($model.error)
        .navigationDestination(item: $editor) { ApplicationFormView(editor: $0) }
        .confirmationDialog("撤回这份申请？",
                            isPresented: Binding(get: { model.withdrawalToConfirm != nil },
                                                 set: { if !$0 { model.withdrawalToConfirm = nil } }),
                            titleVisibility: .visible, presenting: model.withdrawalToConfirm) { action in
            Button(state.text(action.label), role: .destructive) {
                Task { _ = await model.confirmWithdrawal(action) }
            }
            Button("取消", role: .cancel) {}
        } message: { action in
            if let deadline = action.deadline {
                Text("撤回后这份申请不再参加摇号。\(state.text(deadline.meaning))：\(BeijingTime.string(deadline.at, state.language))")
            } else {
                Text("撤回后这份申请不再参加摇号。")
            }
        }
    }
}
