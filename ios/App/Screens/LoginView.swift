import SwiftUI
import YaohaoKit

/// Logging in, a person by resident ID or a unit by credit code, with password and an SMS code;
/// registering and resetting the password are one tap away.
struct LoginView: View {
    @Environment(AppState.self) private var state
    @State private var accountType = AccountType.person
    @State private var key = ""
    @State private var password = ""
    @State private var smsCode = ""
    @State private var busy = false
    @State private var registration: RegistrationModel?
    @State private var reset: PasswordResetModel?

    var body: some View {
        NavigationStack {
            Form {
                Section {
                    AccountTypePicker(selection: $accountType)
                    TextField(accountType.keyLabel, text: $key)
                        .textContentType(.username)
                        .textInputAutocapitalization(.characters)
                        .autocorrectionDisabled()
                    SecureField("密码", text: $password)
                        .textContentType(.password)
                }
                Section {
                    HStack {
                        TextField("短信验证码", text: $smsCode)
                            .keyboardType(.numberPad)
                            .textContentType(.oneTimeCode)
                        TimelineView(.periodic(from: .now, by: 1)) { context in
                            let wait = state.secondsUntilResend(at: context.date)
                            Button(wait > 0 ? "\(wait) 秒后重发" : "获取验证码") {
                                Task {
                                    busy = true
                                    _ = await state.requestLoginCode(holder: accountType.holder(key))
                                    busy = false
                                }
                            }
                            .disabled(wait > 0 || key.isEmpty || busy)
                        }
                    }
                } footer: {
                    if accountType == .unit {
                        Text("验证码将发送到经办人登记的手机号。")
                    } else {
                        Text("验证码将发送到注册时登记的手机号。")
                    }
                }
                Section {
                    Button("登录") {
                        Task {
                            busy = true
                            _ = await state.login(holder: accountType.holder(key), password: password, smsCode: smsCode)
                            busy = false
                        }
                    }
                    .disabled(key.isEmpty || password.isEmpty || smsCode.isEmpty || busy)
                    Button("注册新账户") { registration = state.registration() }
                    Button("忘记密码") { reset = state.passwordReset() }
                }
                Section {
                    NavigationLink("不登录，关注申请编码") { FollowView(state: state) }
                    NavigationLink("不登录，用结果文件查询编码") { ResultFileView(model: state.resultFile()) }
                }
            }
            .navigationTitle("登录")
            .navigationDestination(item: $registration) { RegistrationView(model: $0) }
            .navigationDestination(item: $reset) { PasswordResetView(model: $0) }
        }
    }
}

/// Registration of a person's or a unit's account: the core checks every field as it is typed.
struct RegistrationView: View {
    @Environment(AppState.self) private var state
    @Environment(\.dismiss) private var dismiss
    @Bindable var model: RegistrationModel

    var body: some View {
        Form {
            Section {
                AccountTypePicker(selection: $model.accountType)
            }
            if model.accountType == .unit {
                Section {
                    TextField("统一社会信用代码", text: $model.creditCode)
                        .textInputAutocapitalization(.characters)
                        .autocorrectionDisabled()
                    FieldProblems(problems: model.problems[.creditCode] ?? [])
                    FieldProblems(problems: model.portalProblems["credit_code"].map { [$0] } ?? [])
                    TextField("单位名称", text: $model.unitName)
                    FieldProblems(problems: model.problems[.unitName] ?? [])
                    FieldProblems(problems: model.portalProblems["unit_name"].map { [$0] } ?? [])
                } footer: {
                    Text("以下填写经办人的身份证号、姓名和手机号。")
                }
            }
            Section {
                TextField("身份证号", text: $model.residentId)
                    .textInputAutocapitalization(.characters)
                    .autocorrectionDisabled()
                FieldProblems(problems: model.problems[.id] ?? [])
                FieldProblems(problems: model.portalProblems["resident_id"].map { [$0] } ?? [])
                FieldProblems(problems: model.portalProblems["contact_resident_id"].map { [$0] } ?? [])
                TextField("姓名", text: $model.name)
                    .textContentType(.name)
                FieldProblems(problems: model.problems[.name] ?? [])
                FieldProblems(problems: model.portalProblems["contact_name"].map { [$0] } ?? [])
                TextField("手机号", text: $model.mobile)
                    .keyboardType(.phonePad)
                    .textContentType(.telephoneNumber)
                FieldProblems(problems: model.problems[.phone] ?? [])
                FieldProblems(problems: model.portalProblems["mobile"].map { [$0] } ?? [])
                SecureField("密码", text: $model.password)
                    .textContentType(.newPassword)
                FieldProblems(problems: model.portalProblems["password"].map { [$0] } ?? [])
            }
            Section {
                HStack {
                    TextField("短信验证码", text: $model.smsCode)
                        .keyboardType(.numberPad)
                        .textContentType(.oneTimeCode)
                    Button("获取验证码") { Task { _ = await model.requestCode() } }
                        .disabled(model.mobile.isEmpty)
                }
            } footer: {
                Text("验证码将发送到上面的手机号。")
            }
            Section {
                Button("注册") {
                    Task { if await model.register() { dismiss() } }
                }
            } footer: {
                Text("注册后请获取验证码登录。")
            }
        }
        .navigationTitle("注册")
        .errorAlert($model.error)
    }
}

/// Resetting a forgotten password with a code sent to the registered mobile.
struct PasswordResetView: View {
    @Environment(\.dismiss) private var dismiss
    @Bindable var model: PasswordResetModel

    var body: some View {
        Form {
            Section {
                AccountTypePicker(selection: $model.accountType)
                TextField(model.accountType.keyLabel, text: $model.key)
                    .textInputAutocapitalization(.characters)
                    .autocorrectionDisabled()
                TextField("注册手机号", text: $model.mobile)
                    .keyboardType(.phonePad)
            }
            Section {
                HStack {
                    TextField("短信验证码", text: $model.smsCode)
                        .keyboardType(.numberPad)
                        .textContentType(.oneTimeCode)
                    Button("获取验证码") { Task { _ = await model.requestCode() } }
                        .disabled(model.mobile.isEmpty || model.key.isEmpty)
                }
                SecureField("新密码", text: $model.newPassword)
                    .textContentType(.newPassword)
            }
            Section {
                Button("重设密码") {
                    Task { if await model.reset() { dismiss() } }
                }
            }
        }
        .navigationTitle("忘记密码")
        .errorAlert($model.error)
    }
}

/// A person's or a unit's account.
struct AccountTypePicker: View {
    @Binding var selection: AccountType

    var body: some View {
        Picker("账户类型", selection: $selection) {
            Text("个人").tag(AccountType.person)
            Text("单位").tag(AccountType.unit)
        }
        .pickerStyle(.segmented)
    }
}

extension AccountType {
    /// The label of the field that names the account.
    var keyLabel: LocalizedStringKey {
        switch self {
        case .person: return "身份证号"
        case .unit: return "统一社会信用代码"
        }
    }
}
