//! `yaohao-core`: everything an applicant can be wrong about — dates, eligibility, points, odds,
//! whether a code won and whether a draw was honest — decided once, in pure Rust.
//!
//! Rules come from `docs/domain.md` of the product; policy and holiday tables are data files in
//! `core/data/`, embedded at build time.

pub mod i18n;
pub mod time;

pub mod calendar;
pub mod policy;
pub mod reminders;

pub mod actions;
pub mod eligibility;
pub mod odds;
pub mod points;
pub mod preview;
pub mod validate;

pub mod documents;
pub mod draw;
pub mod draw_day;
pub mod results;

pub mod api;
pub mod cache;
pub mod client;
pub mod facade;
pub mod secrets;

/// The application form, part of the contract ([`api::forms`]).
pub use api::forms;
