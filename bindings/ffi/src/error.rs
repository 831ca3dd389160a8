//! The boundary error: each variant is something the app can act on.

use yaohao_core::i18n::Reason;

/// What went wrong, in terms the app can act on.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum YaohaoError {
    /// The input is invalid: `field` names it, the messages say what to do.
    #[error("{field}: {message_en}")]
    InvalidInput {
        /// The field or argument at fault.
        field: String,
        /// Stable code of the problem.
        code: String,
        /// What to do, in Simplified Chinese.
        message_zh: String,
        /// What to do, in English.
        message_en: String,
    },
}

impl YaohaoError {
    /// A date that is not `YYYY-MM-DD`.
    pub(crate) fn bad_date(value: &str) -> YaohaoError {
        YaohaoError::invalid(
            "date",
            Reason::new(
                "date_format",
                format!("日期“{value}”无效，请使用 YYYY-MM-DD 格式的真实日期。"),
                format!("'{value}' is not a date; use a real date as YYYY-MM-DD."),
            ),
        )
    }

    /// An invalid-input error from a core reason.
    pub(crate) fn invalid(field: &str, reason: Reason) -> YaohaoError {
        YaohaoError::InvalidInput {
            field: field.to_owned(),
            code: reason.code,
            message_zh: reason.message_zh,
            message_en: reason.message_en,
        }
    }
}
