//! Personal numbers as the tool shows them: never whole.

pub use yaohao_core::validate::mask as mask_id;

/// A mobile number as `138****8000` (anything that is not 11 characters is fully masked).
pub fn mask_mobile(mobile: &str) -> String {
    let chars: Vec<char> = mobile.chars().collect();
    match (chars.get(..3), chars.get(7..)) {
        (Some(head), Some(tail)) if chars.len() == 11 => {
            format!(
                "{}****{}",
                head.iter().collect::<String>(),
                tail.iter().collect::<String>()
            )
        }
        _ => "*".repeat(chars.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_keep_only_the_ends() {
        assert_eq!(mask_mobile("13800138000"), "138****8000");
        assert_eq!(mask_mobile("1380013"), "*******");
        assert_eq!(mask_id("110105199001011232"), "110105********1232");
    }
}
