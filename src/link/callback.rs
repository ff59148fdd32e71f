//! `GET /withings/callback`: the browser returns from Withings' consent page.
//! Only the browser that started the trip may finish it; the bridge exchanges
//! the Withings code at once (it lives 30 s) and sends the browser back to
//! Alexa with a one-time bridge code of its own, or with the error.

use super::browser;
use super::error::{AppError, StoreFailure};
use super::pages::Found;
use super::params::{PageQuery, nonempty};
use super::{Bridge, CODE_LIFETIME_SECS, mint};
use crate::secret::{AuthCode, LinkState, TokenHash};
use crate::store::{CodeGrant, GrantStore};
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use serde::Deserialize;
use std::sync::Arc;
use url::Url;
use withings::Deadline;

/// How long the Withings code exchange may take: well inside the bridge
/// Lambda's timeout (the template's 7 s), so a slow Withings gets an answer
/// to Alexa rather than a dead function.
pub const WITHINGS_EXCHANGE_DEADLINE: std::time::Duration = std::time::Duration::from_secs(4);

/// The states the bridge mints are 43 characters; anything much longer was
/// never one, and is not even looked up.
const MAX_STATE_BYTES: usize = 64;

/// The parameters Withings sends back.
#[derive(Deserialize)]
pub(super) struct CallbackParams {
    #[serde(default, deserialize_with = "nonempty")]
    state: Option<LinkState>,
    #[serde(default, deserialize_with = "nonempty")]
    code: Option<AuthCode>,
    error: Option<String>,
}

/// The error codes an authorization server may send back (RFC 6749 §4.1.2.1).
const KNOWN_ERRORS: &[&str] = &[
    "invalid_request",
    "unauthorized_client",
    "access_denied",
    "unsupported_response_type",
    "invalid_scope",
    "server_error",
    "temporarily_unavailable",
];

/// Withings' `error` as it may be logged: a known code as is, anything else
/// (anyone can put anything in a callback URL) escaped and cut short, so it
/// can neither forge log lines nor fill the log.
fn loggable_error(error: &str) -> String {
    if KNOWN_ERRORS.contains(&error) {
        return error.to_string();
    }
    let cut: String = error.chars().take(32).collect();
    let escaped: String = cut.escape_default().collect();
    format!(
        "unrecognised: \"{escaped}\"{}",
        if cut.len() < error.len() { "…" } else { "" }
    )
}

/// What Alexa hears when Withings reports an error: only the person's refusal
/// and Withings' own unavailability are passed on; the rest is the bridge's
/// business with Withings, a `server_error` to Alexa.
fn error_for_alexa(withings_error: &str) -> (&'static str, &'static str) {
    match withings_error {
        "access_denied" => ("access_denied", "the Withings account holder declined"),
        "temporarily_unavailable" => (
            "temporarily_unavailable",
            "Withings is temporarily unavailable",
        ),
        _ => (
            "server_error",
            "Withings could not complete the authorization",
        ),
    }
}

/// Every answer forgets the browser cookie: the trip is over either way.
pub(super) async fn callback<S: GrantStore>(
    bridge: State<Arc<Bridge<S>>>,
    headers: HeaderMap,
    q: PageQuery<CallbackParams>,
) -> Response {
    let mut r = finish(bridge, headers, q).await.into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, browser::clear_cookie());
    r
}

async fn finish<S: GrantStore>(
    State(bridge): State<Arc<Bridge<S>>>,
    headers: HeaderMap,
    PageQuery(q): PageQuery<CallbackParams>,
) -> Result<Found, AppError> {
    let now = bridge.clock.now();
    let state = q.state.ok_or(AppError::BadRequest(
        "Withings sent no state back. Please start again from the Alexa app.",
    ))?;
    if state.expose().len() > MAX_STATE_BYTES {
        return Err(AppError::Expired);
    }
    // Consumed whatever happens next: a state is good for one return trip.
    let pending = bridge
        .store
        .take_pending(&TokenHash::of(state.expose()), now)
        .await
        .or_page()?
        .ok_or(AppError::Expired)?;
    if !browser::same_browser(&headers, &pending.browser) {
        tracing::warn!("callback from another browser than the one that started; refused");
        return Err(AppError::OtherBrowser);
    }
    let alexa_state = Some(pending.alexa_state.as_str());
    let to_alexa = |error, why| AppError::to_alexa(&pending.redirect_uri, alexa_state, error, why);
    if let Some(error) = q.error {
        tracing::info!(
            error = %loggable_error(&error),
            "Withings authorization not granted"
        );
        let (error, why) = error_for_alexa(&error);
        return Err(to_alexa(error, why));
    }
    let code = q
        .code
        .ok_or_else(|| to_alexa("server_error", "Withings sent no authorization code back"))?;
    let tokens = bridge
        .withings
        .exchange_code(
            &code,
            &bridge.config.callback_url(),
            bridge.config.withings_client_auth,
            now,
            Deadline::after(WITHINGS_EXCHANGE_DEADLINE),
        )
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "Withings code exchange failed");
            to_alexa("server_error", "Withings did not confirm the authorization")
        })?;
    let bridge_code = AuthCode::new(mint());
    let grant = CodeGrant {
        client_id: bridge.config.alexa_client_id.clone(),
        redirect_uri: pending.redirect_uri.clone(),
        withings_user_id: tokens.user_id.0,
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token,
        access_expires_at: tokens.expires_at,
        code_challenge: pending.code_challenge.clone(),
        expires_at: now + Duration::seconds(CODE_LIFETIME_SECS),
    };
    let key = TokenHash::of(bridge_code.expose());
    if let Err(e) = bridge.store.put_code(&key, &grant).await {
        tracing::error!(error = %e, "bridge store unavailable");
        return Err(to_alexa(
            "temporarily_unavailable",
            "account linking is temporarily unavailable; please retry",
        ));
    }
    tracing::info!(code = %key, "Withings authorized; returning to Alexa");
    let mut back = Url::parse(&grant.redirect_uri)
        .map_err(|_| AppError::BadRequest("The stored redirect_uri is unreadable."))?;
    back.query_pairs_mut()
        .append_pair("code", bridge_code.expose())
        .append_pair("state", &pending.alexa_state);
    Ok(Found(back))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_error_codes_reach_the_log_as_sent() {
        for known in KNOWN_ERRORS {
            assert_eq!(loggable_error(known), *known);
        }
        let forged = loggable_error("x\nINFO forged log line");
        assert!(!forged.contains('\n'), "{forged}");
        assert!(forged.contains("x\\nINFO"), "{forged}");
        let long = loggable_error(&"a".repeat(10_000));
        assert!(long.len() < 64, "{long}");
    }

    #[test]
    fn the_code_exchange_ends_before_the_function_times_out() {
        let template = include_str!("../../template.yaml");
        let timeout: u64 = template
            .lines()
            .find_map(|l| l.trim().strip_prefix("Timeout: "))
            .and_then(|t| t.trim().parse().ok())
            .expect("a Timeout in template.yaml");
        // Room for the store writes and the answer after the exchange.
        assert!(
            WITHINGS_EXCHANGE_DEADLINE.as_secs() + 2 <= timeout,
            "{timeout}"
        );
    }
}
