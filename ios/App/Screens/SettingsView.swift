import SwiftUI
import UIKit
import YaohaoKit

/// Language and notifications, the privacy consent, and logging out.
struct SettingsView: View {
    @Environment(AppState.self) private var state
    @Environment(\.openURL) private var openURL

    var body: some View {
        Form {
            Section {
                Button("语言与通知设置") {
                    if let url = URL(string: UIApplication.openSettingsURLString) { openURL(url) }
                }
            } footer: {
                Text("应用默认使用简体中文；在系统设置中可为本应用选择 English。")
            }
            Section {
                Link("隐私政策", destination: Consent.policyURL)
                Button("撤回隐私同意", role: .destructive) {
                    Task { await state.withdrawConsent() }
                }
            } footer: {
                Text("撤回后将退出登录并取消提醒，再次使用前需重新同意。")
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
