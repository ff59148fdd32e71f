//! The account-linking bridge: a small OAuth 2.0 authorization server (RFC 6749
//! authorization-code grant) that Alexa links through, because Withings' own
//! token endpoint is not standard OAuth 2.0.
//!
//! 1. `GET /authorize` checks Alexa's client id and redirect URI, remembers
//!    them under a random state and sends the browser to Withings' consent page.
//! 2. `GET /withings/callback` exchanges the Withings code at once (it lives
//!    30 s), stores the Withings tokens under a one-time bridge code (hashed) and
//!    sends the browser back to Alexa with that code.
//! 3. `POST /token` redeems the code (creating the skill's `LinkRecord` under the
//!    hash of a new Alexa access token) or a refresh token (moving the link to a
//!    new access token atomically, so the rotating Withings refresh token is never
//!    in two places).
//!
//! Alexa-facing tokens and codes are stored only as SHA-256 hashes and never logged.

use crate::secret::{
    AlexaToken, AuthCode, BridgeRefreshToken, ClientSecret, LinkState, TokenHash, hex_sha256,
    random_token,
};
use crate::store::grants::{CodeGrant, GrantStore, PendingAuthorization, RefreshGrant, Rotation};
use crate::store::{LINK_TTL_DAYS, LinkRecord, Outcome, StoreError};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;
use url::Url;
use withings::Clock;
use withings::{ClientAuth, Deadline, WithingsClient};
use withings::{SKILL_SCOPES, authorize_url};

/// How long a browser may take on Withings' consent page.
pub const PENDING_LIFETIME_SECS: i64 = 600;
/// How long Alexa has to redeem a bridge code.
pub const CODE_LIFETIME_SECS: i64 = 300;
/// Alexa's redirect hosts, one per region (`https://<host>/api/skill/link/<vendor id>`).
pub const ALEXA_REDIRECT_HOSTS: &[&str] = &[
    "pitangui.amazon.com",
    "layla.amazon.com",
    "alexa.amazon.co.jp",
];
/// Random bytes in every token, code and state the bridge mints.
const TOKEN_BYTES: usize = 32;
/// The bridge's own routes, relative to its public base URL.
pub const CALLBACK_PATH: &str = "/withings/callback";

#[derive(Clone, Debug)]
pub struct BridgeConfig {
    /// The client id Alexa presents (`clientId` in accountLinking.json).
    pub alexa_client_id: String,
    /// The secret Alexa presents (`clientSecret`).
    pub alexa_client_secret: ClientSecret,
    /// If set, only redirect URIs for this Alexa vendor id are accepted.
    pub alexa_vendor_id: Option<String>,
    /// Further accepted redirect URI prefixes (tests, local runs); end each with `/`.
    pub extra_redirect_prefixes: Vec<String>,
    /// Where the bridge is reachable (`https://…`); `None`: `https://` + the Host header.
    pub public_base_url: Option<Url>,
    /// Withings' consent page.
    pub withings_authorize_url: Url,
    /// How the bridge proves itself to Withings on the code exchange.
    pub withings_client_auth: ClientAuth,
    /// `expires_in` of the Alexa access tokens.
    pub access_token_lifetime: Duration,
    /// Lifetime of the bridge refresh tokens (a link unused this long is gone anyway).
    pub refresh_token_lifetime: Duration,
}

impl BridgeConfig {
    pub fn new(
        alexa_client_id: impl Into<String>,
        alexa_client_secret: ClientSecret,
        withings_authorize_url: Url,
    ) -> Self {
        BridgeConfig {
            alexa_client_id: alexa_client_id.into(),
            alexa_client_secret,
            alexa_vendor_id: None,
            extra_redirect_prefixes: Vec::new(),
            public_base_url: None,
            withings_authorize_url,
            withings_client_auth: ClientAuth::Secret,
            access_token_lifetime: Duration::hours(1),
            refresh_token_lifetime: Duration::days(LINK_TTL_DAYS),
        }
    }

