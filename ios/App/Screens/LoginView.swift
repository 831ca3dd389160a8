import SwiftUI
import YaohaoKit

/// Logging in with resident ID, password and an SMS code; registering and resetting the
/// password are one tap away.
struct LoginView: View {
    @Environment(AppState.self) private var state
    @State private var residentId = ""
    @State private var password = ""
    @State private var smsCode = ""
    @State private var busy = false
    @State private var registration: RegistrationModel?
    @State private var reset: PasswordResetModel?

    var body: some View {
        NavigationStack {
            Form {
                Section {
                    TextField("身份证号", text: $residentId)
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
                                    _ = await state.requestLoginCode(residentId: residentId)
                                    busy = false
                                }
                            }
                            .disabled(wait > 0 || residentId.isEmpty || busy)
                        }
                    }
                } footer: {
                    Text("验证码将发送到注册时登记的手机号。")
                }
                Section {
                    Button("登录") {
                        Task {
                            busy = true
                            _ = await state.login(residentId: residentId, password: password, smsCode: smsCode)
                            busy = false
                        }
                    }
                    .disabled(residentId.isEmpty || password.isEmpty || smsCode.isEmpty || busy)
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

/// Registration: the core checks the ID, name and mobile as they are typed.
struct RegistrationView: View {
    @Environment(AppState.self) private var state
    @Environment(\.dismiss) private var dismiss
    @Bindable var model: RegistrationModel

    var body: some View {
        Form {
            Section {
                TextField("身份证号", text: $model.residentId)
                    .textInputAutocapitalization(.characters)
                    .autocorrectionDisabled()
                FieldProblems(problems: model.problems[.id] ?? [])
                FieldProblems(problems: model.portalProblems["resident_id"].map { [$0] } ?? [])
                TextField("姓名", text: $model.name)
                    .textContentType(.name)
                FieldProblems(problems: model.problems[.name] ?? [])
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
                TextField("身份证号", text: $model.residentId)
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
                        .disabled(model.mobile.isEmpty || model.residentId.isEmpty)
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
