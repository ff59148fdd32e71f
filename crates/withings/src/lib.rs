//! A client for the Withings health API: linking a user with OAuth 2.0,
//! keeping their tokens fresh, and typed calls for the data Withings keeps
//! (body measures, daily activity, sleep, workouts, goals), each bounded by a
//! deadline and with errors that say what to do next.
//!
//! # Linking a user (OAuth 2.0)
//!
//! 1. Send the user's browser to [`authorize_url`] (the page at
//!    [`DEFAULT_AUTHORIZE_URL`], with the [`Scope`]s you need and a `state`
//!    you check on return).
//! 2. Withings redirects to your `redirect_uri` with a `code`. It is valid for
//!    30 seconds and once only: trade it at once with
//!    [`WithingsClient::exchange_code`] for a [`TokenSet`].
//! 3. Call the data methods with [`TokenSet::access_token`].
//!
//! The client proves itself on the token endpoint in one of two ways
//! ([`ClientAuth`]): by sending its client secret, or, in the request-signature
//! variant, by fetching a single-use nonce ([`WithingsClient::nonce`]) and
//! sending an HMAC-SHA256 [`request_signature`] instead of the secret.
//!
//! # Refresh and rotation
//!
//! An access token lives 3 hours ([`TokenSet::expires_at`]). Trade the refresh
//! token for a new pair with [`WithingsClient::refresh`]. The refresh token
//! *rotates*: each refresh returns a new one, and the old one dies as soon as
//! the new access token is used. Persist the whole new [`TokenSet`] before
//! using its access token, or a crash in between locks the user out.
//!
//! # Data calls
//!
//! | data | call | helpers |
//! | --- | --- | --- |
//! | body measures (weight, fat, blood pressure, temperature, ECG…) | [`WithingsClient::get_measures`] with a [`MeasureQuery`] | [`dedupe`], [`latest`], [`latest_blood_pressure`], [`WithingsClient::latest_measure`] |
//! | daily activity (steps, distance, calories, heart rate) | [`WithingsClient::get_activity`] | [`activity_for_day`] |
//! | sleep, one summary per night | [`WithingsClient::sleep_summary`] | [`SleepData::sleep_seconds`] |
//! | workouts | [`WithingsClient::get_workouts`] | [`Workout::active_seconds`], [`WorkoutCategory`] |
//! | goals (steps, sleep, weight) | [`WithingsClient::get_goals`] | |
//!
//! Days are the user's local calendar days ([`DayRange`], [`local_today`]),
//! never the host's. Measure values stay exact ([`Decimal`]) until shown.
//! Withings' payloads are loose (ids as numbers or strings, numbers as strings,
//! nulls anywhere, new codes without notice); parsing accepts all of it, and
//! an unknown code becomes an `Unknown(code)` variant instead of an error.
//!
//! # Paging
//!
//! List calls follow Withings' `more`/`offset` paging themselves, up to the
//! `max_pages` you pass. The answer is a [`Paged`]: its `complete` is false
//! when the limit cut the list short.
//!
//! # Deadlines
//!
//! Every call takes a [`Deadline`], an instant rather than a timeout, so a
//! caller with a budget for a whole request gives each call what is left of it.
//! A call still waiting then fails with [`WithingsError::Timeout`].
//!
//! # Errors and what to do about them
//!
//! | [`WithingsError`] | meaning | what to do |
//! | --- | --- | --- |
//! | `InvalidToken` | the access token is expired or revoked | [`refresh`](WithingsClient::refresh), then retry |
//! | `GrantRefused` | the refresh token or code is dead | send the user through the link again |
//! | `RateLimited` | status 601 | back off; Withings sends no Retry-After |
//! | `Timeout`, `Transport`, `Http` 5xx | no usable answer | retry later ([`WithingsError::is_transient`]) |
//! | `Api` | any other status, with its [`StatusBucket`] | `InvalidParams` is a bug in the call; `Timeout`/`Error` may pass |
//! | `Malformed` | the answer is not what Withings documents | report it; the excerpt is safe to log |
//!
//! Messages never contain a token: bodies quoted in errors are cut short and
//! scrubbed, and every secret is a type from [`secret`] that prints
//! `[redacted]`. [`secret_type!`] gives a program's own secrets the same care.
//!
//! # Example
//!
//! ```no_run
//! use std::time::Duration;
//! use withings::secret::{AuthCode, ClientSecret};
//! use withings::{
//!     ClientAuth, Credentials, DayRange, Deadline, MeasureType, WithingsClient, SKILL_SCOPES,
//! };
//!
//! # async fn link_and_read(code_from_redirect: &str) -> Result<(), Box<dyn std::error::Error>> {
//! let client = WithingsClient::new(
//!     withings::http_client(),
//!     withings::DEFAULT_API_BASE.parse()?,
//!     Credentials::new("my-client-id", ClientSecret::new("my-client-secret")),
//! );
//! let redirect_uri = "https://example.com/withings/callback";
//!
//! // 1. The page to send the user to.
//! let page = withings::authorize_url(
//!     &withings::DEFAULT_AUTHORIZE_URL.parse()?,
//!     "my-client-id",
//!     redirect_uri,
//!     SKILL_SCOPES,
//!     "a-random-state",
//! );
//! println!("open {page}");
//!
//! // 2. Withings came back with ?code=…: trade it within 30 seconds.
//! let now = chrono::Utc::now();
//! let deadline = Deadline::after(Duration::from_secs(5));
//! let code = AuthCode::new(code_from_redirect);
//! let tokens = client
//!     .exchange_code(&code, redirect_uri, ClientAuth::Secret, now, deadline)
//!     .await?;
//! // Persist `tokens` here, before the access token is used.
//!
//! // 3. The latest weight of the last 30 days, in the user's zone.
//! let tz: chrono_tz::Tz = "Europe/Paris".parse()?;
//! let today = withings::local_today(tz, now);
//! let days = DayRange::new(today - chrono::Days::new(29), today);
//! let deadline = Deadline::after(Duration::from_secs(5));
//! let weight = client
//!     .latest_measure(&tokens.access_token, MeasureType::Weight, days, tz, deadline, 3)
//!     .await?;
//! match weight {
//!     Some(w) => println!("{} {}", w.value.round_to(1), w.kind.unit()),
//!     None => println!("no weigh-in in 30 days"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! `examples/latest_weight.rs` does step 3 with a token from the environment.
//!
//! # OAuth 1.0 (feature `oauth1`)
//!
//! Withings spoke OAuth 1.0 until November 2018, when it closed that scheme.
//! The `oauth1` module (behind the `oauth1` feature) keeps it as a faithful
//! RFC 5849 HMAC-SHA1 signer and verifier, with the three-legged client and a
//! printer that shows every stage of a signature. Its data calls go through
//! the same HTTP path, deadlines and envelope handling as the OAuth 2.0 ones.

