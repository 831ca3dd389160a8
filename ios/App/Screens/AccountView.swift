import CoreTransferable
import PhotosUI
import SwiftUI
import UniformTypeIdentifiers
import YaohaoKit

/// The account as the core shows it (masked ID and mobile, marital status), changing the mobile,
/// the marital-status change with its review, a copy of the account's data to save where the user
/// chooses (`.fileExporter` with YaohaoKit's JSON document) or share, and
/// deleting the account (the password and a typed phrase; refused with the core's reason while
/// it says so).
struct AccountView: View {
    @Environment(AppState.self) private var state
    @State private var model: AccountModel
    @State private var maritalStatus = MaritalStatus.married
    @State private var certificate: PhotosPickerItem?
    @State private var addressProof: PhotosPickerItem?
    @State private var exported: ExportedData?
    @State private var saving = false

    /// The account screen of `state` (one model for the life of the screen).
    init(state: AppState) {
        _model = State(initialValue: state.account())
    }

    var body: some View {
        @Bindable var model = model
        Form {
            if let card = model.card {
                Section("账户") {
                    LabeledContent("姓名", value: card.account.name)
                    LabeledContent("身份证号", value: card.residentIdMasked)
                    LabeledContent("手机号", value: card.mobileMasked)
                    LabeledContent("婚姻状况", value: state.text(card.maritalStatusLabel))
                }
            }
            Section("更换手机号") {
                TextField("新手机号", text: $model.newMobile)
                    .keyboardType(.phonePad)
                Button("向新旧手机号发送验证码") { Task { _ = await model.requestMobileChangeCodes() } }
                    .disabled(model.newMobile.isEmpty)
                if model.mobileCodesSent != nil {
                    TextField("原手机号收到的验证码", text: $model.oldCode)
                        .keyboardType(.numberPad)
                    TextField("新手机号收到的验证码", text: $model.newCode)
                        .keyboardType(.numberPad)
                    Button("确认更换") { Task { _ = await model.changeMobile() } }
                }
            }
            Section("婚姻状况变更") {
                if let change = model.maritalChange {
                    LabeledContent("申请变更为", value: String(localized: maritalTitle(change.requestedStatus)))
                    LabeledContent("审核", value: String(localized: reviewTitle(change.status)))
                    if let reason = change.reason {
                        Text(reason)
                            .foregroundStyle(.red)
                    }
                }
                ForEach(model.actions.filter { $0.kind == .changeMaritalStatus }, id: \.self) { action in
                    Picker("变更为", selection: $maritalStatus) {
                        ForEach([MaritalStatus.unmarried, .married, .divorced, .widowed], id: \.self) {
                            Text(maritalTitle($0)).tag($0)
                        }
                    }
                    PhotosPicker(selection: $certificate, matching: .images) {
                        Text(state.text(action.label))
                    }
                    if let deadline = action.deadline {
                        DeadlineText(deadline: deadline)
                    }
                }
            }
            if let action = model.addressChangeAction {
                Section("联系地址变更") {
                    if let change = model.addressChange {
                        LabeledContent("申请变更为", value: change.requestedAddress)
                        LabeledContent("审核", value: String(localized: reviewTitle(change.status)))
                        if let reason = change.reason {
                            Text(reason)
                                .foregroundStyle(.red)
                        }
                    }
                    if action.allowed {
                        TextField("新的联系地址（北京市…区…）", text: $model.newAddress)
                        if let problem = model.addressError {
                            Text(state.text(problem))
                                .font(.footnote)
                                .foregroundStyle(.red)
                        }
                        PhotosPicker(selection: $addressProof, matching: .images) {
                            Text(state.text(action.label))
                        }
                        .disabled(model.newAddress.isEmpty)
                    } else {
                        RefusalText(action: action)
                    }
                }
            }
            Section {
                Button("导出我的数据") { Task { exported = await model.exportData() } }
                if let exported {
                    Button {
                        saving = true
                    } label: {
                        Label("保存 \(exported.fileName) 到…", systemImage: "folder")
                    }
                    ShareLink(item: exported, preview: SharePreview(exported.fileName)) {
                        Label("分享", systemImage: "square.and.arrow.up")
                    }
                }
            } header: {
                Text("我的数据")
            } footer: {
                Text("导出门户保存的你的全部信息（含完整身份证号和手机号），请妥善保管导出的文件。")
            }
            if let deletion = model.deletion {
                Section {
                    if deletion.allowed {
                        SecureField("登录密码", text: $model.deletionPassword)
                            .textContentType(.password)
                        if let problem = model.passwordError {
                            Text(state.text(problem))
                                .font(.footnote)
                                .foregroundStyle(.red)
                        }
                        TextField("输入“\(model.deletionPhrase)”以确认", text: $model.deletionTyped)
                            .textInputAutocapitalization(.never)
                            .autocorrectionDisabled()
                        Button(state.text(deletion.label), role: .destructive) {
                            Task { _ = await model.deleteAccount() }
                        }
                        .disabled(!model.canDelete)
                    } else {
                        Text(state.text(deletion.label))
                            .foregroundStyle(.secondary)
                        RefusalText(action: deletion)
                    }
                } header: {
                    Text("注销账户")
                } footer: {
                    Text("注销后无法恢复：门户删除你的个人信息，本机不再保存任何个人数据，随后退出登录。")
                }
            }
        }
        .navigationTitle("账户")
        .fileExporter(isPresented: $saving, document: exported, contentType: .json,
                      defaultFilename: exported?.fileName) { saved in
            if case let .failure(failure) = saved { model.error = PortalError(failure) }
        }
        .task { await model.loadMaritalChange() }
        .onChange(of: certificate) { _, item in
            guard let item else { return }
            Task {
                if let data = try? await item.loadTransferable(type: Data.self) {
                    _ = await model.requestMaritalChange(to: maritalStatus, certificate: data)
                }
                certificate = nil
            }
        }
        .onChange(of: addressProof) { _, item in
            guard let item else { return }
            Task {
                if let data = try? await item.loadTransferable(type: Data.self) {
                    _ = await model.requestAddressChange(proof: data)
                }
                addressProof = nil
            }
        }
        .errorAlert($model.error)
    }
}

/// The export as a JSON file under its suggested name, for ShareLink (Save to Files, AirDrop, …).
extension ExportedData: @retroactive Transferable {
    public static var transferRepresentation: some TransferRepresentation {
        DataRepresentation(exportedContentType: .json) { $0.data }
            .suggestedFileName { $0.fileName }
    }
}

/// The name of a marital status.
func maritalTitle(_ status: MaritalStatus) -> LocalizedStringResource {
    switch status {
    case .unmarried: "未婚"
    case .married: "已婚"
    case .divorced: "离异"
    case .widowed: "丧偶"
    }
}

/// Where a marital-status change stands.
func reviewTitle(_ status: MaritalChangeStatus) -> LocalizedStringResource {
    switch status {
    case .pending: "审核中"
    case .approved: "已通过"
    case .rejected: "未通过"
    case let .other(raw): "状态：\(raw)"
    }
}
