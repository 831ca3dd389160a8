//! One module per `yaohao` subcommand.

pub mod calendar;
pub mod demo;
pub mod draw;
pub mod eligibility;
pub mod odds;
pub mod points;
pub mod policy;
pub mod reminders;
pub mod results;
pub mod validate;
