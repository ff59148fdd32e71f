//! OAuth 1.0 (RFC 5849, HMAC-SHA1) as Withings spoke it until November 2018:
//! every `oauth_*` parameter in the query string, a *signed* authorize URL, and
//! `userid` among the signed parameters of each data call.
//!
//! The pieces are public one by one (encoding, base string, signing, verifying)
//! so the sandbox can check signatures for real and the `oauth1 sign` command can
//! show every stage through [`Explanation`].

use super::client::{Deadline, transport_reason};
use crate::clock::Clock;
use crate::secret::{ClientSecret, TokenSecret};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha1::Sha1;
use std::fmt;
use thiserror::Error;
use url::Url;

/// Historical Withings OAuth 1.0 endpoints (closed since 2018; kept as defaults
/// so the configuration reads like the original).
pub const DEFAULT_REQUEST_TOKEN_URL: &str = "https://oauth.withings.com/account/request_token";
pub const DEFAULT_AUTHORIZE_URL: &str = "https://oauth.withings.com/account/authorize";
pub const DEFAULT_ACCESS_TOKEN_URL: &str = "https://oauth.withings.com/account/access_token";
/// The data API host of the OAuth 1.0 era.
pub const DEFAULT_API_BASE: &str = "https://wbsapi.withings.net";

/// The only signature method Withings offered.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";

/// RFC 5849 §3.6: everything but ALPHA, DIGIT, `-`, `.`, `_`, `~` is encoded.
const RFC5849_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

type HmacSha1 = Hmac<Sha1>;

#[derive(Debug, Error)]
pub enum OAuth1Error {
    /// A non-2xx answer. `problem` is the provider's `oauth_problem` code, if any.
    #[error("the OAuth 1.0 provider answered HTTP {status}{}", problem_suffix(.problem))]
    Http {
        status: u16,
        problem: Option<String>,
    },
    /// The body was not what the step returns. The excerpt never holds secret values.
    #[error("unexpected response (HTTP {status}): {excerpt}")]
    Malformed { status: u16, excerpt: String },
    #[error("could not reach the OAuth 1.0 provider: {0}")]
    Transport(String),
    #[error("the OAuth 1.0 provider did not answer before the deadline")]
    Timeout,
    /// A data call answered HTTP 200 with a non-zero body status (342: bad signature).
    #[error("Withings status {status}")]
    Api { status: i64 },
    /// The request could not be signed as asked (bad URL, clashing parameter).
    #[error("cannot sign this request: {0}")]
    InvalidRequest(String),
    #[error("missing OAuth parameter {0}")]
    MissingParameter(String),
    #[error("unsupported oauth_signature_method {0:?}")]
    UnsupportedSignatureMethod(String),
    #[error("the OAuth signature does not match")]
    InvalidSignature,
}

fn problem_suffix(problem: &Option<String>) -> String {
    problem
        .as_deref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Encoding, normalisation, base string, signature

/// RFC 5849 §3.6 percent-encoding (UTF-8, upper-case hex).
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, RFC5849_ENCODE).to_string()
}

/// §3.4.1.2: lower-case scheme and host, default port dropped, no query or fragment.
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

/// §3.4.1.3.2: encode each key and value, sort by encoded key then encoded value.
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

