//! Switchable faults on the Withings paths: a Withings error status, an HTTP
//! error, a delay, a body that is not JSON or an empty one, for the next `times` calls.
//! Tests call [`SandboxState::inject`]; over HTTP, `POST /sandbox/faults` takes
//! a [`Fault`] as JSON and `DELETE /sandbox/faults` clears them all.

use crate::envelope::status;
use crate::state::{SandboxState, lock};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

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
    /// HTTP 200 with nothing in the body.
    Empty,
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

/// The faults waiting, first injected first.
#[derive(Default)]
pub(crate) struct Faults(Vec<Fault>);

impl SandboxState {
    pub fn inject(&self, fault: Fault) {
        lock(&self.faults).0.push(fault);
    }

    pub fn clear_faults(&self) {
        lock(&self.faults).0.clear();
    }

    /// The first fault for `path`, counting it used.
    pub(crate) fn take_fault(&self, path: &str) -> Option<FaultKind> {
        let faults = &mut lock(&self.faults).0;
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
}

impl FaultKind {
    /// What the call gets instead of its answer, and the status to record for
    /// it (`-http_status`, -1 for garbage, -2 for an empty body); `None` once a delay has passed
    /// and the call should be answered.
    pub(crate) async fn strike(self) -> Option<(i64, Response)> {
        match self {
            FaultKind::Http { status } => {
                let code =
                    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let page = (code, "<html><body>upstream error</body></html>");
                Some((-i64::from(status), page.into_response()))
            }
            FaultKind::Garbage => {
                let cut_short = (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "application/json")],
                    "{\"status\":0,\"body\":{\"series\":[{\"date\":",
                );
                Some((-1, cut_short.into_response()))
            }
            FaultKind::Empty => {
                let nothing = (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "application/json")],
                    "",
                );
                Some((-2, nothing.into_response()))
            }
            FaultKind::Status { status: s } => {
                let error = match s {
                    401 => {
                        "XRequestID: Not provided invalid_token: The access token provided is invalid"
                    }
                    601 => "Too Many Requests",
                    _ => "Injected fault",
                };
                Some((s, Json(status(s, error)).into_response()))
            }
            FaultKind::Delay { millis } => {
                tokio::time::sleep(std::time::Duration::from_millis(millis)).await;
                None
            }
        }
    }
}

/// `POST /sandbox/faults`: inject the fault in the JSON body.
pub(crate) async fn inject(
    State(sb): State<Arc<SandboxState>>,
    Json(fault): Json<Fault>,
) -> StatusCode {
    sb.inject(fault);
    StatusCode::NO_CONTENT
}

/// `DELETE /sandbox/faults`: clear every fault.
pub(crate) async fn clear(State(sb): State<Arc<SandboxState>>) -> StatusCode {
    sb.clear_faults();
    StatusCode::NO_CONTENT
}
