//! A fake Withings OAuth 1.0 provider for loopback use: the three legs under
//! `/account/…` and a signed `GET /measure?action=getmeas`.
//!
//! Signatures are checked for real (`withings::oauth1::verify`), nonces may not be
//! reused and timestamps must be within 10 minutes, so a client that passes here
//! signs the way Withings required. Token endpoints report failures as HTTP 401
//! with an `oauth_problem=…` body (OAuth Problem Reporting); `/measure` answers
//! HTTP 200 with a Withings status (342 for a bad signature) like the real API.

use crate::state::lock;
use axum::Router;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use url::Url;
use withings::Clock;
use withings::oauth1::{OAuth1Error, verify};
use withings::secret::{ClientSecret, TokenSecret, random_token};

/// The Withings user every sandbox authorization is for.
pub const SANDBOX_USERID: &str = "4242";

/// How far a request's `oauth_timestamp` may be from the sandbox's clock.
const TIMESTAMP_WINDOW_SECS: i64 = 600;

/// The one weigh-in `/measure` serves: 2017-03-21 07:11:46 Europe/Paris, the
/// sample in the original blog post.
const GROUP_DATE: i64 = 1_490_076_706;

pub struct OAuth1Sandbox {
    pub consumer_key: String,
    pub consumer_secret: ClientSecret,
    pub userid: String,
    clock: Clock,
    state: Mutex<Tokens>,
}

#[derive(Default)]
struct Tokens {
    /// `timestamp\ntoken\nnonce` → timestamp, pruned once outside the window.
    nonces: HashMap<String, i64>,
    request: HashMap<String, PendingRequest>,
    access: HashMap<String, (TokenSecret, String)>,
}

struct PendingRequest {
    secret: TokenSecret,
    callback: String,
    /// Set once the (simulated) user has allowed access.
    verifier: Option<String>,
}

impl OAuth1Sandbox {
    pub fn new(consumer_key: &str, consumer_secret: ClientSecret) -> Arc<Self> {
        Self::configured(consumer_key, consumer_secret, SANDBOX_USERID, Clock::System)
    }

    /// With a chosen user id and clock (pinned runs).
    pub fn configured(
        consumer_key: &str,
        consumer_secret: ClientSecret,
        userid: &str,
        clock: Clock,
    ) -> Arc<Self> {
        Arc::new(OAuth1Sandbox {
            consumer_key: consumer_key.to_string(),
            consumer_secret,
            userid: userid.to_string(),
            clock,
            state: Mutex::new(Tokens::default()),
        })
    }

    fn tokens(&self) -> MutexGuard<'_, Tokens> {
        lock(&self.state)
    }
}

/// The routes, state applied, ready to `.merge` into a bigger router.
pub fn router(state: Arc<OAuth1Sandbox>) -> Router {
    Router::new()
        .route("/account/request_token", get(request_token))
        .route("/account/authorize", get(authorize))
        .route("/account/access_token", get(access_token))
        .route("/measure", get(measure))
        .with_state(state)
}

/// Why a signed request was refused, as an OAuth Problem Reporting code.
#[derive(Debug)]
struct Problem(&'static str);

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = if self.0 == "parameter_absent" || self.0 == "parameter_rejected" {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::UNAUTHORIZED
        };
        (status, format!("oauth_problem={}", self.0)).into_response()
    }
}

impl From<OAuth1Error> for Problem {
    fn from(e: OAuth1Error) -> Self {
        Problem(match e {
            OAuth1Error::MissingParameter(_) => "parameter_absent",
            OAuth1Error::UnsupportedSignatureMethod(_) => "signature_method_rejected",
            OAuth1Error::InvalidRequest(_) => "parameter_rejected",
            _ => "signature_invalid",
        })
    }
}