fn join_pairs(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// The URL's query pairs (form-decoded, as §3.4.1.3.1 says) followed by `params`.
fn all_parameters(url: &Url, params: &[(String, String)]) -> Vec<(String, String)> {
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .chain(params.iter().cloned())
        .collect()
}

/// Everything a signature is computed from, stage by stage.
struct BaseString {
    base_uri: String,
    parameters: Vec<(String, String)>,
    text: String,
}

fn build_base_string(
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

/// The §3.4.1 signature base string. Parameters come from the URL's query and
/// from `params` (decoded values, `oauth_*` included, `oauth_signature` ignored).
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

/// §3.4.2: base64(HMAC-SHA1(enc(consumer_secret) & enc(token_secret), base)).
pub fn sign_base_string(
    base_string: &str,
    consumer_secret: &ClientSecret,
    token_secret: Option<&TokenSecret>,
) -> String {
    let mut mac = mac_for(consumer_secret, token_secret);
    mac.update(base_string.as_bytes());
    BASE64.encode(mac.finalize().into_bytes())
}

/// Show a secret's shape without its value: the first 4 characters only when it
/// is long enough (12+) that they give little away, and its length.
pub fn mask_secret(secret: &str) -> String {
    let n = secret.chars().count();
    match n {
        0 => "(empty)".to_string(),
        1..=11 => format!("…({n} chars)"),
        _ => format!("{}…({n} chars)", secret.chars().take(4).collect::<String>()),
    }
}

fn masked_signing_key(
    consumer_secret: &ClientSecret,
    token_secret: Option<&TokenSecret>,
) -> String {
    format!(
        "{}&{}",
        mask_secret(&encode(consumer_secret.expose())),
        mask_secret(&encode(token_secret.map(TokenSecret::expose).unwrap_or("")))
    )
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
fn bare(url: &Url) -> Url {
    let mut u = url.clone();
    u.set_query(None);
    u.set_fragment(None);
    u
}

// ---------------------------------------------------------------------------
// Signing requests

/// A token and its secret: a request token during the dance, an access token after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenCredentials {
    pub token: String,
    pub secret: TokenSecret,
}

/// The per-request protocol inputs beside the consumer credentials.
#[derive(Clone, Copy, Debug, Default)]
pub struct SignParams<'a> {
    pub token: Option<&'a TokenCredentials>,
    pub callback: Option<&'a str>,
    pub verifier: Option<&'a str>,
    /// Fixed nonce for tests and `oauth1 sign`; a random one otherwise.
    pub nonce: Option<&'a str>,
}

/// Every stage of one signature, for debugging. The signing key is masked; the
/// rest already travels in the clear in the signed URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub method: String,
    pub base_uri: String,
    /// Encoded and sorted, as they enter the base string.
    pub parameters: Vec<(String, String)>,
    pub base_string: String,
    /// `enc(consumer_secret)&enc(token_secret)` with both halves masked.
    pub signing_key: String,
    /// Base64, before it is percent-encoded into the URL.
    pub signature: String,
    pub url: Url,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "method:            {}", self.method)?;
        writeln!(f, "base string URI:   {}", self.base_uri)?;
        writeln!(
            f,
            "normalised parameters ({}, sorted by encoded key then value):",
            self.parameters.len()
        )?;
        for (k, v) in &self.parameters {
            writeln!(f, "    {k}={v}")?;
        }
        writeln!(f, "signature base string:")?;
        writeln!(f, "    {}", self.base_string)?;
        writeln!(f, "signing key:       {}", self.signing_key)?;
        writeln!(f, "signature:         {}", self.signature)?;
        writeln!(f, "signed URL:")?;
        write!(f, "    {}", self.url)
    }
}

/// A signed URL and how it came to be.
#[derive(Clone, Debug)]
pub struct Signed {
    pub url: Url,
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

    pub fn consumer_key(&self) -> &str {
        &self.consumer_key
    }

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

// ---------------------------------------------------------------------------
// The three-legged flow

/// Where the three legs live. Configurable so the sandbox can stand in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OAuth1Endpoints {
    pub request_token: Url,
    pub authorize: Url,
    pub access_token: Url,
}

impl OAuth1Endpoints {
    /// The historical Withings endpoints.
    pub fn withings() -> Self {
        let parse = |s: &str| Url::parse(s).expect("static URL");
        OAuth1Endpoints {
            request_token: parse(DEFAULT_REQUEST_TOKEN_URL),
            authorize: parse(DEFAULT_AUTHORIZE_URL),
            access_token: parse(DEFAULT_ACCESS_TOKEN_URL),
        }
    }

    /// `/account/{request_token,authorize,access_token}` under `base`.
    pub fn under(base: &Url) -> Result<Self, OAuth1Error> {
        // `join` would replace a last segment that lacks its trailing slash.
        let mut base = base.clone();
        if !base.path().ends_with('/') {
            let dir = format!("{}/", base.path());
            base.set_path(&dir);
        }
        let join = |leaf: &str| {
            base.join(&format!("account/{leaf}"))
                .map_err(|e| OAuth1Error::InvalidRequest(format!("bad endpoint base: {e}")))
        };
        Ok(OAuth1Endpoints {
            request_token: join("request_token")?,
            authorize: join("authorize")?,
            access_token: join("access_token")?,
        })
    }
}

impl Default for OAuth1Endpoints {
    fn default() -> Self {
        Self::withings()
    }
}

/// A request token, with the callback it was issued for (the signed authorize
/// URL carries the callback again).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestToken {
    pub credentials: TokenCredentials,
    pub callback: String,
}

/// What the access-token leg returns. Withings sent `userid` here; other
/// providers may not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessGrant {
    pub credentials: TokenCredentials,
    pub userid: Option<String>,
}

/// The query Withings appended to the callback after the user allowed access.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizedCallback {
    pub oauth_token: String,
    pub oauth_verifier: Option<String>,
    pub userid: Option<String>,
}

