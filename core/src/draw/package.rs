//! Reading a pool: the official verification package (`bjPersonCommonApplyNumber201506_0001.csv`
//! … with `position,code` lines, plus the `…NumberPeriod201506.csv` period file), or a plain
//! list of `code[,weight]` lines.

use super::pool::{Pool, PoolError};
use crate::results::{Code, decode_text};
use thiserror::Error;

/// Why pool files could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PackageError {
    /// No file was given.
    #[error("no pool file given")]
    NoFiles,
    /// Several files but none of the package's `…ApplyNumber…` files.
    #[error("several files but no …ApplyNumber… file of a verification package")]
    NotAPackage,
    /// A line that is not `position,code` (package) or `code[,weight]` (plain list).
    #[error("{file} line {line}: {reason}")]
    BadLine {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// The period file's N disagrees with the positions listed.
    #[error("the period file says N = {meta} but the package lists {listed} positions")]
    SizeMismatch {
        /// N in the period file.
        meta: u32,
        /// Positions listed.
        listed: u32,
    },
    /// The entries do not form a pool.
    #[error("{0}")]
    Pool(#[from] PoolError),
}

/// A pool read from files, with what the package says about its period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedPool {
    /// The pool.
    pub pool: Pool,
    /// The period number from the file names (`201506`), if any.
    pub period: Option<String>,
    /// Q from the period file, if any.
    pub quota: Option<u32>,
}

/// Reads a pool from named files: all files of an unpacked verification package, or one plain
/// list. Text may be UTF-8 or GB18030; blank lines and a non-numeric first line are skipped.
pub fn read_pool(files: &[(String, Vec<u8>)]) -> Result<LoadedPool, PackageError> {
    let mut chunks: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(name, _)| name.contains("ApplyNumber"))
        .collect();
    if chunks.is_empty() {
        return match files {
            [] => Err(PackageError::NoFiles),
            [(name, bytes)] => plain_list(name, bytes),
            _ => Err(PackageError::NotAPackage),
        };
    }
    chunks.sort_by(|a, b| a.0.cmp(&b.0));
    let mut pairs = Vec::new();
    for (name, bytes) in chunks {
        for (line, fields) in csv_lines(name, bytes)? {
            let bad = |reason: &str| PackageError::BadLine {
                file: name.clone(),
                line,
                reason: reason.to_owned(),
            };
            let [position, code] = fields.as_slice() else {
                return Err(bad("expected position,code"));
            };
            let position: u64 = position
                .parse()
                .map_err(|_| bad("position is not a number"))?;
            let code = Code::parse(code).ok_or_else(|| bad("code is not 13 digits"))?;
            pairs.push((position, code));
        }
    }
    let pool = Pool::from_positions(pairs)?;
    let meta = files.iter().find(|(name, _)| name.contains("NumberPeriod"));
    let (mut period, mut quota) = (None, None);
    if let Some((name, bytes)) = meta {
        period = period_of(name);
        let numbers: Vec<u32> = csv_lines(name, bytes)?
            .into_iter()
            .filter_map(|(_, fields)| fields.last().and_then(|f| f.parse().ok()))
            .collect();
        if let [.., n, q] = numbers.as_slice() {
            if *n != pool.size() {
                return Err(PackageError::SizeMismatch {
                    meta: *n,
                    listed: pool.size(),
                });
            }
            quota = Some(*q);
        }
    }
    let period = period.or_else(|| files.iter().find_map(|(name, _)| period_of(name)));
    Ok(LoadedPool {
        pool,
        period,
        quota,
    })
}

/// A plain list: `code` (weight 1) or `code,weight` per line.
fn plain_list(name: &str, bytes: &[u8]) -> Result<LoadedPool, PackageError> {
    let mut entries = Vec::new();
    for (line, fields) in csv_lines(name, bytes)? {
        let bad = |reason: &str| PackageError::BadLine {
            file: name.to_owned(),
            line,
            reason: reason.to_owned(),
        };
        let (code, weight) = match fields.as_slice() {
            [code] => (code, 1),
            [code, weight] => (
                code,
                weight.parse().map_err(|_| bad("weight is not a number"))?,
            ),
            _ => return Err(bad("expected code or code,weight")),
        };
        entries.push((
            Code::parse(code).ok_or_else(|| bad("code is not 13 digits"))?,
            weight,
        ));
    }
    Ok(LoadedPool {
        pool: Pool::from_entries(&entries)?,
        period: period_of(name),
        quota: None,
    })
}

/// The non-blank lines of a CSV file as trimmed, unquoted fields, with 1-based line numbers.
/// Separators: comma, tab or spaces. A first line without digits (a column header) is skipped.
fn csv_lines(name: &str, bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, PackageError> {
    let text = decode_text(bytes).ok_or_else(|| PackageError::BadLine {
        file: name.to_owned(),
        line: 0,
        reason: "not UTF-8 or GB18030 text".into(),
    })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || (i == 0 && !line.bytes().any(|b| b.is_ascii_digit())) {
            continue;
        }
        let fields = line
            .split(|c: char| c == ',' || c.is_whitespace())
            .map(|f| f.trim().trim_matches('"').to_owned())
            .filter(|f| !f.is_empty())
            .collect();
        out.push((i + 1, fields));
    }
    Ok(out)
}

/// The six digits following `Period` or `ApplyNumber` in a package file name.
fn period_of(name: &str) -> Option<String> {
    let start = ["NumberPeriod", "ApplyNumber"]
        .iter()
        .find_map(|k| name.find(k).map(|at| at + k.len()))?;
    let digits: String = name
        .get(start..)?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (digits.len() == 6).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> (String, Vec<u8>) {
        (name.to_owned(), text.as_bytes().to_vec())
    }

    #[test]
    fn reads_a_split_package_in_file_order() {
        let files = [
            file(
                "bjPersonCommonApplyNumber201506_0002.csv",
                "3,0000000000001\n",
            ),
            file(
                "bjPersonCommonApplyNumber201506_0001.csv",
                "1,0000000000001\n2,0000000000002\n",
            ),
            file(
                "bjPersonCommonNumberPeriod201506.csv",
                "个人普通\n201506\n2015年第06期\nx\ny\n3\n1\n",
            ),
        ];
        let loaded = read_pool(&files).unwrap();
        assert_eq!((loaded.pool.size(), loaded.pool.applicants()), (3, 2));
        assert_eq!(loaded.period.as_deref(), Some("201506"));
        assert_eq!(loaded.quota, Some(1));
    }

    #[test]
    fn the_period_file_must_agree() {
        let files = [
            file(
                "bjUnitCommonApplyNumber201506_0001.csv",
                "1,0000000000001\n",
            ),
            file(
                "bjUnitCommonNumberPeriod201506.csv",
                "单位普通\n201506\nt\nx\ny\n2\n1\n",
            ),
        ];
        assert_eq!(
            read_pool(&files),
            Err(PackageError::SizeMismatch { meta: 2, listed: 1 })
        );
    }

    #[test]
    fn reads_a_plain_list_with_weights() {
        let loaded = read_pool(&[file(
            "pool.csv",
            "code,weight\n0000000000002,2\n0000000000001\n",
        )])
        .unwrap();
        assert_eq!(loaded.pool.size(), 3);
        assert_eq!(loaded.pool.code_at(3).map(|c| c.value()), Some(2));
        let err = read_pool(&[file("pool.csv", "0000000000002,x\n")]).unwrap_err();
        assert!(
            matches!(err, PackageError::BadLine { line: 1, .. }),
            "{err}"
        );
    }
}
