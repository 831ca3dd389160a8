import SwiftUI
import YaohaoKit

/// Logging in with resident ID, password and an SMS code, or registering a new account.
struct LoginView: View {
    @Environment(AppState.self) private var state
    @State private var registering = false
    @State private var residentId = ""
    @State private var name = ""
    @State private var mobile = ""
    @State private var password = ""
    @State private var smsCode = ""
    @State private var busy = false
    @State private var registered = false

    var body: some View {
        NavigationStack {
            Form {
                Picker("方式", selection: $registering) {
                    Text("登录").tag(false)
                    Text("注册").tag(true)
                }
                .pickerStyle(.segmented)
                if registered {
                    Text("注册成功，请获取验证码登录。")
                        .foregroundStyle(.green)
                }
                Section {
                    TextField("身份证号", text: $residentId)
                        .textContentType(.username)
                        .textInputAutocapitalization(.characters)
                        .autocorrectionDisabled()
                    if registering {
                        TextField("姓名", text: $name)
                            .textContentType(.name)
                        TextField("手机号", text: $mobile)
                            .keyboardType(.phonePad)
                            .textContentType(.telephoneNumber)
                    }
                    SecureField("密码", text: $password)
                        .textContentType(registering ? .newPassword : .password)
                }
                Section {
                    HStack {
                        TextField("短信验证码", text: $smsCode)
                            .keyboardType(.numberPad)
                            .textContentType(.oneTimeCode)
                        TimelineView(.periodic(from: .now, by: 1)) { context in
                            let wait = state.secondsUntilResend(at: context.date)
                            Button(wait > 0 ? "\(wait) 秒后重发" : "获取验证码") {
                                Task { await requestCode() }
                            }
                            .disabled(wait > 0 || (registering ? mobile : residentId).isEmpty || busy)
                        }
                    }
                } footer: {
                    Text(registering ? "验证码将发送到上面的手机号。" : "验证码将发送到注册时登记的手机号。")
                }
                Section {
                    Button(registering ? "注册" : "登录") {
                        Task { await submit() }
                    }
                    .disabled(residentId.isEmpty || password.isEmpty || smsCode.isEmpty || busy)
                }
            }
            .navigationTitle(registering ? "注册" : "登录")
        }
    }

    private func requestCode() async {
        busy = true
        registered = false
        if registering {
            _ = await state.requestRegistrationCode(mobile: mobile)
        } else {
            _ = await state.requestLoginCode(residentId: residentId)
        }
        busy = false
    }

    private func submit() async {
        busy = true
        defer { busy = false }
        if registering {
            guard await state.register(residentId: residentId, name: name, mobile: mobile, password: password,
                                       smsCode: smsCode) else { return }
            registered = true
            registering = false
            smsCode = ""
        } else if await state.login(residentId: residentId, password: password, smsCode: smsCode) {
            _ = await UserNotificationCenter.requestAuthorization()
        }
    }
}
