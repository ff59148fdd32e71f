//! What the bridge accepts and where it lives: Alexa's client, the exact
//! redirect URIs it may send browsers back to, its own public address. Read from the
//! environment by `crate::config::bridge_from_env`.

use super::CALLBACK_PATH;
use crate::secret::ClientSecret;
use crate::store::LINK_TTL_DAYS;
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
    /// The Alexa vendor id: the redirect URIs are Alexa's three, ending in it.
    pub alexa_vendor_id: VendorId,
    /// Further accepted redirect URIs, compared exactly (local runs only).
    pub extra_redirect_uris: Vec<String>,
    /// Where the bridge is reachable (`https://…` when deployed); its own URLs
    /// are built from this, never from a Host header.
    pub public_base_url: Url,
    /// Withings' consent page.
    pub withings_authorize_url: Url,
    /// How the bridge proves itself to Withings on the code exchange.
    pub withings_client_auth: ClientAuth,
    /// `expires_in` of the Alexa access tokens.
    pub access_token_lifetime: Duration,
    /// Lifetime of the bridge refresh tokens (a link unused this long is gone anyway).
    pub refresh_token_lifetime: Duration,
    /// The address the privacy and terms pages give for questions about data.
    pub contact_email: Option<String>,
}

/// An Alexa vendor id (`M1372REJTJ5N4Z`): letters and digits only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VendorId(String);

impl VendorId {
    /// `raw` if it is a vendor id (1 to 64 ASCII letters and digits).
    pub fn parse(raw: &str) -> Option<Self> {
        let ok =
            !raw.is_empty() && raw.len() <= 64 && raw.bytes().all(|b| b.is_ascii_alphanumeric());
        ok.then(|| VendorId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl BridgeConfig {
    pub fn new(
        alexa_client_id: impl Into<String>,
        alexa_client_secret: ClientSecret,
        alexa_vendor_id: VendorId,
        public_base_url: Url,
        withings_authorize_url: Url,
    ) -> Self {
        BridgeConfig {
            alexa_client_id: alexa_client_id.into(),
            alexa_client_secret,
            alexa_vendor_id,
            extra_redirect_uris: Vec::new(),
            public_base_url,
            withings_authorize_url,
            withings_client_auth: ClientAuth::Secret,
            access_token_lifetime: Duration::hours(1),
            refresh_token_lifetime: Duration::days(LINK_TTL_DAYS),
            contact_email: None,
        }
    }

    /// Alexa's redirect URIs for this vendor, one per region.
    pub fn alexa_redirect_uris(&self) -> impl Iterator<Item = String> + '_ {
        ALEXA_REDIRECT_HOSTS.iter().map(|h| {
            format!(
                "https://{h}/api/skill/link/{}",
                self.alexa_vendor_id.as_str()
            )
        })
    }

    /// Is `uri` exactly one of Alexa's redirect URIs for this vendor (or a
    /// configured extra)? Exact comparison (RFC 9700 §4.1.3): no prefixes, no
    /// normalisation, so what is checked is exactly where the browser goes.
    pub fn redirect_allowed(&self, uri: &str) -> bool {
        self.alexa_redirect_uris().any(|r| r == uri)
            || self.extra_redirect_uris.iter().any(|r| r == uri)
    }

    /// Where Withings sends the browser back: the same on the consent URL and on
    /// the code exchange, as Withings checks.
    pub(super) fn callback_url(&self) -> String {
        let base = self.public_base_url.as_str().trim_end_matches('/');
        format!("{base}{CALLBACK_PATH}")
    }
}

#[cfg(test)]
impl BridgeConfig {
    /// For unit tests: client `alexa-skill`, secret `s3cret`, vendor `M1372REJTJ5N4Z`.
    pub(super) fn sample() -> Self {
        BridgeConfig::new(
            "alexa-skill",
            ClientSecret::new("s3cret"),
            VendorId::parse("M1372REJTJ5N4Z").unwrap(),
            Url::parse("https://bridge.example/").unwrap(),
            Url::parse(withings::DEFAULT_AUTHORIZE_URL).unwrap(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_alexas_three_redirect_uris_for_the_vendor_are_allowed() {
        let c = BridgeConfig::sample();
        for ok in [
            "https://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z",
            "https://layla.amazon.com/api/skill/link/M1372REJTJ5N4Z",
            "https://alexa.amazon.co.jp/api/skill/link/M1372REJTJ5N4Z",
        ] {
            assert!(c.redirect_allowed(ok), "{ok}");
        }
        for bad in [
            "https://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z/",
            "https://pitangui.amazon.com/api/skill/link/OTHERVENDOR",
            "https://pitangui.amazon.com/api/skill/link/m1372rejtj5n4z",
            "http://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z",
            "https://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z?x=1",
            "https://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z#f",
            "https://PITANGUI.amazon.com/api/skill/link/M1372REJTJ5N4Z",
            "https://pitangui.amazon.com:443/api/skill/link/M1372REJTJ5N4Z",
            "https://pitangui.amazon.com.evil.example/api/skill/link/M1372REJTJ5N4Z",
            "https://evil@pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z",
            "https://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z/../x",
            " https://pitangui.amazon.com/api/skill/link/M1372REJTJ5N4Z",
            "",
        ] {
            assert!(!c.redirect_allowed(bad), "{bad}");
        }
        let mut local = BridgeConfig::sample();
        local.extra_redirect_uris = vec!["http://127.0.0.1:9/done".into()];
        assert!(local.redirect_allowed("http://127.0.0.1:9/done"));
        assert!(!local.redirect_allowed("http://127.0.0.1:9/done/x"));
    }

    #[test]
    fn vendor_ids_are_letters_and_digits() {
        assert!(VendorId::parse("M1372REJTJ5N4Z").is_some());
        for bad in ["", "M1/..", "M1 2", "M1?x", &"A".repeat(65)] {
            assert!(VendorId::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_callback_comes_from_the_configured_base() {
        let mut c = BridgeConfig::sample();
        assert_eq!(c.callback_url(), "https://bridge.example/withings/callback");
        c.public_base_url = Url::parse("https://link.example/stage").unwrap();
        assert_eq!(
            c.callback_url(),
            "https://link.example/stage/withings/callback"
        );
    }
}