#![warn(missing_docs)]

mod activity;
mod client;
mod clock;
mod dates;
mod deadline;
mod error;
mod goals;
mod lenient;
mod measure;
#[cfg(feature = "oauth1")]
pub mod oauth1;
mod oauth2;
mod paging;
mod revoke;
mod scrub;
pub mod secret;
mod sleep;
mod transport;
mod workouts;

pub use activity::{
    ACTIVITY_FIELDS, Activity, ActivityPage, BRAND_EXTERNAL, BRAND_WITHINGS, activity_for_day,
    parse_activity_body,
};
pub use client::{Credentials, DEFAULT_API_BASE, WithingsClient, http_client, http_client_builder};
pub use clock::Clock;
pub use dates::{DayRange, local_midnight, local_today};
pub use deadline::Deadline;
pub use error::{StatusBucket, WithingsError};
pub use goals::{Goals, parse_goals_body};
pub use lenient::Id;
pub use measure::{
    Attrib, BloodPressure, Decimal, Measure, MeasureCategory, MeasureGroup, MeasurePage,
    MeasureQuery, MeasureRange, MeasureType, Reading, dedupe, latest, latest_blood_pressure,
    parse_measure_body,
};
pub use oauth2::{
    ClientAuth, DEFAULT_AUTHORIZE_URL, SKILL_SCOPES, Scope, TokenSet, authorize_url,
    request_signature,
};
pub use paging::{PageInfo, Paged};
pub use sleep::{SLEEP_SUMMARY_FIELDS, SleepData, SleepSeries, SleepSummaryPage};
pub use workouts::{
    WORKOUT_FIELDS, Workout, WorkoutCategory, WorkoutData, WorkoutPage, parse_workouts_body,
};

#[doc(hidden)]
pub use serde as __serde;
