//! Addresses (联系地址). The product spec warns that "北京" instead of "北京市" fails review.

use super::{Validation, required};
use crate::i18n::Reason;

/// Beijing's sixteen districts.
const DISTRICTS: [&str; 16] = [
    "东城区",
    "西城区",
    "朝阳区",
    "丰台区",
    "石景山区",
    "海淀区",
    "门头沟区",
    "房山区",
    "通州区",
    "顺义区",
    "昌平区",
    "大兴区",
    "怀柔区",
    "平谷区",
    "密云区",
    "延庆区",
];
const MIN_CHARS: usize = 8;

/// Validates a contact address.
pub fn address(value: &str) -> Validation {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Validation::new(None, vec![required("联系地址", "address")]);
    }
    let mut errors = Vec::new();
    let mut fixed = trimmed.to_owned();
    if let Some(rest) = trimmed.strip_prefix("北京") {
        if !rest.starts_with('市') {
            let rest = rest.trim_start_matches(['省', ' ']);
            fixed = format!("北京市{rest}");
            errors.push(Reason::new(
                "address_city",
                format!("请写全称“北京市”而不是“北京”：{fixed}"),
                format!("Write the full form 北京市 (Beijing Municipality), not 北京: {fixed}"),
            ));
        }
        if !DISTRICTS.iter().any(|d| fixed.contains(d)) {
            errors.push(Reason::new(
                "address_district",
                "北京地址请写明所在区（如“朝阳区”）。",
                "A Beijing address must name its district (e.g. 朝阳区).",
            ));
        }
    }
    let len = fixed.chars().count();
    if len < MIN_CHARS {
        errors.push(Reason::new(
            "address_too_short",
            "地址过于简略，请写到街道、门牌号。",
            "The address is too short; include the street and house number.",
        ));
    }
    Validation::new(Some(fixed), errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_full_city_name() {
        let v = address("北京朝阳区建国路 88 号");
        assert_eq!(v.codes(), ["address_city"]);
        assert_eq!(v.normalized.as_deref(), Some("北京市朝阳区建国路 88 号"));
        assert!(address("北京市朝阳区建国路 88 号").valid);
    }

    #[test]
    fn explains_other_mistakes() {
        assert_eq!(
            address("北京市建国路 88 号院").codes(),
            ["address_district"]
        );
        assert_eq!(address("北京市朝阳区").codes(), ["address_too_short"]);
        assert_eq!(address("").codes(), ["required"]);
        assert!(address("河北省廊坊市三河市燕郊镇某路 1 号").valid);
    }
}
