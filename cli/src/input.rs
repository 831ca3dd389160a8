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

/// Reads and parses a JSON document from `path` (or `-`).
pub fn read_json<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, CliError> {
    let bytes = read_bytes(path)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        CliError::invalid(
            "invalid_json",
            format!(
                "{path} 不是有效的 JSON（第 {} 行第 {} 列）：{e}",
                e.line(),
                e.column()
            ),
            format!(
                "{path} is not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        )
    })
}
