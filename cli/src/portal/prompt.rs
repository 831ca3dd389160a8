//! Questions on standard error, answers from standard input (a terminal or a pipe: scripts and
//! tests answer through a pipe). End of input means "stop here".

use std::io::{BufRead, IsTerminal, Write};

use yaohao_core::client::redact::redact;

use crate::output::{CliError, Output};

/// Asks one question and returns the trimmed answer, or `None` at the end of input.
pub fn ask(out: &Output, zh: &str, en: &str) -> Result<Option<String>, CliError> {
    eprint!("{}", out.pick(zh, en));
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line).map_err(|e| {
        CliError::invalid(
            "unreadable_input",
            format!("无法读取输入：{e}"),
            format!("cannot read the answer: {e}"),
        )
    })?;
    if read == 0 {
        eprintln!();
        return Ok(None);
    }
    Ok(Some(line.trim().to_owned()))
}

/// Asks for a secret: not echoed on a terminal, read as a line from a pipe.
pub fn ask_secret(out: &Output, zh: &str, en: &str) -> Result<Option<String>, CliError> {
    if std::io::stdin().is_terminal() {
        let term = console::Term::stderr();
        let _ = term.write_str(out.pick(zh, en));
        return match term.read_secure_line() {
            Ok(line) => Ok(Some(line.trim().to_owned())),
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
            Err(e) => Err(CliError::invalid(
                "unreadable_input",
                format!("无法读取输入：{e}"),
                format!("cannot read the answer: {e}"),
            )),
        };
    }
    ask(out, zh, en)
}

/// Asks a yes/no question (default no); `None` at the end of input.
pub fn confirm(out: &Output, zh: &str, en: &str) -> Result<Option<bool>, CliError> {
    Ok(ask(out, zh, en)?.map(|a| {
        matches!(
            a.to_lowercase().as_str(),
            "y" | "yes" | "是" | "好" | "确认"
        )
    }))
}

/// The value of a required answer: the flag's, else the question's; the end of input is an error
/// naming the flag to use instead.
pub fn value_or_ask(
    out: &Output,
    given: Option<String>,
    flag: &str,
    zh: &str,
    en: &str,
    secret: bool,
) -> Result<String, CliError> {
    if let Some(value) = given {
        return Ok(value);
    }
    let answer = if secret {
        ask_secret(out, zh, en)?
    } else {
        ask(out, zh, en)?
    };
    answer.filter(|a| !a.is_empty()).ok_or_else(|| {
        CliError::invalid(
            "missing_input",
            format!("没有得到回答：请用 {flag} 给出。"),
            format!("no answer given: pass it with {flag}."),
        )
    })
}

/// A value checked by a core validator: the flag's (refused with every reason when invalid), else
/// asked until valid. Returns the normalized value.
pub fn valid_value(
    out: &Output,
    given: Option<String>,
    flag: &str,
    question: (&str, &str),
    validator: impl Fn(&str) -> yaohao_core::validate::Validation,
) -> Result<String, CliError> {
    if let Some(value) = given {
        let checked = validator(&value);
        return if checked.valid {
            Ok(checked.normalized.unwrap_or(value))
        } else {
            Err(refusal(flag, &checked))
        };
    }
    loop {
        let answer = ask(out, question.0, question.1)?.ok_or_else(|| {
            CliError::invalid(
                "missing_input",
                format!("没有得到回答：请用 {flag} 给出。"),
                format!("no answer given: pass it with {flag}."),
            )
        })?;
        let checked = validator(&answer);
        if checked.valid {
            return Ok(checked.normalized.unwrap_or(answer));
        }
        for reason in &checked.errors {
            eprintln!("  ✗ {}", redact(reason.message(out.lang)));
        }
    }
}

/// A new password checked by the core's policy: the given one (refused with every reason), else
/// asked without echo until it passes.
pub fn new_password(out: &Output, given: Option<String>) -> Result<String, CliError> {
    let policy = yaohao_core::validate::password;
    if let Some(value) = given {
        let checked = policy(&value);
        return if checked.valid {
            Ok(value)
        } else {
            Err(refusal("--password", &checked))
        };
    }
    loop {
        let answer = ask_secret(
            out,
            "设置密码（8–64 位，含字母和数字）：",
            "Choose a password (8–64 characters, letters and digits): ",
        )?
        .ok_or_else(|| {
            CliError::invalid(
                "missing_input",
                "没有得到回答：请用 --password 给出。",
                "no answer given: pass it with --password.",
            )
        })?;
        let checked = policy(&answer);
        if checked.valid {
            return Ok(answer);
        }
        for reason in &checked.errors {
            eprintln!("  ✗ {}", reason.message(out.lang));
        }
    }
}

/// The error for a value a validator refused, every reason in both languages.
pub fn refusal(field: &str, checked: &yaohao_core::validate::Validation) -> CliError {
    let code = checked
        .errors
        .first()
        .map_or("invalid_input", |r| r.code.as_str());
    let zh: Vec<&str> = checked
        .errors
        .iter()
        .map(|r| r.message_zh.as_str())
        .collect();
    let en: Vec<&str> = checked
        .errors
        .iter()
        .map(|r| r.message_en.as_str())
        .collect();
    CliError::invalid(
        code,
        redact(&format!("{field} 无效：{}", zh.join(" "))),
        redact(&format!("{field} is invalid: {}", en.join(" "))),
    )
}
