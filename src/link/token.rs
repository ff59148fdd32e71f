//! `POST /token`: Alexa's servers redeem a bridge code for an access and a
//! refresh token, or a refresh token for new ones.

use super::client_auth::authenticate_client;
use super::config::BridgeConfig;
use super::error::{AppError, NO_STORE, StoreFailure};
use super::params::{TokenForm, nonempty};
use super::pkce;
use super::{Bridge, mint};
use crate::secret::{
    AlexaToken, AuthCode, BridgeRefreshToken, ClientSecret, CodeVerifier, TokenHash,
};
use crate::store::{GrantStore, RefreshGrant, Rotation};
use crate::store::{LinkRecord, Outcome, StoreError};
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Attempts at moving a link before giving up with `temporarily_unavailable`
/// (each waits out a skill-side Withings refresh, whose lease lasts seconds).
const ROTATE_ATTEMPTS: u32 = 4;

/// The parameters `/token` reads; the secrets stay secret types, so that a
/// `Debug` of the form prints no credential.
#[derive(Deserialize)]
pub(super) struct TokenParams {
    grant_type: Option<String>,
    #[serde(default, deserialize_with = "nonempty")]
    code: Option<AuthCode>,
    redirect_uri: Option<String>,
    #[serde(default, deserialize_with = "nonempty")]
    refresh_token: Option<BridgeRefreshToken>,
    #[serde(default, deserialize_with = "nonempty")]
    code_verifier: Option<CodeVerifier>,
    client_id: Option<String>,
    client_secret: Option<ClientSecret>,
}

pub(super) async fn token<S: GrantStore>(
    State(bridge): State<Arc<Bridge<S>>>,
    headers: HeaderMap,
    TokenForm(form): TokenForm<TokenParams>,
) -> Result<Issued, AppError> {
    let client = authenticate_client(
        &bridge.config,
        &headers,
        form.client_id.as_deref(),
        form.client_secret.as_ref(),
    )?;
    match form.grant_type.as_deref() {
        Some("authorization_code") => {
            let Some(code) = &form.code else {
                return Err(AppError::InvalidRequest("code is required"));
            };
            // Required, as Alexa's authorization request always carries one (§4.1.3).
            let Some(redirect_uri) = form.redirect_uri.as_deref().filter(|r| !r.is_empty()) else {
                return Err(AppError::InvalidRequest("redirect_uri is required"));
            };
            if form
                .code_verifier
                .as_ref()
                .is_some_and(|v| !pkce::well_formed(v))
            {
                return Err(AppError::InvalidRequest(
                    "code_verifier must be 43 to 128 unreserved characters",
                ));
            }
            let presented = Presented {
                code,
                redirect_uri,
                verifier: form.code_verifier.as_ref(),
            };
            redeem_code(&bridge, &client, presented).await
        }
        Some("refresh_token") => {
            let Some(token) = &form.refresh_token else {
                return Err(AppError::InvalidRequest("refresh_token is required"));
            };
            refresh(&bridge, &client, token).await
        }
        Some(_) => Err(AppError::UnsupportedGrantType),
        None => Err(AppError::InvalidRequest("grant_type is required")),
    }
}

/// A new Alexa access token and bridge refresh token, with the grant that ties
/// the refresh token to the link stored under the access token's hash.
struct Minted {
    access: AlexaToken,
    refresh: BridgeRefreshToken,
    link: TokenHash,
    refresh_key: TokenHash,
    grant: RefreshGrant,
    /// When the access token stops working (its `expires_in`, stored with the link).
    expires_at: DateTime<Utc>,
}

impl Minted {
    fn new(config: &BridgeConfig, client: &str, now: DateTime<Utc>) -> Self {
        let access = AlexaToken::new(mint());
        let refresh = BridgeRefreshToken::new(mint());
        let link = access.hashed();
        Minted {
            refresh_key: TokenHash::of(refresh.expose()),
            grant: RefreshGrant {
                client_id: client.to_string(),
                link: link.clone(),
                expires_at: now + config.refresh_token_lifetime,
            },
            access,
            refresh,
            link,
            expires_at: now + config.access_token_lifetime,
        }
    }

    fn issued(self, config: &BridgeConfig) -> Issued {
        Issued {
            access_token: self.access,
            expires_in: config.access_token_lifetime.num_seconds(),
            refresh_token: self.refresh,
            token_type: "bearer",
        }
    }
}

/// A successful token response.
#[derive(Serialize)]
pub(super) struct Issued {
    access_token: AlexaToken,
    expires_in: i64,
    refresh_token: BridgeRefreshToken,
    token_type: &'static str,
}

impl IntoResponse for Issued {
    fn into_response(self) -> Response {
        (NO_STORE, Json(self)).into_response()
    }
}

/// What `/token` was given with a code grant.
struct Presented<'a> {
    code: &'a AuthCode,
    redirect_uri: &'a str,
    verifier: Option<&'a CodeVerifier>,
}

