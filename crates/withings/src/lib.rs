//! A Withings API client usable on its own: OAuth 2.0 (live), OAuth 1.0 (the
//! historical scheme, RFC 5849), and typed data calls with the `{status, body}`
//! envelope, paging and per-call deadlines handled once.

pub mod activity;
pub mod client;
pub mod clock;
pub mod dates;
pub mod error;
pub mod goals;
pub mod lenient;
pub mod measure;
#[cfg(feature = "oauth1")]
pub mod oauth1;
pub mod oauth2;
mod scrub;
pub mod secret;
pub mod sleep;
mod transport;
pub mod workouts;

pub use client::{Credentials, DEFAULT_API_BASE, Deadline, WithingsClient, http_client};
pub use clock::Clock;
pub use error::{StatusBucket, WithingsError};
pub use lenient::Id;
pub use oauth2::{ClientAuth, TokenSet};

#[doc(hidden)]
pub use serde as __serde;