    /// Is `uri` one of Alexa's redirect URIs (or an allowed extra prefix)?
    pub fn redirect_allowed(&self, uri: &str) -> bool {
        let Ok(u) = Url::parse(uri) else {
            return false;
        };
        // Only canonical URLs, so what we validate is exactly where we redirect.
        if u.as_str() != uri || u.fragment().is_some() {
            return false;
        }
        if self
            .extra_redirect_prefixes
            .iter()
            .any(|p| !p.is_empty() && uri.starts_with(p.as_str()))
        {
            return true;
        }
        let alexa_host = u
            .host_str()
            .is_some_and(|h| ALEXA_REDIRECT_HOSTS.contains(&h));
        let vendor = u.path().strip_prefix("/api/skill/link/").unwrap_or("");
        u.scheme() == "https"
            && alexa_host
            && u.port().is_none()
            && u.username().is_empty()
            && u.password().is_none()
            && u.query().is_none()
            && !vendor.is_empty()
            && vendor.chars().all(|c| c.is_ascii_alphanumeric())
            && self.alexa_vendor_id.as_deref().is_none_or(|v| v == vendor)
    }
}

/// The bridge: configuration, the shared store, and the Withings client.
pub struct Bridge<S> {
    pub config: BridgeConfig,
    pub store: S,
    pub withings: WithingsClient,
    pub clock: Clock,
}

/// The bridge's routes: `GET /authorize`, `GET /withings/callback`, `POST /token`.
pub fn router<S: GrantStore + 'static>(bridge: Arc<Bridge<S>>) -> Router {
    Router::new()
        .route("/authorize", get(authorize::<S>))
        .route(CALLBACK_PATH, get(callback::<S>))
        .route("/token", post(token::<S>))
        .with_state(bridge)
}

/// SHA-256 of a bridge-minted value: the only form it is stored in.
pub fn hash_secret(value: &str) -> TokenHash {
    TokenHash::from_stored(hex_sha256(value.as_bytes()))
}

fn query_params(query: Option<&str>) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (k, v) in url::form_urlencoded::parse(query.unwrap_or("").as_bytes()).into_owned() {
        // The first occurrence wins; repeated parameters are not honoured.
        out.entry(k).or_insert(v);
    }
    out
}

