//! The three-legged flow and signed data calls against a provider: where the
//! legs live, what each returns, and the client that walks them. Every request
//! goes through the crate's one HTTP path, like the OAuth 2.0 client's.

use super::OAuth1Error;
use super::explain::Explanation;
use super::signer::{SignParams, Signed, Signer, TokenCredentials};
use crate::clock::Clock;
use crate::deadline::Deadline;
use crate::scrub::scrub;
use crate::secret::TokenSecret;
use crate::transport::{self, Failure};
use url::Url;

/// Historical Withings request-token endpoint (closed since 2018; kept as the
/// default so the configuration reads like the original).
pub const DEFAULT_REQUEST_TOKEN_URL: &str = "https://oauth.withings.com/account/request_token";
/// Historical Withings authorization page.
pub const DEFAULT_AUTHORIZE_URL: &str = "https://oauth.withings.com/account/authorize";
/// Historical Withings access-token endpoint.
pub const DEFAULT_ACCESS_TOKEN_URL: &str = "https://oauth.withings.com/account/access_token";

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
    /// A client for the data API at `api_base` (the same host as OAuth 2.0's,
    /// [`DEFAULT_API_BASE`](crate::DEFAULT_API_BASE)).
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

    /// The signer, with the consumer credentials.
    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    /// Where the three legs live.
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
        let signed = self.sign(&self.endpoints.request_token, &oauth)?;
        let (status, body) = self.get_form(&signed, deadline).await?;
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
        self.sign(&self.endpoints.authorize, &oauth)
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
        let signed = self.sign(&self.endpoints.access_token, &oauth)?;
        let (status, body) = self.get_form(&signed, deadline).await?;
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
        let url = transport::endpoint(&self.api_base, path);
        let signed =
            self.signer
                .sign_data_call(&url, params, token, userid, None, self.clock.now())?;
        let req = self.http.get(signed.url.clone());
        let body = transport::call(req, deadline, path)
            .await
            .map_err(from_failure)?;
        Ok((body, signed.explanation))
    }

    /// A protocol GET of `url` signed now.
    fn sign(&self, url: &Url, oauth: &SignParams<'_>) -> Result<Signed, OAuth1Error> {
        self.signer.sign("GET", url, &[], oauth, self.clock.now())
    }

    /// GET a signed token leg; its answer is a form, not an envelope.
    async fn get_form(
        &self,
        signed: &Signed,
        deadline: Deadline,
    ) -> Result<(u16, String), OAuth1Error> {
        let req = self.http.get(signed.url.clone());
        let (status, body) = transport::exchange(req, deadline)
            .await
            .map_err(from_failure)?;
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }
}

/// The OAuth 1.0 view of a failed exchange: a non-2xx answer carries the
/// provider's `oauth_problem`, a non-zero envelope status is `Api`.
fn from_failure(failure: Failure) -> OAuth1Error {
    match failure {
        Failure::Timeout => OAuth1Error::Timeout,
        Failure::Transport(reason) => OAuth1Error::Transport(reason),
        Failure::Http { status, body } => OAuth1Error::Http {
            status,
            problem: oauth_problem(&String::from_utf8_lossy(&body)),
        },
        Failure::Malformed { status, excerpt } => OAuth1Error::Malformed { status, excerpt },
        Failure::Status { status, .. } => OAuth1Error::Api { status },
    }
}

/// The `oauth_problem` of an error body, if it is a short plain code.
fn oauth_problem(body: &str) -> Option<String> {
    parse_form(body)
        .into_iter()
        .find(|(k, _)| k == "oauth_problem")
        .map(|(_, v)| v)
        .filter(|v| v.len() <= 40 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
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
            excerpt: scrub(body),
        }),
    }
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
}
