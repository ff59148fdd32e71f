//! A Withings-shaped API on loopback, for offline demos and as the test peer:
//! real bearer-token checks (expired → status 401), refresh-token rotation as
//! Withings does it, deterministic data relative to "now", switchable faults,
//! and the Alexa Settings API for the device's time zone.

// The sleep summary in health/sleep.rs is one `json!` literal of ~40 fields, past
// serde_json's macro recursion under the default limit of 128.
#![recursion_limit = "256"]

pub mod health;
pub mod oauth1;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::net::TcpListener;
use withings::Clock;
use withings::oauth2::request_signature;
use withings::secret::{ClientSecret, random_token};

/// Credentials the sandbox accepts.
pub const CLIENT_ID: &str = "sandbox-client";
pub const CLIENT_SECRET: &str = "sandbox-secret";

/// A public demo account every sandbox knows. Its tokens never expire or rotate
/// out, so a link seeded with them works against any sandbox, however long it runs.
pub const DEMO_USER_ID: &str = "31415926";
pub const DEMO_ACCESS_TOKEN: &str = "sandbox-demo-access-token";
pub const DEMO_REFRESH_TOKEN: &str = "sandbox-demo-refresh-token";
pub const DEMO_TIMEZONE: &str = "America/New_York";

/// Withings' lifetimes.
const ACCESS_LIFETIME_SECS: i64 = 10_800;
const OLD_REFRESH_GRACE_HOURS: i64 = 8;

/// One injected fault.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// HTTP 200 with this non-zero body status (401, 601, 2554, …).
    Status { status: i64 },
    /// A plain HTTP error status (500, 502, 503, …).
    Http { status: u16 },
    /// Answer normally, but only after this many milliseconds.
    Delay { millis: u64 },
    /// A body that is not JSON.
    Garbage,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Fault {
    /// Request path to affect (`/v2/sleep`); `None` affects every Withings path.
    #[serde(default)]
    pub path: Option<String>,
    #[serde(flatten)]
    pub kind: FaultKind,
    /// How many requests to affect; `None` until cleared.
    #[serde(default)]
    pub times: Option<u32>,
}

struct IssuedAccess {
    user: String,
    expires_at: DateTime<Utc>,
    /// The refresh token this access token was issued with (retired on first use).
    issued_from: Option<String>,
}

struct IssuedRefresh {
    user: String,
    /// Set once a refresh rotated this token out: valid until the successor access
    /// token is used, or for 8 hours.
    retired_at: Option<DateTime<Utc>>,
    superseded_by: Option<String>,
    dead: bool,
}

#[derive(Default)]
struct Tokens {
    access: HashMap<String, IssuedAccess>,
    refresh: HashMap<String, IssuedRefresh>,
    nonces: HashMap<String, DateTime<Utc>>,
    codes: HashMap<String, IssuedCode>,
}

/// An authorization code: valid 30 s, single use, bound to its redirect URI.
struct IssuedCode {
    user: String,
    redirect_uri: String,
    issued_at: DateTime<Utc>,
}

/// What the sandbox saw, for tests.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen {
    pub path: String,
    pub action: String,
    pub status: i64,
}

