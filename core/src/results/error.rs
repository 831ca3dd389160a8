//! Why a result file was rejected: a line number and a reason, in both languages.

use super::pdf::PdfError;
use crate::i18n::Text;
use thiserror::Error;

/// A result file that could not be read or failed a structural check.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}{kind}", place(.line))]
pub struct ParseError {
    /// 1-based line of the text (of the extracted text for PDFs); 0 for the whole file.
    pub line: usize,
    /// What is wrong.
    pub kind: ParseErrorKind,
}

/// The reasons a result file is rejected.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseErrorKind {
    /// The PDF could not be read.
    #[error("{0}")]
    Pdf(#[from] PdfError),
    /// Larger than any result file ([`super::MAX_FILE_BYTES`]).
    #[error(
        "the file is larger than {} MB, far beyond any official result list",
        .limit >> 20
    )]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The bytes are neither a PDF nor UTF-8 or GB18030 text.
    #[error(
        "not a result file: neither a PDF (it does not start with %PDF) nor UTF-8 or GB18030 text; download the official PDF or its text copy again"
    )]
    Encoding,
    /// No line names the category (个人/单位/家庭 × 普通/新能源).
    #[error("no line names the category (个人/单位/家庭, 普通/新能源)")]
    NoCategory,
    /// A required header field is missing.
    #[error("header field {0} is missing")]
    MissingField(&'static str),
    /// A header field has a value of the wrong shape.
    #[error("header field {field} has an invalid value '{value}'")]
    BadField {
        /// The label.
        field: &'static str,
        /// The value found.
        value: String,
    },
    /// No list start marker or no column header line.
    #[error("no list found (start marker and column header)")]
    NoList,
    /// The column header is not one of the known layouts.
    #[error("unknown columns '{0}'")]
    UnknownColumns(String),
    /// A lottery with Q < N has no seed.
    #[error("a lottery list with Q < N must have a seed")]
    NoSeed,
    /// A row does not have the shape of its list.
    #[error("malformed row: {0}")]
    BadRow(String),
    /// 序号 does not continue the sequence.
    #[error("序号 {found} where {expected} was expected")]
    SeqGap {
        /// The next number.
        expected: u32,
        /// The number found.
        found: u32,
    },
    /// A code appears twice.
    #[error("code {code} appears twice (first at row {first_row})")]
    DuplicateCode {
        /// The code.
        code: String,
        /// The row where it appeared first.
        first_row: u32,
    },
    /// A position outside 1..=N.
    #[error("position {position} is outside 1..={pool_size}")]
    PositionOutOfRange {
        /// The position.
        position: u32,
        /// N.
        pool_size: u32,
    },
    /// In an undersubscribed list every position must equal its 序号.
    #[error("undersubscribed list: position {position} at 序号 {seq}")]
    PositionNotSeq {
        /// The 序号.
        seq: u32,
        /// The position.
        position: u32,
    },
    /// The number of rows differs from Q (or N).
    #[error("{found} rows where the header announces {expected}")]
    RowCount {
        /// Q, or N when Q ≥ N.
        expected: u32,
        /// Rows found.
        found: u32,
    },
}

/// `line N: ` before a message, nothing for the whole file (line 0).
fn place(line: &usize) -> String {
    if *line == 0 {
        String::new()
    } else {
        format!("line {line}: ")
    }
}

impl ParseError {
    /// An error at `line`.
    pub fn at(line: usize, kind: impl Into<ParseErrorKind>) -> ParseError {
        ParseError {
            line,
            kind: kind.into(),
        }
    }

    /// The message for people, Chinese first.
    pub fn text(&self) -> Text {
        use ParseErrorKind as K;
        let zh = match &self.kind {
            K::Pdf(PdfError::TooLarge { limit }) => format!(
                "PDF 的内容解压后超过 {} MB，远大于任何官方结果名单（可能是压缩炸弹）",
                limit >> 20
            ),
            K::Pdf(e) => format!("无法读取 PDF：{e}"),
            K::TooLarge { limit } => {
                format!("文件超过 {} MB，远大于任何官方结果名单", limit >> 20)
            }
            K::Encoding => "这不是结果文件：既不是 PDF（不以 %PDF 开头），也不是 UTF-8 或 GB18030 文本；请重新下载官方 PDF 或其文本版".to_owned(),
            K::NoCategory => "没有找到指标类别行（个人/单位/家庭，普通/新能源）".to_owned(),
            K::MissingField(f) => format!("缺少表头字段 {f}"),
            K::BadField { field, value } => format!("表头字段 {field} 的值“{value}”无效"),
            K::NoList => "没有找到名单（开始标记和列标题）".to_owned(),
            K::UnknownColumns(c) => format!("无法识别的列标题“{c}”"),
            K::NoSeed => "指标数少于编码总数的摇号名单必须有种子数".to_owned(),
            K::BadRow(r) => format!("行格式错误：{r}"),
            K::SeqGap { expected, found } => format!("序号为 {found}，应为 {expected}"),
            K::DuplicateCode { code, first_row } => {
                format!("申请编码 {code} 重复出现（首次在第 {first_row} 行）")
            }
            K::PositionOutOfRange {
                position,
                pool_size,
            } => {
                format!("摇号基数序号 {position} 超出 1..={pool_size}")
            }
            K::PositionNotSeq { seq, position } => {
                format!("未超额名单中序号 {seq} 的摇号基数序号为 {position}")
            }
            K::RowCount { expected, found } => format!("名单有 {found} 行，表头应为 {expected} 行"),
        };
        let place_zh = if self.line == 0 {
            String::new()
        } else {
            format!("第 {} 行：", self.line)
        };
        Text::new(format!("{place_zh}{zh}"), self.to_string())
    }
}
