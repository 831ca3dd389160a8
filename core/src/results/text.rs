//! Decoding text copies of result lists: UTF-8 (with or without BOM), otherwise GB18030.

use encoding_rs::GB18030;
use std::borrow::Cow;

/// Decodes `bytes` as UTF-8 (a leading BOM is dropped) or, when that fails, as GB18030.
/// `None` when the bytes are neither.
pub fn decode(bytes: &[u8]) -> Option<Cow<'_, str>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(body) {
        return Some(Cow::Borrowed(text));
    }
    GB18030.decode_without_bom_handling_and_without_replacement(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_and_gb18030() {
        assert_eq!(decode("期号：201601".as_bytes()).unwrap(), "期号：201601");
        assert_eq!(decode("\u{feff}期号".as_bytes()).unwrap(), "期号");
        let (gb, _, _) = GB18030.encode("分期编号：201506");
        assert!(std::str::from_utf8(&gb).is_err());
        assert_eq!(decode(&gb).unwrap(), "分期编号：201506");
    }

    #[test]
    fn rejects_bytes_that_are_no_text() {
        // 0xFF never occurs in UTF-8 or GB18030.
        assert!(decode(&[0x31, 0xFF, 0xFF, 0x32]).is_none());
    }
}