pub struct SandboxState {
    clock: Clock,
    /// Added to the clock, so tests can let time pass (code and token expiry).
    skew: Mutex<Duration>,
    users: Mutex<HashMap<String, Tz>>,
    device_zone: Mutex<Option<String>>,
    tokens: Mutex<Tokens>,
    faults: Mutex<Vec<Fault>>,
    seen: Mutex<Vec<Seen>>,
    page_size: usize,
    /// Per user: data after this instant has not reached Withings yet.
    last_sync: Mutex<HashMap<String, DateTime<Utc>>>,
    /// Per user: measure groups served besides the generated ones.
    extra_groups: Mutex<HashMap<String, Vec<Value>>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Tokens issued by the sandbox for tests and seeding.
#[derive(Clone, Debug)]
pub struct IssuedTokens {
    pub user_id: String,
    pub access_token: String,
    pub refresh_token: String,
    pub expires_at: DateTime<Utc>,
}

impl SandboxState {
    pub fn new(clock: Clock) -> Arc<Self> {
        let state = SandboxState {
            clock,
            skew: Mutex::new(Duration::zero()),
            users: Mutex::new(HashMap::new()),
            device_zone: Mutex::new(Some(DEMO_TIMEZONE.to_string())),
            tokens: Mutex::new(Tokens::default()),
            faults: Mutex::new(Vec::new()),
            seen: Mutex::new(Vec::new()),
            page_size: 25,
            last_sync: Mutex::new(HashMap::new()),
            extra_groups: Mutex::new(HashMap::new()),
        };
        state.add_user(DEMO_USER_ID, DEMO_TIMEZONE.parse().unwrap_or(Tz::UTC));
        Arc::new(state)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now() + *lock(&self.skew)
    }

    /// Let `by` pass on the sandbox's clock.
    pub fn advance(&self, by: Duration) {
        *lock(&self.skew) += by;
    }

    pub fn add_user(&self, user: &str, tz: Tz) {
        lock(&self.users).insert(user.to_string(), tz);
    }

    /// Move the demo user, and the device the fake Settings API describes, to `tz`.
    pub fn set_demo_zone(&self, tz: Tz) {
        self.add_user(DEMO_USER_ID, tz);
        self.set_device_zone(Some(tz.name()));
    }

    /// Pretend `user`'s devices last synced at `at`: nights, weigh-ins, steps
    /// and workouts after it are not served (`None`: always in sync).
    pub fn set_last_sync(&self, user: &str, at: Option<DateTime<Utc>>) {
        let mut m = lock(&self.last_sync);
        match at {
            Some(t) => m.insert(user.to_string(), t),
            None => m.remove(user),
        };
    }

    /// Serve `group` (a getmeas `measuregrps` item) for `user` as well.
    pub fn add_measure_group(&self, user: &str, group: Value) {
        lock(&self.extra_groups)
            .entry(user.to_string())
            .or_default()
            .push(group);
    }

    /// "Now" as far as `user`'s data is concerned: the last sync, if earlier.
    fn data_now(&self, user: &str) -> DateTime<Utc> {
        let now = self.now();
        lock(&self.last_sync)
            .get(user)
            .map_or(now, |t| (*t).min(now))
    }

    /// The zone the fake Alexa Settings API reports (`None`: answer 204).
    pub fn set_device_zone(&self, tz: Option<&str>) {
        *lock(&self.device_zone) = tz.map(str::to_owned);
    }

    /// Issue a fresh token pair for `user`, expiring `valid_for` from now
    /// (negative for an already expired access token).
    pub fn issue(&self, user: &str, valid_for: Duration) -> IssuedTokens {
        let issued = IssuedTokens {
            user_id: user.to_string(),
            access_token: random_token(20),
            refresh_token: random_token(20),
            expires_at: self.now() + valid_for,
        };
        let mut t = lock(&self.tokens);
        t.access.insert(
            issued.access_token.clone(),
            IssuedAccess {
                user: user.into(),
                expires_at: issued.expires_at,
                issued_from: None,
            },
        );
        t.refresh.insert(
            issued.refresh_token.clone(),
            IssuedRefresh {
                user: user.into(),
                retired_at: None,
                superseded_by: None,
                dead: false,
            },
        );
        issued
    }

    /// Issue an authorization code for `user`, as the consent page would.
    pub fn issue_code(&self, user: &str, redirect_uri: &str) -> String {
        let code = random_token(20);
        lock(&self.tokens).codes.insert(
            code.clone(),
            IssuedCode {
                user: user.into(),
                redirect_uri: redirect_uri.into(),
                issued_at: self.now(),
            },
        );
        code
    }

