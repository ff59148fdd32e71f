//! What the bridge accepts and where it lives: Alexa's client, the redirect URIs
//! it may send browsers back to, its own public address. Read from the
//! environment by `crate::config::bridge_from_env`.

use super::CALLBACK_PATH;
use crate::secret::ClientSecret;
use crate::store::LINK_TTL_DAYS;
use axum::http::{HeaderMap, header};
use chrono::Duration;
use url::Url;
use withings::ClientAuth;

/// Alexa's redirect hosts, one per region (`https://<host>/api/skill/link/<vendor id>`).
pub const ALEXA_REDIRECT_HOSTS: &[&str] = &[
    "pitangui.amazon.com",
    "layla.amazon.com",
    "alexa.amazon.co.jp",
];

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

    /// The bridge's public base URL, without a trailing slash.
    pub(super) fn public_base(&self, headers: &HeaderMap) -> Option<String> {
        if let Some(u) = &self.public_base_url {
            return Some(u.as_str().trim_end_matches('/').to_string());
        }
        let host = headers.get(header::HOST)?.to_str().ok()?;
        if host.is_empty() || host.contains(['/', '@', ' ']) {
            return None;
        }
        Some(format!("https://{host}"))
    }

    /// Where Withings sends the browser back: the same on the consent URL and on
    /// the code exchange, as Withings checks.
    pub(super) fn callback_url(&self, headers: &HeaderMap) -> Option<String> {
        Some(format!("{}{CALLBACK_PATH}", self.public_base(headers)?))
    }
}

#[cfg(test)]
impl BridgeConfig {
    /// For unit tests: client `alexa-skill`, secret `s3cret`.
    pub(super) fn sample() -> Self {
        BridgeConfig::new(
            "alexa-skill",
            ClientSecret::new("s3cret"),
            Url::parse(withings::DEFAULT_AUTHORIZE_URL).unwrap(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> BridgeConfig {
        BridgeConfig::sample()
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
    fn the_public_base_comes_from_the_config_or_the_host() {
        let mut c = config();
        let mut h = HeaderMap::new();
        assert_eq!(c.public_base(&h), None);
        h.insert(header::HOST, "bridge.example".parse().unwrap());
        assert_eq!(
            c.callback_url(&h).as_deref(),
            Some("https://bridge.example/withings/callback")
        );
        h.insert(header::HOST, "evil.example/x".parse().unwrap());
        assert_eq!(c.public_base(&h), None);
        c.public_base_url = Some(Url::parse("https://link.example/").unwrap());
        assert_eq!(c.public_base(&h).as_deref(), Some("https://link.example"));
    }
}
