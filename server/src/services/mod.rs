//! Services: one module per aggregate. They hold the rules (calling the core where it decides)
//! and the transactions, read and write through [`crate::store`], and return `core::api` types
//! or domain values. They never import [`crate::routes`].

pub mod accounts;
pub mod applications;
pub mod changes;
pub mod devices;
pub mod documents;
pub mod info;
pub mod operator;
pub mod periods;
pub mod privacy;
pub mod publication;
pub mod quotas;
pub mod results;
pub mod review;
