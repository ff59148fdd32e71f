//! The browser a linking trip started in (RFC 6749 §10.12, RFC 9700 §4.7):
//! `/authorize` gives it a cookie holding a random nonce and the pending record
//! keeps only the nonce's hash; the callback goes on only for the browser that
//! shows the nonce. Without this, an attacker could start a link in their own
//! Alexa account and get a victim to approve at Withings, linking the victim's
//! data to the attacker.

use super::PENDING_LIFETIME_SECS;
use crate::secret::{BrowserNonce, TokenHash};
use axum::http::{HeaderMap, HeaderValue, header};
use subtle::ConstantTimeEq;

/// `__Host-`: the browser keeps it only if Secure, with `Path=/` and no
/// `Domain`, so no other host (not even a sibling subdomain) can set or read it.
pub(super) const COOKIE: &str = "__Host-withings-alexa-link";

/// The `Set-Cookie` that binds the trip to this browser. `SameSite=Lax` still
/// sends it on the top-level GET back from Withings.
pub(super) fn set_cookie(nonce: &BrowserNonce) -> HeaderValue {
    let v = format!(
        "{COOKIE}={}; Max-Age={PENDING_LIFETIME_SECS}; Path=/; Secure; HttpOnly; SameSite=Lax",
        nonce.expose()
    );
    HeaderValue::from_str(&v).expect("a minted nonce is URL-safe")
}

/// The `Set-Cookie` that forgets it once the trip is over.
pub(super) fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static(
        "__Host-withings-alexa-link=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax",
    )
}

/// The nonce's hash from the request's cookies; `None` without exactly one.
fn presented(headers: &HeaderMap) -> Option<TokenHash> {
    let mut found = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value);
    match (found.next(), found.next()) {
        (Some(one), None) if !one.is_empty() && one.len() <= 128 => Some(TokenHash::of(one)),
        _ => None,
    }
}

/// Does this request come from the browser whose nonce hashes to `expected`?
/// Compared in constant time.
pub(super) fn same_browser(headers: &HeaderMap, expected: &TokenHash) -> bool {
    presented(headers)
        .is_some_and(|h| bool::from(h.as_str().as_bytes().ct_eq(expected.as_str().as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(cookies: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for c in cookies {
            h.append(header::COOKIE, c.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_the_one_nonce_matches() {
        let nonce = BrowserNonce::new("n0nce");
        let set = set_cookie(&nonce);
        let set = set.to_str().unwrap();
        for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(set.contains(attribute), "{set}");
        }
        assert!(set.starts_with("__Host-") && !set.contains("Domain"));
        let expected = TokenHash::of("n0nce");
        assert!(same_browser(
            &with(&["a=1; __Host-withings-alexa-link=n0nce"]),
            &expected
        ));
        assert!(same_browser(
            &with(&["a=1", "__Host-withings-alexa-link=n0nce"]),
            &expected
        ));
        for bad in [
            vec![],
            vec!["__Host-withings-alexa-link=other"],
            vec!["withings-alexa-link=n0nce"],
            vec!["__Host-withings-alexa-link="],
            vec!["__Host-withings-alexa-link=n0nce; __Host-withings-alexa-link=other"],
        ] {
            assert!(!same_browser(&with(&bad), &expected), "{bad:?}");
        }
    }
}
