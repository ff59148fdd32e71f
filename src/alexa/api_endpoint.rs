//! Which `apiEndpoint` values the skill trusts with the request's
//! `apiAccessToken`: Amazon's three Alexa API hosts, over https on the default
//! port, and nothing else. A request could name any host; the token must never
//! be sent there.

use url::{Host, Url};

/// Amazon's Alexa API hosts (North America, Europe, Far East).
pub const AMAZON_API_HOSTS: [&str; 3] = [
    "api.amazonalexa.com",
    "api.eu.amazonalexa.com",
    "api.fe.amazonalexa.com",
];

/// True for `https://<one of AMAZON_API_HOSTS>` with at most a trailing `/`:
/// no other scheme, port, user info, path, query or fragment.
pub fn is_amazon_api(endpoint: &str) -> bool {
    let Ok(url) = Url::parse(endpoint) else {
        return false;
    };
    url.scheme() == "https"
        && matches!(url.host(), Some(Host::Domain(h)) if AMAZON_API_HOSTS.contains(&h))
        && url.port().is_none()
        && url.username().is_empty()
        && url.password().is_none()
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none()
}

#[cfg(test)]
mod tests {
    use super::is_amazon_api;

    #[test]
    fn only_amazons_hosts_over_https() {
        for ok in [
            "https://api.amazonalexa.com",
            "https://api.eu.amazonalexa.com/",
            "https://api.fe.amazonalexa.com",
            "https://API.amazonalexa.com",
        ] {
            assert!(is_amazon_api(ok), "{ok}");
        }
        for bad in [
            "http://api.amazonalexa.com",
            "https://api.amazonalexa.com:8443",
            "https://api.amazonalexa.com.evil.example",
            "https://evil.example/api.amazonalexa.com",
            "https://user@api.amazonalexa.com",
            "https://api.amazonalexa.com/v2",
            "https://api.amazonalexa.com?x=1",
            "https://amazonalexa.com",
            "https://api.us.amazonalexa.com",
            "https://127.0.0.1",
            "http://127.0.0.1:8080",
            "not a url",
            "",
        ] {
            assert!(!is_amazon_api(bad), "{bad}");
        }
    }
}
