//! Store: the SQL, one module per table group. Functions take a `&Connection` or a
//! `&Transaction` and return rows or domain values; they decide no rule.

pub mod accounts;
pub mod announcements;
pub mod applications;
pub mod changes;
pub mod counters;
pub mod devices;
pub mod documents;
pub mod draws;
pub mod periods;
pub mod privacy;
pub mod push;
pub mod quotas;
pub mod registry;
pub mod results;
pub mod seed;
pub mod sessions;
pub mod sms;
