import SwiftUI
import YaohaoKit

/// The application form: the core checks each field as it is typed, the draft saves itself, and
/// the portal's checks and refusals appear under the fields they name.
struct ApplicationFormView: View {
    @Environment(AppState.self) private var state
    @Bindable var editor: DraftEditor

    /// The materials every application needs.
    private let materials: [DocumentType] = [.idCardFront, .idCardBack, .drivingLicence]

    var body: some View {
        Form {
            Section {
                TextField("驾驶证档案编号", text: $editor.licenceFile)
                    .keyboardType(.numberPad)
                FieldProblems(problems: editor.problems(.licenceFile))
                TextField("联系地址", text: $editor.address, axis: .vertical)
                FieldProblems(problems: editor.problems(.address))
                Toggle("持有 C5 驾驶证", isOn: $editor.c5Licence)
            } header: {
                Text(kindTitle(editor.draft.kind))
            } footer: {
                SaveStatus(state: editor.saveState)
            }
            Section("材料") {
                ForEach(materials) { kind in
                    NavigationLink {
                        DocumentCaptureView(editor: editor, kind: kind)
                    } label: {
                        MaterialRow(kind: kind, queued: editor.draft.pendingUploads.contains { $0.kind == kind },
                                    problems: editor.fieldErrors[kind.rawValue] ?? [])
                    }
                }
                if let missing = editor.preview?.missingDocuments, !missing.isEmpty {
                    Text("还缺：\(missing.map { documentTitle($0) }.joined(separator: "、"))")
                        .foregroundStyle(.red)
                }
            }
            Section {
                Button("检查") { Task { _ = await editor.check() } }
                Button("提交申请") { Task { _ = await editor.submit() } }
                    .disabled(editor.preview?.ready == false)
            }
            if let submitted = editor.submitted, let code = submitted.code {
                Section("已提交") {
                    Text("申请编码 \(code)")
                        .font(.body.monospaced())
                }
            }
        }
        .navigationTitle("申请表")
        .onDisappear { Task { await editor.save() } }
        .alert("出错了", isPresented: Binding(get: { editor.error != nil }, set: { if !$0 { editor.error = nil } }),
               presenting: editor.error) { _ in
            Button("好") {}
        } message: { error in
            Text(state.text(error.message))
        }
    }
}

/// The core's or the portal's problems with one field, in red under it.
struct FieldProblems: View {
    @Environment(AppState.self) private var state
    let problems: [LocalizedText]

    var body: some View {
        ForEach(problems, id: \.self) { problem in
            Text(state.text(problem))
                .font(.footnote)
                .foregroundStyle(.red)
        }
    }
}

/// Whether the edits are saved on this device.
struct SaveStatus: View {
    @Environment(AppState.self) private var appState
    let state: DraftEditor.SaveState

    var body: some View {
        switch state {
        case .saved:
            Label("已保存在本机", systemImage: "checkmark.circle")
        case .editing:
            Label("正在保存…", systemImage: "ellipsis.circle")
        case let .failed(error):
            Label(appState.text(error.message), systemImage: "exclamationmark.triangle")
                .foregroundStyle(.red)
        }
    }
}

/// A material with whether it is queued and any refusal.
struct MaterialRow: View {
    @Environment(AppState.self) private var state
    let kind: DocumentType
    let queued: Bool
    let problems: [LocalizedText]

    var body: some View {
        VStack(alignment: .leading) {
            HStack {
                Text(documentTitle(kind))
                Spacer()
                if queued {
                    Image(systemName: "icloud.and.arrow.up")
                        .foregroundStyle(.secondary)
                        .accessibilityLabel("待上传")
                }
            }
            FieldProblems(problems: problems)
        }
    }
}

/// The name of a material.
func documentTitle(_ kind: DocumentType) -> String {
    switch kind {
    case .idCardFront: String(localized: "身份证人像面")
    case .idCardBack: String(localized: "身份证国徽面")
    case .idPhoto: String(localized: "证件照")
    case .drivingLicence: String(localized: "驾驶证")
    case .residencePermit: String(localized: "居住证")
    case .workResidencePermit: String(localized: "工作居住证")
    case .socialInsuranceRecord: String(localized: "社保缴纳记录")
    case .familyRelationProof: String(localized: "户口簿或亲属关系证明")
    case .marriageCertificate: String(localized: "结婚证")
    case .businessLicence: String(localized: "营业执照")
    case .taxProof: String(localized: "纳税证明")
    }
}
