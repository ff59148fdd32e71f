//! The RFC 5849 primitives: percent-encoding, the signature base string, the
//! HMAC-SHA1 signature, and checking a received signature as a provider does.

use super::OAuth1Error;
use crate::secret::{ClientSecret, TokenSecret};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha1::Sha1;
use url::Url;

/// The only signature method Withings offered.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";

/// RFC 5849 §3.6: everything but ALPHA, DIGIT, `-`, `.`, `_`, `~` is encoded.
const RFC5849_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

type HmacSha1 = Hmac<Sha1>;

/// RFC 5849 §3.6 percent-encoding (UTF-8, upper-case hex).
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, RFC5849_ENCODE).to_string()
}

/// RFC 5849 §3.4.1.2: lower-case scheme and host, default port dropped, no query or fragment.
pub fn base_string_uri(url: &Url) -> Result<String, OAuth1Error> {
    let scheme = url.scheme();
    if scheme != "http" && scheme != "https" {
        return Err(OAuth1Error::InvalidRequest(format!(
            "scheme {scheme:?} is not http(s)"
        )));
    }
    let host = url
        .host_str()
        .ok_or_else(|| OAuth1Error::InvalidRequest("URL has no host".into()))?;
    // `Url` already lower-cases scheme and host and forgets a default port.
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!("{scheme}://{host}{port}{}", url.path()))
}

/// RFC 5849 §3.4.1.3.2: encode each key and value, sort by encoded key then
/// encoded value.
/// `oauth_signature` is left out: it is what is being computed.
pub fn normalize_parameters(params: &[(String, String)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| k != "oauth_signature")
        .map(|(k, v)| (encode(k), encode(v)))
        .collect();
    out.sort();
    out
}

/// `k=v` pairs joined with `&`, as they enter the base string and the query.
pub(super) fn join_pairs(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// The URL's query pairs (form-decoded, as RFC 5849 §3.4.1.3.1 says) followed
/// by `params`.
pub(super) fn all_parameters(url: &Url, params: &[(String, String)]) -> Vec<(String, String)> {
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .chain(params.iter().cloned())
        .collect()
}

/// Everything a signature is computed from, stage by stage.
pub(super) struct BaseString {
    pub(super) base_uri: String,
    pub(super) parameters: Vec<(String, String)>,
    pub(super) text: String,
}

pub(super) fn build_base_string(
    method: &str,
    url: &Url,
    params: &[(String, String)],
) -> Result<BaseString, OAuth1Error> {
    let base_uri = base_string_uri(url)?;
    let parameters = normalize_parameters(&all_parameters(url, params));
    let text = format!(
        "{}&{}&{}",
        method.to_ascii_uppercase(),
        encode(&base_uri),
        encode(&join_pairs(&parameters))
    );
    Ok(BaseString {
        base_uri,
        parameters,
        text,
    })
}

/// The RFC 5849 §3.4.1 signature base string. Parameters come from the URL's
/// query and from `params` (decoded values, `oauth_*` included,
/// `oauth_signature` ignored).
pub fn signature_base_string(
    method: &str,
    url: &Url,
    params: &[(String, String)],
) -> Result<String, OAuth1Error> {
    build_base_string(method, url, params).map(|b| b.text)
}

fn mac_for(consumer_secret: &ClientSecret, token_secret: Option<&TokenSecret>) -> HmacSha1 {
    let key = format!(
        "{}&{}",
        encode(consumer_secret.expose()),
        encode(token_secret.map(TokenSecret::expose).unwrap_or(""))
    );
    // HMAC pads or hashes keys of any length; this cannot fail.
    HmacSha1::new_from_slice(key.as_bytes()).expect("HMAC accepts keys of any length")
}

/// RFC 5849 §3.4.2: base64(HMAC-SHA1(enc(consumer_secret) & enc(token_secret), base)).
pub fn sign_base_string(
    base_string: &str,
    consumer_secret: &ClientSecret,
    token_secret: Option<&TokenSecret>,
) -> String {
    let mut mac = mac_for(consumer_secret, token_secret);
    mac.update(base_string.as_bytes());
    BASE64.encode(mac.finalize().into_bytes())
}

/// Check a received request's signature, as a provider does.
///
/// `params` are the decoded request parameters including `oauth_signature`; any
/// query on `url` counts too, so pass either a bare URL plus the parsed query or
/// the full URL with no `params`, not both. The comparison is constant-time.
/// Nonce and timestamp policy is the caller's (it needs state).
pub fn verify(
    method: &str,
    url: &Url,
    params: &[(String, String)],
    consumer_secret: &ClientSecret,
    token_secret: Option<&TokenSecret>,
) -> Result<(), OAuth1Error> {
    let all = all_parameters(url, params);
    let single = |name: &str| -> Result<&str, OAuth1Error> {
        let mut values = all.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
        match (values.next(), values.next()) {
            (Some(v), None) => Ok(v.as_str()),
            (None, _) => Err(OAuth1Error::MissingParameter(name.to_string())),
            (Some(_), Some(_)) => Err(OAuth1Error::InvalidRequest(format!("{name} repeated"))),
        }
    };
    let method_name = single("oauth_signature_method")?;
    if method_name != SIGNATURE_METHOD {
        return Err(OAuth1Error::UnsupportedSignatureMethod(
            method_name.chars().take(20).collect(),
        ));
    }
    let received = BASE64
        .decode(single("oauth_signature")?)
        .map_err(|_| OAuth1Error::InvalidSignature)?;
    let base = build_base_string(method, &bare(url), &all)?;
    let mut mac = mac_for(consumer_secret, token_secret);
    mac.update(base.text.as_bytes());
    mac.verify_slice(&received)
        .map_err(|_| OAuth1Error::InvalidSignature)
}

/// `url` without query or fragment.
pub(super) fn bare(url: &Url) -> Url {
    let mut u = url.clone();
    u.set_query(None);
    u.set_fragment(None);
    u
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_is_rfc5849() {
        assert_eq!(encode("abcXYZ019-._~"), "abcXYZ019-._~");
        assert_eq!(encode(" +/=&%*"), "%20%2B%2F%3D%26%25%2A");
        assert_eq!(encode("é☃"), "%C3%A9%E2%98%83");
    }

    #[test]
    fn base_uri_is_normalised() {
        let u = Url::parse("HTTP://EXAMPLE.COM:80/r%20v/X?id=123").unwrap();
        assert_eq!(base_string_uri(&u).unwrap(), "http://example.com/r%20v/X");
        let u = Url::parse("https://www.example.net:8080/?q=1").unwrap();
        assert_eq!(
            base_string_uri(&u).unwrap(),
            "https://www.example.net:8080/"
        );
        let u = Url::parse("https://example.net:443/a#frag").unwrap();
        assert_eq!(base_string_uri(&u).unwrap(), "https://example.net/a");
    }
}
