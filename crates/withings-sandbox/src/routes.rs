//! Routing. Each Withings path is routed to a handler of its own, which selects
//! what to do by the call's `action`, as the real API does, from the path's
//! table below (the index page lists the same tables). Every Withings call
//! first meets any injected fault, and is recorded with the status it was
//! answered with.

use crate::call::Call;
use crate::envelope::status;
use crate::health::{Ctx, activity, goals, measures, sleep, workouts};
use crate::state::SandboxState;
use crate::{CLIENT_ID, CLIENT_SECRET, alexa_settings, consent, faults, index, oauth1, oauth2};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde_json::Value;
use std::sync::Arc;
use withings::secret::ClientSecret;

/// An action answering a call by itself.
type Answer = fn(&SandboxState, &Call) -> Value;

/// An action on the data of the token's user.
type DataAnswer = fn(&Ctx) -> Result<Value, Value>;

pub(crate) enum Actions {
    /// A missing or unknown action is named as such.
    Open(&'static [(&'static str, Answer)]),
    /// The token is checked first, whatever the action.
    Data(&'static [(&'static str, DataAnswer)]),
}

use Actions::{Data, Open};

/// A Withings path and the actions it serves.
pub(crate) struct WithingsPath {
    pub path: &'static str,
    /// POST only, or any method.
    post_only: bool,
    pub actions: Actions,
}

pub(crate) const WITHINGS: &[WithingsPath] = &[
    WithingsPath::post(
        "/v2/oauth2",
        Open(&[
            ("requesttoken", oauth2::request_token),
            ("revoke", oauth2::revoke),
        ]),
    ),
    WithingsPath::post("/v2/signature", Open(&[("getnonce", oauth2::get_nonce)])),
    WithingsPath::any("/v2/sleep", Open(&[("getsummary", sleep_summary)])),
    // GET /measure is the OAuth 1.0 provider's.
    WithingsPath::post("/measure", Data(&[("getmeas", measures::getmeas)])),
    WithingsPath::any(
        "/v2/measure",
        Data(&[
            ("getactivity", activity::getactivity),
            ("getworkouts", workouts::getworkouts),
        ]),
    ),
    WithingsPath::any("/v2/user", Data(&[("getgoals", goals::getgoals)])),
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
    let mut router = Router::new().route("/", get(index::page));
    for withings in WITHINGS {
        let handler =
            move |State(sb): State<Arc<SandboxState>>, call: Call| withings.answer(sb, call);
        router = router.route(
            withings.path,
            if withings.post_only {
                post(handler)
            } else {
                any(handler)
            },
        );
    }
    router
        .route(alexa_settings::PATH, get(alexa_settings::setting))
        .route("/oauth2_user/authorize2", get(consent::authorize))
        .route(
            "/sandbox/faults",
            post(faults::inject).delete(faults::clear),
        )
        .route("/sandbox/clock", get(SandboxState::clock_page))
        .with_state(state)
        .merge(oauth1::router(oauth1))
}

impl WithingsPath {
    const fn post(path: &'static str, actions: Actions) -> Self {
        WithingsPath {
            path,
            post_only: true,
            actions,
        }
    }

    const fn any(path: &'static str, actions: Actions) -> Self {
        WithingsPath {
            path,
            post_only: false,
            actions,
        }
    }

    pub(crate) fn action_names(&self) -> Vec<&'static str> {
        match self.actions {
            Open(actions) => actions.iter().map(|(name, _)| *name).collect(),
            Data(actions) => actions.iter().map(|(name, _)| *name).collect(),
        }
    }

    /// The path's handler.
    async fn answer(&self, sb: Arc<SandboxState>, call: Call) -> Response {
        serve(&sb, &call, || match self.actions {
            Open(actions) => match find(actions, call.action()) {
                Some(answer) => answer(&sb, &call),
                None if call.action().is_empty() => status(2554, "Missing action"),
                None => unknown_action(),
            },
            Data(actions) => as_user(&sb, &call, |ctx| match find(actions, call.action()) {
                Some(answer) => answer(ctx),
                None => Err(unknown_action()),
            }),
        })
        .await
    }
}

fn find<T: Copy>(actions: &[(&str, T)], name: &str) -> Option<T> {
    actions.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
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

/// getsummary checks the token only once the action is known.
fn sleep_summary(sb: &SandboxState, call: &Call) -> Value {
    as_user(sb, call, sleep::getsummary)
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
    let ctx = Ctx {
        user: &user,
        tz: sb.user_zone(&user),
        now: sb.data_now(&user),
        page_size: sb.page_size(),
        params: &call.params,
        extra_groups: &extra_groups,
    };
    action(&ctx).unwrap_or_else(|e| e)
}

fn unknown_action() -> Value {
    status(2554, "Unknown action")
}
