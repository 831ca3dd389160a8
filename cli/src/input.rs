//! Reading a command's input file, or standard input for `-`.

use crate::output::CliError;
use std::io::Read;

/// The most a JSON input (facts, a state, a form) may hold.
pub const JSON_BYTES: usize = 1 << 20;
/// The most a photo may hold (a 50-megapixel camera JPEG is about 25 MB).
pub const PHOTO_BYTES: usize = 64 << 20;
/// The most one pool file may hold (a `code,weight` list of 3 million applicants is 48 MB).
pub const POOL_FILE_BYTES: usize = 128 << 20;

/// Reads `path` (or standard input for `-`), at most `limit` bytes: a larger input (a huge file,
/// a device such as `/dev/zero`) is refused with the limit, without reading on.
pub fn read_bytes(path: &str, limit: usize) -> Result<Vec<u8>, CliError> {
    let mut buf = Vec::new();
    let cap = limit as u64 + 1;
    let res = if path == "-" {
        std::io::stdin().take(cap).read_to_end(&mut buf).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|f| f.take(cap).read_to_end(&mut buf).map(|_| ()))
    };
    res.map_err(|e| {
        CliError::invalid(
            "unreadable_input",
            format!("无法读取 {path}：{e}。请检查文件路径和权限。"),
            format!("cannot read {path}: {e}. Check the path and permissions."),
        )
    })?;
    if buf.len() > limit {
        let mb = limit >> 20;
        return Err(CliError::invalid(
            "input_too_large",
            format!(
                "{path} 超过 {mb} MB：这么大的输入不可能是它应有的文件，请检查是否选错了文件。"
            ),
            format!(
                "{path} is larger than {mb} MB, more than such a file can be: check that it is the right file."
            ),
        ));
    }
    Ok(buf)
}

/// Reads and parses a JSON document from `path` (or `-`). Broken JSON and a well-formed document
/// with a wrong value (a date that does not exist, a word where a number belongs) are told apart.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, CliError> {
    let bytes = read_bytes(path, JSON_BYTES)?;
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
