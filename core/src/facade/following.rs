//! Following application codes without an account: codes from the official system, typed as
//! the user likes (the core reads spaces, hyphens and full-width digits), whose results are
//! matched in every published list the device reads — from the portal, or from an official PDF
//! or TXT file the user imports — and announced exactly once per code and period.

use super::{ResultNotification, Yaohao};
use crate::client::ClientError;
use crate::validate::read_code;

impl Yaohao {
    /// Follows `codes` (no login needed) and returns every followed code. Nothing is followed
    /// when one is invalid: the error names it with the reason.
    pub fn follow_codes(&self, codes: Vec<String>) -> Result<Vec<String>, ClientError> {
        let read = codes
            .iter()
            .map(|typed| {
                read_code(typed).map_err(|reason| ClientError::Validation {
                    code: reason.code.clone(),
                    field: Some("code".to_owned()),
                    message: crate::i18n::Text::new(
                        format!("“{typed}”：{}", reason.message_zh),
                        format!("'{typed}': {}", reason.message_en),
                    ),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let now = self.now_ms();
        for code in &read {
            self.cache.follow(&code.to_string(), now)?;
        }
        // The lists already read are read again at the next check, to match the new codes.
        self.cache.forget_result_files()?;
        self.followed_codes()
    }

    /// Stops following `code` (as typed) and returns the codes still followed; its outcomes
    /// already announced stay announced.
    pub fn unfollow_code(&self, code: String) -> Result<Vec<String>, ClientError> {
        if let Ok(read) = read_code(&code) {
            self.cache.unfollow(&read.to_string())?;
        }
        self.followed_codes()
    }

    /// The followed codes, in the order they were added.
    pub fn followed_codes(&self) -> Result<Vec<String>, ClientError> {
        Ok(self.cache.followed()?)
    }

    /// Reads an official result file the user imported (PDF or TXT, from the share sheet or a
    /// file picker), verifies the draw from its header, matches the followed codes and the
    /// account's, and returns the notifications not handed out before.
    pub async fn import_result_file(
        &self,
        bytes: Vec<u8>,
    ) -> Result<Vec<ResultNotification>, ClientError> {
        let period = self.record_result(bytes, None).await?;
        self.notifications(&period)
    }
}