    /// Revoke every token of `user` (as if they unlinked the app in Withings).
    pub fn revoke_user(&self, user: &str) {
        let mut t = lock(&self.tokens);
        t.access.retain(|_, g| g.user != user);
        for g in t.refresh.values_mut().filter(|g| g.user == user) {
            g.dead = true;
        }
    }

    pub fn inject(&self, fault: Fault) {
        lock(&self.faults).push(fault);
    }

    pub fn clear_faults(&self) {
        lock(&self.faults).clear();
    }

    pub fn seen(&self) -> Vec<Seen> {
        lock(&self.seen).clone()
    }

    pub fn count(&self, action: &str) -> usize {
        lock(&self.seen)
            .iter()
            .filter(|s| s.action == action)
            .count()
    }

    /// Is this refresh token still accepted?
    pub fn refresh_token_valid(&self, token: &str) -> bool {
        let now = self.now();
        let t = lock(&self.tokens);
        t.refresh.get(token).is_some_and(|g| refresh_usable(g, now))
    }

    fn take_fault(&self, path: &str) -> Option<FaultKind> {
        let mut faults = lock(&self.faults);
        let i = faults
            .iter()
            .position(|f| f.path.as_deref().is_none_or(|p| p == path))?;
        let kind = faults[i].kind.clone();
        match &mut faults[i].times {
            Some(1) => {
                faults.remove(i);
            }
            Some(n) => *n -= 1,
            None => {}
        }
        Some(kind)
    }

    /// Check a bearer token; retire the refresh token it was issued from.
    fn authenticate(
        &self,
        headers: &HeaderMap,
        form: &HashMap<String, String>,
    ) -> Result<String, Value> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_owned)
            .or_else(|| form.get("access_token").cloned())
            .ok_or_else(|| invalid_token("Missing access token"))?;
        if token == DEMO_ACCESS_TOKEN {
            return Ok(DEMO_USER_ID.into());
        }
        let now = self.now();
        let mut t = lock(&self.tokens);
        let grant = t
            .access
            .get_mut(&token)
            .ok_or_else(|| invalid_token("The access token provided is invalid"))?;
        if grant.expires_at <= now {
            return Err(invalid_token("The access token provided is invalid"));
        }
        let user = grant.user.clone();
        // Withings: the old refresh token dies once the new access token is used.
        if let Some(old) = grant.issued_from.take()
            && let Some(g) = t.refresh.get_mut(&old)
        {
            g.dead = true;
        }
        Ok(user)
    }
}

fn refresh_usable(g: &IssuedRefresh, now: DateTime<Utc>) -> bool {
    !g.dead
        && g.retired_at
            .is_none_or(|r| now < r + Duration::hours(OLD_REFRESH_GRACE_HOURS))
}

fn invalid_token(why: &str) -> Value {
    json!({"status": 401, "body": {}, "error": format!("XRequestID: Not provided invalid_token: {why}")})
}

fn status(code: i64, error: &str) -> Value {
    json!({"status": code, "body": {}, "error": error})
}

fn ok(body: Value) -> Value {
    json!({"status": 0, "body": body})
}

/// Form body and query merged (Withings accepted both).
fn params(query: Option<&str>, body: &[u8]) -> HashMap<String, String> {
    let mut p: HashMap<String, String> = url::form_urlencoded::parse(body).into_owned().collect();
    if let Some(q) = query {
        for (k, v) in url::form_urlencoded::parse(q.as_bytes()).into_owned() {
            p.entry(k).or_insert(v);
        }
    }
    p
}

