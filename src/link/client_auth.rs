//! Who is calling `/token`: client authentication (RFC 6749 §2.3.1), by HTTP
//! Basic (Alexa's `HTTP_BASIC`) or by `client_id` and `client_secret` in the
//! body (`REQUEST_BODY_CREDENTIALS`).

use super::config::BridgeConfig;
use super::error::AppError;
use crate::secret::{ClientSecret, TokenHash};
use axum::http::{HeaderMap, header};
use base64::Engine;
use subtle::{Choice, ConstantTimeEq};

/// Equal, in time independent of where the inputs differ. Compares digests, so
/// that the time does not depend on the lengths either.
pub(super) fn same(a: &str, b: &str) -> Choice {
    let (a, b) = (TokenHash::of(a), TokenHash::of(b));
    a.as_str().as_bytes().ct_eq(b.as_str().as_bytes())
}

/// `s` decoded as one `application/x-www-form-urlencoded` value, if it is one
/// (a raw `&` or `=` would have been encoded).
fn form_value(s: &str) -> Option<String> {
    if s.contains(['&', '=']) {
        return None;
    }
    let mut pairs = url::form_urlencoded::parse(s.as_bytes());
    pairs.next().map(|(value, _)| value.into_owned())
}

/// The client id the request authenticates as, or why not. `body_id` and
/// `body_secret` are the form's `client_id` and `client_secret`.
pub(super) fn authenticate_client(
    config: &BridgeConfig,
    headers: &HeaderMap,
    body_id: Option<&str>,
    body_secret: Option<&ClientSecret>,
) -> Result<String, AppError> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, rest) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("basic").then(|| rest.trim())
        });
    let (id, candidates) = if let Some(b64) = basic {
        if body_secret.is_some() {
            return Err(AppError::InvalidRequest(
                "use one client authentication method, not two",
            ));
        }
        let raw = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or(AppError::InvalidClient)?;
        let (id, secret) = raw.split_once(':').ok_or(AppError::InvalidClient)?;
        let id = form_value(id).unwrap_or_else(|| id.to_string());
        if body_id.is_some_and(|b| b != id) {
            return Err(AppError::InvalidClient);
        }
        // Both are form-encoded before Base64 by the spec; accept the raw secret too.
        let mut candidates = vec![ClientSecret::new(secret)];
        candidates.extend(form_value(secret).map(ClientSecret::new));
        (id, candidates)
    } else {
        match (body_id, body_secret) {
            (Some(id), Some(secret)) => (id.to_string(), vec![secret.clone()]),
            _ => return Err(AppError::InvalidClient),
        }
    };
    let expected = config.alexa_client_secret.expose();
    // Every candidate is compared, matching or not: no early exit to time.
    let secret_ok = candidates
        .iter()
        .fold(Choice::from(0), |ok, s| ok | same(s.expose(), expected));
    if (same(&id, &config.alexa_client_id) & secret_ok).into() {
        Ok(id)
    } else {
        tracing::warn!("token request with bad client credentials");
        Err(AppError::InvalidClient)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic(credentials: &str) -> HeaderMap {
        let b = base64::engine::general_purpose::STANDARD.encode(credentials);
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, format!("Basic {b}").parse().unwrap());
        h
    }

    #[test]
    fn basic_and_body_credentials() {
        let c = BridgeConfig::sample();
        let auth = |h: &HeaderMap, id: Option<&str>, secret: Option<&str>| {
            let secret = secret.map(ClientSecret::new);
            authenticate_client(&c, h, id, secret.as_ref()).ok()
        };
        let none = HeaderMap::new();
        assert_eq!(
            auth(&basic("alexa-skill:s3cret"), None, None).as_deref(),
            Some("alexa-skill")
        );
        assert!(auth(&none, Some("alexa-skill"), Some("s3cret")).is_some());
        assert!(auth(&none, Some("alexa-skill"), Some("nope")).is_none());
        assert!(auth(&none, Some("alexa-skill"), None).is_none());
        assert!(auth(&basic("alexa-skill:s3cre"), None, None).is_none());
        assert!(auth(&basic("alexa-skill:s3cret"), Some("other"), None).is_none());
        assert!(matches!(
            authenticate_client(
                &c,
                &basic("alexa-skill:s3cret"),
                None,
                Some(&ClientSecret::new("s3cret"))
            ),
            Err(AppError::InvalidRequest(_))
        ));
        assert!(bool::from(same("a", "a")) && !bool::from(same("a", "b")));
    }

    #[test]
    fn basic_credentials_may_be_form_encoded() {
        let mut c = BridgeConfig::sample();
        c.alexa_client_secret = ClientSecret::new("a b+/=");
        let ok = |h: &HeaderMap| authenticate_client(&c, h, None, None).is_ok();
        assert!(ok(&basic("alexa-skill:a b+/=")), "raw");
        assert!(ok(&basic("alexa-skill:a+b%2B%2F%3D")), "form-encoded");
        assert!(ok(&basic("alexa%2Dskill:a b+/=")), "encoded id");
        assert!(!ok(&basic("alexa-skill:a+b+/=")));
    }
}
