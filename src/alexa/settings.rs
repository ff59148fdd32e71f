//! Alexa Settings API: the device's time zone and units. No permission needed.
//! The three settings are asked for together, within one short budget.

use chrono_tz::Tz;
use std::time::Duration;
use url::Url;

pub use super::settings_cache::SettingsCache;

/// `System.distanceUnits`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistanceUnits {
    Metric,
    Imperial,
}

/// `System.temperatureUnit` (singular in the API).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemperatureUnit {
    Celsius,
    Fahrenheit,
}

/// What the device's settings say; `None` where a setting is unset, unknown
/// or could not be read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeviceSettings {
    pub zone: Option<Tz>,
    pub distance_units: Option<DistanceUnits>,
    pub temperature_unit: Option<TemperatureUnit>,
}

/// A lookup's settings, and whether every setting got a definite answer (a
/// value, or 204 "not set"). An incomplete lookup is only remembered briefly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lookup {
    pub settings: DeviceSettings,
    pub complete: bool,
}

const TIME_ZONE: &str = "System.timeZone";
const DISTANCE_UNITS: &str = "System.distanceUnits";
const TEMPERATURE_UNIT: &str = "System.temperatureUnit";

/// Read the three settings of `device_id` concurrently, all within `timeout`.
/// Any failure is `None` for that setting: the caller has other sources for the
/// zone and must not spend the user's 8 s here.
pub async fn device_settings(
    http: &reqwest::Client,
    api_endpoint: &str,
    api_token: &str,
    device_id: &str,
    timeout: Duration,
) -> Lookup {
    let get = |name| async move {
        let url = setting_url(api_endpoint, device_id, name).ok_or(())?;
        let call = read_setting(http, url, api_token, name);
        tokio::time::timeout(timeout, call).await.map_err(|_| ())?
    };
    let (zone, distance, temperature) =
        tokio::join!(get(TIME_ZONE), get(DISTANCE_UNITS), get(TEMPERATURE_UNIT));
    Lookup {
        complete: zone.is_ok() && distance.is_ok() && temperature.is_ok(),
        settings: DeviceSettings {
            zone: zone.ok().flatten().and_then(|z| z.parse().ok()),
            distance_units: distance.ok().flatten().and_then(|d| parse_distance(&d)),
            temperature_unit: temperature
                .ok()
                .flatten()
                .and_then(|t| parse_temperature(&t)),
        },
    }
}

/// One setting: `Ok(Some)` for a value, `Ok(None)` for 204 (not set), `Err`
/// for anything that is no answer (transport, 401/403/429/5xx, a bad body).
async fn read_setting(
    http: &reqwest::Client,
    url: Url,
    api_token: &str,
    name: &str,
) -> Result<Option<String>, ()> {
    let resp =
        http.get(url).bearer_auth(api_token).send().await.map_err(
            |e| tracing::debug!(error = %e, setting = name, "Alexa setting unreachable"),
        )?;
    match resp.status() {
        reqwest::StatusCode::OK => resp.json::<String>().await.map(Some).map_err(
            |e| tracing::debug!(error = %e, setting = name, "Alexa setting is no JSON string"),
        ),
        reqwest::StatusCode::NO_CONTENT => Ok(None),
        status => {
            tracing::debug!(%status, setting = name, "no Alexa setting");
            Err(())
        }
    }
}

pub fn parse_distance(s: &str) -> Option<DistanceUnits> {
    match s {
        "METRIC" => Some(DistanceUnits::Metric),
        "IMPERIAL" => Some(DistanceUnits::Imperial),
        _ => None,
    }
}

pub fn parse_temperature(s: &str) -> Option<TemperatureUnit> {
    match s {
        "CELSIUS" => Some(TemperatureUnit::Celsius),
        "FAHRENHEIT" => Some(TemperatureUnit::Fahrenheit),
        _ => None,
    }
}

/// `{endpoint}/v2/devices/{device}/settings/{name}`, the device id escaped as
/// one path segment. `None` for an endpoint that is no base URL, or a device id
/// that a URL would not keep (`.`, `..`).
fn setting_url(api_endpoint: &str, device_id: &str, name: &str) -> Option<Url> {
    if matches!(device_id, "." | "..") {
        return None;
    }
    let mut url = Url::parse(api_endpoint).ok()?;
    url.path_segments_mut()
        .ok()?
        .pop_if_empty()
        .extend(["v2", "devices", device_id, "settings", name]);
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_device_id_is_one_escaped_segment() {
        let url = setting_url(
            "https://api.amazonalexa.com/",
            "amzn1.ask.device.A/B?c#d e%",
            "System.timeZone",
        )
        .unwrap();
        assert_eq!(
            url.as_str(),
            "https://api.amazonalexa.com/v2/devices/amzn1.ask.device.A%2FB%3Fc%23d%20e%25/settings/System.timeZone"
        );
        let local = setting_url("http://127.0.0.1:8080", "d", "System.timeZone").unwrap();
        assert_eq!(
            local.as_str(),
            "http://127.0.0.1:8080/v2/devices/d/settings/System.timeZone"
        );
        assert_eq!(setting_url("http://h", "..", "System.timeZone"), None);
        assert_eq!(setting_url("not a url", "d", "System.timeZone"), None);
    }

    #[test]
    fn units_are_read_as_the_api_spells_them() {
        assert_eq!(parse_distance("METRIC"), Some(DistanceUnits::Metric));
        assert_eq!(parse_distance("IMPERIAL"), Some(DistanceUnits::Imperial));
        assert_eq!(parse_distance("metric"), None);
        assert_eq!(parse_temperature("CELSIUS"), Some(TemperatureUnit::Celsius));
        assert_eq!(
            parse_temperature("FAHRENHEIT"),
            Some(TemperatureUnit::Fahrenheit)
        );
        assert_eq!(parse_temperature("KELVIN"), None);
    }
}
