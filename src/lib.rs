//! Withings health data for Alexa, the product: the Alexa protocol, the skill,
//! the linked-account store (port and adapters), the account-linking bridge and
//! their configuration. The two Lambdas (`src/bin/skill.rs`, `src/bin/link.rs`)
//! are thin shells around it; the local runner (`src/bin/withings-alexa/`) adds
//! the offline sandbox, which this library never uses.
//!
//! Arrows: `skill` → `alexa`, `store`, `withings` (the client crate); `link` →
//! `store`, `withings`; `config` builds what both Lambdas need. `alexa` knows
//! nothing of Withings or storage. docs/architecture.md draws the whole picture.

pub mod alexa;
pub mod aws_error;
pub mod config;
pub mod link;
pub mod logging;
pub mod secret;
pub mod skill;
pub mod store;
pub mod tls;
