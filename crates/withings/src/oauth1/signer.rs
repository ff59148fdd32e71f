//! Signing requests the way Withings wanted them: every `oauth_*` parameter in
//! the query string, `oauth_version=1.0` by default, `userid` signed on data calls.

use super::OAuth1Error;
use super::explain::{Explanation, masked_signing_key};
use super::sign::{
    SIGNATURE_METHOD, all_parameters, bare, build_base_string, encode, join_pairs, sign_base_string,
};
use crate::secret::{ClientSecret, TokenSecret};
use chrono::{DateTime, Utc};
use url::Url;

/// A token and its secret: a request token during the dance, an access token after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenCredentials {
    /// The token, sent as `oauth_token`.
    pub token: String,
    /// Its secret, half of the signing key (prints redacted).
    pub secret: TokenSecret,
}

/// The per-request protocol inputs beside the consumer credentials.
#[derive(Clone, Copy, Debug, Default)]
pub struct SignParams<'a> {
    /// The token to sign with, if any (none on the request-token leg).
    pub token: Option<&'a TokenCredentials>,
    /// `oauth_callback`, on the request-token and authorize legs.
    pub callback: Option<&'a str>,
    /// `oauth_verifier`, on the access-token leg when the provider sent one.
    pub verifier: Option<&'a str>,
    /// Fixed nonce for tests and `oauth1 sign`; a random one otherwise.
    pub nonce: Option<&'a str>,
}

/// A signed URL and how it came to be.
#[derive(Clone, Debug)]
pub struct Signed {
    /// The URL to GET: every parameter plus `oauth_signature` in its query.
    pub url: Url,
    /// Every stage of the signature, for debugging.
    pub explanation: Explanation,
}

/// Signs requests with one consumer's credentials, `oauth_*` in the query string.
#[derive(Clone, Debug)]
pub struct Signer {
    consumer_key: String,
    consumer_secret: ClientSecret,
    include_version: bool,
}

impl Signer {
    /// `oauth_version=1.0` is sent by default, as Withings' own clients did.
    pub fn new(consumer_key: impl Into<String>, consumer_secret: ClientSecret) -> Self {
        Signer {
            consumer_key: consumer_key.into(),
            consumer_secret,
            include_version: true,
        }
    }

    /// RFC 5849 makes `oauth_version` optional; it changes the signature.
    pub fn with_version(mut self, include: bool) -> Self {
        self.include_version = include;
        self
    }

    /// The consumer key, sent as `oauth_consumer_key`.
    pub fn consumer_key(&self) -> &str {
        &self.consumer_key
    }

    /// The consumer secret, half of the signing key.
    pub fn consumer_secret(&self) -> &ClientSecret {
        &self.consumer_secret
    }

    /// Sign `method url` with `params` (decoded; the URL's own query counts too)
    /// and return the URL carrying all parameters plus `oauth_signature`.
    pub fn sign(
        &self,
        method: &str,
        url: &Url,
        params: &[(String, String)],
        oauth: &SignParams<'_>,
        now: DateTime<Utc>,
    ) -> Result<Signed, OAuth1Error> {
        let nonce = match oauth.nonce {
            Some(n) => n.to_string(),
            None => random_nonce(),
        };
        let mut protocol: Vec<(&str, String)> = vec![
            ("oauth_consumer_key", self.consumer_key.clone()),
            ("oauth_nonce", nonce),
            ("oauth_signature_method", SIGNATURE_METHOD.to_string()),
            ("oauth_timestamp", now.timestamp().to_string()),
        ];
        if let Some(token) = oauth.token {
            protocol.push(("oauth_token", token.token.clone()));
        }
        if let Some(callback) = oauth.callback {
            protocol.push(("oauth_callback", callback.to_string()));
        }
        if let Some(verifier) = oauth.verifier {
            protocol.push(("oauth_verifier", verifier.to_string()));
        }
        if self.include_version {
            protocol.push(("oauth_version", "1.0".to_string()));
        }

        let mut all = all_parameters(url, params);
        // A caller-supplied oauth_* would either be signed twice or disagree with ours.
        if let Some((k, _)) = all.iter().find(|(k, _)| k.starts_with("oauth_")) {
            return Err(OAuth1Error::InvalidRequest(format!(
                "{k} is set by the signer, not by the caller"
            )));
        }
        all.extend(protocol.into_iter().map(|(k, v)| (k.to_string(), v)));

        let base_url = bare(url);
        let base = build_base_string(method, &base_url, &all)?;
        let token_secret = oauth.token.map(|t| &t.secret);
        let signature = sign_base_string(&base.text, &self.consumer_secret, token_secret);

        let mut query = join_pairs(&base.parameters);
        query.push_str("&oauth_signature=");
        query.push_str(&encode(&signature));
        let mut signed_url = base_url;
        // Already RFC 5849-encoded; `Url` leaves `%XX`, `&` and `=` alone.
        signed_url.set_query(Some(&query));

        let explanation = Explanation {
            method: method.to_ascii_uppercase(),
            base_uri: base.base_uri,
            parameters: base.parameters,
            base_string: base.text,
            signing_key: masked_signing_key(&self.consumer_secret, token_secret),
            signature,
            url: signed_url.clone(),
        };
        Ok(Signed {
            url: signed_url,
            explanation,
        })
    }

    /// A Withings data call: GET with `userid` among the signed parameters.
    pub fn sign_data_call(
        &self,
        url: &Url,
        params: &[(String, String)],
        token: &TokenCredentials,
        userid: &str,
        nonce: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Signed, OAuth1Error> {
        let mut all = params.to_vec();
        all.push(("userid".to_string(), userid.to_string()));
        let oauth = SignParams {
            token: Some(token),
            nonce,
            ..SignParams::default()
        };
        self.sign("GET", url, &all, &oauth, now)
    }
}

/// 128 random bits, hex: unreserved characters only, so it reads the same encoded.
pub fn random_nonce() -> String {
    use rand::RngCore;
    let mut buf = [0u8; 16];
    rand::rng().fill_bytes(&mut buf);
    crate::secret::hex(&buf)
}
