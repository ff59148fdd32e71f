//! Withings health data for Alexa: the Lambda-side skill, the Withings client it
//! uses, the linked-account store, the account-linking bridge and an offline
//! Withings sandbox.
//!
//! Data flows one way: `bin/` → `skill` → (`alexa`, `withings`, `store`).
//! `withings` and `alexa` know nothing of the rest and can be used alone.

pub mod alexa;
pub mod aws_error;
pub mod config;
pub mod link;
pub mod secret;
pub mod skill;
pub mod store;
