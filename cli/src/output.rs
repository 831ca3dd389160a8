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

/// A command that did not succeed.
#[derive(Debug)]
pub enum CliError {
    /// Bad input or a failed check (exit 1): a stable code and a message in both languages.
    Invalid {
        code: String,
        zh: String,
        en: String,
    },
    /// The command line itself is wrong (exit 2).
    Usage(String),
}

impl CliError {
    /// Bad input with a stable code and both translations.
    pub fn invalid(code: &str, zh: impl Into<String>, en: impl Into<String>) -> CliError {
        CliError::Invalid {
            code: code.to_owned(),
            zh: zh.into(),
            en: en.into(),
        }
    }
}

impl Output {
    /// Prints `value` as pretty JSON, or the human rendering.
    pub fn emit<T: Serialize>(&self, value: &T, human: impl FnOnce(Lang) -> String) {
        if self.json {
            println!(
                "{}",
                serde_json::to_string_pretty(value).expect("results serialise")
            );
        } else {
            let text = human(self.lang);
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
        }
    }

    /// Picks the text for the current language.
    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Reports an error and returns the process exit code.
    pub fn fail(&self, err: &CliError) -> i32 {
        match err {
            CliError::Invalid { code, zh, en } => {
                if self.json {
                    let body = serde_json::json!({"error": {"code": code, "message_zh": zh, "message_en": en}});
                    println!("{}", serde_json::to_string_pretty(&body).expect("json"));
                }
                eprintln!("{}: {}", self.pick("错误", "error"), self.pick(zh, en));
                1
            }
            CliError::Usage(msg) => {
                eprintln!("{}: {msg}", self.pick("用法错误", "usage error"));
                2
            }
        }
    }
}
