//! Alexa Settings API: the device's time zone and units. No permission needed.

use chrono_tz::Tz;
use std::time::Duration;

/// Read `System.timeZone` for a device. Any failure is `None`: the caller has
/// other sources for the zone and must not spend the user's 8 s here.
pub async fn time_zone(
    http: &reqwest::Client,
    api_endpoint: &str,
    api_token: &str,
    device_id: &str,
    timeout: Duration,
) -> Option<Tz> {
    let value = setting(
        http,
        api_endpoint,
        api_token,
        device_id,
        "System.timeZone",
        timeout,
    )
    .await?;
    value.parse().ok()
}

/// Distance units (`METRIC` or `IMPERIAL`).
pub async fn distance_units(
    http: &reqwest::Client,
    api_endpoint: &str,
    api_token: &str,
    device_id: &str,
    timeout: Duration,
) -> Option<String> {
    setting(
        http,
        api_endpoint,
        api_token,
        device_id,
        "System.distanceUnits",
        timeout,
    )
    .await
}

async fn setting(
    http: &reqwest::Client,
    api_endpoint: &str,
    api_token: &str,
    device_id: &str,
    name: &str,
    timeout: Duration,
) -> Option<String> {
    let device: String =
        percent_encoding::utf8_percent_encode(device_id, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    let url = format!(
        "{}/v2/devices/{device}/settings/{name}",
        api_endpoint.trim_end_matches('/')
    );
    let call = async {
        let resp = http.get(url).bearer_auth(api_token).send().await.ok()?;
        if resp.status() != reqwest::StatusCode::OK {
            tracing::debug!(status = %resp.status(), setting = name, "no Alexa setting");
            return None;
        }
        resp.json::<String>().await.ok()
    };
    tokio::time::timeout(timeout, call).await.ok().flatten()
}