/// Read the provider's redirect to our callback.
pub fn parse_callback(url: &Url) -> Result<AuthorizedCallback, OAuth1Error> {
    let get = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    Ok(AuthorizedCallback {
        oauth_token: get("oauth_token")
            .ok_or_else(|| OAuth1Error::MissingParameter("oauth_token".into()))?,
        oauth_verifier: get("oauth_verifier"),
        userid: get("userid"),
    })
}

/// The OAuth 1.0 Withings client: the three legs and signed GET data calls.
#[derive(Clone, Debug)]
pub struct OAuth1Client {
    http: reqwest::Client,
    signer: Signer,
    endpoints: OAuth1Endpoints,
    api_base: Url,
    clock: Clock,
}

impl OAuth1Client {
    pub fn new(
        http: reqwest::Client,
        signer: Signer,
        endpoints: OAuth1Endpoints,
        api_base: Url,
    ) -> Self {
        OAuth1Client {
            http,
            signer,
            endpoints,
            api_base,
            clock: Clock::System,
        }
    }

    /// Timestamps come from this clock (pinned runs, tests).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    pub fn endpoints(&self) -> &OAuth1Endpoints {
        &self.endpoints
    }

    /// Leg 1: a request token for `callback`.
    pub async fn request_token(
        &self,
        callback: &str,
        deadline: Deadline,
    ) -> Result<(RequestToken, Explanation), OAuth1Error> {
        let oauth = SignParams {
            callback: Some(callback),
            ..SignParams::default()
        };
        let signed = self.signer.sign(
            "GET",
            &self.endpoints.request_token,
            &[],
            &oauth,
            self.clock.now(),
        )?;
        let (status, body) = self.get(signed.url.clone(), deadline).await?;
        let pairs = parse_form(&body);
        let credentials = token_credentials(&pairs, status, &body)?;
        Ok((
            RequestToken {
                credentials,
                callback: callback.to_string(),
            },
            signed.explanation,
        ))
    }

    /// Leg 2: the URL to send the user to. Withings wanted it signed with the
    /// request-token secret and carrying `oauth_callback` again.
    pub fn authorize_url(&self, request_token: &RequestToken) -> Result<Signed, OAuth1Error> {
        let oauth = SignParams {
            token: Some(&request_token.credentials),
            callback: Some(&request_token.callback),
            ..SignParams::default()
        };
        self.signer.sign(
            "GET",
            &self.endpoints.authorize,
            &[],
            &oauth,
            self.clock.now(),
        )
    }

    /// Leg 3: trade the authorized request token for an access token. The
    /// original client sent no verifier, so it is optional.
    pub async fn access_token(
        &self,
        request_token: &RequestToken,
        verifier: Option<&str>,
        deadline: Deadline,
    ) -> Result<(AccessGrant, Explanation), OAuth1Error> {
        let oauth = SignParams {
            token: Some(&request_token.credentials),
            verifier,
            ..SignParams::default()
        };
        let signed = self.signer.sign(
            "GET",
            &self.endpoints.access_token,
            &[],
            &oauth,
            self.clock.now(),
        )?;
        let (status, body) = self.get(signed.url.clone(), deadline).await?;
        let pairs = parse_form(&body);
        let credentials = token_credentials(&pairs, status, &body)?;
        let userid = pairs
            .iter()
            .find(|(k, _)| k == "userid")
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty());
        Ok((
            AccessGrant {
                credentials,
                userid,
            },
            signed.explanation,
        ))
    }

    /// A signed GET data call (e.g. `path="/measure"`, `action=getmeas`):
    /// returns `body` of a status-0 `{status, body}` envelope.
    pub async fn data_call(
        &self,
        path: &str,
        params: &[(String, String)],
        token: &TokenCredentials,
        userid: &str,
        deadline: Deadline,
    ) -> Result<(serde_json::Value, Explanation), OAuth1Error> {
        let mut url = self.api_base.clone();
        let joined = format!("{}{}", url.path().trim_end_matches('/'), path);
        url.set_path(&joined);
        let signed =
            self.signer
                .sign_data_call(&url, params, token, userid, None, self.clock.now())?;
        let (status, body) = self.get(signed.url.clone(), deadline).await?;
        let malformed = || OAuth1Error::Malformed {
            status,
            excerpt: excerpt(&body),
        };
        let mut envelope: serde_json::Value =
            serde_json::from_str(&body).map_err(|_| malformed())?;
        // Withings sent the status as a number, a few proxies as a string.
        let code = match envelope.get("status") {
            Some(serde_json::Value::Number(n)) => n.as_i64(),
            Some(serde_json::Value::String(s)) => s.parse().ok(),
            _ => None,
        }
        .ok_or_else(malformed)?;
        if code != 0 {
            return Err(OAuth1Error::Api { status: code });
        }
        let body = envelope
            .get_mut("body")
            .map(serde_json::Value::take)
            .ok_or_else(malformed)?;
        Ok((body, signed.explanation))
    }

    /// GET and read the body; non-2xx becomes `Http` with the `oauth_problem`.
    async fn get(&self, url: Url, deadline: Deadline) -> Result<(u16, String), OAuth1Error> {
        let exchange = async {
            let resp = self.http.get(url).send().await?;
            let status = resp.status().as_u16();
            let text = resp.text().await?;
            Ok::<_, reqwest::Error>((status, text))
        };
        let (status, body) = match tokio::time::timeout_at(deadline.instant(), exchange).await {
            Err(_) => return Err(OAuth1Error::Timeout),
            Ok(Err(e)) if e.is_timeout() => return Err(OAuth1Error::Timeout),
            // The URL holds the signed request; keep it out of the message.
            Ok(Err(e)) => return Err(OAuth1Error::Transport(transport_reason(&e))),
            Ok(Ok(r)) => r,
        };
        if !(200..300).contains(&status) {
            let problem = parse_form(&body)
                .into_iter()
                .find(|(k, _)| k == "oauth_problem")
                .map(|(_, v)| v)
                .filter(|v| {
                    v.len() <= 40 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                });
            return Err(OAuth1Error::Http { status, problem });
        }
        Ok((status, body))
    }
}

