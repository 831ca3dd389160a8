//! Did code X win, at which row and position; or, in a queue list, X's rank.

use super::model::{Code, ListKind, ResultFile};
use chrono::NaiveDateTime;
use serde::Serialize;

/// The answer for one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Lookup {
    /// A draw (lottery, undersubscribed or roster list).
    Draw {
        /// Whether the code is on the list.
        won: bool,
        /// Its 序号 when it won.
        row: Option<u32>,
        /// Its 摇号基数序号 when the list has positions.
        position: Option<u32>,
    },
    /// A NEV queue list.
    Queue {
        /// Whether the code is in the queue list.
        queued: bool,
        /// Its 轮候序号.
        rank: Option<u32>,
        /// Its 轮候时间 (Beijing wall-clock time).
        queued_at: Option<NaiveDateTime>,
    },
}

/// Looks `code` up in `file`.
pub fn lookup(file: &ResultFile, code: Code) -> Lookup {
    let row = file.rows.iter().find(|r| r.code == code);
    match file.kind {
        ListKind::Queue => Lookup::Queue {
            queued: row.is_some(),
            rank: row.map(|r| r.seq),
            queued_at: row.and_then(|r| r.queued_at),
        },
        _ => Lookup::Draw {
            won: row.is_some(),
            row: row.map(|r| r.seq),
            position: row.and_then(|r| r.position),
        },
    }
}
