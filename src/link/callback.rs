//! `GET /withings/callback`: the browser returns from Withings' consent page.
//! The bridge exchanges the Withings code at once (it lives 30 s) and sends the
//! browser back to Alexa with a one-time bridge code of its own.

use super::error::{AppError, StoreFailure};
use super::pages::Found;
use super::params::{PageQuery, nonempty};
use super::{Bridge, CODE_LIFETIME_SECS, mint};
use crate::secret::{AuthCode, LinkState, TokenHash};
use crate::store::{CodeGrant, GrantStore};
use axum::extract::State;
use axum::http::HeaderMap;
use chrono::Duration;
use serde::Deserialize;
use std::sync::Arc;
use url::Url;
use withings::Deadline;

/// The parameters Withings sends back.
#[derive(Deserialize)]
pub(super) struct CallbackParams {
    #[serde(default, deserialize_with = "nonempty")]
    state: Option<LinkState>,
    #[serde(default, deserialize_with = "nonempty")]
    code: Option<AuthCode>,
    error: Option<String>,
}

/// The error codes an authorization server may send back (RFC 6749 §4.1.2.1):
/// the only forms of Withings' `error` that are logged, since anyone can put
/// anything in a callback URL.
const KNOWN_ERRORS: &[&str] = &[
    "invalid_request",
    "unauthorized_client",
    "access_denied",
    "unsupported_response_type",
    "invalid_scope",
    "server_error",
    "temporarily_unavailable",
];

fn loggable_error(error: &str) -> &'static str {
    KNOWN_ERRORS
        .iter()
        .find(|e| **e == error)
        .copied()
        .unwrap_or("(unrecognised)")
}

pub(super) async fn callback<S: GrantStore>(
    State(bridge): State<Arc<Bridge<S>>>,
    headers: HeaderMap,
    PageQuery(q): PageQuery<CallbackParams>,
) -> Result<Found, AppError> {
    let now = bridge.clock.now();
    let state = q.state.ok_or(AppError::BadRequest(
        "Withings sent no state back. Please start again from the Alexa app.",
    ))?;
    // Consumed whatever happens next: a state is good for one return trip.
    let pending = bridge
        .store
        .take_pending(&TokenHash::of(state.expose()), now)
        .await
        .or_page()?;
    if let Some(error) = q.error {
        tracing::info!(
            error = loggable_error(&error),
            "Withings authorization not granted"
        );
        return Err(if error == "access_denied" {
            AppError::Declined
        } else {
            AppError::NotLinked(
                "Withings could not complete the authorization. Please try again from the Alexa app.",
            )
        });
    }
    let pending = pending.ok_or(AppError::Expired)?;
    let code = q.code.ok_or(AppError::BadRequest(
        "Withings sent no authorization code back. Please try again.",
    ))?;
    let callback = bridge
        .config
        .callback_url(&headers)
        .ok_or(AppError::BadRequest("The request has no Host header."))?;
    let tokens = bridge
        .withings
        .exchange_code(
            &code,
            &callback,
            bridge.config.withings_client_auth,
            now,
            Deadline::after(std::time::Duration::from_secs(10)),
        )
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "Withings code exchange failed");
            AppError::NotLinked(
                "Withings did not confirm the authorization. Please try again from the Alexa app.",
            )
        })?;
    let bridge_code = AuthCode::new(mint());
    let grant = CodeGrant {
        client_id: bridge.config.alexa_client_id.clone(),
        redirect_uri: pending.redirect_uri,
        withings_user_id: tokens.user_id.0,
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token,
        access_expires_at: tokens.expires_at,
        expires_at: now + Duration::seconds(CODE_LIFETIME_SECS),
    };
    let key = TokenHash::of(bridge_code.expose());
    bridge.store.put_code(&key, &grant).await.or_page()?;
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
    fn only_known_error_codes_reach_the_log() {
        for known in KNOWN_ERRORS {
            assert_eq!(loggable_error(known), *known);
        }
        assert_eq!(loggable_error("x\nforged log line"), "(unrecognised)");
    }
}
