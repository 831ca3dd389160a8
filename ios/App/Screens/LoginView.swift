import SwiftUI
import YaohaoKit

/// Login with resident ID, password and an SMS code.
struct LoginView: View {
    @Environment(AppState.self) private var state
    @State private var residentId = ""
    @State private var password = ""
    @State private var smsCode = ""
    @State private var busy = false

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
                            let loggedIn = await state.login(residentId: residentId, password: password, smsCode: smsCode)
                            busy = false
                            if loggedIn { _ = await UserNotificationCenter.requestAuthorization() }
                        }
                    }
                    .disabled(residentId.isEmpty || password.isEmpty || smsCode.isEmpty || busy)
                }
            }
            .navigationTitle("登录")
        }
    }
}
