//! The account-linking bridge: a small OAuth 2.0 authorization server (RFC 6749
//! authorization-code grant) that Alexa links through, because Withings' own
//! token endpoint is not standard OAuth 2.0.
//!
//! 1. `GET /authorize` checks Alexa's client id and exact redirect URI and its
//!    PKCE challenge, remembers them under a random state, binds the trip to the
//!    browser with a cookie, and sends the browser to Withings' consent page.
//! 2. `GET /withings/callback`, from that browser only, exchanges the Withings code at once (it lives
//!    30 s), stores the Withings tokens under a one-time bridge code (hashed) and
//!    sends the browser back to Alexa with that code.
//! 3. `POST /token` redeems the code (creating the skill's `LinkRecord` under the
//!    hash of a new Alexa access token) or a refresh token (moving the link to a
//!    new access token atomically, so the rotating Withings refresh token is never
//!    in two places).
//!
//! Alexa-facing tokens and codes are stored only as SHA-256 hashes and never
//! logged. Each handler has its file and returns `Result<_, AppError>`: the error
//! knows how to answer (OAuth JSON to Alexa's servers, a page to a browser).

mod authorize;
mod browser;
mod callback;
mod client_auth;
mod config;
mod error;
mod legal;
mod pages;
mod params;
mod pkce;
mod token;

pub use callback::WITHINGS_EXCHANGE_DEADLINE;
pub use config::{ALEXA_REDIRECT_HOSTS, BridgeConfig, VendorId};
pub use error::AppError;
pub use pages::html_escape;
pub use params::{MAX_INPUT_BYTES, MAX_VALUE_BYTES};
pub use pkce::s256 as pkce_s256;

use crate::secret::random_token;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use std::sync::Arc;
use withings::{Clock, WithingsClient};

/// How long a browser may take on Withings' consent page.
pub const PENDING_LIFETIME_SECS: i64 = 600;
/// How long Alexa has to redeem a bridge code.
pub const CODE_LIFETIME_SECS: i64 = 300;
/// The bridge's own routes, relative to its public base URL.
pub const CALLBACK_PATH: &str = "/withings/callback";
/// Random bytes in every token, code and state the bridge mints.
const TOKEN_BYTES: usize = 32;

/// The bridge: configuration, the shared store, and the Withings client.
pub struct Bridge<S> {
    pub config: BridgeConfig,
    pub store: S,
    pub withings: WithingsClient,
    pub clock: Clock,
}

/// The bridge's routes: `GET /authorize`, `GET /withings/callback`,
/// `POST /token`, `GET /privacy` and `GET /terms`; every answer carries the
/// security headers, and no body over `MAX_INPUT_BYTES` is read.
pub fn router<S: crate::store::GrantStore + 'static>(bridge: Arc<Bridge<S>>) -> Router {
    Router::new()
        .route("/authorize", get(authorize::authorize::<S>))
        .route(CALLBACK_PATH, get(callback::callback::<S>))
        .route("/token", post(token::token::<S>))
        .route("/privacy", get(legal::privacy::<S>))
        .route("/terms", get(legal::terms::<S>))
        .layer(DefaultBodyLimit::max(MAX_INPUT_BYTES))
        .layer(axum::middleware::map_response(pages::security_headers))
        .with_state(bridge)
}

/// A fresh random value for a state, code or token: unguessable, URL-safe.
fn mint() -> String {
    random_token(TOKEN_BYTES)
}