async fn withings(
    State(state): State<Arc<SandboxState>>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let form = params(query.as_deref(), &body);
    let action = form.get("action").cloned().unwrap_or_default();
    let fault = state.take_fault(&path);
    match fault {
        Some(FaultKind::Http { status }) => {
            state.record(&path, &action, -(status as i64));
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return (code, "<html><body>upstream error</body></html>").into_response();
        }
        Some(FaultKind::Garbage) => {
            state.record(&path, &action, -1);
            return (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                "{\"status\":0,\"body\":{\"series\":[{\"date\":",
            )
                .into_response();
        }
        Some(FaultKind::Status { status: s }) => {
            state.record(&path, &action, s);
            let error = match s {
                401 => {
                    "XRequestID: Not provided invalid_token: The access token provided is invalid"
                }
                601 => "Too Many Requests",
                _ => "Injected fault",
            };
            return axum::Json(status(s, error)).into_response();
        }
        Some(FaultKind::Delay { millis }) => {
            tokio::time::sleep(std::time::Duration::from_millis(millis)).await;
        }
        None => {}
    }
    let reply = state.dispatch(&path, &action, &headers, &form);
    let code = reply.get("status").and_then(Value::as_i64).unwrap_or(-1);
    state.record(&path, &action, code);
    axum::Json(reply).into_response()
}

impl SandboxState {
    fn record(&self, path: &str, action: &str, status: i64) {
        lock(&self.seen).push(Seen {
            path: path.into(),
            action: action.into(),
            status,
        });
    }

    fn dispatch(
        &self,
        path: &str,
        action: &str,
        headers: &HeaderMap,
        form: &HashMap<String, String>,
    ) -> Value {
        match (path, action) {
            ("/v2/oauth2", "requesttoken") => self.request_token(form),
            ("/v2/signature", "getnonce") => self.get_nonce(form),
            ("/v2/sleep", "getsummary") => self.as_user(headers, form, health::sleep::getsummary),
            ("/measure", "getmeas") => self.as_user(headers, form, health::measures::getmeas),
            ("/v2/measure", "getactivity") => {
                self.as_user(headers, form, health::activity::getactivity)
            }
            ("/v2/measure", "getworkouts") => {
                self.as_user(headers, form, health::workouts::getworkouts)
            }
            ("/v2/user", "getgoals") => self.as_user(headers, form, health::goals::getgoals),
            ("/measure" | "/v2/measure" | "/v2/user", _) => {
                match self.authenticate(headers, form) {
                    Ok(_) => status(2554, "Unknown action"),
                    Err(e) => e,
                }
            }
            (_, "") => status(2554, "Missing action"),
            _ => status(2554, "Unknown action"),
        }
    }

    fn check_client(&self, form: &HashMap<String, String>) -> Result<(), Value> {
        if form.get("client_id").map(String::as_str) != Some(CLIENT_ID) {
            return Err(status(503, "Invalid Params: invalid client_id"));
        }
        if let Some(secret) = form.get("client_secret") {
            return if secret == CLIENT_SECRET {
                Ok(())
            } else {
                Err(status(503, "Invalid Params: invalid client_secret"))
            };
        }
        // Signed variant: a single-use nonce plus HMAC-SHA256 over action,client_id,nonce.
        let (Some(nonce), Some(sig)) = (form.get("nonce"), form.get("signature")) else {
            return Err(status(
                503,
                "Invalid Params: missing client_secret or signature",
            ));
        };
        let expected = request_signature(
            &ClientSecret::new(CLIENT_SECRET),
            &[
                form.get("action").map(String::as_str).unwrap_or(""),
                CLIENT_ID,
                nonce,
            ],
        );
        let fresh = lock(&self.tokens)
            .nonces
            .remove(nonce)
            .is_some_and(|t| self.now() - t < Duration::minutes(30));
        if !fresh {
            return Err(status(503, "Invalid Params: invalid nonce"));
        }
        if *sig != expected {
            return Err(status(503, "Invalid Params: invalid signature"));
        }
        Ok(())
    }

