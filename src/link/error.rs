//! Why a bridge request failed, and how to say so. `/token` is called by
//! Alexa's servers, which read an OAuth 2.0 error object (RFC 6749 §5.2);
//! `/authorize` and the callback are seen by a person, who gets a page. Each
//! variant belongs to one of the two: the form is chosen where the failure is
//! named, and the rendering lives here only.

use super::pages::{Found, page};
use crate::store::StoreError;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use url::Url;

#[derive(Debug)]
pub enum AppError {
    // ---- /token: a JSON error object.
    /// A missing, repeated or malformed parameter: 400 `invalid_request`.
    InvalidRequest(&'static str),
    /// Unknown client, wrong secret, or no credentials: 401 `invalid_client`.
    InvalidClient,
    /// A code or refresh token that is unknown, spent, expired or not this
    /// client's: 400 `invalid_grant`.
    InvalidGrant(&'static str),
    /// A grant type other than `authorization_code` and `refresh_token`.
    UnsupportedGrantType,
    /// The store failed or the link stayed busy: 503 `temporarily_unavailable`
    /// (worth retrying, unlike the others).
    TokenUnavailable(StoreError),

    // ---- /authorize and /withings/callback, before a valid redirect URI is
    // known: an HTML page, never a redirect (an unvalidated redirect_uri is not
    // redirected to, not even with an error).
    /// A request the bridge cannot act on: 400.
    BadRequest(&'static str),
    /// The state is unknown, expired or already used: 400.
    Expired,
    /// The callback came from another browser than the one that started: 400.
    OtherBrowser,
    /// The store failed: 503.
    PageUnavailable(StoreError),

    // ---- after a valid redirect URI: back to Alexa with the error (RFC 6749 §4.1.2.1).
    ToAlexa(Box<AlexaError>),
}

/// An authorization error for Alexa, sent to its validated redirect URI.
#[derive(Debug)]
pub struct AlexaError {
    pub redirect_uri: String,
    /// An RFC 6749 §4.1.2.1 error code.
    pub error: &'static str,
    pub description: &'static str,
    /// Alexa's `state`, echoed when it sent a usable one.
    pub state: Option<String>,
}

impl AppError {
    pub(super) fn to_alexa(
        redirect_uri: &str,
        state: Option<&str>,
        error: &'static str,
        description: &'static str,
    ) -> AppError {
        AppError::ToAlexa(Box::new(AlexaError {
            redirect_uri: redirect_uri.to_string(),
            error,
            description,
            state: state.map(str::to_string),
        }))
    }
}

/// How a store failure is answered: `.or_page()?` in the browser handlers,
/// `.or_oauth()?` in `/token`. (No `From<StoreError>`: a bare `?` would have to
/// pick one of the two forms for every handler.)
pub(super) trait StoreFailure<T> {
    fn or_page(self) -> Result<T, AppError>;
    fn or_oauth(self) -> Result<T, AppError>;
}

impl<T> StoreFailure<T> for Result<T, StoreError> {
    fn or_page(self) -> Result<T, AppError> {
        self.map_err(AppError::PageUnavailable)
    }
    fn or_oauth(self) -> Result<T, AppError> {
        self.map_err(AppError::TokenUnavailable)
    }
}

/// The headers every token endpoint answer carries: tokens are never cached.
pub(super) const NO_STORE: [(header::HeaderName, &str); 2] = [
    (header::CACHE_CONTROL, "no-store"),
    (header::PRAGMA, "no-cache"),
];

#[derive(Serialize)]
struct OAuthError {
    error: &'static str,
    error_description: &'static str,
}

fn oauth(status: StatusCode, error: &'static str, error_description: &'static str) -> Response {
    let body = OAuthError {
        error,
        error_description,
    };
    (status, NO_STORE, Json(body)).into_response()
}

fn store_down(e: &StoreError) {
    tracing::error!(error = %e, "bridge store unavailable");
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let bad = StatusCode::BAD_REQUEST;
        match self {
            AppError::InvalidRequest(why) => oauth(bad, "invalid_request", why),
            AppError::InvalidClient => {
                let mut r = oauth(
                    StatusCode::UNAUTHORIZED,
                    "invalid_client",
                    "client authentication failed",
                );
                r.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Basic realm=\"withings-alexa\""),
                );
                r
            }
            AppError::InvalidGrant(why) => oauth(bad, "invalid_grant", why),
            AppError::UnsupportedGrantType => oauth(
                bad,
                "unsupported_grant_type",
                "only authorization_code and refresh_token are supported",
            ),
            AppError::TokenUnavailable(e) => {
                store_down(&e);
                oauth(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "temporarily_unavailable",
                    "please retry",
                )
            }
            AppError::BadRequest(message) => page(bad, "Invalid account-linking request", message),
            AppError::Expired => page(
                bad,
                "This link has expired",
                "This account-linking request expired or was already used. \
                 Please start again from the skill's page in the Alexa app.",
            ),
            AppError::OtherBrowser => page(
                bad,
                "Please start again",
                "This account-linking request was started in another browser, or its cookie \
                 was lost. Please start again from the skill's page in the Alexa app, in one browser.",
            ),
            AppError::ToAlexa(e) => {
                let Ok(mut back) = Url::parse(&e.redirect_uri) else {
                    return page(bad, "Invalid account-linking request", e.description);
                };
                back.query_pairs_mut()
                    .append_pair("error", e.error)
                    .append_pair("error_description", e.description);
                if let Some(state) = &e.state {
                    back.query_pairs_mut().append_pair("state", state);
                }
                Found(back).into_response()
            }
            AppError::PageUnavailable(e) => {
                store_down(&e);
                page(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Please try again",
                    "Account linking is temporarily unavailable. Please try again in a minute.",
                )
            }
        }
    }
}
