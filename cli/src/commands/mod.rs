//! One module per `yaohao` subcommand (and the views and helpers the portal commands share).

pub mod apply;
pub mod calendar;
pub mod completions;
pub mod config;
pub mod confirm;
pub mod continuation;
#[cfg(feature = "demo")]
pub mod demo;
pub mod draw;
pub mod eligibility;
pub mod login;
pub mod notify;
pub mod odds;
pub mod outcomes;
pub mod points;
pub mod policy;
pub mod register;
pub mod reminders;
pub mod results;
pub mod sms;
pub mod status;
pub mod upload;
pub mod validate;
pub mod views;
pub mod watch;
