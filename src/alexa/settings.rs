//! Alexa Settings API: the device's time zone. No permission needed.

use chrono_tz::Tz;
use std::time::Duration;
use url::Url;

/// Read `System.timeZone` for a device. Any failure is `None`: the caller has
/// other sources for the zone and must not spend the user's 8 s here.
pub async fn time_zone(
    http: &reqwest::Client,
    api_endpoint: &str,
    api_token: &str,
    device_id: &str,
    timeout: Duration,
) -> Option<Tz> {
    let name = "System.timeZone";
    let url = setting_url(api_endpoint, device_id, name)?;
    let call = async {
        let resp = http.get(url).bearer_auth(api_token).send().await.ok()?;
        if resp.status() != reqwest::StatusCode::OK {
            tracing::debug!(status = %resp.status(), setting = name, "no Alexa setting");
            return None;
        }
        resp.json::<String>().await.ok()
    };
    let value = tokio::time::timeout(timeout, call).await.ok().flatten()?;
    value.parse().ok()
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
    use super::setting_url;

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
}
