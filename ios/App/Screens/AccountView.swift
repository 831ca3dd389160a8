import PhotosUI
import SwiftUI
import YaohaoKit

/// The account as the core shows it (masked ID and mobile, marital status), changing the mobile,
/// and the marital-status change with its review.
struct AccountView: View {
    @Environment(AppState.self) private var state
    @State private var model: AccountModel
    @State private var maritalStatus = MaritalStatus.married
    @State private var certificate: PhotosPickerItem?

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
        }
        .navigationTitle("账户")
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
        .errorAlert($model.error)
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
