//! The consent page (`GET /oauth2_user/authorize2`): there is no one to click,
//! so it consents at once (for the demo user, or `userid` if given) and
//! redirects back with a code, as Withings does after login.

use crate::state::SandboxState;
use crate::{CLIENT_ID, DEMO_USER_ID};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize)]
pub(crate) struct Authorize {
    #[serde(default)]
    response_type: String,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    redirect_uri: String,
    /// Not a Withings parameter: consent as this user instead of the demo user.
    userid: Option<String>,
}

pub(crate) async fn authorize(
    State(sb): State<Arc<SandboxState>>,
    Query(req): Query<Authorize>,
) -> Response {
    if req.response_type != "code" || req.client_id != CLIENT_ID || req.state.is_empty() {
        return (StatusCode::BAD_REQUEST, "invalid authorization request").into_response();
    }
    let Ok(mut back) = url::Url::parse(&req.redirect_uri) else {
        return (StatusCode::BAD_REQUEST, "invalid redirect_uri").into_response();
    };
    let user = req.userid.as_deref().unwrap_or(DEMO_USER_ID);
    let code = sb.issue_code(user, &req.redirect_uri);
    back.query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", &req.state);
    (StatusCode::FOUND, [(header::LOCATION, back.to_string())]).into_response()
}
