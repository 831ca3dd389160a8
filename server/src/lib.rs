//! `yaohao-portal`: a runnable implementation of the Beijing car-quota system's applicant services
//! (accounts, applications, review, periods, draws, results, push) over an HTTP JSON API under
//! `/v1`, documented in `docs/api/portal.openapi.yaml`.
//!
//! Rules, validation, the draw and result files come from `yaohao-core`; this crate stores,
//! serves and schedules, in three layers: [`routes`] (HTTP only) call [`services`] (one per
//! aggregate: rules and transactions), which read and write through [`store`] (the SQL). Start one in-process with [`portal::start_ephemeral`].

pub mod auth;
pub mod cache;
pub mod captcha;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod extract;
pub mod hashing;
pub mod limits;
pub mod ops;
pub mod pdf;
pub mod portal;
pub mod publish;
pub mod push;
pub mod random;
pub mod registry;
pub mod revalidate;
pub mod routes;
pub mod rules;
pub mod scheduler;
pub mod serve;
pub mod services;
pub mod sms;
pub mod state;
pub mod static_files;
pub mod store;
pub mod time;

pub use config::PortalConfig;
pub use portal::{Portal, start, start_ephemeral};
