//! Reading a command's input file, or standard input for `-`.

use crate::output::CliError;
use std::io::Read;

/// Reads the whole of `path`, or standard input when `path` is `-`.
pub fn read_bytes(path: &str) -> Result<Vec<u8>, CliError> {
    let mut buf = Vec::new();
    let res = if path == "-" {
        std::io::stdin().read_to_end(&mut buf).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut buf).map(|_| ()))
    };
    res.map_err(|e| {
        CliError::invalid(
            "unreadable_input",
            format!("无法读取 {path}：{e}。请检查文件路径和权限。"),
            format!("cannot read {path}: {e}. Check the path and permissions."),
        )
    })?;
    Ok(buf)
}

/// Reads and parses a JSON document from `path` (or `-`). Broken JSON and a well-formed document
/// with a wrong value (a date that does not exist, a word where a number belongs) are told apart.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, CliError> {
    let bytes = read_bytes(path)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        match e.classify() {
            serde_json::error::Category::Data => CliError::invalid(
                "invalid_value",
                format!("{path} 第 {line} 行第 {column} 列的值无效：{e}。JSON 格式本身没有问题，请修正这个值。"),
                format!("{path}: the value at line {line}, column {column} is invalid: {e}. The JSON itself is well formed; correct that value."),
            ),
            _ => CliError::invalid(
                "invalid_json",
                format!("{path} 不是有效的 JSON（第 {line} 行第 {column} 列）：{e}"),
                format!("{path} is not valid JSON (line {line}, column {column}): {e}"),
            ),
        }
    })
}
