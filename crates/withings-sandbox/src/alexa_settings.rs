//! A stand-in for the Alexa Settings API the skill asks for the device's time
//! zone and units: any bearer token is accepted, the zone is whatever
//! [`SandboxState::set_device_zone`] last set and the units whatever
//! [`SandboxState::set_device_units`] last set (none: 204 No Content). Each
//! call is recorded (path, and the setting's name as its action; status 0 when
//! answered, `-http_status` when refused).

use crate::state::{SandboxState, lock};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

pub(crate) const PATH: &str = "/v2/devices/{device}/settings/{name}";

/// The units the stand-in reports, as the API spells them (`"METRIC"`,
/// `"FAHRENHEIT"`, …); `None` answers 204. Unset by default, so every locale's
/// sample events hear the units of their locale.
#[derive(Clone, Debug, Default)]
pub(crate) struct DeviceUnits {
    distance: Option<String>,
    temperature: Option<String>,
}

impl SandboxState {
    /// The units the fake Alexa Settings API reports (default: not set).
    pub fn set_device_units(&self, distance: Option<&str>, temperature: Option<&str>) {
        *lock(&self.device_units) = DeviceUnits {
            distance: distance.map(str::to_owned),
            temperature: temperature.map(str::to_owned),
        };
    }
}

pub(crate) async fn setting(
    State(sb): State<Arc<SandboxState>>,
    Path((device, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let path = format!("/v2/devices/{device}/settings");
    if !headers.contains_key(header::AUTHORIZATION) {
        sb.record(&path, &name, -401);
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let units = lock(&sb.device_units).clone();
    let value = match name.as_str() {
        "System.timeZone" => sb.device_zone(),
        "System.distanceUnits" => units.distance,
        "System.temperatureUnit" => units.temperature,
        _ => {
            sb.record(&path, &name, -404);
            return StatusCode::NOT_FOUND.into_response();
        }
    };
    match value {
        Some(v) => {
            sb.record(&path, &name, 0);
            Json(v).into_response()
        }
        None => {
            sb.record(&path, &name, 0);
            StatusCode::NO_CONTENT.into_response()
        }
    }
}