    fn get_nonce(&self, form: &HashMap<String, String>) -> Value {
        let ts = form.get("timestamp").cloned().unwrap_or_default();
        let expected = request_signature(
            &ClientSecret::new(CLIENT_SECRET),
            &["getnonce", CLIENT_ID, &ts],
        );
        if form.get("client_id").map(String::as_str) != Some(CLIENT_ID)
            || form.get("signature") != Some(&expected)
        {
            return status(503, "Invalid Params: invalid signature");
        }
        let nonce = random_token(16);
        lock(&self.tokens).nonces.insert(nonce.clone(), self.now());
        ok(json!({"nonce": nonce}))
    }

    fn request_token(&self, form: &HashMap<String, String>) -> Value {
        if let Err(e) = self.check_client(form) {
            return e;
        }
        let now = self.now();
        match form.get("grant_type").map(String::as_str) {
            Some("refresh_token") => {
                let Some(old) = form.get("refresh_token") else {
                    return status(503, "Invalid Params: invalid refresh_token");
                };
                let user = if old == DEMO_REFRESH_TOKEN {
                    DEMO_USER_ID.to_string()
                } else {
                    let t = lock(&self.tokens);
                    match t.refresh.get(old) {
                        Some(g) if refresh_usable(g, now) => g.user.clone(),
                        _ => return status(503, "Invalid Params: invalid refresh_token"),
                    }
                };
                let issued = self.issue(&user, Duration::seconds(ACCESS_LIFETIME_SECS));
                let mut t = lock(&self.tokens);
                if old != DEMO_REFRESH_TOKEN {
                    if let Some(g) = t.refresh.get_mut(old) {
                        g.retired_at.get_or_insert(now);
                        g.superseded_by = Some(issued.refresh_token.clone());
                    }
                    if let Some(a) = t.access.get_mut(&issued.access_token) {
                        a.issued_from = Some(old.clone());
                    }
                }
                drop(t);
                token_body(&issued)
            }
            Some("authorization_code") => {
                let code = form.get("code").map(String::as_str).unwrap_or("");
                // Single use: the code is gone whatever the outcome.
                let grant = lock(&self.tokens).codes.remove(code);
                match grant {
                    Some(g)
                        if now - g.issued_at <= Duration::seconds(30)
                            && form.get("redirect_uri") == Some(&g.redirect_uri) =>
                    {
                        token_body(&self.issue(&g.user, Duration::seconds(ACCESS_LIFETIME_SECS)))
                    }
                    _ => status(503, "Invalid Params: invalid code"),
                }
            }
            _ => status(503, "Invalid Params: invalid grant_type"),
        }
    }

    fn user_zone(&self, user: &str) -> Tz {
        lock(&self.users).get(user).copied().unwrap_or(Tz::UTC)
    }

    /// Authenticate, then answer for the token's user with their data as of now.
    fn as_user(
        &self,
        headers: &HeaderMap,
        form: &HashMap<String, String>,
        action: fn(&health::Ctx) -> Result<Value, Value>,
    ) -> Value {
        let user = match self.authenticate(headers, form) {
            Ok(user) => user,
            Err(e) => return e,
        };
        let extra = lock(&self.extra_groups)
            .get(&user)
            .cloned()
            .unwrap_or_default();
        let ctx = health::Ctx {
            user: &user,
            tz: self.user_zone(&user),
            now: self.data_now(&user),
            page_size: self.page_size,
            form,
            extra_groups: &extra,
        };
        action(&ctx).unwrap_or_else(|e| e)
    }
}

fn token_body(t: &IssuedTokens) -> Value {
    ok(json!({
        // Real responses send userid as a string, despite the spec's integer.
        "userid": t.user_id,
        "access_token": t.access_token,
        "refresh_token": t.refresh_token,
        "expires_in": ACCESS_LIFETIME_SECS,
        "scope": "user.metrics,user.activity",
        "csrf_token": random_token(12),
        "token_type": "Bearer",
    }))
}