// ------------------------------------------------------------------ pages

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A small mobile-friendly page (Alexa's requirement: no pop-ups, no script).
fn page(status: StatusCode, title: &str, message: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title></head><body style=\"font-family:sans-serif;max-width:32em;margin:2em auto;padding:0 1em\">\
         <h1>{t}</h1><p>{m}</p></body></html>",
        t = escape(title),
        m = escape(message)
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

fn bad_request(message: &str) -> Response {
    page(
        StatusCode::BAD_REQUEST,
        "Invalid account-linking request",
        message,
    )
}

fn redirect(to: &Url) -> Response {
    (
        StatusCode::FOUND,
        [
            (header::LOCATION, to.as_str()),
            (header::CACHE_CONTROL, "no-store"),
        ],
    )
        .into_response()
}

fn store_down(e: &StoreError) -> Response {
    tracing::error!(error = %e, "bridge store unavailable");
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Please try again",
        "Account linking is temporarily unavailable. Please try again in a minute.",
    )
}

// ------------------------------------------------------------------ /authorize

async fn authorize<S: GrantStore>(
    State(bridge): State<Arc<Bridge<S>>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let q = query_params(query.as_deref());
    let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
    let config = &bridge.config;
    // Validate the client and the redirect URI before anything else: an
    // unvalidated redirect_uri is never redirected to, not even with an error.
    if get("client_id").is_empty() {
        return bad_request("The request has no client_id.");
    }
    if !ct_eq(
        get("client_id").as_bytes(),
        config.alexa_client_id.as_bytes(),
    ) {
        return bad_request("The client_id is not this skill's.");
    }
    if get("redirect_uri").is_empty() {
        return bad_request("The request has no redirect_uri.");
    }
    if !config.redirect_allowed(get("redirect_uri")) {
        return bad_request("The redirect_uri is not one of Alexa's account-linking addresses.");
    }
    if get("response_type") != "code" {
        return bad_request("Only response_type=code (the authorization-code grant) is supported.");
    }
    if get("state").is_empty() {
        return bad_request("The request has no state.");
    }
    let Some(base) = public_base(config, &headers) else {
        return bad_request("The request has no Host header.");
    };
    let now = bridge.clock.now();
    let id = LinkState::new(random_token(TOKEN_BYTES));
    let pending = PendingAuthorization {
        redirect_uri: get("redirect_uri").to_string(),
        alexa_state: get("state").to_string(),
        expires_at: now + Duration::seconds(PENDING_LIFETIME_SECS),
    };
    let key = hash_secret(id.expose());
    if let Err(e) = bridge.store.put_pending(&key, &pending).await {
        return store_down(&e);
    }
    tracing::info!(pending = %key, "authorization started; redirecting to Withings");
    let to = authorize_url(
        &config.withings_authorize_url,
        &bridge.withings.credentials().client_id,
        &callback_url(&base),
        SKILL_SCOPES,
        id.expose(),
    );
    redirect(&to)
}

/// The bridge's public base URL, without a trailing slash.
fn public_base(config: &BridgeConfig, headers: &HeaderMap) -> Option<String> {
    if let Some(u) = &config.public_base_url {
        return Some(u.as_str().trim_end_matches('/').to_string());
    }
    let host = headers.get(header::HOST)?.to_str().ok()?;
    if host.is_empty() || host.contains(['/', '@', ' ']) {
        return None;
    }
    Some(format!("https://{host}"))
}

fn callback_url(base: &str) -> String {
    format!("{base}{CALLBACK_PATH}")
}

// ------------------------------------------------------------------ /withings/callback

async fn callback<S: GrantStore>(
    State(bridge): State<Arc<Bridge<S>>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let q = query_params(query.as_deref());
    let now = bridge.clock.now();
    let Some(state) = q.get("state").filter(|s| !s.is_empty()) else {
        return bad_request("Withings sent no state back. Please start again from the Alexa app.");
    };
    // Consumed whatever happens next: a state is good for one return trip.
    let pending = match bridge
        .store
        .take_pending(&hash_secret(LinkState::new(state.as_str()).expose()), now)
        .await
    {
        Ok(p) => p,
        Err(e) => return store_down(&e),
    };
    if let Some(error) = q.get("error") {
        tracing::info!(error = %error, "Withings authorization not granted");
        return if error == "access_denied" {
            page(
                StatusCode::FORBIDDEN,
                "Account not linked",
                "You chose not to share your Withings data, so your account was not linked. \
                 You can try again any time from the skill's page in the Alexa app.",
            )
        } else {
            page(
                StatusCode::BAD_GATEWAY,
                "Account not linked",
                "Withings could not complete the authorization. Please try again from the Alexa app.",
            )
        };
    }
    let Some(pending) = pending else {
        return page(
            StatusCode::BAD_REQUEST,
            "This link has expired",
            "This account-linking request expired or was already used. \
             Please start again from the skill's page in the Alexa app.",
        );
    };
    let Some(code) = q.get("code").filter(|c| !c.is_empty()) else {
        return bad_request("Withings sent no authorization code back. Please try again.");
    };
    let Some(base) = public_base(&bridge.config, &headers) else {
        return bad_request("The request has no Host header.");
    };
    let tokens = match bridge
        .withings
        .exchange_code(
            &AuthCode::new(code.as_str()),
            &callback_url(&base),
            bridge.config.withings_client_auth,
            now,
            Deadline::after(std::time::Duration::from_secs(10)),
        )
        .await
    {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(error = %e, "Withings code exchange failed");
            return page(
                StatusCode::BAD_GATEWAY,
                "Account not linked",
                "Withings did not confirm the authorization. Please try again from the Alexa app.",
            );
        }
    };
    let bridge_code = AuthCode::new(random_token(TOKEN_BYTES));
    let grant = CodeGrant {
        client_id: bridge.config.alexa_client_id.clone(),
        redirect_uri: pending.redirect_uri.clone(),
        withings_user_id: tokens.user_id.0.clone(),
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token,
        access_expires_at: tokens.expires_at,
        expires_at: now + Duration::seconds(CODE_LIFETIME_SECS),
    };
    let key = hash_secret(bridge_code.expose());
    if let Err(e) = bridge.store.put_code(&key, &grant).await {
        return store_down(&e);
    }
    tracing::info!(code = %key, "Withings authorized; returning to Alexa");
    let Ok(mut back) = Url::parse(&pending.redirect_uri) else {
        return bad_request("The stored redirect_uri is unreadable.");
    };
    back.query_pairs_mut()
        .append_pair("code", bridge_code.expose())
        .append_pair("state", &pending.alexa_state);
    redirect(&back)
}

