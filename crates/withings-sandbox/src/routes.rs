//! Routing: each Withings path has its handler, which selects on `action` as
//! the real API does. Every Withings call first meets any injected fault, and
//! is recorded with the status it was answered with.

use crate::call::Call;
use crate::envelope::status;
use crate::health::{self, Ctx, activity, goals, measures, sleep, workouts};
use crate::state::SandboxState;
use crate::{CLIENT_ID, CLIENT_SECRET, alexa_settings, consent, faults, index, oauth1, oauth2};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde_json::Value;
use std::sync::Arc;
use withings::secret::ClientSecret;

/// The Withings paths served and the actions each selects (the index page
/// lists them; a test calls each).
pub(crate) const WITHINGS: &[(&str, &[&str])] = &[
    ("/v2/oauth2", &["requesttoken"]),
    ("/v2/signature", &["getnonce"]),
    ("/v2/sleep", &["getsummary"]),
    ("/measure", &["getmeas"]),
    ("/v2/measure", &["getactivity", "getworkouts"]),
    ("/v2/user", &["getgoals"]),
];

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
        .route("/", get(index::page))
        .route("/v2/oauth2", post(v2_oauth2))
        .route("/v2/signature", post(v2_signature))
        .route("/v2/sleep", any(v2_sleep))
        .route("/measure", post(measure))
        .route("/v2/measure", any(v2_measure))
        .route("/v2/user", any(v2_user))
        .route(alexa_settings::PATH, get(alexa_settings::setting))
        .route("/oauth2_user/authorize2", get(consent::authorize))
        .route(
            "/sandbox/faults",
            post(faults::inject).delete(faults::clear),
        )
        .with_state(state)
        .merge(oauth1::router(oauth1))
}

async fn v2_oauth2(State(sb): State<Arc<SandboxState>>, call: Call) -> Response {
    serve(&sb, &call, || match call.action() {
        "requesttoken" => oauth2::request_token(&sb, &call.params),
        other => unknown(other),
    })
    .await
}

async fn v2_signature(State(sb): State<Arc<SandboxState>>, call: Call) -> Response {
    serve(&sb, &call, || match call.action() {
        "getnonce" => oauth2::get_nonce(&sb, &call.params),
        other => unknown(other),
    })
    .await
}

async fn v2_sleep(State(sb): State<Arc<SandboxState>>, call: Call) -> Response {
    serve(&sb, &call, || match call.action() {
        "getsummary" => as_user(&sb, &call, sleep::getsummary),
        other => unknown(other),
    })
    .await
}

// The data paths below check the token before the action, as they always have.

async fn measure(State(sb): State<Arc<SandboxState>>, call: Call) -> Response {
    serve(&sb, &call, || {
        as_user(&sb, &call, |ctx| match call.action() {
            "getmeas" => measures::getmeas(ctx),
            _ => Err(unknown_action()),
        })
    })
    .await
}

async fn v2_measure(State(sb): State<Arc<SandboxState>>, call: Call) -> Response {
    serve(&sb, &call, || {
        as_user(&sb, &call, |ctx| match call.action() {
            "getactivity" => activity::getactivity(ctx),
            "getworkouts" => workouts::getworkouts(ctx),
            _ => Err(unknown_action()),
        })
    })
    .await
}

async fn v2_user(State(sb): State<Arc<SandboxState>>, call: Call) -> Response {
    serve(&sb, &call, || {
        as_user(&sb, &call, |ctx| match call.action() {
            "getgoals" => goals::getgoals(ctx),
            _ => Err(unknown_action()),
        })
    })
    .await
}

/// A Withings call: an injected fault stands in for the answer (or delays it);
/// either way the status answered is recorded.
async fn serve(sb: &SandboxState, call: &Call, answer: impl FnOnce() -> Value) -> Response {
    let (path, action) = (call.path(), call.action());
    if let Some(fault) = sb.take_fault(path)
        && let Some((recorded, response)) = fault.strike().await
    {
        sb.record(path, action, recorded);
        return response;
    }
    let reply = answer();
    let code = reply.get("status").and_then(Value::as_i64).unwrap_or(-1);
    sb.record(path, action, code);
    Json(reply).into_response()
}

/// Authenticate the call, then run a data action for the token's user, on
/// their data as of their last sync.
fn as_user(
    sb: &SandboxState,
    call: &Call,
    action: impl FnOnce(&Ctx) -> Result<Value, Value>,
) -> Value {
    let user = match sb.authenticate(call.access_token()) {
        Ok(user) => user,
        Err(e) => return e,
    };
    let extra_groups = sb.extra_groups(&user);
    let ctx = health::Ctx {
        user: &user,
        tz: sb.user_zone(&user),
        now: sb.data_now(&user),
        page_size: sb.page_size,
        params: &call.params,
        extra_groups: &extra_groups,
    };
    action(&ctx).unwrap_or_else(|e| e)
}

fn unknown(action: &str) -> Value {
    if action.is_empty() {
        status(2554, "Missing action")
    } else {
        unknown_action()
    }
}

fn unknown_action() -> Value {
    status(2554, "Unknown action")
}
