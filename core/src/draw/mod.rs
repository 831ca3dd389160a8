//! The official draw algorithm (`docs/domain.md` §7): the .NET generator, pool order, the draw,
//! the published text layout, and verification of a published list.
//!
//! ```
//! use yaohao_core::draw::{Pool, run};
//! use yaohao_core::results::Code;
//! let entries: Vec<(Code, u32)> =
//!     (1..=100).map(|i| (Code::from_value(1_000_000_000_000 + i).unwrap(), 1 + (i % 3) as u32)).collect();
//! let pool = Pool::from_entries(&entries).unwrap();
//! let outcome = run(&pool, 10, 123456).unwrap();
//! assert_eq!(outcome.rows.len(), 10);
//! ```

mod bits;
pub mod layout;
mod net_random;
mod package;
mod pool;
mod report;
mod run;
mod verify;

pub use net_random::NetRandom;
pub use package::{LoadedPool, PackageError, read_pool};
pub use pool::{Pool, PoolError};
pub use report::DrawReport;
pub use run::{DrawError, DrawOutcome, DrawRow, replay, run};
pub use verify::{
    MAX_LADDER_RUN, Mismatch, MismatchReason, Undecided, Verdict, Verification, ladder_run_limit,
    verify,
};
