//! `GET /authorize`: the browser arrives from the Alexa app; the bridge checks
//! who sent it and where it is to go back, binds the trip to this browser, and
//! sends it on to Withings.

use super::browser;
use super::client_auth::same;
use super::error::AppError;
use super::pages::Found;
use super::params::{Pairs, ParamError, QueryPairs};
use super::pkce;
use super::{Bridge, PENDING_LIFETIME_SECS, mint};
use crate::secret::{BrowserNonce, LinkState, TokenHash};
use crate::store::{GrantStore, PendingAuthorization};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use std::sync::Arc;
use withings::{SKILL_SCOPES, authorize_url};

/// A client id or redirect URI that cannot be trusted: a page, no redirect.
fn page_param<'a>(q: &'a Pairs, name: &str, missing: &'static str) -> Result<&'a str, AppError> {
    match q.one(name) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(AppError::BadRequest(missing)),
        Err(e) => Err(AppError::BadRequest(e.description())),
    }
}

pub(super) async fn authorize<S: GrantStore>(
    State(bridge): State<Arc<Bridge<S>>>,
    QueryPairs(q): QueryPairs,
) -> Result<Response, AppError> {
    let config = &bridge.config;
    // The client and the redirect URI before anything else: an unvalidated
    // redirect_uri is never redirected to, not even with an error.
    let client_id = page_param(&q, "client_id", "The request has no client_id.")?;
    if !bool::from(same(client_id, &config.alexa_client_id)) {
        return Err(AppError::BadRequest("The client_id is not this skill's."));
    }
    let redirect_uri = page_param(&q, "redirect_uri", "The request has no redirect_uri.")?;
    if !config.redirect_allowed(redirect_uri) {
        return Err(AppError::BadRequest(
            "The redirect_uri is not one of this skill's Alexa account-linking addresses.",
        ));
    }
    // From here on every error goes back to Alexa, with its state when usable.
    let state = q.one("state").ok().flatten();
    let to_alexa = |error, why| AppError::to_alexa(redirect_uri, state, error, why);
    let invalid = |e: ParamError| to_alexa("invalid_request", e.description());
    if let Some(e) = q.problem() {
        return Err(invalid(e));
    }
    match q.one("response_type").map_err(invalid)? {
        Some("code") => {}
        Some(_) => {
            return Err(to_alexa(
                "unsupported_response_type",
                "only response_type=code (the authorization-code grant) is supported",
            ));
        }
        None => return Err(to_alexa("invalid_request", "response_type is required")),
    }
    let Some(state) = state else {
        return Err(to_alexa("invalid_request", "state is required"));
    };
    let challenge = pkce::challenge(
        q.one("code_challenge").map_err(invalid)?,
        q.one("code_challenge_method").map_err(invalid)?,
    )
    .map_err(|e| to_alexa("invalid_request", e.description()))?;

    let id = LinkState::new(mint());
    let nonce = BrowserNonce::new(mint());
    let pending = PendingAuthorization {
        redirect_uri: redirect_uri.to_string(),
        alexa_state: state.to_string(),
        browser: TokenHash::of(nonce.expose()),
        code_challenge: challenge,
        expires_at: bridge.clock.now() + Duration::seconds(PENDING_LIFETIME_SECS),
    };
    let key = TokenHash::of(id.expose());
    if let Err(e) = bridge.store.put_pending(&key, &pending).await {
        tracing::error!(error = %e, "bridge store unavailable");
        return Err(to_alexa(
            "temporarily_unavailable",
            "account linking is temporarily unavailable; please retry",
        ));
    }
    tracing::info!(pending = %key, pkce = pending.code_challenge.is_some(), "authorization started; redirecting to Withings");
    let to = authorize_url(
        &config.withings_authorize_url,
        &bridge.withings.credentials().client_id,
        &config.callback_url(),
        SKILL_SCOPES,
        id.expose(),
    );
    Ok((
        [(header::SET_COOKIE, browser::set_cookie(&nonce))],
        Found(to),
    )
        .into_response())
}
