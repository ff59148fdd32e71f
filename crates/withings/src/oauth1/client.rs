//! The three-legged flow and signed data calls against a provider: where the
//! legs live, what each returns, and the client that walks them.

use super::OAuth1Error;
use super::explain::Explanation;
use super::signer::{SignParams, Signed, Signer, TokenCredentials};
use crate::client::{Deadline, transport_reason};
use crate::clock::Clock;
use crate::secret::TokenSecret;
use url::Url;

/// Historical Withings request-token endpoint (closed since 2018; kept as the
/// default so the configuration reads like the original).
pub const DEFAULT_REQUEST_TOKEN_URL: &str = "https://oauth.withings.com/account/request_token";
/// Historical Withings authorization page.
pub const DEFAULT_AUTHORIZE_URL: &str = "https://oauth.withings.com/account/authorize";
/// Historical Withings access-token endpoint.
pub const DEFAULT_ACCESS_TOKEN_URL: &str = "https://oauth.withings.com/account/access_token";
/// The data API host of the OAuth 1.0 era.
pub const DEFAULT_API_BASE: &str = "https://wbsapi.withings.net";

/// Where the three legs live. Configurable so a local stand-in can serve them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OAuth1Endpoints {
    /// Leg 1: where a request token is asked for.
    pub request_token: Url,
    /// Leg 2: the page the user is sent to.
    pub authorize: Url,
    /// Leg 3: where the authorized request token is traded for an access token.
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
    /// The request token and its secret.
    pub credentials: TokenCredentials,
    /// The callback it was issued for.
    pub callback: String,
}

/// What the access-token leg returns. Withings sent `userid` here; other
/// providers may not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessGrant {
    /// The access token and its secret.
    pub credentials: TokenCredentials,
    /// The Withings user, signed into every data call.
    pub userid: Option<String>,
}

/// The query Withings appended to the callback after the user allowed access.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizedCallback {
    /// The request token the user authorized.
    pub oauth_token: String,
    /// The verifier, if the provider sent one.
    pub oauth_verifier: Option<String>,
    /// The Withings user, if sent.
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
    fn excerpts_hide_secrets() {
        let e = excerpt("oauth_token=abc&oauth_token_secret=s3cr3t&userid=42");
        assert!(!e.contains("s3cr3t") && !e.contains("abc"), "{e}");
        assert!(e.contains("userid=42"), "{e}");
        let e = excerpt("<html>token 9b057c4e64a71deb1d033084da385f89</html>");
        assert!(!e.contains("9b057c4e"), "{e}");
    }
}