/// A request's decoded query and the URL it was signed for.
struct Incoming {
    url: Url,
    params: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequestParts<S> for Incoming {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .ok_or(Problem("parameter_rejected"))?;
        // Loopback only, so plain http; the client signed this same URL.
        let url = Url::parse(&format!("http://{host}{}", parts.uri.path()))
            .map_err(|_| Problem("parameter_rejected"))?;
        // In order and with repeats: the signature covers them all.
        let Query(params) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map_err(|_| Problem("parameter_rejected"))?;
        Ok(Incoming { url, params })
    }
}

impl Incoming {
    fn get(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn require(&self, name: &str) -> Result<&str, Problem> {
        self.get(name).ok_or(Problem("parameter_absent"))
    }
}

impl OAuth1Sandbox {
    /// Consumer key, timestamp window, signature, then nonce: the nonce is only
    /// spent by a request that is otherwise valid.
    fn check(&self, req: &Incoming, token_secret: Option<&TokenSecret>) -> Result<(), Problem> {
        if req.require("oauth_consumer_key")? != self.consumer_key {
            return Err(Problem("consumer_key_unknown"));
        }
        let timestamp: i64 = req
            .require("oauth_timestamp")?
            .parse()
            .map_err(|_| Problem("parameter_rejected"))?;
        let now = self.clock.now().timestamp();
        if (now - timestamp).abs() > TIMESTAMP_WINDOW_SECS {
            return Err(Problem("timestamp_refused"));
        }
        let nonce = req.require("oauth_nonce")?;
        if let Some(version) = req.get("oauth_version")
            && version != "1.0"
        {
            return Err(Problem("version_rejected"));
        }
        verify(
            "GET",
            &req.url,
            &req.params,
            &self.consumer_secret,
            token_secret,
        )?;
        let token = req.get("oauth_token").unwrap_or("");
        let key = format!("{timestamp}\n{token}\n{nonce}");
        let mut tokens = self.tokens();
        tokens
            .nonces
            .retain(|_, ts| (now - *ts).abs() <= TIMESTAMP_WINDOW_SECS);
        if tokens.nonces.insert(key, timestamp).is_some() {
            return Err(Problem("nonce_used"));
        }
        Ok(())
    }

    fn request_secret(&self, token: &str) -> Option<TokenSecret> {
        self.tokens().request.get(token).map(|p| p.secret.clone())
    }
}

fn form_body(pairs: &[(&str, &str)]) -> Response {
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        out.append_pair(k, v);
    }
    (StatusCode::OK, out.finish()).into_response()
}

async fn request_token(
    State(sb): State<Arc<OAuth1Sandbox>>,
    req: Incoming,
) -> Result<Response, Problem> {
    let callback = req.require("oauth_callback")?.to_string();
    if Url::parse(&callback).is_err() {
        return Err(Problem("parameter_rejected"));
    }
    sb.check(&req, None)?;
    let token = random_token(16);
    let secret = random_token(16);
    sb.tokens().request.insert(
        token.clone(),
        PendingRequest {
            secret: TokenSecret::new(secret.clone()),
            callback,
            verifier: None,
        },
    );
    Ok(form_body(&[
        ("oauth_token", &token),
        ("oauth_token_secret", &secret),
    ]))
}

/// No browser and no user: a correctly signed authorize request is "allowed" at
/// once and redirected to the callback as Withings did.
async fn authorize(
    State(sb): State<Arc<OAuth1Sandbox>>,
    req: Incoming,
) -> Result<Response, Problem> {
    let token = req.require("oauth_token")?.to_string();
    let secret = sb.request_secret(&token).ok_or(Problem("token_rejected"))?;
    sb.check(&req, Some(&secret))?;
    let verifier = random_token(12);
    let callback = {
        let mut tokens = sb.tokens();
        let pending = tokens
            .request
            .get_mut(&token)
            .ok_or(Problem("token_rejected"))?;
        pending.verifier = Some(verifier.clone());
        req.get("oauth_callback")
            .map(str::to_string)
            .unwrap_or_else(|| pending.callback.clone())
    };
    let mut location = Url::parse(&callback).map_err(|_| Problem("parameter_rejected"))?;
    location
        .query_pairs_mut()
        .append_pair("userid", &sb.userid)
        .append_pair("oauth_token", &token)
        .append_pair("oauth_verifier", &verifier);
    Ok((
        StatusCode::FOUND,
        [(header::LOCATION, location.to_string())],
    )
        .into_response())
}