/// `grant_type=authorization_code`: the code is spent by the attempt; it is
/// redeemed only with the redirect URI it was issued for and, if it was issued
/// with a PKCE challenge, with the verifier that answers it (RFC 7636 §4.6).
async fn redeem_code<S: GrantStore>(
    bridge: &Bridge<S>,
    client: &str,
    p: Presented<'_>,
) -> Result<Issued, AppError> {
    let now = bridge.clock.now();
    // Consumed atomically: a second redemption finds nothing.
    let taken = bridge
        .store
        .take_code(&TokenHash::of(p.code.expose()), now)
        .await;
    let grant = found(taken, "the code is invalid, expired or already used")?;
    let why = "the code was issued to another client";
    issued_to(&grant.client_id, client, why)?;
    if p.redirect_uri != grant.redirect_uri {
        return Err(AppError::InvalidGrant(
            "redirect_uri does not match the authorization request",
        ));
    }
    match (&grant.code_challenge, p.verifier) {
        (Some(challenge), Some(v)) if pkce::verifies(v, challenge) => {}
        (Some(_), Some(_)) => return Err(AppError::InvalidGrant("code_verifier does not match")),
        (Some(_), None) => return Err(AppError::InvalidGrant("code_verifier is required")),
        // A verifier for a code issued without a challenge: a downgrade attempt
        // (RFC 9700 §2.1.1), not a harmless extra.
        (None, Some(_)) => {
            return Err(AppError::InvalidGrant(
                "the code was issued without a code_challenge",
            ));
        }
        (None, None) => {}
    }
    let minted = Minted::new(&bridge.config, client, now);
    let link = LinkRecord {
        key: minted.link.clone(),
        withings_user_id: grant.withings_user_id,
        access_token: grant.access_token,
        refresh_token: grant.refresh_token,
        access_expires_at: grant.access_expires_at,
        version: 1,
        timezone: None,
        lease: None,
        updated_at: now,
        alexa_expires_at: Some(minted.expires_at),
    };
    let created = bridge
        .store
        .create_link(&link, &minted.refresh_key, &minted.grant)
        .await
        .or_oauth()?;
    match created {
        Outcome::Done => {
            tracing::info!(link = %link.key, "account linked");
            Ok(minted.issued(&bridge.config))
        }
        // A collision of 256-bit random values: only a bug gets here.
        Outcome::Lost => Err(AppError::TokenUnavailable(StoreError::Unavailable(
            "new link key already taken".into(),
        ))),
    }
}

/// `grant_type=refresh_token`: the link moves to a new access token, and the
/// presented refresh token is spent.
async fn refresh<S: GrantStore>(
    bridge: &Bridge<S>,
    client: &str,
    presented: &BridgeRefreshToken,
) -> Result<Issued, AppError> {
    let old = TokenHash::of(presented.expose());
    for attempt in 0..ROTATE_ATTEMPTS {
        let now = bridge.clock.now();
        let grant = bridge.store.get_refresh(&old, now).await;
        let grant = found(grant, "the refresh token is invalid or expired")?;
        let why = "the refresh token was issued to another client";
        issued_to(&grant.client_id, client, why)?;
        let link = bridge.store.get(&grant.link).await;
        let link = found(link, "the linked account no longer exists")?;
        if !lease_live(&link, now) {
            let minted = Minted::new(&bridge.config, client, now);
            let rotation = Rotation {
                old_refresh: &old,
                new_refresh: &minted.refresh_key,
                grant: &minted.grant,
                link: &link,
                new_link: &minted.link,
                new_link_expires_at: minted.expires_at,
            };
            match bridge.store.rotate(&rotation, now).await.or_oauth()? {
                Outcome::Done => {
                    tracing::info!(from = %link.key, to = %minted.link, "link moved to a new access token");
                    return Ok(minted.issued(&bridge.config));
                }
                // The skill refreshed the Withings tokens meanwhile, or another
                // refresh won: read again and retry.
                Outcome::Lost => {}
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(
            150 * u64::from(attempt + 1),
        ))
        .await;
    }
    tracing::warn!(link = %old, "link busy; refresh not completed");
    Err(AppError::TokenUnavailable(StoreError::Unavailable(
        "link busy".into(),
    )))
}

/// What the store found under a presented code or token; nothing is `invalid_grant`.
fn found<T>(looked_up: Result<Option<T>, StoreError>, why: &'static str) -> Result<T, AppError> {
    looked_up.or_oauth()?.ok_or(AppError::InvalidGrant(why))
}

/// A grant is good only for the client it was issued to.
fn issued_to(grant_client: &str, client: &str, why: &'static str) -> Result<(), AppError> {
    if grant_client == client {
        Ok(())
    } else {
        Err(AppError::InvalidGrant(why))
    }
}

fn lease_live(link: &LinkRecord, now: DateTime<Utc>) -> bool {
    link.lease.as_ref().is_some_and(|l| l.until >= now)
}
