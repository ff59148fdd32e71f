//! The OAuth 2.0 endpoints: `/v2/oauth2` requesttoken (authorization code or
//! refresh token grants) and `/v2/signature` getnonce. A client proves itself
//! with its secret, or with a single-use nonce and an HMAC-SHA256 signature over
//! action, client id and nonce.

use crate::call::{Call, Params};
use crate::envelope::{invalid_params, ok};
use crate::state::{SandboxState, lock};
use crate::tokens::{ACCESS_LIFETIME_SECS, IssuedTokens};
use crate::{CLIENT_ID, CLIENT_SECRET};
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use std::collections::HashMap;
use withings::request_signature;
use withings::secret::{ClientSecret, random_token};

/// How long a nonce from getnonce may wait for its signed request.
const NONCE_LIFETIME_MINUTES: i64 = 30;

/// Nonces handed out by getnonce and not spent yet, with when.
#[derive(Default)]
pub(crate) struct Nonces(HashMap<String, DateTime<Utc>>);

fn sign(parts: &[&str]) -> String {
    request_signature(&ClientSecret::new(CLIENT_SECRET), parts)
}

/// getnonce: a nonce for a request signed over `getnonce,client_id,timestamp`.
pub(crate) fn get_nonce(sb: &SandboxState, call: &Call) -> Value {
    let p = &call.params;
    let expected = sign(&["getnonce", CLIENT_ID, p.get("timestamp").unwrap_or("")]);
    if p.get("client_id") != Some(CLIENT_ID) || p.get("signature") != Some(expected.as_str()) {
        return invalid_params("invalid signature");
    }
    let nonce = random_token(16);
    lock(&sb.nonces).0.insert(nonce.clone(), sb.now());
    ok(json!({"nonce": nonce}))
}

/// The client's secret, or a fresh nonce and a valid signature.
fn check_client(sb: &SandboxState, p: &Params) -> Result<(), Value> {
    if p.get("client_id") != Some(CLIENT_ID) {
        return Err(invalid_params("invalid client_id"));
    }
    if let Some(secret) = p.get("client_secret") {
        return if secret == CLIENT_SECRET {
            Ok(())
        } else {
            Err(invalid_params("invalid client_secret"))
        };
    }
    let (Some(nonce), Some(sig)) = (p.get("nonce"), p.get("signature")) else {
        return Err(invalid_params("missing client_secret or signature"));
    };
    let expected = sign(&[p.action(), CLIENT_ID, nonce]);
    let fresh = lock(&sb.nonces)
        .0
        .remove(nonce)
        .is_some_and(|t| sb.now() - t < Duration::minutes(NONCE_LIFETIME_MINUTES));
    if !fresh {
        return Err(invalid_params("invalid nonce"));
    }
    if sig != expected {
        return Err(invalid_params("invalid signature"));
    }
    Ok(())
}

/// requesttoken.
pub(crate) fn request_token(sb: &SandboxState, call: &Call) -> Value {
    let p = &call.params;
    if let Err(e) = check_client(sb, p) {
        return e;
    }
    match p.get("grant_type") {
        Some("refresh_token") => p
            .get("refresh_token")
            .and_then(|old| sb.refresh(old))
            .map_or_else(
                || invalid_params("invalid refresh_token"),
                |t| token_body(&t),
            ),
        Some("authorization_code") => sb
            .redeem_code(p.get("code").unwrap_or(""), p.get("redirect_uri"))
            .map_or_else(|| invalid_params("invalid code"), |t| token_body(&t)),
        _ => invalid_params("invalid grant_type"),
    }
}

/// revoke: the application gives up a user's tokens. Signed only, as at Withings.
pub(crate) fn revoke(sb: &SandboxState, call: &Call) -> Value {
    let p = &call.params;
    if p.get("client_secret").is_some() {
        return invalid_params("revoke must be signed");
    }
    if let Err(e) = check_client(sb, p) {
        return e;
    }
    match p.get("userid").filter(|u| !u.is_empty()) {
        Some(user) => {
            sb.revoke_user(user);
            ok(json!({}))
        }
        None => invalid_params("missing userid"),
    }
}

fn token_body(t: &IssuedTokens) -> Value {
    ok(json!({
        // Real responses send userid as a string, despite the spec's integer.
        "userid": t.user_id,
        "access_token": t.access_token,
        "refresh_token": t.refresh_token,
        "expires_in": ACCESS_LIFETIME_SECS,
        "scope": "user.metrics,user.activity",
        "csrf_token": random_token(12),
        "token_type": "Bearer",
    }))
}