async fn access_token(
    State(sb): State<Arc<OAuth1Sandbox>>,
    req: Incoming,
) -> Result<Response, Problem> {
    let token = req.require("oauth_token")?.to_string();
    let secret = sb.request_secret(&token).ok_or(Problem("token_rejected"))?;
    sb.check(&req, Some(&secret))?;
    let mut tokens = sb.tokens();
    let expected = tokens
        .request
        .get(&token)
        .ok_or(Problem("token_rejected"))?
        .verifier
        .clone()
        .ok_or(Problem("permission_unknown"))?;
    // The original client never sent a verifier; one that is sent must match.
    if let Some(given) = req.get("oauth_verifier")
        && given != expected
    {
        return Err(Problem("parameter_rejected"));
    }
    tokens.request.remove(&token);
    let access = random_token(16);
    let access_secret = random_token(16);
    tokens.access.insert(
        access.clone(),
        (TokenSecret::new(access_secret.clone()), sb.userid.clone()),
    );
    drop(tokens);
    Ok(form_body(&[
        ("oauth_token", &access),
        ("oauth_token_secret", &access_secret),
        ("userid", &sb.userid),
    ]))
}

fn withings_status(status: i64) -> Response {
    (
        StatusCode::OK,
        axum::Json(json!({ "status": status, "body": {} })),
    )
        .into_response()
}

async fn measure(State(sb): State<Arc<OAuth1Sandbox>>, req: Result<Incoming, Problem>) -> Response {
    let Ok(req) = req else {
        return withings_status(2555);
    };
    let Some(token) = req.get("oauth_token") else {
        return withings_status(342);
    };
    let Some((secret, owner)) = sb.tokens().access.get(token).cloned() else {
        return withings_status(283);
    };
    if sb.check(&req, Some(&secret)).is_err() {
        return withings_status(342);
    }
    match req.get("userid") {
        None => return withings_status(247),
        Some(u) if u != owner => return withings_status(250),
        Some(_) => {}
    }
    if req.get("action") != Some("getmeas") {
        return withings_status(2554);
    }
    let num = |name: &str| req.get(name).and_then(|v| v.parse::<i64>().ok());
    let in_range = num("startdate").is_none_or(|s| GROUP_DATE >= s)
        && num("enddate").is_none_or(|e| GROUP_DATE <= e)
        && num("lastupdate").is_none_or(|l| GROUP_DATE >= l);
    let wanted = |t: i64| num("meastype").is_none_or(|m| m == t);
    let measures: Vec<_> = [(81_013, 1, -3), (85, 11, 0), (15_444, 8, -3)]
        .into_iter()
        .filter(|&(_, t, _)| wanted(t))
        .map(|(value, t, unit)| json!({ "value": value, "type": t, "unit": unit, "algo": 0, "fm": 131 }))
        .collect();
    let groups = if in_range && !measures.is_empty() {
        vec![json!({
            "grpid": 1_234_567_890_i64,
            "attrib": 0,
            "date": GROUP_DATE,
            "created": GROUP_DATE,
            "modified": GROUP_DATE,
            "category": 1,
            "deviceid": "sandbox-scale",
            "hash_deviceid": "sandbox-scale",
            "measures": measures,
            "comment": null,
            "timezone": "Europe/Paris",
        })]
    } else {
        Vec::new()
    };
    axum::Json(json!({
        "status": 0,
        "body": {
            "updatetime": sb.clock.now().timestamp(),
            "timezone": "Europe/Paris",
            "measuregrps": groups,
            "more": 0,
            "offset": 0,
        }
    }))
    .into_response()
}