// ------------------------------------------------------------------ /token

/// An RFC 6749 §5.2 error answer.
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let mut r = (
        status,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::PRAGMA, "no-cache"),
        ],
        axum::Json(json!({"error": error, "error_description": description})),
    )
        .into_response();
    if status == StatusCode::UNAUTHORIZED {
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"withings-alexa\""),
        );
    }
    r
}

fn invalid_client() -> Response {
    oauth_error(
        StatusCode::UNAUTHORIZED,
        "invalid_client",
        "client authentication failed",
    )
}

fn invalid_grant(why: &str) -> Response {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", why)
}

fn invalid_request(why: &str) -> Response {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_request", why)
}

fn token_store_down(e: &StoreError) -> Response {
    tracing::error!(error = %e, "bridge store unavailable");
    oauth_error(
        StatusCode::SERVICE_UNAVAILABLE,
        "temporarily_unavailable",
        "please retry",
    )
}

/// Equal, in time independent of where the inputs differ (compares digests).
fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    let (da, db) = (Sha256::digest(a), Sha256::digest(b));
    da.iter()
        .zip(db.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

fn form_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// Why client authentication failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ClientAuthError {
    /// Unknown client, wrong secret, or no credentials: 401 `invalid_client`.
    Invalid,
    /// Both HTTP Basic and body credentials: 400 `invalid_request`.
    TwoMethods,
}

impl ClientAuthError {
    fn response(self) -> Response {
        match self {
            ClientAuthError::Invalid => invalid_client(),
            ClientAuthError::TwoMethods => {
                invalid_request("use one client authentication method, not two")
            }
        }
    }
}

/// Client authentication (RFC 6749 §2.3.1): HTTP Basic (`HTTP_BASIC`) or
/// `client_id` + `client_secret` in the body (`REQUEST_BODY_CREDENTIALS`).
/// Returns the authenticated client id.
fn authenticate_client(
    config: &BridgeConfig,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Result<String, ClientAuthError> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, rest) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("basic").then(|| rest.trim())
        });
    let (id, secrets) = if let Some(b64) = basic {
        if form.contains_key("client_secret") {
            return Err(ClientAuthError::TwoMethods);
        }
        use base64::Engine;
        let raw = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or(ClientAuthError::Invalid)?;
        let (id, secret) = raw.split_once(':').ok_or(ClientAuthError::Invalid)?;
        let id = form_decode(id);
        if form.get("client_id").is_some_and(|f| *f != id) {
            return Err(ClientAuthError::Invalid);
        }
        // RFC 6749 form-encodes both before Base64; accept the raw secret too.
        (id, vec![secret.to_string(), form_decode(secret)])
    } else {
        match (form.get("client_id"), form.get("client_secret")) {
            (Some(id), Some(secret)) => (id.clone(), vec![secret.clone()]),
            _ => return Err(ClientAuthError::Invalid),
        }
    };
    let id_ok = ct_eq(id.as_bytes(), config.alexa_client_id.as_bytes());
    let secret_ok = secrets.iter().fold(false, |ok, s| {
        ct_eq(s.as_bytes(), config.alexa_client_secret.expose().as_bytes()) | ok
    });
    if id_ok && secret_ok {
        Ok(id)
    } else {
        tracing::warn!("token request with bad client credentials");
        Err(ClientAuthError::Invalid)
    }
}

