//! A stand-in for the Alexa Settings API the skill asks for the device's time
//! zone (and units): any bearer token is accepted, the zone is whatever
//! [`SandboxState::set_device_zone`] last set (none: 204 No Content).

use crate::state::SandboxState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

pub(crate) const PATH: &str = "/v2/devices/{device}/settings/{name}";

pub(crate) async fn setting(
    State(sb): State<Arc<SandboxState>>,
    Path((_device, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if !headers.contains_key(header::AUTHORIZATION) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    match name.as_str() {
        "System.timeZone" => match sb.device_zone() {
            Some(tz) => Json(tz).into_response(),
            None => StatusCode::NO_CONTENT.into_response(),
        },
        "System.distanceUnits" => Json("IMPERIAL").into_response(),
        "System.temperatureUnit" => Json("FAHRENHEIT").into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}