fn parse_form(body: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body.trim().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn token_credentials(
    pairs: &[(String, String)],
    status: u16,
    body: &str,
) -> Result<TokenCredentials, OAuth1Error> {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    };
    match (get("oauth_token"), get("oauth_token_secret")) {
        (Some(token), Some(secret)) => Ok(TokenCredentials {
            token,
            secret: TokenSecret::new(secret),
        }),
        _ => Err(OAuth1Error::Malformed {
            status,
            excerpt: excerpt(body),
        }),
    }
}

/// A short, secret-free excerpt of a response body for error messages. Form
/// bodies keep their keys but lose every token-ish value; anything else loses
/// long token-like runs.
fn excerpt(body: &str) -> String {
    const MAX: usize = 120;
    let head: String = body.trim().chars().take(MAX).collect();
    let cut = if body.trim().chars().count() > MAX {
        "…"
    } else {
        ""
    };
    let looks_like_form = head.contains('=') && !head.contains(['{', '<', ' ', '\n']);
    let shown = if looks_like_form {
        head.split('&')
            .map(|pair| match pair.split_once('=') {
                Some((k, _)) if is_sensitive_key(k) => format!("{k}=[redacted]"),
                Some((k, v)) => format!("{k}={}", scrub_runs(v)),
                None => scrub_runs(pair),
            })
            .collect::<Vec<_>>()
            .join("&")
    } else {
        scrub_runs(&head)
    };
    format!("{shown}{cut}")
}

fn is_sensitive_key(k: &str) -> bool {
    let k = k.to_ascii_lowercase();
    k.contains("secret") || k.contains("token") || k.contains("verifier")
}

/// Replace runs of 12+ token-like characters.
fn scrub_runs(text: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        out.push_str(if run.len() >= 12 { "[redacted]" } else { run });
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '%') {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
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

    #[test]
    fn endpoints_under_a_base() {
        for base in [
            "http://127.0.0.1:8080/oauth1",
            "http://127.0.0.1:8080/oauth1/",
        ] {
            let e = OAuth1Endpoints::under(&Url::parse(base).unwrap()).unwrap();
            assert_eq!(
                e.access_token.as_str(),
                "http://127.0.0.1:8080/oauth1/account/access_token"
            );
        }
    }

    #[test]
    fn secrets_are_masked() {
        assert_eq!(mask_secret(""), "(empty)");
        assert_eq!(mask_secret("short"), "…(5 chars)");
        assert_eq!(mask_secret("9b057c4e64a71deb"), "9b05…(16 chars)");
    }

    #[test]
    fn excerpts_hide_secrets() {
        let e = excerpt("oauth_token=abc&oauth_token_secret=s3cr3t&userid=42");
        assert!(!e.contains("s3cr3t") && !e.contains("abc"), "{e}");
        assert!(e.contains("userid=42"), "{e}");
        let e = excerpt("<html>token 9b057c4e64a71deb1d033084da385f89</html>");
        assert!(!e.contains("9b057c4e"), "{e}");
    }
}
