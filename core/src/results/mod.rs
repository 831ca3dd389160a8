//! Official result lists (PDF or text): reading them into typed rows, structural checks and
//! looking a code up. Verification against the draw algorithm lives in [`crate::draw`].
//!
//! ```no_run
//! let bytes = std::fs::read("bj-201506-person-ordinary.pdf").unwrap();
//! let file = yaohao_core::results::parse_bytes(&bytes).unwrap();
//! let code = yaohao_core::results::Code::parse("3859102325290").unwrap();
//! println!("{:?}", yaohao_core::results::lookup(&file, code));
//! ```

mod check;
mod error;
mod lookup;
mod model;
mod parse;
pub mod pdf;
mod text;

pub use error::{ParseError, ParseErrorKind};
pub use lookup::{Lookup, lookup};
pub use model::{
    Applicant, Category, Code, Header, ListKind, QuotaKind, ResultFile, Row, Seed, Template,
};
pub use parse::parse_text;
pub use text::decode as decode_text;

/// Parses a result file given as bytes: a PDF (starts with `%PDF`) or a UTF-8/GB18030 text copy.
pub fn parse_bytes(bytes: &[u8]) -> Result<ResultFile, ParseError> {
    if bytes.starts_with(b"%PDF") {
        let text = pdf::extract_text(bytes).map_err(|e| ParseError::at(0, e))?;
        return parse_text(&text);
    }
    let text = text::decode(bytes).ok_or(ParseError::at(0, ParseErrorKind::Encoding))?;
    parse_text(&text)
}
