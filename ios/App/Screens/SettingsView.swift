import SwiftUI
import UIKit
import YaohaoKit

/// The account, language and notifications, and logging out.
struct SettingsView: View {
    @Environment(AppState.self) private var state
    @Environment(\.openURL) private var openURL

    var body: some View {
        Form {
            if let account = state.dashboard.account {
                Section("账户") {
                    LabeledContent("姓名", value: account.name)
                    LabeledContent("身份证号", value: account.maskedResidentId)
                    LabeledContent("手机号", value: account.mobile)
                }
            }
            Section {
                Button("语言与通知设置") {
                    if let url = URL(string: UIApplication.openSettingsURLString) { openURL(url) }
                }
            } footer: {
                Text("应用默认使用简体中文；在系统设置中可为本应用选择 English。")
            }
            Section {
                Button("退出登录", role: .destructive) {
                    Task { await state.logout() }
                }
            } footer: {
                Text("退出后本机的草稿会保留，提醒会被取消。")
            }
        }
        .navigationTitle("设置")
    }
}
