//! OAuth 2.0, the live Withings auth: authorization URL, code exchange and
//! refresh at `/v2/oauth2` `action=requesttoken`, and the optional request
//! signature (HMAC-SHA256 over a nonce from `/v2/signature`).

use crate::client::WithingsClient;
use crate::deadline::Deadline;
use crate::error::{StatusBucket, WithingsError};
use crate::lenient::{self, Id};
use crate::scrub::scrub;
use crate::secret::{AccessToken, AuthCode, ClientSecret, RefreshToken};
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use sha2::Sha256;
use url::Url;

/// The production authorization page.
pub const DEFAULT_AUTHORIZE_URL: &str = "https://account.withings.com/oauth2_user/authorize2";

/// Withings scopes; joined with commas (not spaces) in the authorization URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// `user.info`: the user's profile.
    UserInfo,
    /// `user.metrics`: body measures (weight, blood pressure, …) and goals.
    UserMetrics,
    /// `user.activity`: activity, sleep and workouts.
    UserActivity,
    /// `user.sleepevents`: sleep events.
    UserSleepEvents,
}

impl Scope {
    /// The scope as Withings spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::UserInfo => "user.info",
            Scope::UserMetrics => "user.metrics",
            Scope::UserActivity => "user.activity",
            Scope::UserSleepEvents => "user.sleepevents",
        }
    }
}

/// Measures and goals, plus activity (which covers sleep and workouts): what a
/// program reading health data usually asks for.
pub const SKILL_SCOPES: &[Scope] = &[Scope::UserMetrics, Scope::UserActivity];

/// The browser URL that starts a link: `response_type=code` with comma-separated scopes.
pub fn authorize_url(
    authorize_base: &Url,
    client_id: &str,
    redirect_uri: &str,
    scopes: &[Scope],
    state: &str,
) -> Url {
    let scope = scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let mut url = authorize_base.clone();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("scope", &scope)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("state", state);
    url
}

/// The tokens from a code exchange or refresh. The refresh token rotates: the
/// caller must persist `refresh_token` before it uses `access_token`, because
/// using the new access token is what retires the old refresh token.
#[derive(Clone, Debug)]
pub struct TokenSet {
    /// The Withings user the tokens are for.
    pub user_id: Id,
    /// Authorizes data calls until `expires_at`.
    pub access_token: AccessToken,
    /// Trades for the next pair; persist it before using `access_token`.
    pub refresh_token: RefreshToken,
    /// When `access_token` expires (3 hours after issue unless Withings says otherwise).
    pub expires_at: DateTime<Utc>,
    /// The scopes granted, which may be fewer than asked for.
    pub scope: Vec<String>,
}

#[derive(Deserialize)]
struct RawTokens {
    userid: Id,
    access_token: String,
    refresh_token: String,
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    expires_in: Option<i64>,
    #[serde(default)]
    scope: Option<String>,
}

/// The longest access-token lifetime believed (Withings grants 3 hours).
const MAX_EXPIRES_IN_SECS: i64 = 86_400;

/// Withings' `expires_in`, clamped before it becomes a duration: an absurd
/// value (negative, or past what a `Duration` holds) must neither panic nor
/// keep a token past its real life for long.
fn expires_in_secs(expires_in: Option<i64>) -> i64 {
    expires_in.unwrap_or(10_800).clamp(0, MAX_EXPIRES_IN_SECS)
}

/// How the client proves itself on `requesttoken`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ClientAuth {
    /// Send `client_secret` in the form body (the common way).
    #[default]
    Secret,
    /// Fetch a nonce and send an HMAC-SHA256 `signature` instead of the secret.
    Signature,
}

/// A grant status from `requesttoken`: these mean the code or refresh token is
/// dead and only a new link can help (503 "invalid code"/"invalid refresh_token",
/// and the auth-failed bucket).
fn grant_error(status: i64, message: Option<String>) -> WithingsError {
    match StatusBucket::of(status) {
        StatusBucket::AuthFailed | StatusBucket::InvalidParams | StatusBucket::Unauthorized => {
            WithingsError::GrantRefused {
                status,
                message: scrub(message.as_deref().unwrap_or("")),
            }
        }
        _ => WithingsError::from_status(status, message),
    }
}

/// `hex(HMAC_SHA256(secret, values joined by ','))`, values in key order.
pub fn request_signature(secret: &ClientSecret, values: &[&str]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.expose().as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(values.join(",").as_bytes());
    crate::secret::hex(&mac.finalize().into_bytes())
}

#[derive(Deserialize)]
struct NonceBody {
    nonce: String,
}

impl WithingsClient {
    /// Exchange an authorization code (valid 30 s, single use) for tokens.
    pub async fn exchange_code(
        &self,
        code: &AuthCode,
        redirect_uri: &str,
        auth: ClientAuth,
        now: DateTime<Utc>,
        deadline: Deadline,
    ) -> Result<TokenSet, WithingsError> {
        let form = vec![
            ("grant_type", "authorization_code".to_string()),
            ("code", code.expose().to_string()),
            ("redirect_uri", redirect_uri.to_string()),
        ];
        self.request_token(form, auth, now, deadline).await
    }

    /// Trade a refresh token for a new pair. The old refresh token stays valid
    /// until the new access token is used (or for 8 hours).
    pub async fn refresh(
        &self,
        refresh_token: &RefreshToken,
        auth: ClientAuth,
        now: DateTime<Utc>,
        deadline: Deadline,
    ) -> Result<TokenSet, WithingsError> {
        let form = vec![
            ("grant_type", "refresh_token".to_string()),
            ("refresh_token", refresh_token.expose().to_string()),
        ];
        self.request_token(form, auth, now, deadline).await
    }

