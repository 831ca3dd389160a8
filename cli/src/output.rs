//! How commands print: JSON for scripts, a Chinese (or English) table for people; and exit codes.

use serde::Serialize;
use yaohao_core::i18n::Lang;

/// Where and how a command's result is printed.
pub struct Output {
    /// Print JSON instead of human text.
    pub json: bool,
    /// Language of human text.
    pub lang: Lang,
}

/// The process exit codes (also in `yaohao --help` and docs/cli.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 1: invalid input, a failed check, or the portal refused the request.
    Invalid = 1,
    /// 2: usage error (bad option, no portal configured).
    Usage = 2,
    /// 3: not logged in, or the session ended (log in again).
    Login = 3,
    /// 4: temporarily unavailable (network, data freeze, rate limit, server error): retry later.
    Unavailable = 4,
}

/// A command that did not succeed.
#[derive(Debug)]
pub enum CliError {
    /// A failure with a stable code, a message in both languages and its exit code.
    Invalid {
        code: String,
        zh: String,
        en: String,
        exit: Exit,
    },
    /// The result was printed and says the input is invalid or a check failed (exit 1).
    Reported,
}

impl CliError {
    /// Bad input with a stable code and both translations (exit 1).
    pub fn invalid(code: &str, zh: impl Into<String>, en: impl Into<String>) -> CliError {
        CliError::with_exit(Exit::Invalid, code, zh, en)
    }

    /// A failure with an explicit exit code.
    pub fn with_exit(
        exit: Exit,
        code: &str,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> CliError {
        CliError::Invalid {
            code: code.to_owned(),
            zh: zh.into(),
            en: en.into(),
            exit,
        }
    }
}

impl Output {
    /// Prints `value` as pretty JSON, or the human rendering.
    pub fn emit<T: Serialize>(&self, value: &T, human: impl FnOnce(Lang) -> String) {
        let mut text = if self.json {
            serde_json::to_string_pretty(value).expect("results serialise")
        } else {
            human(self.lang)
        };
        if !text.ends_with('\n') {
            text.push('\n');
        }
        write_stdout(&text);
    }

    /// Picks the text for the current language.
    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }

    /// Prints a notice for people on standard error (never mixed into JSON on standard output).
    pub fn note(&self, zh: impl AsRef<str>, en: impl AsRef<str>) {
        eprintln!("{}", self.pick(zh.as_ref(), en.as_ref()));
    }

    /// Reports an error and returns the process exit code.
    pub fn fail(&self, err: &CliError) -> i32 {
        match err {
            CliError::Invalid { code, zh, en, exit } => {
                if self.json {
                    let body = serde_json::json!({"error": {"code": code, "message_zh": zh, "message_en": en}});
                    write_stdout(&format!(
                        "{}\n",
                        serde_json::to_string_pretty(&body).expect("json")
                    ));
                }
                eprintln!("{}: {}", self.pick("错误", "error"), self.pick(zh, en));
                *exit as i32
            }
            CliError::Reported => 1,
        }
    }
}

/// Writes to standard output; a reader that went away (`yaohao … | head`) ends the program
/// quietly instead of panicking.
pub fn write_stdout(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        std::process::exit(0);
    }
}

/// Renders rows under a header as a table that aligns Chinese text.
pub fn table<const N: usize>(
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) -> String {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_BORDERS_ONLY);
    t.set_header(header);
    for row in rows {
        t.add_row(row);
    }
    format!("{t}\n")
}

/// Renders `label: value` pairs as a two-column table.
pub fn pairs<K: ToString, V: ToString>(rows: impl IntoIterator<Item = (K, V)>) -> String {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::NOTHING);
    for (k, v) in rows {
        t.add_row([k.to_string(), v.to_string()]);
    }
    format!("{t}\n")
}
