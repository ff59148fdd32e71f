//! `GET /authorize`: the browser arrives from the Alexa app; the bridge checks
//! who sent it and where it is to go back, then sends it on to Withings.

use super::client_auth::same;
use super::error::{AppError, StoreFailure};
use super::pages::Found;
use super::params::PageQuery;
use super::{Bridge, PENDING_LIFETIME_SECS, mint};
use crate::secret::{LinkState, TokenHash};
use crate::store::{GrantStore, PendingAuthorization};
use axum::extract::State;
use axum::http::HeaderMap;
use chrono::Duration;
use serde::Deserialize;
use std::sync::Arc;
use withings::{SKILL_SCOPES, authorize_url};

/// The parameters `/authorize` reads (an empty one counts as missing).
#[derive(Deserialize)]
pub(super) struct AuthorizeParams {
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    response_type: String,
    /// Alexa's own state, handed back to it untouched.
    #[serde(default)]
    state: String,
}

pub(super) async fn authorize<S: GrantStore>(
    State(bridge): State<Arc<Bridge<S>>>,
    headers: HeaderMap,
    PageQuery(q): PageQuery<AuthorizeParams>,
) -> Result<Found, AppError> {
    let config = &bridge.config;
    // Validate the client and the redirect URI before anything else: an
    // unvalidated redirect_uri is never redirected to, not even with an error.
    if q.client_id.is_empty() {
        return Err(AppError::BadRequest("The request has no client_id."));
    }
    if !bool::from(same(&q.client_id, &config.alexa_client_id)) {
        return Err(AppError::BadRequest("The client_id is not this skill's."));
    }
    if q.redirect_uri.is_empty() {
        return Err(AppError::BadRequest("The request has no redirect_uri."));
    }
    if !config.redirect_allowed(&q.redirect_uri) {
        return Err(AppError::BadRequest(
            "The redirect_uri is not one of Alexa's account-linking addresses.",
        ));
    }
    if q.response_type != "code" {
        return Err(AppError::BadRequest(
            "Only response_type=code (the authorization-code grant) is supported.",
        ));
    }
    if q.state.is_empty() {
        return Err(AppError::BadRequest("The request has no state."));
    }
    let callback = config
        .callback_url(&headers)
        .ok_or(AppError::BadRequest("The request has no Host header."))?;
    let id = LinkState::new(mint());
    let pending = PendingAuthorization {
        redirect_uri: q.redirect_uri,
        alexa_state: q.state,
        expires_at: bridge.clock.now() + Duration::seconds(PENDING_LIFETIME_SECS),
    };
    let key = TokenHash::of(id.expose());
    bridge.store.put_pending(&key, &pending).await.or_page()?;
    tracing::info!(pending = %key, "authorization started; redirecting to Withings");
    Ok(Found(authorize_url(
        &config.withings_authorize_url,
        &bridge.withings.credentials().client_id,
        &callback,
        SKILL_SCOPES,
        id.expose(),
    )))
}