async fn token<S: GrantStore>(
    State(bridge): State<Arc<Bridge<S>>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form: HashMap<String, String> = {
        let mut out = HashMap::new();
        for (k, v) in url::form_urlencoded::parse(&body).into_owned() {
            out.entry(k).or_insert(v);
        }
        out
    };
    let client = match authenticate_client(&bridge.config, &headers, &form) {
        Ok(c) => c,
        Err(e) => return e.response(),
    };
    match form.get("grant_type").map(String::as_str) {
        Some("authorization_code") => redeem_code(&bridge, &client, &form).await,
        Some("refresh_token") => refresh(&bridge, &client, &form).await,
        Some(_) => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "only authorization_code and refresh_token are supported",
        ),
        None => invalid_request("grant_type is required"),
    }
}

fn token_response(
    config: &BridgeConfig,
    access: &AlexaToken,
    refresh: &BridgeRefreshToken,
) -> Response {
    (
        StatusCode::OK,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::PRAGMA, "no-cache"),
        ],
        axum::Json(json!({
            "access_token": access.expose(),
            "token_type": "bearer",
            "expires_in": config.access_token_lifetime.num_seconds(),
            "refresh_token": refresh.expose(),
        })),
    )
        .into_response()
}

async fn redeem_code<S: GrantStore>(
    bridge: &Bridge<S>,
    client: &str,
    form: &HashMap<String, String>,
) -> Response {
    let Some(code) = form.get("code").filter(|c| !c.is_empty()) else {
        return invalid_request("code is required");
    };
    let now = bridge.clock.now();
    let code = AuthCode::new(code.as_str());
    // Consumed atomically: a second redemption finds nothing.
    let grant = match bridge
        .store
        .take_code(&hash_secret(code.expose()), now)
        .await
    {
        Ok(Some(g)) => g,
        Ok(None) => return invalid_grant("the code is invalid, expired or already used"),
        Err(e) => return token_store_down(&e),
    };
    if grant.client_id != client {
        return invalid_grant("the code was issued to another client");
    }
    if form
        .get("redirect_uri")
        .is_some_and(|r| *r != grant.redirect_uri)
    {
        return invalid_grant("redirect_uri does not match the authorization request");
    }
    let access = AlexaToken::new(random_token(TOKEN_BYTES));
    let refresh = BridgeRefreshToken::new(random_token(TOKEN_BYTES));
    let link = LinkRecord {
        key: access.hashed(),
        withings_user_id: grant.withings_user_id,
        access_token: grant.access_token,
        refresh_token: grant.refresh_token,
        access_expires_at: grant.access_expires_at,
        version: 1,
        timezone: None,
        lease: None,
        updated_at: now,
    };
    let refresh_grant = RefreshGrant {
        client_id: client.to_string(),
        link: link.key.clone(),
        expires_at: now + bridge.config.refresh_token_lifetime,
    };
    match bridge
        .store
        .create_link(&link, &hash_secret(refresh.expose()), &refresh_grant)
        .await
    {
        Ok(Outcome::Done) => {
            tracing::info!(link = %link.key, "account linked");
            token_response(&bridge.config, &access, &refresh)
        }
        // A collision of 256-bit random values: only a bug gets here.
        Ok(Outcome::Lost) => token_store_down(&StoreError::Unavailable(
            "new link key already taken".into(),
        )),
        Err(e) => token_store_down(&e),
    }
}

/// Attempts at moving a link before giving up with `temporarily_unavailable`
/// (each waits out a skill-side Withings refresh, whose lease lasts seconds).
const ROTATE_ATTEMPTS: u32 = 4;

