//! Desktop notifications, best effort: `notify-send` on Linux and the BSDs, `osascript` on macOS.
//! Without them (servers, CI, no notification daemon) nothing happens and nothing fails: the alert
//! is printed anyway.

use std::process::{Command, Stdio};

/// Shows a notification if the desktop offers a way; never fails.
pub fn desktop(title: &str, body: &str) {
    let mut command = if cfg!(target_os = "macos") {
        let script = format!(
            "display notification {} with title {}",
            applescript_string(body),
            applescript_string(title)
        );
        let mut c = Command::new("osascript");
        c.arg("-e").arg(script);
        c
    } else {
        let mut c = Command::new("notify-send");
        c.args(["--app-name=yaohao", "--", title, body]);
        c
    };
    let started = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if let Ok(mut child) = started {
        // Reap it in the background; its outcome does not matter.
        std::thread::spawn(move || child.wait());
    }
}

/// A string literal for AppleScript.
fn applescript_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_escaped_for_applescript() {
        assert_eq!(applescript_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }
}
