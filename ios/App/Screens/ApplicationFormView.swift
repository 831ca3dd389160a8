import SwiftUI
import YaohaoKit

/// The application form of every kind: the core checks each field as it is typed, the draft
/// saves itself, the family part is edited member by member, the materials are the ones the
/// preview asks for, and the portal's checks and refusals appear under the fields they name.
struct ApplicationFormView: View {
    @Environment(AppState.self) private var state
    @Bindable var editor: DraftEditor

    var body: some View {
        Form {
            Section {
                TextField("驾驶证档案编号", text: $editor.licenceFile)
                    .keyboardType(.numberPad)
                FieldProblems(problems: editor.problems("licence_file"))
                TextField("联系地址", text: $editor.address, axis: .vertical)
                FieldProblems(problems: editor.problems("address"))
                Toggle("持有 C5 驾驶证", isOn: $editor.c5Licence)
            } header: {
                Text(kindTitle(editor.draft.kind))
            } footer: {
                SaveStatus(state: editor.saveState)
            }
            if editor.family != nil {
                FamilySection(editor: editor)
            }
            Section("材料") {
                ForEach(materials, id: \.self) { kind in
                    NavigationLink {
                        DocumentCaptureView(editor: editor, kind: kind)
                    } label: {
                        MaterialRow(kind: kind, queued: editor.draft.pendingUploads.contains { $0.kind == kind },
                                    problems: editor.problems(kind))
                    }
                }
                if editor.preview == nil {
                    Text("点“检查”查看需要提交的材料。")
                        .foregroundStyle(.secondary)
                }
            }
            Section {
                Button("检查") { Task { _ = await editor.check() } }
                if let preview = editor.preview, preview.ready {
                    Label("可以提交", systemImage: "checkmark.circle")
                        .foregroundStyle(.green)
                }
                Button("提交申请") { Task { _ = await editor.submit() } }
                    .disabled(editor.preview?.ready != true)
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
        .errorAlert($editor.error)
    }

    /// What the preview asks for, and what is already queued.
    /// The materials the core's preview says this kind needs, then any other queued one.
    private var materials: [DocumentKind] {
        let required = editor.preview?.requiredDocuments ?? []
        let queued = editor.draft.pendingUploads.map(\.kind).filter { !required.contains($0) }
        return required + queued
    }
}

/// The family part: the main applicant's ladder and queue years, then each member with the
/// core's checks of the ID and name, and the points the preview computed.
struct FamilySection: View {
    @Environment(AppState.self) private var state
    @Bindable var editor: DraftEditor

    var body: some View {
        if let family = Binding($editor.family) {
            Section("家庭成员") {
                Stepper("主申请人阶梯 \(family.wrappedValue.mainLadderSteps)", value: family.mainLadderSteps, in: 0...50)
                Stepper("主申请人新能源轮候 \(family.wrappedValue.mainNevQueueFullYears) 年",
                        value: family.mainNevQueueFullYears, in: 0...20)
                ForEach(family.members.indices, id: \.self) { index in
                    let member = family.members[index]
                    VStack(alignment: .leading) {
                        Picker("关系", selection: member.relation) {
                            ForEach(CalculatorModel.relations, id: \.self) { Text(relationTitle($0)).tag($0) }
                        }
                        TextField("姓名", text: member.name)
                        TextField("身份证号", text: member.residentId)
                            .textInputAutocapitalization(.characters)
                            .autocorrectionDisabled()
                        Stepper("阶梯 \(member.wrappedValue.ladderSteps)", value: member.ladderSteps, in: 0...50)
                        Stepper("新能源轮候 \(member.wrappedValue.nevQueueFullYears) 年",
                                value: member.nevQueueFullYears, in: 0...20)
                        FieldProblems(problems: editor.memberProblems(index))
                    }
                    .swipeActions {
                        Button("移除", role: .destructive) { editor.removeMember(at: index) }
                    }
                }
                Menu("添加家庭成员") {
                    ForEach(CalculatorModel.relations.filter { $0 != .main }, id: \.self) { relation in
                        Button(relationTitle(relation)) { editor.addMember(relation) }
                    }
                }
                if let points = editor.preview?.points {
                    LabeledContent("家庭总积分", value: "\(points.total)")
                    Text(points.formula)
                        .font(.footnote.monospaced())
                }
                if let problem = editor.preview?.familyProblem {
                    FieldProblems(problems: [problem.text])
                }
            }
        }
    }
}

/// The core's or the portal's problems with one field, in red under it.
struct FieldProblems: View {
    @Environment(AppState.self) private var state
    let problems: [BilingualText]

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
            Label(error.display(appState.language), systemImage: "exclamationmark.triangle")
                .foregroundStyle(.red)
        }
    }
}

/// A material with whether it is queued and any refusal.
struct MaterialRow: View {
    @Environment(AppState.self) private var state
    let kind: DocumentKind
    let queued: Bool
    let problems: [BilingualText]

    var body: some View {
        VStack(alignment: .leading) {
            HStack {
                Text(state.text(documentLabel(kind: kind)))
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