async fn refresh<S: GrantStore>(
    bridge: &Bridge<S>,
    client: &str,
    form: &HashMap<String, String>,
) -> Response {
    let Some(presented) = form.get("refresh_token").filter(|t| !t.is_empty()) else {
        return invalid_request("refresh_token is required");
    };
    let old = hash_secret(BridgeRefreshToken::new(presented.as_str()).expose());
    for attempt in 0..ROTATE_ATTEMPTS {
        let now = bridge.clock.now();
        let grant = match bridge.store.get_refresh(&old, now).await {
            Ok(Some(g)) => g,
            Ok(None) => return invalid_grant("the refresh token is invalid or expired"),
            Err(e) => return token_store_down(&e),
        };
        if grant.client_id != client {
            return invalid_grant("the refresh token was issued to another client");
        }
        let link = match bridge.store.get(&grant.link).await {
            Ok(Some(l)) => l,
            Ok(None) => return invalid_grant("the linked account no longer exists"),
            Err(e) => return token_store_down(&e),
        };
        if !lease_live(&link, now) {
            let access = AlexaToken::new(random_token(TOKEN_BYTES));
            let refresh = BridgeRefreshToken::new(random_token(TOKEN_BYTES));
            let new_link = access.hashed();
            let new_refresh = hash_secret(refresh.expose());
            let new_grant = RefreshGrant {
                client_id: client.to_string(),
                link: new_link.clone(),
                expires_at: now + bridge.config.refresh_token_lifetime,
            };
            let rotation = Rotation {
                old_refresh: &old,
                new_refresh: &new_refresh,
                grant: &new_grant,
                link: &link,
                new_link: &new_link,
            };
            match bridge.store.rotate(&rotation, now).await {
                Ok(Outcome::Done) => {
                    tracing::info!(from = %link.key, to = %new_link, "link moved to a new access token");
                    return token_response(&bridge.config, &access, &refresh);
                }
                // The skill refreshed the Withings tokens meanwhile, or another
                // refresh won: read again and retry.
                Ok(Outcome::Lost) => {}
                Err(e) => return token_store_down(&e),
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(
            150 * u64::from(attempt + 1),
        ))
        .await;
    }
    tracing::warn!(link = %old, "link busy; refresh not completed");
    token_store_down(&StoreError::Unavailable("link busy".into()))
}

fn lease_live(link: &LinkRecord, now: DateTime<Utc>) -> bool {
    link.lease.as_ref().is_some_and(|l| l.until >= now)
}

// ------------------------------------------------------------------ environment

/// The Alexa client secret: `ALEXA_CLIENT_SECRET` directly (local runs), or the
/// SSM SecureString named by `ALEXA_CLIENT_SECRET_PARAMETER` (deployed).
pub async fn alexa_client_secret(
    aws: &aws_config::SdkConfig,
) -> Result<ClientSecret, crate::setup::SetupError> {
    use crate::setup::{SetupError, var};
    if let Some(s) = var("ALEXA_CLIENT_SECRET") {
        return Ok(ClientSecret::new(s));
    }
    let name = var("ALEXA_CLIENT_SECRET_PARAMETER")
        .ok_or(SetupError::Missing("ALEXA_CLIENT_SECRET_PARAMETER"))?;
    let out = aws_sdk_ssm::Client::new(aws)
        .get_parameter()
        .name(name)
        .with_decryption(true)
        .send()
        .await
        .map_err(|e| SetupError::Secret(aws_sdk_ssm::error::DisplayErrorContext(&e).to_string()))?;
    out.parameter
        .and_then(|p| p.value)
        .map(ClientSecret::new)
        .ok_or_else(|| SetupError::Secret("the Alexa client secret parameter has no value".into()))
}

/// Everything the bridge Lambda needs, read once at cold start: `TABLE_NAME`,
/// `WITHINGS_CLIENT_ID`, `WITHINGS_CLIENT_SECRET(_PARAMETER)`, `WITHINGS_API_URL`,
/// `WITHINGS_AUTHORIZE_URL`, `WITHINGS_CLIENT_AUTH`, `ALEXA_CLIENT_ID`,
/// `ALEXA_CLIENT_SECRET(_PARAMETER)`, `ALEXA_VENDOR_ID` (optional),
/// `PUBLIC_BASE_URL` (optional: else `https://` + Host).
pub async fn bridge_from_env()
-> Result<Bridge<crate::store::dynamodb::DynamoStore>, crate::setup::SetupError> {
    use crate::setup::{self, SetupError, var};
    use withings::DEFAULT_AUTHORIZE_URL;
    let table = var("TABLE_NAME").ok_or(SetupError::Missing("TABLE_NAME"))?;
    let client_id = var("WITHINGS_CLIENT_ID").ok_or(SetupError::Missing("WITHINGS_CLIENT_ID"))?;
    let api = setup::url_var("WITHINGS_API_URL", withings::DEFAULT_API_BASE)?;
    let authorize = setup::url_var("WITHINGS_AUTHORIZE_URL", DEFAULT_AUTHORIZE_URL)?;
    let alexa_client_id = var("ALEXA_CLIENT_ID").ok_or(SetupError::Missing("ALEXA_CLIENT_ID"))?;
    let public_base_url = match var("PUBLIC_BASE_URL") {
        Some(u) => Some(
            Url::parse(&u).map_err(|e| SetupError::Invalid("PUBLIC_BASE_URL", e.to_string()))?,
        ),
        None => None,
    };
    let aws = setup::aws_config().await;
    let secret = setup::client_secret(Some(&aws))
        .await?
        .ok_or(SetupError::Missing("WITHINGS_CLIENT_SECRET_PARAMETER"))?;
    let alexa_secret = alexa_client_secret(&aws).await?;
    let mut config = BridgeConfig::new(alexa_client_id, alexa_secret, authorize);
    config.public_base_url = public_base_url;
    config.alexa_vendor_id = var("ALEXA_VENDOR_ID");
    if var("WITHINGS_CLIENT_AUTH").as_deref() == Some("signature") {
        config.withings_client_auth = ClientAuth::Signature;
    }
    Ok(Bridge {
        config,
        store: crate::store::dynamodb::DynamoStore::new(aws_sdk_dynamodb::Client::new(&aws), table),
        withings: setup::withings_client(withings::http_client(), api, client_id, secret),
        clock: Clock::System,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> BridgeConfig {
        BridgeConfig::new(
            "alexa-skill",
            ClientSecret::new("s3cret"),
            Url::parse(withings::DEFAULT_AUTHORIZE_URL).unwrap(),
        )
    }

    #[test]
    fn only_alexa_redirects_are_allowed() {
        let c = config();
        for ok in [
            "https://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z",
            "https://layla.amazon.com/api/skill/link/M1372REJTJ5N4Z",
            "https://alexa.amazon.co.jp/api/skill/link/M1372REJTJ5N4Z",
        ] {
            assert!(c.redirect_allowed(ok), "{ok}");
        }
        for bad in [
            "http://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z",
            "https://pitangui.amazon.com.evil.example/api/skill/link/M1",
            "https://evil@pitangui.amazon.com/api/skill/link/M1",
            "https://pitangui.amazon.com:8443/api/skill/link/M1",
            "https://pitangui.amazon.com/api/skill/link/",
            "https://pitangui.amazon.com/api/skill/link/M1?x=1",
            "https://pitangui.amazon.com/api/skill/link/../../evil",
            "https://pitangui.amazon.com/api/skill/link/M1#f",
            "https://example.com/api/skill/link/M1",
            "not a url",
        ] {
            assert!(!c.redirect_allowed(bad), "{bad}");
        }
        let mut pinned = config();
        pinned.alexa_vendor_id = Some("M1372REJTJ5N4Z".into());
        assert!(pinned.redirect_allowed("https://layla.amazon.com/api/skill/link/M1372REJTJ5N4Z"));
        assert!(!pinned.redirect_allowed("https://layla.amazon.com/api/skill/link/OTHER"));
    }

    #[test]
    fn basic_and_body_credentials() {
        use base64::Engine;
        let c = config();
        let mut h = HeaderMap::new();
        let b = base64::engine::general_purpose::STANDARD.encode("alexa-skill:s3cret");
        h.insert(header::AUTHORIZATION, format!("Basic {b}").parse().unwrap());
        assert_eq!(
            authenticate_client(&c, &h, &HashMap::new()).ok().as_deref(),
            Some("alexa-skill")
        );
        let form: HashMap<String, String> =
            [("client_id", "alexa-skill"), ("client_secret", "s3cret")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        assert!(authenticate_client(&c, &HeaderMap::new(), &form).is_ok());
        let mut wrong = form.clone();
        wrong.insert("client_secret".into(), "nope".into());
        assert!(authenticate_client(&c, &HeaderMap::new(), &wrong).is_err());
        assert!(ct_eq(b"a", b"a") && !ct_eq(b"a", b"b"));
    }
}
