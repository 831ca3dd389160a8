import SwiftUI
import YaohaoKit

/// One application: the core's card, the review's reasons, the status history, and the actions
/// the core allows now with their deadlines.
struct ApplicationDetailView: View {
    @Environment(AppState.self) private var state
    @Bindable var model: ApplicationModel
    @State private var editor: DraftEditor?
    @State private var showsAccount = false

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
                            Button(state.text(action.label)) {
                                Task {
                                    if action.kind == .changeMaritalStatus {
                                        showsAccount = true
                                    } else {
                                        editor = await model.run(action)
                                    }
                                }
                            }
                            if let deadline = action.deadline {
                                DeadlineText(deadline: deadline)
                            }
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
        .sheet(isPresented: $showsAccount) {
            NavigationStack { AccountView(state: state) }
        }
    }
}