    /// Get a single-use nonce (valid 30 min) for a signed call.
    pub async fn nonce(&self, timestamp: i64, deadline: Deadline) -> Result<String, WithingsError> {
        let creds = self.credentials();
        let ts = timestamp.to_string();
        let signature =
            request_signature(&creds.client_secret, &["getnonce", &creds.client_id, &ts]);
        let form = [
            ("action", "getnonce".to_string()),
            ("client_id", creds.client_id.clone()),
            ("timestamp", ts),
            ("signature", signature),
        ];
        let body: NonceBody = self
            .post(
                "/v2/signature",
                None,
                &form,
                deadline,
                WithingsError::from_status,
            )
            .await?;
        Ok(body.nonce)
    }

    async fn request_token(
        &self,
        mut form: Vec<(&'static str, String)>,
        auth: ClientAuth,
        now: DateTime<Utc>,
        deadline: Deadline,
    ) -> Result<TokenSet, WithingsError> {
        let creds = self.credentials().clone();
        form.push(("action", "requesttoken".into()));
        form.push(("client_id", creds.client_id.clone()));
        match auth {
            ClientAuth::Secret => {
                form.push(("client_secret", creds.client_secret.expose().to_string()))
            }
            ClientAuth::Signature => {
                let nonce = self.nonce(now.timestamp(), deadline).await?;
                let signature = request_signature(
                    &creds.client_secret,
                    &["requesttoken", &creds.client_id, &nonce],
                );
                form.push(("nonce", nonce));
                form.push(("signature", signature));
            }
        }
        let raw: RawTokens = self
            .post("/v2/oauth2", None, &form, deadline, grant_error)
            .await?;
        if raw.access_token.is_empty() || raw.refresh_token.is_empty() {
            // A status-0 answer without tokens must never overwrite stored ones.
            return Err(WithingsError::Malformed {
                status: 200,
                excerpt: "token response without tokens".into(),
            });
        }
        Ok(TokenSet {
            user_id: raw.userid,
            access_token: AccessToken::new(raw.access_token),
            refresh_token: RefreshToken::new(raw.refresh_token),
            expires_at: now + Duration::seconds(expires_in_secs(raw.expires_in)),
            scope: raw
                .scope
                .unwrap_or_default()
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::serve::ListenerExt;

    /// TCP_NODELAY on the loopback peer's sockets: no delayed-ACK stall.
    fn nodelay(tcp: &mut tokio::net::TcpStream) {
        let _ = tcp.set_nodelay(true);
    }

    #[test]
    fn signature_matches_reference_vector() {
        let secret =
            ClientSecret::new("d9286311451fc6ed71b372a075c58c5058be158f56a77865e43ab3783255424f");
        let sig = request_signature(
            &secret,
            &[
                "getnonce",
                "7573fd4a4c421ddd102dac406dc6e0e0e22f683c4a5e81ff0a5caf8b65abed67",
                "1700000000",
            ],
        );
        assert_eq!(
            sig,
            "3a15227ddc151d0d630556722501c33edc1051d8f6bc45ccb2f57d1daad15997"
        );
    }

    #[test]
    fn authorize_url_uses_comma_scopes() {
        let url = authorize_url(
            &Url::parse(DEFAULT_AUTHORIZE_URL).unwrap(),
            "cid",
            "https://example.com/cb",
            SKILL_SCOPES,
            "st",
        );
        assert!(url.as_str().contains("scope=user.metrics%2Cuser.activity"));
        assert!(url.as_str().contains("response_type=code"));
        assert!(url.as_str().contains("state=st"));
    }

    #[test]
    fn userid_may_be_a_number_or_a_string() {
        let spec = r#"{"userid":363,"access_token":"a075f8c14fb8df40b08ebc8508533dc332a6910a",
            "refresh_token":"f631236f02b991810feb774765b6ae8e6c6839ca","expires_in":10800,
            "scope":"user.info,user.metrics","csrf_token":"PACnnxwHTaBQOzF7bQqwFUUotIuvtzSM","token_type":"Bearer"}"#;
        let t: RawTokens = serde_json::from_str(spec).unwrap();
        assert_eq!(t.userid.0, "363");
        let t: RawTokens = serde_json::from_str(&spec.replace("363", "\"363\"")).unwrap();
        assert_eq!(t.userid.0, "363");
    }

    /// A status-0 answer without tokens must be an error, never saved over good tokens.
    #[tokio::test]
    async fn empty_tokens_are_malformed() {
        use axum::routing::post;
        let app = axum::Router::new().route(
            "/v2/oauth2",
            post(|| async {
                axum::Json(serde_json::json!({"status":0,"body":{"userid":"1","access_token":"","refresh_token":null}}))
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener.tap_io(nodelay), app).await.unwrap() });
        let client = WithingsClient::new(
            crate::http_client(),
            Url::parse(&format!("http://{addr}")).unwrap(),
            crate::Credentials {
                client_id: "c".into(),
                client_secret: ClientSecret::new("s"),
            },
        );
        let r = client
            .refresh(
                &RefreshToken::new("r"),
                ClientAuth::Secret,
                Utc::now(),
                Deadline::after(std::time::Duration::from_secs(5)),
            )
            .await;
        assert!(matches!(r, Err(WithingsError::Malformed { .. })), "{r:?}");
    }
}