/// The fake Alexa Settings API (`/v2/devices/{id}/settings/{name}`).
async fn alexa_setting(
    State(state): State<Arc<SandboxState>>,
    Path((_device, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if !headers.contains_key(header::AUTHORIZATION) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    match name.as_str() {
        "System.timeZone" => match lock(&state.device_zone).clone() {
            Some(tz) => axum::Json(tz).into_response(),
            None => StatusCode::NO_CONTENT.into_response(),
        },
        "System.distanceUnits" => axum::Json("IMPERIAL").into_response(),
        "System.temperatureUnit" => axum::Json("FAHRENHEIT").into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The consent page (`/oauth2_user/authorize2`): there is no one to click, so it
/// consents at once for the demo user and redirects back with a code, as Withings
/// does after login.
async fn authorize(State(state): State<Arc<SandboxState>>, RawQuery(query): RawQuery) -> Response {
    let p = params(query.as_deref(), b"");
    let get = |k: &str| p.get(k).map(String::as_str).unwrap_or("");
    if get("response_type") != "code" || get("client_id") != CLIENT_ID || get("state").is_empty() {
        return (StatusCode::BAD_REQUEST, "invalid authorization request").into_response();
    }
    let Ok(mut back) = url::Url::parse(get("redirect_uri")) else {
        return (StatusCode::BAD_REQUEST, "invalid redirect_uri").into_response();
    };
    let user = p.get("userid").map(String::as_str).unwrap_or(DEMO_USER_ID);
    let code = state.issue_code(user, get("redirect_uri"));
    back.query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", get("state"));
    (StatusCode::FOUND, [(header::LOCATION, back.to_string())]).into_response()
}

/// Test control: `POST /sandbox/faults` with a `Fault` as JSON; `DELETE` clears.
async fn faults(
    State(state): State<Arc<SandboxState>>,
    method: axum::http::Method,
    body: Bytes,
) -> Response {
    if method == axum::http::Method::DELETE {
        state.clear_faults();
        return StatusCode::NO_CONTENT.into_response();
    }
    match serde_json::from_slice::<Fault>(&body) {
        Ok(f) => {
            state.inject(f);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    }
}

pub fn router(state: Arc<SandboxState>) -> Router {
    // The historical OAuth 1.0 provider (request/authorize/access token and a
    // signed GET /measure), verifying signatures for real.
    let oauth1 = oauth1::OAuth1Sandbox::configured(
        CLIENT_ID,
        ClientSecret::new(CLIENT_SECRET),
        oauth1::SANDBOX_USERID,
        state.clock,
    );
    Router::new()
        .route("/v2/oauth2", post(withings))
        .route("/v2/signature", post(withings))
        .route("/v2/sleep", any(withings))
        .route("/measure", post(withings))
        .route("/v2/measure", any(withings))
        .route("/v2/user", any(withings))
        .route("/v2/devices/{device}/settings/{name}", get(alexa_setting))
        .route("/oauth2_user/authorize2", get(authorize))
        .route("/sandbox/faults", post(faults).delete(faults))
        .with_state(state)
        .merge(oauth1::router(oauth1))
}

/// A running sandbox. Dropping it stops the server.
pub struct Sandbox {
    pub state: Arc<SandboxState>,
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Sandbox {
    /// Serve on `127.0.0.1:port` (0 picks a free port).
    pub async fn start(clock: Clock, port: u16) -> std::io::Result<Sandbox> {
        Self::start_on(clock, SocketAddr::from(([127, 0, 0, 1], port))).await
    }

    pub async fn start_on(clock: Clock, addr: SocketAddr) -> std::io::Result<Sandbox> {
        let state = SandboxState::new(clock);
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app = router(state.clone());
        tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = rx.await;
            });
            if let Err(e) = serve.await {
                tracing::error!(error = %e, "sandbox server stopped");
            }
        });
        Ok(Sandbox {
            state,
            addr,
            shutdown: Some(tx),
        })
    }

    pub fn url(&self) -> url::Url {
        url::Url::parse(&format!("http://{}", self.addr))
            .expect("a socket address is a valid URL host")
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
